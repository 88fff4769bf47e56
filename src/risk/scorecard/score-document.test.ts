import { describe, expect, it } from "vitest";
import { TenorError } from "../../core/errors.ts";
import { CREDIT_DATA_MODEL } from "./fitted-model.ts";
import { parseScoreDocument, SCORE_DISCLAIMER, scoreFromDocument } from "./score-document.ts";

const EXAMPLE = {
  employment: { type: "fixed", years: 4 },
  housing: "rent",
  pastArrears: false,
  termMonths: 36,
  monthlyIncome: "3200.00",
  monthlyExpenses: "1400.00",
  monthlyInstallment: "350.00",
  amount: "12000.00",
  price: "15000.00",
  assets: "5000.00",
  debt: "0",
};

function issuesOf(document: unknown): { field: string; message: string }[] {
  try {
    scoreFromDocument(document);
  } catch (error) {
    expect(error).toBeInstanceOf(TenorError);
    expect((error as TenorError).code).toBe("INVALID_SCORE_INPUT");
    return (error as TenorError).issues.map(({ field, message }) => ({ field, message }));
  }
  throw new Error("expected the document to be refused");
}

describe("parseScoreDocument", () => {
  it("reads amounts as minor units and absent facts as undefined", () => {
    expect(parseScoreDocument(EXAMPLE).input).toEqual({
      employmentYears: 4,
      employmentType: "fixed",
      housing: "rent",
      pastArrears: false,
      termMonths: 36,
      monthlyIncomeMinor: 320000,
      monthlyExpensesMinor: 140000,
      monthlyInstallmentMinor: 35000,
      amountMinor: 1200000,
      priceMinor: 1500000,
      assetsMinor: 500000,
      debtMinor: 0,
    });
    const minimal = parseScoreDocument({ termMonths: 12, monthlyInstallment: 100, amount: "1150" }).input;
    expect(minimal.monthlyIncomeMinor).toBeUndefined();
    expect(minimal.employmentType).toBeUndefined();
    expect(minimal.monthlyInstallmentMinor).toBe(10000);
  });
});

describe("scoreFromDocument", () => {
  it("scores the example with the production model and says what the score is not", () => {
    const result = scoreFromDocument(EXAMPLE);
    expect(result.disclaimer).toBe(
      "indicative score from a model trained on public data; not a bureau score",
    );
    expect(result.disclaimer).toBe(SCORE_DISCLAIMER);
    expect(result.modelVersion).toBe(CREDIT_DATA_MODEL.version);
    expect(result.calibratedBadRate).toBe(CREDIT_DATA_MODEL.calibration.trainingBadRate);
    expect(result.points).toHaveLength(CREDIT_DATA_MODEL.characteristics.length);
    expect(result.points.reduce((sum, p) => sum + p.points, 0)).toBe(result.score);
  });

  it("recalibrates to a target bad rate given in percent", () => {
    // From 28.15 % to 5 %: ln-odds shift logit(0.05) − logit(0.281545) = −2.944439 + 0.936810 = −2.007629,
    // worth 2.007629 × 28.853901 = 57.93 points, spread over the characteristics and rounded per bin.
    const base = scoreFromDocument(EXAMPLE);
    const shifted = scoreFromDocument({ ...EXAMPLE, targetBadRate: "5" });
    expect(shifted.calibratedBadRate).toBe(0.05);
    const k = CREDIT_DATA_MODEL.characteristics.length;
    expect(Math.abs(shifted.score - base.score - 57.93)).toBeLessThanOrEqual(k / 2 + 0.5);
    expect(shifted.probabilityOfDefault).toBeLessThan(base.probabilityOfDefault);
  });

  it("lists every problem of a bad document", () => {
    expect(
      issuesOf({
        employment: { type: "boss", years: -1 },
        housing: "castle",
        pastArrears: "no",
        termMonths: 0,
        monthlyIncome: "-5",
        amount: "12000.005",
        targetBadRate: "100",
        age: 40,
      }).map((issue) => issue.field),
    ).toEqual([
      "age",
      "employment.type",
      "employment.years",
      "housing",
      "pastArrears",
      "termMonths",
      "monthlyIncome",
      "monthlyInstallment",
      "amount",
      "targetBadRate",
    ]);
  });

  it("refuses an age field: protected attributes are not inputs", () => {
    const issue = issuesOf({ ...EXAMPLE, age: 40 })[0];
    expect(issue?.field).toBe("age");
    expect(issue?.message).toMatch(/is not a known field/);
  });

  it("checks decimals against a currency when one is given", () => {
    expect(issuesOf({ ...EXAMPLE, currency: "JPY" }).map((i) => i.field)).toContain("monthlyIncome");
    expect(scoreFromDocument({ ...EXAMPLE, currency: "EUR" }).score).toBe(scoreFromDocument(EXAMPLE).score);
  });

  it("refuses a document that is not an object", () => {
    expect(issuesOf([1, 2])[0]?.field).toBe("(document)");
  });
});
