// What distinguishes one candidate plan from another: its period, term, loan type and payment method. A spec is
// turned into a terms document (plan-terms.ts) and so into a real schedule; everything measured about a plan
// comes from that schedule.
import type { Ratio } from "../../core/ratio.ts";
import type { PeriodShape } from "./plan-periods.ts";
import type { CustomTier, PlanLoanType } from "./plan-request.ts";

export type PlanMethod =
  | { readonly kind: "standard" }
  /** Graduated: the installment changes by `changePercent` % once a year (negative for step-down). */
  | { readonly kind: "step-up" | "step-down"; readonly changePercent: Ratio }
  /** Installments shaped by the borrower's month-by-month capacity (seasonal income, growth, an income ending). */
  | { readonly kind: "seasonal" }
  /** A final lump of `percent` % of the amount on top of the last installment. */
  | { readonly kind: "balloon"; readonly percent: Ratio }
  /** `installments` interest-only installments at the start. */
  | { readonly kind: "grace"; readonly installments: number }
  /** The borrower's own amounts; the last installment repays the rest. */
  | { readonly kind: "custom"; readonly tiers: readonly CustomTier[] };

export interface PlanSpec {
  /** Stable and readable: "monthly-36m-annuity-standard", "pay-day-24m-annuity-balloon-30". */
  readonly id: string;
  readonly shape: PeriodShape;
  readonly termMonths: number;
  readonly installments: number;
  readonly loanType: PlanLoanType;
  readonly method: PlanMethod;
}
