// The servicing engine's vocabulary: the product's servicing rules, the events of a loan and the state the
// engine derives from them. The rules are normative in docs/reference/servicing-rules.md; every amount is an
// integer number of minor units, every date a day number, every rate an exact rational.
import type { DayNumber } from "../core/calendar-date.ts";
import type { Ratio } from "../core/ratio.ts";
import type { PlanTier } from "../schedule/terms.ts";

/** The four components of what a borrower owes, per installment. */
export type Component = "principal" | "interest" | "fee" | "penalty";
export const COMPONENTS: readonly Component[] = ["principal", "interest", "fee", "penalty"];

/** Where an installment stands on a payment date (§5). */
export type Bucket = "past-due" | "due" | "not-yet-due";

/** What happens to the part of a repayment left once everything past due and due is paid (§6). */
export type OverpaymentMode = "close-forward" | "close-backward" | "reduce-term" | "reduce-installment";

/** When the installment of the current period counts as closed (§5.2). */
export type ClosingRule = "scheduled" | "accrued";

/**
 * One step of the repayment waterfall: the installments of `buckets` (past due oldest first, then the one
 * due) are paid component by component. `horizontal` pays one installment's components in order before
 * moving to the next installment; `vertical` pays one component across all the installments first.
 */
export interface WaterfallStep {
  readonly buckets: readonly Exclude<Bucket, "not-yet-due">[];
  readonly components: readonly Component[];
  readonly direction: "horizontal" | "vertical";
}

export interface PastDueInterest {
  /** Fraction per year (24 % → 24/100). */
  readonly rate: Ratio;
  /** Days in the year the daily rate divides by. */
  readonly daysInYear: number;
  /** What it is charged on: the installment's overdue principal, or its overdue principal and interest. */
  readonly base: "principal" | "principal-interest";
}

export type LateFee =
  | { readonly amountMinor: number }
  /** A fraction of the installment's overdue principal and interest when it turns late. */
  | { readonly percent: Ratio };

export interface ServicingRules {
  /** The order of same-day accruals (a permutation of the four components). */
  readonly accrualPriority: readonly Component[];
  /** Covers every (bucket, component) pair of `past-due` and `due` exactly once. */
  readonly waterfall: readonly WaterfallStep[];
  /** The component order used when closing installments that are not yet due. */
  readonly notYetDueOrder: readonly Component[];
  readonly closing: ClosingRule;
  readonly overpayment: OverpaymentMode;
  readonly lateGraceDays: number;
  readonly pastDueInterest: PastDueInterest | undefined;
  readonly lateFee: LateFee | undefined;
  /** The fee a returned (NSF) payment costs when its event names none; 0 for none. */
  readonly nsfFeeMinor: number;
  /** A loan whose pay-off amount falls below this (and above zero) after a repayment is written off; 0 = off. */
  readonly writeOffToleranceMinor: number;
  /** The most events one loan may hold. */
  readonly maxEvents: number;
}

interface EventBase {
  /** Unique within the loan; references (`of`) use it. */
  readonly id: string;
  /** The value date. */
  readonly day: DayNumber;
}

export type LoanEvent =
  | (EventBase & { readonly type: "disbursement"; readonly amountMinor: number })
  | (EventBase & {
      readonly type: "repayment";
      readonly amountMinor: number;
      readonly overpayment: OverpaymentMode | undefined;
    })
  | (EventBase & {
      readonly type: "returned-payment";
      readonly of: string;
      readonly feeMinor: number | undefined;
    })
  | (EventBase & { readonly type: "fee"; readonly amountMinor: number; readonly name: string })
  | (EventBase & {
      readonly type: "fee-waiver";
      readonly component: Exclude<Component, "principal">;
      /** Undefined waives everything outstanding of the component. */
      readonly amountMinor: number | undefined;
    })
  | (EventBase & { readonly type: "rate-change"; readonly rate: Ratio })
  | (EventBase & {
      readonly type: "reschedule";
      readonly installments: number | undefined;
      readonly firstDueDay: DayNumber | undefined;
      readonly holidayInstallments: number;
      readonly interestOnlyInstallments: number;
      readonly rate: Ratio | undefined;
      /**
       * Installment amounts (principal and interest, minor units) of the new schedule, counted from 1, contiguous
       * and ending at `installments`: the terms' `plan` payment method, the last installment repaying what remains.
       */
      readonly tiers?: readonly PlanTier[];
    })
  | (EventBase & { readonly type: "payoff"; readonly amountMinor: number | undefined })
  | (EventBase & { readonly type: "write-off" })
  | (EventBase & { readonly type: "reversal"; readonly of: string })
  | (EventBase & { readonly type: "refund"; readonly amountMinor: number });

