// Payment methods (terms.md "paymentMethod", schedule-rules.md §5.1) and the residual warning (§6, §10).
// Base loan: 1000.00 EUR at 12 %/year, monthly, installment based → ρ = 0.01 per period, v = 1/1.01.
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { column, loan, rejectedFields, rejection, row, schedule, sum, warningCodes } from "./helpers.ts";

const D = (x: Decimal.Value) => new Decimal(x);

/**
 * The unrounded balance left for the last installment, by the future-value formula
 * FV = P · Π(1+ρ_j) − Σ_k A_k · Π_{j>k}(1+ρ_j) over installments 1..n−1, times (1+ρ_n): what the last installment
 * would be if no interest were rounded. Each period's interest rounding moves it by at most half a cent,
 * compounded, so the engine's cent-exact last installment must be close to it.
 */
function lastByFutureValue(
  principal: string,
  payments: readonly Decimal.Value[],
  rates: readonly Decimal[],
): Decimal {
  let balance = D(principal);
  for (let k = 0; k < rates.length - 1; k++)
    balance = balance.times(D(1).plus(rates[k] ?? 0)).minus(payments[k] ?? 0);
  return balance.times(D(1).plus(rates.at(-1) ?? 0));
}

describe("balloon", () => {
  it("with payment 300.00 charges 300.00 twice and the remainder 421.27 last", () => {
    // 1: I 10.00; P 290.00; B 710.00
    // 2: I = 710.00 · 0.01 = 7.10; P 292.90; B 417.10
    // 3: I = 417.10 · 0.01 = 4.171 → 4.17; P 417.10; total 421.27
    const doc = schedule(loan({ paymentMethod: { type: "balloon", payment: "300.00" } }));
    expect(column(doc, "total")).toEqual(["300.00", "300.00", "421.27"]);
    expect(column(doc, "balance")).toEqual(["710.00", "417.10", "0.00"]);
  });

  it("with a target balloon of 500.00 derives the payment 175.01 and leaves 675.01 last", () => {
    // §5.1: A = (B₀ − F·v³) / (v + v² + v³), F = 500.00
    //   F·v³ = 500 / 1.030301 = 485.295074; v + v² + v³ = 2.940985207
    //   A = (1000 − 485.295074) / 2.940985207 = 514.704926 / 2.940985207 = 175.0111 → 175.01
    // 1: I 10.00; P 165.01; B 834.99
    // 2: I = 8.3499 → 8.35; P 166.66; B 668.33
    // 3: I = 6.6833 → 6.68; P 668.33; total 675.01 (≈ 175.01 + the 500.00 balloon)
    const doc = schedule(loan({ paymentMethod: { type: "balloon", balloon: "500.00" } }));
    expect(doc.derived.levelInstallment).toBe("175.01");
    expect(column(doc, "total")).toEqual(["175.01", "175.01", "675.01"]);
    expect(column(doc, "balance")).toEqual(["834.99", "668.33", "0.00"]);
  });
});

describe("graduated", () => {
  it("steps up 10 % every installment: 308.37, 339.21, 373.13", () => {
    // w = 1, 1.1, 1.21; Σ w·v = 0.990099 + 1.1·0.980296 + 1.21·0.970590 = 3.242838743
    // A_exact = 1000 / 3.242838743 = 308.37179 → A1 = 308.37
    // A2 = round(308.37179 · 1.1 = 339.20897) = 339.21; A3 = round(308.37179 · 1.21 = 373.12987) = 373.13
    // 1: I 10.00; P 298.37; B 701.63
    // 2: I = 7.0163 → 7.02; P 332.19; B 369.44
    // 3: I = 3.6944 → 3.69; P 369.44; total 373.13
    const doc = schedule(loan({ paymentMethod: { type: "graduated", changePercent: "10", every: 1 } }));
    expect(column(doc, "total")).toEqual(["308.37", "339.21", "373.13"]);
    expect(column(doc, "interest")).toEqual(["10.00", "7.02", "3.69"]);
  });

  it("steps up 10 % every 12 installments over 24: 449.60 then 494.55", () => {
    // 10,000.00 at 12 %: Σ w·v = Σ_{i=1..12} v^i + 1.1 · Σ_{i=13..24} v^i
    //   = 11.25507747 + 1.1 · 0.88744923 · 11.25507747 = 11.25507747 + 10.98714076 = 22.24221824
    // A_exact = 10000 / 22.24221824 = 449.59544 → 449.60; A(13..24) = round(449.59544 · 1.1 = 494.55499) = 494.55
    const doc = schedule(
      loan({
        principal: "10000.00",
        installments: 24,
        paymentMethod: { type: "graduated", changePercent: "10", every: 12 },
      }),
    );
    const totals = column(doc, "total");
    expect(totals.slice(0, 12)).toEqual(Array(12).fill("449.60"));
    expect(totals.slice(12, 23)).toEqual(Array(11).fill("494.55"));
    // The last absorbs the residue; by the future-value formula it is within cents of 494.55.
    const payments = [...Array(12).fill("449.60"), ...Array(11).fill("494.55")];
    const expected = lastByFutureValue("10000.00", payments, Array(24).fill(D("0.01")));
    expect(
      D(totals[23] ?? "NaN")
        .minus(expected)
        .abs()
        .toNumber(),
    ).toBeLessThan(0.1);
    expect(sum(column(doc, "principal"))).toBe("10000.00");
  });
});

