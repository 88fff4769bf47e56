import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TenorError } from "../core/errors.ts";
import {
  annualFromPeriodic,
  effectiveFromNominal,
  nominalFromEffective,
  nominalFromPeriodic,
  periodicFromAnnual,
  periodicFromNominal,
} from "./rate-conversions.ts";

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof TenorError) return error.code;
    throw error;
  }
  return undefined;
}

describe("nominal ↔ effective annual (Excel's EFFECT and NOMINAL)", () => {
  it("Microsoft's examples: EFFECT(5.25 %, 4) = 0.0535427, NOMINAL(5.3543 %, 4) = 0.05250032", () => {
    // support.microsoft.com "EFFECT function" and "NOMINAL function", Example sections
    expect(effectiveFromNominal(0.0525, 4)).toBeCloseTo(0.0535427, 7);
    expect(nominalFromEffective(0.053543, 4)).toBeCloseTo(0.05250032, 8);
    // learn.microsoft.com DAX NOMINAL shows more digits: 0.052500319868356
    expect(nominalFromEffective(0.053543, 4)).toBeCloseTo(0.052500319868356, 14);
  });

  it("MESCIUS SPREAD's NOMINAL examples: NOMINAL(6.2336 %, 2) = 0.061393703, (…, 6) = 0.060776004", () => {
    expect(nominalFromEffective(0.062336, 2)).toBeCloseTo(0.061393703, 9);
    expect(nominalFromEffective(0.062336, 6)).toBeCloseTo(0.060776004, 9);
  });

  it("6.5 % nominal monthly is 6.6972 % effective; round trips agree to 1e-12", () => {
    expect(effectiveFromNominal(0.065, 12)).toBeCloseTo(0.066971852, 9);
    fc.assert(
      fc.property(
        fc.double({ min: -0.99, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 366 }),
        (rate, m) => {
          // an annual rate near −100 % keeps few digits of 1 + annual: (1 + annual) = e^(m·ln(1 + rate)) ≥ e^−9 here
          fc.pre(rate >= 0 || -m * Math.log1p(rate) <= 9);
          fc.pre(m * Math.log1p(rate) <= 700); // the annual rate must fit in a double
          expect(effectiveFromNominal(nominalFromEffective(rate, m), m)).toBeCloseTo(rate, 12);
          expect(periodicFromAnnual(annualFromPeriodic(rate, m), m)).toBeCloseTo(rate, 12);
          expect(periodicFromNominal(nominalFromPeriodic(rate, m), m)).toBeCloseTo(rate, 14);
        },
      ),
    );
  });

  it("keeps tiny rates accurate (expm1/log1p)", () => {
    expect(effectiveFromNominal(1e-12, 12) / 1e-12).toBeCloseTo(1, 10);
    expect(periodicFromAnnual(1e-12, 365) / (1e-12 / 365)).toBeCloseTo(1, 10);
  });

  it("rejects periods that are not whole (EFFECT/NOMINAL) or not positive, and rates at or below −100 %", () => {
    expect(codeOf(() => effectiveFromNominal(0.05, 0))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => effectiveFromNominal(0.05, 2.5))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => effectiveFromNominal(-12, 12))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => nominalFromEffective(-1, 12))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => annualFromPeriodic(0.01, 0))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => periodicFromAnnual(Number.NaN, 12))).toBe("INVALID_ARGUMENT");
    expect(annualFromPeriodic(0.1, 0.5)).toBeCloseTo(Math.sqrt(1.1) - 1, 15); // a biennial rate
  });
});

describe("periodic ↔ annual", () => {
  it("1 % a month is 12.6825 % a year; 12 % a year is 0.9489 % a month", () => {
    expect(annualFromPeriodic(0.01, 12)).toBeCloseTo(0.12682503013197, 13);
    expect(periodicFromAnnual(0.12, 12)).toBeCloseTo(0.00948879293458, 13);
    expect(nominalFromPeriodic(0.01, 12)).toBeCloseTo(0.12, 15);
    expect(periodicFromNominal(0.065, 12)).toBeCloseTo(0.065 / 12, 15);
  });
});
