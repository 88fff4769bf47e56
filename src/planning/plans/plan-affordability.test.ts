import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { contextOf, defaultPolicy, handCapacity, requestOf } from "../../../test/support/plan-fixtures.ts";
import { ratio } from "../../core/ratio.ts";
import type { CapacityAssessment, MonthCapacity } from "../capacity-types.ts";
import { evaluatePlan } from "./evaluate-plan.ts";
import { assessAffordability } from "./plan-affordability.ts";
import { fixedPeriodShape } from "./plan-periods.ts";
import type { PlanSpec } from "./plan-spec.ts";

/** The hand capacity with an existing debt of 200.00 every month and a stressed income 15 % lower. */
function withDebt(capacity: CapacityAssessment): CapacityAssessment {
  const months: MonthCapacity[] = capacity.months.map((row) => ({
    ...row,
    existingDebtMinor: 20_000,
    stressedIncomeMinor: (row.incomeMinor * 85) / 100,
    stressedGrossIncomeMinor: (row.incomeMinor * 85) / 100,
  }));
  return { ...capacity, months };
}

describe("assessAffordability", () => {
  // Income 2,000.00 a month (1,600.00 in month 2), existing debt 200.00; new installments 300.00 in months 1–3.
  const capacity = withDebt(
    handCapacity(
      "2025-01-15",
      6,
      { income: 200_000, capacity: 80_000, comfort: 50_000, stressed: 40_000 },
      { 2: { income: 160_000, capacity: 60_000, comfort: 36_000, stressed: 25_000 } },
    ),
  );
  const loads = [0, 30_000, 30_000, 30_000, 0, 0];
  const a = assessAffordability(loads, loads, capacity, defaultPolicy(), 20_000);

  it("measures the burden: (existing + new) / income per month with an installment", () => {
    // Months 1 and 3: (200 + 300) / 2000 = 25 %; month 2: 500 / 1600 = 31.25 %, the peak.
    expect(a.paymentMonths).toBe(3);
    expect(a.peakBurden).toEqual(ratio(5n, 16n));
    expect(a.peakBurdenMonth).toBe(2);
    // Average: (500 · 3) / (2000 + 1600 + 2000) = 1500 / 5600 = 15/56.
    expect(a.averageBurden).toEqual(ratio(15n, 56n));
    // Stressed: 500 / (1600 · 0.85) = 500 / 1360 = 25/68.
    expect(a.peakStressedBurden).toEqual(ratio(25n, 68n));
  });

  it("is affordable on base income, over comfort in no month, and short under stress in month 2 only", () => {
    expect(a.affordable).toBe(true);
    expect(a.monthsOverComfort).toBe(0);
    expect(a.stressShortfalls).toEqual([{ month: 2, amountMinor: 30_000 - 25_000 }]);
    // Half of 200.00 of savings (100.00) covers the 50.00 shortfall.
    expect(a.savingsBudgetMinor).toBe(10_000);
    expect(a.stress).toBe("pass-with-savings");
    // Slack: min over months of (stressed capacity − installments) / income = (250 − 300) / 1600 = −1/32.
    expect(a.minSlack).toEqual(ratio(-1n, 32n));
  });

  it("fails the stress test when the savings cannot cover the six largest shortfalls", () => {
    const poor = assessAffordability(loads, loads, capacity, defaultPolicy(), 9_998);
    expect(poor.savingsBudgetMinor).toBe(4_999);
    expect(poor.stress).toBe("fail");
  });

  it("counts only months with an installment of the plan", () => {
    // Month 4 has no room at all, but the plan asks nothing there.
    const broke = withDebt(
      handCapacity(
        "2025-01-15",
        6,
        { income: 200_000, capacity: 80_000, comfort: 50_000, stressed: 40_000 },
        { 4: { capacity: -5_000, stressed: -5_000, comfort: -5_000 } },
      ),
    );
    const result = assessAffordability(loads, loads, broke, defaultPolicy(), 0);
    expect(result.affordable).toBe(true);
    expect(result.stress).toBe("pass");
  });
});

