// Day counts (§4) and rate units (§3). The day count matters for daily-based interest (distribution "day"),
// where time = yearFraction(start, due); so most loans here are one-installment annuity-daily loans of
// 1000.00 EUR at 12 %/year whose single period is set with firstDueDate: interest = round(1000.00 · 0.12 · yf).
import { describe, expect, it } from "vitest";
import { column, expectFraction, loan, row, schedule } from "./helpers.ts";

function onePeriod(from: string, to: string, dayCount: unknown) {
  const doc = schedule(
    loan({ loanType: "annuity-daily", installments: 1, disbursementDate: from, firstDueDate: to, dayCount }),
  );
  return row(doc, 1);
}

describe("one period 2024-01-15 → 2024-03-31 under each day count", () => {
  // Calendar days: 16 (to 31 Jan) + 29 (Feb) + 31 (Mar) = 76.
  it("30/360 (US): D2 = 31 stays 31 because D1 = 15 < 30 → 60 + 16 = 76 days; 76/360 → 25.33", () => {
    // countDays = 360·0 + 30·(3 − 1) + (31 − 15) = 76; ρ = 0.12 · 76/360 = 19/750 = 0.025333; I = 25.333 → 25.33
    const r = onePeriod("2024-01-15", "2024-03-31", "30/360");
    expect(r.explain.daysCounted).toBe(76);
    expectFraction(r.explain.rateFactorExact, 19n, 750n);
    expect(r.interest).toBe("25.33");
  });

  it("30E/360: D2 = 31 → 30 → 60 + 15 = 75 days; 75/360 → 25.00", () => {
    // countDays = 30·2 + (30 − 15) = 75; ρ = 0.12 · 75/360 = 1/40; I = 25.00
    const r = onePeriod("2024-01-15", "2024-03-31", "30E/360");
    expect(r.explain.daysCounted).toBe(75);
    expectFraction(r.explain.rateFactorExact, 1n, 40n);
    expect(r.interest).toBe("25.00");
  });

  it("actual/360: 76/360 → 25.33", () => {
    const r = onePeriod("2024-01-15", "2024-03-31", "actual/360");
    expect(r.explain.daysCounted).toBe(76);
    expectFraction(r.explain.rateFactorExact, 19n, 750n);
    expect(r.interest).toBe("25.33");
  });

  it("actual/364: 76/364 → 25.05", () => {
    // ρ = 0.12 · 76/364 = 57/2275 = 0.0250549; I = 25.0549 → 25.05
    const r = onePeriod("2024-01-15", "2024-03-31", "actual/364");
    expectFraction(r.explain.rateFactorExact, 57n, 2275n);
    expect(r.interest).toBe("25.05");
  });

  it("actual/365: 76/365 → 24.99", () => {
    // ρ = 0.12 · 76/365 = 228/9125 = 0.0249863; I = 24.9863 → 24.99
    const r = onePeriod("2024-01-15", "2024-03-31", "actual/365");
    expectFraction(r.explain.rateFactorExact, 228n, 9125n);
    expect(r.interest).toBe("24.99");
  });

  it("the object form {daysInYear: 365, daysInMonth: actual} is actual/365", () => {
    const r = onePeriod("2024-01-15", "2024-03-31", { daysInYear: 365, daysInMonth: "actual" });
    expectFraction(r.explain.rateFactorExact, 228n, 9125n);
    expect(r.interest).toBe("24.99");
  });
});

describe("actual/actual (ISDA) splits a period at 1 January", () => {
  it("2023-12-15 → 2024-01-15 is 17/365 + 14/366 years → 10.18", () => {
    // 15 Dec → 1 Jan = 17 days of 2023 (365-day year); 1 Jan → 15 Jan = 14 days of 2024 (366-day year)
    // ρ = 0.12 · (17/365 + 14/366) = 0.12 · 11332/133590 = 5666/556625 = 0.0101793; I = 10.1793 → 10.18
    const r = onePeriod("2023-12-15", "2024-01-15", "actual/actual");
    expect(r.days).toBe(31);
    expectFraction(r.explain.rateFactorExact, 5666n, 556625n);
    expect(r.interest).toBe("10.18");
  });

  it("a period inside 2024 counts 366 days a year: 2024-01-15 → 2024-03-31 is 76/366 → 24.92", () => {
    // ρ = 0.12 · 76/366 = 152/6100 = 38/1525 = 0.0249180; I = 24.918 → 24.92
    const r = onePeriod("2024-01-15", "2024-03-31", "actual/actual");
    expectFraction(r.explain.rateFactorExact, 38n, 1525n);
    expect(r.interest).toBe("24.92");
  });
});

describe("object forms with 30-day months", () => {
  it("{daysInYear: 360, daysInMonth: 30} counts 2024-01-15 → 2024-03-15 as 60/360 → 20.00", () => {
    // 30·2 + (15 − 15) = 60 days under either the US or EU adjustment; ρ = 0.12 · 60/360 = 1/50; I = 20.00
    const r = onePeriod("2024-01-15", "2024-03-15", { daysInYear: 360, daysInMonth: 30 });
    expect(r.explain.daysCounted).toBe(60);
    expectFraction(r.explain.rateFactorExact, 1n, 50n);
    expect(r.interest).toBe("20.00");
  });

  it("{daysInYear: actual, daysInMonth: 30} divides by the starting year's length: 60/366 → 19.67", () => {
    // countDays = 60; the interval starts in 2024 (366 days): ρ = 0.12 · 60/366 = 6/305 = 0.0196721; I = 19.67
    const r = onePeriod("2024-01-15", "2024-03-15", { daysInYear: "actual", daysInMonth: 30 });
    expectFraction(r.explain.rateFactorExact, 6n, 305n);
    expect(r.interest).toBe("19.67");
  });
});

