import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TenorError } from "../../core/errors.ts";
import { parseDecimalRatio, type Ratio } from "../../core/ratio.ts";
import {
  classicGrade,
  classicHealthScore,
  classicWeightedTotal,
  paymentConsistency,
  prepaymentActivity,
  rateCompetitiveness,
  tenureProgress,
} from "./classic-health-score.ts";
import type { ClassicHealthFacts } from "./health-facts.ts";

const percent = (text: string): Ratio => {
  const value = parseDecimalRatio(text);
  if (value === undefined) throw new Error(text);
  return { num: value.num, den: value.den * 100n };
};

// The article's worked example: ₹30,00,000 home loan, 5 years into a 15-year term, 8.5 % against a 7.8 % market
// average, a perfect record and 2 prepayments.
const seedExample: ClassicHealthFacts = {
  loanRate: percent("8.5"),
  marketRate: percent("7.8"),
  monthsCompleted: 60,
  totalMonths: 180,
  latePayments: 0,
  defaults: 0,
  prepayments: 2,
  earlyPrepayments: 0,
};

describe("the seed article's example", () => {
  it("reproduces the article's total from the factor scores it states: 67.85", () => {
    // 0.30 × 72 = 21.6; 0.25 × 33 = 8.25; 0.25 × 100 = 25.0; 0.20 × 65 = 13.0; 21.6 + 8.25 + 25 + 13 = 67.85
    const total = classicWeightedTotal({
      "rate-competitiveness": 72,
      "tenure-progress": 33,
      "payment-consistency": 100,
      "prepayment-activity": 65,
    });
    expect(total).toBeCloseTo(67.85, 10);
    // The article calls 67.85 "Fair (Needs Attention)", but its own grade table puts 60–79 at "Good".
    expect(classicGrade(67.85)).toBe("Good");
  });

  it("follows the article's formula instead of its stated 72: the rate factor is 91.03 and the total 73.64", () => {
    const result = classicHealthScore(seedExample);
    const factor = (key: string) => result.factors.find((f) => f.key === key);
    // Rate: |8.5 − 7.8| / 7.8 × 100 = 0.7 / 7.8 × 100 = 8.974358…; 100 − 8.974358… = 91.025641… → 91.03
    expect(factor("rate-competitiveness")?.score).toBe(91.03);
    // Tenure: 60 / 180 × 100 = 33.333… (the article rounds it to 33) → 33.33
    expect(factor("tenure-progress")?.score).toBe(33.33);
    // Consistency: a perfect record → 100. Prepayments: 2, none in the first 30 % of the term → 65 (the article's 65).
    expect(factor("payment-consistency")?.score).toBe(100);
    expect(factor("prepayment-activity")?.score).toBe(65);
    // Points: 0.30 × 91.025641 = 27.307692; 0.25 × 33.333333 = 8.333333; 0.25 × 100 = 25; 0.20 × 65 = 13
    expect(factor("rate-competitiveness")?.points).toBe(27.31);
    expect(factor("tenure-progress")?.points).toBe(8.33);
    // Total: 27.307692 + 8.333333 + 25 + 13 = 73.641026 → 73.64, graded Good (60–79).
    expect(result.score).toBe(73.64);
    expect(result.grade).toBe("Good");
  });

  it("with the article's rounded tenure of 33 and the formula's rate factor the total is 73.56", () => {
    // 27.307692 + 0.25 × 33 (8.25) + 25 + 13 = 73.557692
    const total = classicWeightedTotal({
      "rate-competitiveness": 100 - (0.7 / 7.8) * 100,
      "tenure-progress": 33,
      "payment-consistency": 100,
      "prepayment-activity": 65,
    });
    expect(total).toBeCloseTo(73.557692, 5);
  });

  it("the article's tenure example: 54 of 120 months → 45", () => {
    expect(tenureProgress(54, 120)).toBe(45);
  });
});

