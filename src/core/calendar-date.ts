/**
 * Calendar dates without a time zone.
 *
 * A date is a `DayNumber`: the integer count of days since 1970-01-01 in the
 * proleptic Gregorian calendar (1970-01-01 is day 0, 1969-12-31 is day -1).
 * Plain integers make date arithmetic exact, cheap and independent of the
 * host's clock and time zone — nothing in this file touches `Date`.
 *
 * Conversions use Howard Hinnant's `days_from_civil` / `civil_from_days`
 * algorithms (http://howardhinnant.github.io/date_algorithms.html). They shift
 * the year to start on 1 March so that the leap day is the last day of the
 * shifted year, and work in 400-year eras of 146 097 days. `Math.floor` stands
 * in for C++'s truncating division so that negative day numbers work too.
 *
 * Invalid arguments (non-integers, month 13, 30 February, ...) are programmer
 * errors and throw a plain `Error`; user-supplied text goes through
 * `parseIsoDate`, which returns `undefined` instead so that the caller can
 * produce a proper user-facing error.
 */

/** Integer days since 1970-01-01 (proleptic Gregorian, no time zone). */
export type DayNumber = number;

/** A calendar date split into its parts; `month` is 1–12, `day` is 1–31. */
export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Days from 0000-03-01 (day 0 of Hinnant's era 0) to 1970-01-01. */
const DAYS_FROM_ERA_START_TO_EPOCH = 719_468;
/** Days in one 400-year Gregorian cycle. */
const DAYS_PER_ERA = 146_097;

/** Years accepted by `parseIsoDate`: wide enough for any loan, narrow enough to catch typos. */
const MIN_PARSE_YEAR = 1900;
const MAX_PARSE_YEAR = 2999;

/** Throws unless `value` is a safe integer; `what` names the value in the message. */
function assertSafeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new Error(`${what} must be a safe integer, got ${value}`);
  }
}

