// Edge cases: long loans, leap days, and bad terms (terms.md "Fields" and "Errors").
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { column, loan, rejectedFields, row, schedule, sum } from "./helpers.ts";

describe("480 monthly installments (40 years)", () => {
  // 100,000.00 at 5 %/year: ρ = 5/1200; A = P·ρ / (1 − (1+ρ)^−480), evaluated with decimal.js below
  // (≈ 482.20).
  const doc = schedule(
    loan({ principal: "100000.00", installments: 480, interest: { rate: "5", per: "year" } }),
  );

  it("derives the level from the annuity formula", () => {
    Decimal.set({ precision: 40 });
    const rho = new Decimal(5).div(1200);
    const level = new Decimal(100000).times(rho).div(new Decimal(1).minus(rho.plus(1).pow(-480)));
    expect(doc.derived.levelInstallment).toBe(level.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2));
  });

  it("reconciles: principal parts sum to 100,000.00, the last balance is 0, totals add up", () => {
    expect(doc.installments).toHaveLength(480);
    expect(sum(column(doc, "principal"))).toBe("100000.00");
    expect(row(doc, 480).balance).toBe("0.00");
    expect(sum(column(doc, "interest"))).toBe(doc.totals.interest);
    expect(sum(column(doc, "total"))).toBe(doc.totals.total);
    expect(doc.totals.maturityDate).toBe("2064-01-01");
  });

  it("chains the balances: balance(i) = balance(i − 1) − principal(i)", () => {
    let previous = new Decimal("100000.00");
    for (const r of doc.installments) {
      previous = previous.minus(r.principal);
      expect(r.balance).toBe(previous.toFixed(2));
    }
  });
});

describe("leap days", () => {
  it("a loan disbursed on 2024-02-29 is due on the 29th of each month", () => {
    const doc = schedule(loan({ disbursementDate: "2024-02-29", installments: 4 }));
    expect(column(doc, "dueDate")).toEqual(["2024-03-29", "2024-04-29", "2024-05-29", "2024-06-29"]);
  });

  it("yearly from 2024-02-29 clamps to 28 Feb and returns to 29 Feb in 2028", () => {
    // addMonthsAnchored(2024-02-29, 12k): 2025-02-28, 2026-02-28, 2027-02-28, 2028-02-29 (never chained)
    const doc = schedule(loan({ disbursementDate: "2024-02-29", installments: 4, period: "yearly" }));
    expect(column(doc, "dueDate")).toEqual(["2025-02-28", "2026-02-28", "2027-02-28", "2028-02-29"]);
    expect(column(doc, "days")).toEqual([365, 365, 365, 366]);
  });

  it("a first due date of 2024-02-29 anchors on the 29th, not the month end: 03-29, 04-29", () => {
    const doc = schedule(loan({ disbursementDate: "2024-01-31", firstDueDate: "2024-02-29" }));
    expect(column(doc, "dueDate")).toEqual(["2024-02-29", "2024-03-29", "2024-04-29"]);
  });

  it("a month-end anchor on 2024-01-31 hits 29 Feb and comes back to the 31st", () => {
    const doc = schedule(loan({ disbursementDate: "2024-01-31", installments: 4 }));
    expect(column(doc, "dueDate")).toEqual(["2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"]);
  });
});

describe("bad terms are rejected with a TenorError naming the field", () => {
  it("principal 0", () => {
    expect(rejectedFields(loan({ principal: "0" }))).toContain("principal");
  });

  it("principal −5", () => {
    expect(rejectedFields(loan({ principal: "-5" }))).toContain("principal");
  });

  it("principal with more decimals than the currency (1000.001 EUR)", () => {
    expect(rejectedFields(loan({ principal: "1000.001" }))).toContain("principal");
  });

  it("installments 0", () => {
    expect(rejectedFields(loan({ installments: 0 }))).toContain("installments");
  });

  it("installments 100000 (over 5000)", () => {
    expect(rejectedFields(loan({ installments: 100000 }))).toContain("installments");
  });

  it("firstDueDate before the disbursement", () => {
    expect(rejectedFields(loan({ firstDueDate: "2023-12-15" }))).toContain("firstDueDate");
  });

  it("firstDueDate on the disbursement date", () => {
    expect(rejectedFields(loan({ firstDueDate: "2024-01-01" }))).toContain("firstDueDate");
  });

  it('currency "EUX"', () => {
    expect(rejectedFields(loan({ currency: "EUX" }))).toContain("currency");
  });

  it('rate "abc"', () => {
    expect(rejectedFields(loan({ interest: { rate: "abc", per: "year" } }))).toContain("interest.rate");
  });

  it("overlapping fee tiers", () => {
    const fields = rejectedFields(
      loan({
        installments: 4,
        fees: [
          {
            name: "service",
            tiers: [
              { from: 1, to: 3, amount: "5.00" },
              { from: 3, to: 4, amount: "2.00" },
            ],
          },
        ],
      }),
    );
    expect(fields.some((f) => f.startsWith("fees[0].tiers"))).toBe(true);
  });

  it("an unknown field (a typo must not silently change a loan)", () => {
    expect(rejectedFields(loan({ installmets: 12 })).join(" ")).toContain("installmets");
  });

  it("lists every problem at once", () => {
    const fields = rejectedFields(loan({ principal: "0", currency: "EUX", installments: 0 }));
    expect(fields).toEqual(expect.arrayContaining(["principal", "currency", "installments"]));
  });
});