describe("present-value cost", () => {
  it("discounts each payment at the opportunity rate over actual days / 365", () => {
    // 1,000.00 at 10 % for one year, paid in one yearly installment of 1,100.00 on 2026-01-15, 365 days later.
    // At 3 %: 1100 / 1.03 = 1,067.96 today, so the PV cost is 67.96 (the interest is 100.00).
    const request = requestOf(
      { amount: "1000.00", preferences: { opportunityRatePercent: "3" } },
      { interest: { ratePercent: "10" }, periods: ["yearly"], term: { minMonths: 12, maxMonths: 12 } },
    );
    const capacity = handCapacity("2025-01-15", 20, {
      income: 1e7,
      capacity: 1e7,
      comfort: 1e7,
      stressed: 1e7,
    });
    const plan = evaluatePlan(
      {
        id: "y",
        shape: fixedPeriodShape("yearly"),
        termMonths: 12,
        installments: 1,
        loanType: "annuity",
        method: { kind: "standard" },
      },
      contextOf(request, capacity),
    );
    expect(plan.installmentTotals).toEqual([110_000]);
    expect(plan.interestMinor).toBe(10_000);
    expect(plan.pvCostMinor).toBe(6_796);
  });
});

describe("the rate shock of a variable rate", () => {
  // 1,200.00 over 12 months at 3 % variable; the Canadian preset qualifies at max(rate + 2, 5.25) = 5.25 %.
  // Stressed level installment: 1200 · (0.0525/12) / (1 − (1 + 0.0525/12)^−12) = 102.87, against a stressed
  // capacity of 100.00: 2.87 short every month.
  const request = requestOf(
    {},
    { interest: { ratePercent: "3", type: "variable" }, term: { minMonths: 12, maxMonths: 12 } },
  );
  const capacity = handCapacity("2025-01-15", 20, {
    income: 1e6,
    capacity: 1e6,
    comfort: 1e6,
    stressed: 10_000,
  });
  const policy = defaultPolicy({
    id: "ca-like",
    rateShockPoints: ratio(2n, 1n),
    minimumStressRatePercent: ratio(21n, 4n),
  });
  const spec = (method: PlanSpec["method"]): PlanSpec => ({
    id: "v",
    shape: fixedPeriodShape("monthly"),
    termMonths: 12,
    installments: 12,
    loanType: "annuity",
    method,
  });
  const i = new Decimal("0.0525").div(12);
  const stressedLevel = new Decimal(1200).times(i).div(new Decimal(1).minus(i.plus(1).pow(-12)));

  it("recomputes the schedule at the floored stressed rate", () => {
    expect(stressedLevel.toDecimalPlaces(2).toString()).toBe("102.87");
    const plan = evaluatePlan(spec({ kind: "standard" }), contextOf(request, capacity, undefined, policy));
    expect(plan.stressedRatePercent).toEqual(ratio(21n, 4n));
    expect(plan.installmentTotals[0]).toBe(10_163); // 1200 · 0.0025 / (1 − 1.0025^−12) = 101.63 at 3 %
    expect(plan.affordability.stressShortfalls[0]?.amountMinor).toBe(10_287 - 10_000);
    expect(plan.affordability.stressShortfallMonths).toBeGreaterThanOrEqual(11);
  });

  it("re-solves step tiers at the stressed rate rather than leaving a balloon at the end", () => {
    // Step-down 10 % after 6 installments (every is a year, 12, so the 12-month plan is level: use 24 months).
    const long = requestOf(
      {},
      { interest: { ratePercent: "3", type: "variable" }, term: { minMonths: 24, maxMonths: 24 } },
    );
    const stepped: PlanSpec = {
      ...spec({ kind: "step-down", changePercent: ratio(-10n, 1n) }),
      termMonths: 24,
      installments: 24,
    };
    const plan = evaluatePlan(
      stepped,
      contextOf(
        long,
        handCapacity("2025-01-15", 40, { income: 1e6, capacity: 1e6, comfort: 1e6, stressed: 0 }),
        undefined,
        policy,
      ),
    );
    // With a stressed capacity of 0 every stressed installment is a shortfall: the largest is the first, and the
    // stressed last installment is not a balloon (it is within a cent of the second year's tier).
    // P1 at 5.25 %: 1200 / Σ 0.9^⌊(t−1)/12⌋ v^t.
    let sum = new Decimal(0);
    for (let t = 1; t <= 24; t++)
      sum = sum.plus(new Decimal("0.9").pow(Math.floor((t - 1) / 12)).times(i.plus(1).pow(-t)));
    const first = new Decimal(1200).div(sum).toDecimalPlaces(2).times(100).toNumber();
    expect(plan.affordability.stressShortfalls[0]?.amountMinor).toBe(first);
  });
});

