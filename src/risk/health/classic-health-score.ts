// The `classic` loan health score: the seed article's four weighted factors exactly as published ("Understanding
// Your Loan Health Score", smartemi.net, 2025), kept for comparison with the improved default model
// (docs/reference/health-score.md, "The classic model"). Where the article is loose — ranges instead of values,
// "default" undefined — Tenor's reading is stated next to the code; where the article contradicts itself, the
// formula and the grade table win over its worked example.
import { fail } from "../../core/errors.ts";
import { compareRatio, divRatio, mulRatio, type Ratio, ratioToNumber, subRatio } from "../../core/ratio.ts";
import { percentText } from "../../planning/simulators/summary-text.ts";
import type { ClassicHealthFacts } from "./health-facts.ts";
import { roundScore } from "./round-score.ts";

export type ClassicFactorKey =
  | "rate-competitiveness"
  | "tenure-progress"
  | "payment-consistency"
  | "prepayment-activity";

export type ClassicGrade = "Excellent" | "Good" | "Fair" | "Needs Attention";

/** The article's weights, in its order. */
export const CLASSIC_WEIGHTS: Readonly<Record<ClassicFactorKey, number>> = {
  "rate-competitiveness": 0.3,
  "tenure-progress": 0.25,
  "payment-consistency": 0.25,
  "prepayment-activity": 0.2,
};

export interface ClassicFactor {
  readonly key: ClassicFactorKey;
  /** 0–100, rounded to 2 decimals for display; the total is computed from the unrounded value. */
  readonly score: number;
  readonly weight: number;
  /** weight × score, rounded to 2 decimals. */
  readonly points: number;
  readonly detail: string;
}

export interface ClassicHealthScore {
  readonly model: "classic";
  /** 0–100, rounded to 2 decimals (the article shows 67.85). */
  readonly score: number;
  readonly grade: ClassicGrade;
  readonly factors: readonly ClassicFactor[];
}

/** The article's four factors, weighted and graded. Throws INVALID_HEALTH_INPUT for impossible facts. */
export function classicHealthScore(facts: ClassicHealthFacts): ClassicHealthScore {
  checkFacts(facts);
  const raw: Record<ClassicFactorKey, number> = {
    "rate-competitiveness": rateCompetitiveness(facts.loanRate, facts.marketRate),
    "tenure-progress": tenureProgress(facts.monthsCompleted, facts.totalMonths),
    "payment-consistency": paymentConsistency(facts.latePayments, facts.defaults),
    "prepayment-activity": prepaymentActivity(facts.prepayments, facts.earlyPrepayments),
  };
  const score = roundScore(classicWeightedTotal(raw));
  const factors = (Object.keys(CLASSIC_WEIGHTS) as ClassicFactorKey[]).map((key) => ({
    key,
    score: roundScore(raw[key]),
    weight: CLASSIC_WEIGHTS[key],
    points: roundScore(CLASSIC_WEIGHTS[key] * raw[key]),
    detail: detailOf(key, facts),
  }));
  return { model: "classic", score, grade: classicGrade(score), factors };
}

/** Σ weight × factor score: the article's "Weighted Points" column summed. */
export function classicWeightedTotal(scores: Readonly<Record<ClassicFactorKey, number>>): number {
  let total = 0;
  for (const key of Object.keys(CLASSIC_WEIGHTS) as ClassicFactorKey[])
    total += CLASSIC_WEIGHTS[key] * scores[key];
  return total;
}

/** The article's grade table: 80–100 Excellent, 60–79 Good, 40–59 Fair, 0–39 Needs Attention. */
export function classicGrade(score: number): ClassicGrade {
  // The table lists whole numbers; a fractional score takes the grade of the band whose lower bound it reaches.
  if (score >= 80) return "Excellent";
  if (score >= 60) return "Good";
  if (score >= 40) return "Fair";
  return "Needs Attention";
}

/**
 * 100 − |your − market| / market × 100, or 100 when your rate is at or below the market's; never below 0 (the
 * article does not say, but a score is 0–100). Computed exactly, converted to a number at the end.
 */
