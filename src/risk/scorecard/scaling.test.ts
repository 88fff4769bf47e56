import { describe, expect, it } from "vitest";
import {
  attributePoints,
  DEFAULT_SCALING,
  logit,
  priorShift,
  probabilityFromScore,
  scoreFromLogOddsBad,
  scoreFromOdds,
  scoreFromProbability,
} from "./scaling.ts";

describe("scaling (600 points at 50:1, 20 points to double the odds)", () => {
  it("has Factor = 20 / ln 2 and Offset = 600 − Factor·ln 50", () => {
    // 20 / 0.693147 = 28.8539; ln 50 = 3.912023; 600 − 28.8539 × 3.912023 = 487.1229 (research §3.1.4)
    expect(DEFAULT_SCALING.factor).toBeCloseTo(28.8539, 4);
    expect(DEFAULT_SCALING.offset).toBeCloseTo(487.123, 3);
  });

  it("scores 600 at odds 50, 620 at odds 100 and 580 at odds 25", () => {
    expect(scoreFromOdds(DEFAULT_SCALING, 50)).toBeCloseTo(600, 10);
    expect(scoreFromOdds(DEFAULT_SCALING, 100)).toBeCloseTo(620, 10);
    expect(scoreFromOdds(DEFAULT_SCALING, 25)).toBeCloseTo(580, 10);
  });

  it("turns PD 1 % into 619.7 and PD 2 % into 599.4 (research §3.1.4)", () => {
    // PD 1 % → odds 99:1 → 487.1229 + 28.8539 × ln 99 (4.595120) = 619.710
    expect(scoreFromProbability(DEFAULT_SCALING, 0.01)).toBeCloseTo(619.71, 2);
    // PD 2 % → odds 49:1 → 487.1229 + 28.8539 × 3.891820 = 599.417
    expect(scoreFromProbability(DEFAULT_SCALING, 0.02)).toBeCloseTo(599.417, 3);
    expect(probabilityFromScore(DEFAULT_SCALING, 600)).toBeCloseTo(1 / 51, 12);
  });

  it("spreads α over k characteristics so that the points add up to the model's score", () => {
    // α = −0.9, β = (−0.8, −0.5), WOE = (0.3, −0.2): ln(odds of bad) = −0.9 − 0.24 + 0.1 = −1.04
    const total =
      attributePoints(DEFAULT_SCALING, -0.8, 0.3, -0.9, 2) +
      attributePoints(DEFAULT_SCALING, -0.5, -0.2, -0.9, 2);
    expect(total).toBeCloseTo(scoreFromLogOddsBad(DEFAULT_SCALING, -1.04), 10);
    // and that score is Offset + 1.04·Factor = 487.1229 + 30.0081 = 517.131
    expect(total).toBeCloseTo(517.131, 3);
  });
});

describe("priorShift", () => {
  it("moves credit_data's 28.15 % bad rate to 5 % by −2.008 (research §3.1.5)", () => {
    // logit(0.05) = ln(0.05/0.95) = −2.944439; logit(1254/4454) = ln(1254/3200) = −0.936812
    // shift = −2.944439 + 0.936812 = −2.007627
    expect(priorShift(1254 / 4454, 0.05)).toBeCloseTo(-2.007627, 5);
    expect(priorShift(0.3, 0.3)).toBe(0);
    expect(logit(0.5)).toBe(0);
  });
});
