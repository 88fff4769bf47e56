// Grace (§7), fees (§8) and placement (§5.5, §9). Base: 1000.00 EUR at 12 %/year monthly from 2024-01-01,
// installment based → ρ = 0.01 per period. The 3-installment annuity from 1000.00 is 340.02 (interest 10.00,
// 6.70, 3.37; last 340.03); the 4-installment one is 1000 · 0.01 / (1 − 1.01^−4) = 256.28.
// `schedule()` (helpers.ts) checks on every schedule that total = principal + interest + feesTotal per row.

import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { column, loan, row, schedule, sum } from "./helpers.ts";

describe("grace: 1 grace installment, then 3 amortizing from 2024-02-01", () => {
  it("no-interest: nothing is due in grace (rate factor 0), then the 340.02 annuity", () => {
    const doc = schedule(loan({ installments: 4, grace: { installments: 1, type: "no-interest" } }));
    expect(row(doc, 1)).toMatchObject({
      principal: "0.00",
      interest: "0.00",
      total: "0.00",
      balance: "1000.00",
    });
    expect(row(doc, 1).explain.grace).toBe(true);
    expect(row(doc, 1).explain.rateFactorExact).toBe("0");
    expect(column(doc, "total").slice(1)).toEqual(["340.02", "340.02", "340.03"]);
    expect(column(doc, "interest").slice(1)).toEqual(["10.00", "6.70", "3.37"]);
  });

  it("interest-only: grace pays 10.00 of interest, then the 340.02 annuity", () => {
    const doc = schedule(loan({ installments: 4, grace: { installments: 1, type: "interest-only" } }));
    expect(row(doc, 1)).toMatchObject({
      principal: "0.00",
      interest: "10.00",
      total: "10.00",
      balance: "1000.00",
    });
    expect(column(doc, "total").slice(1)).toEqual(["340.02", "340.02", "340.03"]);
  });

  it("capitalized: 10.00 is added to the balance, and 1010.00 amortizes at 343.42", () => {
    // grace: I = 10.00 capitalized → B₀ = 1010.00; A = 1010 · 0.01 / 0.029409852 = 343.4223 → 343.42
    // 2: I = 10.10; P 333.32; B 676.68   3: I = 6.7668 → 6.77; P 336.65; B 340.03
    // 4: I = 3.4003 → 3.40; P 340.03; total 343.43
    const doc = schedule(loan({ installments: 4, grace: { installments: 1, type: "capitalized" } }));
    expect(row(doc, 1)).toMatchObject({
      principal: "0.00",
      total: "0.00",
      balance: "1010.00",
      capitalized: "10.00",
    });
    expect(doc.totals.capitalizedInterest).toBe("10.00");
    expect(doc.derived.levelInstallment).toBe("343.42");
    expect(column(doc, "interest").slice(1)).toEqual(["10.10", "6.77", "3.40"]);
    expect(column(doc, "total").slice(1)).toEqual(["343.42", "343.42", "343.43"]);
    expect(sum(column(doc, "principal"))).toBe("1010.00"); // principal + capitalized interest
  });

  it("spread: the grace interest (10.00) is added to the amortizing interest as 3.33, 3.33, 3.34", () => {
    // grace accrues 10.00 on the unchanged balance, not due; splitMinor(1000, 3) = 333, 333, 334 minor.
    // The amortization (A = 340.02 from 1000.00) is unchanged: own interest 10.00, 6.70, 3.37,
    // so the interest due is 13.33, 10.03, 6.71 and the installments 343.35, 343.35, 343.37.
    const doc = schedule(loan({ installments: 4, grace: { installments: 1, interest: "spread" } }));
    expect(row(doc, 1)).toMatchObject({
      principal: "0.00",
      interest: "0.00",
      total: "0.00",
      balance: "1000.00",
    });
    expect(row(doc, 1).explain.accruedInterest).toBe("10.00");
    expect(column(doc, "principal").slice(1)).toEqual(["330.02", "333.32", "336.66"]);
    expect(column(doc, "interest").slice(1)).toEqual(["13.33", "10.03", "6.71"]);
    expect(doc.totals.interest).toBe("30.07"); // 10.00 + 10.00 + 6.70 + 3.37
  });

  it("principal due, interest waived: amortizes over all 4 with a 0 payment rate in grace: 253.74", () => {
    // v = 1, 1/1.01, 1/1.01², 1/1.01³ → Σv = 1 + 0.990099 + 0.980296 + 0.970590 = 3.940985207
    // A = 1000 / 3.940985207 = 253.7437 → 253.74
    // 1: I 0 (waived); P 253.74; B 746.26   2: I = 7.4626 → 7.46; P 246.28; B 499.98
    // 3: I = 4.9998 → 5.00; P 248.74; B 251.24   4: I = 2.5124 → 2.51; P 251.24; total 253.75
    const doc = schedule(
      loan({ installments: 4, grace: { installments: 1, principal: "due", interest: "waived" } }),
    );
    expect(column(doc, "interest")).toEqual(["0.00", "7.46", "5.00", "2.51"]);
    expect(column(doc, "principal")).toEqual(["253.74", "246.28", "248.74", "251.24"]);
    expect(column(doc, "total")).toEqual(["253.74", "253.74", "253.74", "253.75"]);
  });

  it("principal due, interest paid: the grace changes nothing, it is the plain 4-installment annuity", () => {
    // A = 256.28: 1: I 10.00 P 246.28 B 753.72; 2: I 7.54 P 248.74 B 504.98; 3: I 5.05 P 251.23 B 253.75;
    // 4: I = 2.5375 → 2.54; P 253.75; total 256.29
    const doc = schedule(
      loan({ installments: 4, grace: { installments: 1, principal: "due", interest: "paid" } }),
    );
    expect(column(doc, "total")).toEqual(["256.28", "256.28", "256.28", "256.29"]);
    expect(column(doc, "interest")).toEqual(["10.00", "7.54", "5.05", "2.54"]);
  });

  it("no-interest waives installment fees in grace; interest-only charges them", () => {
    const fees = [{ name: "admin", amount: "5.00" }];
    const waived = schedule(loan({ installments: 4, fees, grace: { installments: 1, type: "no-interest" } }));
    expect(column(waived, "feesTotal")).toEqual(["0.00", "5.00", "5.00", "5.00"]);
    const charged = schedule(
      loan({ installments: 4, fees, grace: { installments: 1, type: "interest-only" } }),
    );
    expect(column(charged, "feesTotal")).toEqual(["5.00", "5.00", "5.00", "5.00"]);
    expect(row(charged, 1).total).toBe("15.00"); // 10.00 interest + 5.00 fee
  });
});

