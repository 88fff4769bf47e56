/**
 * EU annual percentage rate of charge (APRC) of a consumer credit: Directive 2008/48/EC, Annex I (unchanged in
 * substance by Directive (EU) 2023/2225, Annex III, which replaces it from 20 November 2026 and spells out the
 * measurement of time as Directive 2014/17/EU Annex I already did).
 *
 * Annex I, I: the APRC X solves Σ_k C_k (1 + X)^(−t_k) = Σ_l D_l (1 + X)^(−s_l), drawdowns C_k at t_k and
 * repayments and payments of charges D_l at s_l, times "expressed in years and fractions of a year" from the first
 * drawdown (remark (b)); amounts and intervals need not be equal (remark (a)).
 *
 * Remark (c): "A year is presumed to have 365 days (or 366 days for leap years), 52 weeks or 12 equal months. An
 * equal month is presumed to have 30,41666 days (i.e. 365/12) regardless of whether or not it is a leap year."
 * Directive 2014/17/EU Annex I and Directive (EU) 2023/2225 Annex III add: intervals that are not whole weeks,
 * months or years are a whole number of one of those periods plus days; every day counts; "equal periods and then
 * days shall be counted backwards to the date of the initial drawdown"; and the days are expressed in years by
 * dividing them by the days (365 or 366) of the complete year counted back from the last of those days to the same
 * day of the previous year. So a time is n/12 + d/Y ("equal-months"), n/52 + d/Y ("weeks") or n + d/Y ("days": whole
 * years, then calendar days), with Y = 366 exactly when that year contains a 29 February. Whole months are counted
 * back on the flow's day of month, month ends as in count-back.ts.
 *
 * Remark (d): the result is given to at least one decimal place, rounded half up (`decimals`, default 1).
 *
 * Part II of the Annex (assumptions: deemed full drawdown, assumed repayment timetables, ...) decides WHICH flows
 * enter the equation; the caller applies it and passes the flows.
 *
 * The root policy (which X when flows change sign more than once) is IRR's: see irr.ts. Floating point is used
 * only inside that root finder (period-grid-irr.ts, which solves on whole periods plus days); the times are exact
 * fractions (`years`).
 */
