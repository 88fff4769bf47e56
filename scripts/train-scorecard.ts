// Trains the credit risk scorecards offline and writes the committed artefacts:
//   src/risk/scorecard/fitted-model.ts          the fitted models (production + German credit benchmark)
//   docs/reference/credit-scorecard-report.md   the evaluation report
// Run from anywhere with `node scripts/train-scorecard.ts`. credit_data is read from
// ../shared/data/credit/credit_data.csv (beside the repository), or from the file named by TENOR_CREDIT_DATA;
// German credit from data/credit/credit-g.arff. The training itself is pure and seeded
// (src/risk/scorecard/train-scorecards.ts): the same data give byte-identical files.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderFittedModelModule } from "../src/risk/scorecard/render-fitted-model.ts";
import { renderReport } from "../src/risk/scorecard/render-report.ts";
import { trainCreditData, trainGermanCredit } from "../src/risk/scorecard/train-scorecards.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CREDIT_DATA = process.env.TENOR_CREDIT_DATA
  ? path.resolve(process.env.TENOR_CREDIT_DATA)
  : path.resolve(ROOT, "..", "shared", "data", "credit", "credit_data.csv");
const GERMAN_CREDIT = path.join(ROOT, "data", "credit", "credit-g.arff");
const MODEL_FILE = path.join(ROOT, "src", "risk", "scorecard", "fitted-model.ts");
const REPORT_FILE = path.join(ROOT, "docs", "reference", "credit-scorecard-report.md");

function readData(file: string, what: string): { text: string; sha256: string } {
  if (!existsSync(file)) {
    console.error(`train-scorecard: ${what} not found at ${file}`);
    console.error("Set TENOR_CREDIT_DATA to the file's path, or see data/credit/NOTICE.md to regenerate it.");
    process.exit(1);
  }
  const bytes = readFileSync(file);
  return { text: bytes.toString("utf8"), sha256: createHash("sha256").update(bytes).digest("hex") };
}

const creditData = readData(CREDIT_DATA, "credit_data.csv");
const german = readData(GERMAN_CREDIT, "credit-g.arff");
const creditRun = trainCreditData(creditData.text, creditData.sha256);
const germanRun = trainGermanCredit(german.text, german.sha256);
writeFileSync(MODEL_FILE, renderFittedModelModule(creditRun.model, germanRun.model));
writeFileSync(REPORT_FILE, renderReport(creditRun, germanRun));
for (const run of [creditRun, germanRun]) {
  const { dataset, metrics } = run.model;
  const cv = metrics.crossValidation.auc;
  console.log(
    `${dataset.name}: ${dataset.rows} rows, ${run.model.characteristics.length} characteristics, ` +
      `held-out AUC ${metrics.heldOut.auc}, CV AUC ${cv.mean} ± ${cv.sd}`,
  );
}
console.log(`wrote ${path.relative(ROOT, MODEL_FILE)} and ${path.relative(ROOT, REPORT_FILE)}`);