export type EventType = LoanEvent["type"];

/** Amounts by component, in minor units. */
export interface Amounts {
  principal: number;
  interest: number;
  fee: number;
  penalty: number;
}

export type LoanStatus = "active" | "closed" | "written-off";

export type DelinquencyBucket = "current" | "1-30" | "31-60" | "61-90" | "90+";

export interface InstallmentState {
  readonly number: number;
  readonly startDay: DayNumber;
  readonly dueDay: DayNumber;
  /** What the installment asks for now (after recalculations, closing cancellations and charges). */
  readonly scheduled: Amounts;
  /** Of `scheduled`: what has accrued by the as-of date (principal counts when due). */
  readonly accrued: Amounts;
  readonly paid: Amounts;
  readonly waived: Amounts;
  readonly writtenOff: Amounts;
  /** Accrued and not yet paid, waived or written off. Principal: everything not yet paid. */
  readonly outstanding: Amounts;
  readonly closedDay: DayNumber | undefined;
  /** Where the installment stands on the as-of date (§5.1), or `closed`. */
  readonly bucket: Bucket | "closed";
}

/** One line of an installment's cash-flow history. */
export interface CashFlowEntry {
  readonly day: DayNumber;
  readonly installment: number;
  readonly component: Component;
  readonly kind: "accrued" | "paid" | "waived" | "written-off" | "cancelled" | "recalculated";
  readonly amountMinor: number;
  /** The event that caused it; undefined for accruals by the passage of time. */
  readonly event: string | undefined;
}

export type Account =
  | "loan-principal"
  | "interest-receivable"
  | "fee-receivable"
  | "penalty-receivable"
  | "cash"
  | "interest-income"
  | "fee-income"
  | "penalty-income"
  | "overpayment"
  | "write-off-expense"
  | "waiver-expense"
  | "recoveries";

/** One double-entry posting: `amountMinor` debited to `debit` and credited to `credit`. */
export interface Posting {
  /** Stable identity of what the posting records, used to diff two replays (§10). */
  readonly key: string;
  readonly day: DayNumber;
  readonly debit: Account;
  readonly credit: Account;
  readonly amountMinor: number;
  readonly event: string | undefined;
  readonly memo: string;
}

/** A posting as booked in the journal: original postings, and reversals of postings a replay withdrew. */
export interface JournalEntry extends Posting {
  /** The insertion sequence (1-based) of the event whose booking produced this entry. */
  readonly booking: number;
  readonly reversal: boolean;
}

export interface LoanState {
  readonly asOfDay: DayNumber;
  readonly status: LoanStatus;
  readonly installments: readonly InstallmentState[];
  /** Outstanding by component (accrued and unpaid; principal is all unpaid principal). */
  readonly outstanding: Amounts;
  readonly creditBalanceMinor: number;
  readonly daysPastDue: number;
  readonly delinquency: DelinquencyBucket;
  /** What a pay-off on the as-of date accepts and closes the loan with (0 once closed). */
  readonly payoffMinor: number;
  readonly totals: {
    readonly disbursedMinor: number;
    readonly receivedMinor: number;
    readonly paid: Amounts;
    readonly waived: Amounts;
    readonly writtenOff: Amounts;
    readonly refundedMinor: number;
    readonly recoveredMinor: number;
  };
  readonly cashFlow: readonly CashFlowEntry[];
  readonly postings: readonly Posting[];
}
