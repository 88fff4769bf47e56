// Repayment periods: due dates by the point sequence of §2 and installment-based rate factors by §3
// (distribution "period": a regular period's time is its nominal length; N days = N/Y years with Y = 365 for
// actual/365, the default day count). Every loan: 1000.00 EUR at 12 %/year disbursed 2024-01-01 (a leap year).
import { describe, expect, it } from "vitest";
import { column, expectFraction, loan, rejectedFields, schedule } from "./helpers.ts";

function dueDates(period: unknown, installments: number, extra: Record<string, unknown> = {}): string[] {
  return column(schedule(loan({ period, installments, ...extra })), "dueDate");
}

/** Asserts every row's rate factor is num/den (regular periods all share one factor). */
function expectRateFactors(period: unknown, installments: number, num: bigint, den: bigint): void {
  const doc = schedule(loan({ period, installments }));
  for (const r of doc.installments) expectFraction(r.explain.rateFactorExact, num, den);
}

describe("periods in days and weeks: t(m) = A + m·N days", () => {
  it("weekly is due every 7 days: 01-08, 01-15, 01-22, 01-29", () => {
    expect(dueDates("weekly", 4)).toEqual(["2024-01-08", "2024-01-15", "2024-01-22", "2024-01-29"]);
  });

  it("weekly at 12 %/year, actual/365: ρ = 0.12 · 7/365 = 21/9125", () => {
    expectRateFactors("weekly", 4, 21n, 9125n);
  });

  it("biweekly is due every 14 days: 01-15, 01-29, 02-12, 02-26; ρ = 0.12 · 14/365 = 42/9125", () => {
    expect(dueDates("biweekly", 4)).toEqual(["2024-01-15", "2024-01-29", "2024-02-12", "2024-02-26"]);
    expectRateFactors("biweekly", 4, 42n, 9125n);
  });

  it("every 3 weeks is due every 21 days; ρ = 0.12 · 21/365 = 63/9125", () => {
    expect(dueDates({ every: 3, unit: "week" }, 2)).toEqual(["2024-01-22", "2024-02-12"]);
    expectRateFactors({ every: 3, unit: "week" }, 2, 63n, 9125n);
  });

  it("every 18 days crosses 29 Feb: 01-19, 02-06, 02-24, 03-13; ρ = 0.12 · 18/365 = 54/9125", () => {
    // 02-24 + 18 days = 02-29 (+5) then 03-13 (+13)
    expect(dueDates({ every: 18, unit: "day" }, 4)).toEqual([
      "2024-01-19",
      "2024-02-06",
      "2024-02-24",
      "2024-03-13",
    ]);
    expectRateFactors({ every: 18, unit: "day" }, 4, 54n, 9125n);
  });

  it("every 18 days under actual/360: ρ = 0.12 · 18/360 = 3/500", () => {
    const doc = schedule(loan({ period: { every: 18, unit: "day" }, dayCount: "actual/360" }));
    for (const r of doc.installments) expectFraction(r.explain.rateFactorExact, 3n, 500n);
  });

  it("every 18 days under actual/actual counts the year as 365 (§3): ρ = 54/9125", () => {
    const doc = schedule(loan({ period: { every: 18, unit: "day" }, dayCount: "actual/actual" }));
    for (const r of doc.installments) expectFraction(r.explain.rateFactorExact, 54n, 9125n);
  });
});

describe("periods in months and years: t(m) = addMonthsAnchored(A, m·N)", () => {
  it("every 2 months: 03-01, 05-01; ρ = 0.12 · 2/12 = 1/50", () => {
    expect(dueDates({ every: 2, unit: "month" }, 2)).toEqual(["2024-03-01", "2024-05-01"]);
    expectRateFactors({ every: 2, unit: "month" }, 2, 1n, 50n);
  });

  it("quarterly: 04-01, 07-01, 10-01, 2025-01-01; ρ = 0.12 · 3/12 = 3/100", () => {
    expect(dueDates("quarterly", 4)).toEqual(["2024-04-01", "2024-07-01", "2024-10-01", "2025-01-01"]);
    expectRateFactors("quarterly", 4, 3n, 100n);
  });

  it("semi-annual: 2024-07-01, 2025-01-01; ρ = 0.12 · 6/12 = 3/50", () => {
    expect(dueDates("semi-annual", 2)).toEqual(["2024-07-01", "2025-01-01"]);
    expectRateFactors("semi-annual", 2, 3n, 50n);
  });

  it("yearly: 2025-01-01, 2026-01-01; ρ = 0.12", () => {
    expect(dueDates("yearly", 2)).toEqual(["2025-01-01", "2026-01-01"]);
    expectRateFactors("yearly", 2, 3n, 25n);
  });
});

