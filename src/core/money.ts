// Money as integer counts of minor units (cents for EUR, yen for JPY, fils for KWD), read from and written
// to exact decimal text. No floating point touches an amount: parsing works on the digits and `bigint`.
import { assert } from "./errors.ts";

/** Optional minus, at least one integer digit, optionally a point followed by at least one digit. */
const MONEY_PATTERN = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Reads a strict decimal amount such as "1234.5" or "-0.05" as an exact count of minor units for a currency
 * with `digits` minor-unit digits ("1234.5", 2 → 123450n). Returns `undefined` for anything that is not such a
 * decimal — "", " 1", "1.", ".5", "+1", "1e3", "1,5", "abc" — or that has more than `digits` fraction digits
 * ("0.001" for EUR), so the caller can report what is allowed. Leading zeros ("007.50") are accepted.
 */
export function parseMoneyMinor(text: string, digits: number): bigint | undefined {
  assertDigits(digits);
  const match = MONEY_PATTERN.exec(text);
  if (match === null) return undefined;
  const [, minus = "", integerDigits = "", fractionDigits = ""] = match;
  if (fractionDigits.length > digits) return undefined;
  const magnitude = BigInt(integerDigits + fractionDigits.padEnd(digits, "0"));
  return minus === "-" ? -magnitude : magnitude;
}

/**
 * Writes `minor` minor units as a decimal string with exactly `digits` fraction digits: (−5, 2) → "-0.05",
 * (123450, 2) → "1234.50", (7, 0) → "7", (1250, 3) → "1.250". A `number` must be a safe integer.
 */
export function formatMinor(minor: number | bigint, digits: number): string {
  assertDigits(digits);
  let sign: string;
  let magnitude: string;
  if (typeof minor === "number") {
    assert(Number.isSafeInteger(minor), `formatMinor needs a safe integer, got ${minor}`);
    // A safe integer prints exactly in base 10; no bigint needed (schedules format thousands of amounts).
    sign = minor < 0 ? "-" : "";
    magnitude = String(minor < 0 ? -minor : minor);
  } else {
    sign = minor < 0n ? "-" : "";
    magnitude = (minor < 0n ? -minor : minor).toString();
  }
  // At least digits + 1 characters, so that there is always an integer digit before the point.
  const unsigned = magnitude.padStart(digits + 1, "0");
  if (digits === 0) return `${sign}${unsigned}`;
  const pointIndex = unsigned.length - digits;
  return `${sign}${unsigned.slice(0, pointIndex)}.${unsigned.slice(pointIndex)}`;
}

function assertDigits(digits: number): void {
  assert(Number.isSafeInteger(digits) && digits >= 0 && digits <= 18, `invalid minor-unit digits ${digits}`);
}
