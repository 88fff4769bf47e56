// Goal seeking over the plans of recommend.test.ts: 1,200.00 at 1 % a month from 15 Jan 2025, monthly level
// installments over 3, 4, 5, 6 and 12 months (408.03, 307.54, 247.25, 207.06, 106.62; maturities 15 Apr, 15 May,
// 15 Jun, 15 Jul 2025 and 15 Jan 2026). The hand-written capacity drops the 3-month plan, keeps the 4-month one
// only with savings and above the comfort cap, and keeps the others comfortably.
import { describe, expect, it } from "vitest";
import {
  contextOf,
  day,
  handCapacity,
  requestOf,
  salariedProfile,
} from "../../../test/support/plan-fixtures.ts";
import { evaluatePlan } from "./evaluate-plan.ts";
import { seekGoal } from "./goal-seek.ts";
import { fixedPeriodShape } from "./plan-periods.ts";
import type { PlanSpec } from "./plan-spec.ts";

const request = requestOf({ preferences: { opportunityRatePercent: "0" } });
const capacity = handCapacity(
  "2025-01-15",
  20,
  { income: 100_000, capacity: 45_000, comfort: 25_000, stressed: 32_000 },
  { 2: { capacity: 40_000, stressed: 28_000 } },
);
const context = contextOf(request, capacity, salariedProfile("1000.00", "0.00", "100.00"));
const spec = (months: number): PlanSpec => ({
  id: `m${months}`,
  shape: fixedPeriodShape("monthly"),
  termMonths: months,
  installments: months,
  loanType: "annuity",
  method: { kind: "standard" },
});
const plans = [3, 4, 5, 6, 12].map((months) => evaluatePlan(spec(months), context));

describe("goal: finish by a date", () => {
  it("solves it with the best affordable plan that finishes in time", () => {
    const answer = seekGoal({ kind: "finish-by", day: day("2025-07-15") }, plans, context);
    expect(answer.solved).toBe(true);
    expect(answer.plan?.spec.id).toBe("m5");
  });

  it("takes a plan that needs savings when it is the only one in time, and says so", () => {
    const answer = seekGoal({ kind: "finish-by", day: day("2025-05-20") }, plans, context);
    expect(answer.solved).toBe(true);
    expect(answer.plan?.spec.id).toBe("m4");
    expect(answer.explanation.join(" ")).toMatch(/relies on savings/);
  });

  it("answers with the nearest affordable plan when the plans in time are not affordable", () => {
    const answer = seekGoal({ kind: "finish-by", day: day("2025-04-30") }, plans, context);
    expect(answer.solved).toBe(false);
    expect(answer.plan?.spec.id).toBe("m4");
    expect(answer.explanation[0]).toMatch(
      /^1 plan finishes by 2025-04-30, but none is affordable\. The longest of them, Monthly, 3 months, level installments: Not affordable: in March 2025/,
    );
    // 15 May is 15 days after 30 April: about 1 month.
    expect(answer.explanation[1]).toBe(
      "The nearest affordable plan, Monthly, 4 months, level installments, finishes on 2025-05-15, about 1 month after your date.",
    );
  });

  it("says when no plan the product offers can finish in time", () => {
    const answer = seekGoal({ kind: "finish-by", day: day("2025-03-01") }, plans, context);
    expect(answer.solved).toBe(false);
    expect(answer.explanation[0]).toBe(
      "No plan the product offers finishes by 2025-03-01: the earliest finishes on 2025-04-15 (the product's shortest term is 3 months).",
    );
  });
});

describe("goal: never more than X per installment", () => {
  it("solves it among the plans within the limit", () => {
    expect(seekGoal({ kind: "max-installment", amountMinor: 25_000 }, plans, context).plan?.spec.id).toBe(
      "m5",
    );
    // 207.06 > 200.00: only the 12-month plan stays within.
    expect(seekGoal({ kind: "max-installment", amountMinor: 20_000 }, plans, context).plan?.spec.id).toBe(
      "m12",
    );
  });

  it("answers with the lowest installments and the amount that would fit the limit", () => {
    // The lowest installment is 106.62 (12 months). At 12 months an amount A pays A · 0.01 / (1 − 1.01^−12)
    // = A · 0.0888488 a month; ≤ 100.00 needs A ≤ 1,125.51 — but at 1,125.00 the installment 99.95499… rounds
    // down to 99.95 and the last one absorbs the 12 shortfalls, 100.01: the exact schedules allow 1,124.00.
    const answer = seekGoal({ kind: "max-installment", amountMinor: 10_000 }, plans, context);
    expect(answer.solved).toBe(false);
    expect(answer.plan?.spec.id).toBe("m12");
    expect(answer.alternative?.amountMinor).toBe(112_400);
    expect(answer.alternative?.largestInstallmentMinor).toBeLessThanOrEqual(10_000);
    expect(answer.explanation.join(" ")).toMatch(/lowest largest installment is 106\.62 EUR/);
    expect(answer.explanation.join(" ")).toMatch(/Borrowing at most 1124\.00 EUR over 12 months/);
  });
});

describe("goal: lowest total interest", () => {
  it("picks the least-interest affordable plan and warns when it leaves no comfort", () => {
    const answer = seekGoal({ kind: "lowest-interest" }, plans, context);
    expect(answer.solved).toBe(true);
    // 3 months would cost less but is not affordable; 4 months is feasible (with savings).
    expect(answer.plan?.spec.id).toBe("m4");
    expect(answer.alternative?.spec.id).toBe("m5");
    expect(answer.explanation[1]).toMatch(/above the comfort cap/);
  });
});