describe("installment fees", () => {
  it("a fixed 5.00 per installment is added on top of the 340.02 annuity", () => {
    const doc = schedule(loan({ fees: [{ name: "admin", amount: "5.00", charge: "installment" }] }));
    expect(row(doc, 1).fees).toEqual([{ name: "admin", amount: "5.00" }]);
    expect(column(doc, "feesTotal")).toEqual(["5.00", "5.00", "5.00"]);
    expect(column(doc, "total")).toEqual(["345.02", "345.02", "345.03"]);
    expect(doc.totals.fees).toBe("15.00");
  });

  it("1 % of the outstanding balance: 10.00, 6.70, 3.37", () => {
    // bases 1000.00, 669.98, 336.66 → 10.00, 6.6998 → 6.70, 3.3666 → 3.37
    const doc = schedule(loan({ fees: [{ name: "service", percent: "1", base: "outstanding" }] }));
    expect(column(doc, "feesTotal")).toEqual(["10.00", "6.70", "3.37"]);
  });

  it("0.5 % of the principal (the default base): 5.00 each", () => {
    const doc = schedule(loan({ fees: [{ name: "service", percent: "0.5" }] }));
    expect(column(doc, "feesTotal")).toEqual(["5.00", "5.00", "5.00"]);
  });

  it("1 % of the installment (principal + interest): 3.40, 3.40, 3.40", () => {
    // 340.02 · 1 % = 3.4002 → 3.40; last 340.03 · 1 % = 3.4003 → 3.40
    const doc = schedule(loan({ fees: [{ name: "service", percent: "1", base: "installment" }] }));
    expect(column(doc, "feesTotal")).toEqual(["3.40", "3.40", "3.40"]);
  });

  it("every 2 installments at the end: installments 2 and 4", () => {
    const doc = schedule(
      loan({ installments: 4, fees: [{ name: "svc", amount: "7.00", charge: { everyInstallments: 2 } }] }),
    );
    expect(column(doc, "feesTotal")).toEqual(["0.00", "7.00", "0.00", "7.00"]);
  });

  it("every 2 installments at the start: installments 1 and 3", () => {
    const doc = schedule(
      loan({
        installments: 4,
        fees: [{ name: "svc", amount: "7.00", charge: { everyInstallments: 2 }, timing: "start" }],
      }),
    );
    expect(column(doc, "feesTotal")).toEqual(["7.00", "0.00", "7.00", "0.00"]);
  });

  it("every 30 days at the end: 01-31, 03-01, 03-31 fall in periods 1, 2, 3", () => {
    // D + 30j for j ≥ 1 up to the last due date 04-01: 01-31, 03-01 (31 + 29 = 60 days), 03-31; 04-30 is later.
    // (start, due]: 01-31 ∈ (01-01, 02-01]; 03-01 ∈ (02-01, 03-01]; 03-31 ∈ (03-01, 04-01]
    const doc = schedule(loan({ fees: [{ name: "visit", amount: "2.00", charge: { everyDays: 30 } }] }));
    expect(column(doc, "feesTotal")).toEqual(["2.00", "2.00", "2.00"]);
  });

  it("every 30 days at the start: 01-01, 01-31 | none | 03-01, 03-31 → 4.00, 0.00, 4.00", () => {
    // j ≥ 0 before 04-01: 01-01, 01-31, 03-01, 03-31; [start, due): two in [01-01, 02-01), none in
    // [02-01, 03-01), two in [03-01, 04-01)
    const doc = schedule(
      loan({ fees: [{ name: "visit", amount: "2.00", charge: { everyDays: 30 }, timing: "start" }] }),
    );
    expect(column(doc, "feesTotal")).toEqual(["4.00", "0.00", "4.00"]);
  });

  it("tiers: 5.00 in installments 1–2, then 1 % of the outstanding in 3–4", () => {
    // 4-installment annuity balances at the start of periods 3 and 4: 504.98 and 253.75
    // → 5.0498 → 5.05 and 2.5375 → 2.54
    const doc = schedule(
      loan({
        installments: 4,
        fees: [
          {
            name: "service",
            base: "outstanding",
            tiers: [
              { from: 1, to: 2, amount: "5.00" },
              { from: 3, to: 4, percent: "1" },
            ],
          },
        ],
      }),
    );
    expect(column(doc, "feesTotal")).toEqual(["5.00", "5.00", "5.05", "2.54"]);
  });
});

