// Turns a fit (fit-scorecard.ts) into the committed model shape: statistics rounded to fixed decimals (so the
// generated file is short and stable), bin labels, the reason each characteristic gives, and whole points per
// bin computed FROM the rounded values — so recalibrating the committed model reproduces its points exactly.
import { fail } from "../../core/errors.ts";
import { binLabel } from "./bin-labels.ts";
import type { ReasonText } from "./characteristic.ts";
import type { FitOptions, FittedCharacteristic, ScorecardFit } from "./fit-scorecard.ts";
import type { FittedModel, ModelCharacteristic, ModelMetrics } from "./fitted-model-types.ts";
import { roundTo } from "./rounding.ts";
import { attributePoints, priorShift, type Scaling } from "./scaling.ts";

export interface ModelContext {
  readonly version: string;
  readonly datasetName: string;
  readonly sha256: string;
  readonly seed: number;
  readonly options: FitOptions;
  readonly excludedProtected: readonly string[];
  readonly scaling: Scaling;
  /** The bad rate to calibrate points to; the training data's own rate when undefined. */
  readonly targetBadRate?: number | undefined;
  readonly metrics: ModelMetrics;
}

/** Decimals kept in the committed model. */
const WOE_DECIMALS = 6;
const COEFFICIENT_DECIMALS = 6;
const IV_DECIMALS = 4;
const RATE_DECIMALS = 6;

export function buildModel(fit: ScorecardFit, context: ModelContext): FittedModel {
  const trainingBadRate = roundTo(fit.bads / fit.rows, RATE_DECIMALS);
  const characteristics: ModelCharacteristic[] = fit.characteristics.map(modelCharacteristic);
  const unscaled: FittedModel = {
    version: context.version,
    dataset: {
      name: context.datasetName,
      sha256: context.sha256,
      rows: fit.rows,
      goods: fit.rows - fit.bads,
      bads: fit.bads,
    },
    seed: context.seed,
    method: {
      initialBins: context.options.initialBins,
      minBinShare: context.options.minBinShare,
      minIv: context.options.minIv,
      ridge: context.options.logistic.ridge,
    },
    excludedProtected: context.excludedProtected,
    dropped: fit.dropped,
    intercept: roundTo(fit.intercept, COEFFICIENT_DECIMALS),
    interceptStandardError: roundTo(fit.interceptStandardError, COEFFICIENT_DECIMALS),
    scaling: context.scaling,
    calibration: { trainingBadRate, targetBadRate: trainingBadRate, logOddsShift: 0 },
    characteristics,
    metrics: context.metrics,
  };
  return recalibrate(unscaled, context.targetBadRate ?? trainingBadRate);
}

/**
 * The model with its points calibrated to a population whose bad rate is `targetBadRate` (0 < rate < 1): the
 * prior shift logit(target) − logit(training) is added to α and every bin's points are recomputed. Scores of
 * a population with a lower bad rate than the training data's rise (about 58 points from 28 % to 5 %).
 */
export function recalibrate(model: FittedModel, targetBadRate: number): FittedModel {
  if (!(targetBadRate > 0 && targetBadRate < 1)) {
    fail("INVALID_ARGUMENT", "targetBadRate", targetBadRate, "must be a probability above 0 and below 1");
  }
  const shift = roundTo(priorShift(model.calibration.trainingBadRate, targetBadRate), COEFFICIENT_DECIMALS);
  const alpha = model.intercept + shift;
  const k = model.characteristics.length;
  return {
    ...model,
    calibration: { ...model.calibration, targetBadRate, logOddsShift: shift },
    characteristics: model.characteristics.map((characteristic) => ({
      ...characteristic,
      bins: characteristic.bins.map((bin) => ({
        ...bin,
        // float-ok: points of a score, not money
        points: wholePoints(attributePoints(model.scaling, characteristic.coefficient, bin.woe, alpha, k)),
      })),
    })),
  };
}

function wholePoints(points: number): number {
  const rounded = roundTo(points, 0);
  return rounded === 0 ? 0 : rounded;
}

function modelCharacteristic(fitted: FittedCharacteristic): ModelCharacteristic {
  const { spec, binning } = fitted;
  return {
    name: spec.name,
    label: spec.label,
    kind: spec.kind,
    format: spec.format,
    reason: mainReason(fitted),
    missingReason: spec.reasons.missing,
    iv: roundTo(binning.iv, IV_DECIMALS),
    coefficient: roundTo(fitted.coefficient, COEFFICIENT_DECIMALS),
    standardError: roundTo(fitted.standardError, COEFFICIENT_DECIMALS),
    bins: binning.bins.map((bin) => ({
      rule: bin.rule,
      label: binLabel(bin.rule, spec.format),
      goods: bin.goods,
      bads: bin.bads,
      woe: roundTo(bin.woe, WOE_DECIMALS),
      neutral: bin.neutral,
      points: 0,
    })),
  };
}

/**
 * A categorical characteristic's reason is its `level` text. A numeric one's is `high` when its WOE falls from
 * the first to the last data bin (higher values are riskier, e.g. a long term), else `low`.
 */
function mainReason({ spec, binning }: FittedCharacteristic): ReasonText {
  const fallback = spec.reasons.missing;
  if (spec.kind === "categorical") return spec.reasons.level ?? fallback;
  const data = binning.bins.filter((bin) => bin.rule.kind !== "missing");
  const falling = data.length < 2 || (data[data.length - 1]?.woe ?? 0) < (data[0]?.woe ?? 0);
  return (falling ? spec.reasons.high : spec.reasons.low) ?? fallback;
}
