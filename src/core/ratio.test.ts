import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addRatio,
  compareRatio,
  divRatio,
  isZeroRatio,
  mulRatio,
  parseDecimalRatio,
  type Ratio,
  ratio,
  ratioFromInt,
  ratioToDecimalString,
  ratioToNumber,
  subRatio,
} from "./ratio.ts";

/** decimal.js with enough precision that its rounding of our test fractions is exact in practice. */
const PreciseDecimal = Decimal.clone({ precision: 200, rounding: Decimal.ROUND_HALF_EVEN });

function toDecimal(r: Ratio): Decimal {
  return new PreciseDecimal(r.num.toString()).div(r.den.toString());
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x;
}

const LIMIT = 10n ** 24n;
const ratioArb = fc
  .tuple(fc.bigInt({ min: -LIMIT, max: LIMIT }), fc.bigInt({ min: 1n, max: LIMIT }))
  .map(([num, den]) => ratio(num, den));
const nonZeroRatioArb = ratioArb.filter((r) => !isZeroRatio(r));
/** Small values hit equal/half cases and shared factors much more often than huge ones. */
const smallRatioArb = fc
  .tuple(fc.bigInt({ min: -50n, max: 50n }), fc.bigInt({ min: 1n, max: 50n }))
  .map(([num, den]) => ratio(num, den));
const anyRatioArb = fc.oneof(ratioArb, smallRatioArb);

/** Strict decimal text such as "-0012.340", built from parts so every shape is covered. */
const decimalTextArb = fc
  .record({
    negative: fc.boolean(),
    integerDigits: fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 25 }),
    fractionDigits: fc.option(
      fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: 1, maxLength: 30 }),
      { nil: undefined },
    ),
  })
  .map(
    ({ negative, integerDigits, fractionDigits }) =>
      `${negative ? "-" : ""}${integerDigits}${fractionDigits === undefined ? "" : `.${fractionDigits}`}`,
  );

