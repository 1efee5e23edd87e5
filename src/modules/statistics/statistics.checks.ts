import { msg, type Msg } from '../../common/errors';
import { translatorFor, type Translate } from '../../i18n';
import type { CellDef, RuleDef, TemplateDefinition } from './template-definitions';

/** A reported value: a number for COUNT / AMOUNT / RATE, a string for TEXT; absent = not reported. */
export type CellValue = number | string;
export type Figures = Record<string, CellValue>;

/** One failing cell: the input field, the cell, the rule it breaks and why (a catalogue message: `statistics.checks.*`). */
export interface StatisticsCheck {
  field: string;
  cell: string;
  rule: string;
  message: Msg;
}

/** A failing cell with its reason rendered in one locale (draft warnings, the requests register's check list). */
export interface StatisticsProblem {
  field: string;
  cell: string;
  rule: string;
  message: string;
}

/** Renders checks' reasons with `t` (the request's locale; Chinese by default). */
export function renderChecks(checks: readonly StatisticsCheck[], t: Translate = translatorFor()): StatisticsProblem[] {
  return checks.map((c) => ({ ...c, message: t(c.message.key, c.message.params) }));
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
export function checkCellTypes(def: TemplateDefinition, raw: Record<string, unknown>, templateCode: string): { figures: Figures; problems: StatisticsCheck[] } {
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
  const problems: StatisticsCheck[] = [];
  const add = (cell: string, rule: string, message: Msg) => problems.push({ field: fieldOf(cell), cell, rule, message });
  for (const [key, value] of Object.entries(raw)) {
    const cell = cells.get(key);
    if (!cell) {
      add(key, 'known-cell', msg('statistics.checks.unknownCell', { template: templateCode }));
      continue;
    }
    if (value === null || value === undefined) continue;
    if (typeProblem(cell, value)) add(key, `kind-${cell.kind}`, msg(`statistics.checks.kind.${cell.kind}`));
    else figures[key] = cell.kind === 'TEXT' ? (value as string).trim() : (value as number);
  }
  return { figures, problems };
}

/** Is `value` of the wrong type for the cell (its reason: `statistics.checks.kind.<kind>`)? */
function typeProblem(cell: CellDef, value: unknown): boolean {
  switch (cell.kind) {
    case 'COUNT':
      return !(typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
    case 'AMOUNT':
      return !(typeof value === 'number' && Number.isFinite(value) && value >= 0 && value < 1e12);
    case 'RATE':
      return !(typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 100);
    case 'TEXT':
      return !(typeof value === 'string' && value.trim().length <= 500);
  }
}

/**
 * The template's declared rules over type-checked figures; `previous` are last year's accepted
 * figures of the same unit (null when there are none, which skips CARRY_OVER rules). Reasons
 * rendered with `t` (Chinese by default).
 */
export function checkRules(def: TemplateDefinition, figures: Figures, previous: Figures | null, t?: Translate): StatisticsProblem[] {
  return renderChecks(ruleChecks(def, figures, previous), t);
}

/** `checkRules` with the reasons as catalogue messages. */
export function ruleChecks(def: TemplateDefinition, figures: Figures, previous: Figures | null): StatisticsCheck[] {
  const problems: StatisticsCheck[] = [];
  const num = (k: string): number | undefined => (typeof figures[k] === 'number' ? (figures[k] as number) : undefined);
  const reported = (k: string) => num(k) !== undefined;
  const sum = (keys: string[]) => round(keys.reduce((s, k) => s + (num(k) ?? 0), 0));
  const add = (rule: RuleDef, cell: string, key: string, params: Record<string, string | number> = {}) =>
    problems.push({
      field: fieldOf(cell),
      cell,
      rule: rule.code,
      message: msg(`statistics.checks.${key}`, { ...params, code: rule.code, description: rule.description }),
    });

  for (const rule of def.rules) {
    switch (rule.kind) {
      case 'SUM': {
        const keys = [rule.total!, ...rule.parts!];
        if (!keys.some(reported)) break;
        const missing = keys.filter((k) => !reported(k));
        if (missing.length) {
          for (const k of missing) add(rule, k, 'sumMissing');
          break;
        }
        const expected = sum(rule.parts!);
        if (num(rule.total!) !== expected) add(rule, rule.target, 'sumMismatch', { value: num(rule.total!)!, expected });
        break;
      }
      case 'AT_MOST': {
        if (!rule.parts!.some(reported)) break;
        if (!reported(rule.total!)) {
          add(rule, rule.total!, 'atMostTotalMissing');
          break;
        }
        const parts = sum(rule.parts!);
        if (parts > num(rule.total!)!)
          add(rule, rule.target, rule.parts!.length > 1 ? 'atMostPartsExceeded' : 'atMostExceeded', { parts, total: rule.total!, value: num(rule.total!)! });
        break;
      }
      case 'BALANCE': {
        const keys = [...rule.left!, ...rule.right!];
        if (!keys.some(reported)) break;
        const missing = keys.filter((k) => !reported(k));
        if (missing.length) {
          for (const k of missing) add(rule, k, 'balanceMissing');
          break;
        }
        const left = sum(rule.left!);
        const right = sum(rule.right!);
        if (left !== right)
          add(rule, rule.target, 'balanceMismatch', { left: rule.left!.join(' + '), leftSum: left, right: rule.right!.join(' + '), rightSum: right });
        break;
      }
      case 'CARRY_OVER': {
        const before = previous?.[rule.previousCell!];
        if (typeof before !== 'number') break;
        const value = num(rule.target);
        if (value !== before)
          add(rule, rule.target, value === undefined ? 'carryOverMissing' : 'carryOver', { value: value ?? '', previous: rule.previousCell!, before });
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
export function submissionProblems(def: TemplateDefinition, figures: Figures, previous: Figures | null, templateCode: string): StatisticsCheck[] {
  const typed = checkCellTypes(def, figures, templateCode);
  return [...typed.problems, ...ruleChecks(def, typed.figures, previous)];
}
