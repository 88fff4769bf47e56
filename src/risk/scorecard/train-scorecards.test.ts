// "Training reproduces": re-running the training on the data with the fixed seed gives exactly the committed
// fitted-model.ts (and report). German credit is in the repository, so its part always runs; credit_data lives
// beside the repository (../shared/data/credit/credit_data.csv, or TENOR_CREDIT_DATA) and its part runs when
// the file is there — and fails instead of skipping when TENOR_REQUIRE_CREDIT_DATA=1.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applicantValues, CREDIT_DATA_CHARACTERISTICS } from "./credit-data-features.ts";
import { CREDIT_DATA_MODEL, GERMAN_CREDIT_MODEL } from "./fitted-model.ts";
import {
  GERMAN_CREDIT_MODEL_NAME,
  renderFittedModelModule,
  renderModelDeclaration,
} from "./render-fitted-model.ts";
import { renderReport } from "./render-report.ts";
import { type TrainingRun, trainCreditData, trainGermanCredit } from "./train-scorecards.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..", "..");
const MODEL_FILE = path.join(ROOT, "src", "risk", "scorecard", "fitted-model.ts");
const REPORT_FILE = path.join(ROOT, "docs", "reference", "credit-scorecard-report.md");
const GERMAN_FILE = path.join(ROOT, "data", "credit", "credit-g.arff");
const CREDIT_DATA_FILE = process.env.TENOR_CREDIT_DATA
  ? path.resolve(process.env.TENOR_CREDIT_DATA)
  : path.resolve(ROOT, "..", "shared", "data", "credit", "credit_data.csv");
const HAVE_CREDIT_DATA = existsSync(CREDIT_DATA_FILE);
const REQUIRE_CREDIT_DATA = process.env.TENOR_REQUIRE_CREDIT_DATA === "1";

/** Every protected attribute name of both data sets, in any spelling the data use. */
const PROTECTED = ["age", "marital", "personal_status", "foreign_worker", "sex", "nationality"];

function read(file: string): { text: string; sha256: string } {
  const bytes = readFileSync(file);
  return { text: bytes.toString("utf8"), sha256: createHash("sha256").update(bytes).digest("hex") };
}

describe("German credit benchmark", () => {
  let run: TrainingRun;
  beforeAll(() => {
    const { text, sha256 } = read(GERMAN_FILE);
    run = trainGermanCredit(text, sha256);
  });

  it("reproduces the committed GERMAN_CREDIT_MODEL byte for byte", () => {
    const committed = readFileSync(MODEL_FILE, "utf8");
    expect(committed).toContain(renderModelDeclaration(GERMAN_CREDIT_MODEL_NAME, run.model));
    expect(run.model).toEqual(GERMAN_CREDIT_MODEL);
  });

  it("is trained on the committed credit-g.arff (sha256 as published in the research)", () => {
    expect(run.model.dataset.sha256).toBe("bd94085134e4eb845c96b34c93ed65a223f89d089bacb273ef96f57509ce0bed");
    expect(run.model.dataset).toMatchObject({ rows: 1000, goods: 700, bads: 300 });
  });

  it("separates goods and bads with a cross-validated AUC above 0.75", () => {
    expect(run.evaluation.folds).toHaveLength(25);
    expect(run.evaluation.summary.auc.mean).toBeGreaterThan(0.75);
    expect(run.evaluation.heldOut.auc).toBeGreaterThan(0.75);
  });
});

const creditDataTitle = HAVE_CREDIT_DATA
  ? "credit_data production model"
  : `credit_data production model — skipped: no credit_data at ${CREDIT_DATA_FILE} (set TENOR_CREDIT_DATA, or TENOR_REQUIRE_CREDIT_DATA=1 to fail instead)`;

if (!HAVE_CREDIT_DATA && REQUIRE_CREDIT_DATA) {
  describe("credit_data production model", () => {
    it("needs the training data because TENOR_REQUIRE_CREDIT_DATA=1", () => {
      expect.fail(`credit_data not found at ${CREDIT_DATA_FILE}`);
    });
  });
} else {
  describe.skipIf(!HAVE_CREDIT_DATA)(creditDataTitle, () => {
    let run: TrainingRun;
    let german: TrainingRun;
    beforeAll(() => {
      const credit = read(CREDIT_DATA_FILE);
      const g = read(GERMAN_FILE);
      run = trainCreditData(credit.text, credit.sha256);
      german = trainGermanCredit(g.text, g.sha256);
    });

    it("reproduces the committed fitted-model.ts and the report byte for byte", () => {
      expect(renderFittedModelModule(run.model, german.model)).toBe(readFileSync(MODEL_FILE, "utf8"));
      expect(renderReport(run, german)).toBe(readFileSync(REPORT_FILE, "utf8"));
      expect(run.model).toEqual(CREDIT_DATA_MODEL);
    });

    it("separates goods and bads with a cross-validated AUC above 0.75", () => {
      expect(run.evaluation.folds).toHaveLength(25);
      expect(run.evaluation.summary.auc.mean).toBeGreaterThan(0.75);
      expect(run.evaluation.heldOut.auc).toBeGreaterThan(0.75);
    });
  });
}

describe("no protected attribute is an input", () => {
  const isProtected = (name: string) => PROTECTED.some((p) => name.toLowerCase().includes(p));

  it("in either committed model's characteristics", () => {
    for (const model of [CREDIT_DATA_MODEL, GERMAN_CREDIT_MODEL]) {
      const names = model.characteristics.map((c) => c.name);
      expect(names.filter(isProtected)).toEqual([]);
      expect(model.characteristics.length).toBeGreaterThan(5);
    }
    expect(CREDIT_DATA_MODEL.excludedProtected).toEqual(["Age", "Marital"]);
    expect(GERMAN_CREDIT_MODEL.excludedProtected).toEqual(["personal_status", "foreign_worker", "age"]);
  });

  it("in the production candidates or what is read from an applicant", () => {
    expect(CREDIT_DATA_CHARACTERISTICS.map((c) => c.name).filter(isProtected)).toEqual([]);
    const values = applicantValues({
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
    expect(Object.keys(values).filter(isProtected)).toEqual([]);
  });
});
