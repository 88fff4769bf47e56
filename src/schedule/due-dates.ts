// Due dates of a schedule (docs/reference/schedule-rules.md §2). Every date is computed from one anchor,
// never by chaining, so month-end anchors survive short months (31 Jan → 29 Feb → 31 Mar).
import {
  addDays,
  addMonthsAnchored,
  addMonthsToCivil,
  anchoredMonthDays,
  civilFromDay,
  type DayNumber,
} from "../core/calendar-date.ts";
import { assert, fail } from "../core/errors.ts";
import type { FixedPeriods, Period, Terms, TimeUnit } from "./terms.ts";

export interface Periods {
  readonly disbursementDay: DayNumber;
  readonly dueDays: readonly DayNumber[];
  /** Where period 1 would start if it were regular; differs from the disbursement when it is broken. */
  readonly regularStartDay: DayNumber;
}

/** Builds the periods of a loan: n due dates, strictly increasing, after the disbursement. */
export function buildPeriods(terms: Terms): Periods {
  const n = terms.installmentCount;
  if (terms.fixedPeriods !== undefined) return fixedPeriods(terms, terms.fixedPeriods);
  let dueDays: DayNumber[];
  let regularStartDay: DayNumber;
  if (terms.period.kind === "per-term") {
    dueDays = new Array(n);
    const span =
      addUnits(terms.disbursementDay, terms.period.term.unit, terms.period.term.every) -
      terms.disbursementDay;
    for (let i = 1; i <= n; i++)
      dueDays[i - 1] = terms.disbursementDay + Math.floor((i * span) / terms.period.times);
    regularStartDay = terms.disbursementDay;
  } else {
    const anchor = terms.firstDueDay ?? terms.disbursementDay;
    const offset = terms.firstDueDay === undefined ? 0 : -1;
    const period = terms.period;
    if (period.kind === "every" && (period.unit === "month" || period.unit === "year")) {
      // The common case, walked month by month: t(offset) … t(n + offset) in one pass.
      const stepMonths = period.unit === "year" ? 12 * period.every : period.every;
      regularStartDay = offset === 0 ? anchor : addMonthsAnchored(anchor, offset * stepMonths);
      dueDays = anchoredMonthDays(anchor, stepMonths, offset + 1, n);
      // Whole months always move forward, and the parser has checked firstDueDate > disbursementDate.
      return { disbursementDay: terms.disbursementDay, dueDays, regularStartDay };
    } else {
      const point = pointSequence(period, anchor);
      dueDays = new Array(n);
      for (let i = 1; i <= n; i++) dueDays[i - 1] = point(i + offset);
      regularStartDay = point(offset);
    }
  }
  let previous = terms.disbursementDay;
  for (let i = 0; i < n; i++) {
    const due = dueDays[i] as DayNumber;
    if (due <= previous) {
      fail("INVALID_TERMS", "period", periodLabel(terms.period), dueDateClashMessage(i, terms));
    }
    previous = due;
  }
  return { disbursementDay: terms.disbursementDay, dueDays, regularStartDay };
}

function fixedPeriods(terms: Terms, fixed: FixedPeriods): Periods {
  const { dueDays, regularStartDay } = fixed;
  assert(dueDays.length === terms.installmentCount, "fixed due dates match the installment count");
  let previous = terms.disbursementDay;
  for (const due of dueDays) {
    assert(due > previous, "fixed due dates increase strictly after the disbursement");
    previous = due;
  }
  return { disbursementDay: terms.disbursementDay, dueDays, regularStartDay };
}

/** Start of period `index` (0-based): the disbursement date, then the previous due date. */
export function startDayOf(periods: Periods, index: number): DayNumber {
  return index === 0 ? periods.disbursementDay : (periods.dueDays[index - 1] as DayNumber);
}

/** The point sequence of a period from its anchor: m ↦ t(m), m may be negative (§2). */
function pointSequence(period: Period, anchor: DayNumber): (m: number) => DayNumber {
  const anchorCivil = civilFromDay(anchor);
  switch (period.kind) {
    case "every": {
      const { every, unit } = period;
      if (unit === "day" || unit === "week") {
        const stepDays = unit === "week" ? 7 * every : every;
        return (m) => anchor + m * stepDays;
      }
      const stepMonths = unit === "year" ? 12 * every : every;
      return (m) => addMonthsToCivil(anchorCivil, m * stepMonths);
    }
    case "times": {
      const { times } = period;
      const blockMonths = period.per === "month" ? 1 : 12;
      return (m) => {
        const q = Math.floor(m / times);
        const j = m - q * times;
        const blockStart = addMonthsToCivil(anchorCivil, q * blockMonths);
        const blockEnd = addMonthsToCivil(anchorCivil, (q + 1) * blockMonths);
        return blockStart + Math.floor((j * (blockEnd - blockStart)) / times);
      };
    }
    case "per-term":
      assert(false, "a point sequence is not defined for per-term periods");
      return () => anchor;
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
