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
 */
import { civilFromDay, type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import { fail, type Issue, TenorError } from "../core/errors.ts";
import { compareRatio, type Ratio, ratio, ratioToNumber } from "../core/ratio.ts";
import { amountIssue, amountToNumber } from "./cash-flows.ts";
import {
  type CountBackOrigin,
  countBackOrigin,
  countingDayOfMonth,
  countingDayOfMonthIn,
  type MonthColumns,
  maxDayOfMonthIn,
  monthColumns,
  monthsBackFrom,
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
  const origin = countBackOrigin(termStartDay);
  const advanceDom = maxDayOfMonthIn(advanceMonths);
  // A single payment has no series: the start of the term tells whether it falls on a month end like it.
  const paymentDom = Math.max(maxDayOfMonthIn(paymentMonths), single ? origin.dayOfMonth : 0);
  const advanceTimings = timings(unit, origin, advances, advanceMonths, advanceDom, false);
  const paymentTimings = timings(unit, origin, payments, paymentMonths, paymentDom, true);
  const { rate, iterations } = solve(advanceTimings, paymentTimings);
  const perYear = unitPeriodsPerYear(unit);
  const aprPercent = rate * ratioToNumber(perYear) * 100;
  const irregularities = single ? [] : findIrregularities(unit, advances, payments, paymentMonths);
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
  const issues: Issue[] = [];
  for (const [field, flows] of [
    ["advances", input.advances],
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
      else if (!isPositiveInteger(flow.amountMinor)) {
        issues.push({
          field: `${field}[${i}].amountMinor`,
          value: flow.amountMinor,
          message: "must be a positive whole number of minor units",
        });
      }
    });
  }
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
  const early = payments.map((flow, i) => [flow, i] as const).filter(([flow]) => flow.day < termStartDay);
  if (early.length > 0) {
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

function isPositiveInteger(amount: bigint | number): boolean {
  return typeof amount === "bigint" ? amount > 0n : Number.isSafeInteger(amount) && amount > 0;
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
const DAY_INDEX = -1; // day k (1–365) at k − 1
const WEEK_INDEX = 364; // week k (1–52) at 364 + k
const SEMIMONTH_INDEX = 417;
const MONTH_INDEX = 417; // month k (1–12) at 417 + k
const CANDIDATE_COUNT = 430;
/** The candidates made so far, by index: made on first use, then shared (they are immutable). */
const CANDIDATES: (Candidate | undefined)[] = [];

function candidate(index: number, make: () => Omit<Candidate, "index">): Candidate {
  let found = CANDIDATES[index];
  if (found === undefined) {
    found = Object.freeze({ index, ...make() });
    CANDIDATES[index] = found;
  }
  return found;
}

const semimonthCandidate = (): Candidate =>
  candidate(SEMIMONTH_INDEX, () => ({ unit: { kind: "semimonth" }, nominalDays: ratio(365n, 24n) }));
const dayCandidate = (days: number): Candidate =>
  candidate(DAY_INDEX + days, () => ({ unit: { kind: "day", days }, nominalDays: ratio(BigInt(days), 1n) }));
const weekCandidate = (weeks: number): Candidate =>
  candidate(WEEK_INDEX + weeks, () => ({
    unit: { kind: "week", weeks },
    nominalDays: ratio(BigInt(7 * weeks), 1n),
  }));
const monthCandidate = (months: number): Candidate =>
  candidate(MONTH_INDEX + months, () => ({
    unit: { kind: "month", months },
    nominalDays: ratio(BigInt(365 * months), 12n),
  }));

/** The standard intervals of (b)(3)(iii), in increasing length. */
const STANDARD_INTERVALS: readonly Candidate[] = [
  dayCandidate(1),
  ...Array.from({ length: 52 }, (_, k) => weekCandidate(k + 1)),
  semimonthCandidate(),
  ...Array.from({ length: 12 }, (_, k) => monthCandidate(k + 1)),
].sort((a, b) => compareRatio(a.nominalDays, b.nominalDays));

/** How often each candidate occurs among the periods, in the order the candidates were first seen. */
interface Tally {
  readonly counts: Int32Array;
  readonly seen: Candidate[];
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
  const tally: Tally = { counts: new Int32Array(CANDIDATE_COUNT), seen: [], totalDays: 0, periods: 0 };
  tallyPeriods(tally, start, advances);
  tallyPeriods(tally, start, payments);
  let best: Candidate | undefined;
  let bestCount = 1;
  // Ties go to the shorter period; equal lengths (365 days and 12 months) to the one seen first.
  for (const entry of tally.seen) {
    const count = tally.counts[entry.index] as number;
    if (
      count > bestCount ||
      (count === bestCount && best !== undefined && compareRatio(entry.nominalDays, best.nominalDays) < 0)
    ) {
      best = entry;
      bestCount = count;
    }
  }
  if (best !== undefined) return { unit: best.unit, rule: "common-period" };
  return { unit: nearestStandardInterval(tally.totalDays, tally.periods).unit, rule: "average-period" };
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
 * (b)(3)(i): the periods from the start of the term to the first of the distinct days in `flows` (in day order)
 * after it, then between consecutive ones — each tallied under the unit-periods it is one of: k days or k weeks,
 * a semimonth, k months.
 */
function tallyPeriods(tally: Tally, start: MonthColumns, flows: MonthColumns): void {
  let from = start;
  let i = 0;
  for (let j = 0; j < flows.day.length; j++) {
    const to = flows.day[j] as DayNumber;
    const previous = from.day[i] as DayNumber;
    if (to === previous) continue;
    if (to > previous) {
      const days = to - previous;
      tally.totalDays += days;
      tally.periods += 1;
      if (days % 7 === 0 && days / 7 <= 52) count(tally, weekCandidate(days / 7));
      else if (days <= 365) count(tally, dayCandidate(days));
      if (isSemimonth(from, i, flows, j)) count(tally, semimonthCandidate());
      const months = monthsApart(from, i, flows, j);
      if (months !== undefined && months <= 12) count(tally, monthCandidate(months));
    }
    from = flows;
    i = j;
  }
}

function count(tally: Tally, entry: Candidate): void {
  if (tally.counts[entry.index] === 0) tally.seen.push(entry);
  tally.counts[entry.index] = (tally.counts[entry.index] as number) + 1;
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
  const months = (b.monthIndex[j] as number) - (a.monthIndex[i] as number);
  if (months < 1) return undefined;
  const aDay = a.dayOfMonth[i] as number;
  const bDay = b.dayOfMonth[j] as number;
  const aLast = aDay === a.monthLength[i];
  const bLast = bDay === b.monthLength[j];
  const sameDay = aDay === bDay || (aLast && (bLast || bDay > aDay)) || (bLast && bDay < aDay);
  return sameDay ? months : undefined;
}

/**
 * Half a month from the `i`-th day of `a` to the `j`-th of `b`: 13–17 days that are 14–16 days on the
 * 30-day-month calendar (month ends count as the 30th).
 */
function isSemimonth(a: MonthColumns, i: number, b: MonthColumns, j: number): boolean {
  const days = (b.day[j] as number) - (a.day[i] as number);
  if (days < 13 || days > 17) return false;
  const day30 = (columns: MonthColumns, k: number): number => {
    const day = columns.dayOfMonth[k] as number;
    return day === columns.monthLength[k] || day > 30 ? 30 : day;
  };
  const days30 =
    ((b.monthIndex[j] as number) - (a.monthIndex[i] as number)) * 30 + (day30(b, j) - day30(a, i));
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

/** The flows with their t and f; `seriesDom` is their largest day of month (count-back.ts). */
function timings(
  unit: RegZUnitPeriod,
  origin: CountBackOrigin,
  flows: readonly RegZFlow[],
  months: MonthColumns,
  seriesDom: number,
  isPayment: boolean,
): RegZTiming[] {
  const placed: RegZTiming[] = [];
  for (let k = 0; k < flows.length; k++) {
    const { day, amountMinor } = flows[k] as RegZFlow;
    const dayOfMonth = countingDayOfMonthIn(months, k, seriesDom);
    const { t, f } = timing(unit, origin, day, months.monthIndex[k] as number, dayOfMonth, isPayment);
    placed.push({ day, amountMinor, t, f });
  }
  return placed;
}

/**
 * t and f of a flow on `day` (in the month `monthIndex`), counted back to the start of the term; `dayOfMonth` is
 * the day months are counted back from.
 */
function timing(
  unit: RegZUnitPeriod,
  origin: CountBackOrigin,
  day: DayNumber,
  monthIndex: number,
  dayOfMonth: number,
  isPayment: boolean,
): { t: number; f: Ratio } {
  const start = origin.day;
  if (day <= start) return { t: 0, f: ZERO };
  switch (unit.kind) {
    case "day":
      return split(day - start, unit.days);
    case "week":
      return split(day - start, 7 * unit.weeks);
    case "semimonth": {
      const back = monthsBackFrom(origin, day, monthIndex, dayOfMonth);
      return split(30 * back.months + (back.reached - start), 15);
    }
    case "month": {
      const back = monthsBackFrom(origin, day, monthIndex, dayOfMonth);
      if (unit.months < 12) return split(30 * back.months + (back.reached - start), 30 * unit.months);
      // (b)(5)(v): whole years back, then whole months / 12 or days / 365.
      const years = Math.floor(back.months / 12);
      if (back.reached === start) return { t: years, f: fraction(back.months - 12 * years, 12) };
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

/** Solves the general equation for i > −1 (advances minus payments, both discounted, is zero). */
function solve(
  advances: readonly RegZTiming[],
  payments: readonly RegZTiming[],
): { rate: number; iterations: number } {
  const { equation, derivative } = generalEquation(advances, payments);
  const bracket = findBracket(equation, { guess: 0.01, min: MIN_UNIT_RATE, max: MAX_UNIT_RATE });
  const root =
    bracket === undefined
      ? undefined
      : solveRoot(equation, { low: bracket[0], high: bracket[1], derivative });
  if (root === undefined) {
    fail(
      "RATE_NOT_CONVERGED",
      "payments",
      payments.length,
      `no rate per unit-period between ${MIN_UNIT_RATE} and ${MAX_UNIT_RATE} makes the advances equal the payments (Appendix J (b)(8))`,
    );
  }
  return { rate: root.root, iterations: root.iterations };
}

/** The search range of the unit-period rate: above −100 % (where the discount factors are defined) up to 10⁶ %. */
const MIN_UNIT_RATE = -0.999999;
const MAX_UNIT_RATE = 10_000;

/**
 * Σ A_k / ((1 + e_k·i)(1 + i)^q_k) − Σ P_j / ((1 + f_j·i)(1 + i)^t_j) and its derivative in i, for the solver.
 *
 * The solver evaluates both at a dozen rates or so, so everything that does not depend on i is done once here: the
 * amounts (advances positive, payments negative), t and f as plain numbers. One pass per rate gives the value and
 * the derivative together (the solver asks for the derivative where it has just asked for the value), without
 * allocating. (1 + i)^−t comes from a table of the powers of 1/(1 + i) — t are whole unit-periods, usually
 * 0, 1, 2, … — built once per rate; only when the t are too sparse for a table (few flows far apart) is it
 * exp(−t·log1p(i)). The derivative of A / ((1 + f·i)(1 + i)^t) is −A·(f / (1 + f·i) + t / (1 + i)) / (…).
 */
function generalEquation(
  advances: readonly RegZTiming[],
  payments: readonly RegZTiming[],
): { equation: (i: number) => number; derivative: (i: number) => number } {
  const amounts: number[] = [];
  const wholes: number[] = [];
  const fractions: number[] = [];
  let maxWhole = 0;
  for (const [flows, sign] of [
    [advances, 1],
    [payments, -1],
  ] as const) {
    for (const flow of flows) {
      amounts.push(sign * amountToNumber(flow.amountMinor));
      wholes.push(flow.t);
      fractions.push(ratioToFloat(flow.f));
      if (flow.t > maxWhole) maxWhole = flow.t;
    }
  }
  const n = amounts.length;
  const powers = maxWhole <= 4 * n + 64 ? new Float64Array(maxWhole + 1) : undefined;
  let at = Number.NaN;
  let value = Number.NaN;
  let slope = Number.NaN;
  const evaluate = (i: number): void => {
    // float-ok: the general equation is solved in floating point; the unit-period rate is checked to 1e-12
    const v = 1 / (1 + i);
    const logV = -Math.log1p(i);
    if (powers !== undefined) {
      let power = 1;
      powers[0] = 1;
      for (let t = 1; t <= maxWhole; t++) {
        power *= v; // float-ok: (1 + i)^−t of the same float solver
        powers[t] = power;
      }
    }
    let sum = 0;
    let derivative = 0;
    for (let k = 0; k < n; k++) {
      const t = wholes[k] as number;
      const f = fractions[k] as number;
      // float-ok: discount factors and terms of the same float solver
      const discount = powers === undefined ? Math.exp(t * logV) : (powers[t] as number);
      if (f === 0) {
        const term = (amounts[k] as number) * discount; // float-ok: same solver
        sum += term;
        derivative -= term * t * v; // float-ok: same solver
      } else {
        const simple = 1 / (1 + f * i); // float-ok: (b)(6) simple interest for the fraction, same solver
        const term = (amounts[k] as number) * discount * simple; // float-ok: same solver
        sum += term;
        derivative -= term * (f * simple + t * v); // float-ok: same solver
      }
    }
    at = i;
    value = sum;
    slope = derivative;
  };
  return {
    equation: (i) => {
      if (i !== at) evaluate(i);
      return value;
    },
    derivative: (i) => {
      if (i !== at) evaluate(i);
      return slope;
    },
  };
}

/** f as a float for the solver: 0 without a bigint division for the flows on the grid. */
function ratioToFloat(f: Ratio): number {
  return f.num === 0n ? 0 : ratioToNumber(f);
}

// ---------------------------------------------------------------------------------------------------------------
// §1026.22(a)(3): regular or irregular

function findIrregularities(
  unit: RegZUnitPeriod,
  advances: readonly RegZFlow[],
  payments: readonly RegZFlow[],
  paymentMonths: MonthColumns,
): RegZIrregularity[] {
  const found: RegZIrregularity[] = [];
  if (distinctDayCount(advances) > 1) found.push("multiple-advances");
  // Payments on the same day are one payment (in day order, they are neighbours): the index of the first of each
  // day, and the day's total.
  const firsts: number[] = [];
  const totals: (bigint | number)[] = [];
  for (let k = 0; k < payments.length; k++) {
    const { day, amountMinor } = payments[k] as RegZFlow;
    if (k > 0 && day === (payments[k - 1] as RegZFlow).day) {
      const last = totals.length - 1;
      totals[last] = BigInt(totals[last] as bigint | number) + BigInt(amountMinor);
    } else {
      firsts.push(k);
      totals.push(amountMinor);
    }
  }
  // The first period (start to first payment) may be irregular.
  for (let g = 1; g < firsts.length; g++) {
    if (!isUnitApart(unit, paymentMonths, firsts[g - 1] as number, firsts[g] as number)) {
      found.push("irregular-payment-periods");
      break;
    }
  }
  // Every payment but the first and the last is the same amount.
  for (let g = 2; g < totals.length - 1; g++) {
    if (!sameAmount(totals[g] as bigint | number, totals[1] as bigint | number)) {
      found.push("irregular-payment-amounts");
      break;
    }
  }
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
