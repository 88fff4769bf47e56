import { describe, expect, it } from "vitest";
import {
  day,
  defaultPolicy,
  handCapacity,
  requestOf,
  salariedProfile,
} from "../../../test/support/plan-fixtures.ts";
import { formatIsoDate } from "../../core/calendar-date.ts";
import { ratio } from "../../core/ratio.ts";
import { parseBorrowerProfile } from "../parse-borrower-profile.ts";
import { candidateSpecs, expectedIncomeGrowth, termGrid } from "./candidates.ts";
import { installmentTotals } from "./evaluate-plan.ts";
import { fixedPeriodShape, installmentsForTerm, payDayShape } from "./plan-periods.ts";
import type { PlanSpec } from "./plan-spec.ts";
import { buildPlan } from "./plan-terms.ts";
import { capacityWeights } from "./weighted-tiers.ts";

const biweekly = parseBorrowerProfile({
  currency: "EUR",
  incomes: [
    { name: "salary", amount: "1200.00", frequency: "biweekly", payDate: "2025-01-10", growthPercent: "3" },
  ],
});

describe("termGrid", () => {
  it("keeps both ends and the multiples of the smallest step that leaves at most 8 terms", () => {
    expect(termGrid(12, 60, 1)).toEqual([12, 24, 36, 48, 60]); // steps 1, 3, 6 give 49, 17, 9 terms
    expect(termGrid(6, 36, 1)).toEqual([6, 12, 18, 24, 30, 36]);
    expect(termGrid(3, 12, 1)).toEqual([3, 6, 9, 12]);
    expect(termGrid(12, 360, 1)).toEqual([12, 60, 120, 180, 240, 300, 360]); // steps 12, 24, 36 give 30, 16, 11
  });

  it("keeps whole periods only: quarterly terms are multiples of 3, yearly of 12", () => {
    expect(termGrid(13, 59, 3)).toEqual([15, 24, 36, 48, 57]);
    expect(termGrid(7, 11, 12)).toEqual([]);
    expect(termGrid(12, 30, 12)).toEqual([12, 24]);
  });
});

describe("pay-day alignment", () => {
  it("puts a two-weekly salary's installments 2 days after a pay date, every two weeks", () => {
    // Pay dates 10 Jan, 24 Jan, 7 Feb, 21 Feb …; from 3 Feb the first period must last 7 days (to 10 Feb):
    // 7 Feb + 2 = 9 Feb is too early, 21 Feb + 2 = 23 Feb is the first due date.
    const aligned = payDayShape(biweekly, day("2025-02-03"));
    if (!("shape" in aligned)) throw new Error(aligned.reason);
    expect(aligned.shape.termsPeriod).toBe("biweekly");
    expect(formatIsoDate(aligned.shape.firstDueDay as number)).toBe("2025-02-23");
    // 26 installments a year: 12 months → 26, 6 → 13, 36 → 78.
    expect([12, 6, 36].map((m) => installmentsForTerm(aligned.shape, m))).toEqual([26, 13, 78]);
  });

  it("matches a monthly salary on the 25th with monthly installments on the 27th", () => {
    const aligned = payDayShape(salariedProfile(), day("2025-01-15"));
    if (!("shape" in aligned)) throw new Error(aligned.reason);
    expect(aligned.shape.termsPeriod).toBe("monthly");
    // 25 Jan + 2 = 27 Jan leaves only 12 days (at least 14 needed): the next pay date, 25 Feb, gives 27 Feb.
    expect(formatIsoDate(aligned.shape.firstDueDay as number)).toBe("2025-02-27");
  });

  it("says why when there is no income to align to", () => {
    const retired = parseBorrowerProfile({
      currency: "EUR",
      incomes: [{ name: "pension", amount: "900.00", payDate: "2024-01-01", endsOn: "2024-12-31" }],
    });
    expect(payDayShape(retired, day("2025-01-15"))).toEqual({
      reason: "the borrower has no income paid after the start date to align to",
    });
  });
});

