// Scores an applicant with the production credit risk scorecard (docs/reference/credit-scorecard.md): the
// committed model fitted on credit_data by default, or any model with the same characteristics (e.g. one
// recalibrated to a portfolio's bad rate with recalibrate()). Unknown facts fall in their missing bin.
import { assert, type Issue, TenorError } from "../../core/errors.ts";
import type { EmploymentType, HousingStatus } from "../../planning/borrower-profile.ts";
import { applicantValues } from "./credit-data-features.ts";
import { CREDIT_DATA_MODEL } from "./fitted-model.ts";
import type { FittedModel } from "./fitted-model-types.ts";
import { scoreRecord } from "./score-record.ts";
import type { ScorecardInput, ScoreResult } from "./scorecard-types.ts";

const EMPLOYMENT_TYPES: readonly EmploymentType[] = ["fixed", "freelance", "part-time", "other"];
const HOUSING_STATUSES: readonly HousingStatus[] = ["owner", "rent", "parents", "private", "other"];

/**
 * The score, probability of default, band, points per characteristic and reasons of one applicant. Throws
 * `TenorError("INVALID_SCORE_INPUT", issues)` listing every impossible value (a negative amount, a term under
 * one month, an unknown employment type…).
 */
export function scoreApplicant(input: ScorecardInput, model: FittedModel = CREDIT_DATA_MODEL): ScoreResult {
  const issues = inputIssues(input);
  if (issues.length > 0) throw new TenorError("INVALID_SCORE_INPUT", issues);
  const values = applicantValues(input);
  for (const characteristic of model.characteristics) {
    assert(
      characteristic.name in values,
      `scoreApplicant: the model ${model.version} needs "${characteristic.name}", which an applicant does not have`,
    );
  }
  return scoreRecord(model, values);
}

function inputIssues(input: ScorecardInput): Issue[] {
  const issues: Issue[] = [];
  const amount = (field: keyof ScorecardInput, value: number | undefined, positive: boolean): void => {
    if (value === undefined && field !== "monthlyInstallmentMinor" && field !== "amountMinor") return;
    if (typeof value === "number" && Number.isSafeInteger(value) && (positive ? value > 0 : value >= 0))
      return;
    issues.push({
      field,
      value,
      message: `must be a whole number of minor units ${positive ? "greater than 0" : "of 0 or more"}`,
    });
  };
  amount("monthlyIncomeMinor", input.monthlyIncomeMinor, false);
  amount("monthlyExpensesMinor", input.monthlyExpensesMinor, false);
  amount("monthlyInstallmentMinor", input.monthlyInstallmentMinor, true);
  amount("amountMinor", input.amountMinor, true);
  amount("priceMinor", input.priceMinor, true);
  amount("assetsMinor", input.assetsMinor, false);
  amount("debtMinor", input.debtMinor, false);
  if (!(Number.isInteger(input.termMonths) && input.termMonths >= 1 && input.termMonths <= 1200)) {
    issues.push({
      field: "termMonths",
      value: input.termMonths,
      message: "must be a whole number of months, 1 to 1200",
    });
  }
  const years = input.employmentYears;
  if (years !== undefined && !(Number.isFinite(years) && years >= 0 && years <= 100)) {
    issues.push({
      field: "employmentYears",
      value: years,
      message: "must be a number of years from 0 to 100",
    });
  }
  if (input.employmentType !== undefined && !EMPLOYMENT_TYPES.includes(input.employmentType)) {
    issues.push({
      field: "employmentType",
      value: input.employmentType,
      message: `must be one of ${EMPLOYMENT_TYPES.join(", ")}`,
    });
  }
  if (input.housing !== undefined && !HOUSING_STATUSES.includes(input.housing)) {
    issues.push({
      field: "housing",
      value: input.housing,
      message: `must be one of ${HOUSING_STATUSES.join(", ")}`,
    });
  }
  if (input.pastArrears !== undefined && typeof input.pastArrears !== "boolean") {
    issues.push({ field: "pastArrears", value: input.pastArrears, message: "must be true or false" });
  }
  return issues;
}
