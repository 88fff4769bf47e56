// The level payment of an amortizing schedule (docs/reference/schedule-rules.md §5.1):
//   A = (B₀ − F·v(n)) / Σ w(i)·v(i),  v(i) = Π_{j ≤ i} 1 / (1 + ρ*(j)),
// rounded to the step. The quotient is evaluated in floating point first (fast); when the result lies so
// close to a rounding boundary that the float error could matter, it is recomputed exactly with bigint
// rationals, so the rounded amount is always the exact quotient's.
import { type Ratio, ratio, ratioFromInt } from "../core/ratio.ts";
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

/**
 * The level payment when every period has the same rate factor ρ: the closed form B·ρ / (1 − (1+ρ)^−n)
 * in floating point, with the same boundary check and exact fallback as `levelPayment`.
 */
export function levelPaymentConstantRate(
  balanceMinor: number,
  factor: Factor,
  count: number,
  stepMinor: number,
  mode: RoundingMode,
): number {
  if (factor.fast) {
    const rate = factor.num / factor.den; // float-ok: estimate, verified against the rounding boundary
    // float-ok: closed-form annuity estimate; Math.expm1/log1p keep precision for small rates
    const annuity =
      rate === 0 ? balanceMinor / count : (balanceMinor * rate) / -Math.expm1(-count * Math.log1p(rate));
    const rounded = Number.isFinite(annuity) ? roundFloatSteps(annuity / stepMinor, mode) : undefined; // float-ok
    if (rounded !== undefined) return rounded * stepMinor;
  }
  const factors: Factor[] = new Array(count).fill(factor);
  return roundToStep(
    levelPaymentExact({ balanceMinor, factors, weights: undefined, balloonMinor: 0, stepMinor, mode }),
    stepMinor,
    mode,
  );
}

/** The unrounded level payment, exactly. */
export function levelPaymentExact(input: LevelPaymentInput): Ratio {
  const { factors, weights } = input;
  // Horner from the last period: H(i) = q(i)·(w(i) + H(i+1)) with q = 1/(1+ρ*), so Σ w·v = H(first).
  // Numerators and denominators are carried unreduced: a gcd per step on numbers thousands of bits long
  // would cost far more than the one reduction at the end.
  let hornerNum = 0n;
  let hornerDen = 1n;
  let discountNum = 1n;
  let discountDen = 1n;
  for (let i = factors.length - 1; i >= 0; i--) {
    const rho = (factors[i] as Factor).ratio;
    const weight = weights === undefined ? ONE : (weights[i] as Ratio);
    // q·(w + H) = den/(den+num) · (w.num·H.den + H.num·w.den) / (w.den·H.den)
    hornerNum = rho.den * (weight.num * hornerDen + hornerNum * weight.den);
    hornerDen = (rho.den + rho.num) * weight.den * hornerDen;
    discountNum *= rho.den;
    discountDen *= rho.den + rho.num;
  }
  // A = (B − F·D) / H = (B·D.den − F·D.num)·H.den / (D.den·H.num)
  const numerator =
    (BigInt(input.balanceMinor) * discountDen - BigInt(input.balloonMinor) * discountNum) * hornerDen;
  return ratio(numerator, discountDen * hornerNum);
}

const ONE: Ratio = ratioFromInt(1);

/** Rounds an exact amount of minor units to a multiple of the step. */
export function roundToStep(amount: Ratio, stepMinor: number, mode: RoundingMode): number {
  return toSafeNumber(roundDivBig(amount.num, amount.den * BigInt(stepMinor), mode) * BigInt(stepMinor));
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
