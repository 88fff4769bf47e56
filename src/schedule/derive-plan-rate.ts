// The interest rate of a payment plan given without one (docs/reference/terms.md, `plan`): the rate at which
// the tier amounts repay the loan exactly — an internal rate of return. Solved in floating point by the rates
// layer's bracketed solver (robust, bounded iterations); the result is rounded to 10 decimals of a percent and used
// as an exact decimal rate, so the schedule itself stays exact and its last installment absorbs the tiny rest.
import { fail } from "../core/errors.ts";
import { type Ratio, ratio, ratioToNumber } from "../core/ratio.ts";
import { solveRoot } from "../rates/solve-root.ts";
import type { Periods } from "./due-dates.ts";
import { buildRates, rateOf } from "./rate-factors.ts";
import type { Terms } from "./terms.ts";

const RATE_DIGITS = 12n; // a fraction with 12 decimals = a percent with 10

export function derivePlanRate(terms: Terms, periods: Periods): Ratio {
  const method = terms.paymentMethod;
  if (method.type !== "plan") return fail("INVALID_TERMS", "interest.rate", undefined, "is required");
  // Rate factors are linear in the rate: the factors at rate 1 are the times.
  const unit = buildRates(terms, periods, ratio(1n, 1n));
  // float-ok: solver input
  const times = periods.dueDays.map((_, i) => ratioToNumber(rateOf(unit, i).factor.ratio));
  const payments = periods.dueDays.map((_, i) => {
    const tier = method.tiers.find((t) => i + 1 >= t.from && i + 1 <= t.to);
    return tier === undefined ? 0 : tier.amountMinor;
  });
  const principal = terms.principalMinor;
  const presentValue = (rate: number): number => {
    let discount = 1;
    let sum = 0;
    for (let i = 0; i < payments.length; i++) {
      discount /= 1 + rate * (times[i] as number); // float-ok: solver
      sum += (payments[i] as number) * discount;
    }
    return sum;
  };
  const totalPaid = payments.reduce((a, b) => a + b, 0);
  if (totalPaid < principal) {
    fail(
      "RATE_NOT_FOUND",
      "paymentMethod.tiers",
      totalPaid,
      `add up to less than the principal ${principal} minor units, so no rate ≥ 0 makes them repay it`,
    );
  }
  // The present value falls as the rate rises: bracket the root by doubling, then let the rates layer's
  // bracketed solver (Brent's method) find it.
  let high = 1;
  for (let k = 0; k < 60 && presentValue(high) > principal; k++) high *= 2;
  const root = solveRoot((rate) => presentValue(rate) - principal, { low: 0, high, tolerance: 1e-15 });
  if (root === undefined) {
    return fail(
      "RATE_NOT_FOUND",
      "paymentMethod.tiers",
      totalPaid,
      "repay the loan only at an unbounded rate",
    );
  }
  const scale = 10n ** RATE_DIGITS;
  // float-ok: the solved rate is rounded to 12 decimals and becomes an exact decimal from here on
  return ratio(BigInt(Math.round(root.root * Number(scale))), scale);
}
