import type { FieldProblem } from '../../common/errors';
import { SECTION_KEYS, type TemplateDefinition } from './template-definitions';

/** Messages of template validation, in one place for the message catalogue to take over. */
export const templateMessages = {
  notObject: '必须是对象',
  notList: '必须是数组',
  duplicateKey: (key: string) => `键 ${key} 重复`,
  unknownCell: (key: string) => `引用了不存在的单元格 ${key}`,
  notChinese: '必须使用中文标注',
  required: '不能为空',
  badKind: (kind: unknown, allowed: readonly string[]) => `类型 ${String(kind)} 无效（应为 ${allowed.join(' / ')}）`,
  badSection: (key: unknown) => `章节 ${String(key)} 无效（应为 ${[...SECTION_KEYS, 'APPENDIX'].join(' / ')}）`,
  cycle: (path: string[]) => `合计关系形成循环：${path.join(' → ')}`,
  sumOfItself: '合计不能包含自身',
  missingOperand: (what: string) => `缺少 ${what}`,
  yearRange: '结束年度不得早于起始年度',
  unknownMain: (code: string) => `补充表所属的主表 ${code} 不存在`,
  frozen: (code: string, version: number, rows: number) =>
    `模板 ${code} 第 ${version} 版已启用${rows ? `并已被 ${rows} 份统计使用` : ''}，已冻结，不能修改；请新建一个版本`,
  notDraft: '只有草稿状态的模板可以启用',
};

const CELL_KINDS = ['COUNT', 'AMOUNT', 'RATE', 'TEXT'] as const;
const RULE_KINDS = ['SUM', 'AT_MOST', 'BALANCE', 'CARRY_OVER'] as const;
const LAYOUTS = ['LIST', 'GRID'] as const;
const hasChinese = (s: unknown) => typeof s === 'string' && /[\u3400-\u9fff]/.test(s);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Every problem of a template definition, each named by its path under `field`: shape, unique
 * keys (cells, tables, rows of a table, rules), rows and checks only over existing cells, sums
 * without cycles, Chinese labels, titles and descriptions. Nothing is refused silently: the
 * answer lists all the problems found at once.
 */
