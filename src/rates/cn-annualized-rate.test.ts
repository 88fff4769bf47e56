// China: annualized loan rate by the IRR method of PBoC Announcement [2021] No. 3 (中国人民银行公告〔2021〕第3号).
//
// The announcement's text (points 1–5) was read in its republication, e.g.
// http://m.tfltb.cn/politics/2021_03_31_585963.shtml ("以下是公告全文", with the attachment
// "采用内部收益率法计算贷款年化利率示例.pdf"). The attachment itself could not be retrieved here; its example is known
// from a summary (a 100 000 loan, a 1 000 upfront service fee, 12 monthly payments of 8 833.3: "about 12.80 %" and
// "13.58 %"). The test below reproduces both figures and shows which is which: 12.80 % is the monthly IRR × 12,
// 13.58 % its compounded equivalent. The other tests are hand calculations.
import { describe, expect, it } from "vitest";
import { type CnPeriodFlow, cnAnnualizedRate } from "./cn-annualized-rate.ts";

const yuan = (period: number, amount: number): CnPeriodFlow => ({
  period,
  amountMinor: Math.round(amount * 100),
}); // float-ok: test literals
const monthly = (count: number, amount: number): CnPeriodFlow[] =>
  Array.from({ length: count }, (_, k) => yuan(k + 1, amount));

describe("the announcement's annex example (as summarized)", () => {
  it("100 000 lent, 1 000 fee upfront, 12 × 8 833.3 → monthly IRR 1.0670 %, annualized 12.80 % (compounded 13.58 %)", () => {
    const result = cnAnnualizedRate({
      disbursements: [yuan(0, 100_000)],
      payments: [yuan(0, 1_000), ...monthly(12, 8_833.3)],
      periodsPerYear: 12,
    });
    expect(result.periodRate * 100).toBeCloseTo(1.067, 3);
    expect(result.annualizedText).toBe("12.80");
    expect(result.effectiveAnnualPercent.toFixed(2)).toBe("13.58"); // float-ok: test oracle
  });

  it("the fee deducted from the amount paid out gives the same rate", () => {
    const net = cnAnnualizedRate({
      disbursements: [yuan(0, 99_000)],
      payments: monthly(12, 8_833.3),
      periodsPerYear: 12,
    });
    expect(net.annualizedText).toBe("12.80");
  });
});

describe("hand calculations", () => {
  it("10 000 in 12 equal monthly payments at 1 % a month (888.49) → 12.00 %, not the compounded 12.68 %", () => {
    const payment = Math.round(((10_000 * 0.01) / (1 - 1.01 ** -12)) * 100) / 100; // float-ok: test oracle
    expect(payment).toBe(888.49);
    const result = cnAnnualizedRate({
      disbursements: [yuan(0, 10_000)],
      payments: monthly(12, payment),
      periodsPerYear: 12,
    });
    expect(result.annualizedText).toBe("12.00");
    expect(result.effectiveAnnualPercent.toFixed(2)).toBe("12.68"); // float-ok: test oracle
  });

  it("a flat-fee instalment loan: 12 000 repaid 1 000 + 60 a month (a 'monthly rate' of 0.5 %) is 10.90 %, not 6 %", () => {
    const result = cnAnnualizedRate({
      disbursements: [yuan(0, 12_000)],
      payments: monthly(12, 1_060),
      periodsPerYear: 12,
    });
    const oracle = bisect((r) => 1_060 * ((1 - (1 + r) ** -12) / r) - 12_000, 1e-9, 1); // float-ok: test oracle
    expect(result.periodRate).toBeCloseTo(oracle, 12);
    expect(result.annualizedText).toBe(((oracle * 1200) as number).toFixed(2)); // float-ok: test oracle
    expect(result.annualizedText).toBe("10.90");
  });

  it("a daily-rate loan: 1 000 repaid with 1 010 after 30 days → daily IRR × 365", () => {
    const result = cnAnnualizedRate({
      disbursements: [yuan(0, 1_000)],
      payments: [yuan(30, 1_010)],
      periodsPerYear: 365,
      decimals: 4,
    });
    expect(result.periodRate).toBeCloseTo(1.01 ** (1 / 30) - 1, 14); // float-ok: test oracle
    expect(result.annualizedText).toBe((((1.01 ** (1 / 30) - 1) * 36500) as number).toFixed(4)); // float-ok: test oracle
  });
});

describe("invalid input", () => {
  it("rejects fractional periods and a bad periods-per-year", () => {
    expect(() =>
      cnAnnualizedRate({ disbursements: [yuan(0, 100)], payments: [yuan(1.5, 110)], periodsPerYear: 12 }),
    ).toThrowError(/whole number of repayment periods/);
    expect(() =>
      cnAnnualizedRate({ disbursements: [yuan(0, 100)], payments: [yuan(1, 110)], periodsPerYear: 0 }),
    ).toThrowError(/periodsPerYear/);
  });
});

function bisect(f: (x: number) => number, low: number, high: number): number {
  let a = low;
  let b = high;
  for (let k = 0; k < 200; k++) {
    const m = (a + b) / 2;
    if (f(a) * f(m) <= 0) b = m;
    else a = m;
  }
  return (a + b) / 2;
}
