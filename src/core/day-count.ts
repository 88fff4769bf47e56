/**
 * Day-count conventions: how many days a period [start, end) counts, and what
 * fraction of a year that is. The fraction is exact (a `Ratio`).
 *
 * A convention is two independent choices plus a tie-break for 30-day months:
 *
 * - `daysInMonth` — how days are counted.
 *   - "actual": calendar days, `end − start`.
 *   - 30: every month has 30 days:
 *     `360·(Y2 − Y1) + 30·(M2 − M1) + (D2 − D1)` after adjusting D1 and D2 by `thirtyRule`:
 *     - "us" (30/360 Bond Basis, ISDA 2006 §4.16(f)): if D1 = 31 then D1 = 30;
 *       then if D2 = 31 and D1 ≥ 30 (after adjusting D1), D2 = 30.
 *     - "eu" (30E/360 Eurobond Basis, ISDA 2006 §4.16(g)): if D1 = 31 then D1 = 30; if D2 = 31 then D2 = 30.
 *     There is NO end-of-February adjustment in either rule (unlike the SIA / "30/360 US" securities
 *     rule and 30E/360 ISDA §4.16(h)): 28 Feb 2023 → 31 Mar 2023 counts 33 days under "us".
 *     `thirtyRule` is ignored when `daysInMonth` is "actual" (and set to "us" by `dayCountFromName`).
 * - `daysInYear` — the year length that converts days into a year fraction.
 *   - 360, 364 or 365: `countDays / daysInYear` (365 is Actual/365 Fixed: leap years also use 365).
 *   - "actual" with actual days (Actual/Actual ISDA, §4.16(b)): the period is split at each 1 January;
 *     the days of each piece are divided by the length (365 or 366) of the calendar year the piece lies
 *     in, and the pieces are summed exactly.
 *   - "actual" with 30-day months (not a market standard, allowed for completeness): the 30-day count
 *     divided by the length (365 or 366) of the calendar year in which the period STARTS. Choosing the
 *     start year keeps a single period's fraction a single simple fraction.
 *
 * Named conventions (`DAY_COUNT_NAMES`):
 *   "30/360" = {360, 30, us}, "30E/360" = {360, 30, eu}, "actual/360" = {360, actual},
 *   "actual/364" = {364, actual}, "actual/365" = {365, actual} (Fixed), "actual/actual" = {actual, actual} (ISDA).
 *
 * A period with end < start is a programmer error and throws; start = end counts 0 days.
 */

import {
  daysInYear as calendarDaysInYear,
  civilFromDay,
  type DayNumber,
  dayFromCivil,
} from "./calendar-date.ts";
import { addRatio, type Ratio, ratio, ratioFromInt } from "./ratio.ts";

/** Year length used to turn counted days into a year fraction. */
export type DaysInYear = "actual" | 360 | 364 | 365;
/** Whether days are counted on the calendar ("actual") or with 30-day months. */
export type DaysInMonth = "actual" | 30;

/** A day-count convention; see the comment at the top of this file for the exact semantics. */
export interface DayCount {
  readonly daysInYear: DaysInYear;
  readonly daysInMonth: DaysInMonth;
  /** End-of-month rule for 30-day months; irrelevant (conventionally "us") when daysInMonth is "actual". */
  readonly thirtyRule: "us" | "eu";
}

/** The day-count conventions that can be named in loan terms. */
export const DAY_COUNT_NAMES = [
  "30/360",
  "30E/360",
  "actual/360",
  "actual/364",
  "actual/365",
  "actual/actual",
] as const;
/** One of `DAY_COUNT_NAMES`. */
export type DayCountName = (typeof DAY_COUNT_NAMES)[number];

const DAY_COUNTS_BY_NAME: Readonly<Record<DayCountName, DayCount>> = {
  "30/360": { daysInYear: 360, daysInMonth: 30, thirtyRule: "us" },
  "30E/360": { daysInYear: 360, daysInMonth: 30, thirtyRule: "eu" },
  "actual/360": { daysInYear: 360, daysInMonth: "actual", thirtyRule: "us" },
  "actual/364": { daysInYear: 364, daysInMonth: "actual", thirtyRule: "us" },
  "actual/365": { daysInYear: 365, daysInMonth: "actual", thirtyRule: "us" },
  "actual/actual": { daysInYear: "actual", daysInMonth: "actual", thirtyRule: "us" },
};

