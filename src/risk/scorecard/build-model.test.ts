import { describe, expect, it } from "vitest";
import { TenorError } from "../../core/errors.ts";
import { recalibrate } from "./build-model.ts";
import { CREDIT_DATA_MODEL, GERMAN_CREDIT_MODEL } from "./fitted-model.ts";
import type { ModelBin, ModelCharacteristic } from "./fitted-model-types.ts";

describe("the committed models", () => {
  it("have points that follow from their own rounded WOE, β and α (nothing edited by hand)", () => {
    for (const model of [CREDIT_DATA_MODEL, GERMAN_CREDIT_MODEL]) {
      expect(recalibrate(model, model.calibration.targetBadRate)).toEqual(model);
      // One bin by hand, from the formula −(β·WOE + α/k)·Factor + Offset/k, written out here:
      const c = model.characteristics[0] as ModelCharacteristic;
      const bin = c.bins[0] as ModelBin;
      const k = model.characteristics.length;
      const { factor, offset } = model.scaling;
      const alpha = model.intercept + model.calibration.logOddsShift;
      expect(bin.points).toBe(Math.round(-(c.coefficient * bin.woe + alpha / k) * factor + offset / k));
    }
  });

  it("have monotonic WOE in every numeric characteristic, negative β and a neutral missing bin when rare", () => {
    for (const model of [CREDIT_DATA_MODEL, GERMAN_CREDIT_MODEL]) {
      for (const c of model.characteristics) {
        expect(c.coefficient).toBeLessThan(0);
        const missing = c.bins.at(-1) as ModelBin;
        expect(missing.rule.kind).toBe("missing");
        const rows = model.dataset.rows;
        if (missing.goods + missing.bads < model.method.minBinShare * rows)
          expect(missing.neutral).toBe(true);
        if (c.kind !== "numeric") continue;
        const woe = c.bins.slice(0, -1).map((b) => b.woe);
        const steps = woe.slice(1).map((w, i) => w - (woe[i] as number));
        expect(steps.every((s) => s > 0) || steps.every((s) => s < 0)).toBe(true);
      }
    }
  });
});

describe("recalibrate", () => {
  it("adds the prior shift to α: from 28.15 % to 5 % every bin gains about 57.93 / k points", () => {
    const model = recalibrate(CREDIT_DATA_MODEL, 0.05);
    // logit(0.05) − logit(0.281545) = −2.944439 − (−0.936810) = −2.007629
    expect(model.calibration.logOddsShift).toBeCloseTo(-2.007629, 5);
    const k = model.characteristics.length;
    model.characteristics.forEach((c, i) => {
      c.bins.forEach((bin, j) => {
        const before = ((CREDIT_DATA_MODEL.characteristics[i] as ModelCharacteristic).bins[j] as ModelBin)
          .points;
        // 2.007629 × 28.853901 / k, give or take the rounding of both values to whole points
        expect(Math.abs(bin.points - before - 57.9278 / k)).toBeLessThanOrEqual(1);
      });
    });
  });

  it("refuses a bad rate outside (0, 1)", () => {
    for (const rate of [0, 1, -0.1, Number.NaN]) {
      expect(() => recalibrate(CREDIT_DATA_MODEL, rate)).toThrow(TenorError);
    }
  });
});