describe("K points per month or year: t(m) = b0 + floor(j·(b1 − b0)/K) days", () => {
  it("semi-monthly (2 per month): 01-16, 02-01, 02-15, 03-01, 03-16, 04-01", () => {
    // m=1: q=0, j=1: Jan 1 + floor(1·31/2) = +15 → 01-16;   m=2: q=1, j=0 → 02-01
    // m=3: q=1, j=1: Feb 1 + floor(1·29/2) = +14 → 02-15;   m=4 → 03-01
    // m=5: Mar 1 + floor(31/2) = +15 → 03-16;               m=6 → 04-01
    expect(dueDates("semi-monthly", 6)).toEqual([
      "2024-01-16",
      "2024-02-01",
      "2024-02-15",
      "2024-03-01",
      "2024-03-16",
      "2024-04-01",
    ]);
  });

  it("semi-monthly is 1/24 year for every period (15, 16, 14, 15 days alike): ρ = 0.12/24 = 1/200", () => {
    const doc = schedule(loan({ period: "semi-monthly", installments: 4 }));
    expect(column(doc, "days")).toEqual([15, 16, 14, 15]);
    for (const r of doc.installments) {
      expectFraction(r.explain.rateFactorExact, 1n, 200n);
      expectFraction(r.explain.time, 1n, 24n);
    }
  });

  it("5 times per month: 01-07, 01-13, 01-19, 01-25, 02-01, 02-06; ρ = 0.12/60 = 1/500", () => {
    // January: floor(j·31/5) = 6, 12, 18, 24 days after Jan 1; February: floor(1·29/5) = 5 → 02-06
    expect(dueDates({ times: 5, per: "month" }, 6)).toEqual([
      "2024-01-07",
      "2024-01-13",
      "2024-01-19",
      "2024-01-25",
      "2024-02-01",
      "2024-02-06",
    ]);
    expectRateFactors({ times: 5, per: "month" }, 6, 1n, 500n);
  });

  it("8 times per year: 02-15, 04-01, 05-17, 07-02, 08-16; ρ = 0.12/8 = 3/200", () => {
    // b0 = 2024-01-01, b1 = 2025-01-01, 366 days: floor(j·366/8) = 45, 91, 137, 183, 228 days
    // → Jan 1 + 45 = 02-15; + 91 = 04-01; + 137 = 05-17; + 183 = 07-02; + 228 = 08-16
    expect(dueDates({ times: 8, per: "year" }, 5)).toEqual([
      "2024-02-15",
      "2024-04-01",
      "2024-05-17",
      "2024-07-02",
      "2024-08-16",
    ]);
    expectRateFactors({ times: 8, per: "year" }, 5, 3n, 200n);
  });
});

describe("K points per term", () => {
  const perTermYear = { times: 3, per: "term", term: { every: 1, unit: "year" } };

  it("3 times per term of 1 year: 05-02, 09-01, 2025-01-01; ρ = 0.12/3 = 1/25", () => {
    // T = 2025-01-01, T − D = 366 days; due D + floor(i·366/3) = D + 122, 244, 366
    expect(dueDates(perTermYear, 3)).toEqual(["2024-05-02", "2024-09-01", "2025-01-01"]);
    expectRateFactors(perTermYear, 3, 1n, 25n);
  });

  it("4 times per term of 30 days: 01-08, 01-16, 01-23, 01-31; ρ = 0.12 · 7.5/365 = 9/3650", () => {
    // due D + floor(i·30/4) = D + 7, 15, 22, 30; time = L/K = 30/4 days = 7.5/365 year
    const period = { times: 4, per: "term", term: { every: 30, unit: "day" } };
    expect(dueDates(period, 4)).toEqual(["2024-01-08", "2024-01-16", "2024-01-23", "2024-01-31"]);
    expectRateFactors(period, 4, 9n, 3650n);
  });

  it("rejects an installment count other than K", () => {
    expect(rejectedFields(loan({ period: perTermYear, installments: 4 }))).toContain("installments");
  });

  it("rejects a firstDueDate", () => {
    expect(
      rejectedFields(loan({ period: perTermYear, installments: 3, firstDueDate: "2024-05-01" })),
    ).toContain("firstDueDate");
  });
});

describe("firstDueDate anchors the point sequence", () => {
  it("weekly from a first due date of 2024-01-10: 01-10, 01-17, 01-24", () => {
    expect(dueDates("weekly", 3, { firstDueDate: "2024-01-10" })).toEqual([
      "2024-01-10",
      "2024-01-17",
      "2024-01-24",
    ]);
  });

  it("semi-monthly from a first due date of 2024-01-15: 01-15, 01-30, 02-15, 02-29", () => {
    // A = 01-15; m=1: 01-15 + floor(31/2) = +15 → 01-30; m=2 → 02-15; m=3: 02-15 + floor(29/2) = +14 → 02-29
    expect(dueDates("semi-monthly", 4, { firstDueDate: "2024-01-15" })).toEqual([
      "2024-01-15",
      "2024-01-30",
      "2024-02-15",
      "2024-02-29",
    ]);
  });
});
