// Projects a profile's income, expenses and existing debts onto calendar months. Income follows the actual
// pay dates (a biweekly salary pays twice in most months and three times in two or three months a year), with
// the month's seasonality multiplier and the expected growth; expenses and debts are spread evenly (a
// quarterly bill of 300 counts 100 every month). Sums stay exact rationals until the month's total is rounded:
// income down, spending up, so that rounding never makes a borrower look richer than they are.
import {
  addMonthsAnchored,
  addYearsAnchored,
  civilFromDay,
  type DayNumber,
  dayFromCivil,
  daysInMonth,
} from "../core/calendar-date.ts";
import { addRatio, mulRatio, type Ratio, ratio, ratioFromInt } from "../core/ratio.ts";
import { roundDivBig, toSafeNumber } from "../core/rounding.ts";
import type { BorrowerProfile, ExistingDebt, Expense, IncomeStream } from "./borrower-profile.ts";
import { DAY_STEP, MONTH_STEP, OCCURRENCES_PER_YEAR } from "./income-frequency.ts";

/** One calendar month of the horizon: its first and last day. */
export interface CalendarMonth {
  readonly year: number;
  readonly month: number;
  readonly firstDay: DayNumber;
  readonly lastDay: DayNumber;
}

/** The `count` calendar months starting with the one that contains `fromDay`. */
export function calendarMonths(fromDay: DayNumber, count: number): CalendarMonth[] {
  const start = civilFromDay(fromDay);
  const months: CalendarMonth[] = [];
  for (let k = 0; k < count; k++) {
    const index = start.year * 12 + start.month - 1 + k;
    const year = Math.floor(index / 12);
    const month = index - year * 12 + 1;
    const firstDay = dayFromCivil(year, month, 1);
    months.push({ year, month, firstDay, lastDay: firstDay + daysInMonth(year, month) - 1 });
  }
  return months;
}

/**
 * The dates `stream` pays on within `month`: on or after its pay date, on or before its end. Monthly and longer
 * frequencies keep the pay date's day of month (clamped to the month's end, counted from the pay date so that
 * the 31st comes back after a short month), or the one `payDaysOfMonth` day; semi-monthly pays on the two
 * `payDaysOfMonth` days, or on the pay date's day and the day 15 days before or after it (5 and 20, 15 and 30).
 */
export function payDatesInMonth(stream: IncomeStream, month: CalendarMonth): DayNumber[] {
  const dates: DayNumber[] = [];
  const dayStep = DAY_STEP[stream.frequency];
  const monthStep = MONTH_STEP[stream.frequency];
  const pay = civilFromDay(stream.payDay);
  const monthsAfterPayDate = month.year * 12 + month.month - (pay.year * 12 + pay.month);
  if (dayStep !== undefined) {
    const behind = month.firstDay - stream.payDay;
    const steps = behind <= 0 ? 0 : Math.ceil(behind / dayStep);
    for (let day = stream.payDay + steps * dayStep; day <= month.lastDay; day += dayStep) dates.push(day);
  } else if (monthStep !== undefined) {
    if (monthsAfterPayDate >= 0 && monthsAfterPayDate % monthStep === 0) {
      const listed = stream.payDaysOfMonth?.[0];
      dates.push(
        listed === undefined
          ? addMonthsAnchored(stream.payDay, monthsAfterPayDate)
          : dayOfMonth(month, listed),
      );
    }
  } else if (monthsAfterPayDate >= 0) {
    const days = stream.payDaysOfMonth ?? (pay.day <= 15 ? [pay.day, pay.day + 15] : [pay.day - 15, pay.day]);
    for (const listed of days) dates.push(dayOfMonth(month, listed));
  }
  return dates.filter((day) => day >= stream.payDay && (stream.endsOn === undefined || day <= stream.endsOn));
}

function dayOfMonth(month: CalendarMonth, day: number): DayNumber {
  return month.firstDay + Math.min(day, month.lastDay - month.firstDay + 1) - 1;
}

/** Whole years from `fromDay` to `day` (0 before the first anniversary, and for days before `fromDay`). */
export function wholeYearsSince(fromDay: DayNumber, day: DayNumber): number {
  if (day <= fromDay) return 0;
  let years = civilFromDay(day).year - civilFromDay(fromDay).year;
  if (addYearsAnchored(fromDay, years) > day) years -= 1;
  return Math.max(0, years);
}

