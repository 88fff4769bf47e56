import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auc, calibrationByDecile, gini, ks, mean, psi, standardDeviation } from "./metrics.ts";

// Higher prediction = more likely bad. Bads score 0.4, 0.8, 0.2; goods 0.1, 0.35, 0.4 (a tie at 0.4).
const PREDICTIONS = [0.1, 0.4, 0.35, 0.8, 0.4, 0.2];
const BAD = [false, true, false, true, false, true];

describe("auc", () => {
  it("counts the bad-above-good pairs by hand, ties one half", () => {
    // 3 bads × 3 goods = 9 pairs:
    //   bad 0.4 vs goods 0.1, 0.35, 0.4 → 1 + 1 + ½ = 2.5
    //   bad 0.8 vs all three          → 3
    //   bad 0.2 vs 0.1 only            → 1
    // AUC = 6.5 / 9 = 0.722222
    expect(auc(PREDICTIONS, BAD)).toBeCloseTo(6.5 / 9, 12);
    expect(gini(auc(PREDICTIONS, BAD))).toBeCloseTo(2 * (6.5 / 9) - 1, 12);
  });

  it("is 1 for a perfect ranking, 0 for a reversed one and ½ when everything ties", () => {
    expect(auc([0.9, 0.8, 0.1], [true, true, false])).toBe(1);
    expect(auc([0.1, 0.2, 0.9], [true, true, false])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [true, false, true, false])).toBe(0.5);
  });

  it("agrees with counting every pair, and mirrors when the predictions are negated", () => {
    const sample = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()), { minLength: 2, maxLength: 40 })
      .filter((rows) => rows.some(([, b]) => b) && rows.some(([, b]) => !b));
    fc.assert(
      fc.property(sample, (rows) => {
        const p = rows.map(([v]) => v);
        const y = rows.map(([, b]) => b);
        let wins = 0;
        let pairs = 0;
        rows.forEach(([vb, b]) => {
          if (!b) return;
          rows.forEach(([vg, g]) => {
            if (g) return;
            pairs++;
            wins += vb > vg ? 1 : vb === vg ? 0.5 : 0;
          });
        });
        expect(auc(p, y)).toBeCloseTo(wins / pairs, 12);
        expect(
          auc(
            p.map((v) => -v),
            y,
          ),
        ).toBeCloseTo(1 - wins / pairs, 12);
      }),
      { numRuns: 300 },
    );
  });
});

describe("ks", () => {
  it("takes the largest gap between cumulative shares, never splitting tied rows", () => {
    // Ascending: 0.1 (good), 0.2 (bad), 0.35 (good), 0.4 (bad + good), 0.8 (bad). After each distinct value:
    //   0.1: bads 0/3, goods 1/3 → gap 1/3      0.2: 1/3, 1/3 → 0      0.35: 1/3, 2/3 → 1/3
    //   0.4: 2/3, 3/3 → 1/3                     0.8: 1, 1 → 0
    // KS = 1/3. (Splitting the tie at 0.4 good-first would show 1/3 vs 3/3 = 2/3, which no threshold gives.)
    expect(ks(PREDICTIONS, BAD)).toBeCloseTo(1 / 3, 12);
  });

  it("is 1 for a perfect separation", () => {
    expect(ks([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
  });
});

describe("calibrationByDecile", () => {
  it("puts rank r of n in group ⌊10·r/n⌋ and averages each group", () => {
    // 20 rows with scores 1…20: two rows per decile; row i predicts i/100 and is bad when i is even.
    const scores = Array.from({ length: 20 }, (_, i) => 20 - i); // given in descending order on purpose
    const predicted = scores.map((s) => s / 100);
    const bad = scores.map((s) => s % 2 === 0);
    const deciles = calibrationByDecile(scores, predicted, bad);
    expect(deciles).toHaveLength(10);
    // The first decile holds scores 1 and 2: mean predicted (0.01 + 0.02)/2 = 0.015, one bad of two.
    expect(deciles[0]).toEqual({
      rows: 2,
      minScore: 1,
      maxScore: 2,
      meanPredicted: 0.015,
      observedBadRate: 0.5,
    });
    expect(deciles[9]?.minScore).toBe(19);
  });
});

describe("psi", () => {
  it("sums (a − e)·ln(a/e) over the bins by hand", () => {
    // Expected shares 0.5, 0.5; actual 0.6, 0.4:
    //   (0.6 − 0.5)·ln(1.2) + (0.4 − 0.5)·ln(0.8) = 0.1·0.182322 + 0.1·0.223144 = 0.040547
    expect(psi([50, 50], [60, 40])).toBeCloseTo(0.040547, 6);
    expect(psi([10, 20, 30], [10, 20, 30])).toBe(0);
  });
});

describe("mean and standardDeviation", () => {
  it("uses n − 1 for the sample standard deviation", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squares of deviations sum to 32, 32/7 = 4.571429, √ = 2.138090
    const values = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(values)).toBe(5);
    expect(standardDeviation(values)).toBeCloseTo(2.13809, 5);
    expect(standardDeviation([3])).toBe(0);
  });
});