describe("rate competitiveness", () => {
  it("is 100 at or below the market rate", () => {
    expect(rateCompetitiveness(percent("7.8"), percent("7.8"))).toBe(100);
    expect(rateCompetitiveness(percent("6"), percent("7.8"))).toBe(100);
    expect(rateCompetitiveness(percent("0"), percent("7.8"))).toBe(100);
  });

  it("falls by the relative gap: 11 % against 10 % is 10 % worse → 90", () => {
    expect(rateCompetitiveness(percent("11"), percent("10"))).toBeCloseTo(90, 12);
  });

  it("reaches 0 at twice the market rate and stays there above it", () => {
    // (20 − 10) / 10 × 100 = 100 → 0; (30 − 10) / 10 × 100 = 200 → 100 − 200 = −100, floored at 0
    expect(rateCompetitiveness(percent("20"), percent("10"))).toBe(0);
    expect(rateCompetitiveness(percent("30"), percent("10"))).toBe(0);
  });

  it("matches a decimal.js evaluation of the formula for random rates", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 1, max: 40_000 }),
        (yours, market) => {
          // Rates in basis points of a percent (hundredths of a percent): 850 → 8.50 %.
          const y = new Decimal(yours).div(10_000);
          const m = new Decimal(market).div(10_000);
          const expected = y.lte(m)
            ? 100
            : Decimal.max(0, new Decimal(100).minus(y.minus(m).div(m).times(100)));
          const actual = rateCompetitiveness(
            { num: BigInt(yours), den: 10_000n },
            { num: BigInt(market), den: 10_000n },
          );
          expect(actual).toBeCloseTo(Number(expected), 9);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("tenure progress", () => {
  it("is 0 at the start, 100 at the end and capped at 100 past the term", () => {
    expect(tenureProgress(0, 120)).toBe(0);
    expect(tenureProgress(120, 120)).toBe(100);
    expect(tenureProgress(130, 120)).toBe(100);
  });
});

describe("payment consistency: the article's table, worst row wins", () => {
  it.each([
    [0, 0, 100],
    [1, 0, 85],
    [2, 0, 85],
    [3, 0, 60],
    [5, 0, 60],
    [0, 1, 60],
    [2, 1, 60],
    [5, 1, 60],
    [6, 0, 30],
    [0, 2, 30],
    [1, 3, 30],
  ])("%i late payment(s) and %i default(s) → %i", (late, defaults, expected) => {
    expect(paymentConsistency(late, defaults)).toBe(expected);
  });
});

describe("prepayment activity: a documented rule inside each of the article's ranges", () => {
  it.each([
    // count, early, score: base by count + 5 × early / count
    [0, 0, 40],
    [1, 0, 60],
    [1, 1, 65],
    [2, 0, 65],
    [2, 1, 67.5],
    [2, 2, 70],
    [3, 0, 75],
    [4, 0, 77.5],
    [5, 0, 80],
    [5, 5, 85],
    [6, 0, 90],
    [8, 0, 92],
    [11, 0, 95],
    [30, 0, 95],
    [20, 20, 100],
  ])("%i prepayment(s), %i early → %d", (count, early, expected) => {
    expect(prepaymentActivity(count, early)).toBe(expected);
  });

  it("stays inside the article's range for every count and timing", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (count, share) => {
          const early = Math.floor(count * share);
          const score = prepaymentActivity(count, early);
          const [low, high] =
            count === 0 ? [40, 40] : count <= 2 ? [60, 70] : count <= 5 ? [75, 85] : [90, 100];
          expect(score).toBeGreaterThanOrEqual(low);
          expect(score).toBeLessThanOrEqual(high);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("grades", () => {
  it.each([
    [100, "Excellent"],
    [80, "Excellent"],
    [79.99, "Good"],
    [60, "Good"],
    [59.99, "Fair"],
    [40, "Fair"],
    [39.99, "Needs Attention"],
    [0, "Needs Attention"],
  ])("%d → %s", (score, grade) => {
    expect(classicGrade(score)).toBe(grade);
  });
});

describe("refused facts", () => {
  it("refuses a market rate of 0 and more early prepayments than prepayments, naming each field", () => {
    const bad = { ...seedExample, marketRate: percent("0") };
    expect(() => classicHealthScore(bad)).toThrow(TenorError);
    try {
      classicHealthScore({ ...seedExample, earlyPrepayments: 3 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TenorError);
      expect((error as TenorError).code).toBe("INVALID_HEALTH_INPUT");
      expect((error as TenorError).issues[0]?.field).toBe("earlyPrepayments");
    }
  });

  it("refuses a total of 0 months", () => {
    expect(() => classicHealthScore({ ...seedExample, totalMonths: 0 })).toThrow(/totalMonths/);
  });
});
