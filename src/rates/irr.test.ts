import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TenorError } from "../core/errors.ts";
import { irr, irrAtTimes, MAX_LOG_RATE, MIN_LOG_RATE, solveRate } from "./irr.ts";
import { npv } from "./npv.ts";

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof TenorError) return error.code;
    throw error;
  }
  return undefined;
}

/** |Σ aᵢ·(1 + r)^−i| relative to Σ|terms|. */
function relativeResidual(rate: number, values: readonly number[]): number {
  let sum = 0;
  let size = 0;
  values.forEach((value, i) => {
    const term = value * Math.exp(-i * Math.log1p(rate));
    sum += term;
    size += Math.abs(term);
  });
  return Math.abs(sum) / size;
}

describe("irr: Microsoft's published example", () => {
  // support.microsoft.com, "IRR function", Example: −70,000 initial cost, then net income 12,000 / 15,000 / 18,000
  // / 21,000 / 26,000. =IRR(A2:A6) → −2.1 % (after four years); =IRR(A2:A7) → 8.7 % (after five years);
  // =IRR(A2:A4, −10 %) → −44.4 % (after two years, with a guess). The page shows one decimal of a percent.
  const values = [-70_000, 12_000, 15_000, 18_000, 21_000, 26_000];

  it("five years: 8.7 % (8.66 %)", () => {
    const result = irr(values);
    expect(Math.round(result.rate * 1000) / 10).toBe(8.7);
    expect(result.rate).toBeCloseTo(0.0866309480365, 12);
    expect(relativeResidual(result.rate, values)).toBeLessThan(1e-14);
    // "NPV(IRR(A2:A7),A2:A7) equals 1.79E-09 [Within the accuracy of the IRR calculation, the value is in effect 0]"
    expect(Math.abs(npv(result.rate, values))).toBeLessThan(1.79e-9);
  });

  it("four years: −2.1 % (−2.12 %)", () => {
    const result = irr(values.slice(0, 5));
    expect(Math.round(result.rate * 1000) / 10).toBe(-2.1);
    expect(result.rate).toBeCloseTo(-0.0212448482734, 12);
  });

  it("two years with a guess of −10 %: −44.4 %", () => {
    const result = irr(values.slice(0, 3), { guess: -0.1 });
    expect(Math.round(result.rate * 1000) / 10).toBe(-44.4);
    // with one sign change the rate is unique: the guess changes nothing but the path
    expect(irr(values.slice(0, 3)).rate).toBeCloseTo(result.rate, 13);
  });
});

describe("irr: root policy", () => {
  it("two roots: the one closest to the guess, multipleRoots, and both in roots", () => {
    // −1000 + 3000v − 2100v² = 0 → 1 + r = (3 ± √0.6)/2: 11.27 % and 88.73 % (peer-bench.md §2)
    const values = [-1_000, 3_000, -2_100];
    const low = (1 - Math.sqrt(0.6)) / 2;
    const high = (1 + Math.sqrt(0.6)) / 2;
    const result = irr(values);
    expect(result).toMatchObject({ multipleRoots: true, signChanges: 2, method: "scan-bracketed-newton" });
    expect(result.rate).toBeCloseTo(low, 12);
    expect(result.roots).toHaveLength(2);
    expect(result.roots[1]).toBeCloseTo(high, 12);
    expect(irr(values, { guess: 0.9 }).rate).toBeCloseTo(high, 12);
    expect(irr(values, { guess: 0.5 }).rate).toBeCloseTo(low, 12); // |0.5 − 0.1127| < |0.5 − 0.8873|
  });

  it("three roots (5 %, 20 %, 50 %) are all found", () => {
    // (v − 1/1.05)(v − 1/1.2)(v − 1/1.5), v = 1/(1 + r), times −1.05·1.2·1.5 → flows in time order
    const [a, b, c] = [1 / 1.05, 1 / 1.2, 1 / 1.5];
    const k = -1.05 * 1.2 * 1.5 * 1_000;
    const values = [-a * b * c * k, (a * b + a * c + b * c) * k, -(a + b + c) * k, k];
    const result = irr(values);
    expect(result.signChanges).toBe(3);
    expect(result.roots.map((r) => Math.round(r * 1e10) / 1e10)).toEqual([0.05, 0.2, 0.5]);
    expect(result.rate).toBeCloseTo(0.05, 12); // closest to 10 %
    expect(irr(values, { guess: 0.4 }).rate).toBeCloseTo(0.5, 12);
    expect(irr(values, { guess: 0.15 }).rate).toBeCloseTo(0.2, 12);
  });

  it("one sign change: the guess never changes the answer", () => {
    const values = [-100, 10, 10, 10, 110];
    const rates = [-0.99, -0.5, 0, 0.1, 1, 100, 1e6].map((guess) => irr(values, { guess }).rate);
    for (const rate of rates) expect(rate).toBeCloseTo(0.1, 13);
  });

  it("two flows: closed form", () => {
    expect(irr([-100, 0, 121])).toMatchObject({ method: "closed-form", iterations: 0 });
    expect(irr([-100, 0, 121]).rate).toBeCloseTo(0.1, 15);
  });

  it("extreme rates: −99.9 % and 10^12 per period", () => {
    // −10⁶ + v + v² = 0 → v ≈ 999.5 → r ≈ −99.9 %
    const loss = irr([-1_000_000, 1, 1]);
    expect(relativeResidual(loss.rate, [-1_000_000, 1, 1])).toBeLessThan(1e-12);
    expect(loss.rate).toBeCloseTo(-0.9989995, 6);
    const gain = irr([-1, 1, 1e12]);
    expect(gain.rate / 1e6).toBeCloseTo(1, 5);
  });

  it("irrAtTimes: any order, flows at equal times netted, fractional times", () => {
    const result = irrAtTimes([2, 0, 1, 0], [60, -100, 50, 0]);
    expect(result.rate).toBeCloseTo(irr([-100, 50, 60]).rate, 13);
    const half = irrAtTimes([0, 0.5], [-100, 105]);
    expect(half.rate).toBeCloseTo(0.1025, 13);
    expect(codeOf(() => irrAtTimes([0, Number.NaN], [-1, 2]))).toBe("INVALID_CASH_FLOWS");
    expect(codeOf(() => irrAtTimes([0, 0], [-1, 2]))).toBe("NO_SIGN_CHANGE");
  });

  it("solveRate: an NPV that never changes sign is RATE_NOT_CONVERGED", () => {
    expect(codeOf(() => solveRate(() => 1, { guess: 0.1, signChanges: 1 }))).toBe("RATE_NOT_CONVERGED");
    expect(codeOf(() => solveRate((s) => s * s + 1, { guess: 0.1, signChanges: 2 }))).toBe(
      "RATE_NOT_CONVERGED",
    );
    expect(MIN_LOG_RATE).toBeCloseTo(Math.log(1e-15), 12);
    expect(MAX_LOG_RATE).toBeCloseTo(300 * Math.LN10, 10);
  });
});

