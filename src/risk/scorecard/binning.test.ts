import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binCategorical, binIndexOf, binNumeric } from "./binning.ts";

/** Rows 1…20 in four runs of five: (goods, bads) = (1, 4), (3, 2), (2, 3), (5, 0); plus two missing rows. */
function twentyRows(reversed: boolean): { values: (number | undefined)[]; bad: boolean[] } {
  const runs: [number, number][] = [
    [1, 4],
    [3, 2],
    [2, 3],
    [5, 0],
  ];
  const values: (number | undefined)[] = [];
  const bad: boolean[] = [];
  runs.forEach(([goods, bads], run) => {
    for (let i = 0; i < goods + bads; i++) {
      const value = run * 5 + i + 1;
      values.push(reversed ? 21 - value : value);
      bad.push(i < bads);
    }
  });
  values.push(undefined, undefined);
  bad.push(true, false);
  return { values, bad };
}

describe("binNumeric", () => {
  it("starts from quantiles, merges a bin without bads, keeps a rising WOE, and neutralises a small missing bin", () => {
    // 20 present values, 4 quantile bins: cuts at sorted[5] = 6, sorted[10] = 11, sorted[15] = 16.
    // Bin [16, ∞) has no bad → merged with its only neighbour: [11, ∞) = 7 goods, 3 bads.
    // (g + ½)/(b + ½) over [−∞, 6), [6, 11), [11, ∞): 1.5/4.5 = 0.33, 3.5/2.5 = 1.4, 7.5/3.5 = 2.14 — rising,
    // so no further merge (falling would collapse to one bin, IV 0). Missing: 2 rows < ⌈10 % × 22⌉ = 3 → neutral.
    // WOE over the four non-empty bins, G = 12, B = 10, n = 4: %good = (g + ½)/14, %bad = (b + ½)/12:
    //   ln((1.5/14)/(4.5/12)) = ln(0.285714) = −1.252763
    //   ln((3.5/14)/(2.5/12)) = ln(1.2)      =  0.182322
    //   ln((7.5/14)/(3.5/12)) = ln(1.836735) =  0.607989
    // IV (data bins; the neutral bin adds 0) = 0.335563 + 0.007597 + 0.148377 = 0.491537
    const { values, bad } = twentyRows(false);
    const binning = binNumeric(values, bad, { initialBins: 4, minBinShare: 0.1, edgeDecimals: 0 });
    expect(binning.bins.map((b) => [b.rule, b.goods, b.bads, b.neutral])).toEqual([
      [{ kind: "range", lower: null, upper: 6 }, 1, 4, false],
      [{ kind: "range", lower: 6, upper: 11 }, 3, 2, false],
      [{ kind: "range", lower: 11, upper: null }, 7, 3, false],
      [{ kind: "missing" }, 1, 1, true],
    ]);
    const woe = binning.bins.map((b) => b.woe);
    expect(woe[0]).toBeCloseTo(-1.252763, 6);
    expect(woe[1]).toBeCloseTo(0.182322, 6);
    expect(woe[2]).toBeCloseTo(0.607989, 6);
    expect(woe[3]).toBe(0);
    expect(binning.iv).toBeCloseTo(0.491537, 6);
  });

  it("chooses a falling WOE when the risk rises with the value", () => {
    // The same rows mirrored (value v → 21 − v): [−∞, 6) now has 5 goods and no bad, merged into [6, 11).
    const { values, bad } = twentyRows(true);
    const binning = binNumeric(values, bad, { initialBins: 4, minBinShare: 0.1, edgeDecimals: 0 });
    expect(binning.bins.map((b) => b.rule)).toEqual([
      { kind: "range", lower: null, upper: 11 },
      { kind: "range", lower: 11, upper: 16 },
      { kind: "range", lower: 16, upper: null },
      { kind: "missing" },
    ]);
    const [w0, w1, w2] = binning.bins.slice(0, 3).map((b) => b.woe) as [number, number, number];
    expect(w0 > w1 && w1 > w2).toBe(true);
  });

  it("rounds cut points to the decimals asked", () => {
    const values = Array.from({ length: 40 }, (_, i) => 0.10037 + i * 0.01);
    const bad = values.map((_, i) => i % 3 === 0 || i < 10);
    const binning = binNumeric(values, bad, { initialBins: 4, minBinShare: 0.05, edgeDecimals: 3 });
    for (const bin of binning.bins) {
      if (bin.rule.kind !== "range") continue;
      for (const edge of [bin.rule.lower, bin.rule.upper]) {
        if (edge !== null) expect(Math.round(edge * 1000) / 1000).toBe(edge);
      }
    }
  });

  it("keeps its invariants for any data: tiled ranges, big-enough mixed bins, strictly monotonic WOE", () => {
    const row = fc.tuple(
      fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined, freq: 8 }),
      fc.boolean(),
    );
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 300 }), (rows) => {
        const values = rows.map(([v]) => v);
        const bad = rows.map(([, b]) => b);
        const binning = binNumeric(values, bad, { initialBins: 10, minBinShare: 0.05, edgeDecimals: 0 });
        const data = binning.bins.slice(0, -1);
        expect(binning.bins.at(-1)?.rule.kind).toBe("missing");
        expect(binning.bins.reduce((sum, b) => sum + b.goods + b.bads, 0)).toBe(rows.length);
        data.forEach((bin, i) => {
          if (bin.rule.kind !== "range") throw new Error("a numeric data bin must be a range");
          expect(bin.rule.lower).toBe(
            i === 0 ? null : ((data[i - 1] as (typeof data)[number]).rule as { upper: number }).upper,
          );
          if (i === data.length - 1) expect(bin.rule.upper).toBeNull();
        });
        if (data.length > 1) {
          const minCount = Math.ceil(0.05 * rows.length - 1e-9);
          for (const bin of data) {
            expect(bin.goods + bin.bads).toBeGreaterThanOrEqual(minCount);
            expect(bin.goods > 0 && bin.bads > 0).toBe(true);
          }
          const steps = data.slice(1).map((bin, i) => bin.woe - (data[i] as (typeof data)[number]).woe);
          expect(steps.every((s) => s > 0) || steps.every((s) => s < 0)).toBe(true);
        }
        // Every present value lands in the data bin that counted it.
        values.forEach((value) => {
          const index = binIndexOf(binning.bins, value);
          expect(
            value === undefined
              ? index === binning.bins.length - 1
              : index < data.length || data.length === 0,
          ).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("binCategorical", () => {
  it("groups a rare level with the level closest in bad rate", () => {
    // a: 40 goods, 10 bads; b: 20/20; c: 1/2 (3 rows < 5 % of 100); d: 2/5.
    // Smoothed bad rates (b + ½)/(n + 1): a 0.206, b 0.500, c 0.625, d 0.688. c's neighbours in that order are
    // b (0.125 away) and d (0.0625 away) → c joins d: 3 goods, 7 bads.
    // WOE, G = 63, B = 37, n = 3: a = ln((40.5/64.5)/(10.5/38.5)) = 0.833920; b = ln((20.5/64.5)/(20.5/38.5))
    // = −0.516007; c, d = ln((3.5/64.5)/(7.5/38.5)) = −1.278147. No missing row: neutral bin, WOE 0.
    const counts: [string, number, number][] = [
      ["a", 40, 10],
      ["b", 20, 20],
      ["c", 1, 2],
      ["d", 2, 5],
    ];
    const values: string[] = [];
    const bad: boolean[] = [];
    for (const [level, goods, bads] of counts) {
      for (let i = 0; i < goods + bads; i++) {
        values.push(level);
        bad.push(i >= goods);
      }
    }
    const binning = binCategorical(values, bad, ["a", "b", "c", "d"], { minBinShare: 0.05 });
    expect(binning.bins.map((b) => [b.rule, b.goods, b.bads])).toEqual([
      [{ kind: "levels", levels: ["a"] }, 40, 10],
      [{ kind: "levels", levels: ["b"] }, 20, 20],
      [{ kind: "levels", levels: ["c", "d"] }, 3, 7],
      [{ kind: "missing" }, 0, 0],
    ]);
    expect(binning.bins.map((b) => b.woe)).toEqual([
      expect.closeTo(0.83392, 5),
      expect.closeTo(-0.516007, 5),
      expect.closeTo(-1.278147, 5),
      0,
    ]);
    expect(binning.bins[3]?.neutral).toBe(true);
    expect(binning.iv).toBeCloseTo(0.586579, 5);
  });
});

describe("binIndexOf", () => {
  const bins = [
    { rule: { kind: "range", lower: null, upper: 6 } },
    { rule: { kind: "range", lower: 6, upper: 11 } },
    { rule: { kind: "range", lower: 11, upper: null } },
    { rule: { kind: "missing" } },
  ] as const;
  it("puts a value on an edge in the upper bin and undefined or NaN in the missing bin", () => {
    expect([5.999, 6, 10.5, 11, 1e9, -1e9].map((v) => binIndexOf(bins, v))).toEqual([0, 1, 1, 2, 2, 0]);
    expect(binIndexOf(bins, undefined)).toBe(3);
    expect(binIndexOf(bins, Number.NaN)).toBe(3);
  });
  it("sends an unknown level to the missing bin", () => {
    const levelBins = [
      { rule: { kind: "levels", levels: ["a", "b"] } },
      { rule: { kind: "missing" } },
    ] as const;
    expect(binIndexOf(levelBins, "b")).toBe(0);
    expect(binIndexOf(levelBins, "z")).toBe(1);
  });
});
