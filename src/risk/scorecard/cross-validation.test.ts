import { describe, expect, it } from "vitest";
import { buildModel } from "./build-model.ts";
import type { CharacteristicSpec, CharacteristicValues, TrainingSet } from "./characteristic.ts";
import { evaluate, heldOutRows, stratifiedFolds } from "./cross-validation.ts";
import { DEFAULT_FIT_OPTIONS, fitScorecard } from "./fit-scorecard.ts";
import { auc } from "./metrics.ts";
import { seededRandom } from "./prng.ts";
import { DEFAULT_SCALING, probabilityFromScore } from "./scaling.ts";
import { modelScore } from "./score-record.ts";

const REASONS = {
  high: { code: "H", message: "h" },
  low: { code: "L", message: "l" },
  missing: { code: "M", message: "m" },
};
const SPECS: CharacteristicSpec[] = [
  { name: "u", label: "u", kind: "numeric", format: "number", edgeDecimals: 2, reasons: REASONS },
  { name: "v", label: "v", kind: "numeric", format: "number", edgeDecimals: 2, reasons: REASONS },
  {
    name: "k",
    label: "k",
    kind: "categorical",
    levels: ["p", "q", "r"],
    format: "level",
    edgeDecimals: 0,
    reasons: { level: { code: "K", message: "k" }, missing: { code: "KM", message: "km" } },
  },
];

/** 400 synthetic rows: bad more likely when u is high, v low or k = "r"; a few values missing. */
function synthetic(): TrainingSet {
  const random = seededRandom(99);
  const rows = [];
  const bad = [];
  for (let i = 0; i < 400; i++) {
    const u = random();
    const v = random();
    const k = ["p", "q", "r"][Math.floor(random() * 3)] as string;
    const z = -1 + 2 * u - 1.5 * v + (k === "r" ? 0.8 : 0);
    rows.push({ u: random() < 0.05 ? undefined : u, v, k });
    bad.push(random() < 1 / (1 + Math.exp(-z)));
  }
  return { rows, bad };
}

describe("stratifiedFolds", () => {
  it("deals goods and bads out evenly, the same way for the same seed", () => {
    const bad = Array.from({ length: 103 }, (_, i) => i % 4 === 0); // 26 bads, 77 goods
    const folds = stratifiedFolds(bad, 5, 3);
    const badsPerFold = [0, 1, 2, 3, 4].map((f) => folds.filter((g, i) => g === f && bad[i]).length);
    const rowsPerFold = [0, 1, 2, 3, 4].map((f) => folds.filter((g) => g === f).length);
    // 26 bads → 6, 5, 5, 5, 5; 77 goods → 16, 16, 15, 15, 15
    expect([...badsPerFold].sort()).toEqual([5, 5, 5, 5, 6]);
    expect(Math.max(...rowsPerFold) - Math.min(...rowsPerFold)).toBeLessThanOrEqual(2);
    expect(stratifiedFolds(bad, 5, 3)).toEqual(folds);
    expect(stratifiedFolds(bad, 5, 4)).not.toEqual(folds);
  });
});

describe("heldOutRows", () => {
  it("holds out ⌊30 %⌋ of the goods and of the bads", () => {
    const bad = Array.from({ length: 103 }, (_, i) => i % 4 === 0); // 26 bads, 77 goods
    const test = heldOutRows(bad, 0.3, 1);
    // ⌊0.3 × 26⌋ = 7 bads, ⌊0.3 × 77⌋ = 23 goods
    expect(test.filter((t, i) => t && bad[i]).length).toBe(7);
    expect(test.filter((t, i) => t && !bad[i]).length).toBe(23);
  });
});

describe("evaluate", () => {
  const data = synthetic();
  const plan = {
    specs: SPECS,
    options: DEFAULT_FIT_OPTIONS,
    scaling: DEFAULT_SCALING,
    folds: 5,
    seeds: [1, 2],
    testShare: 0.3,
    heldOutSeed: 1,
  };
  const evaluation = evaluate(data, plan);

  it("scores every fold with a model fitted without that fold's rows (no leakage)", () => {
    expect(evaluation.folds).toHaveLength(10);
    const assignment = stratifiedFolds(data.bad, 5, 2);
    const fold = 3;
    const trainIdx = assignment.flatMap((f, i) => (f !== fold ? [i] : []));
    const testIdx = assignment.flatMap((f, i) => (f === fold ? [i] : []));
    const pick = (idx: number[]): TrainingSet => ({
      rows: idx.map((i) => data.rows[i] as CharacteristicValues),
      bad: idx.map((i) => data.bad[i] === true),
    });
    const fitAndScore = (train: TrainingSet) => {
      const model = buildModel(fitScorecard(train, SPECS), {
        version: "x",
        datasetName: "x",
        sha256: "",
        seed: 0,
        options: DEFAULT_FIT_OPTIONS,
        excludedProtected: [],
        scaling: DEFAULT_SCALING,
        metrics: evaluation.heldOut.model.metrics,
      });
      const test = pick(testIdx);
      return auc(
        test.rows.map((row) => probabilityFromScore(DEFAULT_SCALING, modelScore(model, row))),
        test.bad,
      );
    };
    const reported = evaluation.folds.find((f) => f.seed === 2 && f.fold === fold);
    expect(reported?.auc).toBe(fitAndScore(pick(trainIdx)));
    // A model that has seen the fold (fitted on every row) scores it differently: the check above can fail.
    expect(fitAndScore(data)).not.toBe(reported?.auc);
  });

  it("summarises folds by mean and sample sd, and finds the planted signal", () => {
    const aucs = evaluation.folds.map((f) => f.auc);
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    expect(evaluation.summary.auc.mean).toBeCloseTo(mean, 12);
    expect(evaluation.summary.gini.mean).toBeCloseTo(2 * mean - 1, 12);
    expect(evaluation.summary.auc.mean).toBeGreaterThan(0.6);
    expect(evaluation.heldOut.testRows + evaluation.heldOut.trainRows).toBe(400);
  });
});
