/**
 * Counting whole calendar months backwards from a date, as the regulatory rates do: Regulation Z Appendix J
 * (b)(5) ("the number of months measured back from the later date") and the EU APRC's remark (c) of Directive
 * 2014/17/EU Annex I and Directive (EU) 2023/2225 Annex III ("equal periods and then days shall be counted
 * backwards to the date of the initial drawdown").
 *
 * Month ends (Appendix J (b)(3)(iv)): "Full months shall be measured from any point in time on a given date of a
 * given month to the same point in time on the same date of another month. If a series of payments (or advances)
 * is scheduled for the last day of each month, months shall be measured from the last day of the given month to
 * the last day of another month. If payments (or advances) are scheduled for the 29th or 30th of each month, the
 * last day of February shall be used when applicable." A flow's "scheduled day of month" is therefore its own day,
 * except for a flow on the last day of a short month: that one belongs to a series scheduled for a later day (the
 * 29th, 30th or 31st) when another flow of its series falls on such a day — see `countingDayOfMonth`.
 *
 * The rates count back every flow of a schedule (360 for a 30-year mortgage) on every call, so besides the
 * one-date functions there is a bulk form: `monthColumns` places all the flows in their months in one pass, and
 * `countBackTo` counts back from such a place to a fixed earlier day with integer arithmetic alone.
 */
import { addMonthsToCivil, civilFromDay, type DayNumber, daysInMonth } from "../core/calendar-date.ts";

/** The largest day of month (1–31) among `days`; 0 for none. Pass the result to `countingDayOfMonth`. */
export function maxDayOfMonth(days: Iterable<DayNumber>): number {
  let max = 0;
  for (const day of days) {
    const dayOfMonth = civilFromDay(day).day;
    if (dayOfMonth > max) max = dayOfMonth;
  }
  return max;
}

/**
 * The day of month from which whole months are counted back from `day`: its own day of month, or — when `day` is
 * the last day of its month — the largest day of month of its series (`seriesMaxDayOfMonth`, from
 * `maxDayOfMonth`) if that is later. So 28 February in a series on the 31st counts back to 31 January, in a series
 * on the 30th to 30 January, in a series on the 28th to 28 January.
 */
export function countingDayOfMonth(day: DayNumber, seriesMaxDayOfMonth: number): number {
  const { year, month, day: dayOfMonth } = civilFromDay(day);
  return countingDay(dayOfMonth, daysInMonth(year, month), seriesMaxDayOfMonth);
}

/** `countingDayOfMonth` of a day known by its day of month and its month's length. */
function countingDay(dayOfMonth: number, monthLength: number, seriesMaxDayOfMonth: number): number {
  return dayOfMonth < monthLength ? dayOfMonth : Math.max(dayOfMonth, seriesMaxDayOfMonth);
}

/** The date `months` (≥ 0) calendar months before `day`, on `dayOfMonth` clamped to that month's length. */
export function monthsBefore(day: DayNumber, months: number, dayOfMonth: number): DayNumber {
  const { year, month } = civilFromDay(day);
  return addMonthsToCivil({ year, month, day: dayOfMonth }, -months);
}

/** Whole months counted back from `later` without passing `earlier`, and the date reached. */
export interface MonthsBack {
  readonly months: number;
  /** `monthsBefore(later, months, dayOfMonth)`: on or after `earlier`, less than a month after it. */
  readonly reached: DayNumber;
}

/**
 * The number of whole months that fit between `earlier` and `later` (`earlier` ≤ `later`) when counting back from
 * `later` on `dayOfMonth` (see `countingDayOfMonth`), and the date reached; the days from `earlier` to `reached`
 * are the remainder.
 */
export function wholeMonthsBack(later: DayNumber, earlier: DayNumber, dayOfMonth: number): MonthsBack {
  const { year, month } = civilFromDay(later);
  const back = countBackTo(earlier);
  const laterMonthIndex = year * 12 + month - 1;
  const months = back.months(later, laterMonthIndex, dayOfMonth);
  return { months, reached: back.reached(later, laterMonthIndex, months, dayOfMonth) };
}

// ---------------------------------------------------------------------------------------------------------------
// Many flows at once

/** Where each of a list of days falls in its month (parallel columns, one entry per day). */
export interface MonthColumns {
  readonly day: readonly DayNumber[];
  /** 12 · year + month − 1: months apart is a difference of these. */
  readonly monthIndex: readonly number[];
  /** 1–31. */
  readonly dayOfMonth: readonly number[];
  /** 28–31: the day is its month's last when `dayOfMonth` equals it. */
  readonly monthLength: readonly number[];
}

/** A walk of at most this many days goes month by month; a longer jump converts the date afresh. */
const MAX_WALK_DAYS = 400;

/**
 * The months of the `flows`' days. Days in ascending order (a schedule's) are placed by walking forward month by
 * month from the previous one, not converted one by one; any order gives the same result.
 */