/** Whether `year` is a Gregorian leap year (divisible by 4, except centuries not divisible by 400). */
export function isLeapYear(year: number): boolean {
  assertSafeInteger(year, "year");
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days (28–31) in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  assertSafeInteger(month, "month");
  if (month < 1 || month > 12) {
    throw new Error(`month must be 1–12, got ${month}`);
  }
  if (month === 2) {
    return isLeapYear(year) ? 29 : 28;
  }
  // April, June, September and November have 30 days; the rest 31.
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Number of days (365 or 366) in `year`. */
export function daysInYear(year: number): number {
  return isLeapYear(year) ? 366 : 365;
}

/** The day number of the calendar date `year`-`month`-`day`; throws if the date does not exist. */
export function dayFromCivil(year: number, month: number, day: number): DayNumber {
  assertSafeInteger(year, "year");
  assertSafeInteger(day, "day");
  const monthLengthDays = daysInMonth(year, month); // also validates month
  if (day < 1 || day > monthLengthDays) {
    throw new Error(`day must be 1–${monthLengthDays} for ${year}-${month}, got ${day}`);
  }
  return daysFromValidCivil(year, month, day);
}

/** Hinnant's days_from_civil for a date known to exist. */
function daysFromValidCivil(year: number, month: number, day: number): DayNumber {
  // Years start on 1 March here, so January and February belong to the previous year.
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400; // [0, 399]
  const monthFromMarch = month > 2 ? month - 3 : month + 9; // [0, 11], March = 0
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1; // [0, 365]
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear; // [0, 146096]
  return era * DAYS_PER_ERA + dayOfEra - DAYS_FROM_ERA_START_TO_EPOCH;
}

/** The calendar date (year, month 1–12, day 1–31) of day number `d`. */
export function civilFromDay(d: DayNumber): CivilDate {
  assertSafeInteger(d, "day number");
  const daysSinceEraZero = d + DAYS_FROM_ERA_START_TO_EPOCH;
  const era = Math.floor(daysSinceEraZero / DAYS_PER_ERA);
  const dayOfEra = daysSinceEraZero - era * DAYS_PER_ERA; // [0, 146096]
  // Removes the leap days (every 4th year, except centuries, except the 400th) before dividing by 365.
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  ); // [0, 399]
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100)); // [0, 365]
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153); // [0, 11], March = 0
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1; // [1, 31]
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9; // [1, 12]
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** ISO weekday of `d`: 1 = Monday … 7 = Sunday. */
export function dayOfWeek(d: DayNumber): number {
  assertSafeInteger(d, "day number");
  // Day 0 (1970-01-01) was a Thursday, ISO weekday 4. The double modulo keeps negative days in range.
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

/** The date `n` days after `d` (`n` may be negative). */
export function addDays(d: DayNumber, n: number): DayNumber {
  assertSafeInteger(d, "day number");
  assertSafeInteger(n, "day count");
  return d + n;
}

/**
 * The date `months` calendar months after `anchorDay` (negative goes back),
 * keeping the anchor's day of month but clamping it to the target month's
 * length: from 31 Jan 2024, +1 → 29 Feb 2024, +2 → 31 Mar 2024, +3 → 30 Apr 2024.
 *
 * Always compute the k-th due date as `addMonthsAnchored(anchor, k)`; chaining
 * (+1 then +1) would lose the 31st after the first short month.
 */
export function addMonthsAnchored(anchorDay: DayNumber, months: number): DayNumber {
  assertSafeInteger(months, "months");
  return addMonthsToCivil(civilFromDay(anchorDay), months);
}

/**
 * `addMonthsAnchored` from an anchor already converted to a civil date: schedules convert the anchor once
 * and then compute every due date from it, without re-validating a date known to exist.
 */
export function addMonthsToCivil(anchor: CivilDate, months: number): DayNumber {
  // Counting months from year 0 makes the year carry a single floor division, also for negative steps.
  const targetMonthIndex = anchor.year * 12 + (anchor.month - 1) + months;
  const targetYear = Math.floor(targetMonthIndex / 12);
  const targetMonth = targetMonthIndex - targetYear * 12 + 1;
  const length = monthLength(targetYear, targetMonth);
  return daysFromValidCivil(targetYear, targetMonth, Math.min(anchor.day, length));
}

/**
 * `addMonthsAnchored(anchorDay, (firstIndex + k) · stepMonths)` for k = 0 … count − 1, computed by walking
 * month lengths instead of converting each date: a 360-installment schedule needs its dates in about a
 * microsecond. Equal to calling `addMonthsAnchored` for each (the tests check it).
 */
export function anchoredMonthDays(
  anchorDay: DayNumber,
  stepMonths: number,
  firstIndex: number,
  count: number,
): DayNumber[] {
  assertSafeInteger(stepMonths, "months");
  const anchor = civilFromDay(anchorDay);
  const monthIndex = anchor.year * 12 + (anchor.month - 1) + firstIndex * stepMonths;
  let year = Math.floor(monthIndex / 12);
  let month = monthIndex - year * 12 + 1;
  let firstOfMonth = daysFromValidCivil(year, month, 1);
  // Month lengths come from a table switched once a year: no leap-year arithmetic per date.
  const days: DayNumber[] = new Array(count);
  const dayOfMonth = anchor.day;
  let lengths = isLeapYear(year) ? LEAP_MONTH_LENGTHS : MONTH_LENGTHS;
  for (let k = 0; k < count; k++) {
    const length = lengths[month - 1] as number;
    days[k] = firstOfMonth + Math.min(dayOfMonth, length) - 1;
    for (let step = 0; step < stepMonths; step++) {
      firstOfMonth += lengths[month - 1] as number;
      month += 1;
      if (month === 13) {
        month = 1;
        year += 1;
        lengths = isLeapYear(year) ? LEAP_MONTH_LENGTHS : MONTH_LENGTHS;
      }
    }
  }
  return days;
}

const MONTH_LENGTHS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const LEAP_MONTH_LENGTHS: readonly number[] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLength(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The date `years` years after `anchorDay`, clamping 29 February to 28 February in common years. */
export function addYearsAnchored(anchorDay: DayNumber, years: number): DayNumber {
  assertSafeInteger(years, "years");
  return addMonthsAnchored(anchorDay, years * 12);
}

/** Strict `YYYY-MM-DD`: exactly four year digits, two month digits, two day digits. */
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a strict `YYYY-MM-DD` date with a year in 1900–2999 that exists in the
 * calendar. Returns `undefined` for anything else (other shapes, times, 2023-02-29, ...).
 */
export function parseIsoDate(text: string): DayNumber | undefined {
  const match = ISO_DATE_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }
  // Date digits (at most four) convert exactly.
  const year = Number(match[1]); // float-ok: at most four digits
  const month = Number(match[2]); // float-ok: two digits
  const day = Number(match[3]); // float-ok: two digits
  if (year < MIN_PARSE_YEAR || year > MAX_PARSE_YEAR || month < 1 || month > 12) {
    return undefined;
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return dayFromCivil(year, month, day);
}

/**
 * Formats `d` as `YYYY-MM-DD` (e.g. "2024-02-29"). Years outside 0000–9999 use
 * the ISO 8601 expanded form with a sign and six digits ("+010000-01-01"), as Temporal does.
 */
export function formatIsoDate(d: DayNumber): string {
  const { year, month, day } = civilFromDay(d);
  const yearText =
    year >= 0 && year <= 9999
      ? String(year).padStart(4, "0")
      : `${year < 0 ? "-" : "+"}${String(Math.abs(year)).padStart(6, "0")}`;
  return `${yearText}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
