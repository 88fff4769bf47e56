import { describe, expect, it } from "vitest";
import type { CharacteristicSpec, CharacteristicValues } from "./characteristic.ts";
import { fitLogOdds, fitScorecard } from "./fit-scorecard.ts";

function levelSpec(name: string): CharacteristicSpec {
  return {
    name,
    label: name,
    kind: "categorical",
    levels: ["0", "1"],
    format: "level",
    edgeDecimals: 0,
    reasons: { level: { code: name, message: name }, missing: { code: `${name}_M`, message: name } },
  };
}

/**
 * Cells (a, b, rows, bads): b mostly follows a, so on its own b = "1" looks risky (it comes with a = "1"), but
 * within each level of a it LOWERS the bad rate: 40/400 → 2/50 and 30/50 → 200/400. The noise column
 * alternates row by row, so each cell's goods and bads (all even counts) split exactly in half: IV 0.
 */
const CELLS: [string, string, number, number][] = [
  ["0", "0", 400, 40],
  ["0", "1", 50, 2],
  ["1", "0", 50, 30],
  ["1", "1", 400, 200],
];

function data(): { rows: CharacteristicValues[]; bad: boolean[] } {
  const rows: CharacteristicValues[] = [];
  const bad: boolean[] = [];
  for (const [a, b, n, bads] of CELLS) {
    for (let i = 0; i < n; i++) {
      rows.push({ a, b, noise: i % 2 === 0 ? "0" : "1" });
      bad.push(i < bads);
    }
  }
  return { rows, bad };
}

describe("fitScorecard", () => {
  const fit = fitScorecard(data(), [levelSpec("a"), levelSpec("b"), levelSpec("noise")]);

  it("drops a useless characteristic for its IV and a suppressor for its wrong sign", () => {
    expect(fit.characteristics.map((c) => c.spec.name)).toEqual(["a"]);
    expect(fit.dropped.map((d) => d.name)).toEqual(["noise", "b"]);
    expect(fit.dropped[0]?.reason).toBe("IV 0.0000 below 0.02");
    expect(fit.dropped[1]?.reason).toMatch(/^wrong sign: β = \d/);
    expect(fit.characteristics[0]?.coefficient).toBeLessThan(0);
  });

  it("with a alone, predicts each level's own log-odds of bad (the closed form of one WOE column)", () => {
    // a = "0": 42 bads of 450 → ln(42/408) = −2.273598; a = "1": 230 of 450 → ln(230/220) = 0.044452.
    // A single WOE column with a free intercept reproduces both cell log-odds, up to the small ridge.
    expect(fitLogOdds(fit, { a: "0" })).toBeCloseTo(Math.log(42 / 408), 3);
    expect(fitLogOdds(fit, { a: "1" })).toBeCloseTo(Math.log(230 / 220), 3);
  });
});