describe("payment plan: 200.00 × 12 then 80.00 × 3 on 2500.00", () => {
  const tiers = [
    { from: 1, to: 12, amount: "200" },
    { from: 13, to: 15, amount: "80" },
  ];
  const amounts = [...Array(12).fill("200"), ...Array(3).fill("80")];

  it("at 6 %/year pays the tiers and settles the rest (28.70) in the last installment", () => {
    // ρ = 0.005. PV of the tiers = 200 · a₁₂ + 80 · v¹² · a₃ = 200 · 11.618932 + 80 · 0.941905 · 2.970248
    //   = 2323.79 + 223.82 = 2547.60 > 2500.00, so the plan overpays by 47.60 in present value;
    //   carried to installment 15: 47.60 · 1.005^15 = 51.30 → last ≈ 80.00 − 51.30 = 28.70.
    // Row by row (I = round(B · 0.005)):
    //   1: I 12.50  P 187.50  B 2312.50 |  2: I 11.56  P 188.44  B 2124.06 |  3: I 10.62  P 189.38  B 1934.68
    //   4: I  9.67  P 190.33  B 1744.35 |  5: I  8.72  P 191.28  B 1553.07 |  6: I  7.77  P 192.23  B 1360.84
    //   7: I  6.80  P 193.20  B 1167.64 |  8: I  5.84  P 194.16  B  973.48 |  9: I  4.87  P 195.13  B  778.35
    //  10: I  3.89  P 196.11  B  582.24 | 11: I  2.91  P 197.09  B  385.15 | 12: I  1.93  P 198.07  B  187.08
    //  13: I  0.94  P  79.06  B  108.02 | 14: I  0.54  P  79.46  B   28.56 | 15: I  0.14  P  28.56  total 28.70
    const doc = schedule({
      principal: "2500.00",
      currency: "EUR",
      disbursementDate: "2024-01-01",
      interest: { rate: "6", per: "year" },
      paymentMethod: { type: "plan", tiers },
    });
    expect(doc.installments).toHaveLength(15);
    expect(column(doc, "total").slice(0, 14)).toEqual(amounts.slice(0, 14).map((a) => `${a}.00`));
    expect(row(doc, 12).balance).toBe("187.08");
    expect(row(doc, 14).balance).toBe("28.56");
    expect(row(doc, 15)).toMatchObject({ principal: "28.56", interest: "0.14", total: "28.70" });
    expect(doc.derived.rate).toBeNull();
  });

  it("without a rate derives the rate whose present value of the tiers is the principal", () => {
    // IRR by bisection on PV(ρ) = Σ A_i / (1+ρ)^i = 2500: ρ = 0.0076795 per month → 9.2155 %/year.
    const doc = schedule({
      principal: "2500.00",
      currency: "EUR",
      disbursementDate: "2024-01-01",
      paymentMethod: { type: "plan", tiers },
    });
    expect(doc.derived.rate).not.toBeNull();
    const ratePercent = D(doc.derived.rate ?? "NaN");
    expect(ratePercent.minus("9.2155").abs().toNumber()).toBeLessThan(0.0005);
    // Check the derived rate independently: PV of the tiers at ρ = rate / 1200 equals 2500.00 to the cent.
    const rho = ratePercent.div(1200);
    const pv = amounts.reduce(
      (acc, a, i) =>
        acc.plus(
          D(a).div(
            D(1)
              .plus(rho)
              .pow(i + 1),
          ),
        ),
      D(0),
    );
    expect(pv.minus("2500").abs().toNumber()).toBeLessThan(0.01);
    // At that rate the tiers repay the loan, so the last installment is the tier amount to within a few cents.
    expect(D(row(doc, 15).total).minus("80").abs().toNumber()).toBeLessThan(0.1);
    expect(column(doc, "total").slice(0, 14)).toEqual(amounts.slice(0, 14).map((a) => `${a}.00`));
  });
});

