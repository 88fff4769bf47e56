import { describe, expect, it } from "vitest";
import { applicantValues, creditDataTrainingSet } from "./credit-data-features.ts";
import { germanCreditCharacteristics, germanCreditTrainingSet } from "./german-credit-features.ts";
import { parseArff } from "./parse-arff.ts";
import { parseCsv } from "./parse-csv.ts";
import { ratioOf, residualIncomeRatio } from "./ratios.ts";

const CSV = `"Status","Seniority","Home","Time","Age","Marital","Records","Job","Expenses","Income","Assets","Debt","Amount","Price"
"good",9,"priv",60,30,"married","no","partime",73,129,0,0,800,846
"bad",0,"ignore",36,46,"single","yes","others",90,NA,3000,NA,2000,2985
`;

describe("creditDataTrainingSet", () => {
  it("maps credit_data's codes to the app's and computes the ratios with installment = Amount / Time", () => {
    const { rows, bad } = creditDataTrainingSet(parseCsv(CSV));
    expect(bad).toEqual([false, true]);
    // Row 1: installment = 800 / 60 = 13.333; expenses 73/129 = 0.565891; installment 13.333/129 = 0.103359;
    // loan to value 800/846 = 0.945626; residual (129 − 73 − 13.333)/129 = 42.667/129 = 0.330749.
    expect(rows[0]).toMatchObject({
      employmentYears: 9,
      housing: "private",
      termMonths: 60,
      pastArrears: "no",
      employmentType: "part-time",
      assetsRatio: 0,
      debtRatio: 0,
      age: 30,
      marital: "married",
    });
    expect(rows[0]?.expenseRatio).toBeCloseTo(0.565891, 6);
    expect(rows[0]?.installmentRatio).toBeCloseTo(0.103359, 6);
    expect(rows[0]?.loanToValue).toBeCloseTo(0.945626, 6);
    expect(rows[0]?.residualIncomeRatio).toBeCloseTo(0.330749, 6);
    // Row 2: Income NA → every ratio to income is missing; "ignore" housing → other; "others" job → other.
    expect(rows[1]).toMatchObject({
      housing: "other",
      employmentType: "other",
      pastArrears: "yes",
      expenseRatio: undefined,
      installmentRatio: undefined,
      assetsRatio: undefined,
      debtRatio: undefined,
      residualIncomeRatio: undefined,
    });
    expect(rows[1]?.loanToValue).toBeCloseTo(2000 / 2985, 12);
  });

  it("refuses an unknown code or status", () => {
    expect(() => creditDataTrainingSet(parseCsv(CSV.replace('"priv"', '"castle"')))).toThrow(
      /unknown Home "castle"/,
    );
    expect(() => creditDataTrainingSet(parseCsv(CSV.replace('"good"', '"ok"')))).toThrow(
      /Status must be good or bad/,
    );
  });
});

describe("applicantValues", () => {
  it("reads the same characteristics from an applicant, with the real installment", () => {
    const values = applicantValues({
      employmentYears: 4,
      employmentType: "fixed",
      housing: "rent",
      pastArrears: true,
      termMonths: 36,
      monthlyIncomeMinor: 320000,
      monthlyExpensesMinor: 140000,
      monthlyInstallmentMinor: 35000,
      amountMinor: 1200000,
      priceMinor: undefined,
      assetsMinor: undefined,
      debtMinor: 64000,
    });
    // 1400/3200 = 0.4375; 350/3200 = 0.109375; 640/3200 = 0.2; residual 1450/3200 = 0.453125
    expect(values).toEqual({
      employmentYears: 4,
      housing: "rent",
      termMonths: 36,
      pastArrears: "yes",
      employmentType: "fixed",
      expenseRatio: 0.4375,
      installmentRatio: 0.109375,
      loanToValue: undefined,
      assetsRatio: undefined,
      debtRatio: 0.2,
      residualIncomeRatio: 0.453125,
    });
  });
});

describe("ratioOf", () => {
  it("makes a zero income an extreme ratio, never NaN", () => {
    expect(ratioOf(5, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(ratioOf(-5, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(ratioOf(0, 0)).toBe(0);
    expect(ratioOf(undefined, 3)).toBeUndefined();
    expect(residualIncomeRatio(0, 10, 5)).toBe(Number.NEGATIVE_INFINITY);
    expect(residualIncomeRatio(100, undefined, 5)).toBeUndefined();
  });
});

describe("German credit features", () => {
  it("turns every attribute but the class into a characteristic, keeping nominal levels in declared order", () => {
    const table = parseArff(
      "@relation g\n@attribute duration numeric\n@attribute housing {rent, own, 'for free'}\n@attribute class {good, bad}\n@data\n6,own,good\n48,'for free',bad\n",
    );
    const specs = germanCreditCharacteristics(table);
    expect(specs.map((s) => [s.name, s.kind, s.levels])).toEqual([
      ["duration", "numeric", undefined],
      ["housing", "categorical", ["rent", "own", "for free"]],
    ]);
    expect(germanCreditTrainingSet(table)).toEqual({
      rows: [
        { duration: 6, housing: "own" },
        { duration: 48, housing: "for free" },
      ],
      bad: [false, true],
    });
  });
});