export function validateTemplateDefinition(raw: unknown, field = 'input.definition'): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (path: string, message: string) => problems.push({ field: `${field}${path}`, message });
  if (!isObject(raw)) return [{ field, message: templateMessages.notObject }];
  const lists = ['sections', 'tables', 'cells', 'rules'] as const;
  for (const l of lists) if (!Array.isArray(raw[l])) add(`.${l}`, templateMessages.notList);
  if (problems.length) return problems;
  const def = raw as unknown as TemplateDefinition;

  const unique = (path: string, keys: unknown[]) => {
    const seen = new Set<unknown>();
    keys.forEach((k, i) => {
      if (typeof k !== 'string' || !k.trim()) add(`${path}[${i}]`, templateMessages.required);
      else if (seen.has(k)) add(`${path}[${i}]`, templateMessages.duplicateKey(k));
      seen.add(k);
    });
  };

  def.sections.forEach((s, i) => {
    if (!isObject(s)) return add(`.sections[${i}]`, templateMessages.notObject);
    if (!SECTION_KEYS.includes(s.key)) add(`.sections[${i}].key`, templateMessages.badSection(s.key));
    if (!hasChinese(s.title)) add(`.sections[${i}].title`, templateMessages.notChinese);
  });
  unique(
    '.sections.key',
    def.sections.map((s) => s?.key),
  );

  const cells = new Set<string>();
  def.cells.forEach((c, i) => {
    if (!isObject(c)) return add(`.cells[${i}]`, templateMessages.notObject);
    if (typeof c.key === 'string') cells.add(c.key);
    if (!hasChinese(c.label)) add(`.cells[${i}].label`, templateMessages.notChinese);
    if (!CELL_KINDS.includes(c.kind)) add(`.cells[${i}].kind`, templateMessages.badKind(c.kind, CELL_KINDS));
    if (typeof c.summable !== 'boolean') add(`.cells[${i}].summable`, templateMessages.required);
  });
  unique(
    '.cells.key',
    def.cells.map((c) => c?.key),
  );
  const known = (path: string, key: unknown) => {
    if (typeof key !== 'string' || !cells.has(key)) add(path, templateMessages.unknownCell(String(key)));
  };

  def.tables.forEach((t, i) => {
    if (!isObject(t)) return add(`.tables[${i}]`, templateMessages.notObject);
    const p = `.tables[${i}]`;
    if (!hasChinese(t.title)) add(`${p}.title`, templateMessages.notChinese);
    if (!LAYOUTS.includes(t.layout)) add(`${p}.layout`, templateMessages.badKind(t.layout, LAYOUTS));
    if (t.section !== 'APPENDIX' && !SECTION_KEYS.includes(t.section)) add(`${p}.section`, templateMessages.badSection(t.section));
    if (!Array.isArray(t.columns) || !Array.isArray(t.rows)) return add(`${p}.rows`, templateMessages.notList);
    t.columns.forEach((c, j) => {
      if (!hasChinese(c?.label)) add(`${p}.columns[${j}].label`, templateMessages.notChinese);
    });
    t.rows.forEach((r, j) => {
      if (!hasChinese(r?.label)) add(`${p}.rows[${j}].label`, templateMessages.notChinese);
      (Array.isArray(r?.cells) ? r.cells : []).forEach((k, n) => known(`${p}.rows[${j}].cells[${n}]`, k));
    });
    unique(
      `${p}.rows.key`,
      t.rows.map((r) => r?.key),
    );
  });
  unique(
    '.tables.code',
    def.tables.map((t) => t?.code),
  );

  def.rules.forEach((r, i) => {
    if (!isObject(r)) return add(`.rules[${i}]`, templateMessages.notObject);
    const p = `.rules[${i}]`;
    if (!RULE_KINDS.includes(r.kind)) return add(`${p}.kind`, templateMessages.badKind(r.kind, RULE_KINDS));
    if (!hasChinese(r.description)) add(`${p}.description`, templateMessages.notChinese);
    known(`${p}.target`, r.target);
    const operands: [string, unknown][] =
      r.kind === 'SUM' || r.kind === 'AT_MOST'
        ? [
            ['total', r.total],
            ['parts', r.parts],
          ]
        : r.kind === 'BALANCE'
          ? [
              ['left', r.left],
              ['right', r.right],
            ]
          : [['previousCell', r.previousCell]];
    for (const [name, value] of operands) {
      if (value === undefined || value === null || (Array.isArray(value) && !value.length)) add(`${p}.${name}`, templateMessages.missingOperand(name));
      else if (Array.isArray(value)) value.forEach((k, n) => known(`${p}.${name}[${n}]`, k));
      else known(`${p}.${name}`, value);
    }
    if (r.kind === 'SUM' && r.total && r.parts?.includes(r.total)) add(`${p}.parts`, templateMessages.sumOfItself);
  });
  unique(
    '.rules.code',
    def.rules.map((r) => r?.code),
  );

  for (const cycle of sumCycles(def)) add('.rules', templateMessages.cycle(cycle));
  return problems;
}

/** Cycles among SUM rules (total → its parts), each as the path that closes it; none in a valid template. */
export function sumCycles(def: TemplateDefinition): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const r of def.rules) {
    if (r?.kind !== 'SUM' || typeof r.total !== 'string' || !Array.isArray(r.parts)) continue;
    const set = edges.get(r.total) ?? new Set<string>();
    for (const p of r.parts) if (p !== r.total) set.add(p);
    edges.set(r.total, set);
  }
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string) => {
    state.set(key, 'open');
    stack.push(key);
    for (const next of edges.get(key) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const key of edges.keys()) if (!state.has(key)) visit(key);
  return cycles;
}
