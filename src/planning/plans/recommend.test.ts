// The recommendation rule on a capacity vector written by hand, so that every plan's fate can be read off:
// 1,200.00 at 12 % a year (1 % a month), monthly level installments over 3, 4, 5, 6 and 12 months, opportunity
// rate 0 (so the PV cost is the interest). The borrower can carry 450.00 a month (400.00 in March 2025), 250.00
// comfortably, 320.00 under stress (280.00 in March), and has 100.00 of savings (half of it, 50.00, may be drawn).
//
//   P(n) = 1200 · 0.01 / (1 − 1.01^−n):  P(3) = 408.03, P(4) = 307.54, P(5) = 247.25, P(6) = 207.06, P(12) = 106.62
//
//   3 months: 408.03 > 400.00 in March                      → not affordable: dropped
//   4 months: within 450/400, but 307.54 > 250.00 comfort; under stress 27.54 short in March, which the 50.00
//             of savings covers                              → feasible "with savings", not comfortable
//   5 months: 247.25 ≤ 250.00 comfort, ≤ 280.00 stressed     → feasible, comfortable, least interest: recommended
//   6, 12 months: comfortable too, but more interest
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { contextOf, handCapacity, requestOf, salariedProfile } from "../../../test/support/plan-fixtures.ts";
import { evaluatePlan, type PlanEvaluation } from "./evaluate-plan.ts";
import { fixedPeriodShape } from "./plan-periods.ts";
import type { PlanSpec } from "./plan-spec.ts";
import { rankPlans, recommend, tradeOffs } from "./recommend.ts";

const request = requestOf({ preferences: { opportunityRatePercent: "0" } });
const capacity = (overrides: { comfort?: number; savings?: string } = {}) =>
  handCapacity(
    "2025-01-15",
    20,
    { income: 100_000, capacity: 45_000, comfort: overrides.comfort ?? 25_000, stressed: 32_000 },
    { 2: { capacity: 40_000, stressed: 28_000 } },
  );
const spec = (months: number): PlanSpec => ({
  id: `m${months}`,
  shape: fixedPeriodShape("monthly"),
  termMonths: months,
  installments: months,
  loanType: "annuity",
  method: { kind: "standard" },
});
const TERMS = [3, 4, 5, 6, 12];

function evaluateAll(comfort?: number, savings = "100.00"): Map<number, PlanEvaluation> {
  const context = contextOf(
    request,
    capacity(comfort === undefined ? {} : { comfort }),
    salariedProfile("1000.00", "0.00", savings),
  );
  return new Map(TERMS.map((months) => [months, evaluatePlan(spec(months), context)]));
}

const level = (n: number) =>
  new Decimal(1200)
    .times("0.01")
    .div(new Decimal(1).minus(new Decimal("1.01").pow(-n)))
    .toDecimalPlaces(2)
    .times(100)
    .toNumber();

describe("recommend: the rule on a hand-written capacity vector", () => {
  const plans = evaluateAll();
  const get = (months: number) => plans.get(months) as PlanEvaluation;

  it("computes the level installments of the hand calculation", () => {
    expect(TERMS.map(level)).toEqual([40_803, 30_754, 24_725, 20_706, 10_662]);
    for (const months of TERMS) expect(get(months).installmentTotals[0]).toBe(level(months));
  });

  it("drops the 3-month plan: 408.03 exceeds the 400.00 March capacity", () => {
    const a = get(3).affordability;
    expect(a.affordable).toBe(false);
    expect(a.shortfalls[0]).toEqual({ month: 2, amountMinor: 40_803 - 40_000 });
    expect(get(3).feasible).toBe(false);
  });

  it("keeps the 4-month plan only with savings, and over the comfort cap", () => {
    const a = get(4).affordability;
    expect(a.affordable).toBe(true);
    expect(a.stress).toBe("pass-with-savings");
    expect(a.stressGapMinor).toBe(30_754 - 28_000); // 27.54 short in March only
    expect(a.savingsBudgetMinor).toBe(5_000); // half of 100.00
    expect(a.monthsOverComfort).toBe(4);
    expect(get(4).feasible).toBe(true);
    expect(get(4).comfortable).toBe(false);
  });

  it("recommends the 5-month plan: the cheapest that passes the stress test on income and stays comfortable", () => {
    for (const months of [5, 6, 12]) {
      expect(get(months).affordability.stress).toBe("pass");
      expect(get(months).comfortable).toBe(true);
    }
    // Opportunity rate 0: the PV cost is the interest, which grows with the term.
    expect(get(5).pvCostMinor).toBe(get(5).interestMinor);
    expect(get(5).pvCostMinor).toBeLessThan(get(6).pvCostMinor);
    const chosen = recommend([...plans.values()], request);
    expect(chosen?.plan.spec.id).toBe("m5");
    expect(chosen?.notes).toEqual([]);
  });

  it("ranks the recommendation first and the dropped plan last", () => {
    const ranked = rankPlans([...plans.values()], get(5)).map((plan) => plan.spec.id);
    expect(ranked).toEqual(["m5", "m6", "m12", "m4", "m3"]);
  });

  it("labels the trade-offs: 4 months cheaper but tighter, 6 months looser but dearer, 12 months lowest burden", () => {
    const { labelled, pareto } = tradeOffs([...plans.values()], get(5));
    expect(pareto.map((plan) => plan.spec.id)).toEqual(["m4", "m5", "m6", "m12"]);
    const labels = Object.fromEntries(labelled.map((t) => [t.plan.spec.id, t.labels]));
    expect(labels).toEqual({
      m4: ["cheapest", "cheaper but tighter"],
      m5: ["recommended"],
      m6: ["looser but dearer"],
      m12: ["lowest burden"],
    });
  });

  it("relaxes the comfort cap to the maximum ratio, and says so, when no plan is comfortable", () => {
    const tight = evaluateAll(5_000);
    const chosen = recommend([...tight.values()], request);
    // 4 months relies on savings; 5 months passes on income alone: the stress test on income comes first.
    expect(chosen?.plan.spec.id).toBe("m5");
    expect(chosen?.comfortable).toBe(false);
    expect(chosen?.notes.join(" ")).toMatch(/relaxes it to the policy's maximum ratio/);
  });

  it("drops the 4-month plan entirely when the savings cannot cover its stressed shortfall", () => {
    const noSavings = evaluateAll(undefined, "0.00");
    expect((noSavings.get(4) as PlanEvaluation).affordability.stress).toBe("fail");
    expect((noSavings.get(4) as PlanEvaluation).feasible).toBe(false);
  });

  it("answers undefined (nothing to recommend) when no plan is feasible", () => {
    expect(recommend([get(3)], request)).toBeUndefined();
  });
});