import { addMonthsAnchored, type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import { fail, TenorError } from "../core/errors.ts";
import { type Ratio, ratio } from "../core/ratio.ts";
import { amountToNumber, DAY_POSITION, flowSideIssues } from "./cash-flows.ts";
import {
  type CountBack,
  countBackTo,
  countingDayOfMonthIn,
  maxDayOfMonthIn,
  monthColumns,
  monthsBefore,
} from "./count-back.ts";
import { percentText } from "./percent-text.ts";
import { type PeriodGridFlows, periodGridIrr } from "./period-grid-irr.ts";

export interface EuFlow {
  readonly day: DayNumber;
  /** A positive amount in minor units. */
  readonly amountMinor: bigint | number;
}

/** The equal period counted back before the remaining days: 12 equal months, 52 weeks, or whole years ("days"). */
export type EuTimeBasis = "equal-months" | "weeks" | "days";

export interface EuAprcInput {
  /** C_k: the drawdowns (amounts of credit made available). */
  readonly drawdowns: readonly EuFlow[];
  /** D_l: repayments and payments of charges (a fee kept at drawdown is a payment on the drawdown's day). */
  readonly payments: readonly EuFlow[];
  /** Default "equal-months". */
  readonly timeBasis?: EuTimeBasis;
  /** Decimals of `aprcText`, 1 (the minimum of remark (d), default) to 8. */
  readonly decimals?: number;
}

/** A flow's time from the first drawdown: `wholePeriods` equal periods plus `remainingDays` of a `yearDays` year. */
export interface EuAprcTiming {
  readonly day: DayNumber;
  readonly amountMinor: bigint | number;
  /** t_k or s_l, exactly: wholePeriods / (12, 52 or 1) + remainingDays / yearDays. */
  readonly years: Ratio;
  readonly wholePeriods: number;
  readonly remainingDays: number;
  readonly yearDays: number;
}

export interface EuAprcResult {
  /** X in percent, unrounded. */
  readonly aprcPercent: number;
  /** X in percent rounded half up to `decimals` decimals (remark (d)): "10.0". */
  readonly aprcText: string;
  /** X as a fraction (0.1 is 10 %). */
  readonly rate: number;
  readonly timeBasis: EuTimeBasis;
  readonly firstDrawdownDay: DayNumber;
  readonly drawdowns: readonly EuAprcTiming[];
  readonly payments: readonly EuAprcTiming[];
  readonly iterations: number;
  /** True when the flows admit more than one X; `rate` is then chosen by IRR's root policy (irr.ts). */
  readonly multipleRoots: boolean;
}

const PERIODS_PER_YEAR: Readonly<Record<EuTimeBasis, bigint>> = { "equal-months": 12n, weeks: 52n, days: 1n };

/** The APRC of `input` by Directive 2008/48/EC Annex I (see the module comment). */
export function euAprc(input: EuAprcInput): EuAprcResult {
  const timeBasis = input.timeBasis ?? "equal-months";
  const decimals = input.decimals ?? 1;
  if (!(timeBasis in PERIODS_PER_YEAR)) {
    fail("INVALID_ARGUMENT", "timeBasis", timeBasis, 'must be "equal-months", "weeks" or "days"');
  }
  if (!Number.isSafeInteger(decimals) || decimals < 1 || decimals > 8) {
    fail(
      "INVALID_ARGUMENT",
      "decimals",
      decimals,
      "must be a whole number from 1 to 8 (remark (d): at least one)",
    );
  }
  validate(input);
  let firstDrawdownDay = (input.drawdowns[0] as EuFlow).day;
  for (const flow of input.drawdowns) if (flow.day < firstDrawdownDay) firstDrawdownDay = flow.day;
  const back = countBackTo(firstDrawdownDay);
  const n = input.drawdowns.length + input.payments.length;
  // The solver's flows are collected as the flows are timed, in the same pass.
  const grid: GridColumns = {
    wholes: new Array<number>(n),
    fractions: new Array<number>(n),
    times: new Array<number>(n),
    amounts: new Array<number>(n),
    periodsPerUnit: Number(PERIODS_PER_YEAR[timeBasis]), // float-ok: 12, 52 or 1, exact
  };
  // Drawdowns negative, payments positive: the lender's view (the rate does not depend on it).
  const drawdowns = timed(timeBasis, back, input.drawdowns, grid, 0, -1);
  const payments = timed(timeBasis, back, input.payments, grid, drawdowns.length, 1);
  const result = periodGridIrr(grid, "flows");
  const aprcPercent = result.rate * 100;
  return {
    aprcPercent,
    aprcText: percentText(aprcPercent, decimals),
    rate: result.rate,
    timeBasis,
    firstDrawdownDay,
    drawdowns,
    payments,
    iterations: result.iterations,
    multipleRoots: result.multipleRoots,
  };
}

function validate(input: EuAprcInput): void {
  const issues = flowSideIssues(
    [
      ["drawdowns", input.drawdowns],
      ["payments", input.payments],
    ],
    DAY_POSITION,
  );
  if (issues.length > 0) throw new TenorError("INVALID_CASH_FLOWS", issues);
  const first = Math.min(...input.drawdowns.map((flow) => flow.day));
  input.payments.forEach((flow, i) => {
    if (flow.day < first) {
      issues.push({
        field: `payments[${i}].day`,
        value: formatIsoDate(flow.day),
        message: `must not precede the first drawdown, ${formatIsoDate(first)}: time is measured from it (remark (b))`,
      });
    }
  });
  if (issues.length > 0) throw new TenorError("INVALID_CASH_FLOWS", issues);
}

/**
 * The flows in day order with their times from the first drawdown, each also put in `grid` from index `offset`
 * with its amount times `sign`.
 */
function timed(
  basis: EuTimeBasis,
  back: CountBack,
  flows: readonly EuFlow[],
  grid: GridColumns,
  offset: number,
  sign: number,
): EuAprcTiming[] {
  const sorted = sortByDay(flows);
  const months = monthColumns(sorted);
  const seriesDom = maxDayOfMonthIn(months);
  const timings = new Array<EuAprcTiming>(sorted.length);
  const periodsPerYear = PERIODS_PER_YEAR[basis];
  const cached = WHOLE_YEARS[basis];
  const { origin } = back;
  // The year length of the last `reached` day: the same for all the flows on the same day of month as the start.
  let lastReached = Number.NaN;
  let yearDays = 0;
  for (let k = 0; k < sorted.length; k++) {
    const { day, amountMinor } = sorted[k] as EuFlow;
    const monthIndex = months.monthIndex[k] as number;
    const dom = countingDayOfMonthIn(months, k, seriesDom);
    let wholePeriods: number;
    let reached: DayNumber;
    if (basis === "equal-months") {
      wholePeriods = back.months(day, monthIndex, dom);
      reached = back.reached(day, monthIndex, wholePeriods, dom);
    } else if (basis === "weeks") {
      wholePeriods = Math.floor((day - origin) / 7);
      reached = day - 7 * wholePeriods;
    } else {
      // Whole years of 12 months, counted back on the calendar.
      wholePeriods = Math.floor(back.months(day, monthIndex, dom) / 12);
      reached = wholePeriods === 0 ? day : monthsBefore(day, 12 * wholePeriods, dom);
    }
    const remainingDays = reached - origin;
    if (reached !== lastReached) {
      // The complete year counted back from the last remaining day to the same day of the previous year.
      yearDays = reached - addMonthsAnchored(reached, -12);
      lastReached = reached;
    }
    const years = yearsOf(periodsPerYear, cached, wholePeriods, remainingDays, yearDays);
    timings[k] = { day, amountMinor, years, wholePeriods, remainingDays, yearDays };
    setGridFlow(grid, offset + k, sign * amountToNumber(amountMinor), wholePeriods, remainingDays, yearDays);
  }
  return timings;
}

/** Flows in day order (stable); the input itself when in order already, as a schedule's are. */
function sortByDay(flows: readonly EuFlow[]): readonly EuFlow[] {
  for (let k = 1; k < flows.length; k++) {
    if ((flows[k] as EuFlow).day < (flows[k - 1] as EuFlow).day)
      return [...flows].sort((a, b) => a.day - b.day);
  }
  return flows;
}

/** wholePeriods / periodsPerYear + remainingDays / yearDays, exactly; `cached` holds the basis's whole periods. */
function yearsOf(
  periodsPerYear: bigint,
  cached: Ratio[],
  wholePeriods: number,
  remainingDays: number,
  yearDays: number,
): Ratio {
  if (remainingDays !== 0) {
    const perYear = Number(periodsPerYear); // float-ok: 12, 52 or 1, exact
    return ratio(BigInt(wholePeriods * yearDays + perYear * remainingDays), BigInt(perYear * yearDays));
  }
  // On the grid: n/12 (n/52, n) again and again, the same for every schedule; made once and shared (immutable).
  let years = cached[wholePeriods];
  if (years === undefined) {
    years = Object.freeze(ratio(BigInt(wholePeriods), periodsPerYear));
    if (wholePeriods < MAX_CACHED_PERIODS) cached[wholePeriods] = years;
  }
  return years;
}

/** Whole-period times already made, per time basis (`yearsOf`); up to 100 years of months. */
const WHOLE_YEARS: Readonly<Record<EuTimeBasis, Ratio[]>> = { "equal-months": [], weeks: [], days: [] };
const MAX_CACHED_PERIODS = 1200;

/** `PeriodGridFlows` being filled. */
interface GridColumns extends PeriodGridFlows {
  readonly wholes: number[];
  readonly fractions: number[];
  readonly times: number[];
  readonly amounts: number[];
}

/** The `k`-th flow of `grid`: its whole periods, the remaining days as a fraction of a year, its float time. */
function setGridFlow(
  grid: GridColumns,
  k: number,
  amount: number,
  wholePeriods: number,
  remainingDays: number,
  yearDays: number,
): void {
  const perYear = grid.periodsPerUnit;
  grid.wholes[k] = wholePeriods;
  grid.amounts[k] = amount;
  // float-ok: the solver's times, each one division of exact integers: the nearest double to the exact time
  if (remainingDays === 0) {
    grid.fractions[k] = 0;
    grid.times[k] = wholePeriods / perYear; // float-ok: as above
  } else {
    grid.fractions[k] = remainingDays / yearDays; // float-ok: as above
    grid.times[k] = (wholePeriods * yearDays + perYear * remainingDays) / (perYear * yearDays); // float-ok: as above
  }
}
