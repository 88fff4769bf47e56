import { describe, expect, it } from "vitest";
import { ratio } from "../../core/ratio.ts";
import { type PrepaymentAdviceFacts, prepaymentAdvice } from "./prepayment-advice.ts";

const good: PrepaymentAdviceFacts = {
  loanRate: ratio(8n, 100n),
  safeReturn: ratio(4n, 100n),
  bufferMonthsAfter: 6.5,
  requiredBufferMonths: 6,
  dearerDebt: false,
  feeMinor: 0,
  interestSavedMinor: 49_601,
  currencyDigits: 2,
};

describe("prepaymentAdvice (research §2.2: all four must hold)", () => {
  it("advises prepaying when every fact holds, and says why", () => {
    const advice = prepaymentAdvice(good);
    expect(advice.advisable).toBe(true);
    expect(advice.checks.every((check) => check.passed)).toBe(true);
    expect(advice.summary).toBe(
      "Prepaying is advisable: the loan costs 8 % a year, more than the 4 % the money would earn safely; savings still cover 6.5 months of essential spending and debt service (at least 6 months asked); no other debt costs more than this loan; there is no prepayment fee.",
    );
  });

  it("refuses when the loan is no dearer than a safe return (equal rates included)", () => {
    const advice = prepaymentAdvice({ ...good, safeReturn: ratio(8n, 100n) });
    expect(advice.advisable).toBe(false);
    expect(advice.checks.filter((check) => !check.passed).map((check) => check.rule)).toEqual([
      "rate-above-safe-return",
    ]);
    expect(advice.summary).toMatch(
      /^Prepaying is not advisable: the loan costs 8 % a year, no more than the 8 %/,
    );
  });

  it("refuses when the buffer would fall below what the policy asks", () => {
    const advice = prepaymentAdvice({ ...good, bufferMonthsAfter: 1.84 });
    expect(advice.checks.find((check) => check.rule === "buffer-kept")?.reason).toBe(
      "savings would cover only 1.8 months of essential spending and debt service, less than the 6 months to keep for emergencies",
    );
    expect(advice.advisable).toBe(false);
  });

  it("refuses when dearer debt is left", () => {
    const advice = prepaymentAdvice({ ...good, dearerDebt: true });
    expect(advice.advisable).toBe(false);
    expect(advice.summary).toMatch(/another debt costs more than this loan: repaying it first saves more\.$/);
  });

  it("weighs a fee against the saving: smaller passes, equal or larger fails", () => {
    expect(prepaymentAdvice({ ...good, feeMinor: 49_600 }).advisable).toBe(true);
    const equal = prepaymentAdvice({ ...good, feeMinor: 49_601 });
    expect(equal.advisable).toBe(false);
    expect(equal.checks.find((check) => check.rule === "fee-below-saving")?.reason).toBe(
      "the 496.01 fee is not smaller than the 496.01 saved",
    );
  });

  it("lists every failed fact, in the rule's order", () => {
    const advice = prepaymentAdvice({
      ...good,
      safeReturn: ratio(9n, 100n),
      dearerDebt: true,
      bufferMonthsAfter: 0,
    });
    expect(advice.checks.filter((check) => !check.passed).map((check) => check.rule)).toEqual([
      "rate-above-safe-return",
      "buffer-kept",
      "no-dearer-debt",
    ]);
  });
});
