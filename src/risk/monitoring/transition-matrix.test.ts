import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addRatio, ratio, ratioFromInt } from "../../core/ratio.ts";
import { DEFAULT_BUCKETS } from "./delinquency-buckets.ts";
import {
  addTransitionCounts,
  bucketRollRates,
  countTransitions,
  flowRates,
  type LoanPosition,
  rowRates,
  stateLabels,
  transitionsBetween,
} from "./transition-matrix.ts";

const r = (num: number, den: number) => ratio(BigInt(num), BigInt(den));
// States under the default buckets.
const [CUR, B1, B2, B3, B4, CLOSED, WO] = [0, 1, 2, 3, 4, 5, 6];
const at = (state: number, balance: number): LoanPosition => ({ state, balanceMinor: BigInt(balance) });

/**
 * Nine loans at two month-ends (balances in minor units):
 *   L1 current 1000 → current 900        L6 31-60 800 → 61-90 820
 *   L2 current 2000 → 1-30 2100          L7 31-60 200 → current 150
 *   L3 1-30 500 → current 400 (cure)     L8 not yet disbursed → current 5000 (left out of the matrix)
 *   L4 1-30 1500 → 31-60 1550 (roll)     L9 90+ 300 → written off 0
 *   L5 1-30 1000 → closed 0 (paid off)
 */
const BEFORE: (LoanPosition | undefined)[] = [
  at(CUR, 1000),
  at(CUR, 2000),
  at(B1, 500),
  at(B1, 1500),
  at(B1, 1000),
  at(B2, 800),
  at(B2, 200),
  undefined,
  at(B4, 300),
];
const AFTER: (LoanPosition | undefined)[] = [
  at(CUR, 900),
  at(B1, 2100),
  at(CUR, 400),
  at(B2, 1550),
  at(CLOSED, 0),
  at(B3, 820),
  at(CUR, 150),
  at(CUR, 5000),
  at(WO, 0),
];

