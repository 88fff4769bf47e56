import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findBracket, solveRoot } from "./solve-root.ts";

describe("solveRoot", () => {
  it("finds known roots to 1e-12, with and without a derivative", () => {
    const cases: Array<[string, (x: number) => number, (x: number) => number, number, number, number]> = [
      ["x² − 2", (x) => x * x - 2, (x) => 2 * x, 0, 2, Math.SQRT2],
      [
        "cos x − x (Dottie number)",
        (x) => Math.cos(x) - x,
        (x) => -Math.sin(x) - 1,
        0,
        1,
        0.7390851332151607,
      ],
      [
        "x³ − 2x − 5 (Wallis's example)",
        (x) => x ** 3 - 2 * x - 5,
        (x) => 3 * x * x - 2,
        2,
        3,
        2.0945514815423265,
      ],
      ["e^x − 10", (x) => Math.exp(x) - 10, (x) => Math.exp(x), -50, 50, Math.log(10)],
      ["ln x (root at the bracket's end region)", (x) => Math.log(x), (x) => 1 / x, 1e-9, 1e6, 1],
    ];
    for (const [name, f, df, low, high, root] of cases) {
      const plain = solveRoot(f, { low, high });
      const newton = solveRoot(f, { low, high, derivative: df });
      expect(plain?.root, name).toBeCloseTo(root, 12);
      expect(newton?.root, name).toBeCloseTo(root, 12);
      expect(Math.abs((plain?.root ?? 0) - (newton?.root ?? 1)), name).toBeLessThan(1e-10);
      for (const result of [plain, newton]) {
        const [lo, hi] = result?.bracket ?? [Number.NaN, Number.NaN];
        expect(lo <= root + 1e-12 && root - 1e-12 <= hi, name).toBe(true);
      }
      // Without Newton steps the bracket shrinks to the tolerance; a final Newton step inside the tolerance ends
      // the search without shrinking it (the root is then quadratically accurate).
      const [lo, hi] = plain?.bracket ?? [Number.NaN, Number.NaN];
      expect(hi - lo, name).toBeLessThanOrEqual(2e-12 + 8 * Number.EPSILON * Math.abs(root));
    }
  });

  it("takes Newton steps when a derivative is given (fewer iterations on a smooth function)", () => {
    const f = (x: number) => Math.exp(x) - 10;
    const plain = solveRoot(f, { low: -50, high: 50 });
    const newton = solveRoot(f, { low: -50, high: 50, derivative: Math.exp });
    expect(newton?.iterations).toBeLessThan(plain?.iterations ?? 0);
  });

  it("accepts the bracket in either order and returns an exact zero at an end at once", () => {
    expect(solveRoot((x) => x - 1, { low: 3, high: -1 })?.root).toBeCloseTo(1, 12);
    expect(solveRoot((x) => x - 1, { low: 1, high: 5 })).toEqual({ root: 1, iterations: 0, bracket: [1, 1] });
  });

  it("returns undefined when there is no sign change in the bracket, or f is NaN", () => {
    expect(solveRoot((x) => x * x + 1, { low: -1, high: 2 })).toBeUndefined();
    // two roots inside, but no sign change between the ends
    expect(solveRoot((x) => (x - 0.2) * (x - 0.8), { low: 0, high: 1 })).toBeUndefined();
    expect(solveRoot(() => Number.NaN, { low: 0, high: 1 })).toBeUndefined();
    expect(solveRoot((x) => (x > 0.5 ? Number.NaN : -1), { low: 0, high: 1 })).toBeUndefined();
    expect(solveRoot((x) => (x < 0.5 ? -1 : x > 0.6 ? 1 : Number.NaN), { low: 0, high: 1 })).toBeUndefined();
  });

  it("returns undefined when maxIterations pass without convergence", () => {
    const f = (x: number) => Math.atan(x - Math.PI);
    expect(solveRoot(f, { low: 0, high: 1e6, maxIterations: 3 })).toBeUndefined();
    expect(solveRoot(f, { low: 0, high: 1e6 })?.root).toBeCloseTo(Math.PI, 12);
  });

  it("handles pathological flat regions: a step, a flat zero stretch, x^21, a plateau with a vanishing slope", () => {
    // a discontinuous step: the sign changes at 0.3 exactly
    const step = solveRoot((x) => (x < 0.3 ? -1 : 1), { low: 0, high: 1 });
    expect(step?.root).toBeCloseTo(0.3, 11);
    // f is exactly zero on [0.4, 0.6]: any point of it is a root
    const flat = solveRoot((x) => (x < 0.4 ? x - 0.4 : x > 0.6 ? x - 0.6 : 0), { low: 0, high: 1 });
    expect(flat?.root).toBeGreaterThanOrEqual(0.4 - 1e-12);
    expect(flat?.root).toBeLessThanOrEqual(0.6 + 1e-12);
    // (x − 0.5)^21 is below 1e-21 over ±0.1 of the root: a sign-based method still lands on it
    const odd = solveRoot((x) => (x - 0.5) ** 21, {
      low: 0,
      high: 1,
      derivative: (x) => 21 * (x - 0.5) ** 20,
    });
    expect(odd?.root).toBeCloseTo(0.5, 2);
    // tanh plateaus: the Newton step from a flat end is huge and must be refused in favour of bisection
    const tanh = solveRoot((x) => Math.tanh(50 * (x - 0.7)), {
      low: -100,
      high: 100,
      derivative: (x) => 50 / Math.cosh(50 * (x - 0.7)) ** 2,
    });
    expect(tanh?.root).toBeCloseTo(0.7, 12);
    // a wrong derivative cannot lead it astray either (the bracket keeps it safe)
    const lying = solveRoot((x) => x - 0.25, { low: 0, high: 1, derivative: () => -1e-3 });
    expect(lying?.root).toBeCloseTo(0.25, 12);
  });

  it("property: a root of a random cubic with a sign change is found, stays in the bracket and is stable to 1e-10", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (root, left, right) => {
          const f = (x: number) => (x - root) * (1 + (x - root) * (x - root));
          const low = root - left;
          const high = root + right;
          const a = solveRoot(f, { low, high });
          const b = solveRoot(f, { low, high, derivative: (x) => 1 + 3 * (x - root) * (x - root) });
          expect(a).toBeDefined();
          expect(b).toBeDefined();
          expect(Math.abs((a?.root ?? 0) - root)).toBeLessThan(1e-10);
          expect(Math.abs((b?.root ?? 0) - root)).toBeLessThan(1e-10);
          expect(a?.root).toBeGreaterThanOrEqual(low);
          expect(a?.root).toBeLessThanOrEqual(high);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("findBracket", () => {
  it("expands outward from the guess and returns the innermost sign change", () => {
    const bracket = findBracket((x) => x * x - 2, { guess: 0.1, min: -10, max: 10 });
    expect(bracket).toBeDefined();
    const [lo, hi] = bracket ?? [0, 0];
    expect(lo < Math.SQRT2 && Math.SQRT2 < hi).toBe(true);
  });

  it("looks below the guess as well as above", () => {
    const [lo, hi] = findBracket((x) => x + 7, { guess: 0.1, min: -100, max: 100 }) ?? [0, 0];
    expect(lo <= -7 && -7 <= hi).toBe(true);
  });

  it("reaches far roots in a bounded number of doublings, and stays within [min, max]", () => {
    let calls = 0;
    const bracket = findBracket(
      (x) => {
        calls++;
        return x - 1e9;
      },
      { guess: 0.1, min: -10, max: 1e12 },
    );
    const [lo, hi] = bracket ?? [0, 0];
    expect(lo <= 1e9 && 1e9 <= hi).toBe(true);
    expect(calls).toBeLessThan(80);
    const clamped = findBracket((x) => x - 5, { guess: 0, min: -1, max: 5 });
    expect(clamped?.[1]).toBe(5);
  });

  it("returns undefined without a sign change in [min, max], and stops a direction where f is NaN", () => {
    expect(findBracket((x) => x * x + 1, { guess: 0, min: -1e6, max: 1e6 })).toBeUndefined();
    expect(findBracket((x) => x - 50, { guess: 0, min: -10, max: 10 })).toBeUndefined();
    expect(findBracket((x) => (x > 1 ? Number.NaN : -1), { guess: 0, min: -10, max: 10 })).toBeUndefined();
    expect(findBracket(() => 1, { guess: 0, min: 0, max: 1, maxEvaluations: 5 })).toBeUndefined();
  });

  it("returns [x, x] at an exact zero", () => {
    expect(findBracket((x) => x, { guess: 0, min: -1, max: 1 })).toEqual([0, 0]);
  });
});
