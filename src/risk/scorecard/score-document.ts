// The JSON document of `tenor score` (docs/reference/credit-scorecard.md, "The score document"): an applicant's
// facts in, the indicative score out. Validated with the TermsReader like every Tenor document: every problem is
// reported at once, each naming its field, the value received and what is allowed.
import type { Currency } from "../../core/currency.ts";
import { assert, TenorError } from "../../core/errors.ts";
import { ratioToNumber } from "../../core/ratio.ts";
import type { EmploymentType, HousingStatus } from "../../planning/borrower-profile.ts";
import { readCurrency } from "../../schedule/terms-parser/read-currency.ts";
import {
  allFieldsValid,
  INVALID,
  type Parsed,
  TermsReader,
} from "../../schedule/terms-parser/terms-reader.ts";
import { recalibrate } from "./build-model.ts";
import { CREDIT_DATA_MODEL } from "./fitted-model.ts";
import { scoreApplicant } from "./score-applicant.ts";
import type { ScorecardInput, ScoreResult } from "./scorecard-types.ts";

export const SCORE_DISCLAIMER = "indicative score from a model trained on public data; not a bureau score";

export interface ScoreDocumentResult extends ScoreResult {
  /** The bad rate the probability of default is calibrated to, 0…1. */
  readonly calibratedBadRate: number;
  readonly disclaimer: string;
}

const FIELDS = [
  "currency",
  "employment",
  "housing",
  "pastArrears",
  "termMonths",
  "monthlyIncome",
  "monthlyExpenses",
  "monthlyInstallment",
  "amount",
  "price",
  "assets",
  "debt",
  "targetBadRate",
];
const EXAMPLE =
  '{"termMonths": 36, "monthlyInstallment": "350.00", "amount": "12000.00", "monthlyIncome": "3200.00"}';
const EMPLOYMENT_TYPES: readonly EmploymentType[] = ["fixed", "freelance", "part-time", "other"];
const HOUSING_STATUSES: readonly HousingStatus[] = ["owner", "rent", "parents", "private", "other"];

/** Amounts of a document without a currency: any decimal with up to 2 places (only their ratios matter). */
const NO_CURRENCY: Currency = { code: "a score document without a currency", digits: 2 };

/**
 * Validates the score document and scores it with the production model (recalibrated when the document gives
 * a `targetBadRate`). Throws `TenorError("INVALID_SCORE_INPUT", issues)` listing every problem.
 */
export function scoreFromDocument(document: unknown): ScoreDocumentResult {
  const { input, targetBadRate } = parseScoreDocument(document);
  const model =
    targetBadRate === undefined ? CREDIT_DATA_MODEL : recalibrate(CREDIT_DATA_MODEL, targetBadRate);
  return {
    ...scoreApplicant(input, model),
    calibratedBadRate: model.calibration.targetBadRate,
    disclaimer: SCORE_DISCLAIMER,
  };
}

export function parseScoreDocument(document: unknown): {
  input: ScorecardInput;
  targetBadRate: number | undefined;
} {
  const r = new TermsReader();
  const parsed = readDocument(r, document);
  if (r.issues.length > 0) throw new TenorError("INVALID_SCORE_INPUT", r.issues);
  assert(parsed !== INVALID, "parseScoreDocument: invalid document without an issue");
  return parsed;
}

function readDocument(
  r: TermsReader,
  document: unknown,
): Parsed<{ input: ScorecardInput; targetBadRate: number | undefined }> {
  const doc = r.object(document, "(document)", FIELDS, EXAMPLE);
  if (doc === INVALID) return INVALID;
  const currency = doc.currency === undefined ? NO_CURRENCY : readCurrency(r, doc.currency);
  const optionalMoney = (field: string, sign: "positive" | "non-negative"): Parsed<number | undefined> =>
    doc[field] === undefined ? undefined : r.money(doc[field], field, currency, sign);
  const employment = readEmployment(r, doc.employment);
  const parts = {
    housing: doc.housing === undefined ? undefined : r.oneOf(doc.housing, "housing", HOUSING_STATUSES),
    pastArrears: doc.pastArrears === undefined ? undefined : r.boolean(doc.pastArrears, "pastArrears", false),
    termMonths: r.integer(doc.termMonths, "termMonths", 1, 1200),
    monthlyIncome: optionalMoney("monthlyIncome", "non-negative"),
    monthlyExpenses: optionalMoney("monthlyExpenses", "non-negative"),
    monthlyInstallment: r.money(doc.monthlyInstallment, "monthlyInstallment", currency, "positive"),
    amount: r.money(doc.amount, "amount", currency, "positive"),
    price: optionalMoney("price", "positive"),
    assets: optionalMoney("assets", "non-negative"),
    debt: optionalMoney("debt", "non-negative"),
    targetBadRate: readTargetBadRate(r, doc.targetBadRate),
  } as const;
  if (employment === INVALID || !allFieldsValid(parts)) return INVALID;
  const valid = parts;
  return {
    input: {
      employmentYears: employment?.years,
      employmentType: employment?.type,
      housing: valid.housing,
      pastArrears: valid.pastArrears,
      termMonths: valid.termMonths,
      monthlyIncomeMinor: valid.monthlyIncome,
      monthlyExpensesMinor: valid.monthlyExpenses,
      monthlyInstallmentMinor: valid.monthlyInstallment,
      amountMinor: valid.amount,
      priceMinor: valid.price,
      assetsMinor: valid.assets,
      debtMinor: valid.debt,
    },
    targetBadRate: valid.targetBadRate,
  };
}

function readEmployment(
  r: TermsReader,
  value: unknown,
): Parsed<{ type: EmploymentType; years: number } | undefined> {
  if (value === undefined) return undefined;
  const employment = r.object(value, "employment", ["type", "years"], '{"type": "fixed", "years": 4}');
  if (employment === INVALID) return INVALID;
  const type = r.oneOf(employment.type, "employment.type", EMPLOYMENT_TYPES);
  const years = r.integer(employment.years, "employment.years", 0, 100);
  return type === INVALID || years === INVALID ? INVALID : { type, years };
}

/** `targetBadRate`: a percent above 0 and below 100 ("5" = 5 %), returned as a fraction. */
function readTargetBadRate(r: TermsReader, value: unknown): Parsed<number | undefined> {
  if (value === undefined) return undefined;
  const percent = r.percent(value, "targetBadRate", "non-negative");
  if (percent === INVALID) return INVALID;
  const fraction = ratioToNumber(percent) / 100;
  if (!(fraction > 0 && fraction < 1)) {
    return r.report("targetBadRate", value, 'must be a percent above 0 and below 100, such as "5"');
  }
  return fraction;
}
