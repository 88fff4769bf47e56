// Due dates of a schedule (docs/reference/schedule-rules.md §2). Every date is computed from one anchor,
// never by chaining, so month-end anchors survive short months (31 Jan → 29 Feb → 31 Mar).
import { addDays, addMonthsAnchored, type DayNumber } from "../core/calendar-date.ts";
import { assert, fail } from "../core/errors.ts";
import type { Period, Terms, TimeUnit } from "./terms.ts";

export interface Periods {
  /** Start of each period: the disbursement date, then the previous due date. */
  readonly startDays: readonly DayNumber[];
  readonly dueDays: readonly DayNumber[];
  /** Where period 1 would start if it were regular; differs from the disbursement when it is broken. */
  readonly regularStartDay: DayNumber;
}

/** Builds the periods of a loan: n due dates, strictly increasing, after the disbursement. */
export function buildPeriods(terms: Terms): Periods {
  const n = terms.installmentCount;
  const dueDays: DayNumber[] = new Array(n);
  let regularStartDay: DayNumber;
  if (terms.period.kind === "per-term") {
    const span = addUnits(terms.disbursementDay, terms.period.term.unit, terms.period.term.every) - terms.disbursementDay;
    for (let i = 1; i <= n; i++) dueDays[i - 1] = terms.disbursementDay + Math.floor((i * span) / terms.period.times);
    regularStartDay = terms.disbursementDay;
  } else {
    const anchor = terms.firstDueDay ?? terms.disbursementDay;
    const offset = terms.firstDueDay === undefined ? 0 : -1;
    for (let i = 1; i <= n; i++) dueDays[i - 1] = pointAt(terms.period, anchor, i + offset);
    regularStartDay = pointAt(terms.period, anchor, offset);
  }
  const startDays: DayNumber[] = new Array(n);
  let previous = terms.disbursementDay;
  for (let i = 0; i < n; i++) {
    const due = dueDays[i] as DayNumber;
    if (due <= previous) {
      fail("INVALID_TERMS", "period", periodLabel(terms.period), dueDateClashMessage(i, terms));
    }
    startDays[i] = previous;
    previous = due;
  }
  return { startDays, dueDays, regularStartDay };
}

/** The m-th point of the period's sequence from the anchor (m may be negative). */
export function pointAt(period: Period, anchor: DayNumber, m: number): DayNumber {
  switch (period.kind) {
    case "every":
      return addUnits(anchor, period.unit, m * period.every);
    case "times": {
      const blockMonths = period.per === "month" ? 1 : 12;
      const q = Math.floor(m / period.times);
      const j = m - q * period.times;
      const blockStart = addMonthsAnchored(anchor, q * blockMonths);
      const blockEnd = addMonthsAnchored(anchor, (q + 1) * blockMonths);
      return blockStart + Math.floor((j * (blockEnd - blockStart)) / period.times);
    }
    case "per-term":
      assert(false, "pointAt is not defined for per-term periods");
      return anchor;
  }
}

function addUnits(day: DayNumber, unit: TimeUnit, count: number): DayNumber {
  switch (unit) {
    case "day":
      return addDays(day, count);
    case "week":
      return addDays(day, 7 * count);
    case "month":
      return addMonthsAnchored(day, count);
    case "year":
      return addMonthsAnchored(day, 12 * count);
  }
}

function periodLabel(period: Period): unknown {
  return period.kind === "every" ? { every: period.every, unit: period.unit } : period;
}

function dueDateClashMessage(index: number, terms: Terms): string {
  return index === 0
    ? "gives a first due date on or before the disbursement date"
    : `gives installments ${index} and ${index + 1} the same due date; use fewer points per period or fewer installments (${terms.installmentCount})`;
}
