// Custom plans on 1,200.00 at 12 % a year (1 % a month), monthly from 15 Jan 2025, the product allowing 3 to 60
// months. Every expected figure is rolled forward by hand: balance × 1 % = interest (rounded half to even to
// the cent), balance + interest − payment = next balance.
import { describe, expect, it } from "vitest";
import { contextOf, defaultPolicy, handCapacity, requestOf } from "../../../test/support/plan-fixtures.ts";
import { type CustomPlanResult, customPlan } from "./custom-plan.ts";
import type { CustomTier } from "./plan-request.ts";

const roomy = handCapacity("2025-01-15", 80, {
  income: 500_000,
  capacity: 100_000,
  comfort: 80_000,
  stressed: 90_000,
});

function run(tiers: CustomTier[], product: Record<string, unknown> = {}, capacity = roomy): CustomPlanResult {
  const request = requestOf({}, product);
  return customPlan({ tiers, period: "monthly", loanType: "annuity" }, contextOf(request, capacity));
}

const tier = (from: number, to: number, amountMinor: number): CustomTier => ({ from, to, amountMinor });

describe("customPlan", () => {
  it("completes the schedule: the final installment repays exactly what remains", () => {
    // 1200.00 + 12.00 − 300.00 = 912.00; + 9.12 − 300.00 = 621.12; + 6.21 − 320.00 = 307.33;
    // the last: 307.33 + 3.07 = 310.40 instead of the 320.00 proposed.
    const result = run([tier(1, 2, 30_000), tier(3, 4, 32_000)]);
    if (result.status !== "accepted") throw new Error(JSON.stringify(result.issues));
    expect(result.plan.installmentTotals).toEqual([30_000, 30_000, 32_000, 31_040]);
    expect(result.plan.schedule.columns.interestMinor).toEqual([1_200, 912, 621, 307]);
    expect(result.plan.schedule.columns.balanceMinor).toEqual([91_200, 62_112, 30_733, 0]);
    expect(result.proposedLastMinor).toBe(32_000);
    expect(result.completedLastMinor).toBe(31_040);
    expect(result.plan.feasible).toBe(true);
    expect(result.notes[0]).toMatch(/310\.40 EUR of principal and interest \(you proposed 320\.00 EUR\)/);
  });

  it("refuses an amount that does not cover its interest (negative amortisation), naming the tier", () => {
    // Installment 1 accrues 1200.00 × 1 % = 12.00 of interest; 10.00 would let the balance grow.
    const result = run([tier(1, 1, 1_000), tier(2, 4, 40_000)]);
    expect(result).toEqual({
      status: "refused",
      issues: [
        {
          field: "custom.installments[0].amount",
          value: "10.00 EUR",
          message:
            "installment 1 pays 10.00 EUR but its interest is 12.00 EUR: each installment must cover its interest (no negative amortisation)",
        },
      ],
    });
  });

  it("refuses amounts that repay the loan before the plan ends", () => {
    // 1200.00 + 12.00 − 700.00 = 512.00; 512.00 + 5.12 < 700.00: repaid at installment 2 of 4.
    const result = run([tier(1, 4, 70_000)]);
    expect(result.status).toBe("refused");
    if (result.status !== "refused") return;
    expect(result.issues[0]?.field).toBe("custom.installments[0].amount");
    expect(result.issues[0]?.message).toBe(
      "the amounts repay the loan at installment 2 of 4: end the plan there or lower the amounts",
    );
  });

  it("refuses a term outside the product's range", () => {
    const result = run([tier(1, 2, 61_000)]);
    expect(result).toEqual({
      status: "refused",
      issues: [
        {
          field: "custom.installments",
          value: 2,
          message: "gives 2 monthly installments, a term of 2 months; the product allows 3 to 60 months",
        },
      ],
    });
  });

  it("refuses a final balloon the product does not allow, and accepts it within maxBalloonPercent", () => {
    // 1200.00 + 12.00 − 100.00 = 1112.00; + 11.12 − 100.00 = 1023.12; + 10.23 − 100.00 = 933.35;
    // the last: 933.35 + 9.33 = 942.68, more than twice 100.00.
    const tiers = [tier(1, 3, 10_000), tier(4, 4, 10_000)];
    const refused = run(tiers);
    expect(refused.status).toBe("refused");
    if (refused.status === "refused") {
      expect(refused.issues[0]?.field).toBe("custom.installments[1].amount");
      expect(refused.issues[0]?.message).toMatch(
        /942\.68 EUR, more than twice .* \(100\.00 EUR\): a balloon payment/,
      );
    }
    // Allowed up to 80 % of 1200.00 = 960.00: the balloon part, 942.68 − 100.00 = 842.68, fits.
    const accepted = run(tiers, { paymentMethods: ["standard", "balloon"], maxBalloonPercent: "80" });
    expect(accepted.status).toBe("accepted");
    // Up to 60 % = 720.00 it does not.
    expect(run(tiers, { paymentMethods: ["standard", "balloon"], maxBalloonPercent: "60" }).status).toBe(
      "refused",
    );
  });

  it("counts installments that pay only interest as a grace period, which the product must allow", () => {
    const tiers = [tier(1, 1, 1_200), tier(2, 4, 41_000)];
    const refused = run(tiers);
    expect(refused.status).toBe("refused");
    if (refused.status === "refused") {
      expect(refused.issues[0]?.message).toBe(
        "pays only interest in 1 installment; the product does not offer a grace period",
      );
    }
    expect(run(tiers, { paymentMethods: ["standard", "grace"], maxGraceMonths: 1 }).status).toBe("accepted");
  });

  it("evaluates an accepted plan against the capacity like any candidate", () => {
    // 300.00 a month does not fit a month that can carry 250.00.
    const tight = handCapacity(
      "2025-01-15",
      80,
      { income: 500_000, capacity: 100_000, comfort: 80_000, stressed: 90_000 },
      { 3: { capacity: 25_000 } },
    );
    const result = run([tier(1, 2, 30_000), tier(3, 4, 32_000)], {}, tight);
    if (result.status !== "accepted") throw new Error("expected the plan to be accepted");
    expect(result.plan.affordability.affordable).toBe(false);
    expect(result.plan.affordability.shortfalls[0]).toEqual({ month: 3, amountMinor: 32_000 - 25_000 });
  });

  it("refuses interest-only installments when the policy forbids them, whatever the product says", () => {
    const request = requestOf({}, { paymentMethods: ["standard", "grace"], maxGraceMonths: 1 });
    const policy = defaultPolicy({ allowInterestOnly: false, id: "strict" });
    const result = customPlan(
      { tiers: [tier(1, 1, 1_200), tier(2, 4, 41_000)], period: "monthly", loanType: "annuity" },
      contextOf(request, roomy, undefined, policy),
    );
    expect(result.status === "refused" && result.issues[0]?.message).toBe(
      'pays only interest in 1 installment; policy "strict" does not allow interest-only periods',
    );
  });
});
