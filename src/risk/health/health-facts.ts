// The facts the two loan health scores read (docs/reference/health-score.md), as plain numbers: the `classic`
// model (the seed article's four factors) and the default `improved` model. `healthFromDocument`
// (health-document.ts) derives them from a serviced loan and the borrower's profile; callers with their own
// figures can pass them directly. Amounts are integer minor units, rates exact fractions.
import type { Ratio } from "../../core/ratio.ts";

/** The seed article's inputs: rates, tenure, payment record and prepayments. */
export interface ClassicHealthFacts {
  /** The loan's annual rate and the market average for similar loans, as fractions (8.5 % → 17/200). */
  readonly loanRate: Ratio;
  readonly marketRate: Ratio;
  /** Whole months since disbursement and the months of the whole term. */
  readonly monthsCompleted: number;
  readonly totalMonths: number;
  /** Installments paid (or still unpaid) after their due date and grace, by fewer than 30 days. */
  readonly latePayments: number;
  /** Installments paid (or still unpaid) 30 or more days after their due date (Tenor's reading of "default"). */
  readonly defaults: number;
  /** Extra payments beyond what was due, and how many of them fell in the first 30 % of the term. */
  readonly prepayments: number;
  readonly earlyPrepayments: number;
}

/** One due date that has passed: how long ago, and how late it was paid (or is, still unpaid). */
export interface DueDateRecord {
  /** Months from the due date to the as-of date (0 = due on the as-of date); may be fractional. */
  readonly ageMonths: number;
  /** Days after the due date the installment was settled, or (unsettled) days past due so far; 0 = on time. */
  readonly daysLate: number;
}

/** The borrower's monthly figures with this loan, and the policy limits they are held against. */
export interface AffordabilityFacts {
  /** Net monthly income (the policy's income basis). */
  readonly incomeMinor: number;
  /** Every debt's monthly installments, this loan's included. */
  readonly debtServiceMinor: number;
  /** Income after the policy's income shock, and debt service with a variable rate raised by the rate shock. */
  readonly stressedIncomeMinor: number;
  readonly stressedDebtServiceMinor: number;
  /** Income − essential expenses − debt service, and the policy's residual-income floor, per month. */
  readonly residualMinor: number;
  readonly residualFloorMinor: number;
  /** The policy's debt-service cap and its stressed cap. */
  readonly maxRatio: Ratio;
  readonly stressedMaxRatio: Ratio;
}

export interface BufferFacts {
  readonly liquidSavingsMinor: number;
  /** Essential expenses plus debt service, per month. */
  readonly monthlyOutgoingsMinor: number;
}

/** Refinancing the balance at the market rate: what it would save, net of switching costs. */
export interface RefinanceFacts {
  readonly marketRate: Ratio;
  /** Present value of the installments saved minus the switching costs; ≤ 0 when refinancing does not pay. */
  readonly netSavingMinor: number;
  /** Months until the installments saved repay the switching costs; undefined when they never do. */
  readonly breakEvenMonths: number | undefined;
  readonly switchingCostMinor: number;
}

/** A candidate prepayment and what the prepayment advice rule checks (research §2.2). */
export interface PrepaymentFacts {
  readonly amountMinor: number;
  /** Interest saved by reducing the term, and how many months earlier the loan ends. */
  readonly interestSavedMinor: number;
  readonly monthsEarlier: number;
  readonly feeMinor: number;
  readonly loanRate: Ratio;
  /** What the money would earn safely instead (a deposit rate), as a fraction. */
  readonly safeReturn: Ratio;
  /** Months of outgoings the borrower keeps after prepaying, and the months the policy asks for. */
  readonly bufferMonthsAfter: number;
  readonly requiredBufferMonths: number;
  /** Whether the borrower has another debt at a higher rate (it should be repaid first). */
  readonly dearerDebt: boolean;
}

/** The improved model's inputs; a component whose facts are undefined is "not assessed". */
export interface HealthFacts {
  /** Digits of the currency's minor unit, for the money shown in the explanations. */
  readonly currencyDigits: number;
  /** Every due date up to the as-of date; the 24 most recent are scored. Empty before the first due date. */
  readonly dueDates: readonly DueDateRecord[];
  /** Days after a due date that still count as on time. */
  readonly graceDays: number;
  /** Days past due on the as-of date (0 when current). */
  readonly daysPastDue: number;
  readonly schedule: {
    /** The principal still owed and what the original schedule planned to be owed on the as-of date. */
    readonly balanceMinor: number;
    readonly scheduledBalanceMinor: number;
    readonly principalMinor: number;
  };
  readonly remainingMonths: number;
  readonly variableRate: boolean;
  readonly affordability: AffordabilityFacts | undefined;
  readonly buffer: BufferFacts | undefined;
  readonly refinance: RefinanceFacts | undefined;
  readonly prepayment: PrepaymentFacts | undefined;
  /** Why a component's facts are missing, when the caller knows more than "no market rate given". */
  readonly notAssessedReasons?:
    | Partial<Record<"affordability" | "liquidity-buffer" | "cost-efficiency", string>>
    | undefined;
}
