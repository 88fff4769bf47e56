// Honest validation of the scorecard (research §3.1.7): stratified k-fold cross-validation and a stratified
// held-out split, both drawn with the seeded generator of prng.ts. Each fold's bins, WOE, selection and
// coefficients are fitted on the training rows of that fold only (fitScorecard), then the fold's held-out rows
// are scored with whole points exactly as the shipped scorecard scores an applicant.
import { buildModel } from "./build-model.ts";
import type { CharacteristicSpec, TrainingSet } from "./characteristic.ts";
import { type FitOptions, fitScorecard, type ScorecardFit } from "./fit-scorecard.ts";
import type { FittedModel, ModelMetrics, SummaryStatistic } from "./fitted-model-types.ts";
import { auc, gini, ks, mean, standardDeviation } from "./metrics.ts";
import { seededRandom, shuffled } from "./prng.ts";
import { probabilityFromScore, type Scaling } from "./scaling.ts";
import { modelScore } from "./score-record.ts";

/**
 * The fold (0 … k−1) of each row: goods and bads are shuffled separately and dealt out in turn, so every fold
 * has the same share of bads to within one row.
 */
export function stratifiedFolds(bad: readonly boolean[], k: number, seed: number): number[] {
  const random = seededRandom(seed);
  const folds = new Array<number>(bad.length).fill(0);
  for (const isBad of [false, true]) {
    const members = bad.flatMap((b, i) => (b === isBad ? [i] : []));
    shuffled(members, random).forEach((row, position) => {
      folds[row] = position % k;
    });
  }
  return folds;
}

/** Whether each row is held out: ⌊testShare·n⌋ of the goods and of the bads, drawn at random. */
export function heldOutRows(bad: readonly boolean[], testShare: number, seed: number): boolean[] {
  const random = seededRandom(seed);
  const test = new Array<boolean>(bad.length).fill(false);
  for (const isBad of [false, true]) {
    const members = bad.flatMap((b, i) => (b === isBad ? [i] : []));
    const count = Math.floor(testShare * members.length);
    for (const row of shuffled(members, random).slice(0, count)) test[row] = true;
  }
  return test;
}

export interface Separation {
  readonly auc: number;
  readonly ks: number;
  readonly gini: number;
}

export interface FoldResult extends Separation {
  readonly seed: number;
  readonly fold: number;
}

export interface Evaluation {
  /** The held-out split: the model fitted on the rest, its scores on the held-out rows. */
  readonly heldOut: Separation & {
    readonly testShare: number;
    readonly trainRows: number;
    readonly testRows: number;
    readonly model: FittedModel;
    readonly scores: readonly number[];
    readonly probabilities: readonly number[];
    readonly bad: readonly boolean[];
  };
  readonly folds: readonly FoldResult[];
  readonly foldCount: number;
  readonly seeds: readonly number[];
  readonly summary: {
    readonly auc: SummaryStatistic;
    readonly ks: SummaryStatistic;
    readonly gini: SummaryStatistic;
  };
}

export interface EvaluationPlan {
  readonly specs: readonly CharacteristicSpec[];
  readonly options: FitOptions;
  readonly scaling: Scaling;
  readonly folds: number;
  readonly seeds: readonly number[];
  readonly testShare: number;
  /** Seed of the held-out split. */
  readonly heldOutSeed: number;
}

export function evaluate(data: TrainingSet, plan: EvaluationPlan): Evaluation {
  const folds: FoldResult[] = [];
  for (const seed of plan.seeds) {
    const assignment = stratifiedFolds(data.bad, plan.folds, seed);
    for (let fold = 0; fold < plan.folds; fold++) {
      const train = split(
        data,
        assignment.map((f) => f !== fold),
      );
      const test = split(
        data,
        assignment.map((f) => f === fold),
      );
      const fit = fitScorecard(train, plan.specs, plan.options);
      folds.push({ seed, fold, ...separation(scoredRows(fit, test, plan).probabilities, test.bad) });
    }
  }
  const testMask = heldOutRows(data.bad, plan.testShare, plan.heldOutSeed);
  const train = split(
    data,
    testMask.map((t) => !t),
  );
  const test = split(data, testMask);
  const fit = fitScorecard(train, plan.specs, plan.options);
  const scored = scoredRows(fit, test, plan);
  const summary = (pick: (fold: FoldResult) => number): SummaryStatistic => ({
    mean: mean(folds.map(pick)),
    sd: standardDeviation(folds.map(pick)),
  });
  return {
    heldOut: {
      ...separation(scored.probabilities, test.bad),
      testShare: plan.testShare,
      trainRows: train.rows.length,
      testRows: test.rows.length,
      model: scored.model,
      scores: scored.scores,
      probabilities: scored.probabilities,
      bad: test.bad,
    },
    folds,
    foldCount: plan.folds,
    seeds: plan.seeds,
    summary: { auc: summary((f) => f.auc), ks: summary((f) => f.ks), gini: summary((f) => f.gini) },
  };
}

/** The metrics block of a model from an evaluation, rounded to 4 decimals. */
export function metricsOf(evaluation: Evaluation, round: (value: number) => number): ModelMetrics {
  const { heldOut, summary } = evaluation;
  const stat = (s: SummaryStatistic): SummaryStatistic => ({ mean: round(s.mean), sd: round(s.sd) });
  return {
    heldOut: {
      testShare: heldOut.testShare,
      trainRows: heldOut.trainRows,
      testRows: heldOut.testRows,
      auc: round(heldOut.auc),
      ks: round(heldOut.ks),
      gini: round(heldOut.gini),
    },
    crossValidation: {
      folds: evaluation.foldCount,
      seeds: evaluation.seeds,
      auc: stat(summary.auc),
      ks: stat(summary.ks),
      gini: stat(summary.gini),
    },
  };
}

function separation(probabilities: readonly number[], bad: readonly boolean[]): Separation {
  const area = auc(probabilities, bad);
  return { auc: area, ks: ks(probabilities, bad), gini: gini(area) };
}

function split(data: TrainingSet, keep: readonly boolean[]): TrainingSet {
  return {
    rows: data.rows.filter((_, i) => keep[i]),
    bad: data.bad.filter((_, i) => keep[i]),
  };
}

const NO_METRICS: ModelMetrics = {
  heldOut: { testShare: 0, trainRows: 0, testRows: 0, auc: 0, ks: 0, gini: 0 },
  crossValidation: {
    folds: 0,
    seeds: [],
    auc: { mean: 0, sd: 0 },
    ks: { mean: 0, sd: 0 },
    gini: { mean: 0, sd: 0 },
  },
};

/** Scores `test` with the whole-point scorecard built from `fit` (calibrated to the fit's own bad rate). */
function scoredRows(
  fit: ScorecardFit,
  test: TrainingSet,
  plan: EvaluationPlan,
): { model: FittedModel; scores: number[]; probabilities: number[] } {
  const model = buildModel(fit, {
    version: "evaluation",
    datasetName: "evaluation",
    sha256: "",
    seed: 0,
    options: plan.options,
    excludedProtected: [],
    scaling: plan.scaling,
    metrics: NO_METRICS,
  });
  const scores = test.rows.map((row) => modelScore(model, row));
  return { model, scores, probabilities: scores.map((score) => probabilityFromScore(plan.scaling, score)) };
}
