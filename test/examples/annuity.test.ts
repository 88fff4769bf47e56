// Annuity (level installment) schedules checked against hand calculations and published figures.
// Rules: docs/reference/schedule-rules.md §2 (due dates), §3 (rate factors), §5.1 (level payment), §6 (steps).
// Every loan below is installment based (distribution "period") unless it says annuity-daily, so a regular
// monthly period is 1/12 year and at 12 %/year its rate factor is ρ = 0.12 / 12 = 0.01.
import { describe, expect, it } from "vitest";
import { column, expectFraction, loan, row, schedule, sum, warningCodes } from "./helpers.ts";

describe("annuity: 1000.00 EUR at 12 %/year, 3 monthly installments from 2024-01-01", () => {
  // A = P·ρ / (1 − (1+ρ)^−3) = 1000 · 0.01 / (1 − 1.01^−3) = 10 / (1 − 0.970590148) = 10 / 0.029409852
  //   = 340.0221… → 340.02 (half-even).
  // Row 1: I = 1000.00 · 0.01 = 10.00;  P = 340.02 − 10.00 = 330.02; B = 669.98
  // Row 2: I = 669.98 · 0.01 = 6.6998 → 6.70; P = 333.32; B = 336.66
  // Row 3: I = 336.66 · 0.01 = 3.3666 → 3.37; P = 336.66 (the last takes the balance); total 340.03
  const doc = schedule(loan());

  it("derives the level installment 340.02 from the annuity formula", () => {
    expect(doc.derived.levelInstallment).toBe("340.02");
  });

  it("charges interest 10.00, 6.70, 3.37 on the declining balance", () => {
    expect(column(doc, "interest")).toEqual(["10.00", "6.70", "3.37"]);
    expect(column(doc, "principal")).toEqual(["330.02", "333.32", "336.66"]);
    expect(column(doc, "balance")).toEqual(["669.98", "336.66", "0.00"]);
  });

  it("lets the last installment absorb the rounding: 340.02, 340.02, 340.03", () => {
    expect(column(doc, "total")).toEqual(["340.02", "340.02", "340.03"]);
    expect(doc.totals.interest).toBe("20.07"); // 10.00 + 6.70 + 3.37
    expect(doc.totals.total).toBe("1020.07");
  });

  it("is due on the 1st of each month, with 31, 29 and 31 days", () => {
    expect(column(doc, "dueDate")).toEqual(["2024-02-01", "2024-03-01", "2024-04-01"]);
    expect(column(doc, "startDate")).toEqual(["2024-01-01", "2024-02-01", "2024-03-01"]);
    expect(column(doc, "days")).toEqual([31, 29, 31]);
    expect(doc.totals.maturityDate).toBe("2024-04-01");
  });

  it("explains every period as time 1/12 year and rate factor 1/100, whatever its days", () => {
    for (const r of doc.installments) {
      expectFraction(r.explain.time, 1n, 12n);
      expectFraction(r.explain.rateFactorExact, 1n, 100n);
      expect(r.explain.basis).toBe("period");
    }
  });
});

describe("annuity: published references", () => {
  it("matches the peer study's cent ledger for 300,000.00 USD at 6.5 % over 360 months", () => {
    // Source: /work/shared/research/peer-bench.md §3 (bigint cent ledger, computed independently there):
    // unrounded payment 1,896.2040704789 → 1,896.20; interest rounded half-even per period; the last
    // installment takes the rest: total interest 382,636.71, last installment 1,900.91, last balance 0.00.
    const doc = schedule(
      loan({
        principal: "300000.00",
        currency: "USD",
        installments: 360,
        interest: { rate: "6.5", per: "year" },
        rounding: { mode: "half-even" },
      }),
    );
    expect(doc.derived.levelInstallment).toBe("1896.20");
    expect(doc.totals.interest).toBe("382636.71");
    expect(row(doc, 360).total).toBe("1900.91");
    expect(row(doc, 359).total).toBe("1896.20");
    expect(sum(column(doc, "principal"))).toBe("300000.00");
  });

  it("matches Fineract's 100 @ 7 %/year × 6 months: last installment 17.00 with principal 16.90", () => {
    // Source: /work/shared/research/anchors-loan-engines.md §A2, "Last-installment residual" row (Fineract:
    // 17.00/16.90; loanjs wrongly shows 17.01/16.91). Hand check, ρ = 7/1200 = 0.0058333…, half-even:
    // (1+ρ)^6 = 1.035514404; A = 100 · ρ / (1 − 1.035514404^−1) = 0.583333 / 0.034296388 = 17.0086 → 17.01
    // 1: I = 100.00·ρ = 0.58333 → 0.58; P 16.43; B 83.57
    // 2: I = 83.57·ρ = 0.48749 → 0.49; P 16.52; B 67.05
    // 3: I = 67.05·ρ = 0.39113 → 0.39; P 16.62; B 50.43
    // 4: I = 50.43·ρ = 0.29418 → 0.29; P 16.72; B 33.71
    // 5: I = 33.71·ρ = 0.19664 → 0.20; P 16.81; B 16.90
    // 6: I = 16.90·ρ = 0.09858 → 0.10; P 16.90 (the balance); total 17.00
    const doc = schedule(
      loan({ principal: "100.00", currency: "USD", installments: 6, interest: { rate: "7", per: "year" } }),
    );
    expect(doc.derived.levelInstallment).toBe("17.01");
    expect(column(doc, "interest")).toEqual(["0.58", "0.49", "0.39", "0.29", "0.20", "0.10"]);
    expect(column(doc, "balance")).toEqual(["83.57", "67.05", "50.43", "33.71", "16.90", "0.00"]);
    expect(row(doc, 6).principal).toBe("16.90");
    expect(row(doc, 6).total).toBe("17.00");
  });
});

