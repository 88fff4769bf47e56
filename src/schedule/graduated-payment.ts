// The payments of a graduated (step-up / step-down) loan (docs/reference/schedule-rules.md §5.1): installment k
// of the amortizing run is scheduled at roundStep(A · w(k)), w(k) = g^⌊k/every⌋, g = 1 + changePercent / 100,
// with the exact first payment A = B / Σ_k w(k)·v(k) and v(k) = Π_{j ≤ k} 1 / (1 + ρ*(j)).
//
// Exact, with integers whose length grows only linearly in the count. The weights themselves are never carried:
// their denominators b^s (g = a/b) would be multiplied into every term and make the numbers grow quadratically.
// Instead the sum is evaluated backwards with the ratio of neighbouring weights, which is 1 inside a block of
// `every` installments and g at the start of the next block:
//   G(k) = Σ_{t ≥ k} (w(t)/w(k)) · Π_{j=k..t} q(j) = q(k) · (1 + (w(k+1)/w(k)) · G(k+1)),  q = 1/(1 + ρ*),
// so Σ w·v = G(0) (w(0) = 1), and only one factor b enters per block. No gcd is taken: each block's payment is
// one rounded bigint division of the unreduced quotient.
import type { Ratio } from "../core/ratio.ts";
import { type RoundingMode, roundDivBig, toSafeNumber } from "../core/rounding.ts";
import type { Factor } from "./rate-factors.ts";

export interface GraduatedPaymentInput {
  readonly balanceMinor: number;
  /** Payment rate factors ρ* of the amortizing periods, in order. */
  readonly factors: readonly Factor[];
  /** The change per step as a fraction (0.05 for +5 %), above −1. */
  readonly change: Ratio;
  /** Installments per step (≥ 1). */
  readonly every: number;
  readonly stepMinor: number;
  readonly mode: RoundingMode;
}

/** The scheduled payment of each amortizing installment, rounded to the step, in minor units. */
export function graduatedPayments(input: GraduatedPaymentInput): number[] {
  const { factors, every, stepMinor, mode } = input;
  const count = factors.length;
  // g = a / b (b > 0; a > 0 since the change is above −100 %)
  const a = input.change.den + input.change.num;
  const b = input.change.den;
  // G = sumNum / sumDen, from the last installment back to the first.
  let sumNum = 0n;
  let sumDen = 1n;
  for (let k = count - 1; k >= 0; k--) {
    const rho = (factors[k] as Factor).ratio;
    if (k + 1 < count && (k + 1) % every === 0) {
      // 1 + (a/b)·N/D = (b·D + a·N) / (b·D)
      sumNum = a * sumNum + b * sumDen;
      sumDen *= b;
    } else {
      sumNum += sumDen; // 1 + N/D = (D + N) / D
    }
    // × q = den / (den + num)
    sumNum *= rho.den;
    sumDen *= rho.den + rho.num;
  }
  // A·w(k) = B · (sumDen / sumNum) · a^s / b^s for block s: one rounded division per block.
  let numerator = BigInt(input.balanceMinor) * sumDen;
  let denominator = sumNum * BigInt(stepMinor);
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const step = BigInt(stepMinor);
  const payments = new Array<number>(count);
  for (let start = 0; start < count; start += every) {
    if (start > 0) {
      numerator *= a;
      denominator *= b;
    }
    const payment = toSafeNumber(roundDivBig(numerator, denominator, mode) * step);
    payments.fill(payment, start, Math.min(count, start + every));
  }
  return payments;
}