describe("candidateSpecs", () => {
  const request = requestOf(
    {},
    {
      loanTypes: ["annuity", "classic"],
      periods: ["monthly", "quarterly", "yearly", "pay-day"],
      term: { minMonths: 12, maxMonths: 60 },
      paymentMethods: ["standard", "step-up", "step-down", "seasonal", "balloon", "grace"],
      maxBalloonPercent: "25",
      maxGraceMonths: 3,
    },
  );

  it("crosses periods, terms, loan types and methods, and lists every family left out with its reason", () => {
    const set = candidateSpecs(request, biweekly, defaultPolicy());
    const ids = set.specs.map((spec) => spec.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("monthly-36m-annuity-standard");
    expect(ids).toContain("monthly-36m-classic-standard");
    expect(ids).toContain("monthly-36m-annuity-step-up-1.5"); // half the income growth of 3 %
    expect(ids).toContain("monthly-36m-annuity-seasonal");
    expect(ids).toContain("monthly-36m-annuity-balloon-25");
    expect(ids).toContain("monthly-36m-annuity-balloon-10"); // 10, 20, 25: the maximum and the tens below it
    expect(ids).toContain("monthly-36m-classic-grace-3");
    expect(ids).toContain("quarterly-36m-annuity-grace-1"); // 3 months = 1 quarterly installment
    expect(ids).toContain("pay-day-36m-annuity-grace-6"); // 3 months = 6 two-weekly installments
    expect(ids).toContain("yearly-24m-annuity-standard");
    expect(ids).not.toContain("monthly-12m-annuity-step-up-1.5"); // no yearly step within one year
    expect(ids.some((id) => id.startsWith("quarterly") && id.endsWith("seasonal"))).toBe(false);
    expect(set.skipped.map((s) => s.family)).toEqual([
      "step-down",
      "quarterly seasonal",
      "yearly seasonal",
      "pay-day seasonal",
    ]);
    expect(set.specs.length).toBeLessThanOrEqual(300);
  });

  it("offers no balloon or interest-only grace when the policy forbids them", () => {
    const policy = defaultPolicy({ allowBalloon: false, allowInterestOnly: false, id: "strict" });
    const set = candidateSpecs(request, biweekly, policy);
    expect(set.specs.some((spec) => spec.method.kind === "balloon" || spec.method.kind === "grace")).toBe(
      false,
    );
    expect(set.skipped).toContainEqual({
      family: "balloon",
      reason: 'policy "strict" does not allow balloon payments',
    });
    expect(set.skipped).toContainEqual({
      family: "grace",
      reason: 'policy "strict" does not allow interest-only periods',
    });
  });

  it("caps the terms at the policy's maximum, and explains when that leaves none", () => {
    const capped = candidateSpecs(request, biweekly, defaultPolicy({ maxTermMonths: 30 }));
    expect(Math.max(...capped.specs.map((spec) => spec.termMonths))).toBe(30);
    const none = candidateSpecs(request, biweekly, defaultPolicy({ maxTermMonths: 6 }));
    expect(none.specs).toEqual([]);
    expect(none.skipped[0]?.reason).toMatch(
      /at most 6 months, below the product's shortest term of 12 months/,
    );
  });

  it("steps down as fast as a falling income, never step-up", () => {
    const falling = parseBorrowerProfile({
      currency: "EUR",
      incomes: [
        { name: "a", amount: "1000.00", payDate: "2025-01-25", growthPercent: "-4" },
        { name: "b", amount: "3000.00", payDate: "2025-01-25", growthPercent: "-2" },
      ],
    });
    // Weighted by amount: (1000·(−4 %) + 3000·(−2 %)) / 4000 = −2.5 %.
    expect(expectedIncomeGrowth(falling)).toEqual(ratio(-1n, 40n));
    const ids = candidateSpecs(request, falling, defaultPolicy()).specs.map((spec) => spec.id);
    expect(ids).toContain("monthly-36m-annuity-step-down-2.5");
    expect(ids.some((id) => id.includes("step-up"))).toBe(false);
  });
});

describe("seasonal tiers", () => {
  // 3,000.00 at 12 % a year over 3 months, due 15 Feb, 15 Mar, 15 Apr; capacity 100.00, 200.00, 100.00.
  // Weights 1 : 2 : 1, so P̄ = 3000 / (1/1.01 + 2/1.01² + 1/1.01³) = 3000 / 3.9212812 = 765.0557:
  // 765.06, 1,530.11, and the last repays the rest. Rolling forward: 3000 + 30.00 − 765.06 = 2264.94;
  // + 22.65 − 1530.11 = 757.48; the last is 757.48 + 7.57 = 765.05.
  const capacity = handCapacity(
    "2025-01-15",
    6,
    { income: 100_000, capacity: 10_000, comfort: 10_000, stressed: 10_000 },
    { 2: { capacity: 20_000 } },
  );
  const request = requestOf({ amount: "3000.00" });
  const spec: PlanSpec = {
    id: "s",
    shape: fixedPeriodShape("monthly"),
    termMonths: 3,
    installments: 3,
    loanType: "annuity",
    method: { kind: "seasonal" },
  };

  it("solves the tier level so that the loan repays, the last installment absorbing only the rounding", () => {
    const built = buildPlan(spec, request, {
      amountMinor: 300_000,
      rateText: "12",
      capacity,
      withRateCap: true,
    });
    expect(built.document.paymentMethod).toEqual({
      type: "plan",
      tiers: [
        { from: 1, to: 1, amount: "765.06" },
        { from: 2, to: 2, amount: "1530.11" },
        { from: 3, to: 3, amount: "765.06" },
      ],
    });
    expect(installmentTotals(built.schedule)).toEqual([76_506, 153_011, 76_505]);
    expect(built.schedule.columns.balanceMinor).toEqual([226_494, 75_748, 0]);
  });

  it("refuses to shape a flat capacity or one with no room", () => {
    const dueDays = [day("2025-02-15"), day("2025-03-15")];
    const flat = handCapacity(
      "2025-01-15",
      4,
      { income: 1, capacity: 10_000, comfort: 1, stressed: 1 },
      { 2: { capacity: 10_500 } },
    );
    expect(capacityWeights(dueDays, flat)).toEqual({
      reason:
        "the borrower's capacity varies by less than 10 % from month to month: the seasonal plan would be the level plan",
    });
    const none = handCapacity("2025-01-15", 4, { income: 1, capacity: -5, comfort: 1, stressed: 1 });
    expect(capacityWeights(dueDays, none)).toEqual({
      reason: "no month of the term has room for a new installment",
    });
  });

  it("gives a month without room a quarter of the average weight, so the plan never stops", () => {
    // Capacities 0 and 400.00: average 200.00, floor 50.00 → weights 50.00 and 400.00.
    const dueDays = [day("2025-02-15"), day("2025-03-15")];
    const uneven = handCapacity(
      "2025-01-15",
      4,
      { income: 1, capacity: 0, comfort: 1, stressed: 1 },
      { 2: { capacity: 40_000 } },
    );
    expect(capacityWeights(dueDays, uneven)).toEqual({ weights: [ratio(5_000n, 1n), ratio(40_000n, 1n)] });
  });
});