describe("optimized vs standard on irregular periods", () => {
  // 10,000.00 at 36 %/year, 60 monthly installments from 2024-01-01, annuity-daily, actual/360.
  // Daily interest: ρ(i) = 0.36 · days(i) / 360 = 0.001 · days(i) (0.031 for a 31-day month), while the
  // standard payment rate is the regular 0.36/12 = 0.03. Over a year actual/360 counts 365/360 of the rate,
  // so every year about 1.4 % more interest accrues than the standard payment covers, and it piles up last.
  // (A long first period or semi-monthly periods do not show this under the spec: keepInstallmentsEqual
  // already puts a broken first period's actual factor in the payment, and semi-monthly days alternate
  // around 365/24 so the differences cancel; neither makes the last installment 10 % larger.)
  const terms = loan({
    principal: "10000.00",
    installments: 60,
    loanType: "annuity-daily",
    dayCount: "actual/360",
    interest: { rate: "36", per: "year" },
  });
  const days = Array.from({ length: 60 }, (_, i) => {
    const start = Date.UTC(2024, i, 1);
    const end = Date.UTC(2024, i + 1, 1);
    return (end - start) / 86_400_000;
  });
  const rates = days.map((d) => D("0.001").times(d));

  it("standard: level 361.33 from the regular rate, last installment > 110 % of it with a warning", () => {
    // A = 10000 · 0.03 / (1 − 1.03^−60) = 300 / (1 − 0.169733) = 300 / 0.830267 = 361.33
    const doc = schedule(terms);
    expect(doc.derived.levelInstallment).toBe("361.33");
    const totals = column(doc, "total");
    expect(totals.slice(0, 59)).toEqual(Array(59).fill("361.33"));
    const last = D(totals[59] ?? "NaN");
    // By the future-value formula the last installment is ≈ 910.19 (2.5 × the level).
    const expected = lastByFutureValue("10000.00", Array(59).fill("361.33"), rates);
    expect(last.minus(expected).abs().toNumber()).toBeLessThan(0.5);
    expect(last.greaterThan(D("361.33").times("1.1"))).toBe(true);
    expect(warningCodes(doc)).toContain("LAST_INSTALLMENT_LARGER");
  });

  it("optimized: the level 364.64 uses each period's actual factor, so installments stay level", () => {
    // A = 10000 / Σ_i Π_{j≤i} 1/(1 + 0.001·days(j)), evaluated below; ≈ 364.64.
    let v = D(1);
    let sumV = D(0);
    for (const r of rates) {
      v = v.div(D(1).plus(r));
      sumV = sumV.plus(v);
    }
    const level = D(10000).div(sumV).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2);
    expect(level).toBe("364.64");
    const doc = schedule({ ...terms, paymentMethod: { type: "optimized" } });
    expect(doc.derived.levelInstallment).toBe(level);
    const totals = column(doc, "total");
    expect(totals.slice(0, 59)).toEqual(Array(59).fill(level));
    const expected = lastByFutureValue("10000.00", Array(59).fill(level), rates);
    expect(
      D(totals[59] ?? "NaN")
        .minus(expected)
        .abs()
        .toNumber(),
    ).toBeLessThan(0.5);
    expect(
      D(totals[59] ?? "NaN")
        .minus(level)
        .abs()
        .toNumber(),
    ).toBeLessThan(1);
    expect(warningCodes(doc)).not.toContain("LAST_INSTALLMENT_LARGER");
  });
});

