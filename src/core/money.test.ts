import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMinor, parseMoneyMinor } from "./money.ts";

/** decimal.js precise enough that every amount below is exact. */
const ExactDecimal = Decimal.clone({ precision: 100 });

/** The reference: `minor` shifted by `digits` decimal places, printed with exactly `digits` fraction digits. */
function referenceFormat(minor: bigint, digits: number): string {
  return new ExactDecimal(minor.toString()).div(new ExactDecimal(10).pow(digits)).toFixed(digits);
}

const digitsArbitrary = fc.integer({ min: 0, max: 4 });

describe("parseMoneyMinor", () => {
  it.each([
    ["10000.00", 2, 1000000n],
    ["1234.5", 2, 123450n],
    ["1234", 2, 123400n],
    ["-0.05", 2, -5n],
    ["0", 2, 0n],
    ["-0", 2, 0n],
    ["007.50", 2, 750n],
    ["7", 0, 7n],
    ["1.25", 3, 1250n],
    ["1.2345", 4, 12345n],
    ["123456789012345678901234567890", 2, 12345678901234567890123456789000n],
  ] as const)("%j with %i digits is %s minor units", (text, digits, expected) => {
    expect(parseMoneyMinor(text, digits)).toBe(expected);
  });

  it.each([
    ["1e3", 2],
    ["", 2],
    [" 1", 2],
    ["1 ", 2],
    ["1.", 2],
    [".5", 2],
    ["abc", 2],
    ["+1", 2],
    ["1,50", 2],
    ["--1", 2],
    ["-", 2],
    ["1.001", 2],
    ["1.5", 0],
    ["0.00001", 4],
    ["Infinity", 2],
    ["NaN", 2],
    ["0x10", 2],
    ["１２", 2],
  ] as const)("rejects %j with %i digits", (text, digits) => {
    expect(parseMoneyMinor(text, digits)).toBeUndefined();
  });
});

describe("formatMinor", () => {
  it.each([
    [-5, 2, "-0.05"],
    [123450, 2, "1234.50"],
    [7, 0, "7"],
    [1250, 3, "1.250"],
    [0, 2, "0.00"],
    [0, 0, "0"],
    [-1, 3, "-0.001"],
    [-100, 2, "-1.00"],
    [12345, 4, "1.2345"],
    [9007199254740993n, 2, "90071992547409.93"],
    [-9007199254740993n, 0, "-9007199254740993"],
  ] as const)("%s minor units with %i digits is %j", (minor, digits, expected) => {
    expect(formatMinor(minor, digits)).toBe(expected);
  });

  it("refuses a number that is not a safe integer", () => {
    expect(() => formatMinor(1.5, 2)).toThrow(/safe integer/);
    expect(() => formatMinor(2 ** 53, 2)).toThrow(/safe integer/);
  });
});

describe("round trip against decimal.js", () => {
  it("formats and parses integers up to ±10^15 minor units", () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), digitsArbitrary, (minor, digits) => {
        const text = formatMinor(minor, digits);
        expect(text).toBe(referenceFormat(BigInt(minor), digits));
        expect(parseMoneyMinor(text, digits)).toBe(BigInt(minor));
      }),
    );
  });

  it("formats and parses bigints far beyond 2^53", () => {
    const huge = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });
    fc.assert(
      fc.property(huge, digitsArbitrary, (minor, digits) => {
        const text = formatMinor(minor, digits);
        expect(text).toBe(referenceFormat(minor, digits));
        expect(parseMoneyMinor(text, digits)).toBe(minor);
      }),
    );
  });

  it("parses any decimal with at most `digits` fraction digits to what decimal.js computes", () => {
    const decimalText = fc
      .tuple(fc.boolean(), fc.stringMatching(/^\d{1,20}$/), fc.stringMatching(/^\d{0,4}$/))
      .map(
        ([negative, integer, fraction]) =>
          `${negative ? "-" : ""}${integer}${fraction ? `.${fraction}` : ""}`,
      );
    fc.assert(
      fc.property(decimalText, digitsArbitrary, (text, digits) => {
        const fractionLength = text.split(".")[1]?.length ?? 0;
        const parsed = parseMoneyMinor(text, digits);
        if (fractionLength > digits) {
          expect(parsed).toBeUndefined();
        } else {
          const expected = new ExactDecimal(text).mul(new ExactDecimal(10).pow(digits)).toFixed(0);
          expect(parsed?.toString()).toBe(expected === "-0" ? "0" : expected);
        }
      }),
    );
  });
});
