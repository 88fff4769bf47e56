// Reads a borrower's financial profile document (docs/reference/borrower-profile.md) into a `BorrowerProfile`.
// Same approach as the terms parser (src/schedule/parse-terms.ts): hand-written readers that collect every
// issue of the document, each naming the dotted field, the value received and what is allowed.
import { assert, TenorError } from "../core/errors.ts";
import { readCurrency } from "../schedule/terms-parser/read-currency.ts";
import { INVALID, type Parsed, TermsReader } from "../schedule/terms-parser/terms-reader.ts";
import type { BorrowerProfile, EmploymentType, HousingStatus } from "./borrower-profile.ts";
import { readOptionalMoney } from "./profile-parser/read-amounts.ts";
import { readIncomes } from "./profile-parser/read-income.ts";
import { readDebts, readExpenses } from "./profile-parser/read-spending.ts";

const PROFILE_FIELDS = [
  "currency",
  "incomes",
  "expenses",
  "debts",
  "liquidSavings",
  "assets",
  "householdSize",
  "region",
  "employment",
  "housing",
  "pastArrears",
];
const PROFILE_EXAMPLE =
  '{"currency": "EUR", "incomes": [{"name": "salary", "amount": "3200.00", "payDate": "2026-01-25"}]}';

export const EMPLOYMENT_TYPES: readonly EmploymentType[] = ["fixed", "freelance", "part-time", "other"];
export const HOUSING_STATUSES: readonly HousingStatus[] = ["owner", "rent", "parents", "private", "other"];
export const MAX_HOUSEHOLD_SIZE = 20;
const MAX_EMPLOYMENT_YEARS = 70;
const REGION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;

/**
 * Validates a borrower profile document and returns the profile with every default applied. Throws
 * `TenorError("INVALID_PROFILE", issues)` listing every problem, each naming the dotted field
 * (`incomes[0].payDate`, 0-based indexes), the value received and what is allowed.
 */
export function parseBorrowerProfile(document: unknown): BorrowerProfile {
  const reader = new TermsReader();
  const profile = readProfile(reader, document);
  if (reader.issues.length > 0) throw new TenorError("INVALID_PROFILE", reader.issues);
  assert(profile !== INVALID, "parseBorrowerProfile: invalid profile without an issue");
  return profile;
}

function readProfile(r: TermsReader, document: unknown): Parsed<BorrowerProfile> {
  const doc = r.object(document, "(document)", PROFILE_FIELDS, PROFILE_EXAMPLE);
  if (doc === INVALID) return INVALID;
  const currency = readCurrency(r, doc.currency);
  const incomes = readIncomes(r, doc.incomes, currency);
  const expenses = readExpenses(r, doc.expenses, currency);
  const debts = readDebts(r, doc.debts, currency);
  const liquidSavingsMinor =
    doc.liquidSavings === undefined
      ? 0
      : r.money(doc.liquidSavings, "liquidSavings", currency, "non-negative");
  const assetsMinor = readOptionalMoney(r, doc.assets, "assets", currency);
  const householdSize = r.integer(doc.householdSize, "householdSize", 1, MAX_HOUSEHOLD_SIZE, 1);
  const region = readRegion(r, doc.region);
  const employment = readEmployment(r, doc.employment);
  const housing = doc.housing === undefined ? undefined : r.oneOf(doc.housing, "housing", HOUSING_STATUSES);
  const pastArrears =
    doc.pastArrears === undefined ? undefined : r.boolean(doc.pastArrears, "pastArrears", false);
  if (
    currency === INVALID ||
    incomes === INVALID ||
    expenses === INVALID ||
    debts === INVALID ||
    liquidSavingsMinor === INVALID ||
    assetsMinor === INVALID ||
    householdSize === INVALID ||
    region === INVALID ||
    employment === INVALID ||
    housing === INVALID ||
    pastArrears === INVALID
  ) {
    return INVALID;
  }
  return {
    currency,
    incomes,
    expenses,
    debts,
    liquidSavingsMinor,
    assetsMinor,
    householdSize,
    region,
    employment,
    housing,
    pastArrears,
  };
}

/** `region`: a code of letters, digits and hyphens such as "US-NE", matched by residual-income tables. */
function readRegion(r: TermsReader, value: unknown): Parsed<string | undefined> {
  if (value === undefined) return undefined;
  if (typeof value === "string" && REGION_PATTERN.test(value)) return value;
  return r.report(
    "region",
    value,
    'must be a region code of 1 to 32 letters, digits and hyphens such as "US-NE" or "UK"',
  );
}

function readEmployment(r: TermsReader, value: unknown): Parsed<BorrowerProfile["employment"]> {
  if (value === undefined) return undefined;
  const fields = r.object(value, "employment", ["type", "years"], '{"type": "fixed", "years": 4}');
  if (fields === INVALID) return INVALID;
  const type = r.oneOf(fields.type, "employment.type", EMPLOYMENT_TYPES);
  const years = r.integer(fields.years, "employment.years", 0, MAX_EMPLOYMENT_YEARS);
  if (type === INVALID || years === INVALID) return INVALID;
  return { type, years };
}
