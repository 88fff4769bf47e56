// Named rounding modes, applied to exact quotients. Nothing here touches floating point: the `number`
// variants take safe integers and return the exactly rounded integer quotient.
import { assert, fail } from "./errors.ts";

export const ROUNDING_MODES = [
  "half-even",
  "half-up",
  "half-down",
  "up",
  "down",
  "ceiling",
  "floor",
] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

/**
 * Rounds `numerator / denominator` (denominator > 0) to an integer.
 * `up`/`down` are away from / toward zero; `ceiling`/`floor` toward +∞ / −∞; `half-up` breaks ties away
 * from zero, `half-down` toward zero, `half-even` to the even neighbour.
 */
export function roundDivBig(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  assert(denominator > 0n, "roundDivBig: denominator must be positive");
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator - quotient * denominator;
  if (remainder === 0n) return quotient;
  const awayFromZero = numerator < 0n ? quotient - 1n : quotient + 1n;
  const twiceRemainder = remainder < 0n ? -2n * remainder : 2n * remainder;
  return choose(mode, numerator < 0n, quotient, awayFromZero, compareHalf(twiceRemainder, denominator), () =>
    quotient % 2n === 0n ? quotient : awayFromZero,
  );
}

/** `roundDivBig` for safe integers, exact: the float quotient is corrected by its integer remainder. */
export function roundDiv(numerator: number, denominator: number, mode: RoundingMode): number {
  let quotient = Math.trunc(numerator / denominator);
  let remainder = numerator - quotient * denominator;
  // The float division can be one off for large operands; the remainder is exact, so fix it.
  if (numerator >= 0) {
    if (remainder < 0) {
      quotient -= 1;
      remainder += denominator;
    } else if (remainder >= denominator) {
      quotient += 1;
      remainder -= denominator;
    }
  } else if (remainder > 0) {
    quotient += 1;
    remainder -= denominator;
  } else if (remainder <= -denominator) {
    quotient -= 1;
    remainder += denominator;
  }
  if (remainder === 0) return quotient;
  // Written out per mode (no shared helper taking a closure): this runs once per installment and amount.
  const negative = numerator < 0;
  const away = negative ? quotient - 1 : quotient + 1;
  switch (mode) {
    case "half-even": {
      const twice = negative ? -2 * remainder : 2 * remainder;
      return twice > denominator || (twice === denominator && quotient % 2 !== 0) ? away : quotient;
    }
    case "half-up":
      return (negative ? -2 * remainder : 2 * remainder) >= denominator ? away : quotient;
    case "half-down":
      return (negative ? -2 * remainder : 2 * remainder) > denominator ? away : quotient;
    case "down":
      return quotient;
    case "up":
      return away;
    case "ceiling":
      return negative ? quotient : away;
    case "floor":
      return negative ? away : quotient;
  }
}

/**
 * round(amount × numerator / denominator) for safe integers, exact. Uses `number` arithmetic when the
 * product is a safe integer and falls back to bigint otherwise; throws when the result is not safe.
 */
export function mulDivRound(
  amount: number,
  numerator: number,
  denominator: number,
  mode: RoundingMode,
): number {
  const product = amount * numerator;
  if (Math.abs(product) <= Number.MAX_SAFE_INTEGER) return roundDiv(product, denominator, mode);
  const exact = roundDivBig(BigInt(amount) * BigInt(numerator), BigInt(denominator), mode);
  return toSafeNumber(exact);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Converts a bigint amount to a number. An amount beyond ±(2^53 − 1) minor units cannot come from sane
 * terms (principal ≤ 10^15 minor units) except through extreme rates and terms, so it is reported as an
 * operating error rather than silently losing precision.
 */
export function toSafeNumber(value: bigint): number {
  if (value > MAX_SAFE || value < -MAX_SAFE) {
    fail(
      "AMOUNT_OUT_OF_RANGE",
      "terms",
      value.toString(),
      "give amounts above 9007199254740991 minor units; lower the rate, the term or the principal",
    );
  }
  // float-ok: range-checked above: a safe integer converts exactly
  return Number(value);
}

function compareHalf(twiceRemainder: bigint | number, denominator: bigint | number): -1 | 0 | 1 {
  return twiceRemainder > denominator ? 1 : twiceRemainder < denominator ? -1 : 0;
}

function choose<T>(
  mode: RoundingMode,
  negative: boolean,
  towardZero: T,
  awayFromZero: T,
  half: -1 | 0 | 1,
  even: () => T,
): T {
  switch (mode) {
    case "down":
      return towardZero;
    case "up":
      return awayFromZero;
    case "ceiling":
      return negative ? towardZero : awayFromZero;
    case "floor":
      return negative ? awayFromZero : towardZero;
    case "half-up":
      return half >= 0 ? awayFromZero : towardZero;
    case "half-down":
      return half > 0 ? awayFromZero : towardZero;
    case "half-even":
      return half > 0 ? awayFromZero : half < 0 ? towardZero : even();
  }
}
