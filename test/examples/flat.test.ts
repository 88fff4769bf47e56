// Flat interest (§5.3): I_total = round(B₀ · Σρ(i)); installments split(B₀ + I_total, M); interest parts
// splitMinor(I_total, M) (equal minor units, remainder last); principal = installment − interest.
import { describe, expect, it } from "vitest";
import { column, loan, schedule, sum } from "./helpers.ts";

describe("flat", () => {
  it("charges 144.00 on 1200.00 over 12 months at 12 %: 112.00 a month = 100.00 + 12.00", () => {
    // ρ = 0.01 per month; I_total = round(1200.00 · 12 · 0.01) = 144.00
    // split(1344.00, 12) = 112.00 each; splitMinor(14400, 12) = 1200 → 12.00 each; principal 100.00 each
    const doc = schedule(loan({ loanType: "flat", principal: "1200.00", installments: 12 }));
    expect(doc.totals.interest).toBe("144.00");
    expect(new Set(column(doc, "total"))).toEqual(new Set(["112.00"]));
    expect(new Set(column(doc, "interest"))).toEqual(new Set(["12.00"]));
    expect(new Set(column(doc, "principal"))).toEqual(new Set(["100.00"]));
    expect(column(doc, "balance").slice(0, 3)).toEqual(["1100.00", "1000.00", "900.00"]);
  });

  it("puts the interest remainder in the last part: 1000.00 over 7 months at 10 % → 58.33", () => {
    // ρ = 0.10/12 = 1/120; I_total = round(1000.00 · 7/120) = round(58.3333) = 58.33
    // split(1058.33, 7) = 151.19 exactly (7 · 151.19 = 1058.33)
    // splitMinor(5833, 7): floor(5833/7) = 833 → 8.33 × 6, remainder 5833 − 5831 = 2 → last 8.35
    // principal = 151.19 − 8.33 = 142.86 × 6; last 151.19 − 8.35 = 142.84 (6·142.86 + 142.84 = 1000.00)
    const doc = schedule(loan({ loanType: "flat", installments: 7, interest: { rate: "10", per: "year" } }));
    expect(doc.totals.interest).toBe("58.33");
    expect(column(doc, "total")).toEqual(Array(7).fill("151.19"));
    expect(column(doc, "interest")).toEqual([...Array(6).fill("8.33"), "8.35"]);
    expect(column(doc, "principal")).toEqual([...Array(6).fill("142.86"), "142.84"]);
    expect(sum(column(doc, "principal"))).toBe("1000.00");
  });

  it("splits a non-dividing installment with the residual last: 1000.00 over 3 at 12 %", () => {
    // I_total = round(1000.00 · 3 · 0.01) = 30.00; split(1030.00, 3) = 343.33, 343.33, 343.34
    // interest 10.00 each; principal 333.33, 333.33, 333.34
    const doc = schedule(loan({ loanType: "flat" }));
    expect(column(doc, "total")).toEqual(["343.33", "343.33", "343.34"]);
    expect(column(doc, "interest")).toEqual(["10.00", "10.00", "10.00"]);
    expect(column(doc, "principal")).toEqual(["333.33", "333.33", "333.34"]);
  });
});
