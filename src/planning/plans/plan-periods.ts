// The repayment periods a plan can have, as the schedule engine spells them: monthly, quarterly and yearly
// from the disbursement date, or "pay-day" — aligned to the borrower's main income: the first installment falls
// a couple of days after a pay date and the period matches how often that income arrives (a salary every two
// weeks gives installments every two weeks; research §2.2, "Frequency and due-date matching").
import { addDays, type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import type { BorrowerProfile, Frequency, IncomeStream } from "../borrower-profile.ts";
import { calendarMonths, payDatesInMonth } from "../income-projection.ts";
import type { PlanPeriodName } from "./plan-request.ts";

/** The terms-document period names a plan uses. */
export type TermsPeriodName = "biweekly" | "monthly" | "quarterly" | "semi-annual" | "yearly";

export interface PeriodShape {
  readonly name: PlanPeriodName;
  readonly termsPeriod: TermsPeriodName;
  /** The first due date when it is not one period after the disbursement (pay-day alignment). */
  readonly firstDueDay: DayNumber | undefined;
  /** Plain words: "monthly", "every two weeks, 2 days after your salary is paid". */
  readonly description: string;
}

/** Days after a pay date the installment falls due: research §2.2 puts it 1–3 days after payday. */
export const PAY_DAY_OFFSET_DAYS = 2;

const INSTALLMENTS_PER_YEAR: Readonly<Record<TermsPeriodName, number>> = {
  biweekly: 26,
  monthly: 12,
  quarterly: 4,
  "semi-annual": 2,
  yearly: 1,
};

/** Whole months one installment covers; undefined for two-weekly installments (not whole months). */
const MONTHS_PER_INSTALLMENT: Readonly<Record<TermsPeriodName, number | undefined>> = {
  biweekly: undefined,
  monthly: 1,
  quarterly: 3,
  "semi-annual": 6,
  yearly: 12,
};

/** The shortest first period a pay-day plan accepts, so that the first installment is not due days after the loan. */
const MIN_FIRST_PERIOD_DAYS: Readonly<Record<TermsPeriodName, number>> = {
  biweekly: 7,
  monthly: 14,
  quarterly: 30,
  "semi-annual": 60,
  yearly: 90,
};

/** The period an income's frequency calls for: weekly pay is matched every two weeks, semi-monthly monthly. */
const ALIGNED_PERIOD: Readonly<Record<Frequency, TermsPeriodName>> = {
  weekly: "biweekly",
  biweekly: "biweekly",
  "semi-monthly": "monthly",
  monthly: "monthly",
  quarterly: "quarterly",
  "semi-annual": "semi-annual",
  yearly: "yearly",
};

const OCCURRENCES_PER_YEAR: Readonly<Record<Frequency, number>> = {
  weekly: 52,
  biweekly: 26,
  "semi-monthly": 24,
  monthly: 12,
  quarterly: 4,
  "semi-annual": 2,
  yearly: 1,
};

/**
 * Days to step back from a due date to the day whose month the installment is paid from: a pay-day plan's
 * installment is paid out of the pay 2 days before it, even across a month end; other plans, their due date.
 */
export function fundingShiftDays(shape: PeriodShape): number {
  return shape.name === "pay-day" ? PAY_DAY_OFFSET_DAYS : 0;
}

export function installmentsPerYear(shape: PeriodShape): number {
  return INSTALLMENTS_PER_YEAR[shape.termsPeriod];
}

/**
 * The number of installments of a term in months, or undefined when the term is not a whole number of periods
 * (a 30-month term has no yearly plan). Two-weekly plans take the nearest whole count: 26 per 12 months.
 */
export function installmentsForTerm(shape: PeriodShape, termMonths: number): number | undefined {
  const months = MONTHS_PER_INSTALLMENT[shape.termsPeriod];
  if (months === undefined) return Math.floor((termMonths * 26 + 6) / 12);
  return termMonths % months === 0 ? termMonths / months : undefined;
}

/** The term in months of `count` installments (two-weekly: rounded up to whole months). */
export function termForInstallments(shape: PeriodShape, count: number): number {
  const months = MONTHS_PER_INSTALLMENT[shape.termsPeriod];
  if (months === undefined) return Math.ceil((count * 12) / 26);
  return count * months;
}

/** How many whole installments fit in `months` months (grace of a given length). */
export function installmentsWithin(shape: PeriodShape, months: number): number {
  const per = MONTHS_PER_INSTALLMENT[shape.termsPeriod];
  return per === undefined ? Math.floor((months * 26) / 12) : Math.floor(months / per);
}

/** The grid step of terms for this period, in months: terms must be whole periods. */
export function termUnitMonths(shape: PeriodShape): number {
  return MONTHS_PER_INSTALLMENT[shape.termsPeriod] ?? 1;
}

export function fixedPeriodShape(name: "monthly" | "quarterly" | "yearly"): PeriodShape {
  return { name, termsPeriod: name, firstDueDay: undefined, description: name };
}

/** The income stream the plan aligns to: the largest by yearly amount that is still paid at the start. */
export function mainIncome(profile: BorrowerProfile, startDay: DayNumber): IncomeStream | undefined {
  let best: IncomeStream | undefined;
  let bestYearly = -1;
  for (const stream of profile.incomes) {
    if (stream.endsOn !== undefined && stream.endsOn <= startDay) continue;
    const yearly = stream.amountMinor * OCCURRENCES_PER_YEAR[stream.frequency];
    if (yearly > bestYearly) {
      best = stream;
      bestYearly = yearly;
    }
  }
  return best;
}

/**
 * The pay-day period shape: the main income's first pay date such that the installment 2 days later leaves a
 * first period of at least the minimum length, and the period matching its frequency. Undefined, with the
 * reason, when the borrower has no income to align to within the next 15 months.
 */
export function payDayShape(
  profile: BorrowerProfile,
  startDay: DayNumber,
): { shape: PeriodShape } | { reason: string } {
  const income = mainIncome(profile, startDay);
  if (income === undefined)
    return { reason: "the borrower has no income paid after the start date to align to" };
  const termsPeriod = ALIGNED_PERIOD[income.frequency];
  const earliestDue = startDay + MIN_FIRST_PERIOD_DAYS[termsPeriod];
  for (const month of calendarMonths(startDay, 16)) {
    for (const payDay of payDatesInMonth(income, month)) {
      const due = addDays(payDay, PAY_DAY_OFFSET_DAYS);
      if (due < earliestDue) continue;
      const every = termsPeriod === "biweekly" ? "every two weeks" : termsPeriod;
      return {
        shape: {
          name: "pay-day",
          termsPeriod,
          firstDueDay: due,
          description: `${every}, ${PAY_DAY_OFFSET_DAYS} days after "${income.name}" is paid (first on ${formatIsoDate(due)})`,
        },
      };
    }
  }
  return { reason: `"${income.name}" has no pay date within 15 months of the start date` };
}
