import type { CellDef, RuleDef, TemplateDefinition } from './template-definitions';

/** A reported value: a number for COUNT / AMOUNT / RATE, a string for TEXT; absent = not reported. */
export type CellValue = number | string;
export type Figures = Record<string, CellValue>;

/** One failing cell: the input field, the cell, the rule it breaks and why. */
export interface StatisticsProblem {
  field: string;
  cell: string;
  rule: string;
  message: string;
}

const fieldOf = (cell: string) => `input.figures.${cell}`;

const cellIndex = new WeakMap<TemplateDefinition, Map<string, CellDef>>();
/** The cells of a template by key (templates are cached per process, so this is built once per template). */
export function cellsOf(def: TemplateDefinition): Map<string, CellDef> {
  let cells = cellIndex.get(def);
  if (!cells) cellIndex.set(def, (cells = new Map(def.cells.map((c) => [c.key, c]))));
  return cells;
}

/**
 * Type checks (always refusing): unknown keys, wrong types, negative or fractional counts.
 * Returns the clean figures (nulls dropped, texts trimmed) and the problems.
 *
 * A save sends a few hundred cells, usually all numbers: those figures are already clean and are
 * returned as they came, without copying them key by key into a new object (which cost more than
 * the checks themselves).
 */
export function checkCellTypes(
  def: TemplateDefinition,
  raw: Record<string, unknown>,
  templateCode: string,
): { figures: Figures; problems: StatisticsProblem[] } {
  const cells = cellsOf(def);
  let clean = true;
  for (const key in raw) {
    if (!Object.hasOwn(raw, key)) continue;
    const cell = cells.get(key);
    const value = raw[key];
    if (!cell || value === null || value === undefined || typeProblem(cell, value) || (cell.kind === 'TEXT' && (value as string).trim() !== value)) {
      clean = false;
      break;
    }
  }
  if (clean) return { figures: raw as Figures, problems: [] };
  const figures: Figures = {};
  const problems: StatisticsProblem[] = [];
  const add = (cell: string, rule: string, message: string) => problems.push({ field: fieldOf(cell), cell, rule, message });
  for (const [key, value] of Object.entries(raw)) {
    const cell = cells.get(key);
    if (!cell) {
      add(key, 'known-cell', `is not a cell of template ${templateCode}`);
      continue;
    }
    if (value === null || value === undefined) continue;
    const message = typeProblem(cell, value);
    if (message) add(key, `kind-${cell.kind}`, message);
    else figures[key] = cell.kind === 'TEXT' ? (value as string).trim() : (value as number);
  }
  return { figures, problems };
}

function typeProblem(cell: CellDef, value: unknown): string | null {
  switch (cell.kind) {
    case 'COUNT':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? null : 'must be a non-negative integer (COUNT)';
    case 'AMOUNT':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e12 ? null : 'must be a non-negative amount (AMOUNT)';
    case 'RATE':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100 ? null : 'must be a percentage between 0 and 100 (RATE)';
    case 'TEXT':
      return typeof value === 'string' && value.trim().length <= 500 ? null : 'must be a text of at most 500 characters (TEXT)';
  }
}

/**
 * The template's declared rules over type-checked figures; `previous` are last year's accepted
 * figures of the same unit (null when there are none, which skips CARRY_OVER rules).
 */
export function checkRules(def: TemplateDefinition, figures: Figures, previous: Figures | null): StatisticsProblem[] {
  const problems: StatisticsProblem[] = [];
  const num = (k: string): number | undefined => (typeof figures[k] === 'number' ? (figures[k] as number) : undefined);
  const reported = (k: string) => num(k) !== undefined;
  const sum = (keys: string[]) => round(keys.reduce((s, k) => s + (num(k) ?? 0), 0));
  const add = (rule: RuleDef, cell: string, message: string) =>
    problems.push({ field: fieldOf(cell), cell, rule: rule.code, message: `${message} [${rule.code}: ${rule.description}]` });

  for (const rule of def.rules) {
    switch (rule.kind) {
      case 'SUM': {
        const keys = [rule.total!, ...rule.parts!];
        if (!keys.some(reported)) break;
        const missing = keys.filter((k) => !reported(k));
        if (missing.length) {
          for (const k of missing) add(rule, k, 'must be reported with the other cells of this sum');
          break;
        }
        const expected = sum(rule.parts!);
        if (num(rule.total!) !== expected) add(rule, rule.target, `is ${num(rule.total!)} but its parts add up to ${expected}`);
        break;
      }
      case 'AT_MOST': {
        if (!rule.parts!.some(reported)) break;
        if (!reported(rule.total!)) {
          add(rule, rule.total!, 'must be reported when its "of which" figures are');
          break;
        }
        const parts = sum(rule.parts!);
        if (parts > num(rule.total!)!)
          add(rule, rule.target, `${rule.parts!.length > 1 ? 'the parts add up to' : 'is'} ${parts}, more than ${rule.total} (${num(rule.total!)})`);
        break;
      }
      case 'BALANCE': {
        const keys = [...rule.left!, ...rule.right!];
        if (!keys.some(reported)) break;
        const missing = keys.filter((k) => !reported(k));
        if (missing.length) {
          for (const k of missing) add(rule, k, 'must be reported: it is part of a table identity');
          break;
        }
        const left = sum(rule.left!);
        const right = sum(rule.right!);
        if (left !== right) add(rule, rule.target, `${rule.left!.join(' + ')} = ${left} but ${rule.right!.join(' + ')} = ${right}`);
        break;
      }
      case 'CARRY_OVER': {
        const before = previous?.[rule.previousCell!];
        if (typeof before !== 'number') break;
        if (num(rule.target) !== before)
          add(rule, rule.target, `is ${num(rule.target) ?? 'not reported'} but last year's accepted ${rule.previousCell} is ${before}`);
        break;
      }
    }
  }
  return problems;
}

/** Keeps AMOUNT sums free of binary floating-point noise. */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * Every check a submission runs on stored figures: their types, then the template's rules against
 * last year's accepted figures (`previous`). The submission is refused while any is left, and
 * `AnnualStatistics.viewerCan.submit` is false.
 */
export function submissionProblems(def: TemplateDefinition, figures: Figures, previous: Figures | null, templateCode: string): StatisticsProblem[] {
  const typed = checkCellTypes(def, figures, templateCode);
  return [...typed.problems, ...checkRules(def, typed.figures, previous)];
}