describe("30/360 makes every monthly daily-based period 1/12 year", () => {
  it("31-, 29- and 31-day months all get ρ = 0.12 · 30/360 = 0.01", () => {
    const doc = schedule(loan({ loanType: "annuity-daily", dayCount: "30/360" }));
    expect(column(doc, "days")).toEqual([31, 29, 31]);
    for (const r of doc.installments) {
      expect(r.explain.daysCounted).toBe(30);
      expectFraction(r.explain.rateFactorExact, 1n, 100n);
    }
    // Then the schedule is the regular 340.02 annuity: interest 10.00, 6.70, 3.37.
    expect(column(doc, "interest")).toEqual(["10.00", "6.70", "3.37"]);
  });
});

describe("rate units", () => {
  it("1 % per month on a monthly loan is ρ = 0.01: the 340.02 annuity", () => {
    const doc = schedule(loan({ interest: { rate: "1", per: "month" } }));
    for (const r of doc.installments) expectFraction(r.explain.rateFactorExact, 1n, 100n);
    expect(doc.derived.levelInstallment).toBe("340.02");
  });

  it("0.25 % per week on a monthly loan: a month is 365/84 weeks → ρ = 73/6720, level 340.60", () => {
    // time = N·Y/84 weeks = 365/84; ρ = 0.0025 · 365/84 = 73/6720 = 0.01086310
    // A = 1000 · ρ / (1 − (1+ρ)^−3) = 340.6015 → 340.60
    // 1: I = 10.8631 → 10.86; P 329.74; B 670.26   2: I = 7.2811 → 7.28; P 333.32; B 336.94
    // 3: I = 3.6602 → 3.66; P 336.94; total 340.60
    const doc = schedule(loan({ interest: { rate: "0.25", per: "week" } }));
    for (const r of doc.installments) expectFraction(r.explain.rateFactorExact, 73n, 6720n);
    expect(doc.derived.levelInstallment).toBe("340.60");
    expect(column(doc, "interest")).toEqual(["10.86", "7.28", "3.66"]);
  });

  it("0.05 % per day on a monthly loan: a month is 365/12 days → ρ = 73/4800, level 343.52", () => {
    // ρ = 0.0005 · 365/12 = 73/4800 = 0.01520833; A = 343.5232 → 343.52
    // 1: I = 15.2083 → 15.21; P 328.31; B 671.69   2: I = 10.2153 → 10.22; P 333.30; B 338.39
    // 3: I = 5.1464 → 5.15; P 338.39; total 343.54
    const doc = schedule(loan({ interest: { rate: "0.05", per: "day" } }));
    for (const r of doc.installments) expectFraction(r.explain.rateFactorExact, 73n, 4800n);
    expect(doc.derived.levelInstallment).toBe("343.52");
    expect(column(doc, "total")).toEqual(["343.52", "343.52", "343.54"]);
  });

  it("0.05 % per day under 30/360: a month is 360/12 = 30 days → ρ = 0.015", () => {
    const doc = schedule(loan({ interest: { rate: "0.05", per: "day" }, dayCount: "30/360" }));
    for (const r of doc.installments) expectFraction(r.explain.rateFactorExact, 3n, 200n);
  });

  it("1 % per month, daily based: January is 12 · 31/365 months → ρ = 0.01 · 372/365 = 93/9125", () => {
    const doc = schedule(loan({ loanType: "annuity-daily", interest: { rate: "1", per: "month" } }));
    expectFraction(row(doc, 1).explain.rateFactorExact, 93n, 9125n);
    expect(row(doc, 1).interest).toBe("10.19"); // 1000 · 93/9125 = 10.1918
  });
});

describe("amount rates (interest.kind amount)", () => {
  it("10.00 per month on a monthly loan charges 10.00 a period; level (1000 + 30)/3 = 343.33", () => {
    // ρ = 1000 minor units · 1 month → 10.00 while the balance is > 0.
    // level = roundStep((B₀ + Σ interest) / M) = (1000.00 + 30.00) / 3 = 343.333 → 343.33
    // principal 333.33, 333.33, then the balance 333.34 → last 343.34
    const doc = schedule(loan({ interest: { rate: "10.00", per: "month", kind: "amount" } }));
    expect(column(doc, "interest")).toEqual(["10.00", "10.00", "10.00"]);
    expect(doc.derived.levelInstallment).toBe("343.33");
    expect(column(doc, "principal")).toEqual(["333.33", "333.33", "333.34"]);
    expect(column(doc, "total")).toEqual(["343.33", "343.33", "343.34"]);
  });

  it("1.00 per day, daily based, charges 31.00, 29.00, 31.00; level (1000 + 91)/3 = 363.67", () => {
    // interest = 1.00 · days: 31.00, 29.00, 31.00 (Σ 91.00); level = 1091.00 / 3 = 363.667 → 363.67
    // principal 332.67, 334.67, then the balance 1000.00 − 667.34 = 332.66 → last 363.66
    const doc = schedule(
      loan({ loanType: "annuity-daily", interest: { rate: "1.00", per: "day", kind: "amount" } }),
    );
    expect(column(doc, "interest")).toEqual(["31.00", "29.00", "31.00"]);
    expect(doc.derived.levelInstallment).toBe("363.67");
    expect(column(doc, "principal")).toEqual(["332.67", "334.67", "332.66"]);
    expect(column(doc, "total")).toEqual(["363.67", "363.67", "363.66"]);
  });
});
