/**
 * The accuracy tolerance of a disclosed Regulation Z APR, 12 CFR 1026.22(a)(2) and (a)(3):
 * - (a)(2) "As a general rule, the annual percentage rate shall be considered accurate if it is not more than 1/8
 *   of 1 percentage point above or below the annual percentage rate determined in accordance with paragraph (a)(1)";
 * - (a)(3) "In an irregular transaction, the annual percentage rate shall be considered accurate if it is not more
 *   than 1/4 of 1 percentage point above or below" it. An irregular transaction "includes one or more of the
 *   following features: multiple advances, irregular payment periods, or irregular payment amounts (other than an
 *   irregular first period or an irregular first or final payment)" — `regZApr` reports them (`regular`,
 *   `irregularities`).
 * The special tolerances of (a)(4) and (a)(5) for mortgages (tied to the finance charge) are not covered.
 *
 * The comparison is exact: both rates are read as decimals ("10.125"), never compared as floats.
 */
import { fail } from "../core/errors.ts";
import { compareRatio, parseDecimalRatio, type Ratio, ratio, subRatio } from "../core/ratio.ts";

/** The tolerance in percentage points: 1/8 for a regular transaction, 1/4 for an irregular one. */
export function regZTolerance(regular: boolean): Ratio {
  return regular ? ratio(1n, 8n) : ratio(1n, 4n);
}

/**
 * Whether the `disclosed` APR is accurate against the `actual` one (both in percent, as decimal text such as
 * "9.69" or as numbers): |disclosed − actual| ≤ 1/8 point when `regular`, ≤ 1/4 point otherwise.
 */
export function withinRegZTolerance(
  disclosed: string | number,
  actual: string | number,
  regular: boolean,
): boolean {
  const difference = subRatio(readPercent(disclosed, "disclosed"), readPercent(actual, "actual"));
  const magnitude = difference.num < 0n ? ratio(-difference.num, difference.den) : difference;
  return compareRatio(magnitude, regZTolerance(regular)) <= 0;
}

/** A decimal ("10.125", "-0.5") or a finite number read through its shortest decimal form (1e-7 included). */
function readPercent(value: string | number, field: string): Ratio {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  const match = /^(-?\d+(?:\.\d+)?)(?:e([+-]?\d+))?$/.exec(text);
  const mantissa = match === null ? undefined : parseDecimalRatio(match[1] as string);
  if (match === null || mantissa === undefined) {
    fail(
      "INVALID_ARGUMENT",
      field,
      String(value),
      'must be a rate in percent written as a decimal, e.g. "9.69"',
    );
  }
  const exponent = match[2] === undefined ? 0 : Number.parseInt(match[2], 10);
  if (Math.abs(exponent) > 400) fail("INVALID_ARGUMENT", field, String(value), "is out of range");
  const power = 10n ** BigInt(Math.abs(exponent));
  return exponent >= 0
    ? ratio(mantissa.num * power, mantissa.den)
    : ratio(mantissa.num, mantissa.den * power);
}
