// Classic (equal principal) schedules: principal parts = split(B₀, M) (§5.2, §6), interest on the declining
// balance. 12 %/year monthly, installment based → ρ = 0.01 per period.
import { describe, expect, it } from "vitest";
import { column, loan, row, schedule, sum } from "./helpers.ts";

describe("classic: equal principal parts", () => {
  it("repays 1000.00 over 4 months as 250.00 a month with interest 10.00, 7.50, 5.00, 2.50", () => {
    // split(1000.00, 4) = 250.00 × 4, residual 0.
    // I = 1000·0.01 = 10.00; 750·0.01 = 7.50; 500·0.01 = 5.00; 250·0.01 = 2.50
    const doc = schedule(loan({ loanType: "classic", installments: 4 }));
    expect(column(doc, "principal")).toEqual(["250.00", "250.00", "250.00", "250.00"]);
    expect(column(doc, "interest")).toEqual(["10.00", "7.50", "5.00", "2.50"]);
    expect(column(doc, "total")).toEqual(["260.00", "257.50", "255.00", "252.50"]);
    expect(column(doc, "balance")).toEqual(["750.00", "500.00", "250.00", "0.00"]);
    expect(doc.totals.interest).toBe("25.00");
  });

  it("puts the residual of 1000.00 / 3 in the last part: 333.33, 333.33, 333.34", () => {
    // a = round(1000.00 / 3) = 333.33; residual 1000.00 − 999.99 = 0.01 → last part 333.34
    // I = 1000.00·0.01 = 10.00; 666.67·0.01 = 6.6667 → 6.67; 333.34·0.01 = 3.3334 → 3.33
    const doc = schedule(loan({ loanType: "classic" }));
    expect(column(doc, "principal")).toEqual(["333.33", "333.33", "333.34"]);
    expect(column(doc, "interest")).toEqual(["10.00", "6.67", "3.33"]);
    expect(column(doc, "total")).toEqual(["343.33", "340.00", "336.67"]);
  });

  it("with residual first puts the extra cent in the first part: 333.34, 333.33, 333.33", () => {
    // Interest: 10.00; 666.66·0.01 = 6.6666 → 6.67; 333.33·0.01 = 3.3333 → 3.33
    const doc = schedule(loan({ loanType: "classic", rounding: { residual: "first" } }));
    expect(column(doc, "principal")).toEqual(["333.34", "333.33", "333.33"]);
    expect(column(doc, "interest")).toEqual(["10.00", "6.67", "3.33"]);
  });

  it("rounds principal parts to the step 1: 333.00, 333.00, 334.00", () => {
    // a = roundStep(1000.00 / 3 = 333.33, 1.00) = 333.00; residual 1.00 → last 334.00
    // I = 10.00; 667.00·0.01 = 6.67; 334.00·0.01 = 3.34
    const doc = schedule(loan({ loanType: "classic", rounding: { step: "1" } }));
    expect(column(doc, "principal")).toEqual(["333.00", "333.00", "334.00"]);
    expect(column(doc, "interest")).toEqual(["10.00", "6.67", "3.34"]);
  });

  it("spreads whole steps over the first parts and the sub-step rest in the last (1000.50 / 3, step 1)", () => {
    // spread: a = s·floor(X/(M·s)) = 1.00 · floor(1000.50 / 3.00) = 333.00
    // e = floor((1000.50 − 999.00) / 1.00) = 1 → first part 334.00, the rest 333.00
    // left below one step: 1000.50 − 999.00 − 1.00 = 0.50 → last part 333.50
    const doc = schedule(
      loan({ loanType: "classic", principal: "1000.50", rounding: { step: "1", residual: "spread" } }),
    );
    expect(column(doc, "principal")).toEqual(["334.00", "333.00", "333.50"]);
    expect(sum(column(doc, "principal"))).toBe("1000.50");
  });

  it("with one installment is principal plus one period's interest", () => {
    const doc = schedule(loan({ loanType: "classic", installments: 1 }));
    expect(row(doc, 1)).toMatchObject({ principal: "1000.00", interest: "10.00", total: "1010.00" });
  });
});