export function rateCompetitiveness(loanRate: Ratio, marketRate: Ratio): number {
  if (compareRatio(loanRate, marketRate) <= 0) return 100;
  const variancePercent = mulRatio(divRatio(subRatio(loanRate, marketRate), marketRate), {
    num: 100n,
    den: 1n,
  });
  return Math.max(0, 100 - ratioToNumber(variancePercent));
}

/** Months completed / total months × 100; a loan past its term counts as complete (100). */
export function tenureProgress(monthsCompleted: number, totalMonths: number): number {
  return (Math.min(monthsCompleted, totalMonths) / totalMonths) * 100;
}

/**
 * The article's table, taking the worst row the record matches: 100 for none late; 85 for 1–2 late payments
 * (< 30 days); 60 for 3–5 late payments or 1 default; 30 for 6+ late payments or more than one default.
 */
export function paymentConsistency(latePayments: number, defaults: number): number {
  if (latePayments >= 6 || defaults >= 2) return 30;
  if (latePayments >= 3 || defaults === 1) return 60;
  if (latePayments >= 1) return 85;
  return 100;
}

/**
 * The article gives ranges: none 40; 1–2 prepayments 60–70; 3–5 75–85; 6+ 90–100, plus "a bonus for optimal
 * timing". Tenor's reading: a base rising with the count inside each range (1 → 60, 2 → 65; 3 → 75, 4 → 77.5,
 * 5 → 80; 6 → 90 rising by 1 per prepayment to 95 at 11+), plus up to 5 points for timing: 5 × the share of
 * prepayments made in the first 30 % of the term (the article's "early tenure"). Each range's top is reached
 * only with every prepayment early. The article's example (2 prepayments → 65) is the base without the bonus.
 */
export function prepaymentActivity(prepayments: number, earlyPrepayments: number): number {
  if (prepayments === 0) return 40;
  const bonus = (5 * earlyPrepayments) / prepayments;
  return prepaymentBase(prepayments) + bonus;
}

function prepaymentBase(count: number): number {
  if (count <= 2) return 60 + 5 * (count - 1);
  if (count <= 5) return 75 + 2.5 * (count - 3);
  return 90 + Math.min(5, count - 6);
}

function detailOf(key: ClassicFactorKey, facts: ClassicHealthFacts): string {
  switch (key) {
    case "rate-competitiveness":
      return `your rate ${percentText(facts.loanRate)} against a market average of ${percentText(facts.marketRate)}`;
    case "tenure-progress":
      return `${Math.min(facts.monthsCompleted, facts.totalMonths)} of ${facts.totalMonths} months completed`;
    case "payment-consistency":
      return `${facts.latePayments} late payment(s) under 30 days, ${facts.defaults} of 30 days or more`;
    case "prepayment-activity":
      return `${facts.prepayments} prepayment(s), ${facts.earlyPrepayments} in the first 30 % of the term`;
  }
}

function checkFacts(facts: ClassicHealthFacts): void {
  const count = (value: number, field: string, min = 0): void => {
    if (!Number.isSafeInteger(value) || value < min)
      fail("INVALID_HEALTH_INPUT", field, value, `must be a whole number of ${min} or more`);
  };
  if (compareRatio(facts.marketRate, { num: 0n, den: 1n }) <= 0)
    fail("INVALID_HEALTH_INPUT", "marketRate", facts.marketRate, "must be greater than 0");
  if (facts.loanRate.num < 0n) fail("INVALID_HEALTH_INPUT", "loanRate", facts.loanRate, "must be 0 or more");
  count(facts.monthsCompleted, "monthsCompleted");
  count(facts.totalMonths, "totalMonths", 1);
  count(facts.latePayments, "latePayments");
  count(facts.defaults, "defaults");
  count(facts.prepayments, "prepayments");
  count(facts.earlyPrepayments, "earlyPrepayments");
  if (facts.earlyPrepayments > facts.prepayments)
    fail("INVALID_HEALTH_INPUT", "earlyPrepayments", facts.earlyPrepayments, "must be at most `prepayments`");
}
