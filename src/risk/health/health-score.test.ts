import { describe, expect, it } from "vitest";
import { TenorError } from "../../core/errors.ts";
import { type Ratio, ratio } from "../../core/ratio.ts";
import { dpdCap, healthBand } from "./dpd-cap.ts";
import { adviseOnPrepayment } from "./health-actions.ts";
import { affordability, bufferScore, costScore, scheduleScore } from "./health-components.ts";
import type { AffordabilityFacts, HealthFacts, PrepaymentFacts, RefinanceFacts } from "./health-facts.ts";
import { healthScore } from "./health-score.ts";
import { paymentConduct, paymentQuality } from "./payment-conduct.ts";

const pct = (n: bigint): Ratio => ratio(n, 100n);

const afford: AffordabilityFacts = {
  incomeMinor: 400_000, // 4,000.00 a month
  debtServiceMinor: 140_000, // 1,400.00 → 35 %
  stressedIncomeMinor: 340_000, // income − 15 %
  stressedDebtServiceMinor: 150_000, // 1,500 / 3,400 = 44.1 % ≤ 60 %
  residualMinor: 110_000, // 4,000 − 1,500 essentials − 1,400 debts
  residualFloorMinor: 40_000,
  maxRatio: pct(50n),
  stressedMaxRatio: pct(60n),
};

const refinance: RefinanceFacts = {
  marketRate: ratio(78n, 1000n),
  netSavingMinor: 234_000, // 2,340.00 on a 100,000.00 balance: G = 2.34 %
  breakEvenMonths: 14,
  switchingCostMinor: 150_000,
};

const prepayment: PrepaymentFacts = {
  amountMinor: 500_000,
  interestSavedMinor: 180_000,
  monthsEarlier: 9,
  feeMinor: 0,
  loanRate: ratio(85n, 1000n),
  safeReturn: pct(4n),
  bufferMonthsAfter: 3.2,
  requiredBufferMonths: 3,
  dearerDebt: false,
};

/** A quarterly loan with three due dates behind it, 0, 6 and 12 months ago. */
const facts: HealthFacts = {
  currencyDigits: 2,
  dueDates: [
    { ageMonths: 0, daysLate: 0 }, // on time → q = 1
    { ageMonths: 6, daysLate: 10 }, // 10 days late, past 3 days' grace → q = 0.7
    { ageMonths: 12, daysLate: 45 }, // 45 days late → q = 0.3
  ],
  graceDays: 3,
  daysPastDue: 0,
  schedule: { balanceMinor: 10_000_000, scheduledBalanceMinor: 9_925_000, principalMinor: 15_000_000 },
  remainingMonths: 120,
  variableRate: false,
  affordability: afford,
  buffer: { liquidSavingsMinor: 870_000, monthlyOutgoingsMinor: 290_000 }, // 8,700 / 2,900 = 3 months
  refinance,
  prepayment,
};

const component = (result: ReturnType<typeof healthScore>, key: string) => {
  const found = result.components.find((c) => c.key === key);
  if (found === undefined) throw new Error(key);
  return found;
};

