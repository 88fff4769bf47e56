import { describe, expect, it } from "vitest";
import { AppError } from "./app-error.ts";
import { loanTermsFromProduct } from "./loan-terms-from-product.ts";

const PRODUCT = {
  currency: "USD",
  loanType: "annuity",
  principal: { min: "500.00", max: "5000.00" },
  installments: { min: 3, max: 24 },
  interest: { rate: { min: "10", max: "30" }, per: "year" },
  fees: [
    { name: "origination", charge: "disbursement", amount: { min: "0.00", max: "75.00" } },
    { name: "service", amount: "2.00" },
  ],
};

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.issues.map((issue) => `${issue.field}: ${issue.message}`);
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("loanTermsFromProduct", () => {
  it("puts the choices in place of the ranges and keeps every fixed field", () => {
    const terms = loanTermsFromProduct(PRODUCT, {
      principal: "1200.00",
      installments: 12,
      interestRate: "18.5",
      fees: { origination: "25.00" },
      disbursementDate: "2026-01-15",
    });
    expect(terms).toEqual({
      currency: "USD",
      loanType: "annuity",
      disbursementDate: "2026-01-15",
      principal: "1200.00",
      installments: 12,
      interest: { rate: "18.5", per: "year" },
      fees: [
        { name: "origination", charge: "disbursement", amount: "25.00" },
        { name: "service", amount: "2.00" },
      ],
    });
  });

  it("accepts both ends of a range and refuses a hair outside, naming the field and the range", () => {
    const base = {
      installments: 3,
      interestRate: "10",
      fees: { origination: "0.00" },
      disbursementDate: "2026-01-15",
    };
    expect(loanTermsFromProduct(PRODUCT, { ...base, principal: "5000.00" }).principal).toBe("5000.00");
    expect(issuesOf(() => loanTermsFromProduct(PRODUCT, { ...base, principal: "5000.01" }))).toEqual([
      "principal: must be from 500.00 to 5000.00 (the product's range)",
    ]);
    expect(
      issuesOf(() => loanTermsFromProduct(PRODUCT, { ...base, principal: "499.999", installments: 25 })),
    ).toEqual([
      "principal: must be from 500.00 to 5000.00 (the product's range)",
      "installments: must be from 3 to 24 (the product's range)",
    ]);
  });

  it("requires a choice for every open range and refuses choosing what the product fixes or lacks", () => {
    expect(
      issuesOf(() =>
        loanTermsFromProduct(PRODUCT, {
          principal: "1000.00",
          fees: { service: "3.00", insurance: "1.00" },
          disbursementDate: "2026-01-15",
        }),
      ),
    ).toEqual([
      "installments: is required: the product allows 3 to 24",
      "interestRate: is required: the product allows 10 to 30",
      "fees.origination: is required: the product allows 0.00 to 75.00",
      "fees.service: is fixed by the product at 2.00 and cannot be chosen",
      "fees.insurance: is not a fee of the product",
    ]);
  });

  it("refuses a choice that is not a number", () => {
    expect(
      issuesOf(() =>
        loanTermsFromProduct(PRODUCT, {
          principal: "lots",
          installments: 6,
          interestRate: "12",
          fees: { origination: "1.00" },
          disbursementDate: "2026-01-15",
        }),
      ),
    ).toEqual(["principal: must be a decimal number from 500.00 to 5000.00"]);
  });
});
