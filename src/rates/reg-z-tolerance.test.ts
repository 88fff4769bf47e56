// §1026.22(a)(2) and (a)(3): a disclosed APR is accurate within 1/8 of a percentage point of the APR computed by
// Appendix J in a regular transaction, within 1/4 in an irregular one (multiple advances, irregular payment periods
// or amounts other than an irregular first period or first or final payment — see reg-z-apr.test.ts for `regular`).
import { describe, expect, it } from "vitest";
import { ratio } from "../core/ratio.ts";
import { regZTolerance, withinRegZTolerance } from "./reg-z-tolerance.ts";

describe("withinRegZTolerance", () => {
  it("allows 1/8 of a point either way in a regular transaction, inclusive", () => {
    expect(regZTolerance(true)).toEqual(ratio(1n, 8n));
    expect(withinRegZTolerance("9.69", "9.815", true)).toBe(true);
    expect(withinRegZTolerance("9.69", "9.565", true)).toBe(true);
    expect(withinRegZTolerance("9.69", "9.8151", true)).toBe(false);
    expect(withinRegZTolerance("9.69", "9.5649", true)).toBe(false);
  });

  it("allows 1/4 of a point in an irregular transaction", () => {
    expect(regZTolerance(false)).toEqual(ratio(1n, 4n));
    expect(withinRegZTolerance("12.00", "12.25", false)).toBe(true);
    expect(withinRegZTolerance("12.00", "11.75", false)).toBe(true);
    expect(withinRegZTolerance("12.00", "12.2501", false)).toBe(false);
    expect(withinRegZTolerance("12.00", "12.2", true)).toBe(false);
  });

  it("compares decimals exactly, also when given as numbers", () => {
    // 1.1 − 0.975 is 0.1250000000000001 in binary floating point; exactly 1/8 as decimals.
    expect(1.1 - 0.975).toBeGreaterThan(0.125);
    expect(withinRegZTolerance(1.1, 0.975, true)).toBe(true);
    expect(withinRegZTolerance(1e-7, 0, true)).toBe(true);
  });

  it("rejects text that is not a decimal", () => {
    expect(() => withinRegZTolerance("9,69", "9.69", true)).toThrowError(/decimal/);
    expect(() => withinRegZTolerance(Number.NaN, "9.69", true)).toThrowError(/decimal/);
  });
});