describe("the improved model by hand", () => {
  it("weighs five components: 78.32, Healthy", () => {
    const result = healthScore(facts);
    // Conduct: w = 0.5^(age/6) = 1, 0.5, 0.25 (Σ 1.75); Σ w·q = 1·1 + 0.5·0.7 + 0.25·0.3 = 1.425;
    // 100 · 1.425 / 1.75 = 81.428571
    expect(component(result, "payment-conduct").score).toBe(81.43);
    expect(component(result, "payment-conduct").value).toBe(
      "1 of the last 3 due dates settled on time; 1 late by 1–30 days, 1 late by 31–60 days (worst 45 days)",
    );
    // Affordability: DSR 1,400 / 4,000 = 35 %; 100 · (60 − 35) / 30 = 83.333333; stress and residual pass
    expect(component(result, "affordability").score).toBe(83.33);
    // Buffer: 8,700 / 2,900 = 3 months; 100 · 3 / 6 = 50
    expect(component(result, "liquidity-buffer").score).toBe(50);
    expect(component(result, "liquidity-buffer").value).toMatch(/^buffer 3 months/);
    // Cost: G = 2,340 / 100,000 = 2.34 %; 100 − 10 · 2.34 = 76.6
    expect(component(result, "cost-efficiency").score).toBe(76.6);
    expect(component(result, "cost-efficiency").value).toContain("would save 2,340.00 net");
    // Schedule: 750.00 behind on 150,000.00 borrowed; 100 − 200 · 750 / 150,000 = 99
    expect(component(result, "schedule-adherence").score).toBe(99);
    expect(component(result, "schedule-adherence").value).toMatch(/^750\.00 behind schedule/);
    // Total: 0.30·81.428571 + 0.30·83.333333 + 0.15·50 + 0.15·76.6 + 0.10·99
    //      = 24.428571 + 25 + 7.5 + 11.49 + 9.9 = 78.318571 → 78.32
    expect(component(result, "payment-conduct").points).toBe(24.43);
    expect(result.score).toBe(78.32);
    expect(result.band).toBe("Healthy");
    expect(result.cap).toBe(100);
    expect(result.capApplied).toBe(false);
  });

  it("caps a loan 45 days past due at 49 and offers restructuring", () => {
    const result = healthScore({ ...facts, daysPastDue: 45 });
    expect(result.uncappedScore).toBe(78.32);
    expect(result.cap).toBe(49);
    expect(result.score).toBe(49);
    expect(result.band).toBe("Stressed");
    expect(result.capApplied).toBe(true);
    // In arrears the prepayment is not suggested, though the advice rule itself passes.
    expect(result.actions.map((a) => a.kind)).toEqual(["restructure", "refinance"]);
    expect(result.prepaymentAdvice?.advisable).toBe(true);
    expect(result.actions[0]?.message).toContain("45 days past due");
  });

  it("shares out the weights of components not assessed in proportion", () => {
    const result = healthScore({ ...facts, affordability: undefined, buffer: undefined });
    // Assessed: conduct 0.30, cost 0.15, schedule 0.10 (Σ 0.55) → 0.545455, 0.272727, 0.181818
    // (0.30·81.428571 + 0.15·76.6 + 0.10·99) / 0.55 = (24.428571 + 11.49 + 9.9) / 0.55 = 83.306494 → 83.31
    expect(result.score).toBe(83.31);
    const buffer = component(result, "liquidity-buffer");
    expect(buffer.assessed).toBe(false);
    expect(buffer.score).toBeNull();
    expect(buffer.points).toBeNull();
    expect(buffer.effectiveWeight).toBe(0);
    expect(buffer.value).toBe("not assessed: no borrower profile given");
    expect(component(result, "payment-conduct").effectiveWeight).toBeCloseTo(0.3 / 0.55, 12);
    expect(component(result, "cost-efficiency").maxPoints).toBe(27.27);
    const weights = result.components.reduce((sum, c) => sum + c.effectiveWeight, 0);
    expect(weights).toBeCloseTo(1, 12);
  });

  it("reports affordability as not assessed when no income is given", () => {
    const result = healthScore({ ...facts, affordability: { ...afford, incomeMinor: 0 } });
    expect(component(result, "affordability").value).toBe("not assessed: no income given");
    // (24.428571 + 7.5 + 11.49 + 9.9) / 0.70 = 53.318571 / 0.70 = 76.169388 → 76.17
    expect(result.score).toBe(76.17);
  });

  it("does not score conduct before the first due date", () => {
    const result = healthScore({ ...facts, dueDates: [] });
    expect(component(result, "payment-conduct").assessed).toBe(false);
    // (25 + 7.5 + 11.49 + 9.9) / 0.70 = 53.89 / 0.70 = 76.985714 → 76.99
    expect(result.score).toBe(76.99);
  });
});

describe("payment conduct", () => {
  it.each([
    [0, 1],
    [3, 1],
    [4, 0.7],
    [30, 0.7],
    [31, 0.3],
    [60, 0.3],
    [61, 0],
    [400, 0],
  ])("%i days late with 3 days' grace → q = %d", (days, q) => {
    expect(paymentQuality(days, 3)).toBe(q);
  });

  it("scores only the 24 most recent due dates", () => {
    // 30 monthly due dates: the 6 oldest (24–29 months ago) unpaid for 90 days, the 24 recent on time → 100
    const dueDates = Array.from({ length: 30 }, (_, age) => ({
      ageMonths: age,
      daysLate: age >= 24 ? 90 : 0,
    }));
    expect(paymentConduct(dueDates, 0)?.score).toBe(100);
    expect(paymentConduct(dueDates, 0)?.scored).toBe(24);
  });

  it("weighs a late payment by its age: one 30 days late today vs 24 months ago", () => {
    // Two due dates, ages 0 and 24 months: w = 1 and 0.5^4 = 0.0625, Σ w = 1.0625.
    // Late today: 100 · (1·0.7 + 0.0625·1) / 1.0625 = 100 · 0.7625 / 1.0625 = 71.764706
    expect(
      paymentConduct(
        [
          { ageMonths: 0, daysLate: 30 },
          { ageMonths: 24, daysLate: 0 },
        ],
        0,
      )?.score,
    ).toBeCloseTo(71.764706, 5);
    // Late 24 months ago: 100 · (1·1 + 0.0625·0.7) / 1.0625 = 100 · 1.04375 / 1.0625 = 98.235294
    expect(
      paymentConduct(
        [
          { ageMonths: 0, daysLate: 0 },
          { ageMonths: 24, daysLate: 30 },
        ],
        0,
      )?.score,
    ).toBeCloseTo(98.235294, 5);
  });
});