describe("annuity: special cases", () => {
  it("splits a 0 % loan evenly: 1000.00 / 3 → 333.33, 333.33, 333.34", () => {
    // ρ = 0, so v(i) = 1 and A = 1000.00 / 3 = 333.333… → 333.33; the last takes 1000.00 − 666.66 = 333.34.
    const doc = schedule(loan({ interest: { rate: "0", per: "year" } }));
    expect(column(doc, "total")).toEqual(["333.33", "333.33", "333.34"]);
    expect(column(doc, "interest")).toEqual(["0.00", "0.00", "0.00"]);
    expect(doc.totals.interest).toBe("0.00");
  });

  it("repays a one-installment loan as principal plus one period's interest: 1000.00 + 10.00", () => {
    // A = 1000 · 0.01 / (1 − 1.01^−1) = 1000 · 1.01 = 1010.00; I = 10.00, P = 1000.00.
    const doc = schedule(loan({ installments: 1 }));
    expect(doc.installments).toHaveLength(1);
    expect(row(doc, 1)).toMatchObject({
      principal: "1000.00",
      interest: "10.00",
      total: "1010.00",
      balance: "0.00",
    });
    expect(row(doc, 1).dueDate).toBe("2024-02-01");
  });
});

describe("annuity: currencies with 0 and 3 minor-unit digits", () => {
  // Same loan as above scaled to 1,000,000 minor units: A = 1,000,000 · 0.01 / 0.029409852 = 340,022.11 → 340,022
  // 1: I = 10,000; P = 330,022; B = 669,978
  // 2: I = 669,978 · 0.01 = 6,699.78 → 6,700; P = 333,322; B = 336,656
  // 3: I = 336,656 · 0.01 = 3,366.56 → 3,367; P = 336,656; total 340,023
  it("rounds JPY amounts to whole yen", () => {
    const doc = schedule(loan({ principal: "1000000", currency: "JPY" }));
    expect(doc.derived.levelInstallment).toBe("340022");
    expect(column(doc, "interest")).toEqual(["10000", "6700", "3367"]);
    expect(column(doc, "total")).toEqual(["340022", "340022", "340023"]);
  });

  it("rounds KWD amounts to the fils (3 digits)", () => {
    const doc = schedule(loan({ principal: "1000.000", currency: "KWD" }));
    expect(doc.derived.levelInstallment).toBe("340.022");
    expect(column(doc, "interest")).toEqual(["10.000", "6.700", "3.367"]);
    expect(column(doc, "balance")).toEqual(["669.978", "336.656", "0.000"]);
    expect(column(doc, "total")).toEqual(["340.022", "340.022", "340.023"]);
  });
});

