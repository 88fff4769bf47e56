// The `tenor monitor` document in and out (docs/reference/risk-monitoring.md, "The monitor document"): a portfolio
// of loans (terms, servicing rules, events, borrower figures) and the monitoring configuration, in; per loan its
// days past due, bucket, signals, tier and overdue-handling steps, and for the portfolio its states, roll rates and
// probabilities of default, out. Amounts are decimal strings in the portfolio's currency, probabilities and rates
// decimal fractions with 6 places ("0.037974"), dates ISO; absent values are null.
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { formatMinor } from "../../core/money.ts";
import { type Ratio, ratioToDecimalString } from "../../core/ratio.ts";
import { bucketIndexOf } from "./delinquency-buckets.ts";
import type { Figure, Severity, SignalCode, Tier } from "./early-warning.ts";
import type { LadderAction } from "./overdue-ladder.ts";
import {
  type LoanMonitoring,
  monitorPortfolio,
  type NotEvaluated,
  type PdEstimate,
  type RollRateReport,
} from "./portfolio-monitor.ts";
import { readMonitorDocument } from "./read-monitor-document.ts";
import { rowRates, type TransitionCounts } from "./transition-matrix.ts";

export interface SignalDocument {
  code: SignalCode;
  severity: Severity;
  message: string;
  figures: Record<string, Figure>;
}

export interface StepDocument {
  id: string;
  action: LadderAction;
  bucket: string | null;
  dueDate: string;
  status: "due-today" | "due-earlier";
  contact: boolean;
  withinContactLimit: boolean;
  note: string;
  reason: string;
}

export interface LoanMonitorDocument {
  id: string;
  status: "active" | "closed" | "written-off";
  daysPastDue: number;
  /** The bucket of the days past due. */
  bucket: string;
  /** The portfolio state: the bucket, or "closed" / "written-off". */
  state: string;
  oldestUnpaidDueDate: string | null;
  amountPastDue: string;
  /** What the borrower owes on asOf: accrued and unpaid, and all unpaid principal. */
  balance: string;
  /** This loan's installments due in the as-of month (principal, interest, fees). */
  monthDebtService: string;
  pd: string | null;
  tier: Tier;
  signals: SignalDocument[];
  notEvaluated: NotEvaluated[];
  steps: StepDocument[];
}

export interface RateDocument {
  byCount: string | null;
  byBalance: string | null;
}

export interface RollRatesDocument {
  dates: string[];
  states: string[];
  periods: { from: string; to: string; counts: number[][]; balances: string[][] }[];
  pooled: {
    counts: number[][];
    balances: string[][];
    byCount: (string[] | null)[];
    byBalance: (string[] | null)[];
  };
  buckets: {
    bucket: string;
    loans: number;
    balance: string;
    rollForward: RateDocument | null;
    cure: RateDocument | null;
  }[];
  flowRates: ({ from: string; to: string } & RateDocument)[];
}

export interface PdDocument {
  source: PdEstimate["source"];
  label: string;
  reason: string;
  horizonMonths: number;
  matrix: string[][] | null;
  byState: { state: string; pd: string | null }[];
}

export interface MonitorDocument {
  asOf: string;
  currency: string;
  buckets: { label: string; from: number; to: number | null }[];
  contactLimits: {
    jurisdiction: string;
    maxContactsPer7Days: number | null;
    earliest: string;
    latest: string;
    source: string;
  };
  loans: LoanMonitorDocument[];
  portfolio: {
    states: { state: string; loans: number; balance: string }[];
    rollRates: RollRatesDocument | null;
    pd: PdDocument;
  };
}

/**
 * Reads the monitor document, replays every loan with the servicing engine and returns the monitoring document.
 * Throws TenorError("INVALID_MONITORING") listing every problem of the input (with full paths such as
 * `loans[1].events[0].amount`).
 */
