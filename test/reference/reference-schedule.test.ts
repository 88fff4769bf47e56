/**
 * Sanity tests of the reference implementation itself. Every expected value below was worked out by hand from
 * docs/reference/schedule-rules.md (the working is in the comments), not by running code.
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { daysBetween, type ReferenceSchedule, referenceSchedule } from "./reference-schedule.ts";

/** [principal, interest, feesTotal, total, balance] per row. */
function columns(schedule: ReferenceSchedule): string[][] {
  return schedule.installments.map((r) => [r.principal, r.interest, r.feesTotal, r.total, r.balance]);
}

const base = {
  principal: "1000.00",
  currency: "EUR",
  disbursementDate: "2024-01-15",
  installments: 3,
  interest: { rate: "12" },
};

describe("reference schedule — hand-checked examples", () => {
  it("annuity, 1000.00 at 12 %/year, 3 monthly installments", () => {
    // ρ = 0.12 · 1/12 = 0.01. A = 1000 · 0.01 / (1 − 1.01^−3); 1.01^3 = 1.030301, 1.01^−3 = 0.9705901…,
    // 1 − that = 0.0294099…, 10 / 0.0294099 = 340.0221… → 340.02.
    // 1: I = 1000.00 · 0.01 = 10.00, P = 330.02, B = 669.98
    // 2: I = 6.6998 → 6.70, P = 333.32, B = 336.66
    // 3: I = 3.3666 → 3.37, P = 336.66 (the rest), total 340.03
    const s = referenceSchedule(base);
    expect(columns(s)).toEqual([
      ["330.02", "10.00", "0.00", "340.02", "669.98"],
      ["333.32", "6.70", "0.00", "340.02", "336.66"],
      ["336.66", "3.37", "0.00", "340.03", "0.00"],
    ]);
    expect(s.installments.map((r) => [r.startDate, r.dueDate, r.days])).toEqual([
      ["2024-01-15", "2024-02-15", 31],
      ["2024-02-15", "2024-03-15", 29],
      ["2024-03-15", "2024-04-15", 31],
    ]);
    expect(s.totals).toEqual({
      principal: "1000.00",
      interest: "20.07",
      fees: "0.00",
      total: "1020.07",
      installments: 3,
      netDisbursement: "1000.00",
      financedFees: "0.00",
      capitalizedInterest: "0.00",
      maturityDate: "2024-04-15",
    });
    expect(s.currency).toBe("EUR");
  });

  it("interest placement last moves all interest to the last row", () => {
    // Same loan: interest 10.00 + 6.70 + 3.37 = 20.07 due last; principal unchanged.
    const s = referenceSchedule({ ...base, placement: { interest: "last" } });
    expect(columns(s)).toEqual([
      ["330.02", "0.00", "0.00", "330.02", "669.98"],
      ["333.32", "0.00", "0.00", "333.32", "336.66"],
      ["336.66", "20.07", "0.00", "356.73", "0.00"],
    ]);
  });

  it("classic (equal principal)", () => {
    // split(100000, 3): 33333.33 → 33333, residual +1 in the last part.
    // I: 10.00; 666.67 · 0.01 = 6.6667 → 6.67; 333.34 · 0.01 = 3.3334 → 3.33.
    const s = referenceSchedule({ ...base, loanType: "classic" });
    expect(columns(s)).toEqual([
      ["333.33", "10.00", "0.00", "343.33", "666.67"],
      ["333.33", "6.67", "0.00", "340.00", "333.34"],
      ["333.34", "3.33", "0.00", "336.67", "0.00"],
    ]);
  });

  it("classic with residual spread and a 1.00 step", () => {
    // a = 100 · floor(100000 / 300) = 33300; e = floor((100000 − 99900) / 100) = 1 → 334.00, 333.00, 333.00.
    const s = referenceSchedule({
      ...base,
      loanType: "classic",
      interest: { rate: "0" },
      rounding: { step: "1.00", residual: "spread" },
    });
    expect(s.installments.map((r) => r.principal)).toEqual(["334.00", "333.00", "333.00"]);
  });

  it("classic with residual first", () => {
    // a = 33333, residual +1 goes to the first part.
    const s = referenceSchedule({
      ...base,
      loanType: "classic",
      interest: { rate: "0" },
      rounding: { residual: "first" },
    });
    expect(s.installments.map((r) => r.principal)).toEqual(["333.34", "333.33", "333.33"]);
  });

  it("flat", () => {
    // 1200.00, 12 monthly at 12 %: I_total = 120000 · 12 · 0.01 = 14400 minor = 144.00.
    // Installments split(134400, 12) = 11200 = 112.00; interest splitMinor(14400, 12) = 12.00; principal 100.00.
    const s = referenceSchedule({ ...base, principal: "1200.00", installments: 12, loanType: "flat" });
    for (const row of s.installments) {
      expect([row.principal, row.interest, row.total]).toEqual(["100.00", "12.00", "112.00"]);
    }
    expect(s.totals.interest).toBe("144.00");
  });

  it("rule of 78", () => {
    // I_total = round(100000 · 3 · 0.01) = 3000. Installments split(103000, 3): 34333.33 → 34333, last 34334.
    // Interest parts: 3000 · 3/6 = 1500, 3000 · 2/6 = 1000, remainder 500.
    // Principal: 34333 − 1500 = 32833, 34333 − 1000 = 33333, 34334 − 500 = 33834 (sum 100000).
    const s = referenceSchedule({ ...base, loanType: "rule-of-78" });
    expect(columns(s)).toEqual([
      ["328.33", "15.00", "0.00", "343.33", "671.67"],
      ["333.33", "10.00", "0.00", "343.33", "338.34"],
      ["338.34", "5.00", "0.00", "343.34", "0.00"],
    ]);
  });

  it("JPY with a 100 yen step", () => {
    // A_exact = 100000 · 0.01 / (1 − 1.01^−3) = 34002.21… → 340.02 steps → 340 → 34000.
    // I: 1000; 67000 · 0.01 = 670; 33670 · 0.01 = 336.7 → 337. Last principal 33670, total 34007.
    const s = referenceSchedule({ ...base, principal: "100000", currency: "JPY", rounding: { step: "100" } });
    expect(columns(s)).toEqual([
      ["33000", "1000", "0", "34000", "67000"],
      ["33330", "670", "0", "34000", "33670"],
      ["33670", "337", "0", "34007", "0"],
    ]);
  });

  it("KWD amounts have three digits; an installment fee", () => {
    // 0 %, 2 installments: A = 100000 / 2 = 50000 minor = 50.000; fee 1.250 on each.
    const s = referenceSchedule({
      ...base,
      principal: "100.000",
      currency: "KWD",
      installments: 2,
      interest: { rate: "0" },
      fees: [{ name: "admin", amount: "1.250" }],
    });
    expect(columns(s)).toEqual([
      ["50.000", "0.000", "1.250", "51.250", "50.000"],
      ["50.000", "0.000", "1.250", "51.250", "0.000"],
    ]);
    expect(s.installments[0]?.fees).toEqual([{ name: "admin", amount: "1.250" }]);
    expect(s.totals.fees).toBe("2.500");
  });

  it("30/360 US vs 30E/360 vs actual/365, daily based", () => {
    // 2024-05-01 + 30 days = 2024-05-31. US: D1 = 1 stays, D2 = 31 stays (D1 < 30) → 30 days.
    // EU: D2 = 31 → 30 → 29 days. Interest on 3600.00 at 10 %: 360000 · 0.1 · 30/360 = 3000 → 30.00,
    // · 29/360 → 29.00; actual/365: 360000 · 0.1 · 30/365 = 2958.90… → 29.59.
    const loan = {
      principal: "3600.00",
      currency: "EUR",
      disbursementDate: "2024-05-01",
      installments: 1,
      period: { every: 30, unit: "day" },
      loanType: "annuity-daily",
      interest: { rate: "10" },
    };
    expect(referenceSchedule({ ...loan, dayCount: "30/360" }).installments[0]?.interest).toBe("30.00");
    expect(referenceSchedule({ ...loan, dayCount: "30E/360" }).installments[0]?.interest).toBe("29.00");
    expect(
      referenceSchedule({ ...loan, dayCount: { daysInYear: 360, daysInMonth: 30 } }).installments[0]
        ?.interest,
    ).toBe("30.00");
    expect(referenceSchedule(loan).installments[0]?.interest).toBe("29.59");
  });

  it("actual/actual ISDA splits at 1 January", () => {
    // 2023-12-15 → 2024-01-15: 17 days of 2023 (/365) + 14 days of 2024 (/366).
    // 3650000 · 0.1 · (17/365 + 14/366) = 17000 + 5110000/366 = 17000 + 13961.748… = 30961.75 → 309.62.
    const s = referenceSchedule({
      principal: "36500.00",
      currency: "EUR",
      disbursementDate: "2023-12-15",
      installments: 1,
      loanType: "annuity-daily",
      dayCount: "actual/actual",
      interest: { rate: "10" },
    });
    expect(s.installments[0]?.interest).toBe("309.62");
    expect(s.installments[0]?.dueDate).toBe("2024-01-15");
  });

  it("daily rounding rounds each day's interest", () => {
    // 100000 · 0.1 / 365 = 27.397… → 27 per day, 31 days → 837 = 8.37
    // (without daily rounding: 100000 · 0.1 · 31/365 = 849.31… → 8.49).
    const loan = {
      principal: "1000.00",
      currency: "EUR",
      disbursementDate: "2024-01-01",
      installments: 1,
      loanType: "annuity-daily",
      interest: { rate: "10" },
    };
    expect(referenceSchedule(loan).installments[0]?.interest).toBe("8.49");
    expect(
      referenceSchedule({ ...loan, interest: { rate: "10", dailyRounding: true } }).installments[0]?.interest,
    ).toBe("8.37");
  });

  it("broken first period, installment based", () => {
    // Anchor 2024-01-16; regular start t(−1) = 2023-12-16; days(1) = 15 of a 31-day regular period.
    // ρ(1) = 0.01 · 15/31; interest = 100000 · 0.15/31 = 483.87… → 4.84.
    const s = referenceSchedule({
      ...base,
      disbursementDate: "2024-01-01",
      firstDueDate: "2024-01-16",
      installments: 1,
    });
    expect(columns(s)).toEqual([["1000.00", "4.84", "0.00", "1004.84", "0.00"]]);
  });

  it("broken first period, keepInstallmentsEqual true (default) and false", () => {
    const loan = { ...base, disbursementDate: "2024-01-01", firstDueDate: "2024-01-16" };
    // keep = true: ρ*(1) = 0.15/31 = 0.0048387…, ρ*(2) = ρ*(3) = 0.01.
    // A = 1000 · 1.0048387 / (1 + 1/1.01 + 1/1.0201) = 1004.8387 / 2.9703951 = 338.2845… → 338.28.
    // 1: I 4.84, P 333.44, B 666.56; 2: I 6.6656 → 6.67, P 331.61, B 334.95; 3: I 3.3495 → 3.35, P 334.95.
    expect(columns(referenceSchedule(loan))).toEqual([
      ["333.44", "4.84", "0.00", "338.28", "666.56"],
      ["331.61", "6.67", "0.00", "338.28", "334.95"],
      ["334.95", "3.35", "0.00", "338.30", "0.00"],
    ]);
    // keep = false: A from regular rates = 340.02; first principal = 340.02 − round(1000.00 · 0.01) = 330.02,
    // and the first row carries the actual (smaller) interest 4.84. Then as in the regular example.
    const s = referenceSchedule({ ...loan, firstPeriod: { keepInstallmentsEqual: false } });
    expect(columns(s)).toEqual([
      ["330.02", "4.84", "0.00", "334.86", "669.98"],
      ["333.32", "6.70", "0.00", "340.02", "336.66"],
      ["336.66", "3.37", "0.00", "340.03", "0.00"],
    ]);
    expect(s.installments.map((r) => r.dueDate)).toEqual(["2024-01-16", "2024-02-16", "2024-03-16"]);
  });

  it("semi-monthly points split each anchored month", () => {
    // Anchor 2024-01-31. t(1): b0 = 01-31, b1 = 02-29 (29 days), + floor(29/2) = 14 → 02-14; t(2) = 02-29;
    // t(3): b0 = 02-29, b1 = 03-31 (31 days) + 15 → 03-15; t(4) = 03-31.
    // Classic 250.00 each; interest per period = 1/24 year: 1000 · 0.005 = 5.00, 3.75, 2.50, 1.25.
    const s = referenceSchedule({
      ...base,
      disbursementDate: "2024-01-31",
      installments: 4,
      period: "semi-monthly",
      loanType: "classic",
    });
    expect(s.installments.map((r) => [r.dueDate, r.days, r.interest])).toEqual([
      ["2024-02-14", 14, "5.00"],
      ["2024-02-29", 15, "3.75"],
      ["2024-03-15", 15, "2.50"],
      ["2024-03-31", 16, "1.25"],
    ]);
  });

  it("grace capitalized", () => {
    // 1: interest 10.00 capitalized → balance 1010.00.
    // A over 2 = 1010 · 1.0201 · 0.01 / 0.0201 = 10.30301 / 0.0201 = 512.587… → 512.59.
    // 2: I 10.10, P 502.49, B 507.51; 3: I 5.0751 → 5.08, P 507.51, total 512.59.
    const s = referenceSchedule({ ...base, grace: { installments: 1, type: "capitalized" } });
    expect(columns(s)).toEqual([
      ["0.00", "0.00", "0.00", "0.00", "1010.00"],
      ["502.49", "10.10", "0.00", "512.59", "507.51"],
      ["507.51", "5.08", "0.00", "512.59", "0.00"],
    ]);
    expect(s.installments[0]?.capitalized).toBe("10.00");
    expect(s.totals.principal).toBe("1010.00");
    expect(s.totals.capitalizedInterest).toBe("10.00");
  });

  it("grace with spread interest", () => {
    // Grace interest 10.00 is not due; amortize 1000.00 over 2: A = 10.201 / 0.0201 = 507.512… → 507.51.
    // 2: I 10.00, P 497.51, B 502.49; 3: I 5.0249 → 5.02, P 502.49. Spread 1000 minor / 2 = 5.00 each.
    const s = referenceSchedule({ ...base, grace: { installments: 1, interest: "spread" } });
    expect(columns(s)).toEqual([
      ["0.00", "0.00", "0.00", "0.00", "1000.00"],
      ["497.51", "15.00", "0.00", "512.51", "502.49"],
      ["502.49", "10.02", "0.00", "512.51", "0.00"],
    ]);
  });

  it("no-interest grace waives interest and fees", () => {
    // Row 1 carries nothing; rows 2–3 as the spread example without the spread, plus a 1.00 fee.
    const s = referenceSchedule({
      ...base,
      grace: { installments: 1, type: "no-interest" },
      fees: [{ name: "admin", amount: "1.00", charge: "installment" }],
    });
    expect(columns(s)).toEqual([
      ["0.00", "0.00", "0.00", "0.00", "1000.00"],
      ["497.51", "10.00", "1.00", "508.51", "502.49"],
      ["502.49", "5.02", "1.00", "508.51", "0.00"],
    ]);
  });

  it("bullet", () => {
    const s = referenceSchedule({ ...base, loanType: "bullet" });
    expect(columns(s)).toEqual([
      ["0.00", "10.00", "0.00", "10.00", "1000.00"],
      ["0.00", "10.00", "0.00", "10.00", "1000.00"],
      ["1000.00", "10.00", "0.00", "1010.00", "0.00"],
    ]);
  });

  it("graduated, balloon target and plan at 0 %", () => {
    const zero = { ...base, interest: { rate: "0" } };
    // Weights 1, 1.1, 1.21 (sum 3.31): A_exact = 1000 / 3.31 = 302.1148… → 302.11; · 1.1 = 332.326… → 332.33;
    // last = 1000 − 302.11 − 332.33 = 365.56.
    const graduated = referenceSchedule({
      ...zero,
      paymentMethod: { type: "graduated", changePercent: "10", every: 1 },
    });
    expect(graduated.installments.map((r) => r.total)).toEqual(["302.11", "332.33", "365.56"]);
    // (1000 − 200) / 4 = 200.00; the last pays 200.00 + the 200.00 balloon.
    const balloon = referenceSchedule({
      ...zero,
      installments: 4,
      paymentMethod: { type: "balloon", balloon: "200.00" },
    });
    expect(balloon.installments.map((r) => r.principal)).toEqual(["200.00", "200.00", "200.00", "400.00"]);
    // Tiers 100, 100, 300: n = 3 from the tiers; the last installment takes the remaining 800.00.
    const plan = referenceSchedule({
      principal: "1000.00",
      currency: "EUR",
      disbursementDate: "2024-01-15",
      interest: { rate: "0" },
      paymentMethod: {
        type: "plan",
        tiers: [
          { from: 1, to: 2, amount: "100.00" },
          { from: 3, to: 3, amount: "300.00" },
        ],
      },
    });
    expect(plan.installments.map((r) => r.principal)).toEqual(["100.00", "100.00", "800.00"]);
  });

  it("disbursement fees: financed and deducted", () => {
    // 1 % of 1000.00 = 10.00. Financed: balance 1010.00, 0 % over 2 → 505.00 each.
    const financed = referenceSchedule({
      ...base,
      installments: 2,
      interest: { rate: "0" },
      fees: [{ name: "origination", percent: "1", charge: "disbursement", origination: "financed" }],
    });
    expect(financed.installments.map((r) => r.principal)).toEqual(["505.00", "505.00"]);
    expect([
      financed.totals.principal,
      financed.totals.financedFees,
      financed.totals.netDisbursement,
    ]).toEqual(["1010.00", "10.00", "1000.00"]);
    // Deducted: the schedule is unchanged, the borrower receives 990.00.
    const deducted = referenceSchedule({
      ...base,
      installments: 2,
      interest: { rate: "0" },
      fees: [{ name: "origination", percent: "1", charge: "disbursement" }],
    });
    expect(deducted.installments.map((r) => r.principal)).toEqual(["500.00", "500.00"]);
    expect(deducted.totals.netDisbursement).toBe("990.00");
    // First installment: due with installment 1.
    const first = referenceSchedule({
      ...base,
      installments: 2,
      interest: { rate: "0" },
      fees: [
        { name: "origination", amount: "7.00", charge: "disbursement", origination: "first-installment" },
      ],
    });
    expect(first.installments.map((r) => r.feesTotal)).toEqual(["7.00", "0.00"]);
  });

  it("fees every N days, end and start timing", () => {
    // D = 2024-01-01, dues 02-01 and 03-01. End: D+15 = 01-16, 01-31 (row 1), 02-15, 03-01 (row 2; (start, due]).
    // Start: j ≥ 0: 01-01, 01-16, 01-31 (row 1), 02-15 (row 2); 03-01 is not before the last due date.
    const loan = { ...base, disbursementDate: "2024-01-01", installments: 2, interest: { rate: "0" } };
    const end = referenceSchedule({
      ...loan,
      fees: [{ name: "f", amount: "1.00", charge: { everyDays: 15 } }],
    });
    expect(end.installments.map((r) => r.feesTotal)).toEqual(["2.00", "2.00"]);
    const start = referenceSchedule({
      ...loan,
      fees: [{ name: "f", amount: "1.00", charge: { everyDays: 15 }, timing: "start" }],
    });
    expect(start.installments.map((r) => r.feesTotal)).toEqual(["3.00", "1.00"]);
  });

  it("daysBetween agrees with Temporal's own until()", () => {
    const date = fc
      .record({
        year: fc.integer({ min: 1900, max: 2300 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 31 }),
      })
      .map((bag) => Temporal.PlainDate.from(bag)); // days past the month end are clamped
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(daysBetween(a, b)).toBe(a.until(b, { largestUnit: "day" }).days);
      }),
      { numRuns: 300 },
    );
  });
});
