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
import { civilFromDay, type DayNumber, daysInMonth, formatIsoDate } from "../core/calendar-date.ts";
import { fail, type Issue, TenorError } from "../core/errors.ts";
import { compareRatio, type Ratio, ratio, ratioToNumber } from "../core/ratio.ts";
import { amountIssue, amountToNumber } from "./cash-flows.ts";
import { countingDayOfMonth, maxDayOfMonth, monthsBefore, wholeMonthsBack } from "./count-back.ts";
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
  const single = distinctDays(advances).length === 1 && distinctDays(payments).length === 1;
  const chosen = single
    ? singlePaymentUnit(input, advances, payments, termStartDay)
    : multiPaymentUnit(input, advances, payments, termStartDay);
  const { unit } = chosen;
  const advanceDom = maxDayOfMonth(advances.map((flow) => flow.day));
  // A single payment has no series: the start of the term tells whether it falls on a month end like it.
  const paymentDom = maxDayOfMonth([...payments.map((flow) => flow.day), ...(single ? [termStartDay] : [])]);
  const advanceTimings = advances.map((flow) => ({
    ...flow,
    ...timing(unit, termStartDay, flow.day, countingDayOfMonth(flow.day, advanceDom), false),
  }));
  const paymentTimings = payments.map((flow) => ({
    ...flow,
    ...timing(unit, termStartDay, flow.day, countingDayOfMonth(flow.day, paymentDom), true),
  }));
  const { rate, iterations } = solve(advanceTimings, paymentTimings);
  const perYear = unitPeriodsPerYear(unit);
  const aprPercent = rate * ratioToNumber(perYear) * 100;
  const irregularities = single ? [] : findIrregularities(unit, advances, payments);
  return {
    aprPercent,
    aprText: percentText(aprPercent, 2),
    unitPeriodRate: rate,
    unitPeriod: unit,
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

function sortByDay(flows: readonly RegZFlow[]): RegZFlow[] {
  return flows
    .map((flow) => ({ day: flow.day, amountMinor: flow.amountMinor }))
    .sort((a, b) => a.day - b.day);
}

function distinctDays(flows: readonly RegZFlow[]): DayNumber[] {
  return [...new Set(flows.map((flow) => flow.day))];
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
  readonly key: string;
  readonly unit: Exclude<RegZUnitPeriod, { kind: "term" }>;
  readonly nominalDays: Ratio;
}

const SEMIMONTH: Candidate = { key: "semimonth", unit: { kind: "semimonth" }, nominalDays: ratio(365n, 24n) };
const dayCandidate = (days: number): Candidate => ({
  key: `day:${days}`,
  unit: { kind: "day", days },
  nominalDays: ratio(BigInt(days), 1n),
});
const weekCandidate = (weeks: number): Candidate => ({
  key: `week:${weeks}`,
  unit: { kind: "week", weeks },
  nominalDays: ratio(BigInt(7 * weeks), 1n),
});
const monthCandidate = (months: number): Candidate => ({
  key: `month:${months}`,
  unit: { kind: "month", months },
  nominalDays: ratio(BigInt(365 * months), 12n),
});

/** The standard intervals of (b)(3)(iii), in increasing length. */
const STANDARD_INTERVALS: readonly Candidate[] = [
  dayCandidate(1),
  ...Array.from({ length: 52 }, (_, k) => weekCandidate(k + 1)),
  SEMIMONTH,
  ...Array.from({ length: 12 }, (_, k) => monthCandidate(k + 1)),
].sort((a, b) => compareRatio(a.nominalDays, b.nominalDays));

/** (b)(4)(i): the most frequent common period, else the average period rounded to a standard interval. */
function multiPaymentUnit(
  input: RegZAprInput,
  advances: readonly RegZFlow[],
  payments: readonly RegZFlow[],
  start: DayNumber,
): ChosenUnit {
  if (input.unitPeriod !== undefined) {
    checkGivenUnit(input.unitPeriod);
    return { unit: input.unitPeriod, rule: "given" };
  }
  const periods = [...periodsOf(start, distinctDays(advances)), ...periodsOf(start, distinctDays(payments))];
  const counts = new Map<string, { candidate: Candidate; count: number }>();
  for (const [from, to] of periods) {
    for (const candidate of candidatesOf(from, to)) {
      const entry = counts.get(candidate.key);
      if (entry === undefined) counts.set(candidate.key, { candidate, count: 1 });
      else entry.count += 1;
    }
  }
  let best: { candidate: Candidate; count: number } | undefined;
  for (const entry of counts.values()) {
    if (entry.count < 2) continue;
    if (
      best === undefined ||
      entry.count > best.count ||
      (entry.count === best.count &&
        compareRatio(entry.candidate.nominalDays, best.candidate.nominalDays) < 0)
    ) {
      best = entry;
    }
  }
  if (best !== undefined) return { unit: best.candidate.unit, rule: "common-period" };
  return { unit: nearestStandardInterval(periods).unit, rule: "average-period" };
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

/** (b)(3)(i): from the start of the term to the first flow after it, then between consecutive flows. */
function periodsOf(start: DayNumber, days: readonly DayNumber[]): [DayNumber, DayNumber][] {
  const periods: [DayNumber, DayNumber][] = [];
  let previous = start;
  for (const day of days) {
    if (day > previous) periods.push([previous, day]);
    previous = day;
  }
  return periods;
}

/** The unit-periods the period [from, to] is one of: k days or k weeks, a semimonth, k months. */
function candidatesOf(from: DayNumber, to: DayNumber): Candidate[] {
  const days = to - from;
  const found: Candidate[] = [];
  if (days % 7 === 0 && days / 7 <= 52) found.push(weekCandidate(days / 7));
  else if (days <= 365) found.push(dayCandidate(days));
  if (isSemimonth(from, to)) found.push(SEMIMONTH);
  const months = monthsApart(from, to);
  if (months !== undefined && months <= 12) found.push(monthCandidate(months));
  return found;
}

/** (b)(4)(i)(B): the standard interval nearest the average period; the lower one when exactly between two. */
function nearestStandardInterval(periods: readonly [DayNumber, DayNumber][]): Candidate {
  const total = periods.reduce((sum, [from, to]) => sum + (to - from), 0);
  const average = ratio(BigInt(total), BigInt(periods.length));
  let best = STANDARD_INTERVALS[0] as Candidate;
  let bestDistance = distance(average, best.nominalDays);
  for (const candidate of STANDARD_INTERVALS) {
    const d = distance(average, candidate.nominalDays);
    if (compareRatio(d, bestDistance) < 0) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function distance(a: Ratio, b: Ratio): Ratio {
  const num = a.num * b.den - b.num * a.den;
  return ratio(num < 0n ? -num : num, a.den * b.den);
}

/** Whole months from `a` to `b` when `b` is on the same day of month as `a` (month ends per (b)(3)(iv)). */
function monthsApart(a: DayNumber, b: DayNumber): number | undefined {
  const ca = civilFromDay(a);
  const cb = civilFromDay(b);
  const months = (cb.year - ca.year) * 12 + (cb.month - ca.month);
  if (months < 1) return undefined;
  const aLast = ca.day === daysInMonth(ca.year, ca.month);
  const bLast = cb.day === daysInMonth(cb.year, cb.month);
  const sameDay = ca.day === cb.day || (aLast && (bLast || cb.day > ca.day)) || (bLast && cb.day < ca.day);
  return sameDay ? months : undefined;
}

/** Half a month: 13–17 days that are 14–16 days on the 30-day-month calendar (month ends count as the 30th). */
function isSemimonth(a: DayNumber, b: DayNumber): boolean {
  const days = b - a;
  if (days < 13 || days > 17) return false;
  const ca = civilFromDay(a);
  const cb = civilFromDay(b);
  const day30 = (year: number, month: number, day: number): number =>
    day === daysInMonth(year, month) || day > 30 ? 30 : day;
  const days30 =
    (cb.year - ca.year) * 360 +
    (cb.month - ca.month) * 30 +
    (day30(cb.year, cb.month, cb.day) - day30(ca.year, ca.month, ca.day));
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

/** t and f of a flow on `day`, counted back to `start`; `dayOfMonth` is the day months are counted back from. */
function timing(
  unit: RegZUnitPeriod,
  start: DayNumber,
  day: DayNumber,
  dayOfMonth: number,
  isPayment: boolean,
): { t: number; f: Ratio } {
  if (day <= start) return { t: 0, f: ratio(0n, 1n) };
  switch (unit.kind) {
    case "day":
      return split(day - start, unit.days);
    case "week":
      return split(day - start, 7 * unit.weeks);
    case "semimonth": {
      const back = wholeMonthsBack(day, start, dayOfMonth);
      return split(30 * back.months + (back.reached - start), 15);
    }
    case "month": {
      const back = wholeMonthsBack(day, start, dayOfMonth);
      if (unit.months < 12) return split(30 * back.months + (back.reached - start), 30 * unit.months);
      // (b)(5)(v): whole years back, then whole months / 12 or days / 365.
      const years = Math.floor(back.months / 12);
      if (back.reached === start) return { t: years, f: ratio(BigInt(back.months - 12 * years), 12n) };
      const yearsReached = years === 0 ? day : monthsBefore(day, 12 * years, dayOfMonth);
      return { t: years, f: ratio(BigInt(yearsReached - start), 365n) };
    }
    case "term":
      // (b)(5)(vi), (vii): the payment is one unit-period after the start; an advance within the term a fraction.
      return isPayment
        ? { t: 1, f: ratio(0n, 1n) }
        : { t: 0, f: ratio(BigInt(day - start), BigInt(unit.days)) };
  }
}

function split(days: number, daysPerUnit: number): { t: number; f: Ratio } {
  const t = Math.floor(days / daysPerUnit);
  return { t, f: ratio(BigInt(days - t * daysPerUnit), BigInt(daysPerUnit)) };
}

// ---------------------------------------------------------------------------------------------------------------
// The general equation, (b)(8)

interface Term {
  readonly amount: number;
  readonly t: number;
  readonly f: number;
}

/** Solves the general equation for i > −1 (advances minus payments, both discounted, is zero). */
function solve(
  advances: readonly RegZTiming[],
  payments: readonly RegZTiming[],
): { rate: number; iterations: number } {
  const toTerm = (timing: RegZTiming): Term => ({
    amount: amountToNumber(timing.amountMinor),
    t: timing.t,
    f: ratioToNumber(timing.f),
  });
  const advanceTerms = advances.map(toTerm);
  const paymentTerms = payments.map(toTerm);
  const presentValue = (terms: readonly Term[], i: number): number => {
    let sum = 0;
    for (const { amount, t, f } of terms) {
      // float-ok: the general equation is solved in floating point; the unit-period rate is checked to 1e-12
      sum += amount / ((1 + f * i) * (1 + i) ** t);
    }
    return sum;
  };
  // d/di of A / ((1 + f·i)(1 + i)^t) is −A·(f / (1 + f·i) + t / (1 + i)) / ((1 + f·i)(1 + i)^t).
  const slope = (terms: readonly Term[], i: number): number => {
    let sum = 0;
    for (const { amount, t, f } of terms) {
      // float-ok: derivative for the Newton steps of the same float solver
      sum -= (amount * (f / (1 + f * i) + t / (1 + i))) / ((1 + f * i) * (1 + i) ** t);
    }
    return sum;
  };
  const equation = (i: number): number => presentValue(advanceTerms, i) - presentValue(paymentTerms, i);
  const derivative = (i: number): number => slope(advanceTerms, i) - slope(paymentTerms, i);
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

// ---------------------------------------------------------------------------------------------------------------
// §1026.22(a)(3): regular or irregular

function findIrregularities(
  unit: RegZUnitPeriod,
  advances: readonly RegZFlow[],
  payments: readonly RegZFlow[],
): RegZIrregularity[] {
  const found: RegZIrregularity[] = [];
  if (distinctDays(advances).length > 1) found.push("multiple-advances");
  // Payments on the same day are one payment; the first period (start to first payment) may be irregular.
  const totals = new Map<DayNumber, bigint>();
  for (const flow of payments) totals.set(flow.day, (totals.get(flow.day) ?? 0n) + BigInt(flow.amountMinor));
  const days = [...totals.keys()];
  for (let k = 1; k < days.length; k++) {
    if (!isUnitApart(unit, days[k - 1] as DayNumber, days[k] as DayNumber)) {
      found.push("irregular-payment-periods");
      break;
    }
  }
  // Every payment but the first and the last is the same amount.
  const amounts = [...totals.values()].slice(1, -1);
  if (amounts.some((amount) => amount !== amounts[0])) found.push("irregular-payment-amounts");
  return found;
}

function isUnitApart(unit: RegZUnitPeriod, a: DayNumber, b: DayNumber): boolean {
  switch (unit.kind) {
    case "day":
      return b - a === unit.days;
    case "week":
      return b - a === 7 * unit.weeks;
    case "semimonth":
      return isSemimonth(a, b);
    case "month":
      return monthsApart(a, b) === unit.months;
    case "term":
      return true;
  }
}