describe("irr: errors (Excel #NUM! cases)", () => {
  // support.microsoft.com, "IRR function": "Values must contain at least one positive value and one negative value
  // to calculate the internal rate of return."
  it("maps fewer than two values, one-signed values, bad values and a bad guess to TenorErrors", () => {
    expect(codeOf(() => irr([]))).toBe("TOO_FEW_FLOWS");
    expect(codeOf(() => irr([-5]))).toBe("TOO_FEW_FLOWS");
    expect(codeOf(() => irr([1, 2, 3]))).toBe("NO_SIGN_CHANGE");
    expect(codeOf(() => irr([-1, -2, 0]))).toBe("NO_SIGN_CHANGE");
    expect(codeOf(() => irr([-1, Number.NaN, 3]))).toBe("INVALID_CASH_FLOWS");
    expect(codeOf(() => irr([-1, 2e18]))).toBe("INVALID_CASH_FLOWS");
    expect(codeOf(() => irr([-1, 2], { guess: -2 }))).toBe("INVALID_ARGUMENT");
    try {
      irr([-1, Number.POSITIVE_INFINITY]);
    } catch (error) {
      expect((error as TenorError).issues[0]).toMatchObject({ field: "values[1]", value: "Infinity" });
    }
  });
});

describe("irr: properties", () => {
  const oneSignChange = fc
    .tuple(
      fc.integer({ min: 1, max: 1_000_000_000 }),
      fc.array(fc.integer({ min: 0, max: 1_000_000_000 }), { minLength: 1, maxLength: 60 }),
    )
    .filter(([outlay, rest]) => rest.reduce((sum, x) => sum + x, 0) >= outlay / 1_000)
    .map(([outlay, rest]) => [-outlay, ...rest]);

  it("NPV at the returned rate is ≈ 0 relative to the flows' size", () => {
    fc.assert(
      fc.property(oneSignChange, (values) => {
        const result = irr(values);
        expect(relativeResidual(result.rate, values)).toBeLessThan(1e-9);
        expect(result.multipleRoots).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("the rate is invariant when all amounts are scaled by a positive factor", () => {
    fc.assert(
      fc.property(oneSignChange, fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (values, factor) => {
        const a = irr(values).rate;
        const b = irr(values.map((x) => x * factor)).rate;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(a)));
      }),
      { numRuns: 300 },
    );
  });

  it("the flows of an annuity built at rate r give back r", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 5, noNaN: true }),
        fc.integer({ min: 2, max: 480 }),
        (rate, periods) => {
          const principal = 250_000;
          const payment =
            rate === 0 ? principal / periods : (principal * rate) / -Math.expm1(-periods * Math.log1p(rate));
          const values = [-principal, ...Array<number>(periods).fill(payment)];
          expect(Math.abs(irr(values).rate - rate)).toBeLessThan(1e-10 * Math.max(1, Math.abs(rate)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("several sign changes: every root reported zeroes the NPV, and the rate is the one closest to the guess", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 3, maxLength: 12 }),
        fc.double({ min: -0.5, max: 2, noNaN: true }),
        (values, guess) => {
          let result: ReturnType<typeof irr>;
          try {
            result = irr(values, { guess });
          } catch (error) {
            expect(["NO_SIGN_CHANGE", "RATE_NOT_CONVERGED", "TOO_FEW_FLOWS"]).toContain(
              (error as TenorError).code,
            );
            return;
          }
          expect(result.roots.length).toBeLessThanOrEqual(result.signChanges);
          for (const root of result.roots) expect(relativeResidual(root, values)).toBeLessThan(1e-9);
          for (const root of result.roots) {
            expect(Math.abs(result.rate - guess)).toBeLessThanOrEqual(Math.abs(root - guess));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
