import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addRatio,
  compareRatio,
  mulRatio,
  type Ratio,
  ratio,
  ratioFromInt,
  ratioToNumber,
} from "../../core/ratio.ts";
import {
  assertStochastic,
  ILLUSTRATIVE_PRIOR,
  matrixPower,
  probabilityOfDefault,
  type RatioMatrix,
} from "./markov-pd.ts";
import { rowRates } from "./transition-matrix.ts";

const r = (num: number, den: number) => ratio(BigInt(num), BigInt(den));

/** A 3-state chain: A (performing), B (late), D (default, absorbing). */
const CHAIN: RatioMatrix = [
  [r(1, 2), r(1, 2), r(0, 1)],
  [r(1, 5), r(3, 10), r(1, 2)],
  [r(0, 1), r(0, 1), r(1, 1)],
];

/** Naive repeated multiplication, entry by entry: the reference the squaring in matrixPower is checked against. */
function naivePower(matrix: RatioMatrix, n: number): Ratio[][] {
  const size = matrix.length;
  let result: Ratio[][] = Array.from({ length: size }, (_, i) =>
    Array.from({ length: size }, (_, j) => ratioFromInt(i === j ? 1 : 0)),
  );
  for (let step = 0; step < n; step++) {
    result = result.map((row) =>
      matrix.map((_, j) =>
        row.reduce(
          (sum, entry, k) => addRatio(sum, mulRatio(entry, (matrix[k] as Ratio[])[j] as Ratio)),
          ratioFromInt(0),
        ),
      ),
    );
  }
  return result;
}

const rowSum = (row: readonly Ratio[]) => row.reduce((sum, entry) => addRatio(sum, entry), ratioFromInt(0));

describe("matrixPower and probabilityOfDefault: a 3-state chain by hand", () => {
  it("squares the chain as written out", () => {
    // T² row A: A→A = ½·½ + ½·⅕ = 7/20; A→B = ½·½ + ½·3/10 = 2/5; A→D = ½·0 + ½·½ + 0·1 = 1/4.
    // T² row B: B→A = ⅕·½ + 3/10·⅕ = 4/25; B→B = ⅕·½ + 3/10·3/10 = 19/100; B→D = 3/10·½ + ½·1 = 13/20.
    // T² row D: D stays in D.
    expect(matrixPower(CHAIN, 2)).toEqual([
      [r(7, 20), r(2, 5), r(1, 4)],
      [r(4, 25), r(19, 100), r(13, 20)],
      [r(0, 1), r(0, 1), r(1, 1)],
    ]);
    expect(matrixPower(CHAIN, 0)).toEqual([
      [r(1, 1), r(0, 1), r(0, 1)],
      [r(0, 1), r(1, 1), r(0, 1)],
      [r(0, 1), r(0, 1), r(1, 1)],
    ]);
    expect(matrixPower(CHAIN, 1)).toEqual(CHAIN);
  });

  it("reads the 2-month PD from the default column, making the default state absorbing", () => {
    expect(probabilityOfDefault(CHAIN, [2], 2)).toEqual([r(1, 4), r(13, 20), r(1, 1)]);
    // A default state that cures in the data still counts as defaulted: the PD is the same.
    const curing: RatioMatrix = [CHAIN[0] as Ratio[], CHAIN[1] as Ratio[], [r(1, 10), r(0, 1), r(9, 10)]];
    expect(probabilityOfDefault(curing, [2], 2)).toEqual([r(1, 4), r(13, 20), r(1, 1)]);
  });

  it("refuses a matrix whose rows are not probability distributions (a programmer error)", () => {
    expect(() =>
      probabilityOfDefault(
        [
          [r(1, 2), r(1, 3)],
          [r(0, 1), r(1, 1)],
        ],
        [1],
        1,
      ),
    ).toThrow(/does not sum to 1/);
  });
});

