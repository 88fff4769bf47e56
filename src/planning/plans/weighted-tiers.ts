// Installments in given proportions, research §2.1: P_t = s_t·P̄ with P̄ = L / Σ s_t·v_t. Two shapes use it:
//   - seasonal (capacity-shaped): s_t proportional to the borrower's capacity in the month installment t falls
//     due, so that the plan takes the same share of what the borrower can carry every month — more in harvest
//     months, less in lean ones;
//   - step-up / step-down: s_t = (1 + g)^⌊(t−1)/k⌋, the installment changing by g every k installments (a year).
//     The engine's `graduated` method computes the same amounts, but its exact solve carries the weights'
//     denominators through every period (a 40-year two-weekly plan takes half a minute); with the weights scaled
//     to integers here the same exact quotient takes milliseconds.
//
// The schedule engine's `plan` payment method takes fixed amounts per installment range with the rate given and
// lets the last installment take whatever balance remains (src/schedule/amortize-level.ts). So the level P̄ is
// solved here exactly — with the very rate factor of each period the engine will charge (a broken first period
// included) and bigint rationals — each amount is rounded to the currency's step, and the last installment
// absorbs only the rounding: the schedule still ends at a zero balance, by the engine's own rule.
import { mulRatio, type Ratio, ratio } from "../../core/ratio.ts";
import { roundDivBig, toSafeNumber } from "../../core/rounding.ts";
import { buildPeriods } from "../../schedule/due-dates.ts";
import { originationFees } from "../../schedule/fees.ts";
import { levelPaymentExact } from "../../schedule/level-payment.ts";
import { buildRates, type Factor, rateOf } from "../../schedule/rate-factors.ts";
import type { PlanTier, Terms } from "../../schedule/terms.ts";
import type { CapacityAssessment } from "../capacity-types.ts";
import { capacityMonthIndex } from "./capacity-months.ts";

/** A month with little or no room still gets a quarter of the average month's weight: the plan never stops. */
const WEIGHT_FLOOR = ratio(1n, 4n);
/** Below this spread between the largest and smallest weight the seasonal plan is the level plan. */
export const MIN_SEASONAL_SPREAD = ratio(11n, 10n);

/**
 * The weight of each installment: the capacity of the month it falls due, shared among the installments due in
 * that month, floored at a quarter of the average. Undefined, with the reason, when no month has room or the
 * capacity is nearly flat.
 */
export function capacityWeights(
  dueDays: readonly number[],
  capacity: CapacityAssessment,
): { weights: Ratio[] } | { reason: string } {
  const months = dueDays.map((day) => capacityMonthIndex(capacity, day));
  const perMonth = new Map<number, number>();
  for (const month of months) perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
  const room = months.map((month) => Math.max(0, capacity.months[month]?.capacityMinor ?? 0));
  const total = room.reduce((sum, value) => sum + value, 0);
  if (total === 0) return { reason: "no month of the term has room for a new installment" };
  // floor = ¼ · total / n
  const floor = mulRatio(WEIGHT_FLOOR, ratio(BigInt(total), BigInt(room.length)));
  const weights = room.map((value, i) => {
    const shared = ratio(BigInt(value), BigInt(perMonth.get(months[i] as number) ?? 1));
    return shared.num * floor.den >= floor.num * shared.den ? shared : floor;
  });
  let smallest = weights[0] as Ratio;
  let largest = smallest;
  for (const weight of weights) {
    if (weight.num * smallest.den < smallest.num * weight.den) smallest = weight;
    if (weight.num * largest.den > largest.num * weight.den) largest = weight;
  }
  // largest < 1.1 · smallest → flat
  if (
    largest.num * smallest.den * MIN_SEASONAL_SPREAD.den <
    MIN_SEASONAL_SPREAD.num * smallest.num * largest.den
  ) {
    return {
      reason:
        "the borrower's capacity varies by less than 10 % from month to month: the seasonal plan would be the level plan",
    };
  }
  return { weights };
}

/**
 * The weights of an installment changing by `change` (a fraction: 10 % → 1/10) every `every` installments,
 * scaled to integers: (1 + g)^k = (d + n)^k / d^k, times d^K for the largest power K.
 */
export function graduatedWeights(change: Ratio, every: number, count: number): Ratio[] {
  const up = change.den + change.num;
  const down = change.den;
  const top = Math.floor((count - 1) / every);
  return Array.from({ length: count }, (_, i) => {
    const k = Math.floor(i / every);
    return ratio(up ** BigInt(k) * down ** BigInt(top - k), 1n); // float-ok: bigint powers, exact
  });
}

/**
 * The tiers of a plan with installments proportional to `weights`, for terms that are otherwise those of a
 * standard annuity (same principal, dates, rate and fees). Consecutive equal amounts share a tier.
 */
export function weightedTiers(terms: Terms, weights: readonly Ratio[]): PlanTier[] {
  const rate = terms.interest.rate;
  if (rate === undefined) throw new Error("weightedTiers: the terms need a rate");
  const periods = buildPeriods(terms);
  const rates = buildRates(terms, periods, rate);
  const factors: Factor[] = [];
  for (let i = 0; i < terms.installmentCount; i++) factors.push(rateOf(rates, i).factor);
  const { stepMinor, mode } = terms.rounding;
  // Integer weights keep the exact solve's numbers short: scale by the common denominator.
  let common = 1n;
  for (const weight of weights) common = lcm(common, weight.den);
  const integers = weights.map((weight) => ratio((weight.num * common) / weight.den, 1n));
  const level = levelPaymentExact({
    balanceMinor: terms.principalMinor + originationFees(terms).financedMinor,
    factors,
    weights: integers,
    balloonMinor: 0,
    stepMinor,
    mode,
  });
  const step = BigInt(stepMinor);
  const tiers: PlanTier[] = [];
  integers.forEach((weight, i) => {
    // round(level × weight / step) × step, straight on the bigints (no gcd of long numbers).
    const amountMinor = toSafeNumber(roundDivBig(level.num * weight.num, level.den * step, mode) * step);
    const last = tiers[tiers.length - 1];
    if (last !== undefined && last.amountMinor === amountMinor)
      tiers[tiers.length - 1] = { ...last, to: i + 1 };
    else tiers.push({ from: i + 1, to: i + 1, amountMinor });
  });
  return tiers;
}

function lcm(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return (a / x) * b;
}
