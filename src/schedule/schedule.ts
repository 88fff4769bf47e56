// The schedule the generator produces. Amounts are integer minor units held in `number` (always safe
// integers: the generator checks every sum), dates are day numbers, and rates are exact rationals; the
// schedule document (schedule-document.ts) turns them into decimal strings and ISO dates.
import type { DayNumber } from "../core/calendar-date.ts";
import type { Ratio } from "../core/ratio.ts";
import type { Terms } from "./terms.ts";

export interface FeeAmount {
  readonly name: string;
  readonly amountMinor: number;
}

export interface InstallmentExplanation {
  /** The rate factor applied to the balance (percent rates) or the amount charged (amount rates). */
  readonly rateFactor: Ratio;
  /** The period's length in the rate's unit. */
  readonly time: Ratio;
  readonly daysCounted: number;
  readonly basis: "period" | "day";
  /** The interest the period itself accrued (before placement, deferral or capitalization). */
  readonly accruedInterestMinor: number;
  /** The rounding residual this installment absorbed (0 for most). */
  readonly roundingResidualMinor: number;
  readonly grace: boolean;
}

export interface Installment {
  readonly number: number;
  readonly startDay: DayNumber;
  readonly dueDay: DayNumber;
  readonly days: number;
  readonly principalMinor: number;
  readonly interestMinor: number;
  readonly fees: readonly FeeAmount[];
  readonly feesMinor: number;
  readonly totalMinor: number;
  /** Interest added to the balance in this period (grace with capitalization). */
  readonly capitalizedMinor: number;
  /** The principal balance after this installment. */
  readonly balanceMinor: number;
  readonly explain: InstallmentExplanation;
}

export interface ScheduleTotals {
  readonly principalMinor: number;
  readonly interestMinor: number;
  readonly feesMinor: number;
  readonly totalMinor: number;
  readonly installmentCount: number;
  readonly netDisbursementMinor: number;
  readonly financedFeesMinor: number;
  readonly capitalizedInterestMinor: number;
  readonly maturityDay: DayNumber;
}

export type WarningCode =
  | "RESIDUAL_NOT_ALLOWED"
  | "ROUNDING_STEP_TOO_LARGE"
  | "PAID_OFF_EARLY"
  | "LAST_INSTALLMENT_LARGER";

export interface ScheduleWarning {
  readonly code: WarningCode;
  readonly message: string;
  readonly fixes: readonly string[];
}

export interface Schedule {
  readonly terms: Terms;
  readonly installments: readonly Installment[];
  readonly totals: ScheduleTotals;
  readonly derived: {
    /** The level installment (principal + interest) of level-payment schedules. */
    readonly levelInstallmentMinor: number | undefined;
    /** The interest rate derived for a payment plan without one (a fraction per `interest.per`). */
    readonly rate: Ratio | undefined;
  };
  readonly warnings: readonly ScheduleWarning[];
}
