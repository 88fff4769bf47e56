import { describe, expect, it } from "vitest";
import { formatIsoDate, parseIsoDate } from "../core/calendar-date.ts";
import { ratio, ratioFromInt } from "../core/ratio.ts";
import type { IncomeStream } from "./borrower-profile.ts";
import {
  calendarMonths,
  ceilMinor,
  floorMinor,
  IncomeProjector,
  monthlyDebtService,
  monthlyExpenses,
  payDatesInMonth,
  wholeYearsSince,
} from "./income-projection.ts";
import { parseBorrowerProfile } from "./parse-borrower-profile.ts";

const day = (text: string) => parseIsoDate(text) as number;

function nth<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${index}`);
  return item;
}

const firstMonth = (from: number, count: number) => nth(calendarMonths(from, count), 0);

function stream(fields: Record<string, unknown>): IncomeStream {
  const profile = parseBorrowerProfile({
    currency: "EUR",
    incomes: [{ name: "pay", amount: "1000.00", payDate: "2026-01-15", ...fields }],
  });
  return profile.incomes[0] as IncomeStream;
}

/** Pay dates of `income` in each of `count` months from the month of `from`, as ISO text. */
function payDates(income: IncomeStream, from: string, count: number): string[][] {
  return calendarMonths(day(from), count).map((month) => payDatesInMonth(income, month).map(formatIsoDate));
}

describe("calendarMonths", () => {
  it("starts with the month containing the day and crosses the year", () => {
    const months = calendarMonths(day("2025-11-20"), 3);
    expect(months.map((m) => [m.year, m.month, formatIsoDate(m.firstDay), formatIsoDate(m.lastDay)])).toEqual(
      [
        [2025, 11, "2025-11-01", "2025-11-30"],
        [2025, 12, "2025-12-01", "2025-12-31"],
        [2026, 1, "2026-01-01", "2026-01-31"],
      ],
    );
  });
});

describe("payDatesInMonth", () => {
  it("biweekly pays two or three times a month", () => {
    // 2 Jan 2026 + 14 days each: 16 Jan, 30 Jan, 13 Feb, 27 Feb, 13 Mar (27 Feb + 14 − 28), 27 Mar.
    expect(payDates(stream({ frequency: "biweekly", payDate: "2026-01-02" }), "2026-01-01", 3)).toEqual([
      ["2026-01-02", "2026-01-16", "2026-01-30"],
      ["2026-02-13", "2026-02-27"],
      ["2026-03-13", "2026-03-27"],
    ]);
  });

  it("weekly pays four or five times a month, not before the pay date", () => {
    // Thursdays from 15 Jan 2026: 15, 22, 29 Jan; 5, 12, 19, 26 Feb.
    expect(payDates(stream({ frequency: "weekly", payDate: "2026-01-15" }), "2026-01-01", 2)).toEqual([
      ["2026-01-15", "2026-01-22", "2026-01-29"],
      ["2026-02-05", "2026-02-12", "2026-02-19", "2026-02-26"],
    ]);
  });

  it("monthly keeps the day of month, clamped to short months and back to the 31st after them", () => {
    expect(payDates(stream({ payDate: "2026-01-31" }), "2026-01-01", 4)).toEqual([
      ["2026-01-31"],
      ["2026-02-28"],
      ["2026-03-31"],
      ["2026-04-30"],
    ]);
    // With payDaysOfMonth [31] a pay date of 28 February still pays on 31 March.
    expect(payDates(stream({ payDate: "2026-02-28", payDaysOfMonth: [31] }), "2026-02-01", 2)).toEqual([
      ["2026-02-28"],
      ["2026-03-31"],
    ]);
  });

  it("quarterly, semi-annual and yearly pay only in their months", () => {
    expect(payDates(stream({ frequency: "quarterly", payDate: "2026-03-15" }), "2026-01-01", 7)).toEqual([
      [],
      [],
      ["2026-03-15"],
      [],
      [],
      ["2026-06-15"],
      [],
    ]);
    expect(payDates(stream({ frequency: "yearly", payDate: "2025-12-20" }), "2026-11-01", 3)).toEqual([
      [],
      ["2026-12-20"],
      [],
    ]);
    expect(payDates(stream({ frequency: "semi-annual", payDate: "2026-01-10" }), "2026-06-01", 2)).toEqual([
      [],
      ["2026-07-10"],
    ]);
  });

  it("semi-monthly pays on the pay date's day and 15 days before or after it, or on payDaysOfMonth", () => {
    // Day 20: the other payday is the 5th; the 5 January comes before the pay date and is not counted.
    expect(payDates(stream({ frequency: "semi-monthly", payDate: "2026-01-20" }), "2026-01-01", 2)).toEqual([
      ["2026-01-20"],
      ["2026-02-05", "2026-02-20"],
    ]);
    // Day 15: the other is the 30th, which in February is its last day.
    expect(payDates(stream({ frequency: "semi-monthly", payDate: "2026-01-15" }), "2026-01-01", 2)).toEqual([
      ["2026-01-15", "2026-01-30"],
      ["2026-02-15", "2026-02-28"],
    ]);
    expect(
      payDates(
        stream({ frequency: "semi-monthly", payDate: "2026-01-15", payDaysOfMonth: [15, 31] }),
        "2026-02-01",
        1,
      ),
    ).toEqual([["2026-02-15", "2026-02-28"]]);
  });

  it("stops after the income's end date and pays nothing before the pay date", () => {
    const income = stream({ frequency: "biweekly", payDate: "2026-01-02", endsOn: "2026-01-29" });
    expect(payDates(income, "2025-12-01", 3)).toEqual([[], ["2026-01-02", "2026-01-16"], []]);
  });
});

describe("wholeYearsSince", () => {
  it("counts anniversaries, a 29 February one falling on 28 February", () => {
    expect(wholeYearsSince(day("2026-01-10"), day("2026-01-09"))).toBe(0);
    expect(wholeYearsSince(day("2026-01-10"), day("2027-01-09"))).toBe(0);
    expect(wholeYearsSince(day("2026-01-10"), day("2027-01-10"))).toBe(1);
    expect(wholeYearsSince(day("2024-02-29"), day("2025-02-27"))).toBe(0);
    expect(wholeYearsSince(day("2024-02-29"), day("2025-02-28"))).toBe(1);
    expect(wholeYearsSince(day("2024-02-29"), day("2028-02-29"))).toBe(4);
  });
});

describe("IncomeProjector", () => {
  it("applies seasonality by the pay date's month and growth by whole years, exactly", () => {
    // 1000.00 a month on the 15th, +10 % a year, seasonality 0.5 in January and 1.5 in July (mean 1).
    const income = stream({
      growthPercent: "10",
      seasonality: ["0.5", "1", "1", "1", "1", "1", "1.5", "1", "1", "1", "1", "1"],
    });
    const projector = new IncomeProjector(day("2026-01-10"));
    const months = calendarMonths(day("2026-01-10"), 13);
    // January 2026: 1000.00 × 0.5 = 500.00 (no anniversary yet).
    expect(projector.month([income], nth(months, 0)).net).toEqual(ratioFromInt(50000));
    // July 2026: 1000.00 × 1.5 = 1500.00.
    expect(projector.month([income], nth(months, 6)).net).toEqual(ratioFromInt(150000));
    // January 2027: 15 Jan 2027 is past the anniversary 10 Jan 2027: 1000.00 × 0.5 × 1.1 = 550.00.
    expect(projector.month([income], nth(months, 12)).net).toEqual(ratioFromInt(55000));
  });

  it("keeps fractions of a minor unit until the month's total, then rounds income down", () => {
    // 1000.01 × 1.03 = 1030.0103 after one year → 1030.01 (103001.03 minor units, rounded down).
    const income = stream({ amount: "1000.01", growthPercent: "3", payDate: "2026-01-15" });
    const projector = new IncomeProjector(day("2026-01-01"));
    const month = firstMonth(day("2027-01-01"), 1);
    const net = projector.month([income], month).net;
    expect(net).toEqual(ratio(10300103n, 100n));
    expect(floorMinor(net)).toBe(103001);
    expect(ceilMinor(net)).toBe(103002);
  });

  it("uses the gross amount where given and the net elsewhere", () => {
    const profile = parseBorrowerProfile({
      currency: "EUR",
      incomes: [
        { name: "salary", amount: "3000.00", gross: "4000.00", payDate: "2026-01-25" },
        { name: "rent received", amount: "500.00", payDate: "2026-01-05" },
      ],
    });
    const month = firstMonth(day("2026-01-01"), 1);
    const income = new IncomeProjector(day("2026-01-01")).month(profile.incomes, month);
    expect(income.net).toEqual(ratioFromInt(350000));
    expect(income.gross).toEqual(ratioFromInt(450000));
    expect(income.payDates).toBe(2);
  });
});

describe("monthly spending", () => {
  it("spreads expenses by occurrences per year and rounds up", () => {
    const profile = parseBorrowerProfile({
      currency: "EUR",
      incomes: [],
      expenses: [
        // 10.00 weekly: 52 × 10.00 / 12 = 43.333…
        { name: "bus", amount: "10.00", frequency: "weekly" },
        // 100.01 quarterly: 4 × 100.01 / 12 = 33.3366…, so both together are summed before rounding
        { name: "insurance", amount: "100.01", frequency: "quarterly" },
        // 600.00 yearly, not essential: 50.00
        { name: "holiday", amount: "600.00", frequency: "yearly", essential: false },
      ],
    });
    // Essential: (52 × 1000 + 4 × 10001) / 12 = (52000 + 40004) / 12 = 92004 / 12 = 7667 exactly.
    expect(monthlyExpenses(profile)).toEqual({ essential: 7667, other: 5000 });
  });

  it("counts a debt in every month up to the one of its end date", () => {
    const profile = parseBorrowerProfile({
      currency: "EUR",
      incomes: [],
      debts: [
        { name: "car", installment: "250.00", endsOn: "2026-03-15" },
        // 100.00 biweekly: 26 × 100.00 / 12 = 216.666… → 216.67 on its own
        { name: "phone", installment: "100.00", frequency: "biweekly" },
      ],
    });
    const months = calendarMonths(day("2026-02-01"), 3);
    // February and March: (12 × 25000 + 26 × 10000) / 12 = (300000 + 260000) / 12 = 46666.67 → 46667.
    // April: the car is paid off, 260000 / 12 = 21666.67 → 21667.
    expect(months.map((month) => monthlyDebtService(profile.debts, month))).toEqual([46667, 46667, 21667]);
  });
});
