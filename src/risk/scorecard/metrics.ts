// How well a score separates bads from goods (research §3.1.7), for predictions where a HIGHER value means MORE
// likely bad (a probability of default or ln(odds of bad)):
// - AUC: the chance that a random bad is ranked above a random good, ties counting one half — the
//   Mann–Whitney statistic from average ranks.
// - Gini = 2·AUC − 1.
// - KS: the largest gap between the cumulative shares of bads and of goods, over every threshold between
//   distinct values (rows with equal predictions are never split).
// - Calibration: rows sorted by prediction in ten groups of (nearly) equal size, predicted vs observed.
// - PSI: the population stability index between two distributions over the same bins.
import { assert } from "../../core/errors.ts";

export function auc(predictions: readonly number[], bad: readonly boolean[]): number {
  const { bads, goods } = classCounts(predictions, bad);
  const order = sortedIndexes(predictions);
  let rankSumBads = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    const value = predictions[order[i] as number] as number;
    while (j + 1 < order.length && predictions[order[j + 1] as number] === value) j++;
    // Rows i…j (0-based) are tied and share the average of ranks i+1 … j+1.
    const averageRank = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) if (bad[order[k] as number]) rankSumBads += averageRank;
    i = j + 1;
  }
  return (rankSumBads - (bads * (bads + 1)) / 2) / (bads * goods);
}

export function gini(areaUnderCurve: number): number {
  return 2 * areaUnderCurve - 1;
}

export function ks(predictions: readonly number[], bad: readonly boolean[]): number {
  const { bads, goods } = classCounts(predictions, bad);
  const order = sortedIndexes(predictions);
  let cumulativeBads = 0;
  let cumulativeGoods = 0;
  let best = 0;
  let i = 0;
  while (i < order.length) {
    const value = predictions[order[i] as number] as number;
    while (i < order.length && predictions[order[i] as number] === value) {
      if (bad[order[i] as number]) cumulativeBads++;
      else cumulativeGoods++;
      i++;
    }
    best = Math.max(best, Math.abs(cumulativeBads / bads - cumulativeGoods / goods));
  }
  return best;
}

export interface CalibrationRow {
  readonly rows: number;
  /** The group's lowest and highest score (the scores given, e.g. points: higher = safer). */
  readonly minScore: number;
  readonly maxScore: number;
  readonly meanPredicted: number;
  readonly observedBadRate: number;
}

/**
 * Ten groups by `scores` (ascending, ties kept in input order), each with its mean predicted probability of bad
 * and its observed bad rate. Group g holds the rows of rank r with ⌊10·r/n⌋ = g.
 */
export function calibrationByDecile(
  scores: readonly number[],
  predictedBad: readonly number[],
  bad: readonly boolean[],
): CalibrationRow[] {
  assert(
    scores.length === predictedBad.length && scores.length === bad.length,
    "calibration: lengths differ",
  );
  const order = sortedIndexes(scores);
  const groups = Array.from({ length: 10 }, () => [] as number[]);
  order.forEach((row, rank) => {
    groups[Math.floor((10 * rank) / order.length)]?.push(row);
  });
  return groups
    .filter((group) => group.length > 0)
    .map((group) => ({
      rows: group.length,
      minScore: scores[group[0] as number] as number,
      maxScore: scores[group[group.length - 1] as number] as number,
      meanPredicted: group.reduce((sum, row) => sum + (predictedBad[row] as number), 0) / group.length,
      observedBadRate: group.filter((row) => bad[row]).length / group.length,
    }));
}

/**
 * PSI = Σ (a_i − e_i)·ln(a_i / e_i) over bins, from the expected (development) and actual counts per bin. A
 * bin empty on either side gets half a row, so the index stays finite. < 0.10 stable, 0.10–0.25 monitor,
 * > 0.25 a major shift (practitioner conventions).
 */
export function psi(expectedCounts: readonly number[], actualCounts: readonly number[]): number {
  assert(expectedCounts.length === actualCounts.length, "psi: the two distributions have different bins");
  const smooth = (counts: readonly number[]) => counts.map((count) => (count === 0 ? 0.5 : count));
  const expected = smooth(expectedCounts);
  const actual = smooth(actualCounts);
  const expectedTotal = expected.reduce((a, b) => a + b, 0);
  const actualTotal = actual.reduce((a, b) => a + b, 0);
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = (expected[i] as number) / expectedTotal;
    const a = (actual[i] as number) / actualTotal;
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** The sample standard deviation (n − 1 in the denominator); 0 for a single value. */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) * (v - m), 0) / (values.length - 1));
}

function classCounts(
  predictions: readonly number[],
  bad: readonly boolean[],
): { bads: number; goods: number } {
  assert(predictions.length === bad.length, "metrics: predictions and labels differ in length");
  assert(
    predictions.every((p) => !Number.isNaN(p)),
    "metrics: a prediction is NaN",
  );
  const bads = bad.filter(Boolean).length;
  const goods = bad.length - bads;
  assert(bads > 0 && goods > 0, "metrics: need at least one bad and one good");
  return { bads, goods };
}

/** Row indexes sorted by value, ascending; equal values keep their input order. */
function sortedIndexes(values: readonly number[]): number[] {
  return values.map((_, i) => i).sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
}
