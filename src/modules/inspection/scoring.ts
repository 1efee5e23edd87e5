import { ScoringRuleKind } from './inspection.enums';

/** A scoring rule stored on an AUTOMATIC indicator: rates are fractions (0.8 = 80%). */
export interface ScoringRule {
  kind: ScoringRuleKind;
  zeroAt: number;
  fullAt: number;
}

/** A grade band of a scheme: total at or above minScore earns grade. */
export interface GradeBand {
  grade: string;
  minScore: number;
}

/** The bands of the implementation plan's yearly assessment, as percentages of the total. */
export const DEFAULT_GRADE_BANDS: GradeBand[] = [
  { grade: '优秀', minScore: 90 },
  { grade: '良好', minScore: 75 },
  { grade: '合格', minScore: 60 },
  { grade: '不合格', minScore: 0 },
];

/** Rounds to two decimals, the precision scores are kept in. */
export function roundScore(n: number): number {
  return Math.round(n * 100 + Number.EPSILON * 100) / 100;
}

/** Score of an AUTOMATIC indicator: `rate` null means nothing was due, which earns full marks. */
export function applyScoringRule(rule: ScoringRule, rate: number | null, maxScore: number): number {
  if (rate === null) return maxScore;
  if (rate >= rule.fullAt) return maxScore;
  if (rate <= rule.zeroAt) return 0;
  return roundScore((maxScore * (rate - rule.zeroAt)) / (rule.fullAt - rule.zeroAt));
}

/** The grade band a total falls in (bands sorted by minScore, highest first). */
export function gradeFor(total: number, bands: readonly GradeBand[]): string {
  const sorted = [...bands].sort((a, b) => b.minScore - a.minScore);
  return (sorted.find((b) => total >= b.minScore) ?? sorted[sorted.length - 1]).grade;
}

/** Sum of scores, rounded. */
export function computeInspectionTotal(scores: readonly (number | null | undefined)[]): number {
  return roundScore(scores.reduce<number>((sum, s) => sum + (s ?? 0), 0));
}
