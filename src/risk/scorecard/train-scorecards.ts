// The whole offline training of the two scorecards, pure: data text and its sha256 in, fitted models and their
// evaluations out. scripts/train-scorecard.ts reads the files and writes fitted-model.ts and the report; the
// "training reproduces" test calls the same functions and compares with the committed files.
//
// For each data set: the production model is fitted on all rows; it is evaluated by a stratified 70/30 held-out
// split and by stratified 5-fold cross-validation repeated over five seeds, with bins, WOE, selection and
// coefficients refitted inside every fold. The same evaluation with the protected attributes added measures
// what leaving them out costs.
import { buildModel } from "./build-model.ts";
import type { CharacteristicSpec, TrainingSet } from "./characteristic.ts";
import {
  CREDIT_DATA_CHARACTERISTICS,
  CREDIT_DATA_PROTECTED,
  CREDIT_DATA_PROTECTED_COLUMNS,
  creditDataTrainingSet,
} from "./credit-data-features.ts";
import { type Evaluation, type EvaluationPlan, evaluate, metricsOf } from "./cross-validation.ts";
import { DEFAULT_FIT_OPTIONS, fitScorecard, type ScorecardFit } from "./fit-scorecard.ts";
import type { FittedModel } from "./fitted-model-types.ts";
import {
  GERMAN_CREDIT_PROTECTED,
  germanCreditCharacteristics,
  germanCreditTrainingSet,
} from "./german-credit-features.ts";
import { parseArff } from "./parse-arff.ts";
import { parseCsv } from "./parse-csv.ts";
import { roundTo } from "./rounding.ts";
import { DEFAULT_SCALING } from "./scaling.ts";

/** Bump when the method changes (binning, selection, fitting, scaling): it is part of every model version. */
export const METHOD_VERSION = 1;
export const TRAINING_SEED = 5;
export const CV_FOLDS = 5;
export const CV_SEEDS: readonly number[] = [5, 6, 7, 8, 9];
export const HELD_OUT_SHARE = 0.3;

export interface TrainingRun {
  readonly model: FittedModel;
  /** The fit on all rows, with every candidate's binning and IV. */
  readonly fit: ScorecardFit;
  readonly evaluation: Evaluation;
  /** The same evaluation with the protected attributes added as characteristics. */
  readonly withProtected: Evaluation;
  readonly protectedNames: readonly string[];
  /** The training rows, as characteristic values. */
  readonly data: TrainingSet;
}

export function trainCreditData(csvText: string, sha256: string): TrainingRun {
  const data = creditDataTrainingSet(parseCsv(csvText));
  return train({
    data,
    sha256,
    datasetName: "credit_data",
    versionPrefix: "credit_data",
    specs: CREDIT_DATA_CHARACTERISTICS,
    protectedSpecs: CREDIT_DATA_PROTECTED,
    protectedNames: CREDIT_DATA_PROTECTED_COLUMNS,
  });
}

export function trainGermanCredit(arffText: string, sha256: string): TrainingRun {
  const table = parseArff(arffText);
  const all = germanCreditCharacteristics(table);
  return train({
    data: germanCreditTrainingSet(table),
    sha256,
    datasetName: "credit-g",
    versionPrefix: "german_credit",
    specs: all.filter((spec) => !GERMAN_CREDIT_PROTECTED.includes(spec.name)),
    protectedSpecs: all.filter((spec) => GERMAN_CREDIT_PROTECTED.includes(spec.name)),
    protectedNames: GERMAN_CREDIT_PROTECTED,
  });
}

interface TrainingJob {
  readonly data: TrainingSet;
  readonly sha256: string;
  readonly datasetName: string;
  readonly versionPrefix: string;
  readonly specs: readonly CharacteristicSpec[];
  readonly protectedSpecs: readonly CharacteristicSpec[];
  readonly protectedNames: readonly string[];
}

function train(job: TrainingJob): TrainingRun {
  const plan: EvaluationPlan = {
    specs: job.specs,
    options: DEFAULT_FIT_OPTIONS,
    scaling: DEFAULT_SCALING,
    folds: CV_FOLDS,
    seeds: CV_SEEDS,
    testShare: HELD_OUT_SHARE,
    heldOutSeed: TRAINING_SEED,
  };
  const evaluation = evaluate(job.data, plan);
  const withProtected = evaluate(job.data, { ...plan, specs: [...job.specs, ...job.protectedSpecs] });
  const fit = fitScorecard(job.data, job.specs, DEFAULT_FIT_OPTIONS);
  const model = buildModel(fit, {
    version: `${job.versionPrefix}-v${METHOD_VERSION}-${job.sha256.slice(0, 12)}`,
    datasetName: job.datasetName,
    sha256: job.sha256,
    seed: TRAINING_SEED,
    options: DEFAULT_FIT_OPTIONS,
    excludedProtected: job.protectedNames,
    scaling: DEFAULT_SCALING,
    metrics: metricsOf(evaluation, (value) => roundTo(value, 4)),
  });
  return { model, fit, evaluation, withProtected, protectedNames: job.protectedNames, data: job.data };
}
