import type { PlanTier } from "../terms.ts";
import { MAX_INSTALLMENTS } from "./limits.ts";
import type { PaymentMethodResult } from "./read-payment-method.ts";
import { INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

/** `installments`; a payment plan may leave it out and take it from its last tier. */
export function readInstallmentCount(
  r: TermsReader,
  value: unknown,
  payment: PaymentMethodResult,
): Parsed<number> {
  const planCount =
    payment.method !== INVALID && payment.method.type === "plan" ? lastTierTo(payment.method) : undefined;
  if (value === undefined) {
    if (payment.type === "plan") return planCount ?? INVALID; // derived from the tiers (their issues are reported)
    return r.missing("installments", `a whole number between 1 and ${MAX_INSTALLMENTS}`);
  }
  const count = r.integer(value, "installments", 1, MAX_INSTALLMENTS);
  if (count !== INVALID && planCount !== undefined && count !== planCount) {
    return r.report(
      "installments",
      value,
      `must equal the last installment of paymentMethod.tiers (${planCount}), or be omitted to take it from the tiers`,
    );
  }
  return count;
}

function lastTierTo(plan: { readonly tiers: readonly PlanTier[] }): number {
  return Math.max(...plan.tiers.map((tier) => tier.to));
}
