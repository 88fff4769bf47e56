// A borrower's finances as Tenor plans with them (docs/reference/borrower-profile.md): income streams, expenses,
// existing debts, savings and household. `parseBorrowerProfile` (parse-borrower-profile.ts) builds this from the
// JSON profile document; every amount is an integer count of minor units of `currency`, every date a day number,
// every rate an exact rational, and every default is already applied.
import type { DayNumber } from "../core/calendar-date.ts";
import type { Currency } from "../core/currency.ts";
import type { Ratio } from "../core/ratio.ts";

/** How often an income arrives or an expense or debt installment is paid. */
export type Frequency =
  | "weekly"
  | "biweekly"
  | "semi-monthly"
  | "monthly"
  | "quarterly"
  | "semi-annual"
  | "yearly";

export interface IncomeStream {
  readonly name: string;
  /** Net (after-tax) amount of one payment. */
  readonly amountMinor: number;
  /** Gross amount of one payment, when known (ratio caps defined on gross income use it). */
  readonly grossAmountMinor: number | undefined;
  readonly frequency: Frequency;
  /**
   * The first pay date counted (none before it); later pay dates follow from it by the frequency. Weekly and
   * biweekly add 7 or 14 days; monthly and longer frequencies keep its day of month (clamped to the month's end,
   * always counted from this date, so the 31st comes back after February); semi-monthly pays on
   * `payDaysOfMonth`, or on this date's day and the day 15 days before or after it (5 & 20, 15 & 30).
   */
  readonly payDay: DayNumber;
  /** Semi-monthly (two days) and monthly (one) only: explicit days of the month; a day past the month's end is its last day. */
  readonly payDaysOfMonth: readonly number[] | undefined;
  /**
   * Twelve multipliers, January first, whose mean is exactly 1 (the parser normalises what it is given); a
   * payment is multiplied by the weight of the month it is paid in. Undefined = flat.
   */
  readonly seasonality: readonly Ratio[] | undefined;
  /**
   * Expected growth per year as a fraction (3 % → 3/100; negative for a falling income), compounded on each
   * whole year from the assessment day to the pay date.
   */
  readonly growthPerYear: Ratio;
  /** The last date this income is expected (retirement, contract end); undefined = open-ended. */
  readonly endsOn: DayNumber | undefined;
}

export interface Expense {
  readonly name: string;
  readonly amountMinor: number;
  readonly frequency: Frequency;
  /** Essential (non-discretionary: housing, food, utilities, transport to work) or other spending. */
  readonly essential: boolean;
}

export interface ExistingDebt {
  readonly name: string;
  /** The installment of one period. */
  readonly installmentMinor: number;
  readonly frequency: Frequency;
  /** Outstanding balance, when known. */
  readonly balanceMinor: number | undefined;
  /** Date of the last installment; undefined = runs past any plan's horizon. */
  readonly endsOn: DayNumber | undefined;
  /** Its annual interest rate as a fraction, when known (prepayment advice prefers paying dearer debt first). */
  readonly rate: Ratio | undefined;
}

export type EmploymentType = "fixed" | "freelance" | "part-time" | "other";
export type HousingStatus = "owner" | "rent" | "parents" | "private" | "other";

export interface BorrowerProfile {
  readonly currency: Currency;
  readonly incomes: readonly IncomeStream[];
  readonly expenses: readonly Expense[];
  readonly debts: readonly ExistingDebt[];
  /** Cash and deposits the borrower can reach within days. */
  readonly liquidSavingsMinor: number;
  /** Other assets (property, vehicles, investments) at market value; undefined when not given. */
  readonly assetsMinor: number | undefined;
  readonly householdSize: number;
  /** Free-form region code used by residual-income tables (e.g. "US-NE", "UK", "CN-SH"); undefined = none. */
  readonly region: string | undefined;
  /** Facts used by the credit risk scorecard only; undefined when not given (the scorecard has a missing bin). */
  readonly employment: { readonly type: EmploymentType; readonly years: number } | undefined;
  readonly housing: HousingStatus | undefined;
  /** Has the borrower had arrears on earlier credit? */
  readonly pastArrears: boolean | undefined;
}