export function monthColumns(flows: readonly { readonly day: DayNumber }[]): MonthColumns {
  const n = flows.length;
  // Filled by index, not pushed: no array grows and copies itself.
  const days = new Array<DayNumber>(n);
  const monthIndex = new Array<number>(n);
  const dayOfMonth = new Array<number>(n);
  const monthLength = new Array<number>(n);
  let first = 0; // the first day of the current month; `length` 0 before the first flow
  let length = 0;
  let year = 0;
  let month = 0;
  for (let k = 0; k < n; k++) {
    const day = (flows[k] as { readonly day: DayNumber }).day;
    if (length === 0 || day < first || day - first >= MAX_WALK_DAYS) {
      const civil = civilFromDay(day);
      year = civil.year;
      month = civil.month;
      length = daysInMonth(year, month);
      first = day - civil.day + 1;
    } else {
      while (day >= first + length) {
        first += length;
        month += 1;
        if (month === 13) {
          month = 1;
          year += 1;
        }
        length = month === 2 ? daysInMonth(year, 2) : (MONTH_LENGTHS[month - 1] as number);
      }
    }
    days[k] = day;
    monthIndex[k] = year * 12 + month - 1;
    dayOfMonth[k] = day - first + 1;
    monthLength[k] = length;
  }
  return { day: days, monthIndex, dayOfMonth, monthLength };
}

/** Month lengths in a common year (February is looked up by year). */
const MONTH_LENGTHS: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthLengthAt(monthIndex: number): number {
  const year = Math.floor(monthIndex / 12);
  return daysInMonth(year, monthIndex - 12 * year + 1);
}

/** The largest day of month in `columns` (`maxDayOfMonth` of its days); 0 for none. */
export function maxDayOfMonthIn(columns: MonthColumns): number {
  let max = 0;
  for (const dayOfMonth of columns.dayOfMonth) if (dayOfMonth > max) max = dayOfMonth;
  return max;
}

/** `countingDayOfMonth` of the `k`-th day of `columns`. */
export function countingDayOfMonthIn(columns: MonthColumns, k: number, seriesMaxDayOfMonth: number): number {
  return countingDay(columns.dayOfMonth[k] as number, columns.monthLength[k] as number, seriesMaxDayOfMonth);
}

/**
 * Counting back many flows to one earlier day (the start of the term, the first drawdown): the origin is placed in
 * its month once, and each count back is a few integer operations — closures over the origin's figures, which
 * the compiler inlines into the callers' loops. `later` comes with its month index (12 · year + month − 1, from
 * `monthColumns`) and the day of month to count back on (`countingDayOfMonth`). Counting back lands in the
 * origin's month or, when that passes the origin, in the month after.
 */
export interface CountBack {
  readonly origin: DayNumber;
  readonly originDayOfMonth: number;
  /** `wholeMonthsBack(later, origin, dayOfMonth).months`. */
  readonly months: (later: DayNumber, laterMonthIndex: number, dayOfMonth: number) => number;
  /** `wholeMonthsBack(later, origin, dayOfMonth).reached`, given its `months`. */
  readonly reached: (
    later: DayNumber,
    laterMonthIndex: number,
    months: number,
    dayOfMonth: number,
  ) => DayNumber;
  /** 30 · months + the days from the origin to `reached`: Appendix J (b)(5)(i)'s measure, in one step. */
  readonly days30: (later: DayNumber, laterMonthIndex: number, dayOfMonth: number) => number;
}

export function countBackTo(origin: DayNumber): CountBack {
  const { year, month, day: originDayOfMonth } = civilFromDay(origin);
  const originMonth = year * 12 + month - 1;
  const firstOfMonth = origin - originDayOfMonth + 1;
  const length = daysInMonth(year, month);
  const nextLength = monthLengthAt(originMonth + 1);
  const months = (later: DayNumber, laterMonthIndex: number, dayOfMonth: number): number => {
    const toSameMonth = laterMonthIndex - originMonth;
    if (later <= origin || toSameMonth === 0) return 0;
    return firstOfMonth + Math.min(dayOfMonth, length) - 1 >= origin ? toSameMonth : toSameMonth - 1;
  };
  const reached = (
    later: DayNumber,
    laterMonthIndex: number,
    count: number,
    dayOfMonth: number,
  ): DayNumber => {
    if (count === 0) return later;
    return laterMonthIndex - count === originMonth
      ? firstOfMonth + Math.min(dayOfMonth, length) - 1
      : firstOfMonth + length + Math.min(dayOfMonth, nextLength) - 1;
  };
  const days30 = (later: DayNumber, laterMonthIndex: number, dayOfMonth: number): number => {
    const toSameMonth = laterMonthIndex - originMonth;
    if (later <= origin || toSameMonth === 0) return later - origin;
    const there = firstOfMonth + Math.min(dayOfMonth, length) - 1;
    if (there >= origin) return 30 * toSameMonth + (there - origin);
    if (toSameMonth === 1) return later - origin;
    return 30 * (toSameMonth - 1) + (firstOfMonth + length + Math.min(dayOfMonth, nextLength) - 1 - origin);
  };
  return { origin, originDayOfMonth, months, reached, days30 };
}
