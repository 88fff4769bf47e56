import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TenorError } from "../../core/errors.ts";
import { bandOf } from "./bands.ts";
import { CREDIT_DATA_MODEL } from "./fitted-model.ts";
import type { ModelBin } from "./fitted-model-types.ts";
import { DEFAULT_SCALING, probabilityFromScore } from "./scaling.ts";
import { scoreApplicant } from "./score-applicant.ts";
import type { ScorecardInput } from "./scorecard-types.ts";

const APPLICANT: ScorecardInput = {
  employmentYears: 4,
  employmentType: "fixed",
  housing: "rent",
  pastArrears: false,
  termMonths: 36,
  monthlyIncomeMinor: 320_000,
  monthlyExpensesMinor: 140_000,
  monthlyInstallmentMinor: 35_000,
  amountMinor: 1_200_000,
  priceMinor: 1_500_000,
  assetsMinor: 500_000,
  debtMinor: 0,
};

/** The committed bin holding `value`, found by reading the bins' rules here (not with binIndexOf). */
function committedBin(name: string, value: number | string | undefined): ModelBin {
  const characteristic = CREDIT_DATA_MODEL.characteristics.find((c) => c.name === name);
  if (characteristic === undefined) throw new Error(`no characteristic ${name}`);
  for (const bin of characteristic.bins) {
    const { rule } = bin;
    if (value === undefined && rule.kind === "missing") return bin;
    if (typeof value === "string" && rule.kind === "levels" && rule.levels.includes(value)) return bin;
    if (typeof value === "number" && rule.kind === "range") {
      if ((rule.lower === null || value >= rule.lower) && (rule.upper === null || value < rule.upper))
        return bin;
    }
  }
  throw new Error(`no bin of ${name} holds ${value}`);
}

describe("scoreApplicant with the committed model", () => {
  it("scores the documented example from its ratios, computed by hand", () => {
    // expenses / income = 1400 / 3200 = 43.75 %; installment / income = 350 / 3200 = 10.94 %;
    // loan / price = 12000 / 15000 = 80 %; residual = (3200 − 1400 − 350) / 3200 = 1450 / 3200 = 45.31 %.
    const byHand: Record<string, number | string | undefined> = {
      employmentYears: 4,
      housing: "rent",
      termMonths: 36,
      pastArrears: "no",
      employmentType: "fixed",
      expenseRatio: 0.4375,
      installmentRatio: 0.109375,
      loanToValue: 0.8,
      assetsRatio: 5000 / 3200,
      debtRatio: 0,
      residualIncomeRatio: 0.453125,
    };
    const expected = CREDIT_DATA_MODEL.characteristics.map((c) => committedBin(c.name, byHand[c.name]));
    const result = scoreApplicant(APPLICANT);
    expect(result.points.map((p) => p.bin)).toEqual(expected.map((bin) => bin.label));
    const score = expected.reduce((sum, bin) => sum + bin.points, 0);
    expect(result.score).toBe(score);
    expect(result.probabilityOfDefault).toBeCloseTo(probabilityFromScore(DEFAULT_SCALING, score), 12);
    expect(result.band).toBe(bandOf(score));
    expect(result.modelVersion).toBe(CREDIT_DATA_MODEL.version);
    expect(result.reasons.length).toBeLessThanOrEqual(4);
  });

  it("puts every unknown fact in its missing bin, with a not-given reason", () => {
    const result = scoreApplicant({
      ...APPLICANT,
      employmentYears: undefined,
      employmentType: undefined,
      housing: undefined,
      pastArrears: undefined,
      monthlyIncomeMinor: undefined,
      priceMinor: undefined,
    });
    // Without income no ratio to income can be computed; without a price no loan to value.
    expect(result.points.every((p) => p.bin === "not given" || p.characteristic === "loan term")).toBe(true);
    const expected = CREDIT_DATA_MODEL.characteristics.map((c) =>
      committedBin(c.name, c.name === "termMonths" ? 36 : undefined),
    );
    expect(result.score).toBe(expected.reduce((sum, bin) => sum + bin.points, 0));
    expect(result.reasons.some((r) => r.code.endsWith("_MISSING") && r.bin === "not given")).toBe(true);
  });

  it("refuses impossible values, listing every one", () => {
    const bad = {
      ...APPLICANT,
      monthlyIncomeMinor: -1,
      amountMinor: 0,
      termMonths: 0,
      employmentYears: Number.NaN,
      housing: "castle",
    } as unknown as ScorecardInput;
    try {
      scoreApplicant(bad);
      expect.fail("expected a TenorError");
    } catch (error) {
      expect(error).toBeInstanceOf(TenorError);
      const e = error as TenorError;
      expect(e.code).toBe("INVALID_SCORE_INPUT");
      expect(e.issues.map((i) => i.field)).toEqual([
        "monthlyIncomeMinor",
        "amountMinor",
        "termMonths",
        "employmentYears",
        "housing",
      ]);
    }
  });
});

describe("scoreApplicant properties", () => {
  const amount = fc.integer({ min: 1, max: 10_000_000 });
  const applicant = fc.record({
    employmentYears: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }),
    employmentType: fc.option(fc.constantFrom("fixed", "freelance", "part-time", "other" as const), {
      nil: undefined,
    }),
    housing: fc.option(fc.constantFrom("owner", "rent", "parents", "private", "other" as const), {
      nil: undefined,
    }),
    pastArrears: fc.option(fc.boolean(), { nil: undefined }),
    termMonths: fc.integer({ min: 1, max: 120 }),
    monthlyIncomeMinor: amount,
    monthlyExpensesMinor: fc.option(amount, { nil: undefined }),
    monthlyInstallmentMinor: amount,
    amountMinor: amount,
    priceMinor: fc.option(amount, { nil: undefined }),
    assetsMinor: fc.option(amount, { nil: undefined }),
    debtMinor: fc.option(amount, { nil: undefined }),
  }) as fc.Arbitrary<ScorecardInput>;

  it("never lowers the score for more income, and the points always add up", () => {
    fc.assert(
      fc.property(applicant, fc.integer({ min: 1, max: 5_000_000 }), (input, raise) => {
        const base = scoreApplicant(input);
        const richer = scoreApplicant({
          ...input,
          monthlyIncomeMinor: (input.monthlyIncomeMinor ?? 0) + raise,
        });
        expect(richer.score).toBeGreaterThanOrEqual(base.score);
        expect(base.points.reduce((sum, p) => sum + p.points, 0)).toBe(base.score);
        expect(base.band).toBe(bandOf(base.score));
      }),
      { numRuns: 300 },
    );
  });

  it("never scores past arrears higher than none", () => {
    fc.assert(
      fc.property(applicant, (input) => {
        const clean = scoreApplicant({ ...input, pastArrears: false });
        const arrears = scoreApplicant({ ...input, pastArrears: true });
        expect(arrears.score).toBeLessThanOrEqual(clean.score);
        expect(arrears.probabilityOfDefault).toBeGreaterThanOrEqual(clean.probabilityOfDefault);
      }),
      { numRuns: 300 },
    );
  });
});
