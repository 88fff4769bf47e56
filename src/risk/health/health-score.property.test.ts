// Invariants of the improved model over random facts: the score stays in 0–100 and under the DPD cap, more days
// past due never raise it, better affordability never lowers it, and sharing out the weights of components not
// assessed keeps the scale (equal component scores give that score whatever is assessed).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ratio } from "../../core/ratio.ts";
import { dpdCap } from "./dpd-cap.ts";
import type { AffordabilityFacts, HealthFacts } from "./health-facts.ts";
import { healthScore } from "./health-score.ts";

const money = (max = 1_000_000_000) => fc.integer({ min: 0, max });
const percent = fc.integer({ min: 0, max: 100 }).map((p) => ratio(BigInt(p), 100n));

const affordabilityArb: fc.Arbitrary<AffordabilityFacts> = fc.record({
  incomeMinor: fc.integer({ min: 1, max: 1_000_000_000 }),
  debtServiceMinor: money(),
  stressedIncomeMinor: money(),
  stressedDebtServiceMinor: money(),
  residualMinor: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  residualFloorMinor: money(),
  maxRatio: percent,
  stressedMaxRatio: percent,
});

const factsArb: fc.Arbitrary<HealthFacts> = fc.record({
  currencyDigits: fc.constantFrom(0, 2, 3),
  dueDates: fc.array(
    fc.record({
      ageMonths: fc.double({ min: 0, max: 120, noNaN: true }),
      daysLate: fc.integer({ min: 0, max: 400 }),
    }),
    { maxLength: 40 },
  ),
  graceDays: fc.integer({ min: 0, max: 15 }),
  daysPastDue: fc.integer({ min: 0, max: 400 }),
  schedule: fc.record({
    balanceMinor: money(),
    scheduledBalanceMinor: money(),
    principalMinor: fc.integer({ min: 1, max: 1_000_000_000 }),
  }),
  remainingMonths: fc.integer({ min: 0, max: 480 }),
  variableRate: fc.boolean(),
  affordability: fc.option(affordabilityArb, { nil: undefined }),
  buffer: fc.option(fc.record({ liquidSavingsMinor: money(), monthlyOutgoingsMinor: money() }), {
    nil: undefined,
  }),
  refinance: fc.option(
    fc.record({
      marketRate: percent,
      netSavingMinor: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
      breakEvenMonths: fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
      switchingCostMinor: money(),
    }),
    { nil: undefined },
  ),
  prepayment: fc.constant(undefined),
});

describe("improved health score properties", () => {
  it("stays in 0–100 and under the cap of its days past due", () => {
    fc.assert(
      fc.property(factsArb, (facts) => {
        const result = healthScore(facts);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        expect(result.score).toBeLessThanOrEqual(dpdCap(facts.daysPastDue));
        const weights = result.components.reduce((sum, c) => sum + c.effectiveWeight, 0);
        expect(weights).toBeCloseTo(1, 12);
      }),
      { numRuns: 1000 },
    );
  });

  it("never scores a loan 31–60 days past due above 49, whatever else is true", () => {
    fc.assert(
      fc.property(factsArb, fc.integer({ min: 31, max: 60 }), (facts, days) => {
        const result = healthScore({ ...facts, daysPastDue: days });
        expect(result.score).toBeLessThanOrEqual(49);
        expect(result.band === "Stressed" || result.band === "Critical").toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("more days past due, now or on any past due date, never raises the score", () => {
    fc.assert(
      fc.property(
        factsArb,
        fc.integer({ min: 0, max: 200 }),
        fc.array(fc.integer({ min: 0, max: 200 }), { maxLength: 40 }),
        (facts, more, extra) => {
          const worse: HealthFacts = {
            ...facts,
            daysPastDue: facts.daysPastDue + more,
            dueDates: facts.dueDates.map((record, i) => ({
              ...record,
              daysLate: record.daysLate + (extra[i] ?? 0),
            })),
          };
          expect(healthScore(worse).score).toBeLessThanOrEqual(healthScore(facts).score);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("better affordability — more income, less debt service, more residual — never lowers the score", () => {
    fc.assert(
      fc.property(
        factsArb,
        affordabilityArb,
        fc.tuple(money(), money(), money(), money(), money()),
        (facts, base, [income, debt, stressedIncome, stressedDebt, residual]) => {
          const better: AffordabilityFacts = {
            ...base,
            incomeMinor: base.incomeMinor + income,
            debtServiceMinor: Math.max(0, base.debtServiceMinor - debt),
            stressedIncomeMinor: base.stressedIncomeMinor + stressedIncome,
            stressedDebtServiceMinor: Math.max(0, base.stressedDebtServiceMinor - stressedDebt),
            residualMinor: base.residualMinor + residual,
          };
          const before = healthScore({ ...facts, affordability: base }).score;
          const after = healthScore({ ...facts, affordability: better }).score;
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("keeps the scale when weights are shared out: all components at 100 give 100, all at 0 give 0", () => {
    // Every subset of the four optional components (schedule adherence is always assessed): 16 cases.
    for (let mask = 0; mask < 16; mask++) {
      const has = (bit: number) => (mask & (1 << bit)) !== 0;
      const top: HealthFacts = {
        currencyDigits: 2,
        dueDates: has(0) ? [{ ageMonths: 1, daysLate: 0 }] : [], // q = 1 → 100
        graceDays: 0,
        daysPastDue: 0,
        schedule: { balanceMinor: 100, scheduledBalanceMinor: 100, principalMinor: 1000 }, // on schedule → 100
        remainingMonths: 12,
        variableRate: false,
        affordability: has(1)
          ? {
              incomeMinor: 1000,
              debtServiceMinor: 300, // DSR 30 % → 100
              stressedIncomeMinor: 850,
              stressedDebtServiceMinor: 300,
              residualMinor: 500,
              residualFloorMinor: 100,
              maxRatio: ratio(1n, 2n),
              stressedMaxRatio: ratio(3n, 5n),
            }
          : undefined,
        buffer: has(2) ? { liquidSavingsMinor: 6000, monthlyOutgoingsMinor: 1000 } : undefined, // 6 months → 100
        refinance: has(3) // refinancing does not pay → 100
          ? {
              marketRate: ratio(1n, 20n),
              netSavingMinor: 0,
              breakEvenMonths: undefined,
              switchingCostMinor: 0,
            }
          : undefined,
        prepayment: undefined,
      };
      expect(healthScore(top).score).toBe(100);
      const bottom: HealthFacts = {
        ...top,
        dueDates: has(0) ? [{ ageMonths: 1, daysLate: 61 }] : [], // q = 0 → 0
        schedule: { balanceMinor: 600, scheduledBalanceMinor: 100, principalMinor: 1000 }, // 200 · 500 / 1000 → 0
        affordability: top.affordability && { ...top.affordability, debtServiceMinor: 600 }, // DSR 60 % → 0
        buffer: has(2) ? { liquidSavingsMinor: 0, monthlyOutgoingsMinor: 1000 } : undefined, // 0 months → 0
        refinance: top.refinance && { ...top.refinance, netSavingMinor: 60 }, // G = 60 / 600 = 10 % → 0
      };
      expect(healthScore(bottom).score).toBe(0);
    }
  });
});