/** The convention behind a named day count, e.g. "30E/360" → {360, 30, eu}. */
export function dayCountFromName(name: DayCountName): DayCount {
  return DAY_COUNTS_BY_NAME[name];
}

/** Throws unless [start, end) is a valid period of whole days. */
function assertPeriod(start: DayNumber, end: DayNumber): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) {
    throw new Error(`period bounds must be integer day numbers, got ${start} and ${end}`);
  }
  if (end < start) {
    throw new Error(`period end (${end}) is before its start (${start})`);
  }
}

/** Days in [start, end) when every month has 30 days, adjusting 31st-of-month dates by `thirtyRule`. */
function countThirtyDayMonthDays(start: DayNumber, end: DayNumber, thirtyRule: "us" | "eu"): number {
  const from = civilFromDay(start);
  const to = civilFromDay(end);
  const startDay = Math.min(from.day, 30);
  // US: the end's 31st only becomes 30 when the start was already at the month end (30th or 31st).
  const endDay = to.day === 31 && (thirtyRule === "eu" || startDay === 30) ? 30 : to.day;
  return 360 * (to.year - from.year) + 30 * (to.month - from.month) + (endDay - startDay);
}

/** The number of days the convention counts in [start, end); throws if end < start. */
export function countDays(start: DayNumber, end: DayNumber, dc: DayCount): number {
  assertPeriod(start, end);
  return dc.daysInMonth === "actual" ? end - start : countThirtyDayMonthDays(start, end, dc.thirtyRule);
}

/** Actual/Actual ISDA: each calendar year's share of [start, end) over that year's length, summed. */
function actualActualIsdaYearFraction(start: DayNumber, end: DayNumber): Ratio {
  let fraction = ratioFromInt(0);
  let pieceStart = start;
  let year = civilFromDay(start).year;
  while (pieceStart < end) {
    const nextNewYear = dayFromCivil(year + 1, 1, 1);
    const pieceEnd = Math.min(end, nextNewYear);
    fraction = addRatio(fraction, ratio(BigInt(pieceEnd - pieceStart), BigInt(calendarDaysInYear(year))));
    pieceStart = pieceEnd;
    year += 1;
  }
  return fraction;
}

/** The exact year fraction of [start, end) under the convention; throws if end < start. */
export function yearFraction(start: DayNumber, end: DayNumber, dc: DayCount): Ratio {
  const daysCounted = countDays(start, end, dc);
  if (dc.daysInYear !== "actual") {
    return ratio(BigInt(daysCounted), BigInt(dc.daysInYear));
  }
  if (dc.daysInMonth === "actual") {
    return actualActualIsdaYearFraction(start, end);
  }
  // 30-day months over an actual year: divide by the length of the year the period starts in.
  return ratio(BigInt(daysCounted), BigInt(calendarDaysInYear(civilFromDay(start).year)));
}

/**
 * A human-readable name for explanations: the standard name with its variant for
 * the named conventions ("30/360 (US)", "30E/360", "actual/360", "actual/365 (Fixed)",
 * "actual/actual (ISDA)"); other combinations follow the same "<day counting>/<year length>"
 * order, e.g. "30/365 (US)", "30E/actual", "actual/364".
 */
export function describeDayCount(dc: DayCount): string {
  if (dc.daysInMonth === "actual") {
    switch (dc.daysInYear) {
      case "actual":
        return "actual/actual (ISDA)";
      case 365:
        return "actual/365 (Fixed)";
      default:
        return `actual/${dc.daysInYear}`;
    }
  }
  if (dc.thirtyRule === "eu") {
    return `30E/${dc.daysInYear}`;
  }
  return `30/${dc.daysInYear} (US)`;
}
