import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROUNDING_MODES } from "../core/rounding.ts";
import { splitAmount, splitMinor } from "./split-amount.ts";

describe("splitAmount", () => {
  it("puts the residual where the rule says (1000.00 in 3 parts, hand calculation)", () => {
    // 100000 / 3 = 33333.33…; rounded half-even to 1 minor unit → 33333; residual 100000 − 99999 = 1.
    expect(splitAmount(100_000, 3, 1, "half-even", "last").parts).toEqual([33_333, 33_333, 33_334]);
    expect(splitAmount(100_000, 3, 1, "half-even", "first").parts).toEqual([33_334, 33_333, 33_333]);
    // Step 1.00 (100 minor): 1000/3 = 333.33 → 333.00 each; 1.00 residual.
    expect(splitAmount(100_000, 3, 100, "half-even", "last").parts).toEqual([33_300, 33_300, 33_400]);
    // Spread: floor to the step (333.00), one extra step to the first (100000 − 99900)/100 = 1 part.
    expect(splitAmount(100_000, 3, 100, "half-even", "spread").parts).toEqual([33_400, 33_300, 33_300]);
    // Up to the step: 334.00 × 2, last 332.00.
    expect(splitAmount(100_000, 3, 100, "up", "last").parts).toEqual([33_400, 33_400, 33_200]);
  });

  it("falls back to spread when the step would make the last part negative", () => {
    // 250 over 3 with step 100 rounded up: 100, 100 and a last part of 250 − 200 = 50 ≥ 0: fine.
    expect(splitAmount(250, 3, 100, "up", "last")).toEqual({
      parts: [100, 100, 50],
      residualMinor: -50,
      stepTooLarge: false,
    });
    // 150 over 3: 100, 100 and 150 − 200 = −50 < 0 → spread: base floor(150 / 300)·100 = 0, extra steps
    // floor(150 / 100) = 1 to the first part, the 50 below one step to the last: 100, 0, 50.
    const result = splitAmount(150, 3, 100, "up", "last");
    expect(result.parts).toEqual([100, 0, 50]);
    expect(result.stepTooLarge).toBe(true);
  });

  it("always preserves the total, keeps parts ≥ 0 and multiples of the step except the one residual part", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 15 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.constantFrom(1, 5, 100, 10_000),
        fc.constantFrom(...ROUNDING_MODES),
        fc.constantFrom("last", "first", "spread", "none" as const),
        (amount, count, step, mode, residual) => {
          const { parts } = splitAmount(amount, count, step, mode, residual);
          expect(parts).toHaveLength(count);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          expect(parts.every((p) => p >= 0)).toBe(true);
          const offStep = parts.filter((p) => p % step !== 0).length;
          expect(offStep).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 10_000 },
    );
  });
});

describe("splitMinor", () => {
  it("gives equal parts and the remainder last", () => {
    expect(splitMinor(1000, 3)).toEqual([333, 333, 334]);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 15 }),
        fc.integer({ min: 1, max: 5000 }),
        (amount, count) => {
          const parts = splitMinor(amount, count);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          expect(Math.max(...parts) - Math.min(...parts)).toBeLessThan(count);
        },
      ),
    );
  });
});