describe("affordability & stress", () => {
  const at = (debtPercent: bigint, change: Partial<AffordabilityFacts> = {}) =>
    affordability({ ...afford, debtServiceMinor: Number(4000n * debtPercent), ...change }).score;

  it("is linear from 100 at 30 % to 0 at 60 %", () => {
    expect(at(20n)).toBe(100);
    expect(at(30n)).toBe(100);
    // 100 · (60 − 45) / 30 = 50
    expect(at(45n)).toBeCloseTo(50, 12);
    expect(at(60n)).toBe(0);
    expect(at(75n)).toBe(0);
  });

  it("takes 20 off for failing the stress test and 20 for a residual under the floor, never below 0", () => {
    // stressed 2,100 / 3,400 = 61.8 % > 60 %
    expect(at(30n, { stressedDebtServiceMinor: 210_000 })).toBe(80);
    expect(at(30n, { residualMinor: 39_999 })).toBe(80);
    expect(at(30n, { stressedDebtServiceMinor: 210_000, residualMinor: 0 })).toBe(60);
    // 100 · (60 − 55) / 30 = 16.67, minus 40 → 0
    expect(at(55n, { stressedDebtServiceMinor: 210_000, residualMinor: 0 })).toBe(0);
  });

  it("fails the stress test at exactly the cap only when above it", () => {
    // 2,040 / 3,400 = 60 % exactly: not above the cap
    expect(at(30n, { stressedDebtServiceMinor: 204_000 })).toBe(100);
    expect(at(30n, { stressedDebtServiceMinor: 204_001 })).toBe(80);
  });
});

describe("buffer, cost and schedule", () => {
  it("buffer: 100 · min(1, months / 6)", () => {
    expect(bufferScore({ liquidSavingsMinor: 0, monthlyOutgoingsMinor: 100 })).toBe(0);
    // 1.8 months → 30
    expect(bufferScore({ liquidSavingsMinor: 180, monthlyOutgoingsMinor: 100 })).toBeCloseTo(30, 12);
    expect(bufferScore({ liquidSavingsMinor: 600, monthlyOutgoingsMinor: 100 })).toBe(100);
    expect(bufferScore({ liquidSavingsMinor: 1200, monthlyOutgoingsMinor: 100 })).toBe(100);
    expect(bufferScore({ liquidSavingsMinor: 0, monthlyOutgoingsMinor: 0 })).toBe(100);
  });

  it("cost: 100 − min(100, 10 · G %), 100 when refinancing does not pay", () => {
    expect(costScore({ ...refinance, netSavingMinor: 0 }, 10_000_000)).toBe(100);
    expect(costScore({ ...refinance, netSavingMinor: -50_000 }, 10_000_000)).toBe(100);
    // G = 1,000,000 / 10,000,000 = 10 % → 0; 15 % → 0
    expect(costScore({ ...refinance, netSavingMinor: 1_000_000 }, 10_000_000)).toBe(0);
    expect(costScore({ ...refinance, netSavingMinor: 1_500_000 }, 10_000_000)).toBe(0);
    // G = 0.5 % → 95
    expect(costScore({ ...refinance, netSavingMinor: 50_000 }, 10_000_000)).toBeCloseTo(95, 12);
  });

  it("schedule: ahead or on schedule 100; behind by half the principal or more 0", () => {
    const schedule = (balance: number, planned: number) =>
      scheduleScore({ balanceMinor: balance, scheduledBalanceMinor: planned, principalMinor: 1_000_000 });
    expect(schedule(500_000, 600_000)).toBe(100);
    expect(schedule(600_000, 600_000)).toBe(100);
    // 10,000 behind on 1,000,000: 100 − 200 · 0.01 = 98
    expect(schedule(610_000, 600_000)).toBeCloseTo(98, 12);
    expect(schedule(1_000_000, 500_000)).toBe(0);
  });
});

