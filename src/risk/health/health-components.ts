// The improved model's four money-based components (research §4.2): affordability & stress, liquidity buffer,
// cost efficiency and schedule adherence, each 0–100 from the facts of health-facts.ts. Ratios are compared
// exactly; only the final score, a number between 0 and 100, is a float.
import {
  compareRatio,
  divRatio,
  mulRatio,
  type Ratio,
  ratio,
  ratioToNumber,
  subRatio,
} from "../../core/ratio.ts";
import type { AffordabilityFacts, BufferFacts, RefinanceFacts } from "./health-facts.ts";

/** Debt service / income at which affordability stops scoring 100, and where it reaches 0. */
const DSR_FULL = ratio(30n, 100n);
const DSR_ZERO = ratio(60n, 100n);
/** Points taken off for failing the stress test, and for a residual income below the floor. */
export const STRESS_PENALTY = 20;
export const RESIDUAL_PENALTY = 20;
/** Months of outgoings a full buffer holds. */
export const BUFFER_FULL_MONTHS = 6;

export interface Affordability {
  readonly score: number;
  readonly debtServiceRatio: Ratio;
  /** undefined when the stressed income is 0 (every debt fails the stress test then). */
  readonly stressedDebtServiceRatio: Ratio | undefined;
  readonly failsStress: boolean;
  readonly belowResidualFloor: boolean;
  readonly overMaxRatio: boolean;
}

/**
 * Linear from 100 at a debt-service ratio ≤ 30 % to 0 at ≥ 60 %; 20 points off when the stressed ratio is above
 * the stressed cap, 20 when the residual income is below the floor; never below 0. Needs an income above 0.
 */
export function affordability(facts: AffordabilityFacts): Affordability {
  const dsr = ratio(BigInt(facts.debtServiceMinor), BigInt(facts.incomeMinor));
  const stressed =
    facts.stressedIncomeMinor > 0
      ? ratio(BigInt(facts.stressedDebtServiceMinor), BigInt(facts.stressedIncomeMinor))
      : undefined;
  const failsStress = stressed === undefined || compareRatio(stressed, facts.stressedMaxRatio) > 0;
  const belowResidualFloor = facts.residualMinor < facts.residualFloorMinor;
  let score: number;
  if (compareRatio(dsr, DSR_FULL) <= 0) score = 100;
  else if (compareRatio(dsr, DSR_ZERO) >= 0) score = 0;
  else score = ratioToNumber(mulRatio(subRatio(DSR_ZERO, dsr), ratio(1000n, 3n))); // 100 · (0.6 − dsr) / 0.3
  score -= (failsStress ? STRESS_PENALTY : 0) + (belowResidualFloor ? RESIDUAL_PENALTY : 0);
  return {
    score: Math.max(0, score),
    debtServiceRatio: dsr,
    stressedDebtServiceRatio: stressed,
    failsStress,
    belowResidualFloor,
    overMaxRatio: compareRatio(dsr, facts.maxRatio) > 0,
  };
}

/** Months of outgoings the savings cover (undefined when there are no outgoings: any buffer is enough). */
export function bufferMonths(facts: BufferFacts): number | undefined {
  if (facts.monthlyOutgoingsMinor === 0) return undefined;
  return facts.liquidSavingsMinor / facts.monthlyOutgoingsMinor;
}

/** 100 · min(1, months / 6). */
export function bufferScore(facts: BufferFacts): number {
  const months = bufferMonths(facts);
  return months === undefined ? 100 : 100 * Math.min(1, months / BUFFER_FULL_MONTHS);
}

/** The net saving as a percentage of the balance (G %); 0 when refinancing does not pay or nothing is owed. */
export function refinanceGainPercent(facts: RefinanceFacts, balanceMinor: number): Ratio {
  if (facts.netSavingMinor <= 0 || balanceMinor <= 0) return ratio(0n, 1n);
  return ratio(BigInt(facts.netSavingMinor) * 100n, BigInt(balanceMinor));
}

/** 100 − min(100, 10 · G %): a refinancing worth 10 % of the balance or more scores 0. */
export function costScore(facts: RefinanceFacts, balanceMinor: number): number {
  const penalty = mulRatio(refinanceGainPercent(facts, balanceMinor), ratio(10n, 1n));
  return compareRatio(penalty, ratio(100n, 1n)) >= 0 ? 0 : 100 - ratioToNumber(penalty);
}

/** 100 − min(100, 200 · max(0, balance − scheduled balance) / principal): ahead of schedule scores 100. */
export function scheduleScore(schedule: {
  readonly balanceMinor: number;
  readonly scheduledBalanceMinor: number;
  readonly principalMinor: number;
}): number {
  const behind = schedule.balanceMinor - schedule.scheduledBalanceMinor;
  if (behind <= 0) return 100;
  const penalty = divRatio(ratio(200n * BigInt(behind), 1n), ratio(BigInt(schedule.principalMinor), 1n));
  return compareRatio(penalty, ratio(100n, 1n)) >= 0 ? 0 : 100 - ratioToNumber(penalty);
}
