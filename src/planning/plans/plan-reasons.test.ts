// The reasons of the plans of recommend.test.ts (1,200.00 at 1 % a month; capacity 450.00, 400.00 in March,
// 320.00 under stress, 280.00 in March; 100.00 of savings), with the default policy's caps and shock in the
// words: comfort 35 %, stressed maximum 60 %, income shock 15 %.
import { describe, expect, it } from "vitest";
import { contextOf, handCapacity, requestOf, salariedProfile } from "../../../test/support/plan-fixtures.ts";
import { evaluatePlan } from "./evaluate-plan.ts";
import { fixedPeriodShape } from "./plan-periods.ts";
import { planReasons } from "./plan-reasons.ts";
import type { PlanSpec } from "./plan-spec.ts";

const request = requestOf({ preferences: { opportunityRatePercent: "0" } });
const capacity = handCapacity(
  "2025-01-15",
  20,
  { income: 100_000, capacity: 45_000, comfort: 25_000, stressed: 32_000 },
  { 2: { capacity: 40_000, stressed: 28_000 } },
);
const context = contextOf(request, capacity, salariedProfile("1000.00", "0.00", "100.00"));
const reasons = (months: number) => {
  const spec: PlanSpec = {
    id: `m${months}`,
    shape: fixedPeriodShape("monthly"),
    termMonths: months,
    installments: months,
    loanType: "annuity",
    method: { kind: "standard" },
  };
  return planReasons(evaluatePlan(spec, context), context);
};

describe("planReasons", () => {
  it("gives the burden, the stress result and the cost with their figures", () => {
    // 247.25 / 1000.00 = 24.725 %, shown to one decimal (half to even): 24.7 %. Interest by hand, 1 % a month
    // on the balance: 12.00 (1200.00), 9.65 (964.75), 7.27 (727.15), 4.87 (487.17), 2.45 (244.79) = 36.24;
    // the last installment 244.79 + 2.45 = 247.24.
    expect(reasons(5)).toEqual([
      "Keeps your debt payments (this loan and existing debts) at or below 24.7 % of your income in every month (within the comfort cap of 35.0 %); 24.7 % on average.",
      "Passes the stress test: even if your income fell 15.0 %, debt payments would stay at or below 24.7 % of it (the policy allows 60.0 %).",
      "Costs 36.24 EUR in interest: 36.24 EUR in today's money at your opportunity rate of 0.0 % a year; effective rate 12.7 % (APRC).",
      "Level installments of 247.25 EUR (the last 247.24 EUR).",
    ]);
  });

  it("says how savings carry a plan through the stress test", () => {
    // 307.54 against 280.00 in March: 27.54 short, within half the savings (50.00).
    expect(reasons(4)[1]).toBe(
      "Passes the stress test with savings: if your income fell 15.0 %, 1 month would be short, by up to 27.54 EUR (March 2025): a shortfall of 27.54 EUR, which 50.0 % of your savings (50.00 EUR) would cover.",
    );
  });

  it("says why an unaffordable plan fails, with the month and the amounts", () => {
    expect(reasons(3)[0]).toBe(
      "Not affordable: in March 2025 its installments exceed what you can carry (400.00 EUR) by 8.03 EUR; 1 month is over.",
    );
  });
});