describe("DPD cap and bands", () => {
  it.each([
    [0, 100],
    [1, 74],
    [30, 74],
    [31, 49],
    [60, 49],
    [61, 24],
    [90, 24],
    [91, 9],
    [400, 9],
  ])("%i days past due → cap %i", (days, cap) => {
    expect(dpdCap(days)).toBe(cap);
  });

  it.each([
    [100, "Healthy"],
    [75, "Healthy"],
    [74.99, "Watch"],
    [50, "Watch"],
    [49.99, "Stressed"],
    [25, "Stressed"],
    [24.99, "Critical"],
    [0, "Critical"],
  ])("%d → %s", (score, band) => {
    expect(healthBand(score)).toBe(band);
  });
});

describe("actions", () => {
  const kinds = (f: HealthFacts) => healthScore(f).actions.map((a) => a.kind);

  it("suggests refinancing and prepaying when both pay, with their figures", () => {
    const actions = healthScore(facts).actions;
    expect(actions.map((a) => a.kind)).toEqual(["refinance", "prepay"]);
    expect(actions[0]?.message).toBe(
      "refinance at 7.8 %: saves 2,340.00 net of the 1,500.00 switching costs (present value), break-even 14 months",
    );
    expect(actions[1]?.message).toBe("prepay 5,000.00: saves 1,800.00 interest, ends 9 months earlier");
  });

  it("does not suggest refinancing that breaks even after 24 months or after the loan ends", () => {
    expect(kinds({ ...facts, refinance: { ...refinance, breakEvenMonths: 24 } })).not.toContain("refinance");
    expect(kinds({ ...facts, remainingMonths: 14 })).not.toContain("refinance");
    expect(kinds({ ...facts, refinance: { ...refinance, netSavingMinor: 0 } })).not.toContain("refinance");
    expect(kinds({ ...facts, refinance: { ...refinance, breakEvenMonths: undefined } })).not.toContain(
      "refinance",
    );
  });

  it("suggests prepaying only when every condition of the advice rule holds", () => {
    const failing: [string, Partial<PrepaymentFacts>][] = [
      ["rate not above the safe return", { safeReturn: ratio(85n, 1000n) }],
      ["buffer under 3 months after", { bufferMonthsAfter: 2.9 }],
      ["a dearer debt", { dearerDebt: true }],
      ["a fee as large as the saving", { feeMinor: 180_000 }],
    ];
    for (const [, change] of failing) {
      const changed = { ...prepayment, ...change };
      expect(kinds({ ...facts, prepayment: changed })).not.toContain("prepay");
      expect(adviseOnPrepayment(changed, 2).checks.filter((check) => !check.passed)).toHaveLength(1);
    }
    // A fee smaller than the saving does not stop it.
    expect(kinds({ ...facts, prepayment: { ...prepayment, feeMinor: 179_999 } })).toContain("prepay");
    const advice = healthScore({
      ...facts,
      prepayment: { ...prepayment, dearerDebt: true },
    }).prepaymentAdvice;
    expect(advice?.advisable).toBe(false);
    expect(advice?.checks.filter((check) => !check.passed).map((check) => check.rule)).toEqual([
      "no-dearer-debt",
    ]);
  });

  it("warns of rate-reset risk for a variable rate failing the stress test, not a fixed one", () => {
    const stressed = { ...facts, affordability: { ...afford, stressedDebtServiceMinor: 210_000 } };
    expect(kinds({ ...stressed, variableRate: true })).toContain("rate-reset-risk");
    expect(kinds(stressed)).not.toContain("rate-reset-risk");
    expect(kinds({ ...facts, variableRate: true })).not.toContain("rate-reset-risk");
  });

  it("offers restructuring when debt service is over the cap", () => {
    const over = healthScore({ ...facts, affordability: { ...afford, debtServiceMinor: 210_000 } });
    expect(over.actions[0]).toEqual({
      kind: "restructure",
      message: "talk to us about restructuring: debt service is 52.5 % of income, over the 50 % cap",
    });
  });
});

describe("refused facts", () => {
  it("names every bad field at once", () => {
    try {
      healthScore({
        ...facts,
        daysPastDue: -1,
        dueDates: [{ ageMonths: Number.NaN, daysLate: 1.5 }],
        schedule: { ...facts.schedule, principalMinor: 0 },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TenorError);
      expect((error as TenorError).code).toBe("INVALID_HEALTH_INPUT");
      expect((error as TenorError).issues.map((i) => i.field)).toEqual([
        "daysPastDue",
        "dueDates[0].ageMonths",
        "dueDates[0].daysLate",
        "schedule.principalMinor",
      ]);
    }
  });
});
