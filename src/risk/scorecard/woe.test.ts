import { describe, expect, it } from "vitest";
import { ivStrength, woeTable } from "./woe.ts";

describe("woeTable", () => {
  it("computes WOE and IV of a 2×2 table by hand", () => {
    // Bin A: 80 goods, 20 bads; bin B: 20 goods, 30 bads. G = 100, B = 50, n = 2 bins, 0.5 added per cell:
    //   %good_A = 80.5 / (100 + 0.5·2) = 80.5/101 = 0.797030   %bad_A = 20.5 / (50 + 1) = 20.5/51 = 0.401961
    //   %good_B = 20.5/101 = 0.202970                          %bad_B = 30.5/51 = 0.598039
    //   WOE_A = ln(0.797030 / 0.401961) = ln(1.982843) = 0.684537
    //   WOE_B = ln(0.202970 / 0.598039) = ln(0.339394) = −1.080597
    //   IV = (0.797030 − 0.401961)·0.684537 + (0.202970 − 0.598039)·(−1.080597) = 0.270439 + 0.426910 = 0.697350
    const table = woeTable([
      { goods: 80, bads: 20 },
      { goods: 20, bads: 30 },
    ]);
    expect(table.woe[0]).toBeCloseTo(0.684537, 6);
    expect(table.woe[1]).toBeCloseTo(-1.080597, 6);
    expect(table.ivParts[0]).toBeCloseTo(0.270439, 6);
    expect(table.ivParts[1]).toBeCloseTo(0.42691, 6);
    expect(table.iv).toBeCloseTo(0.69735, 6);
  });

  it("keeps a bin without bads finite thanks to the 0.5 smoothing", () => {
    // 10 goods, 0 bads beside 10 goods, 10 bads: WOE = ln((10.5/21)/(0.5/11)) = ln(0.5/0.0454545) = ln 11.
    const table = woeTable([
      { goods: 10, bads: 0 },
      { goods: 10, bads: 10 },
    ]);
    expect(table.woe[0]).toBeCloseTo(Math.log(11), 12);
  });

  it("gives WOE 0 and IV 0 when every bin has the population's odds", () => {
    const table = woeTable([
      { goods: 30, bads: 10 },
      { goods: 30, bads: 10 },
    ]);
    expect(table.woe).toEqual([0, 0]);
    expect(table.iv).toBe(0);
  });
});

describe("ivStrength", () => {
  it("reads the conventional thresholds", () => {
    expect([0.01, 0.05, 0.2, 0.4, 0.6].map(ivStrength)).toEqual([
      "useless",
      "weak",
      "medium",
      "strong",
      "suspicious",
    ]);
  });
});
