/**
 * US Regulation Z annual percentage rate of a closed-end credit transaction by the ACTUARIAL method of
 * 12 CFR 1026 Appendix J (the method §1026.22(a)(1) points to; the United States Rule method is not implemented).
 * Paragraph numbers below are Appendix J's; docs/reference/effective-rates.md explains the rules for users.
 *
 * - (b)(1) The APR is the nominal rate: the unit-period rate i times the number w of unit-periods in a year.
 * - (b)(2) The term begins at consummation — or later, on the date the finance charge begins to be earned
 *   (`termStartDay`; default: the first advance) — and ends at the last payment (or a later advance).
 * - (b)(3) A period is the interval between advances, between payments, and from the start of the term to the first
 *   advance or payment after it; a common period is one that occurs more than once; the standard intervals are a
 *   day, a week, a semimonth, a month, or a multiple of a week or of a month up to one year; all months are equal.
 * - (b)(4) The unit-period is the common period, not over a year, that occurs most frequently — the smaller of
 *   two as frequent; with no common period, the average of all periods rounded to the nearest standard interval
 *   (the lower when exactly between two). In a single advance, single payment transaction it is the term, at most
 *   a year.
 * - (b)(5) Time from the start of the term to each advance and payment, COUNTED BACK from the advance or payment:
 *   whole unit-periods t plus a fraction f. Month-based unit-periods count whole months back (month ends per
 *   (b)(3)(iv): count-back.ts), then the remaining days; the days are 30 per month: a monthly unit-period has
 *   f = remaining days / 30; a semimonthly or multi-month one converts months to 30 days each and divides the total
 *   by 15 or 30·k. Days, weeks and multiples divide the days by the days per unit-period. A yearly unit-period counts
 *   whole years back; the remainder is whole months / 12 when it is a whole number of months, else days / 365.
 *   Unit-periods per year: 365 (day), 52/k (k weeks), 24 (semimonth), 12/k (k months). A single advance, single
 *   payment transaction shorter than a year has one unit-period (t = 1) and w = 12 / months when the term is a
 *   whole number of months (or, at the creditor's choice, 365 / days: `singlePaymentTerm: "days"`), else
 *   365 / days ((b)(5)(vi), (vii)).
 * - (b)(6) The rate for a fraction f of a unit-period is f·i: simple interest, so the discount factor of a flow is
 *   (1 + f·i)(1 + i)^t — not (1 + i)^(t + f).
 * - (b)(8) General equation: Σ A_k / ((1 + e_k·i)(1 + i)^q_k) = Σ P_j / ((1 + f_j·i)(1 + i)^t_j), advances A_k at
 *   (q_k, e_k), payments P_j at (t_j, f_j).
 * - (b)(9) Any iteration is allowed if the APR rounded to two decimals is right: i is found by Brent's method with
 *   Newton steps (solve-root.ts) to 1e-12, i.e. the APR to about w·1e-10 percentage points.
 *
 * Interpretations where the appendix is silent (docs/reference/effective-rates.md lists them): a repeated period of
 * k days that is no standard interval (k not 1 nor a multiple of 7) is a common period too, with 365/k unit-periods
 * a year; a semimonth is a period of 13–17 days that is 14–16 days on the 30-day-month calendar (1st–15th and
 * 15th–1st, as well as 1st–16th); a flow on the last day of a short month is counted back from the largest day of
 * month of its series (count-back.ts).
 *
 * Cost: the APR is computed for every schedule document (and thousands of times per property test), so the work
 * per flow is kept small: each flow is placed in its month once (`monthColumns`) and counted back with integer
 * arithmetic (`countBackTo`); periods are tallied in arrays; the exact f stays in the result, while the solver
 * works on float columns built in the same pass, evaluates the equation and its derivative together in a loop
 * without calls or allocation, and — when the advances all come first, so the root is unique — starts next to the
 * root instead of at 1 %.
 */
