import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TenorError } from "../core/errors.ts";
import { annuityNper, annuityRate } from "./annuity-rate.ts";
import { irr } from "./irr.ts";

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof TenorError) return error.code;
    throw error;
  }
  return undefined;
}

/** Excel's PMT (support.microsoft.com "PV function" equation), for building annuities at a known rate. */
function pmt(rate: number, nper: number, pv: number, fv = 0, type: 0 | 1 = 0): number {
  if (rate === 0) return -(pv + fv) / nper;
  const growthMinusOne = Math.expm1(nper * Math.log1p(rate));
  // ((1 + r)^n − 1)/r, formed as a quotient so that subnormal rates do not lose digits
  const annuityFactor = growthMinusOne / rate;
  return -(pv * (growthMinusOne + 1) + fv) / ((1 + rate * type) * annuityFactor);
}

describe("annuityRate (Excel's RATE)", () => {
  it("Microsoft's example: RATE(4*12, −200, 8000) = 1 % a month (0.77 %), ×12 = 9.24 % a year", () => {
    // support.microsoft.com, "RATE function", Example: 4 years, −200 monthly payment, 8000 loan;
    // =RATE(A2*12, A3, A4) → 1% (the cell shows no decimals); =RATE(A2*12, A3, A4)*12 → 9.24%.
    const result = annuityRate({ nper: 48, pmt: -200, pv: 8_000 });
    expect(Math.round(result.rate * 100)).toBe(1);
    expect(Math.round(result.rate * 12 * 10_000) / 100).toBe(9.24);
    expect(result.rate).toBeCloseTo(0.0077014724882, 13);
    expect(result).toMatchObject({ multipleRoots: false, signChanges: 1 });
  });

  it("agrees with IRR of the same flows (end and beginning of period, with a future value)", () => {
    const end = annuityRate({ nper: 5, pmt: -300, pv: 1_000, fv: 200 });
    expect(end.rate).toBeCloseTo(irr([1_000, -300, -300, -300, -300, -100]).rate, 13);
    const begin = annuityRate({ nper: 5, pmt: -300, pv: 1_000, fv: 200, type: 1 });
    expect(begin.rate).toBeCloseTo(irr([700, -300, -300, -300, -300, 200]).rate, 13);
  });

  it("two rates: pv and fv on one side, pmt on the other → the one closest to the guess, flagged", () => {
    // flows −1000, 3000, −2100 (nper 2, fv −5100): 11.27 % and 88.73 %
    const result = annuityRate({ nper: 2, pmt: 3_000, pv: -1_000, fv: -5_100 });
    expect(result.multipleRoots).toBe(true);
    expect(result.rate).toBeCloseTo((1 - Math.sqrt(0.6)) / 2, 12);
    expect(annuityRate({ nper: 2, pmt: 3_000, pv: -1_000, fv: -5_100, guess: 0.9 }).rate).toBeCloseTo(
      (1 + Math.sqrt(0.6)) / 2,
      12,
    );
  });

  it("no payment: closed form; zero rate; fractional periods", () => {
    const growth = annuityRate({ nper: 10, pmt: 0, pv: -1_000, fv: 2_000 });
    expect(growth.method).toBe("closed-form");
    expect(growth.rate).toBeCloseTo(2 ** 0.1 - 1, 15);
    expect(annuityRate({ nper: 10, pmt: -100, pv: 1_000 }).rate).toBeCloseTo(0, 14);
    const fractional = annuityRate({ nper: 59.67386567429462, pmt: -100, pv: -1_000, fv: 10_000, type: 1 });
    expect(fractional.rate).toBeCloseTo(0.01, 12);
  });

  it("errors: bad arguments, and pv, pmt, fv of one sign (Excel #NUM!)", () => {
    expect(codeOf(() => annuityRate({ nper: 0, pmt: -1, pv: 10 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => annuityRate({ nper: 12, pmt: Number.NaN, pv: 10 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => annuityRate({ nper: 12, pmt: -1, pv: 10, type: 2 as 0 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => annuityRate({ nper: 12, pmt: -1, pv: 10, guess: -1 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => annuityRate({ nper: 48, pmt: 200, pv: 8_000 }))).toBe("NO_SIGN_CHANGE");
    expect(codeOf(() => annuityRate({ nper: 48, pmt: 0, pv: 8_000 }))).toBe("NO_SIGN_CHANGE");
  });

  it("property: a loan built with PMT at rate r gives back r (n up to 600, rates 0 … 300 % per period, balloon up to ½)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 3, noNaN: true }),
        fc.integer({ min: 1, max: 600 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.constantFrom<0 | 1>(0, 1),
        (rate, nper, balloonShare, type) => {
          // (1 + r)^n times the principal and the rate must fit in a double for PMT: e^600 · 10^5 · 4 does,
          // e^700 · 10^5 · 4 does not (it gave an infinite payment for r = 2.9966, n = 504).
          fc.pre(nper * Math.log1p(rate) < 600);
          fc.pre(!(nper === 1 && type === 1)); // everything due at once: no time for a rate
          const pv = 100_000;
          const fv = -pv * balloonShare; // a balloon of up to half the principal
          const result = annuityRate({ nper, pmt: pmt(rate, nper, pv, fv, type), pv, fv, type });
          expect(result.signChanges).toBe(1);
          expect(Math.abs(result.rate - rate)).toBeLessThan(1e-9 * Math.max(1, rate));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("property: negative rates without a balloon give back r as well", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 0, noNaN: true }),
        fc.integer({ min: 2, max: 600 }),
        (rate, nper) => {
          // beyond (1 + r)^n ≈ e^−20 the payment is so small that PMT's own rounding moves the rate by > 1e-9
          fc.pre(-nper * Math.log1p(rate) <= 20);
          const result = annuityRate({ nper, pmt: pmt(rate, nper, 100_000), pv: 100_000 });
          expect(Math.abs(result.rate - rate)).toBeLessThan(1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("annuityNper (Excel's NPER)", () => {
  it("Microsoft's examples: 59.6738657, 60.0821229, −9.57859404", () => {
    // support.microsoft.com, "NPER function", Example: 12 % a year, −100 a period, −1000 present value,
    // 10000 future value, payments at the beginning (1).
    expect(annuityNper({ rate: 0.01, pmt: -100, pv: -1_000, fv: 10_000, type: 1 })).toBeCloseTo(
      59.6738657,
      7,
    );
    expect(annuityNper({ rate: 0.01, pmt: -100, pv: -1_000, fv: 10_000 })).toBeCloseTo(60.0821229, 7);
    expect(annuityNper({ rate: 0.01, pmt: -100, pv: -1_000 })).toBeCloseTo(-9.57859404, 8);
  });

  it("MESCIUS SPREAD's example: NPER(0.005, −790, 90000, 0, 1) = 167.7227522114", () => {
    expect(annuityNper({ rate: 0.005, pmt: -790, pv: 90_000, type: 1 })).toBeCloseTo(167.7227522114, 10);
  });

  it("at rate 0: −(pv + fv)/pmt; a payment that never repays is an error", () => {
    expect(annuityNper({ rate: 0, pmt: -100, pv: 1_000 })).toBe(10);
    expect(codeOf(() => annuityNper({ rate: 0, pmt: 0, pv: 1_000 }))).toBe("INVALID_ARGUMENT");
    // interest 10 a period, payment 5: never repaid
    expect(codeOf(() => annuityNper({ rate: 0.01, pmt: -5, pv: 1_000 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => annuityNper({ rate: -1, pmt: -5, pv: 1_000 }))).toBe("INVALID_ARGUMENT");
  });

  it("property: NPER inverts PMT (to the conditioning of the problem)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom<0 | 1>(0, 1),
        (rate, nper, type) => {
          // beyond g = e^±30 the payment is interest-only (or nothing) to double precision: n is not recoverable
          fc.pre(rate !== 0 && Math.abs(nper * Math.log1p(rate)) <= 30);
          const payment = pmt(rate, nper, 10_000, 0, type);
          // NPER recovers n from (1 + r)^n: a relative error ε in it moves n by ε / ln(1 + r), and PMT's rounding
          // leaves ε ≈ 2⁻⁵² · max(g, 1/g), g = (1 + r)^n
          const logGrowth = Math.log1p(rate);
          const tolerance =
            1e-9 * nper + (8 * Number.EPSILON * Math.exp(Math.abs(nper * logGrowth))) / Math.abs(logGrowth);
          expect(Math.abs(annuityNper({ rate, pmt: payment, pv: 10_000, type }) - nper)).toBeLessThanOrEqual(
            tolerance,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
