import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DECIMAL_MODE } from "../../test/support/decimal-rounding.ts";
import { mulDivRound, ROUNDING_MODES, type RoundingMode, roundDiv, roundDivBig } from "./rounding.ts";

const D = Decimal.clone({ precision: 80 });
const oracle = (n: bigint, d: bigint, mode: RoundingMode) =>
  BigInt(new D(n.toString()).div(d.toString()).toDecimalPlaces(0, DECIMAL_MODE[mode]).toFixed(0));

describe("rounding modes", () => {
  // Written out by hand: the classic table of 5.5, 2.5, 1.6, 1.1, 1.0, −1.0, −1.1, −1.6, −2.5, −5.5.
  const table: [number, Record<RoundingMode, number>][] = [
    [5.5, { up: 6, down: 5, ceiling: 6, floor: 5, "half-up": 6, "half-down": 5, "half-even": 6 }],
    [2.5, { up: 3, down: 2, ceiling: 3, floor: 2, "half-up": 3, "half-down": 2, "half-even": 2 }],
    [1.6, { up: 2, down: 1, ceiling: 2, floor: 1, "half-up": 2, "half-down": 2, "half-even": 2 }],
    [1.1, { up: 2, down: 1, ceiling: 2, floor: 1, "half-up": 1, "half-down": 1, "half-even": 1 }],
    [1.0, { up: 1, down: 1, ceiling: 1, floor: 1, "half-up": 1, "half-down": 1, "half-even": 1 }],
    [-1.1, { up: -2, down: -1, ceiling: -1, floor: -2, "half-up": -1, "half-down": -1, "half-even": -1 }],
    [-1.6, { up: -2, down: -1, ceiling: -1, floor: -2, "half-up": -2, "half-down": -2, "half-even": -2 }],
    [-2.5, { up: -3, down: -2, ceiling: -2, floor: -3, "half-up": -3, "half-down": -2, "half-even": -2 }],
    [-5.5, { up: -6, down: -5, ceiling: -5, floor: -6, "half-up": -6, "half-down": -5, "half-even": -6 }],
  ];
  for (const [value, expected] of table) {
    for (const mode of ROUNDING_MODES) {
      it(`${value} ${mode} → ${expected[mode]}`, () => {
        const tenths = Math.round(value * 10); // float-ok: test table of one-decimal literals
        expect(roundDiv(tenths, 10, mode)).toBe(expected[mode]);
        expect(roundDivBig(BigInt(tenths), 10n, mode)).toBe(BigInt(expected[mode]));
      });
    }
  }
});

describe("exact integer division", () => {
  const safe = fc.bigInt({ min: -(2n ** 53n - 1n), max: 2n ** 53n - 1n });
  const positive = fc.bigInt({ min: 1n, max: 2n ** 53n - 1n });
  const mode = fc.constantFrom(...ROUNDING_MODES);

  it("roundDiv (number) equals decimal.js for all safe integers", () => {
    fc.assert(
      fc.property(safe, positive, mode, (n, d, m) => {
        expect(BigInt(roundDiv(Number(n), Number(d), m))).toBe(oracle(n, d, m));
      }),
      { numRuns: 20_000 },
    );
  });

  it("roundDivBig equals decimal.js far beyond 2^53", () => {
    const big = fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n });
    const bigPositive = fc.bigInt({ min: 1n, max: 10n ** 30n });
    fc.assert(
      fc.property(big, bigPositive, mode, (n, d, m) => {
        expect(roundDivBig(n, d, m)).toBe(oracle(n, d, m));
      }),
      { numRuns: 5_000 },
    );
  });

  it("mulDivRound is exact when the product leaves the safe range", () => {
    const amount = fc.integer({ min: 0, max: 10 ** 15 });
    const num = fc.integer({ min: 0, max: 10 ** 9 });
    const den = fc.integer({ min: 1, max: 10 ** 12 });
    fc.assert(
      fc.property(amount, num, den, mode, (a, n, d, m) => {
        const expected = oracle(BigInt(a) * BigInt(n), BigInt(d), m);
        if (expected > BigInt(Number.MAX_SAFE_INTEGER)) return;
        expect(BigInt(mulDivRound(a, n, d, m))).toBe(expected);
      }),
      { numRuns: 20_000 },
    );
  });

  it("reports an amount beyond 2^53 − 1 minor units as an operating error", () => {
    expect(() => mulDivRound(10 ** 15, 10 ** 9, 1, "half-even")).toThrow(/9007199254740991/);
  });
});
