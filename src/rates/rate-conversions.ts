/**
 * Conversions between rate conventions, in floating point (expm1/log1p keep small rates accurate):
 * - nominal annual rate j compounded m times a year ↔ effective annual rate i: i = (1 + j/m)^m − 1 and
 *   j = m·((1 + i)^(1/m) − 1) — Excel's EFFECT and NOMINAL (support.microsoft.com, "EFFECT function":
 *   EFFECT(5.25 %, 4) = 0.0535427), except that m must be a whole number ≥ 1 here instead of being truncated, and
 *   negative rates above −100 % are accepted;
 * - periodic rate p (compounding m times a year) ↔ effective annual rate i: i = (1 + p)^m − 1, p = (1 + i)^(1/m) − 1,
 *   for any m > 0 (e.g. 365 for a daily rate, 1/2 for a biennial one);
 * - periodic ↔ nominal: j = m·p, p = j/m (no compounding involved).
 * Errors: `INVALID_ARGUMENT` naming the argument (`periodsPerYear`, `nominalRate`, …) and what is allowed.
 */
import { fail } from "../core/errors.ts";

/** Effective annual rate of a nominal annual rate compounded `periodsPerYear` times a year (Excel's EFFECT). */
export function effectiveFromNominal(nominalRate: number, periodsPerYear: number): number {
  const m = checkWholePeriods(periodsPerYear);
  checkRate(nominalRate / m, "nominalRate", `must be a finite rate above −${m} (−100 % per period)`);
  return Math.expm1(m * Math.log1p(nominalRate / m));
}

/** Nominal annual rate, compounded `periodsPerYear` times a year, of an effective annual rate (Excel's NOMINAL). */
export function nominalFromEffective(effectiveRate: number, periodsPerYear: number): number {
  const m = checkWholePeriods(periodsPerYear);
  checkRate(effectiveRate, "effectiveRate", "must be a finite rate above −1 (−100 %)");
  return m * Math.expm1(Math.log1p(effectiveRate) / m);
}

/** Effective annual rate of a rate per period, with `periodsPerYear` (> 0, not necessarily whole) periods a year. */
export function annualFromPeriodic(periodicRate: number, periodsPerYear: number): number {
  const m = checkPeriods(periodsPerYear);
  checkRate(periodicRate, "periodicRate", "must be a finite rate above −1 (−100 %)");
  return Math.expm1(m * Math.log1p(periodicRate));
}

/** Rate per period equivalent to an effective annual rate, with `periodsPerYear` (> 0) periods a year. */
export function periodicFromAnnual(annualRate: number, periodsPerYear: number): number {
  const m = checkPeriods(periodsPerYear);
  checkRate(annualRate, "annualRate", "must be a finite rate above −1 (−100 %)");
  return Math.expm1(Math.log1p(annualRate) / m);
}

/** Nominal annual rate of a rate per period: periodic × periods a year. */
export function nominalFromPeriodic(periodicRate: number, periodsPerYear: number): number {
  const m = checkPeriods(periodsPerYear);
  checkRate(periodicRate, "periodicRate", "must be a finite rate above −1 (−100 %)");
  return periodicRate * m;
}

/** Rate per period of a nominal annual rate: nominal ÷ periods a year. */
export function periodicFromNominal(nominalRate: number, periodsPerYear: number): number {
  const m = checkPeriods(periodsPerYear);
  checkRate(nominalRate / m, "nominalRate", `must be a finite rate above −${m} (−100 % per period)`);
  return nominalRate / m;
}

function checkRate(rate: number, field: string, message: string): void {
  if (!Number.isFinite(rate) || rate <= -1) fail("INVALID_ARGUMENT", field, String(rate), message);
}

function checkWholePeriods(periodsPerYear: number): number {
  if (!Number.isSafeInteger(periodsPerYear) || periodsPerYear < 1) {
    fail("INVALID_ARGUMENT", "periodsPerYear", String(periodsPerYear), "must be a whole number ≥ 1");
  }
  return periodsPerYear;
}

function checkPeriods(periodsPerYear: number): number {
  if (!Number.isFinite(periodsPerYear) || periodsPerYear <= 0) {
    fail("INVALID_ARGUMENT", "periodsPerYear", String(periodsPerYear), "must be a finite number > 0");
  }
  return periodsPerYear;
}