describe("annuity: rounding step and mode", () => {
  it("with step 1 makes installments whole euros and the last absorbs: 340.00, 340.00, 340.07", () => {
    // A = roundStep(340.0221, 1.00) = 340.00 (half-even)
    // 1: I 10.00; P 330.00; B 670.00   2: I 6.70; P 333.30; B 336.70   3: I 3.367 → 3.37; P 336.70; total 340.07
    const doc = schedule(loan({ rounding: { step: "1" } }));
    expect(doc.derived.levelInstallment).toBe("340.00");
    expect(column(doc, "total")).toEqual(["340.00", "340.00", "340.07"]);
    expect(column(doc, "interest")).toEqual(["10.00", "6.70", "3.37"]);
  });

  it("with step 100 on 10,000.00 makes installments multiples of 100: 3400.00, 3400.00, 3400.67", () => {
    // A = 10,000 · 0.01 / 0.029409852 = 3400.221 → roundStep(…, 100) = 3400.00
    // 1: I 100.00; P 3300.00; B 6700.00   2: I 67.00; P 3333.00; B 3367.00   3: I 33.67; P 3367.00; total 3400.67
    const doc = schedule(loan({ principal: "10000.00", rounding: { step: "100" } }));
    expect(doc.derived.levelInstallment).toBe("3400.00");
    expect(column(doc, "total")).toEqual(["3400.00", "3400.00", "3400.67"]);
  });

  it("rounds the level up to 340.03 with mode up (and interest up)", () => {
    // A = up(340.0221) = 340.03
    // 1: I 10.00; P 330.03; B 669.97   2: I = 6.6997 → up 6.70; P 333.33; B 336.64
    // 3: I = 3.3664 → up 3.37; P 336.64; total 340.01
    const doc = schedule(loan({ rounding: { mode: "up" } }));
    expect(doc.derived.levelInstallment).toBe("340.03");
    expect(column(doc, "interest")).toEqual(["10.00", "6.70", "3.37"]);
    expect(column(doc, "total")).toEqual(["340.03", "340.03", "340.01"]);
  });

  it("rounds the level down to 340.02 with mode down (and interest down)", () => {
    // A = down(340.0221) = 340.02
    // 1: I 10.00; P 330.02; B 669.98   2: I = 6.6998 → down 6.69; P 333.33; B 336.65
    // 3: I = 3.3665 → down 3.36; P 336.65; total 340.01
    const doc = schedule(loan({ rounding: { mode: "down" } }));
    expect(doc.derived.levelInstallment).toBe("340.02");
    expect(column(doc, "interest")).toEqual(["10.00", "6.69", "3.36"]);
    expect(column(doc, "total")).toEqual(["340.02", "340.02", "340.01"]);
  });
});

describe("annuity-daily (daily based), actual/365: interest = B · 12 % · days / 365", () => {
  // Periods 2024-01-01 → 02-01 → 03-01 → 04-01: 31, 29, 31 days.
  // Standard payment rates are the regular factor (§5.1: "the rate factor of a regular period", 1/12 year → 0.01),
  // so A = 340.02 as above; the interest of each period is computed on its actual days:
  // 1: I = 1000.00 · 0.12 · 31/365 = 10.1918 → 10.19; P = 329.83; B = 670.17
  // 2: I =  670.17 · 0.12 · 29/365 =  6.3896 →  6.39; P = 333.63; B = 336.54
  // 3: I =  336.54 · 0.12 · 31/365 =  3.4299 →  3.43; P = 336.54; total 339.97
  const doc = schedule(loan({ loanType: "annuity-daily", dayCount: "actual/365" }));

  it("computes each period's rate factor from its days: 0.12·31/365, 0.12·29/365, 0.12·31/365", () => {
    expectFraction(row(doc, 1).explain.rateFactorExact, 12n * 31n, 100n * 365n);
    expectFraction(row(doc, 2).explain.rateFactorExact, 12n * 29n, 100n * 365n);
    expectFraction(row(doc, 3).explain.rateFactorExact, 12n * 31n, 100n * 365n);
    expect(column(doc, "explain").map((e) => e.basis)).toEqual(["day", "day", "day"]);
  });

  it("charges interest 10.19, 6.39, 3.43", () => {
    expect(column(doc, "interest")).toEqual(["10.19", "6.39", "3.43"]);
  });

  it("keeps the level 340.02 and settles 339.97 in the last installment", () => {
    expect(doc.derived.levelInstallment).toBe("340.02");
    expect(column(doc, "total")).toEqual(["340.02", "340.02", "339.97"]);
    expect(column(doc, "balance")).toEqual(["670.17", "336.54", "0.00"]);
  });
});

