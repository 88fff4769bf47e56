// Bullet, interest-only and payday (§5.4). 1000.00 EUR at 12 %/year monthly → ρ = 0.01.
import { describe, expect, it } from "vitest";
import { column, loan, rejectedFields, row, schedule } from "./helpers.ts";

describe("bullet", () => {
  it("charges interest 10.00 each month and all principal last: 10.00, 10.00, 1010.00", () => {
    // I = 1000.00 · 0.01 = 10.00 every period (the balance stays 1000.00 until the last installment).
    const doc = schedule(loan({ loanType: "bullet" }));
    expect(column(doc, "principal")).toEqual(["0.00", "0.00", "1000.00"]);
    expect(column(doc, "interest")).toEqual(["10.00", "10.00", "10.00"]);
    expect(column(doc, "total")).toEqual(["10.00", "10.00", "1010.00"]);
    expect(column(doc, "balance")).toEqual(["1000.00", "1000.00", "0.00"]);
  });
});

describe("interest-only", () => {
  it("defaults to M − 1 interest-only installments, which is the bullet", () => {
    const doc = schedule(loan({ loanType: "interest-only" }));
    expect(column(doc, "total")).toEqual(["10.00", "10.00", "1010.00"]);
  });

  it("with 1 interest-only installment amortizes the rest as a 2-installment annuity: 507.51", () => {
    // 1: I = 10.00, no principal.
    // A over 2 from 1000.00: 1000 · 0.01 / (1 − 1.01^−2) = 10 / 0.019703951 = 507.5124 → 507.51
    // 2: I = 10.00; P = 497.51; B = 502.49    3: I = 502.49 · 0.01 = 5.0249 → 5.02; P = 502.49; total 507.51
    const doc = schedule(loan({ loanType: "interest-only", interestOnlyInstallments: 1 }));
    expect(column(doc, "principal")).toEqual(["0.00", "497.51", "502.49"]);
    expect(column(doc, "interest")).toEqual(["10.00", "10.00", "5.02"]);
    expect(column(doc, "total")).toEqual(["10.00", "507.51", "507.51"]);
  });
});

describe("payday", () => {
  it("charges 70.00 on 500.00 for 14 days at 1 % per day", () => {
    // distribution day (payday default): time = countDays = 14 days; ρ = 0.01 · 14 = 0.14
    // I = 500.00 · 0.14 = 70.00; the single installment is 570.00, due 2024-01-15.
    const doc = schedule(
      loan({
        loanType: "payday",
        principal: "500.00",
        installments: 1,
        period: { every: 14, unit: "day" },
        interest: { rate: "1", per: "day" },
      }),
    );
    expect(doc.installments).toHaveLength(1);
    expect(row(doc, 1)).toMatchObject({
      dueDate: "2024-01-15",
      days: 14,
      principal: "500.00",
      interest: "70.00",
      total: "570.00",
    });
    expect(row(doc, 1).explain.basis).toBe("day");
  });

  it("rejects more than one installment", () => {
    expect(rejectedFields(loan({ loanType: "payday", installments: 2 }))).toContain("installments");
  });
});
