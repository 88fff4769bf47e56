// A loan request as Tenor plans it (docs/reference/plan-request.md): the amount and start date, the product's
// constraints (loan types, periods, term range, rate, fees, payment methods), the borrower's preferences, an
// optional goal and an optional custom plan. `parsePlanRequest` (parse-plan-request.ts) builds it from the JSON
// request document; amounts are integer minor units of `currency`, dates day numbers, rates exact rationals,
// and every default is already applied.
import type { DayNumber } from "../../core/calendar-date.ts";
import type { Currency } from "../../core/currency.ts";
import type { Ratio } from "../../core/ratio.ts";
import type { RateRegime } from "../../schedule/terms.ts";

/** How often a plan is paid: a fixed calendar period, or aligned to the borrower's main income ("pay-day"). */
export type PlanPeriodName = "monthly" | "quarterly" | "yearly" | "pay-day";
export const PLAN_PERIODS: readonly PlanPeriodName[] = ["monthly", "quarterly", "yearly", "pay-day"];

export type PlanLoanType = "annuity" | "classic";
export const PLAN_LOAN_TYPES: readonly PlanLoanType[] = ["annuity", "classic"];

/** The payment method families a product may allow. */
export type PlanMethodName = "standard" | "step-up" | "step-down" | "seasonal" | "balloon" | "grace";
export const PLAN_METHODS: readonly PlanMethodName[] = [
  "standard",
  "step-up",
  "step-down",
  "seasonal",
  "balloon",
  "grace",
];

export interface PlanInterest {
  /** The nominal rate in percent as written ("9.5" → 19/2), and its text for the terms documents. */
  readonly ratePercent: Ratio;
  readonly rateText: string;
  readonly per: "year" | "month";
  /** A variable rate is stress-tested at the policy's rate shock as well as the income shock. */
  readonly type: "fixed" | "variable";
}

export interface ProductConstraints {
  readonly loanTypes: readonly PlanLoanType[];
  readonly periods: readonly PlanPeriodName[];
  readonly minTermMonths: number;
  readonly maxTermMonths: number;
  readonly interest: PlanInterest;
  /** Fee objects of the terms document (docs/reference/terms.md, `fees[]`), validated, passed through as given. */
  readonly fees: readonly unknown[];
  readonly paymentMethods: readonly PlanMethodName[];
  /** The largest final balloon, in percent of the amount (0 = none). */
  readonly maxBalloonPercent: Ratio;
  /** The longest interest-only grace at the start, in months (0 = none). */
  readonly maxGraceMonths: number;
  /** Whether the borrower may prepay without a fee (reported with every plan). */
  readonly freePrepayment: boolean;
  /**
   * The bad rate of the lender's portfolio for this product, in percent; the scorecard's probability of default
   * is calibrated to it (docs/reference/credit-scorecard.md, "Calibration"). Undefined: the training data's rate.
   */
  readonly portfolioBadRatePercent: Ratio | undefined;
  /** A legal cap on the disclosed effective rate, in percent as written ("36"); undefined = none. */
  readonly rateCapText: string | undefined;
  readonly rateRegime: RateRegime | undefined;
}

export interface PlanPreferences {
  /** The most the borrower wants to pay per installment (a soft preference: a goal makes it hard). */
  readonly maxInstallmentMinor: number | undefined;
  /** The period the borrower prefers (the last tie-break). */
  readonly period: PlanPeriodName | undefined;
  /** The borrower's opportunity rate (after-tax return on savings) as a fraction per year, for the PV cost. */
  readonly opportunityRate: Ratio;
}

export type PlanGoal =
  | { readonly kind: "finish-by"; readonly day: DayNumber }
  | { readonly kind: "max-installment"; readonly amountMinor: number }
  | { readonly kind: "lowest-interest" };

export interface CustomTier {
  readonly from: number;
  readonly to: number;
  readonly amountMinor: number;
}

/** Installment amounts the borrower proposes; the last installment is completed to repay the rest. */
export interface CustomPlanRequest {
  readonly tiers: readonly CustomTier[];
  readonly period: PlanPeriodName;
  readonly loanType: "annuity";
}

export interface PlanRequest {
  readonly amountMinor: number;
  readonly currency: Currency;
  readonly purpose: string | undefined;
  /** Purchase price of what the loan buys (loan-to-value for the scorecard); undefined when not a purchase. */
  readonly priceMinor: number | undefined;
  /** Disbursement date. */
  readonly startDay: DayNumber;
  readonly product: ProductConstraints;
  readonly preferences: PlanPreferences;
  readonly goal: PlanGoal | undefined;
  readonly custom: CustomPlanRequest | undefined;
}

/** The default opportunity rate: 3 % a year, roughly an after-tax deposit rate. */
export const DEFAULT_OPPORTUNITY_RATE_PERCENT = "3";