describe("disbursement (origination) fees: 2 % of 1000.00 = 20.00", () => {
  const fee = (origination: string) => ({
    name: "origination",
    percent: "2",
    charge: "disbursement",
    origination,
  });

  it("deducted: the borrower receives 980.00 and the schedule is unchanged", () => {
    const doc = schedule(loan({ fees: [fee("deducted")] }));
    expect(doc.totals.netDisbursement).toBe("980.00");
    expect(column(doc, "total")).toEqual(["340.02", "340.02", "340.03"]);
  });

  it("deducted, with a second fee of 1 % of the disbursed amount: 1 % of 980.00 = 9.80 per installment", () => {
    const doc = schedule(
      loan({ fees: [fee("deducted"), { name: "service", percent: "1", base: "disbursed" }] }),
    );
    expect(column(doc, "feesTotal")).toEqual(["9.80", "9.80", "9.80"]);
  });

  it("financed: 1020.00 amortizes at 346.82", () => {
    // A = 1020 · 0.01 / 0.029409852 = 346.8226 → 346.82
    // 1: I 10.20; P 336.62; B 683.38   2: I = 6.8338 → 6.83; P 339.99; B 343.39
    // 3: I = 3.4339 → 3.43; P 343.39; total 346.82
    const doc = schedule(loan({ fees: [fee("financed")] }));
    expect(doc.totals.financedFees).toBe("20.00");
    expect(doc.totals.netDisbursement).toBe("1000.00");
    expect(column(doc, "interest")).toEqual(["10.20", "6.83", "3.43"]);
    expect(column(doc, "total")).toEqual(["346.82", "346.82", "346.82"]);
    expect(sum(column(doc, "principal"))).toBe("1020.00");
  });

  it("first-installment: 20.00 is due with installment 1 (360.02)", () => {
    const doc = schedule(loan({ fees: [fee("first-installment")] }));
    expect(column(doc, "feesTotal")).toEqual(["20.00", "0.00", "0.00"]);
    expect(column(doc, "total")).toEqual(["360.02", "340.02", "340.03"]);
  });
});

