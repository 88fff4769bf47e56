// Scores one row of characteristic values with a fitted model: each characteristic's value falls in one bin
// (the missing bin when it is undefined or unknown), the bins' whole points add up to the score, the score gives
// the probability of default at the model's calibrated bad rate and the band, and the largest shortfalls give
// the reasons.
import { bandOf } from "./bands.ts";
import { binIndexOf } from "./binning.ts";
import type { CharacteristicValues } from "./characteristic.ts";
import type { FittedModel } from "./fitted-model-types.ts";
import { reasonCodes } from "./reason-codes.ts";
import { probabilityFromScore } from "./scaling.ts";
import type { ScoreResult } from "./scorecard-types.ts";

/** The score alone: the sum of the points of the bins the values fall in. */
export function modelScore(model: FittedModel, values: CharacteristicValues): number {
  let score = 0;
  for (const characteristic of model.characteristics) {
    const bin = characteristic.bins[binIndexOf(characteristic.bins, values[characteristic.name])];
    score += (bin as { points: number }).points;
  }
  return score;
}

export function scoreRecord(model: FittedModel, values: CharacteristicValues): ScoreResult {
  const binIndexes = model.characteristics.map((characteristic) =>
    binIndexOf(characteristic.bins, values[characteristic.name]),
  );
  const points = model.characteristics.map((characteristic, i) => {
    const bin = characteristic.bins[binIndexes[i] as number] as { label: string; points: number };
    return { characteristic: characteristic.label, bin: bin.label, points: bin.points };
  });
  const score = points.reduce((sum, entry) => sum + entry.points, 0);
  return {
    score,
    probabilityOfDefault: probabilityFromScore(model.scaling, score),
    band: bandOf(score),
    points,
    reasons: reasonCodes(model.characteristics, binIndexes),
    modelVersion: model.version,
  };
}
