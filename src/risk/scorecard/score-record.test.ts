import { describe, expect, it } from "vitest";
import type { BinRule } from "./binning.ts";
import type { FittedModel, ModelCharacteristic } from "./fitted-model-types.ts";
import { reasonCodes } from "./reason-codes.ts";
import { DEFAULT_SCALING } from "./scaling.ts";
import { modelScore, scoreRecord } from "./score-record.ts";

function characteristic(name: string, bins: [string, BinRule, number][]): ModelCharacteristic {
  return {
    name,
    label: `${name} label`,
    kind: bins[0]?.[1].kind === "levels" ? "categorical" : "numeric",
    format: "number",
    reason: { code: `${name.toUpperCase()}_LOW`, message: `Low ${name}` },
    missingReason: { code: `${name.toUpperCase()}_MISSING`, message: `${name} was not given` },
    iv: 0.1,
    coefficient: -1,
    standardError: 0.1,
    bins: bins.map(([label, rule, points]) => ({
      rule,
      label,
      goods: 1,
      bads: 1,
      woe: 0,
      neutral: false,
      points,
    })),
  };
}

const MISSING: BinRule = { kind: "missing" };

/** A hand-made model of three characteristics (points chosen, not fitted). */
const MODEL: FittedModel = {
  version: "fixture-1",
  dataset: { name: "fixture", sha256: "", rows: 0, goods: 0, bads: 0 },
  seed: 0,
  method: { initialBins: 10, minBinShare: 0.05, minIv: 0.02, ridge: 0.001 },
  excludedProtected: [],
  dropped: [],
  intercept: 0,
  interceptStandardError: 0,
  scaling: DEFAULT_SCALING,
  calibration: { trainingBadRate: 0.3, targetBadRate: 0.3, logOddsShift: 0 },
  characteristics: [
    characteristic("a", [
      ["under 10", { kind: "range", lower: null, upper: 10 }, 150],
      ["10 or more", { kind: "range", lower: 10, upper: null }, 200],
      ["not given", MISSING, 180],
    ]),
    characteristic("b", [
      ["x", { kind: "levels", levels: ["x"] }, 220],
      ["y", { kind: "levels", levels: ["y"] }, 170],
      ["not given", MISSING, 190],
    ]),
    characteristic("c", [
      ["under 0.5", { kind: "range", lower: null, upper: 0.5 }, 160],
      ["0.5 or more", { kind: "range", lower: 0.5, upper: null }, 200],
      ["not given", MISSING, 185],
    ]),
  ],
  metrics: {
    heldOut: { testShare: 0, trainRows: 0, testRows: 0, auc: 0, ks: 0, gini: 0 },
    crossValidation: {
      folds: 0,
      seeds: [],
      auc: { mean: 0, sd: 0 },
      ks: { mean: 0, sd: 0 },
      gini: { mean: 0, sd: 0 },
    },
  },
};

describe("scoreRecord", () => {
  it("adds the points of each value's bin and reads PD and band off the score", () => {
    // a = 12 → "10 or more" 200; b = "y" → 170; c unknown → "not given" 185. Score 555.
    // PD = 1 / (1 + e^((555 − 487.122876)/28.853901)) = 1 / (1 + e^2.352441) = 1 / 11.511 = 0.086872 → band D
    const result = scoreRecord(MODEL, { a: 12, b: "y", c: undefined });
    expect(result.score).toBe(555);
    expect(result.probabilityOfDefault).toBeCloseTo(0.086872, 6);
    expect(result.band).toBe("D");
    expect(result.points).toEqual([
      { characteristic: "a label", bin: "10 or more", points: 200 },
      { characteristic: "b label", bin: "y", points: 170 },
      { characteristic: "c label", bin: "not given", points: 185 },
    ]);
    expect(result.modelVersion).toBe("fixture-1");
    expect(modelScore(MODEL, { a: 12, b: "y", c: undefined })).toBe(555);
  });

  it("gives reasons largest shortfall first, the missing bin with its own code", () => {
    // b: best 220 − 170 = 50 lost; c: best 200 − 185 = 15 lost (missing); a at its best: no reason.
    const { reasons } = scoreRecord(MODEL, { a: 12, b: "y", c: undefined });
    expect(reasons).toEqual([
      { code: "B_LOW", characteristic: "b label", bin: "y", pointsLost: 50, message: "Low b (b label: y)." },
      {
        code: "C_MISSING",
        characteristic: "c label",
        bin: "not given",
        pointsLost: 15,
        message: "c was not given.",
      },
    ]);
  });

  it("treats an unknown level like a missing value", () => {
    expect(scoreRecord(MODEL, { a: 1, b: "z", c: 0.7 }).points[1]).toEqual({
      characteristic: "b label",
      bin: "not given",
      points: 190,
    });
  });
});

describe("reasonCodes", () => {
  it("keeps at most four, breaking equal shortfalls by model order", () => {
    // Six characteristics; the applicant's bins lose 10, 30, 10, 0, 30, 20 points.
    const lost = [10, 30, 10, 0, 30, 20];
    const characteristics = lost.map((l, i) =>
      characteristic(`k${i}`, [
        ["best", { kind: "range", lower: null, upper: 1 }, 100],
        ["worse", { kind: "range", lower: 1, upper: null }, 100 - l],
        ["not given", MISSING, 100],
      ]),
    );
    const reasons = reasonCodes(characteristics, [1, 1, 1, 1, 1, 1]);
    // 30 (k1), 30 (k4), 20 (k5), 10 (k0) — k2's 10 is fifth and dropped; k3 loses nothing.
    expect(reasons.map((r) => [r.code, r.pointsLost])).toEqual([
      ["K1_LOW", 30],
      ["K4_LOW", 30],
      ["K5_LOW", 20],
      ["K0_LOW", 10],
    ]);
  });
});
