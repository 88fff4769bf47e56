import { describe, expect, it } from "vitest";
import { cholesky, choleskyInverse, choleskySolve } from "./linear-algebra.ts";
import { fitLogistic, logistic } from "./logistic-regression.ts";
import { seededRandom } from "./prng.ts";

const NO_RIDGE = { ridge: 0, maxIterations: 50, tolerance: 1e-12 };

/** Rows of one 0/1 feature with the given counts of (x, bad). */
function binaryData(counts: { x: number; bad: boolean; n: number }[]): { x: number[][]; y: boolean[] } {
  const x: number[][] = [];
  const y: boolean[] = [];
  for (const { x: value, bad, n } of counts) {
    for (let i = 0; i < n; i++) {
      x.push([value]);
      y.push(bad);
    }
  }
  return { x, y };
}

describe("fitLogistic", () => {
  it("reproduces the closed form of a 2×2 table: α = log-odds at x = 0, β = the log odds ratio", () => {
    // x = 0: 30 goods, 10 bads → α = ln(10/30) = −1.098612
    // x = 1: 10 goods, 20 bads → α + β = ln(20/10) = 0.693147, so β = ln 2 − ln(1/3) = ln 6 = 1.791759
    // Standard errors (Woolf): SE(β) = √(1/30 + 1/10 + 1/10 + 1/20) = √0.283333 = 0.532291
    //                          SE(α) = √(1/30 + 1/10) = √0.133333 = 0.365148
    const { x, y } = binaryData([
      { x: 0, bad: false, n: 30 },
      { x: 0, bad: true, n: 10 },
      { x: 1, bad: false, n: 10 },
      { x: 1, bad: true, n: 20 },
    ]);
    const fit = fitLogistic(x, y, NO_RIDGE);
    expect(fit.intercept).toBeCloseTo(-1.098612, 6);
    expect(fit.coefficients[0]).toBeCloseTo(1.791759, 6);
    expect(fit.standardErrors[0]).toBeCloseTo(0.532291, 6);
    expect(fit.interceptStandardError).toBeCloseTo(0.365148, 6);
    // Log-likelihood: 30 ln(3/4) + 10 ln(1/4) + 10 ln(1/3) + 20 ln(2/3) = −8.630462 − 13.862944 − 10.986123
    // − 8.109302 = −41.588831
    expect(fit.logLikelihood).toBeCloseTo(-41.588831, 5);
  });

  it("solves the score equations Σ(y − μ) = 0 and Σ x_j(y − μ) = λβ_j, checked by an independent sum", () => {
    const random = seededRandom(11);
    const rows = Array.from({ length: 200 }, () => [4 * random() - 2, 4 * random() - 2] as const);
    // Labels from a known model so both classes occur: bad when 0.8·a − 0.5·b + noise(i) > 0.
    const x = rows.map(([a, b]) => [a, b]);
    const y = rows.map(([a, b], i) => 0.8 * a - 0.5 * b + Math.sin(i * 12.9898) * 0.9 > 0);
    for (const ridge of [0, 0.5]) {
      const fit = fitLogistic(x, y, { ridge, maxIterations: 50, tolerance: 1e-12 });
      const [b1, b2] = fit.coefficients as [number, number];
      let g0 = 0;
      let g1 = 0;
      let g2 = 0;
      rows.forEach(([u, v], i) => {
        const z = fit.intercept + b1 * u + b2 * v;
        const residual = (y[i] ? 1 : 0) - 1 / (1 + Math.exp(-z));
        g0 += residual;
        g1 += u * residual;
        g2 += v * residual;
      });
      expect(g0).toBeCloseTo(0, 8);
      expect(g1).toBeCloseTo(ridge * b1, 8);
      expect(g2).toBeCloseTo(ridge * b2, 8);
    }
  });

  it("survives a constant column thanks to the ridge", () => {
    const { x, y } = binaryData([
      { x: 0, bad: false, n: 30 },
      { x: 0, bad: true, n: 10 },
    ]);
    const fit = fitLogistic(
      x.map(() => [1]),
      y,
      { ridge: 1e-3, maxIterations: 50, tolerance: 1e-10 },
    );
    // α + β·1 must still equal the log-odds ln(10/30); the ridge splits it with β small.
    expect(fit.intercept + (fit.coefficients[0] as number)).toBeCloseTo(Math.log(10 / 30), 6);
  });
});

describe("logistic", () => {
  it("is 1/(1 + e^−z) without overflow at the extremes", () => {
    expect(logistic(0)).toBe(0.5);
    expect(logistic(Math.log(3))).toBeCloseTo(0.75, 12);
    expect(logistic(-800)).toBe(0);
    expect(logistic(800)).toBe(1);
  });
});

describe("Cholesky helpers", () => {
  it("factor, solve and invert a 3×3 matrix checked by hand", () => {
    // A = [[4, 12, −16], [12, 37, −43], [−16, −43, 98]] = L·Lᵀ with L = [[2, 0, 0], [6, 1, 0], [−8, 5, 3]]
    const a = [
      [4, 12, -16],
      [12, 37, -43],
      [-16, -43, 98],
    ];
    const l = cholesky(a);
    expect(l).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
    // A·(1, 1, 1) = (0, 6, 39), so solving for (0, 6, 39) gives (1, 1, 1).
    if (l === undefined) throw new Error("A is positive definite");
    for (const v of choleskySolve(l, [0, 6, 39])) expect(v).toBeCloseTo(1, 10);
    const inverse = choleskyInverse(l);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const product = (a[i] as number[]).reduce(
          (sum, aik, k) => sum + aik * (inverse[k]?.[j] as number),
          0,
        );
        expect(product).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    expect(cholesky([[0]])).toBeUndefined();
  });
});
