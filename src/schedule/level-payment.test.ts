import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DECIMAL_MODE } from "../../test/support/decimal-rounding.ts";
import { ratio } from "../core/ratio.ts";
import { ROUNDING_MODES, type RoundingMode } from "../core/rounding.ts";
import { levelPayment, levelPaymentExact } from "./level-payment.ts";
import { makeFactor } from "./rate-factors.ts";

// 400 digits: at extreme rates (1 + r)^−n is tiny — (1 + 5000/1200)^−480 ≈ 10^−342 — and rounding "up" must still
// see that it makes the exact payment a hair above B·r (300 digits did not: 3,011,101,104,700 at 4.04 a period over
// 427 periods is 12,164,848,462,988 + ~10^−287, which rounds up to …989; found with seed −423788406).
const D = Decimal.clone({ precision: 400 });

/** The textbook annuity A = B·r / (1 − (1+r)^−n), in 60-digit decimals (independent of the Horner form). */
function textbook(
  balance: number,
  rNum: number,
  rDen: number,
  n: number,
  step: number,
  mode: RoundingMode,
): number {
  const r = new D(rNum).div(rDen);
  const a = r.isZero() ? new D(balance).div(n) : new D(balance).mul(r).div(new D(1).minus(r.plus(1).pow(-n)));
  return a.div(step).toDecimalPlaces(0, DECIMAL_MODE[mode]).mul(step).toNumber();
}

describe("levelPayment", () => {
  it("matches the hand calculation 1000.00 at 1 % a month over 3 months: 340.02", () => {
    // A = 100000 · 0.01 / (1 − 1.01^−3) = 1000 / 0.0294098… = 34002.21… minor units → 34002.
    const factors = Array(3).fill(makeFactor(ratio(1n, 100n)));
    const input = { balanceMinor: 100_000, factors, weights: undefined, balloonMinor: 0, stepMinor: 1 };
    expect(levelPayment({ ...input, mode: "half-even" })).toBe(34_002);
    expect(levelPayment({ ...input, mode: "up" })).toBe(34_003);
  });

  it("equals the textbook formula evaluated in 400-digit decimals, for any loan and rounding", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 13 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom(1200, 2400, 36_500, 100_000),
        fc.integer({ min: 1, max: 480 }),
        fc.constantFrom(1, 100, 10_000),
        fc.constantFrom(...ROUNDING_MODES),
        (balance, rNum, rDen, n, step, mode) => {
          const factors = Array(n).fill(makeFactor(ratio(BigInt(rNum), BigInt(rDen))));
          const got = levelPayment({
            balanceMinor: balance,
            factors,
            weights: undefined,
            balloonMinor: 0,
            stepMinor: step,
            mode,
          });
          expect(got).toBe(textbook(balance, rNum, rDen, n, step, mode));
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it("takes the exact path at a tie: 0 % on 1.00 over 8 installments is 12.5 minor units", () => {
    // 100 / 8 = 12.5 exactly: half-even → 12, half-up → 13; a float estimate alone could land either side.
    const factors = Array(8).fill(makeFactor(ratio(0n, 1n)));
    const input = { balanceMinor: 100, factors, weights: undefined, balloonMinor: 0, stepMinor: 1 };
    expect(levelPayment({ ...input, mode: "half-even" })).toBe(12);
    expect(levelPayment({ ...input, mode: "half-up" })).toBe(13);
    expect(levelPayment({ ...input, mode: "half-down" })).toBe(12);
  });

  it("derives the payment for a target balloon: B = 10000.00, F = 5000.00, 1 %/month, 12 months", () => {
    // A = (B − F·v¹²) / Σ v^i with v = 1/1.01: v¹² = 0.887449…, Σ = (1 − v¹²)/0.01 = 11.255077…
    // A = (1000000 − 500000·0.8874492…) / 11.2550775… = 49420.5… minor units.
    const v12 = new D(1).div(1.01).pow(12);
    const expected = new D(1_000_000).minus(v12.mul(500_000)).div(new D(1).minus(v12).div(0.01));
    const factors = Array(12).fill(makeFactor(ratio(1n, 100n)));
    const exact = levelPaymentExact({
      balanceMinor: 1_000_000,
      factors,
      weights: undefined,
      balloonMinor: 500_000,
      stepMinor: 1,
      mode: "half-even",
    });
    expect(new D(exact.num.toString()).div(exact.den.toString()).minus(expected).abs().lt(1e-40)).toBe(true);
  });
});