describe("placement", () => {
  it("the reference example: principal last, interest first, a fee in every installment", () => {
    // /work/shared/reference/calculation-engine.txt ("principal … in the last installment, the interest - in the
    // first installment, a fee - in every installment"). Principal last → interest on the full 1000.00 each
    // period: 10.00 × 3 = 30.00, all due in installment 1; admin fee 5.00 each time.
    // 1: P 0, I 30.00, fee 5.00 → 35.00   2: fee only → 5.00   3: P 1000.00 + fee → 1005.00
    const doc = schedule(
      loan({
        placement: { principal: "last", interest: "first" },
        fees: [{ name: "admin", amount: "5.00" }],
      }),
    );
    expect(column(doc, "principal")).toEqual(["0.00", "0.00", "1000.00"]);
    expect(column(doc, "interest")).toEqual(["30.00", "0.00", "0.00"]);
    expect(column(doc, "feesTotal")).toEqual(["5.00", "5.00", "5.00"]);
    expect(column(doc, "total")).toEqual(["35.00", "5.00", "1005.00"]);
    expect(column(doc, "balance")).toEqual(["1000.00", "1000.00", "0.00"]);
    expect(column(doc, "explain").map((e) => e.accruedInterest)).toEqual(["10.00", "10.00", "10.00"]);
  });

  it("principal first: all principal in installment 1, no interest afterwards", () => {
    // 1: P 1000.00, I 10.00 → 1010.00; the balance is then 0, so periods 2–3 carry no percent interest.
    const doc = schedule(loan({ placement: { principal: "first" } }));
    expect(column(doc, "principal")).toEqual(["1000.00", "0.00", "0.00"]);
    expect(column(doc, "interest")).toEqual(["10.00", "0.00", "0.00"]);
    expect(column(doc, "total")).toEqual(["1010.00", "0.00", "0.00"]);
  });

  it("interest last on a classic loan makes all 25.00 of interest due with the last installment", () => {
    // classic 1000.00 / 4: interest 10.00, 7.50, 5.00, 2.50 = 25.00, all due last
    const doc = schedule(loan({ loanType: "classic", installments: 4, placement: { interest: "last" } }));
    expect(column(doc, "interest")).toEqual(["0.00", "0.00", "0.00", "25.00"]);
    expect(column(doc, "principal")).toEqual(["250.00", "250.00", "250.00", "250.00"]);
    expect(column(doc, "explain").map((e) => e.accruedInterest)).toEqual(["10.00", "7.50", "5.00", "2.50"]);
  });
});

describe("row totals", () => {
  it("every row's total = principal + interest + feesTotal with grace, three fees and interest placed last", () => {
    const doc = schedule(
      loan({
        installments: 6,
        grace: { installments: 2, type: "interest-only" },
        placement: { interest: "last" },
        fees: [
          { name: "admin", amount: "5.00" },
          { name: "service", percent: "1", base: "outstanding" },
          { name: "visit", amount: "2.00", charge: { everyDays: 30 } },
          { name: "origination", amount: "15.00", charge: "disbursement", origination: "first-installment" },
        ],
      }),
    );
    for (const r of doc.installments) {
      const parts = new Decimal(r.principal).plus(r.interest).plus(r.feesTotal);
      expect(r.total, `row ${r.number}`).toBe(parts.toFixed(2));
    }
    expect(sum(column(doc, "total"))).toBe(doc.totals.total);
    expect(sum(column(doc, "feesTotal"))).toBe(doc.totals.fees);
    expect(sum(column(doc, "principal"))).toBe("1000.00");
  });
});
