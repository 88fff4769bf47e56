// Rule of 78 (§5.3): same total interest and installments as flat; interest part i of M is
// round(I_total · (M − i + 1) / (M(M+1)/2)) for i < M, the remainder for i = M.
import { describe, expect, it } from "vitest";
import { TenorError } from "../../src/index.ts";
import { column, loan, schedule, sum } from "./helpers.ts";

describe("rule of 78", () => {
  // 1200.00 over 12 months at 12 %: I_total = 144.00 (as flat), installments 112.00; weights 12/78 … 1/78.
  // 14400 · 12/78 = 2215.38 → 22.15     14400 · 6/78 = 1107.69 → 11.08
  // 14400 · 11/78 = 2030.77 → 20.31     14400 · 5/78 =  923.08 →  9.23
  // 14400 · 10/78 = 1846.15 → 18.46     14400 · 4/78 =  738.46 →  7.38
  // 14400 ·  9/78 = 1661.54 → 16.62     14400 · 3/78 =  553.85 →  5.54
  // 14400 ·  8/78 = 1476.92 → 14.77     14400 · 2/78 =  369.23 →  3.69
  // 14400 ·  7/78 = 1292.31 → 12.92     last: 144.00 − 142.15 = 1.85 (14400 · 1/78 = 184.6)
  const doc = schedule(loan({ loanType: "rule-of-78", principal: "1200.00", installments: 12 }));
  const interest = [
    "22.15",
    "20.31",
    "18.46",
    "16.62",
    "14.77",
    "12.92",
    "11.08",
    "9.23",
    "7.38",
    "5.54",
    "3.69",
    "1.85",
  ];

  it("charges the same total interest as flat: 144.00", () => {
    expect(doc.totals.interest).toBe("144.00");
    expect(column(doc, "total")).toEqual(Array(12).fill("112.00"));
  });

  it("weights the interest parts 12/78, 11/78, …, 1/78", () => {
    expect(column(doc, "interest")).toEqual(interest);
    expect(sum(interest)).toBe("144.00");
  });

  it("makes principal = 112.00 − interest: 89.85 first, 110.15 last", () => {
    // 112.00 − 22.15 = 89.85 … 112.00 − 1.85 = 110.15
    expect(column(doc, "principal")).toEqual([
      "89.85",
      "91.69",
      "93.54",
      "95.38",
      "97.23",
      "99.08",
      "100.92",
      "102.77",
      "104.62",
      "106.46",
      "108.31",
      "110.15",
    ]);
    expect(sum(column(doc, "principal"))).toBe("1200.00");
  });

  it("rejects a rate so high that the first principal part would be negative", () => {
    // 200 %/year over 12 months: I_total = 1200 · 2 = 2400.00; installment = 3600.00 / 12 = 300.00;
    // first interest part = 2400 · 12/78 = 369.23 > 300.00 → principal −69.23 → rejected (§5.3)
    expect(() =>
      schedule(
        loan({
          loanType: "rule-of-78",
          principal: "1200.00",
          installments: 12,
          interest: { rate: "200", per: "year" },
        }),
      ),
    ).toThrow(TenorError);
  });
});
