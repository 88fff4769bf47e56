import { describe, expect, it } from "vitest";
import { bandOf } from "./bands.ts";
import { DEFAULT_SCALING, probabilityFromScore } from "./scaling.ts";

describe("bandOf", () => {
  it("cuts at 620, 600, 570 and 550 (research §3.5)", () => {
    expect([700, 620, 619, 600, 599, 570, 569, 550, 549, 300].map(bandOf)).toEqual([
      "A",
      "A",
      "B",
      "B",
      "C",
      "C",
      "D",
      "D",
      "E",
      "E",
    ]);
  });

  it("matches the documented PD at each edge", () => {
    // 620 → odds e^((620 − 487.1229)/28.8539) = e^4.605170 = 100 → PD 1/101 = 0.99 %
    expect(probabilityFromScore(DEFAULT_SCALING, 620)).toBeCloseTo(1 / 101, 10);
    // 550 → odds e^(62.8771/28.8539) = e^2.179153 = 8.8388 → PD 1/9.8388 = 10.16 %
    expect(probabilityFromScore(DEFAULT_SCALING, 550)).toBeCloseTo(0.1016, 4);
  });
});