describe("roll rates of a small portfolio, by hand", () => {
  const tally = countTransitions(7, transitionsBetween(BEFORE, AFTER));

  it("counts the transitions and weights them by the balance at the first date", () => {
    expect(stateLabels(DEFAULT_BUCKETS)).toEqual([
      "current",
      "1-30",
      "31-60",
      "61-90",
      "90+",
      "closed",
      "written-off",
    ]);
    expect(tally.counts).toEqual([
      [1, 1, 0, 0, 0, 0, 0], // L1 stays, L2 rolls
      [1, 0, 1, 0, 0, 1, 0], // L3 cures, L4 rolls, L5 pays off
      [1, 0, 0, 1, 0, 0, 0], // L7 cures, L6 rolls
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 1], // L9 written off
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ]);
    expect(tally.balances.map((row) => row.map(Number))).toEqual([
      [1000, 2000, 0, 0, 0, 0, 0],
      [500, 0, 1500, 0, 0, 1000, 0],
      [200, 0, 0, 800, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 300],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0],
    ]);
  });

  it("divides each row by its total; an empty row has no rates", () => {
    const rates = rowRates(tally.counts);
    expect(rates[B1]).toEqual([r(1, 3), r(0, 1), r(1, 3), r(0, 1), r(0, 1), r(1, 3), r(0, 1)]);
    expect(rates[B3]).toBeUndefined();
    // By balance, 1-30: 500, 1500 and 1000 of 3000.
    expect(rowRates(tally.balances)[B1]).toEqual([
      r(1, 6),
      r(0, 1),
      r(1, 2),
      r(0, 1),
      r(0, 1),
      r(1, 3),
      r(0, 1),
    ]);
  });

  it("reads roll-forward and cure rates by count and by balance", () => {
    const rates = bucketRollRates(DEFAULT_BUCKETS, tally);
    expect(rates.map((bucket) => [bucket.bucket, bucket.loans, Number(bucket.balanceMinor)])).toEqual([
      ["current", 2, 3000],
      ["1-30", 3, 3000],
      ["31-60", 2, 1000],
      ["61-90", 0, 0],
      ["90+", 1, 300],
    ]);
    // current → 1-30: 1 of 2 loans, 2000 of 3000; 1-30 → 31-60: 1 of 3, 1500 of 3000; 31-60 → 61-90: 1 of 2,
    // 800 of 1000.
    expect(rates.map((bucket) => bucket.rollForward)).toEqual([
      { byCount: r(1, 2), byBalance: r(2, 3) },
      { byCount: r(1, 3), byBalance: r(1, 2) },
      { byCount: r(1, 2), byBalance: r(4, 5) },
      undefined,
      undefined,
    ]);
    // Cures: 1-30 → current 1 of 3, 500 of 3000; 31-60 → current 1 of 2, 200 of 1000; 90+: none of 1.
    expect(rates.map((bucket) => bucket.cure)).toEqual([
      undefined,
      { byCount: r(1, 3), byBalance: r(1, 6) },
      { byCount: r(1, 2), byBalance: r(1, 5) },
      undefined,
      { byCount: r(0, 1), byBalance: r(0, 1) },
    ]);
  });

  it("computes the OCC flow rate from the two snapshots (new loans included)", () => {
    // current → 1-30: 1 loan (2100) now in 1-30 over 2 loans (3000) current before;
    // 1-30 → 31-60: 1 (1550) over 3 (3000); 31-60 → 61-90: 1 (820) over 2 (1000); 61-90 held nothing before,
    // so it has no rate.
    expect(flowRates(DEFAULT_BUCKETS, [BEFORE, AFTER])).toEqual([
      { from: "current", to: "1-30", byCount: r(1, 2), byBalance: r(7, 10) },
      { from: "1-30", to: "31-60", byCount: r(1, 3), byBalance: r(31, 60) },
      { from: "31-60", to: "61-90", byCount: r(1, 2), byBalance: r(41, 50) },
      { from: "61-90", to: "90+", byCount: undefined, byBalance: undefined },
    ]);
  });

  it("pools consecutive periods by adding their tallies", () => {
    const pooled = addTransitionCounts(tally, tally);
    expect(pooled.counts[B1]).toEqual([2, 0, 2, 0, 0, 2, 0]);
    expect(pooled.balances[B2]?.map(Number)).toEqual([400, 0, 0, 1600, 0, 0, 0]);
    expect(rowRates(pooled.counts)).toEqual(rowRates(tally.counts));
  });
});

describe("transition matrices: properties", () => {
  const position = fc.option(
    fc.record({
      state: fc.integer({ min: 0, max: 6 }),
      balanceMinor: fc.bigInt({ min: 0n, max: 10n ** 12n }),
    }),
    { nil: undefined },
  );
  const portfolio = fc
    .integer({ min: 0, max: 40 })
    .chain((size) =>
      fc.tuple(
        fc.array(position, { minLength: size, maxLength: size }),
        fc.array(position, { minLength: size, maxLength: size }),
      ),
    );

  it("each row counts the loans that started in it, and its rates sum to 1", () => {
    fc.assert(
      fc.property(portfolio, ([before, after]) => {
        const tally = countTransitions(7, transitionsBetween(before, after));
        const started = (state: number) =>
          before.filter((from, index) => from?.state === state && after[index] !== undefined);
        tally.counts.forEach((row, state) => {
          expect(row.reduce((sum, value) => sum + value, 0)).toBe(started(state).length);
          const balance = started(state).reduce((sum, from) => sum + (from?.balanceMinor ?? 0n), 0n);
          expect((tally.balances[state] ?? []).reduce((sum, value) => sum + value, 0n)).toBe(balance);
        });
        for (const rates of [rowRates(tally.counts), rowRates(tally.balances)]) {
          for (const row of rates) {
            if (row === undefined) continue;
            expect(row.reduce((sum, value) => addRatio(sum, value), ratioFromInt(0))).toEqual(
              ratioFromInt(1),
            );
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
