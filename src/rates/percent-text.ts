/**
 * The decimal text of a rate found by a root finder, rounded the way the regulations round a disclosed rate:
 * half up ("if the figure at the following decimal place is greater than or equal to 5, the figure at that
 * particular decimal place shall be increased by one", Directive 2008/48/EC Annex I remark (d)), on the magnitude
 * (half away from zero) for a negative rate.
 *
 * The value comes from floating point and is accurate to about 1e-10 percentage points, so it is first taken to
 * 9 decimals (GUARD_DIGITS): a rate within 5e-10 of a rounding boundary rounds as if it were on it, i.e. up. The
 * rounding itself is then exact, on integers.
 */
import { assert } from "../core/errors.ts";

const GUARD_DIGITS = 9;
const MAX_DECIMALS = 8;

/** `percent` (e.g. 9.6912) as text with exactly `decimals` (0–8) decimals, rounded half up: "9.69". */
export function percentText(percent: number, decimals: number): string {
  assert(Number.isFinite(percent), `percentText: not a finite number: ${percent}`);
  assert(
    Number.isSafeInteger(decimals) && decimals >= 0 && decimals <= MAX_DECIMALS,
    "percentText: bad decimals",
  );
  const magnitude = Math.abs(percent);
  // float-ok: scaling a solver's float result to integers once; the rounding below is exact
  const scaledFloat = magnitude * 10 ** GUARD_DIGITS;
  // Beyond 2^53 the guard digits are noise anyway: round from the integer part alone.
  const guarded = Number.isSafeInteger(Math.floor(scaledFloat))
    ? BigInt(Math.floor(scaledFloat + 0.5))
    : BigInt(Math.floor(magnitude)) * 10n ** BigInt(GUARD_DIGITS);
  const step = 10n ** BigInt(GUARD_DIGITS - decimals);
  const rounded = (guarded + step / 2n) / step;
  const digits = rounded.toString().padStart(decimals + 1, "0");
  const sign = percent < 0 && rounded !== 0n ? "-" : "";
  if (decimals === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, digits.length - decimals)}.${digits.slice(digits.length - decimals)}`;
}
