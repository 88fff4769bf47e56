// The IRR on a grid of periods against irr.ts's `irrAtTimes` on the same flows: same rates (to the solver's
// tolerance), same root policy, same errors.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TenorError } from "../core/errors.ts";
import { irrAtTimes, type RateResult } from "./irr.ts";
import { type PeriodGridFlows, periodGridIrr } from "./period-grid-irr.ts";

/** Flows at `wholes[k] / perUnit + days[k] / 365` (days 0 on the grid), as the callers build them. */
function grid(
  perUnit: number,
  flows: readonly [whole: number, days: number, amount: number][],
): PeriodGridFlows {
  return {
    wholes: flows.map(([whole]) => whole),
    fractions: flows.map(([, days]) => days / 365), // float-ok: test input
    times: flows.map(([whole, days]) =>
      days === 0 ? whole / perUnit : (whole * 365 + perUnit * days) / (perUnit * 365),
    ),
    amounts: flows.map(([, , amount]) => amount),
    periodsPerUnit: perUnit,
  };
}

function outcome(solve: () => RateResult): RateResult | string {
  try {
    return solve();
  } catch (error) {
    if (error instanceof TenorError) return error.code;
    throw error;
  }
}

function expectSameAsIrrAtTimes(flows: PeriodGridFlows): void {
  const fast = outcome(() => periodGridIrr(flows));
  const reference = outcome(() => irrAtTimes(flows.times, flows.amounts));
  if (typeof reference === "string" || typeof fast === "string") {
    expect(fast).toBe(reference);
    return;
  }
  expect(fast.signChanges).toBe(reference.signChanges);
  expect(fast.multipleRoots).toBe(reference.multipleRoots);
  expect(fast.roots.length).toBe(reference.roots.length);
  fast.roots.forEach((root, k) => {
    expect(Math.abs(root - (reference.roots[k] as number))).toBeLessThan(1e-10 * (1 + Math.abs(root)));
  });
}

/** A level-payment loan: `principal` out at period 0, `count` payments of `payment`, the first `firstDays` late. */
function loan(
  perUnit: number,
  principal: number,
  count: number,
  payment: number,
  firstDays = 0,
): PeriodGridFlows {
  return grid(perUnit, [
    [0, 0, -principal],
    ...Array.from({ length: count }, (_, k): [number, number, number] => [
      k + 1,
      k === 0 ? firstDays : 0,
      payment,
    ]),
  ]);
}

describe("periodGridIrr", () => {
  it("finds a 30-year mortgage's rate in whole months and in years of months", () => {
    const monthly = periodGridIrr(loan(1, 30_000_000, 360, 189_620));
    expect(monthly.rate * 1200).toBeCloseTo(6.5, 4);
    expect(monthly.evaluations).toBeLessThan(8); // the Newton guess from r = 0 saves half the evaluations
    expectSameAsIrrAtTimes(loan(1, 30_000_000, 360, 189_620));
    expectSameAsIrrAtTimes(loan(12, 30_000_000, 360, 189_620, 19));
  });

  it("agrees with irrAtTimes on random loans, fees, late drawdowns and flows out of order", () => {
    const flow = fc.tuple(
      fc.integer({ min: 0, max: 400 }),
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })),
      fc.oneof(fc.integer({ min: -5_000_000, max: -1 }), fc.integer({ min: 1, max: 5_000_000 })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(1, 12, 52),
        fc.array(flow, { minLength: 1, maxLength: 30 }),
        (perUnit, flows) => expectSameAsIrrAtTimes(grid(perUnit, flows)),
      ),
      { numRuns: 300 },
    );
  });

  it("agrees with irrAtTimes at extreme rates, on sparse grids and with several rates", () => {
    expectSameAsIrrAtTimes(loan(12, 100, 24, 1_000)); // about +1,000 % a month
    expectSameAsIrrAtTimes(loan(12, 1_000_000, 24, 10)); // close to −100 %
    expectSameAsIrrAtTimes(
      grid(1, [
        [0, 0, -100],
        [5_000, 0, 50],
        [10_000, 0, 80],
      ]),
    ); // too sparse to walk
    const twoRates = grid(1, [
      [0, 0, -100],
      [1, 0, 230],
      [2, 0, -132],
    ]); // 10 % and 20 %
    expect(periodGridIrr(twoRates).multipleRoots).toBe(true);
    expectSameAsIrrAtTimes(twoRates);
  });

  it("hands two flows and one-signed flows to irrAtTimes (closed form, errors)", () => {
    expect(
      periodGridIrr(
        grid(12, [
          [0, 0, -100],
          [12, 0, 110],
        ]),
      ).method,
    ).toBe("closed-form");
    expect(
      outcome(() =>
        periodGridIrr(
          grid(12, [
            [0, 0, -100],
            [0, 0, 100],
            [3, 0, 5],
          ]),
        ),
      ),
    ).toBe("NO_SIGN_CHANGE");
    expectSameAsIrrAtTimes(
      grid(12, [
        [0, 0, -100],
        [0, 0, 40],
        [3, 0, 70],
      ]),
    ); // netted to two
  });
});
