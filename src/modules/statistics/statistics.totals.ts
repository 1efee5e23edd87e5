import { CellSource } from './annual-statistics.entity';
import { msg } from '../../common/errors';
import type { Figures, StatisticsCheck } from './statistics.checks';
import type { TemplateDefinition } from './template-definitions';

/**
 * Sum cells: a template declares a cell a sum of others with a SUM rule (`total` = sum of
 * `parts`). The server computes those cells when a draft is saved; people type the leaves.
 */
export interface SumCell {
  key: string;
  /** Every way the template sums this cell (a 总计 of table 3 is both a row and a column sum). */
  partsOptions: string[][];
}

const sumCellIndex = new WeakMap<TemplateDefinition, SumCell[]>();

/**
 * The template's sum cells in computing order (every part before the sums it feeds). Templates
 * are validated free of cycles when installed (statistics-template.validate.ts); a cycle that
 * slipped through leaves its cells uncomputed rather than looping.
 */
export function sumCellsOf(def: TemplateDefinition): SumCell[] {
  let cells = sumCellIndex.get(def);
  if (cells) return cells;
  const byKey = new Map<string, string[][]>();
  for (const r of def.rules) if (r.kind === 'SUM' && r.total && r.parts?.length) byKey.set(r.total, [...(byKey.get(r.total) ?? []), r.parts]);
  const order: SumCell[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (key: string): boolean => {
    if (state.get(key) === 'done') return true;
    if (state.get(key) === 'visiting') return false;
    state.set(key, 'visiting');
    const options = byKey.get(key) ?? [];
    for (const parts of options) for (const p of parts) if (byKey.has(p) && !visit(p)) return false;
    state.set(key, 'done');
    if (options.length) order.push({ key, partsOptions: options });
    return true;
  };
  for (const key of byKey.keys()) visit(key);
  sumCellIndex.set(def, (cells = order));
  return cells;
}

/**
 * Computes every sum cell whose parts are all reported (typed, computed or filled from records),
 * over type-checked figures. A total typed by the caller that disagrees with its parts is a
 * problem naming the total and its parts; one that agrees is kept as computed. A sum with a part
 * not reported is not computed (a typed total stays typed, and the SUM rule's warning names the
 * missing parts).
 *
 * Provenance: a computed cell is COMPUTED, except when every part came from the same record
 * source (all REGISTER, or all CATALOGUE): then the total is that source too, since no person
 * typed anything that went into it. `sources` are the sources of the cells not typed (absent
 * key = typed); the answer is the figures and sources with the totals filled in.
 */
export function computeTotals(
  def: TemplateDefinition,
  figures: Figures,
  sources: Record<string, CellSource> = {},
): { figures: Figures; sources: Record<string, CellSource>; problems: StatisticsCheck[] } {
  const sums = sumCellsOf(def);
  if (!sums.length) return { figures, sources, problems: [] };
  const out: Figures = { ...figures };
  const outSources: Record<string, CellSource> = {};
  for (const [k, s] of Object.entries(sources)) if (s !== CellSource.TYPED && s !== CellSource.COMPUTED) outSources[k] = s;
  const problems: StatisticsCheck[] = [];
  for (const { key, partsOptions } of sums) {
    const parts = partsOptions.find((p) => p.every((k) => typeof out[k] === 'number'));
    if (!parts) continue;
    const computed = Math.round(parts.reduce((s, k) => s + (out[k] as number), 0) * 1e6) / 1e6;
    const given = figures[key];
    // A total that came from records is checked like a typed one: the records must add up.
    if (typeof given === 'number' && given !== computed) {
      problems.push({
        field: `input.figures.${key}`,
        cell: key,
        rule: 'computed-total',
        message: msg('statistics.checks.totalDisagrees', { typed: given, parts: parts.join(' + '), computed }),
      });
      continue;
    }
    out[key] = computed;
    const partSources = parts.map((k) => outSources[k] ?? CellSource.TYPED);
    const first = partSources[0];
    outSources[key] = (first === CellSource.REGISTER || first === CellSource.CATALOGUE) && partSources.every((s) => s === first) ? first : CellSource.COMPUTED;
  }
  return { figures: out, sources: outSources, problems };
}
