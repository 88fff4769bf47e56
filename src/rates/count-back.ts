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
  if (dayOfMonth < daysInMonth(year, month)) return dayOfMonth;
  return Math.max(dayOfMonth, seriesMaxDayOfMonth);
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
  if (later <= earlier) return { months: 0, reached: later };
  const a = civilFromDay(earlier);
  const b = civilFromDay(later);
  // Counting back this many months lands in `earlier`'s month; one fewer lands in a later month, so after it.
  const toSameMonth = (b.year - a.year) * 12 + (b.month - a.month);
  const there = monthsBefore(later, toSameMonth, dayOfMonth);
  if (toSameMonth === 0 || there >= earlier)
    return { months: toSameMonth, reached: toSameMonth === 0 ? later : there };
  const months = toSameMonth - 1;
  return months === 0
    ? { months: 0, reached: later }
    : { months, reached: monthsBefore(later, months, dayOfMonth) };
}
