// Points scaling of a scorecard (research §3.1.4): Score = Offset + Factor·ln(odds of good), with
// Factor = PDO / ln 2 and Offset = S0 − Factor·ln(O0). The default — 600 points at 50:1 good:bad, 20 points to
// double the odds — gives Factor = 28.8539 and Offset = 487.123. The prior correction moves a model's
// ln(odds of bad) from the training sample's bad rate to a target population's (research §3.1.5).

export interface Scaling {
  /** Points at odds `odds0`:1 good:bad. */
  readonly points0: number;
  readonly odds0: number;
  /** Points to double the odds. */
  readonly pdo: number;
  readonly factor: number;
  readonly offset: number;
}

export function makeScaling(points0 = 600, odds0 = 50, pdo = 20): Scaling {
  const factor = pdo / Math.LN2;
  return { points0, odds0, pdo, factor, offset: points0 - factor * Math.log(odds0) };
}

export const DEFAULT_SCALING: Scaling = makeScaling();

/** The score of odds `oddsGood`:1 good:bad. */
export function scoreFromOdds(scaling: Scaling, oddsGood: number): number {
  return scaling.offset + scaling.factor * Math.log(oddsGood);
}

/** The score of a model's ln(odds of bad). */
export function scoreFromLogOddsBad(scaling: Scaling, logOddsBad: number): number {
  return scaling.offset - scaling.factor * logOddsBad;
}

export function scoreFromProbability(scaling: Scaling, probabilityOfBad: number): number {
  return scoreFromOdds(scaling, (1 - probabilityOfBad) / probabilityOfBad);
}

/** The probability of bad that a score stands for: 1 / (1 + odds of good). */
export function probabilityFromScore(scaling: Scaling, score: number): number {
  return 1 / (1 + Math.exp((score - scaling.offset) / scaling.factor));
}

/**
 * One bin's points: −(β·WOE + α/k)·Factor + Offset/k, with k the number of characteristics, so that the points
 * of one bin per characteristic add up to Offset − Factor·(α + Σ β·WOE), the score of the model's log-odds.
 */
export function attributePoints(
  scaling: Scaling,
  coefficient: number,
  woe: number,
  intercept: number,
  characteristics: number,
): number {
  return (
    -(coefficient * woe + intercept / characteristics) * scaling.factor + scaling.offset / characteristics
  );
}

/** ln(p / (1 − p)). */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/**
 * What to add to a model's ln(odds of bad), fitted on a sample with bad rate `trainingBadRate`, for a population
 * with bad rate `targetBadRate`: logit(target) − logit(training). 0 when the two are equal.
 */
export function priorShift(trainingBadRate: number, targetBadRate: number): number {
  return trainingBadRate === targetBadRate ? 0 : logit(targetBadRate) - logit(trainingBadRate);
}
