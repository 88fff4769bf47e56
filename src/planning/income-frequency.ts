// The frequencies a profile's incomes, expenses and debts are paid at, and how many times a year each occurs:
// expenses and debts are spread over the months by that count (a quarterly bill of 300 is 100 a month).
import type { Frequency } from "./borrower-profile.ts";

export const FREQUENCIES: readonly Frequency[] = [
  "weekly",
  "biweekly",
  "semi-monthly",
  "monthly",
  "quarterly",
  "semi-annual",
  "yearly",
];

/** Occurrences per year: 52 weeks (not 52.18), 26 fortnights, 24 half-months, … */
export const OCCURRENCES_PER_YEAR: Readonly<Record<Frequency, number>> = {
  weekly: 52,
  biweekly: 26,
  "semi-monthly": 24,
  monthly: 12,
  quarterly: 4,
  "semi-annual": 2,
  yearly: 1,
};

/** Months between two pay dates for the month-based frequencies; undefined for the day-based ones. */
export const MONTH_STEP: Readonly<Record<Frequency, number | undefined>> = {
  weekly: undefined,
  biweekly: undefined,
  "semi-monthly": undefined,
  monthly: 1,
  quarterly: 3,
  "semi-annual": 6,
  yearly: 12,
};

/** Days between two pay dates for the day-based frequencies. */
export const DAY_STEP: Readonly<Record<Frequency, number | undefined>> = {
  weekly: 7,
  biweekly: 14,
  "semi-monthly": undefined,
  monthly: undefined,
  quarterly: undefined,
  "semi-annual": undefined,
  yearly: undefined,
};