export function monitorFromDocument(document: unknown): MonitorDocument {
  const input = readMonitorDocument(document);
  const result = monitorPortfolio(input);
  const digits = input.currency.digits;
  const money = (minor: number | bigint) => formatMinor(minor, digits);
  const limits = input.ladder.contactLimits;
  return {
    asOf: formatIsoDate(input.asOfDay),
    currency: input.currency.code,
    buckets: input.buckets.map((bucket) => ({
      label: bucket.label,
      from: bucket.fromDays,
      to: bucket.toDays ?? null,
    })),
    contactLimits: {
      jurisdiction: limits.jurisdiction,
      maxContactsPer7Days: limits.maxContactsPer7Days ?? null,
      earliest: limits.earliest,
      latest: limits.latest,
      source: limits.source,
    },
    loans: result.loans.map((loan) => loanDocument(loan, result.states, input.buckets, money)),
    portfolio: {
      states: result.totals.map((total) => ({
        state: total.state,
        loans: total.loans,
        balance: money(total.balanceMinor),
      })),
      rollRates:
        result.rollRates === undefined ? null : rollRatesDocument(result.rollRates, result.states, money),
      pd: pdDocument(result.pd, result.states),
    },
  };
}

function loanDocument(
  loan: LoanMonitoring,
  states: readonly string[],
  buckets: Parameters<typeof bucketIndexOf>[1],
  money: (minor: number | bigint) => string,
): LoanMonitorDocument {
  const { state } = loan;
  const dpd = state.daysPastDue;
  return {
    id: loan.id,
    status: state.status,
    daysPastDue: dpd,
    bucket: buckets[bucketIndexOf(dpd, buckets)]?.label ?? "",
    state: states[loan.stateIndex] ?? "",
    oldestUnpaidDueDate: dpd === 0 ? null : formatIsoDate(state.asOfDay - dpd),
    amountPastDue: money(loan.amountPastDueMinor),
    balance: money(loan.balanceMinor),
    monthDebtService: money(loan.monthDebtServiceMinor),
    pd: probability(loan.pd),
    tier: loan.tier,
    signals: loan.signals.map((signal) => ({
      code: signal.code,
      severity: signal.severity,
      message: signal.message,
      figures: { ...signal.figures },
    })),
    notEvaluated: [...loan.notEvaluated],
    steps: loan.steps.map((step) => ({
      id: step.id,
      action: step.action,
      bucket: step.bucket ?? null,
      dueDate: formatIsoDate(step.dueDay),
      status: step.status,
      contact: step.contact,
      withinContactLimit: step.withinContactLimit,
      note: step.note,
      reason: step.reason,
    })),
  };
}

function rollRatesDocument(
  report: RollRateReport,
  states: readonly string[],
  money: (minor: number | bigint) => string,
): RollRatesDocument {
  const matrices = (tally: TransitionCounts) => ({
    counts: tally.counts.map((row) => [...row]),
    balances: tally.balances.map((row) => row.map(money)),
  });
  const rates = (rows: (Ratio[] | undefined)[]) =>
    rows.map((row) => (row === undefined ? null : row.map(fraction)));
  const rate = (value: { byCount: Ratio | undefined; byBalance: Ratio | undefined } | undefined) =>
    value === undefined
      ? null
      : { byCount: probability(value.byCount), byBalance: probability(value.byBalance) };
  return {
    dates: report.dates.map((day: DayNumber) => formatIsoDate(day)),
    states: [...states],
    periods: report.periods.map((period) => ({
      from: formatIsoDate(period.fromDay),
      to: formatIsoDate(period.toDay),
      ...matrices(period.tally),
    })),
    pooled: {
      ...matrices(report.pooled),
      byCount: rates(rowRates(report.pooled.counts)),
      byBalance: rates(rowRates(report.pooled.balances)),
    },
    buckets: report.buckets.map((bucket) => ({
      bucket: bucket.bucket,
      loans: bucket.loans,
      balance: money(bucket.balanceMinor),
      rollForward: rate(bucket.rollForward),
      cure: rate(bucket.cure),
    })),
    flowRates: report.flows.map((flow) => ({
      from: flow.from,
      to: flow.to,
      byCount: probability(flow.byCount),
      byBalance: probability(flow.byBalance),
    })),
  };
}

function pdDocument(pd: PdEstimate, states: readonly string[]): PdDocument {
  return {
    source: pd.source,
    label: pd.label,
    reason: pd.reason,
    horizonMonths: pd.horizonMonths,
    matrix: pd.matrix === undefined ? null : pd.matrix.map((row) => row.map(fraction)),
    byState: states.map((state, index) => ({ state, pd: probability(pd.byState[index]) })),
  };
}

/** A fraction with 6 decimal places ("0.037974"), rounded half to even. */
function fraction(value: Ratio): string {
  return ratioToDecimalString(value, 6);
}

function probability(value: Ratio | undefined): string | null {
  return value === undefined ? null : fraction(value);
}
