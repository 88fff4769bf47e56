import { describe, expect, it } from "vitest";
import { TenorError } from "../core/errors.ts";
import { generateSchedule, parseTerms } from "../index.ts";
import { productRateLimits } from "./product-limits.ts";
import { scheduleRates } from "./schedule-rates.ts";

const product = {
  currency: "USD",
  disbursementDate: "2025-01-01",
  principal: { min: "500.00", max: "800.00" },
  installments: { min: 3, max: 12 },
  interest: { rate: { min: "10", max: "30" } },
  fees: [{ name: "origination", charge: "disbursement", amount: { min: "0.00", max: "40.00" } }],
};

/** The APR of one loan of the product, computed directly. */
function aprOf(principal: string, installments: number, rate: string, fee: string): number {
  const terms = parseTerms({
    currency: "USD",
    disbursementDate: "2025-01-01",
    principal,
    installments,
    interest: { rate },
    fees: [{ name: "origination", charge: "disbursement", amount: fee }],
  });
  return scheduleRates(generateSchedule(terms)).disclosedPercent;
}

describe("product rate limits", () => {
  it("finds extremes within 0.005 points of an exhaustive scan of the ranges", () => {
    const limits = productRateLimits(product);
    // Exhaustive oracle: every term, amounts every 10.00, at both ends of the rate and fee ranges.
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let term = 3; term <= 12; term++) {
      for (let amount = 500; amount <= 800; amount += 10) {
        min = Math.min(min, aprOf(`${amount}.00`, term, "10", "0.00"));
        max = Math.max(max, aprOf(`${amount}.00`, term, "30", "40.00"));
      }
    }
    // Between the amounts searched, installment rounding moves the rate by thousandths of a point: the
    // documented precision is 0.005 percentage points.
    expect(limits.lowest.percent).toBeLessThanOrEqual(min + 0.005);
    expect(limits.highest.percent).toBeGreaterThanOrEqual(max - 0.005);
    // And each extreme is the APR of the loan it names.
    const { at } = limits.highest;
    expect(aprOf(at.principal, at.installments, at.interestRate, at.fees.origination as string)).toBe(
      limits.highest.percent,
    );
  });

  it("puts the highest rate where a fixed fee weighs most: the smallest, shortest loan", () => {
    // 40.00 on 500.00 over 3 months costs far more per year than on 800.00 over 12.
    const { highest } = productRateLimits(product);
    expect(highest.at).toMatchObject({ principal: "500.00", installments: 3, interestRate: "30" });
  });

  it("refuses a product above a legal cap, naming the cap, the rate and where it is reached", () => {
    try {
      productRateLimits({ ...product, rateCap: "36" });
      expect.unreachable("the cap should have been enforced");
    } catch (error) {
      expect(error).toBeInstanceOf(TenorError);
      expect((error as TenorError).code).toBe("RATE_CAP_EXCEEDED");
      expect((error as TenorError).issues[0]?.message).toMatch(
        /reaches \d+\.\d\d % \(at principal 500\.00, 3 installments, interest 30 %\), above the cap of 36 %/,
      );
    }
    expect(() => productRateLimits({ ...product, rateCap: "250" })).not.toThrow();
  });

  it("keeps a fee given as tiers fixed while the ranges vary", () => {
    // 1,000.00 at 10 % with a 5.00 service fee in installments 1–3: the fee weighs most over 6 installments.
    const limits = productRateLimits({
      currency: "EUR",
      principal: "1000.00",
      installments: { min: 6, max: 12 },
      interest: { rate: "10" },
      fees: [{ name: "service", tiers: [{ from: 1, to: 3, amount: "5.00" }] }],
    });
    expect(limits.highest.at.installments).toBe(6);
    expect(limits.lowest.at.installments).toBe(12);
    expect(limits.highest.percent).toBeGreaterThan(limits.lowest.percent);
  });

  it("rejects a cap that is not a percent above 0", () => {
    expect(() => productRateLimits({ ...product, rateCap: "0" })).toThrow(
      /rateCap: must be a percent above 0/,
    );
    expect(() => productRateLimits({ ...product, rateCap: "abc" })).toThrow(
      /rateCap: must be a percent above 0/,
    );
  });

  it("rejects ranges upside down, naming the field", () => {
    try {
      productRateLimits({ ...product, installments: { min: 12, max: 3 } });
      expect.unreachable("expected an error");
    } catch (error) {
      expect((error as TenorError).issues.map((i) => i.field)).toEqual(["installments"]);
      expect((error as TenorError).issues[0]?.message).toContain("min ≤ max");
    }
  });

  // Found by test/api/malformed-requests.test.ts: such a product was stored, and could never make a loan.
  it("refuses an unknown field inside a range and an installment count written as text", () => {
    const fieldsOf = (document: unknown) => {
      try {
        productRateLimits(document);
      } catch (error) {
        return (error as TenorError).issues.map((i) => i.field);
      }
      return [];
    };
    expect(fieldsOf({ ...product, principal: { min: "500.00", max: "800.00", step: "1.00" } })).toEqual([
      "principal.step",
    ]);
    expect(fieldsOf({ ...product, installments: { min: "3", max: 12 } })).toEqual(["installments"]);
    expect(fieldsOf({ ...product, installments: "6" })).toEqual(["installments"]);
    expect(fieldsOf({ ...product, installments: 6 })).toEqual([]);
  });

  it("covers a 1–360-month product within its evaluation budget", () => {
    const limits = productRateLimits({
      currency: "USD",
      disbursementDate: "2025-01-01",
      principal: { min: "100.00", max: "100000.00" },
      installments: { min: 1, max: 360 },
      interest: { rate: { min: "0", max: "30" } },
    });
    // Without fees the disclosed rate is the interest rate itself, give or take installment rounding.
    expect(Math.abs(limits.lowest.percent - 0)).toBeLessThan(0.01);
    expect(Math.abs(limits.highest.percent - 30)).toBeLessThan(0.6);
  });
});

describe("product rate limits: malformed fees (found by test/properties/documents-fuzz.test.ts)", () => {
  it.each([
    ["a fee that is null", [null], "fees[0]"],
    ["fees that are not an array", "origination", "fees"],
  ])("refuses %s as invalid terms naming the field, instead of crashing or ignoring it", (_, fees, field) => {
    let caught: unknown;
    try {
      productRateLimits({ ...product, fees });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TenorError);
    expect((caught as TenorError).code).toBe("INVALID_TERMS");
    expect((caught as TenorError).issues.map((issue) => issue.field)).toContain(field);
  });
});
