import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TenorError } from "../core/errors.ts";
import { generateSchedule, parseTerms } from "../index.ts";
import { scheduleRates } from "./schedule-rates.ts";

const loan = (extra: Record<string, unknown> = {}) =>
  generateSchedule(
    parseTerms({
      principal: "300000.00",
      currency: "USD",
      disbursementDate: "2024-01-15",
      installments: 360,
      interest: { rate: "6.5", per: "year" },
      ...extra,
    }),
  );

describe("a schedule's effective rates", () => {
  it("without fees, the APR is the note rate and the APRC its effective annual rate", () => {
    // Installments of 1,896.20 (a level payment rounded to the cent; the last absorbs 4.71) on 300,000: the
    // monthly IRR is within a rounding of 6.5/12 %, so the Reg Z APR is 6.50 and China's annualized rate 6.50;
    // the EU APRC compounds it: (1 + 0.065/12)^12 − 1 = 6.6972 % → 6.7.
    expect(scheduleRates(loan()).disclosedText).toBe("6.50");
    expect(scheduleRates(loan({ rateRegime: "cn-annualized" })).disclosedText).toBe("6.50");
    expect(scheduleRates(loan({ rateRegime: "eu-aprc" })).disclosedText).toBe("6.7");
  });

  it("a prepaid finance charge raises the APR; a fee outside the finance charge does not", () => {
    const fee = { name: "origination", charge: "disbursement", percent: "2" };
    const charged = scheduleRates(loan({ fees: [fee] }));
    // Amount financed 300,000 − 6,000 = 294,000 for the same payments (359 × 1,896.20 and 1,900.91): solving
    // Σ pₖ·(1 + i)^−k = 294,000 by bisection in 50-digit decimals gives i = 0.5579431 % a month, APR 6.6953 → 6.70.
    expect(charged.amountFinancedMinor).toBe(29_400_000);
    expect(charged.disclosedText).toBe("6.70");
    const outside = scheduleRates(loan({ fees: [{ ...fee, financeCharge: false }] }));
    expect(outside.amountFinancedMinor).toBe(30_000_000);
    expect(outside.disclosedText).toBe("6.50");
  });

  it("adding a fee that is a finance charge never lowers the APR (random loans and fees)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100_00, max: 1_000_000_00 }),
        fc.integer({ min: 2, max: 120 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom("us-regz", "eu-aprc", "cn-annualized"),
        fc.oneof(
          fc.record({
            name: fc.constant("fee"),
            charge: fc.constant("disbursement"),
            percent: fc.constantFrom("0.5", "1", "3"),
          }),
          fc.record({
            name: fc.constant("fee"),
            charge: fc.constant("installment"),
            amount: fc.constantFrom("0.01", "1.00", "25.00"),
          }),
        ),
        (principalMinor, installments, rateBasisPoints, regime, fee) => {
          const terms = {
            principal: (principalMinor / 100).toFixed(2), // float-ok: test input text
            currency: "EUR",
            disbursementDate: "2025-03-31",
            installments,
            interest: { rate: (rateBasisPoints / 100).toFixed(2) }, // float-ok: test input text
            rateRegime: regime,
          };
          const without = scheduleRates(generateSchedule(parseTerms(terms)));
          const withFee = scheduleRates(generateSchedule(parseTerms({ ...terms, fees: [fee] })));
          expect(withFee.disclosedPercent).toBeGreaterThanOrEqual(without.disclosedPercent - 1e-9);
          expect(withFee.xirrPercent).toBeGreaterThanOrEqual(without.xirrPercent - 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refuses terms above a legal cap, naming the cap and the computed rate", () => {
    expect(() => loan({ rateCap: "7" })).not.toThrow();
    try {
      loan({ rateCap: "6", fees: [{ name: "origination", charge: "disbursement", percent: "2" }] });
      expect.unreachable("the cap should have been enforced");
    } catch (error) {
      expect(error).toBeInstanceOf(TenorError);
      const issue = (error as TenorError).issues[0];
      expect((error as TenorError).code).toBe("RATE_CAP_EXCEEDED");
      expect(issue?.field).toBe("rateCap");
      expect(issue?.message).toContain("APR (Regulation Z) of these terms is 6.70 %, above the cap of 6 %");
    }
  });
});
