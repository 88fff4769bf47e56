// The Markov probability of default (docs/reference/risk-monitoring.md, "Markov PD"): with T the monthly
// transition matrix among the portfolio's states, the probability that a loan now in state s reaches a default
// state within n months is [Tⁿ]_{s,default} once the default states are made absorbing (a loan that defaults
// counts as defaulted even if it later cures). Computed exactly: probabilities are not money, but exact
// fractions make the results hand-checkable and the rows of every power sum to exactly 1.
import { assert } from "../../core/errors.ts";
import { addRatio, type Ratio, ratio, ratioFromInt } from "../../core/ratio.ts";
import { type BucketScheme, DEFAULT_BUCKETS } from "./delinquency-buckets.ts";

export type RatioMatrix = readonly (readonly Ratio[])[];

/**
 * The research's illustrative monthly transition matrix (personalization-scoring.md §5.2), NOT estimated from
 * data: a placeholder until a portfolio's own roll rates replace it. States: current, 1-30, 31-60, 61-90, 90+
 * (default), closed, written-off; 90+, closed and written-off are absorbing.
 */
export const ILLUSTRATIVE_PRIOR_LABEL =
  "illustrative prior (research §5.2 placeholder values, not estimated from any portfolio)";

const PRIOR_PERCENT: readonly (readonly number[])[] = [
  [97, 3, 0, 0, 0, 0, 0],
  [50, 20, 30, 0, 0, 0, 0],
  [25, 15, 15, 45, 0, 0, 0],
  [15, 0, 0, 30, 55, 0, 0],
  [0, 0, 0, 0, 100, 0, 0],
  [0, 0, 0, 0, 0, 100, 0],
  [0, 0, 0, 0, 0, 0, 100],
];

export const ILLUSTRATIVE_PRIOR: RatioMatrix = PRIOR_PERCENT.map((row) =>
  row.map((percent) => ratio(BigInt(percent), 100n)),
);

/** Whether the illustrative prior applies to `buckets`: only to the default scheme it was written for. */
export function priorFits(buckets: BucketScheme): boolean {
  return (
    buckets.length === DEFAULT_BUCKETS.length &&
    buckets.every((bucket, index) => {
      const standard = DEFAULT_BUCKETS[index];
      return bucket.fromDays === standard?.fromDays && bucket.toDays === standard.toDays;
    })
  );
}

/** Checks that `matrix` is square and each row is a probability distribution (a programmer error otherwise). */
export function assertStochastic(matrix: RatioMatrix): void {
  for (const row of matrix) {
    assert(row.length === matrix.length, "transition matrix: not square");
    let sum = ratioFromInt(0);
    for (const entry of row) {
      assert(entry.num >= 0n, "transition matrix: negative probability");
      sum = addRatio(sum, entry);
    }
    assert(sum.num === 1n && sum.den === 1n, "transition matrix: a row does not sum to 1");
  }
}

/** `matrix` with the rows of `states` replaced by "stay": those states become absorbing. */
export function withAbsorbing(matrix: RatioMatrix, states: readonly number[]): Ratio[][] {
  return matrix.map((row, i) =>
    states.includes(i) ? row.map((_, j) => ratioFromInt(i === j ? 1 : 0)) : [...row],
  );
}

/**
 * `matrix` to the power `n` (n ≥ 0), exactly. The entries are brought over one common denominator D, so that
 * the power is an integer matrix over Dⁿ: bigint products only, one reduction per entry at the end.
 */
export function matrixPower(matrix: RatioMatrix, n: number): Ratio[][] {
  assert(Number.isSafeInteger(n) && n >= 0, `matrixPower: n must be a whole number ≥ 0, got ${n}`);
  const size = matrix.length;
  let denominator = 1n;
  for (const row of matrix) for (const entry of row) denominator = lcm(denominator, entry.den);
  const base = matrix.map((row) => row.map((entry) => entry.num * (denominator / entry.den)));
  let result: bigint[][] = identity(size, 1n);
  let resultDenominator = 1n;
  let square = base;
  let squareDenominator = denominator;
  // Exponentiation by squaring.
  for (let k = n; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) {
      result = multiply(result, square);
      resultDenominator *= squareDenominator;
    }
    if (k > 1) {
      square = multiply(square, square);
      squareDenominator *= squareDenominator;
    }
  }
  return result.map((row) => row.map((entry) => ratio(entry, resultDenominator)));
}

/**
 * For each starting state, the probability of being in one of `defaultStates` after `months` steps of the
 * monthly `matrix`, with the default states made absorbing ("defaults within `months` months").
 */
export function probabilityOfDefault(
  matrix: RatioMatrix,
  defaultStates: readonly number[],
  months: number,
): Ratio[] {
  assertStochastic(matrix);
  const power = matrixPower(withAbsorbing(matrix, defaultStates), months);
  return power.map((row) =>
    defaultStates.reduce((sum, state) => addRatio(sum, row[state] as Ratio), ratioFromInt(0)),
  );
}

function identity(size: number, one: bigint): bigint[][] {
  return Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j ? one : 0n)));
}

function multiply(a: readonly (readonly bigint[])[], b: readonly (readonly bigint[])[]): bigint[][] {
  return a.map((row) =>
    b.map((_, j) =>
      row.reduce((sum, entry, k) => sum + entry * ((b[k] as readonly bigint[])[j] as bigint), 0n),
    ),
  );
}

function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
}