import { civilFromDay, type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import { fail, TenorError } from "../core/errors.ts";
import { compareRatio, type Ratio, ratio, ratioToNumber } from "../core/ratio.ts";
import { amountToNumber, DAY_POSITION, flowSideIssues } from "./cash-flows.ts";
import {
  type CountBack,
  countBackTo,
  countingDayOfMonth,
  countingDayOfMonthIn,
  type MonthColumns,
  maxDayOfMonthIn,
  monthColumns,
  monthsBefore,
  wholeMonthsBack,
} from "./count-back.ts";
import { percentText } from "./percent-text.ts";
import { findBracket, solveRoot } from "./solve-root.ts";

/** An advance or a payment: a day and a positive amount in minor units. */
export interface RegZFlow {
  readonly day: DayNumber;
  readonly amountMinor: bigint | number;
}

/**
 * The unit-period. `day` with `days: 1` is the standard day; other `days` are a repeated non-standard period.
 * `month` with `months: 12` is the year. `term` is the term of a single advance, single payment transaction shorter
 * than a year, in days, with `months` when the unit-periods per year are 12 / months.
 */
export type RegZUnitPeriod =
  | { readonly kind: "day"; readonly days: number }
  | { readonly kind: "week"; readonly weeks: number }
  | { readonly kind: "semimonth" }
  | { readonly kind: "month"; readonly months: number }
  | { readonly kind: "term"; readonly days: number; readonly months?: number };

export interface RegZAprInput {
  readonly advances: readonly RegZFlow[];
  readonly payments: readonly RegZFlow[];
  /** (b)(2): when the finance charge begins to be earned, if later than consummation; default: the first advance. */
  readonly termStartDay?: DayNumber;
  /** Overrides the unit-period of (b)(4) (not for a single advance, single payment transaction). */
  readonly unitPeriod?: Exclude<RegZUnitPeriod, { kind: "term" }>;
  /** (b)(5)(vi): a single-payment term of whole months counts 12/months ("months", default) or 365/days a year. */
  readonly singlePaymentTerm?: "months" | "days";
}

/** Where a flow sits: t whole unit-periods and the fraction f of one after the start of the term ((b)(5)). */
export interface RegZTiming {
  readonly day: DayNumber;
  readonly amountMinor: bigint | number;
  readonly t: number;
  /** Exact: 19/30 is 19 remaining days of a monthly unit-period. */
  readonly f: Ratio;
}

/** §1026.22(a)(3): the features that make a transaction irregular (tolerance 1/4 instead of 1/8 point). */
export type RegZIrregularity =
  | "multiple-advances"
  | "irregular-payment-periods"
  | "irregular-payment-amounts";

export interface RegZAprResult {
  /** The APR in percent, unrounded: w · i · 100. */
  readonly aprPercent: number;
  /** The APR rounded half up to two decimals, as the appendix's examples give it: "9.69". */
  readonly aprText: string;
  /** The rate per unit-period, i. */
  readonly unitPeriodRate: number;
  readonly unitPeriod: RegZUnitPeriod;
  /** How the unit-period was chosen: the most frequent common period, the average period, the term, or given. */
  readonly unitPeriodRule: "common-period" | "average-period" | "single-payment-term" | "given";
  /** w, exactly: 12, 24, 52, 365, 365/255 ... */
  readonly unitPeriodsPerYear: Ratio;
  readonly termStartDay: DayNumber;
  /** The advances (A_k at q_k, e_k) and payments (P_j at t_j, f_j) in day order. */
  readonly advances: readonly RegZTiming[];
  readonly payments: readonly RegZTiming[];
  /** Root-finder iterations. */
  readonly iterations: number;
  /** §1026.22(a)(3): no irregularity; the APR is then accurate within 1/8 of a point, otherwise 1/4. */
  readonly regular: boolean;
  readonly irregularities: readonly RegZIrregularity[];
}

/** The Regulation Z APR of `input` by the actuarial method of Appendix J (see the module comment). */
export function regZApr(input: RegZAprInput): RegZAprResult {
  const { advances, payments, termStartDay } = validate(input);
  // Every flow is placed in its month once: the unit-period, the count back and the regularity test all use it.
  const advanceMonths = monthColumns(advances);
  const paymentMonths = monthColumns(payments);
  const start = monthColumns([{ day: termStartDay }]);
  const single = distinctDayCount(advances) === 1 && distinctDayCount(payments) === 1;
  const chosen = single
    ? singlePaymentUnit(input, advances, payments, termStartDay)
    : multiPaymentUnit(input, start, advanceMonths, paymentMonths);
  const { unit } = chosen;
  const back = countBackTo(termStartDay);
  const advanceDom = maxDayOfMonthIn(advanceMonths);
  // A single payment has no series: the start of the term tells whether it falls on a month end like it.
  const paymentDom = Math.max(maxDayOfMonthIn(paymentMonths), single ? back.originDayOfMonth : 0);
  // The solver's terms are collected as the flows are timed, in the same pass.
  const terms = equationTerms(advances.length + payments.length);
  const advanceTimings = timings(unit, back, advances, advanceMonths, advanceDom, false, terms);
  const paymentTimings = timings(unit, back, payments, paymentMonths, paymentDom, true, terms);
  const { rate, iterations } = solve(terms, payments.length, advancesFirst(advanceTimings, paymentTimings));
  const perYear = unitPeriodsPerYear(unit);
  const aprPercent = rate * ratioToNumber(perYear) * 100;
  const irregularities = single
    ? []
    : findIrregularities(unit, advances, payments, paymentMonths, chosen.regularPayments);
  return {
    aprPercent,
    aprText: percentText(aprPercent, 2),
    unitPeriodRate: rate,
    unitPeriod: { ...unit },
    unitPeriodRule: chosen.rule,
    unitPeriodsPerYear: perYear,
    termStartDay,
    advances: advanceTimings,
    payments: paymentTimings,
    iterations,
    regular: irregularities.length === 0,
    irregularities,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

interface Validated {
  readonly advances: readonly RegZFlow[];
  readonly payments: readonly RegZFlow[];
  readonly termStartDay: DayNumber;
}

function validate(input: RegZAprInput): Validated {
  const issues = flowSideIssues(
    [
      ["advances", input.advances],
      ["payments", input.payments],
    ],
    DAY_POSITION,
  );
  if (input.termStartDay !== undefined && !Number.isSafeInteger(input.termStartDay)) {
    issues.push({
      field: "termStartDay",
      value: input.termStartDay,
      message: "must be a day number (an integer)",
    });
  }
  if (issues.length > 0) throw new TenorError("INVALID_CASH_FLOWS", issues);

  const advances = sortByDay(input.advances);
  const payments = sortByDay(input.payments);
  const firstAdvance = (advances[0] as RegZFlow).day;
  const termStartDay = input.termStartDay ?? firstAdvance;
  // An advance before a later start of the term (finance charge earned from a later date) is timed at the start.
  if ((payments[0] as RegZFlow).day < termStartDay) {
    const early = payments.map((flow, i) => [flow, i] as const).filter(([flow]) => flow.day < termStartDay);
    throw new TenorError(
      "INVALID_CASH_FLOWS",
      early.map(([flow, i]) => ({
        field: `payments[${i}].day`,
        value: formatIsoDate(flow.day),
        message: `must not precede the start of the term, ${formatIsoDate(termStartDay)} (Appendix J (b)(2))`,
      })),
    );
  }
  const lastPayment = (payments[payments.length - 1] as RegZFlow).day;
  if (lastPayment <= termStartDay) {
    fail(
      "INVALID_CASH_FLOWS",
      "payments",
      formatIsoDate(lastPayment),
      `needs a payment after the start of the term, ${formatIsoDate(termStartDay)}`,
    );
  }
  return { advances, payments, termStartDay };
}

/** The flows in day order (stable); the input itself when it is in order already, as a schedule's flows are. */
function sortByDay(flows: readonly RegZFlow[]): readonly RegZFlow[] {
  for (let k = 1; k < flows.length; k++) {
    if ((flows[k] as RegZFlow).day < (flows[k - 1] as RegZFlow).day) {
      return [...flows].sort((a, b) => a.day - b.day);
    }
  }
  return flows;
}

/** Distinct days among flows in day order. */
function distinctDayCount(flows: readonly RegZFlow[]): number {
  let count = 0;
  for (let k = 0; k < flows.length; k++) {
    if (k === 0 || (flows[k] as RegZFlow).day !== (flows[k - 1] as RegZFlow).day) count++;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------------------------
// The unit-period, (b)(3) and (b)(4)

interface ChosenUnit {
  readonly unit: RegZUnitPeriod;
  readonly rule: RegZAprResult["unitPeriodRule"];
  /**
   * Whether every period between consecutive payment days is one unit-period, when the tally already tells
   * (the unit is one of the periods it counted); undefined for a given unit.
   */
  readonly regularPayments?: boolean;
}

/** (b)(4)(ii), (b)(5)(v)–(vii): a single advance, single payment transaction. */
function singlePaymentUnit(
  input: RegZAprInput,
  advances: readonly RegZFlow[],
  payments: readonly RegZFlow[],
  start: DayNumber,
): ChosenUnit {
  if (input.unitPeriod !== undefined) {
    fail(
      "INVALID_ARGUMENT",
      "unitPeriod",
      input.unitPeriod.kind,
      "cannot be given for a single advance, single payment transaction: its unit-period is its term (Appendix J (b)(4)(ii))",
    );
  }
  const paymentDay = (payments[0] as RegZFlow).day;
  // Whole months from a month end to a shorter month's end count too (31 January to 28 February).
  const back = wholeMonthsBack(paymentDay, start, countingDayOfMonth(paymentDay, civilFromDay(start).day));
  if (back.months >= 12) return { unit: { kind: "month", months: 12 }, rule: "single-payment-term" };
  const days = paymentDay - start;
  const wholeMonths = back.reached === start && back.months > 0;
  const advanceAtStart = (advances[0] as RegZFlow).day === start;
  if (wholeMonths && advanceAtStart && (input.singlePaymentTerm ?? "months") === "months") {
    return { unit: { kind: "term", days, months: back.months }, rule: "single-payment-term" };
  }
  return { unit: { kind: "term", days }, rule: "single-payment-term" };
}

/** A standard interval (or a repeated k-day period) with the nominal length that orders them. */
interface Candidate {
  /** Its place in `CANDIDATES`: k days, k weeks, the semimonth and k months get distinct small integers. */
  readonly index: number;
  readonly unit: Exclude<RegZUnitPeriod, { kind: "term" }>;
  readonly nominalDays: Ratio;
}

// Periods are tallied per candidate in an array, not a map keyed by strings: 360 payments make 360 periods.
// k days (1–365) are at DAY_BASE + k, k weeks (1–52) at WEEK_BASE + k, k months (1–12) at MONTH_BASE + k.
const DAY_BASE = -1;
const WEEK_BASE = 364;
const SEMIMONTH_INDEX = 417;
const MONTH_BASE = 417;
const CANDIDATE_COUNT = 430;
/** The candidates made so far, by index: made on first use, then shared (they are immutable). */
const CANDIDATES: (Candidate | undefined)[] = [];

function remember(entry: Candidate): Candidate {
  CANDIDATES[entry.index] = Object.freeze(entry);
  return entry;
}

const semimonthCandidate = (): Candidate =>
  CANDIDATES[SEMIMONTH_INDEX] ??
  remember({ index: SEMIMONTH_INDEX, unit: { kind: "semimonth" }, nominalDays: ratio(365n, 24n) });
const dayCandidate = (days: number): Candidate =>
  CANDIDATES[DAY_BASE + days] ??
  remember({ index: DAY_BASE + days, unit: { kind: "day", days }, nominalDays: ratio(BigInt(days), 1n) });
const weekCandidate = (weeks: number): Candidate =>
  CANDIDATES[WEEK_BASE + weeks] ??
  remember({
    index: WEEK_BASE + weeks,
    unit: { kind: "week", weeks },
    nominalDays: ratio(BigInt(7 * weeks), 1n),
  });
const monthCandidate = (months: number): Candidate =>
  CANDIDATES[MONTH_BASE + months] ??
  remember({
    index: MONTH_BASE + months,
    unit: { kind: "month", months },
    nominalDays: ratio(BigInt(365 * months), 12n),
  });

/** The standard intervals of (b)(3)(iii), in increasing length. */
const STANDARD_INTERVALS: readonly Candidate[] = [
  dayCandidate(1),
  ...Array.from({ length: 52 }, (_, k) => weekCandidate(k + 1)),
  semimonthCandidate(),
  ...Array.from({ length: 12 }, (_, k) => monthCandidate(k + 1)),
].sort((a, b) => compareRatio(a.nominalDays, b.nominalDays));

/**
 * How often each candidate (by index) occurs among the periods, and the candidates in the order first seen; the
 * same for the periods between consecutive payment days alone (`pairCounts`, `pairs`), which tells whether the
 * payments are one unit-period apart (§1026.22(a)(3)) without looking at them again.
 */
interface Tally {
  readonly counts: number[];
  readonly seen: number[];
  readonly pairCounts: number[];
  pairs: number;
  /** Sum of the periods' lengths in days, and their number: the average period of (b)(4)(i)(B). */
  totalDays: number;
  periods: number;
}

/** (b)(4)(i): the most frequent common period, else the average period rounded to a standard interval. */
function multiPaymentUnit(
  input: RegZAprInput,
  start: MonthColumns,
  advances: MonthColumns,
  payments: MonthColumns,
): ChosenUnit {
  if (input.unitPeriod !== undefined) {
    checkGivenUnit(input.unitPeriod);
    return { unit: input.unitPeriod, rule: "given" };
  }
  const tally: Tally = {
    counts: new Array<number>(CANDIDATE_COUNT).fill(0),
    seen: [],
    pairCounts: new Array<number>(CANDIDATE_COUNT).fill(0),
    pairs: 0,
    totalDays: 0,
    periods: 0,
  };
  tallyPeriods(tally, start, advances, false);
  tallyPeriods(tally, start, payments, true);
  let best: Candidate | undefined;
  let bestCount = 1;
  // Ties go to the shorter period; equal lengths (365 days and 12 months) to the one seen first.
  for (const index of tally.seen) {
    const count = tally.counts[index] as number;
    if (count < bestCount) continue;
    const entry = candidateAt(index);
    if (count > bestCount || (best !== undefined && compareRatio(entry.nominalDays, best.nominalDays) < 0)) {
      best = entry;
      bestCount = count;
    }
  }
  const chosen = best ?? nearestStandardInterval(tally.totalDays, tally.periods);
  return {
    unit: chosen.unit,
    rule: best === undefined ? "average-period" : "common-period",
    regularPayments: tally.pairCounts[chosen.index] === tally.pairs,
  };
}

/** The candidate of an index of `CANDIDATES`. */
function candidateAt(index: number): Candidate {
  if (index <= DAY_BASE + 365) return dayCandidate(index - DAY_BASE);
  if (index <= WEEK_BASE + 52) return weekCandidate(index - WEEK_BASE);
  return index === SEMIMONTH_INDEX ? semimonthCandidate() : monthCandidate(index - MONTH_BASE);
}

function checkGivenUnit(unit: Exclude<RegZUnitPeriod, { kind: "term" }>): void {
  const count =
    unit.kind === "day"
      ? unit.days
      : unit.kind === "week"
        ? unit.weeks
        : unit.kind === "month"
          ? unit.months
          : 1;
  const max = unit.kind === "day" ? 365 : unit.kind === "week" ? 52 : unit.kind === "month" ? 12 : 1;
  if (!Number.isSafeInteger(count) || count < 1 || count > max) {
    fail(
      "INVALID_ARGUMENT",
      "unitPeriod",
      unit,
      `must count 1 to ${max} ${unit.kind}s (a unit-period is at most a year)`,
    );
  }
}

/**
 * (b)(3)(i): the period from the start of the term to the first of `flows` (in day order) when it is later, then
 * the periods between consecutive distinct days — each tallied under the unit-periods it is one of. `payments`:
 * the periods between payment days are also tallied as pairs.
 */
function tallyPeriods(tally: Tally, start: MonthColumns, flows: MonthColumns, payments: boolean): void {
  const { day, monthIndex, dayOfMonth, monthLength } = flows;
  if (day.length === 0) return;
  if ((day[0] as DayNumber) > (start.day[0] as DayNumber)) {
    tally.totalDays += (day[0] as DayNumber) - (start.day[0] as DayNumber);
    tally.periods += 1;
    countPeriod(tally, start, 0, flows, 0, false);
  }
  // The previous day and its place in its month are carried along: each day is read once.
  let from = day[0] as DayNumber;
  let fromMonth = monthIndex[0] as number;
  let fromDay = dayOfMonth[0] as number;
  let fromLast = fromDay === monthLength[0];
  let totalDays = 0;
  let periods = 0;
  for (let j = 1; j < day.length; j++) {
    const to = day[j] as DayNumber;
    if (to === from) continue;
    const toMonth = monthIndex[j] as number;
    const toDay = dayOfMonth[j] as number;
    const toLast = toDay === monthLength[j];
    totalDays += to - from;
    periods += 1;
    count(tally, lengthCandidate(to - from), payments);
    if (isSemimonthApart(to - from, toMonth - fromMonth, fromDay, fromLast, toDay, toLast)) {
      count(tally, SEMIMONTH_INDEX, payments);
    }
    const months = sameDayMonths(toMonth - fromMonth, fromDay, fromLast, toDay, toLast);
    if (months !== undefined && months <= 12) count(tally, MONTH_BASE + months, payments);
    from = to;
    fromMonth = toMonth;
    fromDay = toDay;
    fromLast = toLast;
  }
  tally.totalDays += totalDays;
  tally.periods += periods;
  if (payments) tally.pairs += periods;
}

/** Tallies the period from the `i`-th day of `a` to the later `j`-th day of `b` (not a pair of payments). */
function countPeriod(
  tally: Tally,
  a: MonthColumns,
  i: number,
  b: MonthColumns,
  j: number,
  pair: boolean,
): void {
  count(tally, lengthCandidate((b.day[j] as DayNumber) - (a.day[i] as DayNumber)), pair);
  if (isSemimonth(a, i, b, j)) count(tally, SEMIMONTH_INDEX, pair);
  const months = monthsApart(a, i, b, j);
  if (months !== undefined && months <= 12) count(tally, MONTH_BASE + months, pair);
}

/** The candidate of a period of `days` days: k weeks (up to 52), else k days (up to 365), else none (−1). */
function lengthCandidate(days: number): number {
  return days <= 365 ? (LENGTH_CANDIDATES[days] as number) : -1;
}

/** `lengthCandidate` by days, 0–365, looked up: a division and a remainder per period cost more. */
const LENGTH_CANDIDATES: readonly number[] = Array.from({ length: 366 }, (_, days) =>
  days === 0 ? -1 : days % 7 === 0 && days <= 364 ? WEEK_BASE + days / 7 : DAY_BASE + days,
);

function count(tally: Tally, index: number, pair: boolean): void {
  if (index < 0) return;
  const { counts } = tally;
  if (counts[index] === 0) tally.seen.push(index);
  counts[index] = (counts[index] as number) + 1;
  if (pair) tally.pairCounts[index] = (tally.pairCounts[index] as number) + 1;
}

/** (b)(4)(i)(B): the standard interval nearest the average period; the lower one when exactly between two. */
function nearestStandardInterval(totalDays: number, periods: number): Candidate {
  const average = ratio(BigInt(totalDays), BigInt(periods));
  let best = STANDARD_INTERVALS[0] as Candidate;
  let bestDistance = distance(average, best.nominalDays);
  for (const entry of STANDARD_INTERVALS) {
    const d = distance(average, entry.nominalDays);
    if (compareRatio(d, bestDistance) < 0) {
      best = entry;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: Ratio, b: Ratio): Ratio {
  const num = a.num * b.den - b.num * a.den;
  return ratio(num < 0n ? -num : num, a.den * b.den);
}

/**
 * Whole months from the `i`-th day of `a` to the `j`-th of `b` when the latter is on the same day of month as the
 * former (month ends per (b)(3)(iv)).
 */
function monthsApart(a: MonthColumns, i: number, b: MonthColumns, j: number): number | undefined {
  const aDay = a.dayOfMonth[i] as number;
  const bDay = b.dayOfMonth[j] as number;
  const months = (b.monthIndex[j] as number) - (a.monthIndex[i] as number);
  return sameDayMonths(months, aDay, aDay === a.monthLength[i], bDay, bDay === b.monthLength[j]);
}

/**
 * `months` (calendar months from one day to another) when the days are on the same day of month — `aDay` and
 * `bDay`, `aLast` and `bLast` when on their month's last day — else undefined.
 */
function sameDayMonths(
  months: number,
  aDay: number,
  aLast: boolean,
  bDay: number,
  bLast: boolean,
): number | undefined {
  if (months < 1) return undefined;
  const sameDay = aDay === bDay || (aLast && (bLast || bDay > aDay)) || (bLast && bDay < aDay);
  return sameDay ? months : undefined;
}

/**
 * Half a month from the `i`-th day of `a` to the `j`-th of `b`: 13–17 days that are 14–16 days on the
 * 30-day-month calendar (month ends count as the 30th).
 */
function isSemimonth(a: MonthColumns, i: number, b: MonthColumns, j: number): boolean {
  const aDay = a.dayOfMonth[i] as number;
  const bDay = b.dayOfMonth[j] as number;
  return isSemimonthApart(
    (b.day[j] as number) - (a.day[i] as number),
    (b.monthIndex[j] as number) - (a.monthIndex[i] as number),
    aDay,
    aDay === a.monthLength[i],
    bDay,
    bDay === b.monthLength[j],
  );
}

/** `isSemimonth` of a period of `days` days, `months` calendar months apart, between the days of month given. */
function isSemimonthApart(
  days: number,
  months: number,
  aDay: number,
  aLast: boolean,
  bDay: number,
  bLast: boolean,
): boolean {
  if (days < 13 || days > 17) return false;
  const days30 = months * 30 + ((bLast || bDay > 30 ? 30 : bDay) - (aLast || aDay > 30 ? 30 : aDay));
  return days30 >= 14 && days30 <= 16;
}

/** w of (b)(5), exactly. */
function unitPeriodsPerYear(unit: RegZUnitPeriod): Ratio {
  switch (unit.kind) {
    case "day":
      return ratio(365n, BigInt(unit.days));
    case "week":
      return ratio(52n, BigInt(unit.weeks));
    case "semimonth":
      return ratio(24n, 1n);
    case "month":
      return ratio(12n, BigInt(unit.months));
    case "term":
      return unit.months === undefined ? ratio(365n, BigInt(unit.days)) : ratio(12n, BigInt(unit.months));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Time from the start of the term, (b)(5)

/**
 * The flows with their t and f, each also added to the solver's `terms`; `seriesDom` is their largest day of month
 * (count-back.ts).
 */
function timings(
  unit: RegZUnitPeriod,
  back: CountBack,
  flows: readonly RegZFlow[],
  months: MonthColumns,
  seriesDom: number,
  isPayment: boolean,
  terms: EquationTerms,
): RegZTiming[] {
  const perUnit = daysPerUnit(unit);
  const counted30 = unit.kind === "semimonth" || unit.kind === "month";
  const { origin, days30 } = back;
  const placed = new Array<RegZTiming>(flows.length);
  const sign = isPayment ? -1 : 1;
  // The grid terms are written here with the count in a local (the flows off the grid go through `addTerm`).
  const { gridAmounts, gridWholes } = terms;
  let grid = terms.gridCount;
  for (let k = 0; k < flows.length; k++) {
    const { day, amountMinor } = flows[k] as RegZFlow;
    const monthIndex = months.monthIndex[k] as number;
    const dayOfMonth = countingDayOfMonthIn(months, k, seriesDom);
    let timed: RegZTiming;
    if (perUnit === undefined || day <= origin) {
      const { t, f } = timing(unit, back, day, monthIndex, dayOfMonth, isPayment);
      timed = { day, amountMinor, t, f };
    } else {
      // The common case inline: days, or whole months back (30 days each) and then days, in unit-periods.
      const elapsed = counted30 ? days30(day, monthIndex, dayOfMonth) : day - origin;
      const t = Math.floor(elapsed / perUnit);
      timed = { day, amountMinor, t, f: fraction(elapsed - t * perUnit, perUnit) };
    }
    placed[k] = timed;
    if (timed.f === ZERO) {
      gridAmounts[grid] = sign * amountToNumber(amountMinor); // float-ok: the equation is solved in floating point
      gridWholes[grid++] = timed.t;
    } else {
      terms.gridCount = grid;
      addTerm(terms, timed, sign);
      grid = terms.gridCount;
    }
  }
  terms.gridCount = grid;
  return placed;
}

/**
 * The unit-period in days when t and f are whole unit-periods and the rest over its days — 30-day months for
 * the month-based ones ((b)(5)(i)–(iv)); undefined for the year and the term.
 */
function daysPerUnit(unit: RegZUnitPeriod): number | undefined {
  switch (unit.kind) {
    case "day":
      return unit.days;
    case "week":
      return 7 * unit.weeks;
    case "semimonth":
      return 15;
    case "month":
      return unit.months < 12 ? 30 * unit.months : undefined;
    case "term":
      return undefined;
  }
}

/**
 * t and f of a flow on `day` (in the month `monthIndex`), counted back to the start of the term; `dayOfMonth` is
 * the day months are counted back from.
 */
function timing(
  unit: RegZUnitPeriod,
  back: CountBack,
  day: DayNumber,
  monthIndex: number,
  dayOfMonth: number,
  isPayment: boolean,
): { t: number; f: Ratio } {
  const start = back.origin;
  if (day <= start) return { t: 0, f: ZERO };
  const perUnit = daysPerUnit(unit);
  switch (unit.kind) {
    case "day":
    case "week":
      return split(day - start, perUnit as number);
    case "semimonth":
      return split(back.days30(day, monthIndex, dayOfMonth), 15);
    case "month": {
      if (perUnit !== undefined) return split(back.days30(day, monthIndex, dayOfMonth), perUnit);
      // (b)(5)(v): whole years back, then whole months / 12 or days / 365.
      const months = back.months(day, monthIndex, dayOfMonth);
      const years = Math.floor(months / 12);
      if (back.reached(day, monthIndex, months, dayOfMonth) === start) {
        return { t: years, f: fraction(months - 12 * years, 12) };
      }
      const yearsReached = years === 0 ? day : monthsBefore(day, 12 * years, dayOfMonth);
      return { t: years, f: fraction(yearsReached - start, 365) };
    }
    case "term":
      // (b)(5)(vi), (vii): the payment is one unit-period after the start; an advance within the term a fraction.
      return isPayment ? { t: 1, f: ZERO } : { t: 0, f: fraction(day - start, unit.days) };
  }
}

/** f = 0, shared: flows on the unit-period grid (nearly all of a schedule's) need no Ratio of their own. */
const ZERO: Ratio = Object.freeze(ratio(0n, 1n));

function fraction(num: number, den: number): Ratio {
  return num === 0 ? ZERO : ratio(BigInt(num), BigInt(den));
}

function split(days: number, daysPerUnit: number): { t: number; f: Ratio } {
  const t = Math.floor(days / daysPerUnit);
  return { t, f: fraction(days - t * daysPerUnit, daysPerUnit) };
}

// ---------------------------------------------------------------------------------------------------------------
// The general equation, (b)(8)

/**
 * Solves the general equation for i > −1 (advances minus payments, both discounted, is zero). `uniqueRoot` when
 * every advance comes no later than every payment: the equation then has one root, and the search may start
 * next to it (`bracketNear`); otherwise the bracket is searched from 1 % outwards, which decides the root.
 */
function solve(
  terms: EquationTerms,
  paymentCount: number,
  uniqueRoot: boolean,
): { rate: number; iterations: number } {
  finishTerms(terms);
  const { equation, derivative } = generalEquation(terms);
  const bracket =
    (uniqueRoot ? bracketNear(equation, derivative, newtonGuess(terms)) : undefined) ??
    findBracket(equation, { guess: 0.01, min: MIN_UNIT_RATE, max: MAX_UNIT_RATE });
  const root =
    bracket === undefined
      ? undefined
      : solveRoot(equation, { low: bracket[0], high: bracket[1], derivative });
  if (root === undefined) {
    fail(
      "RATE_NOT_CONVERGED",
      "payments",
      paymentCount,
      `no rate per unit-period between ${MIN_UNIT_RATE} and ${MAX_UNIT_RATE} makes the advances equal the payments (Appendix J (b)(8))`,
    );
  }
  return { rate: root.root, iterations: root.iterations };
}

/**
 * The equation's root is unique when no advance comes after a payment in the order of (t, f): each later flow's
 * discount factor then falls against each earlier one's as i grows, so the equation over the factor of the last
 * advance is increasing. (Flows at the same t and f just add up.) This is the order of the days, but for flows on
 * the same day counted back on different days of month.
 */
function advancesFirst(advances: readonly RegZTiming[], payments: readonly RegZTiming[]): boolean {
  let last = advances[0] as RegZTiming;
  for (const advance of advances) if (isLater(advance, last)) last = advance;
  for (const payment of payments) if (isLater(last, payment)) return false;
  return true;
}

function isLater(a: RegZTiming, b: RegZTiming): boolean {
  return a.t !== b.t ? a.t > b.t : compareRatio(a.f, b.f) > 0;
}

/** One Newton step from i = 0, Σ a / Σ a·(t + f): near the root (below it, for a loan). */
function newtonGuess(terms: EquationTerms): number {
  const guess = terms.total / terms.timeWeighted; // float-ok: a starting point for the float solver
  return Number.isFinite(guess) ? Math.min(MAX_UNIT_RATE, Math.max(MIN_UNIT_RATE, guess)) : 0.01;
}

/**
 * A bracket around the root from a guess next to it: the Newton step from the guess, then 1.5, 6, 24 … times it
 * until the sign changes (irr.ts searches the same way); undefined after 8 tries. Two or three evaluations where
 * `findBracket` from 1 % takes three and leaves a bracket the root finder needs twice as many steps to close.
 */
function bracketNear(
  equation: (i: number) => number,
  derivative: (i: number) => number,
  guess: number,
): readonly [number, number] | undefined {
  const atGuess = equation(guess);
  if (atGuess === 0) return [guess, guess];
  const step = -atGuess / derivative(guess); // float-ok: the float solver's Newton step
  if (!Number.isFinite(step) || step === 0) return undefined;
  let previous = guess;
  let distance = 1.5 * step; // float-ok: as above
  for (let k = 0; k < 8; k++) {
    // float-ok: the float solver's trial rates
    const i = Math.min(MAX_UNIT_RATE, Math.max(MIN_UNIT_RATE, guess + distance));
    if (i === previous) return undefined;
    const value = equation(i);
    if (Number.isNaN(value)) return undefined;
    if (value === 0) return [i, i];
    if (value > 0 !== atGuess > 0) return i < guess ? [i, previous] : [previous, i];
    previous = i;
    distance *= 4; // float-ok: as above
  }
  return undefined;
}

/** The search range of the unit-period rate: above −100 % (where the discount factors are defined) up to 10⁶ %. */
const MIN_UNIT_RATE = -0.999999;
const MAX_UNIT_RATE = 10_000;

/**
 * Σ A_k / ((1 + e_k·i)(1 + i)^q_k) − Σ P_j / ((1 + f_j·i)(1 + i)^t_j) and its derivative in i, for the solver.
 *
 * The solver evaluates both at ten rates or so, so everything that does not depend on i is done once here: the
 * amounts (advances positive, payments negative), t and f as plain numbers. One pass per rate gives the value and
 * the derivative together (the solver asks for the derivative where it has just asked for the value), without
 * allocating; the last few rates are remembered, as the solver starts from the bracket's ends it has just
 * evaluated. The derivative of A / ((1 + f·i)(1 + i)^t) is −A·(f / (1 + f·i) + t / (1 + i)) / (…).
 */
function generalEquation(terms: EquationTerms): {
  equation: (i: number) => number;
  derivative: (i: number) => number;
} {
  // The last REMEMBERED evaluations, each [i, value, derivative], overwritten in turn.
  const memory = Array.from({ length: REMEMBERED }, () => [Number.NaN, 0, 0]);
  let next = 0;
  const at = (i: number): number[] => {
    for (const entry of memory) if (entry[0] === i) return entry;
    const entry = memory[next] as number[];
    next = (next + 1) % REMEMBERED;
    evaluate(terms, i, entry);
    return entry;
  };
  return { equation: (i) => at(i)[1] as number, derivative: (i) => at(i)[2] as number };
}

/** Evaluations remembered: the bracket's two ends and the latest points. */
const REMEMBERED = 4;

/**
 * The flows as the solver needs them, in two parts: those on the unit-period grid (f = 0: nearly all of a
 * schedule's), amount and t, in order (advances, then payments); and the few with a fraction f. The rest is set
 * by `finishTerms` once all the flows are in.
 */
interface EquationTerms {
  readonly gridAmounts: number[];
  readonly gridWholes: number[];
  gridCount: number;
  readonly oddAmounts: number[];
  readonly oddWholes: number[];
  readonly oddFractions: number[];
  /** Whether `sumWalking` does the grid: t going up in small steps, as a schedule's do (else `sumExp`). */
  walkable: boolean;
  /** Σ a and Σ a·(t + f), for `newtonGuess`. */
  total: number;
  timeWeighted: number;
}

/** Room for `n` flows. */
function equationTerms(n: number): EquationTerms {
  return {
    // Plain arrays filled by index: a Float64Array of this size costs more to allocate than the whole fill.
    gridAmounts: new Array<number>(n),
    gridWholes: new Array<number>(n),
    gridCount: 0,
    oddAmounts: [],
    oddWholes: [],
    oddFractions: [],
    walkable: true,
    total: 0,
    timeWeighted: 0,
  };
}

/** Adds a flow, its amount times `sign` (advances +1, payments −1). */
function addTerm(terms: EquationTerms, flow: RegZTiming, sign: number): void {
  const { t, f } = flow;
  const amount = sign * amountToNumber(flow.amountMinor); // float-ok: the equation is solved in floating point
  // ZERO, shared, is checked by identity first: comparing bigints costs more.
  if (f === ZERO || f.num === 0n) {
    terms.gridAmounts[terms.gridCount] = amount;
    terms.gridWholes[terms.gridCount++] = t;
  } else {
    terms.oddAmounts.push(amount);
    terms.oddWholes.push(t);
    terms.oddFractions.push(ratioToNumber(f)); // float-ok: f for the float solver
  }
}

/** Trims the grid to its flows and sets `walkable`, `total` and `timeWeighted`. */
function finishTerms(terms: EquationTerms): void {
  const { gridAmounts, gridWholes, gridCount, oddAmounts, oddWholes, oddFractions } = terms;
  gridAmounts.length = gridCount;
  gridWholes.length = gridCount;
  let steps = 0; // the multiplications `sumWalking` makes
  let previous = 0;
  let total = 0;
  let timeWeighted = 0;
  for (let k = 0; k < gridCount; k++) {
    const t = gridWholes[k] as number;
    steps += t < previous ? t : t - previous;
    previous = t;
    total += gridAmounts[k] as number; // float-ok: for the solver's starting point only
    timeWeighted += (gridAmounts[k] as number) * t; // float-ok: as above
  }
  for (let k = 0; k < oddAmounts.length; k++) {
    total += oddAmounts[k] as number; // float-ok: as above
    timeWeighted += (oddAmounts[k] as number) * ((oddWholes[k] as number) + (oddFractions[k] as number)); // float-ok: as above
  }
  terms.walkable = steps <= 4 * gridCount + 64;
  terms.total = total;
  terms.timeWeighted = timeWeighted;
}

/** The value and derivative at i into `into` = [i, value, derivative]. */
function evaluate(terms: EquationTerms, i: number, into: number[]): void {
  // float-ok: the general equation is solved in floating point; the unit-period rate is checked to 1e-12
  const v = 1 / (1 + i);
  const logV = -Math.log1p(i); // float-ok: same solver
  if (terms.walkable) sumWalking(terms.gridAmounts, terms.gridWholes, v, into);
  else sumExp(terms.gridAmounts, terms.gridWholes, logV, into);
  let sum = into[1] as number;
  let weighted = into[2] as number; // Σ t·term
  let fractional = 0; // Σ f/(1 + f·i)·term
  const { oddAmounts, oddWholes, oddFractions } = terms;
  for (let k = 0; k < oddAmounts.length; k++) {
    const t = oddWholes[k] as number;
    const f = oddFractions[k] as number;
    const simple = 1 / (1 + f * i); // float-ok: (b)(6) simple interest for the fraction, same solver
    const term = (oddAmounts[k] as number) * Math.exp(t * logV) * simple; // float-ok: same solver
    sum += term;
    weighted += term * t; // float-ok: same solver
    fractional += term * f * simple; // float-ok: same solver
  }
  into[0] = i;
  into[1] = sum;
  into[2] = -(weighted * v + fractional); // float-ok: same solver
}

/**
 * Σ A·(1 + i)^−t and Σ t·A·(1 + i)^−t over grid flows into `into[1]`, `into[2]`. The discount factor is carried
 * from flow to flow by multiplying by v = 1/(1 + i) — the t of each part go up 0, 1, 2, … — so the loop makes no
 * call at all (a call anywhere in it, even one not taken, makes it twice as slow).
 */
function sumWalking(amounts: readonly number[], wholes: readonly number[], v: number, into: number[]): void {
  let t = 0;
  let discount = 1;
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < amounts.length; k++) {
    const whole = wholes[k] as number;
    if (whole < t) {
      t = 0; // the payments after the advances, or t out of order
      discount = 1;
    }
    for (; t < whole; t++) discount *= v; // float-ok: (1 + i)^−t of the same solver
    const term = (amounts[k] as number) * discount; // float-ok: same solver
    sum += term;
    weighted += term * t; // float-ok: same solver
  }
  into[1] = sum;
  into[2] = weighted;
}

/** `sumWalking` for t in any order or far apart: (1 + i)^−t = exp(−t·log1p(i)) for each flow. */
function sumExp(amounts: readonly number[], wholes: readonly number[], logV: number, into: number[]): void {
  let sum = 0;
  let weighted = 0;
  for (let k = 0; k < amounts.length; k++) {
    const t = wholes[k] as number;
    const term = (amounts[k] as number) * Math.exp(t * logV); // float-ok: same solver
    sum += term;
    weighted += term * t; // float-ok: same solver
  }
  into[1] = sum;
  into[2] = weighted;
}

// ---------------------------------------------------------------------------------------------------------------
// §1026.22(a)(3): regular or irregular

/** §1026.22(a)(3); `regularPayments` when the unit-period's tally already tells (`ChosenUnit`). */
function findIrregularities(
  unit: RegZUnitPeriod,
  advances: readonly RegZFlow[],
  payments: readonly RegZFlow[],
  paymentMonths: MonthColumns,
  regularPayments: boolean | undefined,
): RegZIrregularity[] {
  const found: RegZIrregularity[] = [];
  if (distinctDayCount(advances) > 1) found.push("multiple-advances");
  // Payments on the same day are one payment; in day order they are neighbours. The first period (start to first
  // payment) may be irregular; every payment but the first and the last must be the same amount, so a day's total
  // is compared with the second day's once the next day shows that it was not the last.
  let periodsRegular = regularPayments ?? true;
  const checkPeriods = regularPayments === undefined;
  let amountsRegular = true;
  let daysBefore = 0; // payment days before the current one
  let firstOfDay = 0; // the current day's first flow
  let total: bigint | number = 0; // the current day's total
  let second: bigint | number = 0; // the second day's total
  for (let k = 0; k < payments.length; k++) {
    const { amountMinor } = payments[k] as RegZFlow;
    if (k > 0 && paymentMonths.day[k] === paymentMonths.day[k - 1]) {
      total = BigInt(total) + BigInt(amountMinor);
      continue;
    }
    if (k > 0) {
      if (daysBefore === 1) second = total;
      else if (daysBefore >= 2 && amountsRegular) amountsRegular = sameAmount(total, second);
      if (checkPeriods && periodsRegular) periodsRegular = isUnitApart(unit, paymentMonths, firstOfDay, k);
      daysBefore += 1;
    }
    firstOfDay = k;
    total = amountMinor;
  }
  if (!periodsRegular) found.push("irregular-payment-periods");
  if (!amountsRegular) found.push("irregular-payment-amounts");
  return found;
}

/** Equal amounts in minor units, a bigint or a safe-integer number (validated) either of them. */
function sameAmount(a: bigint | number, b: bigint | number): boolean {
  return typeof a === typeof b ? a === b : BigInt(a) === BigInt(b);
}

/** Whether the `i`-th and `j`-th days of `months` are one unit-period apart. */
function isUnitApart(unit: RegZUnitPeriod, months: MonthColumns, i: number, j: number): boolean {
  const days = (months.day[j] as number) - (months.day[i] as number);
  switch (unit.kind) {
    case "day":
      return days === unit.days;
    case "week":
      return days === 7 * unit.weeks;
    case "semimonth":
      return isSemimonth(months, i, months, j);
    case "month":
      return monthsApart(months, i, months, j) === unit.months;
    case "term":
      return true;
  }
}
