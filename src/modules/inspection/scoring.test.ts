import { applyScoringRule, computeInspectionTotal, DEFAULT_GRADE_BANDS, gradeFor } from './scoring';
import { ScoringRuleKind } from './inspection.enums';

const linear = { kind: ScoringRuleKind.LINEAR, zeroAt: 0.6, fullAt: 1 };

describe('scoring rules', () => {
  it('is linear between the thresholds and clamps outside them', () => {
    expect(applyScoringRule(linear, 0.7, 10)).toBe(2.5);
    expect(applyScoringRule(linear, 0.5, 10)).toBe(0);
    expect(applyScoringRule(linear, 1, 10)).toBe(10);
    expect(applyScoringRule({ ...linear, zeroAt: 0 }, 2 / 3, 15)).toBe(10);
  });

  it('gives full marks when nothing was due', () => {
    expect(applyScoringRule(linear, null, 8)).toBe(8);
  });

  it('grades totals at the band edges', () => {
    expect(gradeFor(90, DEFAULT_GRADE_BANDS)).toBe('优秀');
    expect(gradeFor(89.99, DEFAULT_GRADE_BANDS)).toBe('良好');
    expect(gradeFor(75, DEFAULT_GRADE_BANDS)).toBe('良好');
    expect(gradeFor(60, DEFAULT_GRADE_BANDS)).toBe('合格');
    expect(gradeFor(59.5, DEFAULT_GRADE_BANDS)).toBe('不合格');
  });

  it('adds scores to two decimals', () => {
    expect(computeInspectionTotal([0.1, 0.2, null, 10])).toBe(10.3);
  });
});
