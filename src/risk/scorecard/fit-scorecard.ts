// Fits a scorecard to labelled rows (research §3.1): bins and WOE per characteristic, drops characteristics
// whose information value is below `minIv`, fits ln(odds of bad) on the WOE columns by IRLS, then drops the
// characteristic with the most clearly wrong sign (a β ≥ 0: with WOE = ln(good/bad) every β must be negative)
// and refits, until every sign is right. Everything is fitted from `data` alone, so cross-validation can call
// this inside each fold without leaking the held-out rows into the bins or the WOE.
import { type Binning, binCategorical, binIndexOf, binNumeric } from "./binning.ts";
import type { CharacteristicSpec, CharacteristicValues, TrainingSet } from "./characteristic.ts";
import { fitLogistic, type LogisticOptions, linearPredictor } from "./logistic-regression.ts";

export interface FitOptions {
  readonly initialBins: number;
  readonly minBinShare: number;
  readonly minIv: number;
  readonly logistic: LogisticOptions;
}

export const DEFAULT_FIT_OPTIONS: FitOptions = {
  initialBins: 10,
  minBinShare: 0.05,
  minIv: 0.02,
  logistic: { ridge: 1e-3, maxIterations: 50, tolerance: 1e-10 },
};

export interface FittedCharacteristic {
  readonly spec: CharacteristicSpec;
  readonly binning: Binning;
  readonly coefficient: number;
  readonly standardError: number;
}

export interface ScorecardFit {
  /** The characteristics in the model, in the order of the specs given. */
  readonly characteristics: readonly FittedCharacteristic[];
  readonly intercept: number;
  readonly interceptStandardError: number;
  readonly logLikelihood: number;
  /** Every candidate's binning and IV, kept or not. */
  readonly candidates: readonly { readonly spec: CharacteristicSpec; readonly binning: Binning }[];
  readonly dropped: readonly { readonly name: string; readonly reason: string }[];
  readonly rows: number;
  readonly bads: number;
}

export function binCharacteristic(spec: CharacteristicSpec, data: TrainingSet, options: FitOptions): Binning {
  if (spec.kind === "categorical") {
    const values = data.rows.map((row) => {
      const value = row[spec.name];
      return typeof value === "string" ? value : undefined;
    });
    return binCategorical(values, data.bad, spec.levels ?? [], options);
  }
  const values = data.rows.map((row) => {
    const value = row[spec.name];
    return typeof value === "number" ? value : undefined;
  });
  return binNumeric(values, data.bad, { ...options, edgeDecimals: spec.edgeDecimals });
}

export function fitScorecard(
  data: TrainingSet,
  specs: readonly CharacteristicSpec[],
  options: FitOptions = DEFAULT_FIT_OPTIONS,
): ScorecardFit {
  const candidates = specs.map((spec) => ({ spec, binning: binCharacteristic(spec, data, options) }));
  const dropped: { name: string; reason: string }[] = [];
  let kept = candidates.filter(({ spec, binning }) => {
    if (binning.iv >= options.minIv) return true;
    dropped.push({ name: spec.name, reason: `IV ${binning.iv.toFixed(4)} below ${options.minIv}` }); // float-ok: a statistic in a message
    return false;
  });
  for (;;) {
    if (kept.length === 0) throw new Error("fitScorecard: no characteristic has enough information value");
    const x = data.rows.map((row) => kept.map(({ spec, binning }) => woeOf(binning, row[spec.name])));
    const fit = fitLogistic(x, data.bad, options.logistic);
    // The most clearly wrong sign is the largest β / SE among β ≥ 0.
    let worst = -1;
    let worstZ = Number.NEGATIVE_INFINITY;
    fit.coefficients.forEach((beta, j) => {
      const z = beta / (fit.standardErrors[j] as number);
      if (beta >= 0 && z > worstZ) {
        worst = j;
        worstZ = z;
      }
    });
    if (worst < 0) {
      return {
        characteristics: kept.map(({ spec, binning }, j) => ({
          spec,
          binning,
          coefficient: fit.coefficients[j] as number,
          standardError: fit.standardErrors[j] as number,
        })),
        intercept: fit.intercept,
        interceptStandardError: fit.interceptStandardError,
        logLikelihood: fit.logLikelihood,
        candidates,
        dropped,
        rows: data.rows.length,
        bads: data.bad.filter(Boolean).length,
      };
    }
    const beta = fit.coefficients[worst] as number;
    const name = (kept[worst] as { spec: CharacteristicSpec }).spec.name;
    // float-ok: a statistic in a message
    dropped.push({ name, reason: `wrong sign: β = ${beta.toFixed(4)} ≥ 0 with the other characteristics` });
    kept = kept.filter((_, j) => j !== worst);
  }
}

export function woeOf(binning: Binning, value: CharacteristicValues[string]): number {
  return (binning.bins[binIndexOf(binning.bins, value)] as { woe: number }).woe;
}

/** The fit's ln(odds of bad) for one row (from the unrounded WOE and coefficients). */
export function fitLogOdds(fit: ScorecardFit, row: CharacteristicValues): number {
  return linearPredictor(
    fit.intercept,
    fit.characteristics.map((c) => c.coefficient),
    fit.characteristics.map((c) => woeOf(c.binning, row[c.spec.name])),
  );
}