/** Exact net and gross income of one month. */
export interface MonthIncome {
  readonly net: Ratio;
  readonly gross: Ratio;
  readonly payDates: number;
}

/** Grows income streams and caches (1 + g)^n per stream: a long horizon asks for the same powers often. */
export class IncomeProjector {
  readonly #fromDay: DayNumber;
  readonly #powers = new Map<IncomeStream, Ratio[]>();

  constructor(fromDay: DayNumber) {
    this.#fromDay = fromDay;
  }

  /** The income `streams` pay in `month`: Σ amount × seasonality[month of the pay date] × (1 + g)^whole years. */
  month(streams: readonly IncomeStream[], month: CalendarMonth): MonthIncome {
    let net = ratioFromInt(0);
    let gross = ratioFromInt(0);
    let payDates = 0;
    for (const stream of streams) {
      const dates = payDatesInMonth(stream, month);
      if (dates.length === 0) continue;
      payDates += dates.length;
      // The pay dates of one month share its seasonality weight; group them by whole years of growth (all one
      // group except across an anniversary), so that each stream costs a few exact operations per month.
      let growth = ratioFromInt(0);
      let years = -1;
      let count = 0;
      for (const day of dates) {
        const n = wholeYearsSince(this.#fromDay, day);
        if (n !== years && count > 0) {
          growth = addRatio(growth, mulRatio(this.#growth(stream, years), ratioFromInt(count)));
          count = 0;
        }
        years = n;
        count += 1;
      }
      growth = addRatio(growth, mulRatio(this.#growth(stream, years), ratioFromInt(count)));
      const season = stream.seasonality?.[month.month - 1];
      const factor = season === undefined ? growth : mulRatio(season, growth);
      net = addRatio(net, mulRatio(ratioFromInt(stream.amountMinor), factor));
      gross = addRatio(gross, mulRatio(ratioFromInt(stream.grossAmountMinor ?? stream.amountMinor), factor));
    }
    return { net, gross, payDates };
  }

  #growth(stream: IncomeStream, years: number): Ratio {
    let powers = this.#powers.get(stream);
    if (powers === undefined) {
      powers = [ratioFromInt(1)];
      this.#powers.set(stream, powers);
    }
    const step = addRatio(ratioFromInt(1), stream.growthPerYear);
    while (powers.length <= years) powers.push(mulRatio(powers[powers.length - 1] as Ratio, step));
    return powers[years] as Ratio;
  }
}

/** A rational amount of minor units rounded down (income) or up (spending) to a safe integer. */
export function floorMinor(value: Ratio): number {
  return toSafeNumber(roundDivBig(value.num, value.den, "floor"));
}

export function ceilMinor(value: Ratio): number {
  return toSafeNumber(roundDivBig(value.num, value.den, "ceiling"));
}

/** amount × occurrences per year / 12, exact. */
export function monthlyEquivalent(amountMinor: number, frequency: Expense["frequency"]): Ratio {
  return ratio(BigInt(amountMinor) * BigInt(OCCURRENCES_PER_YEAR[frequency]), 12n);
}

/** Monthly essential and other spending (rounded up), the same every month. */
export function monthlyExpenses(profile: BorrowerProfile): { essential: number; other: number } {
  let essential = ratioFromInt(0);
  let other = ratioFromInt(0);
  for (const expense of profile.expenses) {
    const monthly = monthlyEquivalent(expense.amountMinor, expense.frequency);
    if (expense.essential) essential = addRatio(essential, monthly);
    else other = addRatio(other, monthly);
  }
  return { essential: ceilMinor(essential), other: ceilMinor(other) };
}

/**
 * Whether a debt still has installments in `month`: it has no end date, or ends on or after the month's first
 * day (the month of the last installment counts in full).
 */
export function debtActiveIn(debt: ExistingDebt, month: CalendarMonth): boolean {
  return debt.endsOn === undefined || debt.endsOn >= month.firstDay;
}

/** Monthly service of the debts still running in `month` (rounded up). */
export function monthlyDebtService(debts: readonly ExistingDebt[], month: CalendarMonth): number {
  let total = ratioFromInt(0);
  for (const debt of debts) {
    if (debtActiveIn(debt, month)) {
      total = addRatio(total, monthlyEquivalent(debt.installmentMinor, debt.frequency));
    }
  }
  return ceilMinor(total);
}
