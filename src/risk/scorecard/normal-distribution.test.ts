import { describe, expect, it } from "vitest";
import { erfc, twoSidedP } from "./normal-distribution.ts";

describe("twoSidedP", () => {
  it("matches the standard normal table", () => {
    // Published values: P(|Z| > 1.96) = 0.049996, P(|Z| > 2.575829) = 0.01, P(|Z| > 3.290527) = 0.001
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
    expect(twoSidedP(1.96)).toBeCloseTo(0.049996, 6);
    expect(twoSidedP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedP(3.290527)).toBeCloseTo(0.001, 6);
    // erfc(1) = 0.157299 (Abramowitz & Stegun table 7.1), erfc(−x) = 2 − erfc(x)
    expect(erfc(1)).toBeCloseTo(0.157299, 6);
    expect(erfc(-1)).toBeCloseTo(2 - 0.157299, 6);
  });
});