describe("ratio construction", () => {
  it("reduces by the gcd and puts the sign on the numerator", () => {
    expect(ratio(6n, 4n)).toEqual({ num: 3n, den: 2n });
    expect(ratio(6n, -4n)).toEqual({ num: -3n, den: 2n });
    expect(ratio(-6n, -4n)).toEqual({ num: 3n, den: 2n });
    expect(ratio(0n, -7n)).toEqual({ num: 0n, den: 1n });
    expect(ratioFromInt(-12)).toEqual({ num: -12n, den: 1n });
    expect(ratioFromInt(12n)).toEqual({ num: 12n, den: 1n });
  });

  it("rejects a zero denominator and non-integer numbers", () => {
    expect(() => ratio(1n, 0n)).toThrow(Error);
    expect(() => ratioFromInt(1.5)).toThrow(Error);
    expect(() => ratioFromInt(2 ** 53)).toThrow(Error);
  });

  it("is always in canonical form", () => {
    fc.assert(
      fc.property(
        fc.bigInt(),
        fc.bigInt().filter((d) => d !== 0n),
        (num, den) => {
          const r = ratio(num, den);
          expect(r.den > 0n).toBe(true);
          expect(gcd(r.num, r.den)).toBe(1n);
          // Same value as the input: num/den = r.num/r.den.
          expect(r.num * den).toBe(num * r.den);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("keeps arithmetic results canonical", () => {
    fc.assert(
      fc.property(anyRatioArb, nonZeroRatioArb, (a, b) => {
        for (const r of [addRatio(a, b), subRatio(a, b), mulRatio(a, b), divRatio(a, b)]) {
          expect(r.den > 0n).toBe(true);
          expect(gcd(r.num, r.den)).toBe(1n);
        }
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("field laws", () => {
  const runs = { numRuns: 2_000 };

  it("addition and multiplication are associative and commutative", () => {
    fc.assert(
      fc.property(anyRatioArb, anyRatioArb, anyRatioArb, (a, b, c) => {
        expect(addRatio(addRatio(a, b), c)).toEqual(addRatio(a, addRatio(b, c)));
        expect(mulRatio(mulRatio(a, b), c)).toEqual(mulRatio(a, mulRatio(b, c)));
        expect(addRatio(a, b)).toEqual(addRatio(b, a));
        expect(mulRatio(a, b)).toEqual(mulRatio(b, a));
      }),
      runs,
    );
  });

  it("multiplication distributes over addition", () => {
    fc.assert(
      fc.property(anyRatioArb, anyRatioArb, anyRatioArb, (a, b, c) => {
        expect(mulRatio(a, addRatio(b, c))).toEqual(addRatio(mulRatio(a, b), mulRatio(a, c)));
      }),
      runs,
    );
  });

  it("has inverses: (a ÷ b) × b = a and (a − b) + b = a", () => {
    fc.assert(
      fc.property(anyRatioArb, nonZeroRatioArb, (a, b) => {
        expect(mulRatio(divRatio(a, b), b)).toEqual(a);
        expect(addRatio(subRatio(a, b), b)).toEqual(a);
        expect(divRatio(b, b)).toEqual(ratioFromInt(1));
        expect(isZeroRatio(subRatio(a, a))).toBe(true);
      }),
      runs,
    );
  });

  it("rejects division by zero", () => {
    expect(() => divRatio(ratioFromInt(1), ratioFromInt(0))).toThrow(Error);
  });
});

describe("compareRatio", () => {
  it("orders some values", () => {
    expect(compareRatio(ratio(1n, 3n), ratio(1n, 2n))).toBe(-1);
    expect(compareRatio(ratio(-1n, 3n), ratio(-1n, 2n))).toBe(1);
    expect(compareRatio(ratio(2n, 4n), ratio(1n, 2n))).toBe(0);
  });

  it("agrees with decimal.js and with the sign of the difference", () => {
    fc.assert(
      fc.property(anyRatioArb, anyRatioArb, (a, b) => {
        expect(compareRatio(a, b)).toBe(toDecimal(a).comparedTo(toDecimal(b)));
        const difference = subRatio(a, b);
        expect(compareRatio(a, b)).toBe(difference.num === 0n ? 0 : difference.num > 0n ? 1 : -1);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe("ratioToDecimalString", () => {
  it("rounds half to even", () => {
    expect(ratioToDecimalString(ratio(61n, 6000n), 10)).toBe("0.0101666667");
    expect(ratioToDecimalString(ratio(5n, 2n), 0)).toBe("2");
    expect(ratioToDecimalString(ratio(7n, 2n), 0)).toBe("4");
    expect(ratioToDecimalString(ratio(-5n, 2n), 0)).toBe("-2");
    expect(ratioToDecimalString(ratio(1n, 8n), 2)).toBe("0.12");
    expect(ratioToDecimalString(ratio(3n, 8n), 2)).toBe("0.38");
    expect(ratioToDecimalString(ratio(1n, 3n), 4)).toBe("0.3333");
    expect(ratioToDecimalString(ratio(2n, 3n), 4)).toBe("0.6667");
    expect(ratioToDecimalString(ratioFromInt(-12), 2)).toBe("-12.00");
  });

  it("never prints negative zero", () => {
    expect(ratioToDecimalString(ratio(-1n, 1000n), 2)).toBe("0.00");
    expect(ratioToDecimalString(ratio(-1n, 2n), 0)).toBe("0");
  });

  it("rejects a bad digit count", () => {
    expect(() => ratioToDecimalString(ratioFromInt(1), -1)).toThrow(Error);
    expect(() => ratioToDecimalString(ratioFromInt(1), 1.5)).toThrow(Error);
  });

  it("agrees with decimal.js toFixed(half-even)", () => {
    fc.assert(
      fc.property(anyRatioArb, fc.integer({ min: 0, max: 40 }), (r, digits) => {
        const expected = toDecimal(r).toFixed(digits, Decimal.ROUND_HALF_EVEN);
        // decimal.js keeps the sign of a negative value that rounds to zero; we deliberately do not.
        const withoutNegativeZero = /^-0(\.0*)?$/.test(expected) ? expected.slice(1) : expected;
        expect(ratioToDecimalString(r, digits)).toBe(withoutNegativeZero);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("parseDecimalRatio", () => {
  it("parses strict decimals exactly", () => {
    expect(parseDecimalRatio("12")).toEqual({ num: 12n, den: 1n });
    expect(parseDecimalRatio("12.5")).toEqual({ num: 25n, den: 2n });
    expect(parseDecimalRatio("-0.25")).toEqual({ num: -1n, den: 4n });
    expect(parseDecimalRatio("-0")).toEqual({ num: 0n, den: 1n });
    expect(parseDecimalRatio("007.10")).toEqual({ num: 71n, den: 10n });
    expect(parseDecimalRatio(`0.${"0".repeat(29)}1`)).toEqual({ num: 1n, den: 10n ** 30n });
  });

  it.each([
    "",
    ".5",
    "5.",
    "-.5",
    "+1",
    "1e3",
    "1E3",
    " 1",
    "1 ",
    "1,5",
    "1.2.3",
    "--1",
    "-",
    "0x10",
    "Infinity",
    "NaN",
    "١٢", // Arabic-Indic digits
    `0.${"0".repeat(30)}1`, // 31 fraction digits
  ])("rejects %j", (text) => {
    expect(parseDecimalRatio(text)).toBeUndefined();
  });

  it("agrees with decimal.js and round-trips through ratioToDecimalString", () => {
    fc.assert(
      fc.property(decimalTextArb, (text) => {
        const parsed = parseDecimalRatio(text);
        expect(parsed).toBeDefined();
        if (parsed === undefined) return;
        const fractionDigitCount = text.split(".")[1]?.length ?? 0;
        const expected = new PreciseDecimal(text);
        expect(toDecimal(parsed).equals(expected)).toBe(true);
        const formatted = ratioToDecimalString(parsed, fractionDigitCount);
        expect(formatted).toBe(
          expected.isZero()
            ? expected.abs().toFixed(fractionDigitCount)
            : expected.toFixed(fractionDigitCount),
        );
        expect(parseDecimalRatio(formatted)).toEqual(parsed);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("ratioToNumber", () => {
  it("approximates small and huge fractions", () => {
    expect(ratioToNumber(ratio(1n, 3n))).toBe(1 / 3);
    expect(ratioToNumber(ratio(-5n, 2n))).toBe(-2.5);
    expect(ratioToNumber(ratioFromInt(0))).toBe(0);
    expect(ratioToNumber(ratio(10n ** 400n, 3n * 10n ** 399n))).toBeCloseTo(10 / 3, 14);
    expect(ratioToNumber(ratio(1n, 10n ** 300n))).toBeCloseTo(1e-300, 314);
  });

  it("is within a couple of ulps of the exact value", () => {
    fc.assert(
      fc.property(nonZeroRatioArb, (r) => {
        const exact = toDecimal(r);
        const approx = ratioToNumber(r);
        const relativeError = new PreciseDecimal(approx).minus(exact).div(exact).abs();
        expect(relativeError.lte(2 ** -52)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });
});
