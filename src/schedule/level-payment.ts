// The level payment of an amortizing schedule (docs/reference/schedule-rules.md §5.1):
//   A = (B₀ − F·v(n)) / Σ w(i)·v(i),  v(i) = Π_{j ≤ i} 1 / (1 + ρ*(j)),
// rounded to the step. The quotient is evaluated in floating point first (fast); when the result lies so
// close to a rounding boundary that the float error could matter, it is recomputed exactly with bigint
// rationals, so the rounded amount is always the exact quotient's.
import { addRatio, divRatio, mulRatio, type Ratio, ratio, ratioFromInt, subRatio } from "../core/ratio.ts";
import { type RoundingMode, roundDivBig, toSafeNumber } from "../core/rounding.ts";
import type { Factor } from "./rate-factors.ts";

export interface LevelPaymentInput {
  readonly balanceMinor: number;
  /** Payment rate factors ρ* of the amortizing periods, in order. */
  readonly factors: readonly Factor[];
  /** Weights w(i) (graduated payments); undefined means all 1. */
  readonly weights: readonly Ratio[] | undefined;
  /** Target final balloon F in minor units (0 for none). */
  readonly balloonMinor: number;
  readonly stepMinor: number;
  readonly mode: RoundingMode;
}

/** The level payment rounded to the step, in minor units. */
export function levelPayment(input: LevelPaymentInput): number {
  if (input.weights === undefined) {
    const fast = levelPaymentFloat(input);
    if (fast !== undefined) return fast;
  }
  return roundToStep(levelPaymentExact(input), input.stepMinor, input.mode);
}

/** The unrounded level payment, exactly. */
export function levelPaymentExact(input: LevelPaymentInput): Ratio {
  const { factors, weights } = input;
  // Horner from the last period: H(i) = q(i)·(w(i) + H(i+1)), with q = 1/(1+ρ*). Σ w·v = H(1).
  let horner = ratioFromInt(0);
  let discountAll = ratioFromInt(1);
  for (let i = factors.length - 1; i >= 0; i--) {
    const q = reciprocalOnePlus((factors[i] as Factor).ratio);
    const weight = weights === undefined ? ratioFromInt(1) : (weights[i] as Ratio);
    horner = mulRatio(q, addRatio(weight, horner));
    discountAll = mulRatio(discountAll, q);
  }
  const numerator = subRatio(ratioFromInt(input.balanceMinor), mulRatio(ratioFromInt(input.balloonMinor), discountAll));
  return divRatio(numerator, horner);
}

/** Rounds an exact amount of minor units to a multiple of the step. */
export function roundToStep(amount: Ratio, stepMinor: number, mode: RoundingMode): number {
  return toSafeNumber(roundDivBig(amount.num, amount.den * BigInt(stepMinor), mode) * BigInt(stepMinor));
}

function reciprocalOnePlus(rho: Ratio): Ratio {
  return ratio(rho.den, rho.den + rho.num);
}

/** The float evaluation, or undefined when it is too close to a rounding boundary to trust. */
function levelPaymentFloat(input: LevelPaymentInput): number | undefined {
  const { factors } = input;
  let discount = 1;
  let sum = 0;
  for (let i = 0; i < factors.length; i++) {
    const f = factors[i] as Factor;
    if (!f.fast) return undefined;
    discount /= 1 + f.num / f.den; // float-ok: solver estimate, verified against the rounding boundary below
    sum += discount;
  }
  const steps = (input.balanceMinor - input.balloonMinor * discount) / sum / input.stepMinor; // float-ok: estimate
  if (!Number.isFinite(steps) || Math.abs(steps) > 2 ** 52) return undefined; // float-ok: range guard
  const rounded = roundFloatSteps(steps, input.mode);
  if (rounded === undefined) return undefined;
  return rounded * input.stepMinor;
}

// Relative error of the float evaluation is below n·2⁻⁵² ≈ 1e-13 for n ≤ 5000; the margin is 100× that.
const RELATIVE_MARGIN = 1e-11;

function roundFloatSteps(steps: number, mode: RoundingMode): number | undefined {
  const margin = RELATIVE_MARGIN * Math.abs(steps) + 1e-9;
  const floor = Math.floor(steps);
  const fraction = steps - floor;
  const halfMode = mode === "half-even" || mode === "half-up" || mode === "half-down";
  const boundary = halfMode ? 0.5 : fraction < 0.5 ? 0 : 1;
  if (Math.abs(fraction - boundary) <= margin) return undefined;
  if (halfMode) return fraction > 0.5 ? floor + 1 : floor;
  switch (mode) {
    case "down":
      return steps < 0 ? floor + 1 : floor;
    case "floor":
      return floor;
    case "up":
      return steps < 0 ? floor : floor + 1;
    case "ceiling":
      return floor + 1;
  }
  return undefined;
}
