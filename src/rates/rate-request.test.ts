import { describe, expect, it } from "vitest";
import { TenorError } from "../core/errors.ts";
import { rateFromDocument } from "./rate-request.ts";

const issuesOf = (document: unknown) => {
  try {
    rateFromDocument(document);
  } catch (error) {
    if (error instanceof TenorError) return { code: error.code, fields: error.issues.map((i) => i.field) };
    throw error;
  }
  throw new Error("expected a TenorError");
};

describe("rate requests", () => {
  it("XIRR: Microsoft's published example gives 37.34 % (support.microsoft.com, XIRR function)", () => {
    const result = rateFromDocument({
      method: "xirr",
      flows: [
        { date: "2008-01-01", amount: "-10000" },
        { date: "2008-03-01", amount: "2750" },
        { date: "2008-10-30", amount: "4250" },
        { date: "2009-02-15", amount: "3250" },
        { date: "2009-04-01", amount: "2750" },
      ],
    });
    // Published: 0.373362535 (9 digits) → 37.3362535 %, so the rate lies within 5e-8 % of it.
    expect(Math.abs(Number(result.rate) - 37.3362535)).toBeLessThan(1e-6); // float-ok: comparing published digits
  });

  it("IRR: Microsoft's published example gives 8.66 % (support.microsoft.com, IRR function)", () => {
    const result = rateFromDocument({
      method: "irr",
      values: ["-70000", 12000, "15000", "18000", "21000", "26000"],
    });
    expect(result.rate.slice(0, 4)).toBe("8.66");
  });

  it("Reg Z: two monthly payments of 2,600 on 5,000 — hand calculation 31.86 %", () => {
    // 2600·(v + v²) = 5000 → v = (−1 + √(1 + 4·5000/2600))/2 = 0.9741361… → i = 1/v − 1 = 2.65508 % a month;
    // APR = 12·i = 31.86 %.
    const result = rateFromDocument({
      method: "us-regz",
      flows: [
        { date: "2026-01-10", amount: "-5000.00" },
        { date: "2026-02-10", amount: "2600.00" },
        { date: "2026-03-10", amount: "2600.00" },
      ],
    });
    expect(result.rate).toBe("31.86");
    expect(result.details.unitPeriodsPerYear).toBe("12");
  });

  it("EU APRC: 1,000 repaid with 1,100 a year later is 10.0 % (hand calculation)", () => {
    const result = rateFromDocument({
      method: "eu-aprc",
      flows: [
        { date: "2025-03-01", amount: "-1000" },
        { date: "2026-03-01", amount: "1100" },
      ],
    });
    expect(result.rate).toBe("10.0");
  });

  it("China: IRR × 12 of 100,000 less a 1,000 fee repaid by 12 × 8,833.30 is 12.80 %", () => {
    // The PBoC announcement's example as summarised in docs/reference/effective-rates.md; the monthly IRR of
    // −99,000 then 12 × 8,833.30 is 1.06698 %, × 12 = 12.80 %.
    const result = rateFromDocument({
      method: "cn-annualized",
      values: ["-99000", ...Array(12).fill("8833.30")],
    });
    expect(result.rate).toBe("12.80");
  });

  it("rejects bad requests naming the field", () => {
    expect(issuesOf({ method: "xirr", flows: [] })).toEqual({ code: "TOO_FEW_FLOWS", fields: ["flows"] });
    expect(issuesOf({ method: "xirr", flows: [{ date: "2026-01-10", amount: "-5" }] }).code).toBe(
      "TOO_FEW_FLOWS",
    );
    expect(
      issuesOf({
        method: "xirr",
        flows: [
          { date: "2026-02-30", amount: "-5" },
          { date: "2026-03-01", amount: "6" },
        ],
      }),
    ).toEqual({ code: "INVALID_CASH_FLOWS", fields: ["flows[0].date"] });
    expect(
      issuesOf({
        method: "us-regz",
        flows: [
          { date: "2026-01-01", amount: "5" },
          { date: "2026-03-01", amount: "6" },
        ],
      }).code,
    ).toBe("NO_SIGN_CHANGE");
    expect(
      issuesOf({
        method: "xirr",
        flows: [
          { date: "2026-01-01", amount: `-1${"0".repeat(30)}` },
          { date: "2026-03-01", amount: "6" },
        ],
      }),
    ).toEqual({ code: "INVALID_CASH_FLOWS", fields: ["flows[0].amount"] });
    // 15 whole digits and 12 decimals elsewhere in the request make 27 digits once scaled: too many.
    expect(issuesOf({ method: "irr", values: ["-100000000000000", "0.000000000001", "5"] })).toEqual({
      code: "INVALID_CASH_FLOWS",
      fields: ["values[0]"],
    });
    expect(issuesOf({ method: "apr", flows: [] })).toEqual({
      code: "INVALID_CASH_FLOWS",
      fields: ["method"],
    });
    expect(issuesOf({ method: "irr", values: ["1", "abc"] })).toEqual({
      code: "INVALID_CASH_FLOWS",
      fields: ["values[1]"],
    });
  });
});

describe("rate requests: an unknown empty key", () => {
  it('is named `""` (found by test/properties/documents-fuzz.test.ts)', () => {
    expect(issuesOf({ method: "irr", values: ["-100", "110"], "": [] })).toEqual({
      code: "INVALID_CASH_FLOWS",
      fields: ['""'],
    });
  });
});
