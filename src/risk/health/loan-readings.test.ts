import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../core/calendar-date.ts";
import { ratio } from "../../core/ratio.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import { parseEvents } from "../../servicing/parse-events.ts";
import { parseServicingRules } from "../../servicing/parse-servicing-rules.ts";
import { DAYS_PER_MONTH, readLoan, wholeMonthsBetween } from "./loan-readings.ts";

const day = (text: string) => {
  const parsed = parseIsoDate(text);
  if (parsed === undefined) throw new Error(text);
  return parsed;
};

// 10,000.00 at 12 % a year (1 % a month), 12 monthly installments from 2024-01-01: 888.49 each
// (10,000 · 0.01 / (1 − 1.01^−12) = 888.4879). The original schedule by hand, interest rounded each month:
//   Feb: 100.00 interest, 788.49 principal → 9,211.51
//   Mar:  92.12,          796.37           → 8,415.14
//   Apr:  84.15,          804.34           → 7,610.80
//   May:  76.11,          812.38           → 6,798.42
const terms = parseTerms({
  principal: "10000.00",
  currency: "EUR",
  disbursementDate: "2024-01-01",
  installments: 12,
  interest: { rate: "12", per: "year" },
});

function readingsOf(events: unknown[], rules: unknown, asOf: string) {
  const parsedRules = parseServicingRules(rules, 2);
  const parsedEvents = parseEvents(events, {
    currencyDigits: 2,
    disbursementDay: terms.disbursementDay,
    maxEvents: 100,
  });
  return readLoan({ terms, rules: parsedRules, events: parsedEvents }, day(asOf));
}

// Feb paid on time, Mar paid 11 days late, Apr paid with 2,000.00 extra (reduce-term, the default), May unpaid.
const events = [
  { id: "feb", type: "repayment", date: "2024-02-01", amount: "888.49" },
  { id: "mar", type: "repayment", date: "2024-03-12", amount: "888.49" },
  { id: "apr", type: "repayment", date: "2024-04-01", amount: "2888.49" },
];

describe("readLoan", () => {
  const readings = readingsOf(events, { lateGraceDays: 3 }, "2024-05-15");

  it("reads how late each due date was settled, and days past due", () => {
    // Feb 1 on time; Mar 1 paid Mar 12 (11 days); Apr 1 on time; May 1 still open on May 15 (14 days).
    expect(readings.dueDates.map((record) => record.daysLate)).toEqual([0, 11, 0, 14]);
    // Ages: May 15 − Feb 1 = 104 days = 104 / 30.436875 months
    expect(readings.dueDates[0]?.ageMonths).toBeCloseTo(104 / 30.436875, 12);
    expect(DAYS_PER_MONTH).toBe(365.2425 / 12);
    expect(readings.daysPastDue).toBe(14);
    // Late past 3 days' grace and under 30 days: Mar (11) and May (14); none of 30 days or more.
    expect(readings.latePayments).toBe(2);
    expect(readings.defaults).toBe(0);
  });

  it("reads the balance against the original schedule", () => {
    // Planned on May 15: after the May installment, 6,798.42. Owed: 7,610.80 after April's installment, less the
    // 2,000.00 extra = 5,610.80 (May's principal is still owed).
    expect(readings.scheduledBalanceMinor).toBe(679_842);
    expect(readings.balanceMinor).toBe(561_080);
    expect(readings.principalMinor).toBe(1_000_000);
  });

  it("finds the prepayment, its amount and that it was early", () => {
    // Apr 1 is 91 days into a 366-day term: 10 · 91 = 910 ≤ 3 · 366 = 1,098 → in the first 30 %.
    expect(readings.prepayments).toEqual([
      { eventId: "apr", day: day("2024-04-01"), amountMinor: 200_000, early: true },
    ]);
  });

  it("counts the months done, in all and left", () => {
    // Jan 1 → May 15: 4 whole months; Jan 1 2024 → Jan 1 2025 (the last due date): 12.
    expect(readings.monthsCompleted).toBe(4);
    expect(readings.totalMonths).toBe(12);
    // After the prepayment the 888.49 installments run out sooner. From 5,610.80 on Apr 1:
    //   May 56.11 / 832.38 → 4,778.42; Jun 47.78 / 840.71 → 3,937.71; Jul 39.38 / 849.11 → 3,088.60;
    //   Aug 30.89 / 857.60 → 2,231.00; Sep 22.31 / 866.18 → 1,364.82; Oct 13.65 / 874.84 → 489.98;
    //   Nov 4.90 + 489.98 = 494.88, the last. May 15 → Nov 1 is 5 whole months.
    expect(readings.remainingMonths).toBe(5);
  });

  it("reads the rate in force a year", () => {
    expect(readings.annualRate).toEqual(ratio(12n, 100n));
    expect(readings.rateChanged).toBe(false);
    const changed = readingsOf(
      [...events, { id: "up", type: "rate-change", date: "2024-05-01", rate: "14" }],
      {},
      "2024-05-15",
    );
    expect(changed.annualRate).toEqual(ratio(14n, 100n));
    expect(changed.rateChanged).toBe(true);
  });

  it("counts a payment 30 or more days late as a default, and none within the grace days as late", () => {
    const late = readingsOf(
      [
        { id: "feb", type: "repayment", date: "2024-02-04", amount: "888.49" }, // 3 days: within grace
        { id: "mar", type: "repayment", date: "2024-04-05", amount: "1776.98" }, // Mar 35 days, Apr 4 days
      ],
      { lateGraceDays: 3 },
      "2024-04-10",
    );
    expect(late.dueDates.map((record) => record.daysLate)).toEqual([3, 35, 4]);
    expect(late.latePayments).toBe(1);
    expect(late.defaults).toBe(1);
    expect(late.prepayments).toEqual([]);
  });

  it("does not count a reversed extra payment as a prepayment", () => {
    const reversed = readingsOf(
      [...events, { id: "undo", type: "reversal", date: "2024-04-02", of: "apr" }],
      { lateGraceDays: 3 },
      "2024-04-15",
    );
    expect(reversed.prepayments).toEqual([]);
  });

  it("counts a close-forward overpayment by the principal of later installments it paid", () => {
    // 888.49 due on Mar 1 plus 888.49 more: closes April's installment ahead (its 804.34 principal and, with the
    // scheduled closing rule, its 84.15 interest).
    const ahead = readingsOf(
      [
        { id: "feb", type: "repayment", date: "2024-02-01", amount: "888.49" },
        { id: "mar", type: "repayment", date: "2024-03-01", amount: "1776.98" },
      ],
      { overpayment: "close-forward" },
      "2024-03-15",
    );
    expect(ahead.prepayments.map((p) => [p.eventId, p.amountMinor])).toEqual([["mar", 80_434]]);
  });
});

describe("wholeMonthsBetween", () => {
  it.each([
    ["2024-01-01", "2024-05-15", 4],
    ["2024-05-15", "2024-11-01", 5],
    ["2024-01-31", "2024-02-29", 1],
    ["2024-01-31", "2024-02-28", 0],
    ["2024-01-15", "2024-02-14", 0],
    ["2024-03-01", "2024-03-01", 0],
    ["2024-03-01", "2024-02-01", 0],
  ])("%s → %s: %i", (from, to, months) => {
    expect(wholeMonthsBetween(day(from), day(to))).toBe(months);
  });
});
