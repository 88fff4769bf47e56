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
 * only inside that root finder; the times are exact fractions (`years`).
 */
import { addMonthsAnchored, type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import { fail, type Issue, TenorError } from "../core/errors.ts";
import { addRatio, type Ratio, ratio, ratioToNumber } from "../core/ratio.ts";
import { amountIssue, amountToNumber } from "./cash-flows.ts";
import { countingDayOfMonth, maxDayOfMonth, monthsBefore, wholeMonthsBack } from "./count-back.ts";
import { irrAtTimes } from "./irr.ts";
import { percentText } from "./percent-text.ts";

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
  const firstDrawdownDay = Math.min(...input.drawdowns.map((flow) => flow.day));
  const timed = (flows: readonly EuFlow[]): EuAprcTiming[] => {
    const seriesDom = maxDayOfMonth(flows.map((flow) => flow.day));
    return [...flows]
      .sort((a, b) => a.day - b.day)
      .map((flow) => ({
        day: flow.day,
        amountMinor: flow.amountMinor,
        ...timeFromStart(timeBasis, firstDrawdownDay, flow.day, countingDayOfMonth(flow.day, seriesDom)),
      }));
  };
  const drawdowns = timed(input.drawdowns);
  const payments = timed(input.payments);
  const all = [...drawdowns, ...payments];
  const times = Float64Array.from(all, (flow) => ratioToNumber(flow.years));
  // Drawdowns negative, payments positive: the lender's view (the rate does not depend on it).
  const amounts = Float64Array.from(
    all,
    (flow, k) => (k < drawdowns.length ? -1 : 1) * amountToNumber(flow.amountMinor),
  );
  const result = irrAtTimes(times, amounts, { field: "flows" });
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
  const issues: Issue[] = [];
  for (const [field, flows] of [
    ["drawdowns", input.drawdowns],
    ["payments", input.payments],
  ] as const) {
    if (flows.length === 0) issues.push({ field, value: 0, message: "needs at least one flow" });
    flows.forEach((flow, i) => {
      if (!Number.isSafeInteger(flow.day)) {
        issues.push({
          field: `${field}[${i}].day`,
          value: flow.day,
          message: "must be a day number (an integer)",
        });
      }
      const amountProblem = amountIssue(flow.amountMinor, `${field}[${i}].amountMinor`);
      if (amountProblem !== undefined) issues.push(amountProblem);
      else if (typeof flow.amountMinor === "bigint" ? flow.amountMinor <= 0n : !(flow.amountMinor > 0)) {
        issues.push({
          field: `${field}[${i}].amountMinor`,
          value: flow.amountMinor,
          message: "must be positive",
        });
      }
    });
  }
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

/** Whole equal periods counted back from `day` towards `start`, then the remaining days over their year's length. */
function timeFromStart(
  basis: EuTimeBasis,
  start: DayNumber,
  day: DayNumber,
  dayOfMonth: number,
): Omit<EuAprcTiming, "day" | "amountMinor"> {
  let wholePeriods: number;
  let reached: DayNumber;
  if (basis === "weeks") {
    wholePeriods = Math.floor((day - start) / 7);
    reached = day - 7 * wholePeriods;
  } else {
    const back = wholeMonthsBack(day, start, dayOfMonth);
    wholePeriods = basis === "days" ? Math.floor(back.months / 12) : back.months;
    const months = basis === "days" ? 12 * wholePeriods : back.months;
    reached = months === 0 ? day : monthsBefore(day, months, dayOfMonth);
  }
  const remainingDays = reached - start;
  // The complete year counted back from the last remaining day to the same day of the previous year.
  const yearDays = reached - addMonthsAnchored(reached, -12);
  const years = addRatio(
    ratio(BigInt(wholePeriods), PERIODS_PER_YEAR[basis]),
    ratio(BigInt(remainingDays), BigInt(yearDays)),
  );
  return { years, wholePeriods, remainingDays, yearDays };
}
