import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayFromCivil, formatIsoDate } from "../core/calendar-date.ts";
import { dayCountFromName } from "../core/day-count.ts";
import { buildPeriods, startDayOf } from "./due-dates.ts";
import { generateSchedule } from "./generate-schedule.ts";
import { parseTerms } from "./parse-terms.ts";
import type { Period, Terms } from "./terms.ts";

function terms(period: Period, n: number, disbursed: string, firstDue?: string): Terms {
  const day = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
    return dayFromCivil(y, m, d);
  };
  return {
    currency: { code: "EUR", digits: 2 },
    principalMinor: 100_000,
    disbursementDay: day(disbursed),
    firstDueDay: firstDue === undefined ? undefined : day(firstDue),
    installmentCount: n,
    period,
    loanType: "annuity",
    interestOnlyInstallments: undefined,
    interest: {
      kind: "percent",
      rate: { num: 12n, den: 100n },
      per: "year",
      distribution: "period",
      dailyRounding: false,
    },
    dayCount: dayCountFromName("actual/365"),
    rounding: { mode: "half-even", stepMinor: 1, residual: "last" },
    keepInstallmentsEqual: true,
    placement: { principal: "every", interest: "every" },
    paymentMethod: { type: "standard" },
    grace: undefined,
    fees: [],
    rateRegime: "eu-aprc",
    rateCapPercent: undefined,
  };
}
const dues = (t: Terms) => buildPeriods(t).dueDays.map(formatIsoDate);
const monthly: Period = { kind: "every", every: 1, unit: "month" };

describe("due dates", () => {
  it("anchor month ends on the original day: 31 Jan → 29 Feb → 31 Mar → 30 Apr", () => {
    expect(dues(terms(monthly, 4, "2024-01-31"))).toEqual([
      "2024-02-29",
      "2024-03-31",
      "2024-04-30",
      "2024-05-31",
    ]);
  });

  it("count from a given first due date, and mark the first period broken", () => {
    const t = terms(monthly, 3, "2024-01-10", "2024-02-25");
    expect(dues(t)).toEqual(["2024-02-25", "2024-03-25", "2024-04-25"]);
    // Regular start is one month before the first due date: 2024-01-25; the first period is 46 days long.
    expect(formatIsoDate(buildPeriods(t).regularStartDay)).toBe("2024-01-25");
  });

  it("semi-monthly splits each month in two (hand calculation from §2)", () => {
    // From 2024-01-01, block Jan has 31 days: points 01-01 + floor(1·31/2) = 01-16; Feb block (29 days):
    // 02-01 and 02-01 + floor(29/2) = 02-15.
    expect(dues(terms({ kind: "times", times: 2, per: "month" }, 4, "2024-01-01"))).toEqual([
      "2024-01-16",
      "2024-02-01",
      "2024-02-15",
      "2024-03-01",
    ]);
  });

  it("3 times per term of one year: at floor(i · 366 / 3) days in 2024", () => {
    const t = terms({ kind: "per-term", times: 3, term: { every: 1, unit: "year" } }, 3, "2024-01-01");
    // 366 days / 3 = 122: 2024-01-01 + 122 = 2024-05-02; + 244 = 2024-09-01; + 366 = 2025-01-01.
    expect(dues(t)).toEqual(["2024-05-02", "2024-09-01", "2025-01-01"]);
  });

  it("weekly and every 18 days add days", () => {
    expect(dues(terms({ kind: "every", every: 1, unit: "week" }, 2, "2024-02-26"))).toEqual([
      "2024-03-04",
      "2024-03-11",
    ]);
    expect(dues(terms({ kind: "every", every: 18, unit: "day" }, 2, "2024-02-20"))).toEqual([
      "2024-03-09",
      "2024-03-27",
    ]);
  });

  it("rejects periods that give two installments the same date", () => {
    // 31 points in the 29 days from 2 Feb to 2 Mar 2024: t(1) = 2 Feb + floor(1·29/31) = 2 Feb again.
    const daily = { kind: "times", times: 31, per: "month" } as const;
    expect(() => buildPeriods(terms(daily, 40, "2024-02-01", "2024-02-02"))).toThrow(
      /installments 1 and 2 the same due date/,
    );
    // Without a first due date the first point itself, 1 Feb + floor(29/31) days, is the disbursement date.
    expect(() => buildPeriods(terms(daily, 40, "2024-02-01"))).toThrow(
      /first due date on or before the disbursement/,
    );
  });

  it("always gives strictly increasing dates after the disbursement", () => {
    const period = fc.oneof(
      fc.record({
        kind: fc.constant("every" as const),
        every: fc.integer({ min: 1, max: 24 }),
        unit: fc.constantFrom("day", "week", "month", "year" as const),
      }),
      fc.record({
        kind: fc.constant("times" as const),
        times: fc.integer({ min: 1, max: 12 }),
        per: fc.constantFrom("month", "year" as const),
      }),
    );
    fc.assert(
      fc.property(
        period,
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 0, max: 30_000 }),
        (p, n, offset) => {
          const t = { ...terms(p, n, "1990-01-01"), disbursementDay: dayFromCivil(1990, 1, 1) + offset };
          const periods = buildPeriods(t);
          expect(startDayOf(periods, 0)).toBe(t.disbursementDay);
          for (let i = 0; i < n; i++) expect(periods.dueDays[i]).toBeGreaterThan(startDayOf(periods, i));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("buildPeriods with due dates given outright (fixedPeriods)", () => {
  it("uses them as given, and a schedule on them equals the one on the derived dates", () => {
    const terms = parseTerms({
      principal: "1000.00",
      currency: "EUR",
      disbursementDate: "2024-01-31",
      installments: 3,
      interest: { rate: "12", per: "year" },
    });
    const derived = buildPeriods(terms);
    // The month-end anchor: 29 Feb, 31 Mar, 30 Apr — dates a re-anchored grid from 29 Feb would not give.
    const dueDays = [dayFromCivil(2024, 2, 29), dayFromCivil(2024, 3, 31), dayFromCivil(2024, 4, 30)];
    expect(derived.dueDays).toEqual(dueDays);
    const fixed = { ...terms, fixedPeriods: { dueDays, regularStartDay: terms.disbursementDay } };
    expect(buildPeriods(fixed)).toEqual(derived);
    expect(generateSchedule(fixed).columns).toEqual(generateSchedule(terms).columns);
  });
});
