import { CellSource } from './annual-statistics.entity';
import { computeTotals, sumCellsOf } from './statistics.totals';
import { GOV_2021 } from './template-definitions';

const def = GOV_2021.definition;

describe('computed totals', () => {
  it('orders sum cells so that every part comes before the sums it feeds', () => {
    const order = sumCellsOf(def).map((s) => s.key);
    expect(order.indexOf('t3.resultTotal.NP')).toBeLessThan(order.indexOf('t3.resultTotal.TOTAL'));
    expect(order).toContain('t4.review.total');
    expect(order).not.toContain('t3.new.NP');
  });

  it('leaves a sum with a part not reported uncomputed, and a typed total of it typed', () => {
    const { figures, sources, problems } = computeTotals(def, { 't4.review.upheld': 1, 't4.review.total': 7 });
    expect(figures['t4.review.total']).toBe(7);
    expect(sources['t4.review.total']).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('marks a total filled wholly from the register as REGISTER, a mixed one as COMPUTED', () => {
    const parts = { 't4.review.upheld': 1, 't4.review.corrected': 0, 't4.review.other': 0, 't4.review.pending': 1 };
    const fromRegister = Object.fromEntries(Object.keys(parts).map((k) => [k, CellSource.REGISTER]));
    expect(computeTotals(def, parts, fromRegister).sources['t4.review.total']).toBe(CellSource.REGISTER);
    const mixed = { ...fromRegister, 't4.review.pending': CellSource.TYPED };
    const r = computeTotals(def, parts, mixed);
    expect(r.sources['t4.review.total']).toBe(CellSource.COMPUTED);
    expect(r.sources['t4.review.pending']).toBeUndefined();
  });
});