describe("the illustrative prior", () => {
  const pd = (months: number) => probabilityOfDefault(ILLUSTRATIVE_PRIOR, [4, 6], months);

  it("gives the hand-computed PDs over 1, 2 and 3 months", () => {
    // States: current, 1-30, 31-60, 61-90, 90+, closed, written-off. One month: only 61-90 reaches 90+ (0.55).
    expect(pd(1)).toEqual([r(0, 1), r(0, 1), r(0, 1), r(55, 100), r(1, 1), r(0, 1), r(1, 1)]);
    // Two months: 31-60 → 61-90 → 90+ = 0.45 · 0.55 = 0.2475; 61-90: 0.55 + 0.30 · 0.55 = 0.715.
    expect(pd(2).slice(0, 4)).toEqual([r(0, 1), r(0, 1), r(2475, 10000), r(715, 1000)]);
    // Three months: 1-30 → 31-60 → 61-90 → 90+ = 0.3 · 0.45 · 0.55 = 0.07425; from 31-60:
    // 0.45·0.55 (→61-90→90+ at once) + 0.45·0.30·0.55 (stay one month in 61-90) + 0.15·0.45·0.55 (stay in 31-60)
    // = 0.2475 + 0.07425 + 0.037125 = 0.358875.
    expect(pd(3).slice(0, 3)).toEqual([r(0, 1), r(7425, 100000), r(358875, 1000000)]);
  });

  it("gives the 12-month PDs quoted in docs/reference/risk-monitoring.md, as a float simulation does", () => {
    // Independent reference: the distribution of a loan starting in each state, pushed forward one month at a
    // time in floating point from the research's percentages, with 90+ absorbing; the PD is its mass in 90+.
    const percent = [
      [97, 3, 0, 0, 0],
      [50, 20, 30, 0, 0],
      [25, 15, 15, 45, 0],
      [15, 0, 0, 30, 55],
      [0, 0, 0, 0, 100],
    ];
    const floatPd = (start: number) => {
      let mass = [0, 0, 0, 0, 0];
      mass[start] = 1;
      for (let month = 0; month < 12; month++) {
        const next = [0, 0, 0, 0, 0];
        mass.forEach((m, from) => {
          (percent[from] as number[]).forEach((p, to) => {
            next[to] = (next[to] as number) + (m * p) / 100;
          });
        });
        mass = next;
      }
      return mass[4] as number;
    };
    const exact = pd(12).slice(0, 5).map(ratioToNumber);
    exact.forEach((value, state) => {
      expect(value).toBeCloseTo(floatPd(state), 12);
    });
    // As quoted in the documentation (percent, 2 decimals).
    expect(exact.map((value) => (value * 100).toFixed(2))).toEqual([
      "3.80",
      "19.19",
      "46.15",
      "79.24",
      "100.00",
    ]);
  });

  it("is a stochastic matrix", () => {
    expect(() => assertStochastic(ILLUSTRATIVE_PRIOR)).not.toThrow();
  });

  it("property: the PD lies in [0, 1] and does not fall as the bucket worsens, over any horizon", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), (months) => {
        const byState = pd(months).slice(0, 5);
        for (const value of byState) {
          expect(value.num >= 0n && compareRatio(value, ratioFromInt(1)) <= 0).toBe(true);
        }
        for (let k = 1; k < byState.length; k++) {
          expect(compareRatio(byState[k] as Ratio, byState[k - 1] as Ratio)).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});

/** A random stochastic matrix: random counts per row (each row at least one), divided by the row's total. */
const stochasticMatrix = fc
  .integer({ min: 1, max: 6 })
  .chain((size) =>
    fc.array(fc.array(fc.nat({ max: 50 }), { minLength: size, maxLength: size }), {
      minLength: size,
      maxLength: size,
    }),
  )
  .map((counts) =>
    rowRates(counts.map((row, i) => row.map((value, j) => (i === j ? value + 1 : value)))).map(
      (row) => row as Ratio[],
    ),
  );

describe("matrixPower: properties", () => {
  it("keeps every row of every power a probability distribution; the PD lies in [0, 1]", () => {
    fc.assert(
      fc.property(stochasticMatrix, fc.integer({ min: 0, max: 24 }), (matrix, n) => {
        for (const row of matrixPower(matrix, n)) {
          expect(rowSum(row)).toEqual(ratioFromInt(1));
          for (const entry of row) expect(entry.num >= 0n).toBe(true);
        }
        for (const value of probabilityOfDefault(matrix, [matrix.length - 1], n)) {
          expect(value.num >= 0n && compareRatio(value, ratioFromInt(1)) <= 0).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with naive repeated multiplication", () => {
    fc.assert(
      fc.property(stochasticMatrix, fc.integer({ min: 0, max: 7 }), (matrix, n) => {
        expect(matrixPower(matrix, n)).toEqual(naivePower(matrix, n));
      }),
      { numRuns: 300 },
    );
  });
});