describe("assessAffordability: seasonal income carries unused capacity forward", () => {
  // A harvest month, two lean months (spending above income: capacity −100.00) and another good month.
  // Capacity 200 / −100 / −100 / 500; comfort 150 / −100 / −100 / 400; stressed 150 / −150 / −150 / 400.
  const capacity = handCapacity(
    "2025-09-01",
    4,
    { income: 100_000, capacity: 20_000, comfort: 15_000, stressed: 15_000 },
    {
      1: { income: 10_000, capacity: -10_000, comfort: -10_000, stressed: -15_000 },
      2: { income: 10_000, capacity: -10_000, comfort: -10_000, stressed: -15_000 },
      3: { income: 150_000, capacity: 50_000, comfort: 40_000, stressed: 40_000 },
    },
  );
  const loads = [15_000, 0, 5_000, 30_000];

  it("is affordable when the running balance from half the savings never goes below zero", () => {
    // Savings 400.00 → 200.00 counted on. Base: 200 + (200 − 150) = 250; 250 − 100 = 150; 150 − 100 − 50 = 0;
    // 0 + 500 − 300 = 200: never below zero → affordable, though months 1–2 alone could carry nothing.
    const a = assessAffordability(loads, loads, capacity, defaultPolicy(), 40_000, true);
    expect(a.carriedOver).toBe(true);
    expect(a.affordable).toBe(true);
    // Comfort, from nothing: 150 − 150 = 0; −100; → below zero in months 1 and 2 (−100, −250), then −250 + 400 −
    // 300 = −150 in month 3: three months over comfort.
    expect(a.monthsOverComfort).toBe(3);
    // Stressed, without savings: 150 − 150 = 0; −150 → short: so not "pass". With the 200.00: 200; 50; −100 → short
    // → "fail".
    expect(a.stress).toBe("fail");
  });

  it("names the month the set-aside money runs out, and by how much", () => {
    // Savings 100.00 → 50.00: 50 + 50 = 100; 0; −150 in month 2 (150.00 missing); −150 + 200 = 50 in month 3.
    const a = assessAffordability(loads, loads, capacity, defaultPolicy(), 10_000, true);
    expect(a.affordable).toBe(false);
    expect(a.shortfalls).toEqual([{ month: 2, amountMinor: 15_000 }]);
    expect(a.shortfallMonths).toBe(1);
  });

  it("passes the stress test with savings when they bridge the stressed deficit", () => {
    // Stressed capacity 400 / −150 / −100 / 400. Without savings: 400 − 150 = 250; 250 − 150 = 100;
    // 100 − 100 − 50 = −50 → short; with 200.00 of savings: 450; 300; 150; 150 + 400 − 300 = 250 → never below zero:
    // "pass-with-savings"; the deepest deficit without them is 50.00.
    const richer = handCapacity(
      "2025-09-01",
      4,
      { income: 100_000, capacity: 20_000, comfort: 15_000, stressed: 40_000 },
      {
        1: { income: 10_000, capacity: -10_000, comfort: -10_000, stressed: -15_000 },
        2: { income: 10_000, capacity: -10_000, comfort: -10_000, stressed: -10_000 },
        3: { income: 150_000, capacity: 50_000, comfort: 40_000, stressed: 40_000 },
      },
    );
    const a = assessAffordability(loads, loads, richer, defaultPolicy(), 40_000, true);
    expect(a.stress).toBe("pass-with-savings");
    expect(a.stressGapMinor).toBe(5_000);
  });
});
