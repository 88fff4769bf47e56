/**
 * Exact rational numbers over `bigint`.
 *
 * Money and rates must not drift, so every quantity the engine reasons about
 * (year fractions, periodic rates, ...) is kept as an exact fraction. A `Ratio`
 * is always in canonical form — denominator positive, sign on the numerator,
 * numerator and denominator coprime, zero as 0/1 — so two equal values are
 * structurally equal and can be compared field by field.
 *
 * Construct values only through `ratio`, `ratioFromInt` or `parseDecimalRatio`
 * (or the arithmetic below), which all return canonical values.
 */

/** An exact fraction `num / den` in canonical form (den > 0n, gcd(|num|, den) = 1n). */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

/** Greatest common divisor of |a| and |b|; gcd(0, 0) = 0. */
function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

function abs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

/** The canonical ratio `num / den`; throws if `den` is zero (a programmer error). */
export function ratio(num: bigint, den: bigint): Ratio {
  if (den === 0n) {
    throw new Error("ratio denominator must not be zero");
  }
  if (num < SMALL && num > -SMALL && den < SMALL && den > -SMALL) return smallRatio(num, den);
  const sign = den < 0n ? -1n : 1n;
  // gcd(num, den) is never 0 here because den is not 0.
  const divisor = gcd(num, den);
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

// Below 2^50 the gcd runs on doubles, which hold such integers exactly: each bigint operation allocates,
// and rate factors are built on every schedule.
const SMALL = 1n << 50n;

function smallRatio(num: bigint, den: bigint): Ratio {
  let n = Number(num); // float-ok: |num| < 2^50, exact in a double
  let d = Number(den); // float-ok: |den| < 2^50, exact in a double
  if (d < 0) {
    n = -n;
    d = -d;
  }
  let a = n < 0 ? -n : n;
  let b = d;
  while (b !== 0) {
    const rest = a % b;
    a = b;
    b = rest;
  }
  return { num: BigInt(n / a), den: BigInt(d / a) };
}

/** The integer `n` as a ratio; a `number` must be a safe integer. */
export function ratioFromInt(n: bigint | number): Ratio {
  if (typeof n === "number" && !Number.isSafeInteger(n)) {
    throw new Error(`ratioFromInt needs a safe integer, got ${n}`);
  }
  return { num: BigInt(n), den: 1n };
}

/** a + b, exactly. */
export function addRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den);
}

/** a − b, exactly. */
export function subRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den - b.num * a.den, a.den * b.den);
}

/** a × b, exactly. */
export function mulRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den);
}

/** a ÷ b, exactly; throws if b is zero (a programmer error). */
export function divRatio(a: Ratio, b: Ratio): Ratio {
  if (b.num === 0n) {
    throw new Error("division by a zero ratio");
  }
  return ratio(a.num * b.den, a.den * b.num);
}

/** -1 if a < b, 0 if a = b, 1 if a > b. */
export function compareRatio(a: Ratio, b: Ratio): -1 | 0 | 1 {
  // Both denominators are positive, so cross-multiplying keeps the order.
  const left = a.num * b.den;
  const right = b.num * a.den;
  if (left < right) {
    return -1;
  }
  return left > right ? 1 : 0;
}

/** Whether `r` is zero. */
export function isZeroRatio(r: Ratio): boolean {
  return r.num === 0n;
}

/**
 * `r` as a decimal string with exactly `digits` digits after the point, rounded
 * half to even ("banker's rounding"), for explanations: 61/6000 with 10 digits
 * → "0.0101666667". Never prints "-0": a value that rounds to zero is unsigned.
 */
export function ratioToDecimalString(r: Ratio, digits: number): string {
  if (!Number.isSafeInteger(digits) || digits < 0) {
    throw new Error(`digits must be a non-negative integer, got ${digits}`);
  }
  const scaled = abs(r.num) * 10n ** BigInt(digits);
  let quotient = scaled / r.den;
  const twiceRemainder = (scaled % r.den) * 2n;
  const roundUp = twiceRemainder > r.den || (twiceRemainder === r.den && quotient % 2n === 1n);
  if (roundUp) {
    quotient += 1n;
  }
  const sign = r.num < 0n && quotient !== 0n ? "-" : "";
  const unsignedDigits = quotient.toString().padStart(digits + 1, "0");
  if (digits === 0) {
    return `${sign}${unsignedDigits}`;
  }
  const pointIndex = unsignedDigits.length - digits;
  return `${sign}${unsignedDigits.slice(0, pointIndex)}.${unsignedDigits.slice(pointIndex)}`;
}

/** Most digits accepted after the decimal point by `parseDecimalRatio`. */
const MAX_FRACTION_DIGITS = 30;

/**
 * Optional minus, at least one integer digit, then optionally a point and 1–30
 * digits. No plus sign, exponent, leading point ".5", trailing point "5." or
 * spaces. Leading zeros ("007") are accepted.
 */
const DECIMAL_PATTERN = new RegExp(`^(-?)(\\d+)(?:\\.(\\d{1,${MAX_FRACTION_DIGITS}}))?$`);

/**
 * Parses a strict decimal such as "12", "12.5" or "-0.25" exactly. Returns
 * `undefined` for anything else (".5", "5.", "+1", "1e3", " 1", more than 30
 * fraction digits, ...) so that the caller can produce the user error.
 */
export function parseDecimalRatio(text: string): Ratio | undefined {
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    return undefined;
  }
  const [, minus = "", integerDigits = "", fractionDigits = ""] = match;
  const unsignedNum = BigInt(integerDigits + fractionDigits);
  const den = 10n ** BigInt(fractionDigits.length);
  return ratio(minus === "-" ? -unsignedNum : unsignedNum, den);
}

/** Number of bits in the binary representation of a positive bigint. */
function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** Significant bits kept before the final conversion; more than a double's 53 so that only one rounding matters. */
const NUMBER_PRECISION_BITS = 64;

/**
 * A floating-point approximation of `r`. ONLY for numeric solvers (as a first
 * guess) and human-facing explanations — never feed the result back into money
 * arithmetic. Works for numerators and denominators far beyond 2^53; magnitudes
 * below about 2^-1010 come out as 0.
 */
export function ratioToNumber(r: Ratio): number {
  if (r.num === 0n) {
    return 0;
  }
  const magnitude = abs(r.num);
  // Scale by 2^shift so that the integer quotient has about 64 significant bits, then undo the scale.
  const shift = NUMBER_PRECISION_BITS - (bitLength(magnitude) - bitLength(r.den));
  const quotient = shift >= 0 ? (magnitude << BigInt(shift)) / r.den : magnitude / (r.den << BigInt(-shift));
  // float-ok: ratioToNumber is the documented float approximation for solvers and explanations
  const unsignedValue = Number(quotient) * 2 ** -shift;
  return r.num < 0n ? -unsignedValue : unsignedValue;
}
