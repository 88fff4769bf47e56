// The schedule the generator produces. Amounts are integer minor units held in `number` (always safe
// integers: the generator checks every sum), dates are day numbers, and rates are exact rationals; the
// schedule document (schedule-document.ts) turns them into decimal strings and ISO dates.
//
// A schedule is stored by column (one array per field, index = installment − 1): building 360 row objects
// costs more than computing the whole schedule (docs/performance.md). `installments` materializes the rows
// on first access.
import type { DayNumber } from "../core/calendar-date.ts";
import type { Ratio } from "../core/ratio.ts";
import type { Terms } from "./terms.ts";

export interface FeeAmount {
  readonly name: string;
  readonly amountMinor: number;
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
  // The explanation: how the interest came about. Kept flat on the row (no nested object) because a
  // schedule of 360 rows is built in microseconds and every allocation shows.
  /** The rate factor applied to the balance (percent rates) or the amount charged (amount rates). */
  readonly rateFactor: Ratio;
  /** The period's length in the rate's unit. */
  readonly time: Ratio;
  readonly daysCounted: number;
  /** The interest the period itself accrued (before placement, deferral or capitalization). */
  readonly accruedInterestMinor: number;
  /** The rounding residual this installment absorbed (0 for most). */
  readonly roundingResidualMinor: number;
  readonly grace: boolean;
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

/**
 * The schedule by column; every array has one entry per installment. Columns that would hold only zeros
 * (or repeat another column) are left out, which is most of them for most loans.
 */
export interface ScheduleColumns {
  readonly disbursementDay: DayNumber;
  readonly dueDays: readonly DayNumber[];
  readonly principalMinor: readonly number[];
  readonly interestMinor: readonly number[];
  readonly balanceMinor: readonly number[];
  /** The fees of each installment; undefined when the schedule has none. */
  readonly fees: readonly (readonly FeeAmount[])[] | undefined;
  /** The sum of each installment's fees; undefined when the schedule has none. */
  readonly feesMinor: readonly number[] | undefined;
  /** Interest added to the balance in each period; undefined when none is. */
  readonly capitalizedMinor: readonly number[] | undefined;
  /** Interest each period accrued; undefined when it equals the interest due in every installment. */
  readonly accruedInterestMinor: readonly number[] | undefined;
  /** The nonzero rounding residuals, by installment index (0-based). */
  readonly roundingResiduals: ReadonlyMap<number, number>;
  /** The rate of each period, or the one rate every period shares. */
  readonly rates: readonly RateApplied[] | RateApplied;
}

export interface RateApplied {
  readonly factor: { readonly ratio: Ratio };
  readonly time: Ratio;
  readonly daysCounted: number;
}

export interface Schedule {
  readonly terms: Terms;
  readonly count: number;
  readonly columns: ScheduleColumns;
  /** The rows, built from the columns on first access. */
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