describe("annuity: broken first period via firstDueDate (§2, §3, §5.1)", () => {
  // Long: disbursed 2024-01-01, first due 2024-02-15 → anchor 15th; regular start t(−1) = 2024-01-15.
  // days(1) = 45 (1 Jan → 15 Feb); regular days = 31 (15 Jan → 15 Feb).
  // ρ(1) = 0.01 · 45/31 = 9/620 = 0.0145161; time(1) = 1/12 · 45/31 = 15/124.
  const long = { firstDueDate: "2024-02-15" };

  it("scales the long first period's rate factor by 45/31 and dates the rest from the 15th", () => {
    const doc = schedule(loan(long));
    expectFraction(row(doc, 1).explain.rateFactorExact, 9n, 620n);
    expectFraction(row(doc, 1).explain.time, 15n, 124n);
    expectFraction(row(doc, 2).explain.rateFactorExact, 1n, 100n);
    expect(column(doc, "dueDate")).toEqual(["2024-02-15", "2024-03-15", "2024-04-15"]);
    expect(column(doc, "days")).toEqual([45, 29, 31]);
  });

  it("keeps installments equal (default) by using ρ(1) in the payment: 341.54", () => {
    // v1 = 1/(1 + 9/620) = 0.985691574; v2 = v1/1.01; v3 = v2/1.01; Σv = 2.927893381
    // A = 1000 / 2.927893381 = 341.5425 → 341.54
    // 1: I = 1000 · 9/620 = 14.516 → 14.52; P 327.02; B 672.98
    // 2: I = 6.7298 → 6.73; P 334.81; B 338.17    3: I = 3.3817 → 3.38; P 338.17; total 341.55
    const doc = schedule(loan(long));
    expect(doc.derived.levelInstallment).toBe("341.54");
    expect(column(doc, "interest")).toEqual(["14.52", "6.73", "3.38"]);
    expect(column(doc, "total")).toEqual(["341.54", "341.54", "341.55"]);
  });

  it("with keepInstallmentsEqual false puts the extra interest in the first installment: 344.54", () => {
    // A from regular rates = 340.02; first principal = A − round(1000 · 0.01) = 330.02;
    // first interest is the actual 14.52, so installment 1 = 330.02 + 14.52 = 344.54; B = 669.98
    // then as the regular loan: 6.70 / 333.32 → 340.02, and 3.37 / 336.66 → 340.03.
    const doc = schedule(loan({ ...long, firstPeriod: { keepInstallmentsEqual: false } }));
    expect(doc.derived.levelInstallment).toBe("340.02");
    expect(column(doc, "principal")).toEqual(["330.02", "333.32", "336.66"]);
    expect(column(doc, "interest")).toEqual(["14.52", "6.70", "3.37"]);
    expect(column(doc, "total")).toEqual(["344.54", "340.02", "340.03"]);
  });

  // Short: disbursed 2024-01-20, first due 2024-02-01; regular start t(−1) = 2024-01-01.
  // days(1) = 12; regular days = 31; ρ(1) = 0.01 · 12/31 = 3/775 = 0.0038710.
  const short = { disbursementDate: "2024-01-20", firstDueDate: "2024-02-01" };

  it("scales the short first period's rate factor by 12/31", () => {
    const doc = schedule(loan(short));
    expectFraction(row(doc, 1).explain.rateFactorExact, 3n, 775n);
    expect(row(doc, 1).days).toBe(12);
    expect(column(doc, "dueDate")).toEqual(["2024-02-01", "2024-03-01", "2024-04-01"]);
  });

  it("keeps installments equal (default) with a short first period: 337.96", () => {
    // v1 = 1/(1 + 3/775) = 0.996143959; Σv = v1 · (1 + 1/1.01 + 1/1.01²) = 2.958941094
    // A = 1000 / 2.958941094 = 337.9587 → 337.96
    // 1: I = 1000 · 3/775 = 3.8710 → 3.87; P 334.09; B 665.91
    // 2: I = 6.6591 → 6.66; P 331.30; B 334.61    3: I = 3.3461 → 3.35; P 334.61; total 337.96
    const doc = schedule(loan(short));
    expect(doc.derived.levelInstallment).toBe("337.96");
    expect(column(doc, "interest")).toEqual(["3.87", "6.66", "3.35"]);
    expect(column(doc, "total")).toEqual(["337.96", "337.96", "337.96"]);
  });

  it("with keepInstallmentsEqual false the first installment carries less interest: 333.89", () => {
    // first principal = 340.02 − round(1000 · 0.01) = 330.02; first interest 3.87 → 333.89
    const doc = schedule(loan({ ...short, firstPeriod: { keepInstallmentsEqual: false } }));
    expect(column(doc, "principal")).toEqual(["330.02", "333.32", "336.66"]);
    expect(column(doc, "total")).toEqual(["333.89", "340.02", "340.03"]);
  });
});

describe("annuity: month-end anchoring (§2)", () => {
  it("disbursed 2024-01-31 monthly is due 2024-02-29, 2024-03-31, 2024-04-30", () => {
    // addMonthsAnchored(31 Jan, k): Feb has 29 days in 2024 → 29 Feb; Mar → 31; Apr → 30 (never chained).
    const doc = schedule(loan({ disbursementDate: "2024-01-31" }));
    expect(column(doc, "dueDate")).toEqual(["2024-02-29", "2024-03-31", "2024-04-30"]);
    expect(column(doc, "days")).toEqual([29, 31, 30]);
    expect(warningCodes(doc)).toEqual([]);
  });
});
