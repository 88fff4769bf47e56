import { describe, expect, it } from "vitest";
import {
  amortizeLevel,
  Decimal,
  dec,
  levelInstallment,
  minor,
} from "../../../test/reference/annuity-reference.ts";
import { refusalOf } from "../../../test/support/refusal.ts";
import { parseIsoDate } from "../../core/calendar-date.ts";
import { type Ratio, ratio } from "../../core/ratio.ts";
import { breakEven, checkRefinance, presentValue, type RefinanceInput } from "./refinance.ts";

const day = (text: string) => parseIsoDate(text) as number;
const percent = (num: bigint, den = 1n): Ratio => ratio(num, den * 100n);

/** Σ differences_t / (1 + i)^t − cost, with decimal.js's own powers (not the code's fixed-point factors). */
function referencePresentValue(differences: readonly number[], i: Decimal, cost: number): number {
  let total = dec(0);
  differences.forEach((difference, t) => {
    total = total.plus(dec(difference).div(i.plus(1).pow(t + 1)));
  });
  return total.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber() - cost;
}

describe("checkRefinance: 100,000.00 at 10 % → 8 %, 60 months left, 2,000.00 to switch", () => {
  // By hand, monthly rates 10 %/12 and 8 %/12:
  //   current installment = 100000 × 0.0083333 / (1 − 1.0083333^−60) = 100000 × 0.0212470 = 2124.70
  //   new installment     = 100000 × 0.0066667 / (1 − 1.0066667^−60) = 100000 × 0.0202764 = 2027.64
  //   saved per installment 2124.70 − 2027.64 = 97.06
  //   break-even: 2000 / 97.06 = 20.6 → after 20 installments 1941.20 is saved, after 21 2038.26 ≥ 2000: 21
  //   in all: the new loan's last installment absorbs its rounding, 2027.63 (the table), so
  //   59 × 97.06 + (2124.70 − 2027.63) = 5726.54 + 97.07 = 5823.61; net of the costs 3823.61
  const currentInstallment = levelInstallment(dec(100000), dec("0.1").div(12), 60);
  const newRows = amortizeLevel(dec(100000), dec("0.08").div(12), 60);
  const differences = newRows.map((row) => minor(currentInstallment.minus(row.payment)));
  const input: RefinanceInput = {
    currencyDigits: 2,
    asOf: day("2025-01-01"),
    balanceMinor: 10_000_000,
    currentAnnualRate: percent(10n),
    remainingInstallments: 60,
    currentInstallmentMinor: minor(currentInstallment),
    periodsPerYear: 12,
    marketAnnualRate: percent(8n),
    switchingCostMinor: 200_000,
  };
  const result = checkRefinance(input);

  it("agrees with the hand figures", () => {
    expect(currentInstallment.toString()).toBe("2124.7");
    expect(result.newInstallmentMinor).toBe(202_764);
    expect(result.savingPerInstallmentMinor).toBe(9_706);
    expect(result.breakEvenInstallments).toBe(21);
    expect(result.breakEvenMonths).toBe(21);
  });

  it("sums the payment differences of the new loan's own schedule", () => {
    expect(result.newSchedule.installments.map((inst) => inst.principalMinor + inst.interestMinor)).toEqual(
      newRows.map((row) => minor(row.payment)),
    );
    const gross = differences.reduce((sum, value) => sum + value, 0);
    expect(result.grossSavingMinor).toBe(gross);
    expect(gross).toBe(582_361);
    expect(result.netSavingMinor).toBe(gross - 200_000);
  });

  it("discounts at the market rate by default", () => {
    expect(result.presentValueSavingMinor).toBe(
      referencePresentValue(differences, dec("0.08").div(12), 200_000),
    );
    expect(result.worthIt).toBe(true);
  });

  it("says it in one paragraph", () => {
    const money = (value: number) =>
      (value / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(result.summary).toBe(
      `Refinancing the 100,000.00 balance at 8 % a year (now 10 %) over the same 60 installments lowers the installment from 2,124.70 to 2,027.64, 97.06 less each time: ${money(result.grossSavingMinor)} saved in all, ${money(result.netSavingMinor)} after the 2,000.00 of switching costs, ${money(result.presentValueSavingMinor)} in present value (discounted at 8 % a year). The costs are recovered after 21 installments. Worth it.`,
    );
  });

  it("uses a discount rate of its own when given one", () => {
    const discounted = checkRefinance({ ...input, discountAnnualRate: percent(3n) });
    expect(discounted.presentValueSavingMinor).toBe(
      referencePresentValue(differences, dec("0.03").div(12), 200_000),
    );
  });

  it("never breaks even when the market rate is higher", () => {
    const dearer = checkRefinance({ ...input, marketAnnualRate: percent(11n) });
    expect(dearer.savingPerInstallmentMinor).toBeLessThan(0);
    expect(dearer.breakEvenInstallments).toBeUndefined();
    expect(dearer.worthIt).toBe(false);
    expect(dearer.summary).toMatch(
      /raises the installment .* never recovered within the 60 installments left\. Not worth it\.$/,
    );
  });

  it("breaks even at once without costs", () => {
    const free = checkRefinance({ ...input, switchingCostMinor: 0 });
    expect(free.breakEvenInstallments).toBe(0);
    expect(free.netSavingMinor).toBe(free.grossSavingMinor);
  });

  it("is not worth it when the costs are only recovered near the end and lose in present value", () => {
    // 5,500.00 of costs: recovered by the 57th installment (57 × 97.06 = 5532.42), but worth less than that today.
    const late = checkRefinance({ ...input, switchingCostMinor: 550_000 });
    expect(late.breakEvenInstallments).toBe(57);
    expect(late.presentValueSavingMinor).toBeLessThan(0);
    expect(late.worthIt).toBe(false);
  });
});

describe("checkRefinance: the research's ₹30 lakh example (personalization-scoring.md §4.1)", () => {
  // ₹3,000,000 over 15 years, 8.5 % (Smart EMI's example) against a 7.8 % market rate, 1 % to switch (₹30,000).
  // The research gives ≈ ₹99k of NPV and a break-even of 24.6 months.
  const current = levelInstallment(dec(3_000_000), dec("0.085").div(12), 180);
  const result = checkRefinance({
    currencyDigits: 2,
    currency: "INR",
    asOf: day("2025-01-01"),
    balanceMinor: 300_000_000,
    currentAnnualRate: percent(85n, 10n),
    remainingInstallments: 180,
    currentInstallmentMinor: minor(current),
    periodsPerYear: 12,
    marketAnnualRate: percent(78n, 10n),
    switchingCostMinor: 3_000_000,
  });

  it("finds about ₹99k in present value, discounted at the market rate", () => {
    // EMI 29,542.19 → 28,324.26: 1,217.93 a month; a(180, 7.8 %/12 = 0.65 %) = (1 − 1.0065^−180) / 0.0065 = 105.916;
    // 1,217.93 × 105.916 = 128,998.60, less 30,000 = 98,998.60 (the new loan's last installment, which absorbs its
    // rounding, moves it by cents). The research's "≈ ₹99k" is this figure rounded.
    expect(current.toString()).toBe("29542.19");
    expect(result.newInstallmentMinor).toBe(
      minor(levelInstallment(dec(3_000_000), dec("0.078").div(12), 180)),
    );
    expect(result.newInstallmentMinor).toBe(2_832_426);
    const differences = amortizeLevel(dec(3_000_000), dec("0.078").div(12), 180).map((row) =>
      minor(current.minus(row.payment)),
    );
    expect(result.presentValueSavingMinor).toBe(referencePresentValue(differences, dec("0.0065"), 3_000_000));
    expect(Math.abs(result.presentValueSavingMinor - 9_899_860)).toBeLessThan(500);
  });

  it("breaks even at the 25th installment: the research's 24.6 months is 30,000 / 1,217.93, a fraction", () => {
    const saved = result.savingPerInstallmentMinor;
    expect(3_000_000 / saved).toBeCloseTo(24.6, 1);
    // 24 installments save 29,230.32 < 30,000; 25 save 30,448.25: the costs are back after the 25th payment.
    expect(24 * saved).toBeLessThan(3_000_000);
    expect(25 * saved).toBeGreaterThanOrEqual(3_000_000);
    expect(result.breakEvenInstallments).toBe(25);
    expect(result.worthIt).toBe(true);
  });
});

describe("checkRefinance: periods and the current loan's own payments", () => {
  it("quarterly installments use a quarter of the annual rate", () => {
    const result = checkRefinance({
      currencyDigits: 2,
      asOf: day("2025-01-01"),
      balanceMinor: 5_000_000,
      currentAnnualRate: percent(6n),
      remainingInstallments: 20,
      currentInstallmentMinor: minor(levelInstallment(dec(50_000), dec("0.015"), 20)),
      periodsPerYear: 4,
      marketAnnualRate: percent(5n),
      switchingCostMinor: 50_000,
    });
    expect(result.newInstallmentMinor).toBe(minor(levelInstallment(dec(50_000), dec("0.0125"), 20)));
    expect(result.newSchedule.installments[0]?.dueDay).toBe(day("2025-04-01"));
    // Break-even in months: installments × 3.
    expect(result.breakEvenMonths).toBe((result.breakEvenInstallments ?? 0) * 3);
  });

  it("takes the current loan's payments one by one and a first due date", () => {
    const result = checkRefinance({
      currencyDigits: 2,
      asOf: day("2025-01-15"),
      firstDueDay: day("2025-02-01"),
      balanceMinor: 100_000,
      currentAnnualRate: percent(12n),
      remainingInstallments: 3,
      currentInstallmentMinor: 34_002,
      currentPaymentsMinor: [34_002, 34_002, 34_003],
      periodsPerYear: 12,
      marketAnnualRate: percent(0n),
      switchingCostMinor: 0,
    });
    // At 0 %: 1000.00 / 3 = 333.33 each, the last 333.34; the differences 6.69, 6.69, 6.69.
    expect(result.newSchedule.installments.map((inst) => inst.totalMinor)).toEqual([33_333, 33_333, 33_334]);
    expect(result.newSchedule.installments[0]?.dueDay).toBe(day("2025-02-01"));
    expect(result.grossSavingMinor).toBe(669 * 3);
  });

  it("refuses inputs out of range, naming each", () => {
    const error = refusalOf(() =>
      checkRefinance({
        currencyDigits: 7,
        asOf: day("2025-01-01"),
        balanceMinor: 0,
        currentAnnualRate: percent(-1n),
        remainingInstallments: 0,
        currentInstallmentMinor: 1.5,
        periodsPerYear: 0,
        marketAnnualRate: percent(2000n),
        switchingCostMinor: -1,
        currency: "XYZ",
      }),
    );
    expect(error.code).toBe("INVALID_REFINANCE");
    expect(error.issues.map((issue) => issue.field)).toEqual([
      "currencyDigits",
      "balanceMinor",
      "currentInstallmentMinor",
      "switchingCostMinor",
      "remainingInstallments",
      "periodsPerYear",
      "currentAnnualRate",
      "marketAnnualRate",
      "currency",
    ]);
  });

  it("refuses a payment list of the wrong length and a currency with other digits", () => {
    const error = refusalOf(() =>
      checkRefinance({
        currencyDigits: 2,
        currency: "JPY",
        asOf: day("2025-01-01"),
        balanceMinor: 100_000,
        currentAnnualRate: percent(5n),
        remainingInstallments: 3,
        currentInstallmentMinor: 34_000,
        currentPaymentsMinor: [34_000],
        periodsPerYear: 12,
        marketAnnualRate: percent(4n),
        switchingCostMinor: 0,
      }),
    );
    expect(error.issues.map((issue) => issue.field)).toEqual(["currentPaymentsMinor", "currency"]);
    expect(error.issues[1]?.message).toMatch(/has 0 minor-unit digits, not currencyDigits \(2\)/);
  });
});

describe("presentValue and breakEven", () => {
  it("discounts each difference by its period", () => {
    // 110 in one period at 10 % is worth 100 today; 121 in two periods too.
    expect(presentValue([110], ratio(1n, 10n))).toBe(100);
    expect(presentValue([0, 121], ratio(1n, 10n))).toBe(100);
    expect(presentValue([100, 100], ratio(0n, 1n))).toBe(200);
  });

  it("finds the first installment whose cumulative saving covers the cost", () => {
    expect(breakEven([50, 50, 50], 100)).toBe(2);
    expect(breakEven([50, -10, 70], 100)).toBe(3);
    expect(breakEven([50, 40], 100)).toBeUndefined();
    expect(breakEven([], 0)).toBe(0);
  });
});
