// What the risk monitor works on once its document is read (read-monitor-document.ts): the loans of a portfolio,
// ready for the servicing engine, with what their borrowers reported, and the monitoring configuration. All
// amounts are integer minor units of the portfolio's one currency, all dates day numbers.
import type { DayNumber } from "../../core/calendar-date.ts";
import type { Currency } from "../../core/currency.ts";
import type { Ratio } from "../../core/ratio.ts";
import type { ServicedLoan } from "../../servicing/service-loan.ts";
import type { LoanEvent } from "../../servicing/types.ts";
import type { BucketScheme } from "./delinquency-buckets.ts";
import type { SignalConfig } from "./early-warning.ts";
import type { Ladder } from "./overdue-ladder.ts";

/**
 * The borrower's monthly figures for the burden and savings signals, from plain figures or from a borrower
 * profile and a policy (the as-of month of `assessCapacity`). Undefined figures leave their signal unevaluated.
 */
export interface BorrowerFigures {
  readonly source: string;
  readonly monthlyIncomeMinor: number | undefined;
  /** Every debt's service in the month, this loan included; undefined → other debts + this loan's month. */
  readonly monthlyDebtServiceMinor: number | undefined;
  /** The service of the borrower's other debts in the month (the profile's debts; 0 with plain figures). */
  readonly otherDebtServiceMinor: number;
  readonly monthlyEssentialSpendingMinor: number | undefined;
  readonly liquidSavingsMinor: number | undefined;
  readonly comfortRatio: Ratio;
  readonly maxRatio: Ratio;
}

export interface MonitoredLoan {
  readonly id: string;
  readonly loan: ServicedLoan;
  readonly events: readonly LoanEvent[];
  readonly borrower: BorrowerFigures | undefined;
  /** The income before and after a reported change (same frequency), for INCOME_DROP. */
  readonly income: { readonly previousMinor: number; readonly currentMinor: number } | undefined;
}

export interface PdConfig {
  /** Loans each bucket's row of the observed matrix needs before the observed matrix replaces the prior. */
  readonly minObservations: number;
  readonly horizonMonths: number;
}

export const DEFAULT_PD_CONFIG: PdConfig = { minObservations: 30, horizonMonths: 12 };

export interface MonitorInput {
  readonly asOfDay: DayNumber;
  /** Snapshot dates for roll rates, ascending, each on or before asOf; empty when not given. */
  readonly dates: readonly DayNumber[];
  readonly currency: Currency;
  readonly buckets: BucketScheme;
  readonly ladder: Ladder;
  readonly signals: SignalConfig;
  readonly pd: PdConfig;
  readonly loans: readonly MonitoredLoan[];
}
