// The normalized, validated terms of a loan: what the schedule generator consumes.
// `parseTerms` (parse-terms.ts) builds this from the JSON terms document (docs/reference/terms.md); every
// default is already applied here, every amount is an integer count of minor units and every rate an exact
// rational, so the generator never re-validates or guesses.
import type { DayNumber } from "../core/calendar-date.ts";
import type { Currency } from "../core/currency.ts";
import type { DayCount } from "../core/day-count.ts";
import type { Ratio } from "../core/ratio.ts";
import type { RoundingMode } from "../core/rounding.ts";

export type TimeUnit = "day" | "week" | "month" | "year";

export type Period =
  | { readonly kind: "every"; readonly every: number; readonly unit: TimeUnit }
  | { readonly kind: "times"; readonly times: number; readonly per: "month" | "year" }
  | {
      readonly kind: "per-term";
      readonly times: number;
      readonly term: { readonly every: number; readonly unit: TimeUnit };
    };

export type LoanType =
  | "annuity"
  | "annuity-daily"
  | "classic"
  | "flat"
  | "rule-of-78"
  | "bullet"
  | "interest-only"
  | "payday";

export type Placement = "every" | "first" | "last";

export interface InterestTerms {
  /** `percent`: `rate` is a fraction of the balance (12 % → 12/100); `amount`: minor units per unit. */
  readonly kind: "percent" | "amount";
  /** Undefined only for a payment plan whose rate is to be derived. */
  readonly rate: Ratio | undefined;
  readonly per: TimeUnit;
  readonly distribution: "period" | "day";
  readonly dailyRounding: boolean;
}

export type PaymentMethod =
  | { readonly type: "standard" }
  | { readonly type: "optimized" }
  | {
      readonly type: "balloon";
      readonly paymentMinor: number | undefined;
      readonly balloonMinor: number | undefined;
    }
  | { readonly type: "graduated"; readonly change: Ratio; readonly every: number }
  | { readonly type: "plan"; readonly tiers: readonly PlanTier[] };

export interface PlanTier {
  readonly from: number;
  readonly to: number;
  readonly amountMinor: number;
}

export interface GraceTerms {
  readonly installments: number;
  readonly principal: "deferred" | "due";
  readonly interest: "paid" | "waived" | "capitalized" | "spread";
  readonly fees: "charged" | "waived";
}

export type FeeBase = "principal" | "disbursed" | "outstanding" | "installment";

/** One fee value: a fixed amount, or a percent (as a fraction: 1 % → 1/100) of the fee's base. */
export type FeeValue = { readonly amountMinor: number } | { readonly percent: Ratio };

export interface FeeTier {
  readonly from: number;
  readonly to: number;
  readonly value: FeeValue;
}

export type FeeCharge =
  | { readonly kind: "disbursement" }
  | { readonly kind: "installment" }
  | { readonly kind: "every-installments"; readonly every: number }
  | { readonly kind: "every-days"; readonly every: number };

export interface FeeTerms {
  readonly name: string;
  /** Tiers by installment number; a fee without tiers has one tier covering every installment. */
  readonly tiers: readonly FeeTier[];
  readonly base: FeeBase;
  readonly charge: FeeCharge;
  readonly timing: "start" | "end";
  readonly origination: "deducted" | "financed" | "first-installment";
  /** Part of the finance charge (Reg Z) / total cost of credit (EU): effective rates include it. */
  readonly financeCharge: boolean;
}

export type { Currency };

/** The effective-rate regime a schedule discloses: US Reg Z APR, EU APRC, or China's annualized rate. */
export type RateRegime = "us-regz" | "eu-aprc" | "cn-annualized";

export interface Terms {
  readonly currency: Currency;
  readonly principalMinor: number;
  readonly disbursementDay: DayNumber;
  readonly firstDueDay: DayNumber | undefined;
  readonly installmentCount: number;
  readonly period: Period;
  readonly loanType: LoanType;
  readonly interestOnlyInstallments: number | undefined;
  readonly interest: InterestTerms;
  readonly dayCount: DayCount;
  readonly rounding: {
    readonly mode: RoundingMode;
    readonly stepMinor: number;
    readonly residual: "last" | "first" | "spread" | "none";
  };
  readonly keepInstallmentsEqual: boolean;
  readonly placement: { readonly principal: Placement; readonly interest: Placement };
  readonly paymentMethod: PaymentMethod;
  readonly grace: GraceTerms | undefined;
  readonly fees: readonly FeeTerms[];
  /** Which effective rate the schedule discloses (default by currency: USD → us-regz, CNY → cn-annualized). */
  readonly rateRegime: RateRegime;
  /** A legal cap on that rate, in percent (e.g. 36 for a 36 % APR cap); undefined when none applies. */
  readonly rateCapPercent: Ratio | undefined;
  /**
   * Due dates given outright instead of derived from the period: the servicing engine recalculates the rest
   * of a running loan on its existing dates (docs/reference/servicing-rules.md §8). Not part of the terms
   * document. `regularStartDay` is where period 1 would start if it were regular (§2 of schedule-rules.md).
   */
  readonly fixedPeriods?: FixedPeriods | undefined;
}

export interface FixedPeriods {
  readonly dueDays: readonly DayNumber[];
  readonly regularStartDay: DayNumber;
}