describe("residual none", () => {
  it("warns RESIDUAL_NOT_ALLOWED with fixes when 1000.00 does not divide into 3 equal parts", () => {
    // classic: split(1000.00, 3) = 333.33 × 3 + residual 0.01 → the amounts do not divide (§6, §10);
    // the residual still goes to the last part: 333.33, 333.33, 333.34.
    const doc = schedule(loan({ loanType: "classic", rounding: { residual: "none" } }));
    expect(column(doc, "principal")).toEqual(["333.33", "333.33", "333.34"]);
    const warning = doc.warnings.find((w) => w.code === "RESIDUAL_NOT_ALLOWED");
    expect(warning).toBeDefined();
    expect(warning?.fixes.length).toBeGreaterThan(0);
    for (const fix of warning?.fixes ?? []) expect(fix.length).toBeGreaterThan(0);
  });

  it("does not warn when the amount divides: 999.99 / 3 = 333.33", () => {
    const doc = schedule(loan({ loanType: "classic", principal: "999.99", rounding: { residual: "none" } }));
    expect(column(doc, "principal")).toEqual(["333.33", "333.33", "333.33"]);
    expect(warningCodes(doc)).not.toContain("RESIDUAL_NOT_ALLOWED");
  });
});

describe("payments below the interest (§5.1)", () => {
  it("rejects a balloon payment of 5.00 when the first period's interest is 10.00", () => {
    expect(rejection(loan({ paymentMethod: { type: "balloon", payment: "5.00" } })).code).toBe(
      "PAYMENT_BELOW_INTEREST",
    );
  });

  it("rejects a plan tier of 5.00 on 1000.00 at 12 % (interest 10.00)", () => {
    const tiers = [{ from: 1, to: 3, amount: "5.00" }];
    expect(rejection(loan({ installments: undefined, paymentMethod: { type: "plan", tiers } })).code).toBe(
      "PAYMENT_BELOW_INTEREST",
    );
  });
});

describe("residual of level payments (§5.1)", () => {
  it("none: warns RESIDUAL_NOT_ALLOWED when the last annuity installment (340.03) differs from A (340.02)", () => {
    const doc = schedule(loan({ rounding: { residual: "none" } }));
    expect(column(doc, "total")).toEqual(["340.02", "340.02", "340.03"]);
    expect(warningCodes(doc)).toContain("RESIDUAL_NOT_ALLOWED");
  });

  it("first: is not accepted for a level payment", () => {
    expect(rejectedFields(loan({ rounding: { residual: "first" } }))).toContain("rounding.residual");
  });

  // 10,000.00 at 12 %/year over 24 months, annuity-daily, actual/360: payment rate 0.01, actual ρ = 0.12·days/360.
  const terms = loan({
    principal: "10000.00",
    installments: 24,
    loanType: "annuity-daily",
    dayCount: "actual/360",
  });
  const rates = Array.from({ length: 24 }, (_, i) =>
    D("0.12")
      .times((Date.UTC(2024, i + 1, 1) - Date.UTC(2024, i, 1)) / 86_400_000)
      .div(360),
  );

  it("last: the standard level 470.73 leaves ≈ 492.54 for the last installment", () => {
    // A = 10000 · 0.01 / (1 − 1.01^−24) = 100 / 0.212433873 = 470.7347 → 470.73
    const doc = schedule(terms);
    expect(doc.derived.levelInstallment).toBe("470.73");
    const last = D(row(doc, 24).total);
    expect(
      last
        .minus(lastByFutureValue("10000.00", Array(23).fill("470.73"), rates))
        .abs()
        .toNumber(),
    ).toBeLessThan(0.5);
  });

  it("spread: retries once with A' = 470.73 + round((492.54 − 470.73) / 24) = 471.64 and keeps it", () => {
    // L − A = 21.81; / 24 = 0.90875 → 0.91; A' = 471.64. With A' the last is ≈ 468.82:
    // |468.82 − 471.64| = 2.82 < |492.54 − 470.73| = 21.81, so A' is kept.
    const doc = schedule({ ...terms, rounding: { residual: "spread" } });
    expect(doc.derived.levelInstallment).toBe("471.64");
    expect(column(doc, "total").slice(0, 23)).toEqual(Array(23).fill("471.64"));
    const last = D(row(doc, 24).total);
    expect(
      last
        .minus(lastByFutureValue("10000.00", Array(23).fill("471.64"), rates))
        .abs()
        .toNumber(),
    ).toBeLessThan(0.5);
    expect(last.minus("471.64").abs().toNumber()).toBeLessThan(21.81);
  });
});
