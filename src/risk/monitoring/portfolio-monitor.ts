// The risk monitor (docs/reference/risk-monitoring.md): each loan replayed by the servicing engine on the as-of
// date — its days past due and bucket, its early-warning signals and tier, the overdue-handling steps due — and
// the portfolio: loans and balances per state, roll rates between the snapshot dates, and the Markov probability
// of default per state (from the observed matrix when there is enough monthly data, else the illustrative prior).
import { civilFromDay, type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { type Issue, TenorError } from "../../core/errors.ts";
import { type Ratio, ratioFromInt } from "../../core/ratio.ts";
import { replayLoan } from "../../servicing/service-loan.ts";
import type { LoanState } from "../../servicing/types.ts";
import { type BucketScheme, bucketIndexOf } from "./delinquency-buckets.ts";
import {
  burdenSignal,
  incomeDropSignal,
  loanSignals,
  overdueInstallments,
  type Signal,
  savingsSignal,
  type Tier,
  tierOf,
  totalOf,
} from "./early-warning.ts";
import {
  ILLUSTRATIVE_PRIOR,
  ILLUSTRATIVE_PRIOR_LABEL,
  priorFits,
  probabilityOfDefault,
  type RatioMatrix,
} from "./markov-pd.ts";
import type { MonitoredLoan, MonitorInput, PdConfig } from "./monitor-input.ts";
import { type PlannedStep, stepsDue } from "./overdue-ladder.ts";
import {
  addTransitionCounts,
  type BucketRollRates,
  bucketRollRates,
  closedIndex,
  countTransitions,
  type FlowRate,
  flowRates,
  type LoanPosition,
  rowRates,
  stateLabels,
  type TransitionCounts,
  transitionsBetween,
  writtenOffIndex,
} from "./transition-matrix.ts";

/** A rule that could not run for want of figures; BURDEN stands for BURDEN_OVER_COMFORT and BURDEN_OVER_MAX. */
export interface NotEvaluated {
  readonly rule: "INCOME_DROP" | "BURDEN" | "SAVINGS_GONE";
  readonly reason: string;
}

export interface LoanMonitoring {
  readonly id: string;
  readonly state: LoanState;
  /** Index into the portfolio's states: a bucket, then closed, then written-off. */
  readonly stateIndex: number;
  readonly balanceMinor: bigint;
  readonly amountPastDueMinor: bigint;
  /** This loan's installments (principal, interest and fees) due in the as-of calendar month. */
  readonly monthDebtServiceMinor: number;
  readonly signals: readonly Signal[];
  readonly notEvaluated: readonly NotEvaluated[];
  readonly tier: Tier;
  readonly steps: readonly PlannedStep[];
  /** The probability of default of the loan's state (undefined when the portfolio has no PD estimate). */
  readonly pd: Ratio | undefined;
}

export interface StateTotal {
  readonly state: string;
  readonly loans: number;
  readonly balanceMinor: bigint;
}

export interface RollRateReport {
  readonly dates: readonly DayNumber[];
  /** The tally between each pair of consecutive dates. */
  readonly periods: readonly {
    readonly fromDay: DayNumber;
    readonly toDay: DayNumber;
    readonly tally: TransitionCounts;
  }[];
  /** All periods added together. */
  readonly pooled: TransitionCounts;
  readonly buckets: readonly BucketRollRates[];
  readonly flows: readonly FlowRate[];
}

export interface PdEstimate {
  readonly source: "observed" | "illustrative-prior" | "none";
  readonly label: string;
  readonly reason: string;
  readonly horizonMonths: number;
  /** The monthly matrix used (default states already absorbing in the prior), undefined for "none". */
  readonly matrix: RatioMatrix | undefined;
  /** Per state (buckets, closed, written-off). */
  readonly byState: readonly (Ratio | undefined)[];
}

export interface PortfolioMonitoring {
  readonly states: readonly string[];
  readonly loans: readonly LoanMonitoring[];
  readonly totals: readonly StateTotal[];
  readonly rollRates: RollRateReport | undefined;
  readonly pd: PdEstimate;
}

/**
 * Monitors every loan of `input` on its as-of date and the portfolio as a whole. A loan whose events the engine
 * cannot replay is refused (INVALID_MONITORING, every such loan named at once).
 */
export function monitorPortfolio(input: MonitorInput): PortfolioMonitoring {
  const { buckets, asOfDay } = input;
  const states = stateLabels(buckets);
  const issues: Issue[] = [];
  const replay = (entry: MonitoredLoan, index: number, day: DayNumber): LoanState | undefined => {
    try {
      return replayLoan(entry.loan, entry.events, day);
    } catch (error) {
      if (!(error instanceof TenorError)) throw error;
      for (const issue of error.issues) {
        issues.push({
          ...issue,
          field: `loans[${index}].${issue.field}`,
        });
      }
      return undefined;
    }
  };
  const current = input.loans.map((entry, index) => replay(entry, index, asOfDay));
  const snapshots = input.dates.map((day) =>
    input.loans.map((entry, index) => {
      // An event the engine refuses on an earlier date is refused on the as-of date too: reported once.
      if (day < entry.loan.terms.disbursementDay || current[index] === undefined) return undefined;
      const state = day === asOfDay ? current[index] : replay(entry, index, day);
      return state === undefined ? undefined : positionOf(state, buckets);
    }),
  );
  if (issues.length > 0) throw new TenorError("INVALID_MONITORING", issues);
  const rollRates = input.dates.length >= 2 ? rollRateReport(buckets, input.dates, snapshots) : undefined;
  const pd = estimatePd(buckets, input.pd, rollRates);
  const loans = input.loans.map((entry, index) =>
    monitorLoan(entry, current[index] as LoanState, input, pd.byState),
  );
  const totals = states.map((state, index) => {
    const inState = loans.filter((loan) => loan.stateIndex === index);
    return {
      state,
      loans: inState.length,
      balanceMinor: inState.reduce((sum, loan) => sum + loan.balanceMinor, 0n),
    };
  });
  return { states, loans, totals, rollRates, pd };
}

/** A loan's portfolio state and balance on the date of `state`. */
export function positionOf(state: LoanState, buckets: BucketScheme): LoanPosition {
  const index =
    state.status === "closed"
      ? closedIndex(buckets)
      : state.status === "written-off"
        ? writtenOffIndex(buckets)
        : bucketIndexOf(state.daysPastDue, buckets);
  return { state: index, balanceMinor: totalOf(state.outstanding) };
}

function monitorLoan(
  entry: MonitoredLoan,
  state: LoanState,
  input: MonitorInput,
  pdByState: readonly (Ratio | undefined)[],
): LoanMonitoring {
  const digits = input.currency.digits;
  const position = positionOf(state, input.buckets);
  const monthDebtServiceMinor = debtServiceInMonth(state, input.asOfDay);
  const signals = loanSignals(state, entry.events, input.signals, digits);
  const notEvaluated: NotEvaluated[] = [];
  if (state.status === "active") {
    const push = (signal: Signal | undefined) => {
      if (signal !== undefined) signals.push(signal);
    };
    if (entry.income === undefined) {
      notEvaluated.push({ rule: "INCOME_DROP", reason: "no previousIncome and currentIncome given" });
    } else {
      push(incomeDropSignal(entry.income.previousMinor, entry.income.currentMinor, input.signals, digits));
    }
    const borrower = entry.borrower;
    if (borrower === undefined) {
      notEvaluated.push(
        { rule: "BURDEN", reason: "no borrower given" },
        { rule: "SAVINGS_GONE", reason: "no borrower given" },
      );
    } else {
      const debtService =
        borrower.monthlyDebtServiceMinor ?? borrower.otherDebtServiceMinor + monthDebtServiceMinor;
      if (borrower.monthlyIncomeMinor === undefined) {
        notEvaluated.push({ rule: "BURDEN", reason: "no monthlyIncome given" });
      } else {
        const caps = { ...input.signals, comfortRatio: borrower.comfortRatio, maxRatio: borrower.maxRatio };
        push(burdenSignal(borrower.monthlyIncomeMinor, debtService, caps, digits));
      }
      const { liquidSavingsMinor, monthlyEssentialSpendingMinor } = borrower;
      if (liquidSavingsMinor === undefined || monthlyEssentialSpendingMinor === undefined) {
        const missing = liquidSavingsMinor === undefined ? "liquidSavings" : "monthlyEssentialSpending";
        notEvaluated.push({ rule: "SAVINGS_GONE", reason: `no ${missing} given` });
      } else {
        push(savingsSignal(liquidSavingsMinor, monthlyEssentialSpendingMinor, debtService, digits));
      }
    }
  }
  const nextDue = state.installments.find(
    (inst) => inst.closedDay === undefined && inst.dueDay >= input.asOfDay,
  );
  const steps = stepsDue(
    {
      asOfDay: input.asOfDay,
      active: state.status === "active",
      daysPastDue: state.daysPastDue,
      nextDue: nextDue === undefined ? undefined : { installment: nextDue.number, dueDay: nextDue.dueDay },
    },
    input.buckets,
    input.ladder,
  );
  return {
    id: entry.id,
    state,
    stateIndex: position.state,
    balanceMinor: position.balanceMinor,
    amountPastDueMinor: overdueInstallments(state).reduce((sum, inst) => sum + totalOf(inst.outstanding), 0n),
    monthDebtServiceMinor,
    signals,
    notEvaluated,
    tier: tierOf(signals),
    steps,
    pd: pdByState[position.state],
  };
}

/** The principal, interest and fees of the installments due in the calendar month of `day`. */
function debtServiceInMonth(state: LoanState, day: DayNumber): number {
  const { year, month } = civilFromDay(day);
  let total = 0;
  for (const inst of state.installments) {
    const due = civilFromDay(inst.dueDay);
    if (due.year === year && due.month === month)
      total += inst.scheduled.principal + inst.scheduled.interest + inst.scheduled.fee;
  }
  return total;
}

/**
 * Roll rates from each loan's position (state and balance; undefined before it was disbursed) on each of
 * `dates`: one tally per pair of consecutive dates, their pool, the roll-forward and cure rates of each bucket
 * and the flow rates. `snapshots[t][i]` is loan i on dates[t].
 */
export function rollRateReport(
  buckets: BucketScheme,
  dates: readonly DayNumber[],
  snapshots: readonly (readonly (LoanPosition | undefined)[])[],
): RollRateReport {
  const stateCount = buckets.length + 2;
  const periods = dates.slice(1).map((toDay, k) => ({
    fromDay: dates[k] as DayNumber,
    toDay,
    tally: countTransitions(
      stateCount,
      transitionsBetween(
        snapshots[k] as readonly (LoanPosition | undefined)[],
        snapshots[k + 1] as readonly (LoanPosition | undefined)[],
      ),
    ),
  }));
  const pooled = periods
    .map((period) => period.tally)
    .reduce((sum, tally) => addTransitionCounts(sum, tally), countTransitions(stateCount, []));
  return {
    dates,
    periods,
    pooled,
    buckets: bucketRollRates(buckets, pooled),
    flows: flowRates(buckets, snapshots),
  };
}

/** Snapshot dates one calendar month apart are 28 to 31 days apart. */
const MONTH_MIN_DAYS = 28;
const MONTH_MAX_DAYS = 31;

/**
 * The PD per state: from the observed pooled matrix when the snapshots are monthly and every bucket but the
 * default one (the last) has at least `minObservations` loans at the earlier dates; else from the illustrative
 * prior when the buckets are the default ones; else none.
 */
export function estimatePd(
  buckets: BucketScheme,
  config: PdConfig,
  rollRates: RollRateReport | undefined,
): PdEstimate {
  const { horizonMonths, minObservations } = config;
  const last = buckets.length - 1;
  const defaults = [last, writtenOffIndex(buckets)];
  const whyNotObserved = observedRefusal(minObservations, rollRates);
  if (whyNotObserved === undefined && rollRates !== undefined) {
    const rates = rowRates(rollRates.pooled.counts);
    const size = buckets.length + 2;
    const matrix = rates.map((row, i) =>
      i < last && row !== undefined
        ? row
        : Array.from({ length: size }, (_, j) => ratioFromInt(i === j ? 1 : 0)),
    );
    return {
      source: "observed",
      label: `observed monthly transitions (${rollRates.dates.length - 1} months pooled, by loan count)`,
      reason: `every bucket but ${buckets[last]?.label} has at least ${minObservations} loans observed over monthly snapshots`,
      horizonMonths,
      matrix,
      byState: probabilityOfDefault(matrix, defaults, horizonMonths),
    };
  }
  if (priorFits(buckets)) {
    return {
      source: "illustrative-prior",
      label: ILLUSTRATIVE_PRIOR_LABEL,
      reason: `${whyNotObserved}; the illustrative prior is used instead`,
      horizonMonths,
      matrix: ILLUSTRATIVE_PRIOR,
      byState: probabilityOfDefault(ILLUSTRATIVE_PRIOR, [4, 6], horizonMonths),
    };
  }
  return {
    source: "none",
    label: "no estimate",
    reason: `${whyNotObserved}; the illustrative prior fits only the default buckets (current, 1-30, 31-60, 61-90, 90+)`,
    horizonMonths,
    matrix: undefined,
    byState: buckets.map(() => undefined).concat([undefined, undefined]),
  };
}

/** Why the observed matrix cannot be used, or undefined when it can. */
function observedRefusal(minObservations: number, rollRates: RollRateReport | undefined): string | undefined {
  if (rollRates === undefined) return "no snapshot dates given, so no transitions were observed";
  const dates = rollRates.dates;
  for (let k = 1; k < dates.length; k++) {
    const gap = (dates[k] as number) - (dates[k - 1] as number);
    if (gap < MONTH_MIN_DAYS || gap > MONTH_MAX_DAYS) {
      return `the snapshot dates ${formatIsoDate(dates[k - 1] as number)} and ${formatIsoDate(dates[k] as number)} are ${gap} days apart, not a month (28 to 31 days): a monthly matrix needs monthly snapshots`;
    }
  }
  const thin = rollRates.buckets
    .slice(0, -1)
    .filter((bucket) => bucket.loans < minObservations)
    .map((bucket) => `${bucket.bucket} (${bucket.loans})`);
  if (thin.length > 0) {
    return `too few loans observed in ${thin.join(", ")}: each bucket but the last needs at least ${minObservations}`;
  }
  return undefined;
}
