// The production scorecard's characteristics and how they are computed — from a credit_data row (training) and
// from an applicant (scoring) — side by side so the two cannot drift apart. Only facts a borrower can enter in
// the app, and no protected attribute: credit_data's Age and Marital are read only to measure what leaving them
// out costs (research §3.3, "app-collectable"). Amounts become ratios to income, so their unit does not matter.
//
// One deliberate difference: credit_data has no installment, so training uses Amount / Time (principal per
// month); an applicant's installment is the real one, interest included, which is higher — the installment and
// residual-income characteristics are therefore slightly conservative for applicants.
import type { EmploymentType, HousingStatus } from "../../planning/borrower-profile.ts";
import type { CharacteristicSpec, CharacteristicValues, TrainingSet } from "./characteristic.ts";
import type { CsvTable } from "./parse-csv.ts";
import { ratioOf, residualIncomeRatio } from "./ratios.ts";
import type { ScorecardInput } from "./scorecard-types.ts";

const HOUSING_LEVELS: readonly HousingStatus[] = ["owner", "rent", "parents", "private", "other"];
const EMPLOYMENT_LEVELS: readonly EmploymentType[] = ["fixed", "freelance", "part-time", "other"];

/** Ratio characteristics: bin edges at 0.1 % steps (3 decimals of the fraction). */
function ratioSpec(
  name: string,
  label: string,
  high: [string, string],
  low: [string, string],
  missing: [string, string],
): CharacteristicSpec {
  return {
    name,
    label,
    kind: "numeric",
    format: "percent",
    edgeDecimals: 3,
    reasons: {
      high: { code: high[0], message: high[1] },
      low: { code: low[0], message: low[1] },
      missing: { code: missing[0], message: missing[1] },
    },
  };
}

const NO_INCOME = "income or another figure it needs was not given";

export const CREDIT_DATA_CHARACTERISTICS: readonly CharacteristicSpec[] = [
  {
    name: "employmentYears",
    label: "years with the current employer",
    kind: "numeric",
    format: "years",
    edgeDecimals: 0,
    reasons: {
      high: { code: "EMPLOYMENT_LONG", message: "Many years with the current employer" },
      low: { code: "EMPLOYMENT_SHORT", message: "Few years with the current employer" },
      missing: { code: "EMPLOYMENT_MISSING", message: "Employment was not given" },
    },
  },
  {
    name: "housing",
    label: "housing",
    kind: "categorical",
    levels: HOUSING_LEVELS,
    format: "level",
    edgeDecimals: 0,
    reasons: {
      level: {
        code: "HOUSING",
        message: "A housing status with more defaults than home owners' in the data",
      },
      missing: { code: "HOUSING_MISSING", message: "Housing status was not given" },
    },
  },
  {
    name: "termMonths",
    label: "loan term",
    kind: "numeric",
    format: "months",
    edgeDecimals: 0,
    reasons: {
      high: { code: "TERM_LONG", message: "A long loan term" },
      low: { code: "TERM_SHORT", message: "A short loan term" },
      missing: { code: "TERM_MISSING", message: "The loan term was not given" },
    },
  },
  {
    name: "pastArrears",
    label: "arrears on earlier credit",
    kind: "categorical",
    levels: ["no", "yes"],
    format: "level",
    edgeDecimals: 0,
    reasons: {
      level: { code: "PAST_ARREARS", message: "Arrears on earlier credit" },
      missing: { code: "PAST_ARREARS_MISSING", message: "Whether earlier credit had arrears was not given" },
    },
  },
  {
    name: "employmentType",
    label: "type of employment",
    kind: "categorical",
    levels: EMPLOYMENT_LEVELS,
    format: "level",
    edgeDecimals: 0,
    reasons: {
      level: {
        code: "EMPLOYMENT_TYPE",
        message: "A type of employment with more defaults than a fixed job's",
      },
      missing: { code: "EMPLOYMENT_MISSING", message: "Employment was not given" },
    },
  },
  ratioSpec(
    "expenseRatio",
    "expenses / income",
    ["EXPENSES_HIGH", "High expenses for the income"],
    ["EXPENSES_LOW", "Low expenses for the income"],
    ["EXPENSE_RATIO_MISSING", `Expenses / income could not be computed: ${NO_INCOME}`],
  ),
  ratioSpec(
    "installmentRatio",
    "installment / income",
    ["INSTALLMENT_HIGH", "A high installment for the income"],
    ["INSTALLMENT_LOW", "A low installment for the income"],
    ["INSTALLMENT_RATIO_MISSING", `Installment / income could not be computed: ${NO_INCOME}`],
  ),
  ratioSpec(
    "loanToValue",
    "loan / price",
    ["LOAN_TO_VALUE_HIGH", "A loan large for the price of what it buys"],
    ["LOAN_TO_VALUE_LOW", "A loan small for the price of what it buys"],
    ["LOAN_TO_VALUE_MISSING", "Loan to value could not be computed: the price was not given"],
  ),
  ratioSpec(
    "assetsRatio",
    "assets / income",
    ["ASSETS_HIGH", "Large assets for the income"],
    ["ASSETS_LOW", "Few assets for the income"],
    ["ASSETS_RATIO_MISSING", `Assets / income could not be computed: ${NO_INCOME}`],
  ),
  ratioSpec(
    "debtRatio",
    "debt / income",
    ["DEBT_HIGH", "High existing debt for the income"],
    ["DEBT_LOW", "Low existing debt for the income"],
    ["DEBT_RATIO_MISSING", `Debt / income could not be computed: ${NO_INCOME}`],
  ),
  ratioSpec(
    "residualIncomeRatio",
    "residual income / income",
    ["RESIDUAL_INCOME_HIGH", "Much income left after expenses and the installment"],
    ["RESIDUAL_INCOME_LOW", "Little income left after expenses and the installment"],
    ["RESIDUAL_INCOME_MISSING", `Residual income could not be computed: ${NO_INCOME}`],
  ),
];

/** credit_data's protected attributes: read only to measure what excluding them costs, never model inputs. */
export const CREDIT_DATA_PROTECTED: readonly CharacteristicSpec[] = [
  {
    name: "age",
    label: "age (protected)",
    kind: "numeric",
    format: "years",
    edgeDecimals: 0,
    reasons: {
      high: { code: "AGE", message: "Age" },
      low: { code: "AGE", message: "Age" },
      missing: { code: "AGE_MISSING", message: "Age was not given" },
    },
  },
  {
    name: "marital",
    label: "marital status (protected)",
    kind: "categorical",
    levels: ["married", "single", "separated", "divorced", "widow"],
    format: "level",
    edgeDecimals: 0,
    reasons: {
      level: { code: "MARITAL", message: "Marital status" },
      missing: { code: "MARITAL_MISSING", message: "Marital status was not given" },
    },
  },
];

/** The names of credit_data's columns that are protected attributes. */
export const CREDIT_DATA_PROTECTED_COLUMNS: readonly string[] = ["Age", "Marital"];

/** The characteristic values of an applicant, as the production scorecard reads them. */
export function applicantValues(input: ScorecardInput): CharacteristicValues {
  const income = input.monthlyIncomeMinor;
  return {
    employmentYears: input.employmentYears,
    housing: input.housing,
    termMonths: input.termMonths,
    pastArrears: input.pastArrears === undefined ? undefined : input.pastArrears ? "yes" : "no",
    employmentType: input.employmentType,
    expenseRatio: ratioOf(input.monthlyExpensesMinor, income),
    installmentRatio: ratioOf(input.monthlyInstallmentMinor, income),
    loanToValue: ratioOf(input.amountMinor, input.priceMinor),
    assetsRatio: ratioOf(input.assetsMinor, income),
    debtRatio: ratioOf(input.debtMinor, income),
    residualIncomeRatio: residualIncomeRatio(
      income,
      input.monthlyExpensesMinor,
      input.monthlyInstallmentMinor,
    ),
  };
}

const HOME_TO_HOUSING: Readonly<Record<string, HousingStatus>> = {
  owner: "owner",
  rent: "rent",
  parents: "parents",
  priv: "private",
  other: "other",
  ignore: "other",
};

const JOB_TO_EMPLOYMENT: Readonly<Record<string, EmploymentType>> = {
  fixed: "fixed",
  freelance: "freelance",
  partime: "part-time",
  others: "other",
};

const COLUMNS = [
  "Status",
  "Seniority",
  "Home",
  "Time",
  "Age",
  "Marital",
  "Records",
  "Job",
  "Expenses",
  "Income",
  "Assets",
  "Debt",
  "Amount",
  "Price",
] as const;

/**
 * credit_data's rows as characteristic values (the production ones plus the protected `age` and `marital`) with
 * Status "bad" as the label. The installment of a row is Amount / Time.
 */
export function creditDataTrainingSet(table: CsvTable): TrainingSet {
  const at = Object.fromEntries(
    COLUMNS.map((column) => {
      const index = table.header.indexOf(column);
      if (index < 0) throw new Error(`credit_data: the column ${column} is missing`);
      return [column, index];
    }),
  ) as Record<(typeof COLUMNS)[number], number>;
  const rows: CharacteristicValues[] = [];
  const bad: boolean[] = [];
  table.rows.forEach((cells, r) => {
    const text = (column: (typeof COLUMNS)[number]): string | undefined => cells[at[column]];
    const number = (column: (typeof COLUMNS)[number]): number | undefined => {
      const cell = text(column);
      if (cell === undefined) return undefined;
      // float-ok: a value of the training file, not money
      const value = Number(cell);
      if (cell.trim() === "" || !Number.isFinite(value)) {
        throw new Error(`credit_data row ${r + 1}: ${column} must be a number or NA, got "${cell}"`);
      }
      return value;
    };
    const level = <T extends string>(column: (typeof COLUMNS)[number], map: Readonly<Record<string, T>>) => {
      const cell = text(column);
      if (cell === undefined) return undefined;
      const mapped = map[cell];
      if (mapped === undefined) throw new Error(`credit_data row ${r + 1}: unknown ${column} "${cell}"`);
      return mapped;
    };
    const status = text("Status");
    if (status !== "good" && status !== "bad") {
      throw new Error(`credit_data row ${r + 1}: Status must be good or bad, got "${status}"`);
    }
    const income = number("Income");
    const expenses = number("Expenses");
    const amount = number("Amount");
    const time = number("Time");
    const installment = ratioOf(amount, time);
    rows.push({
      employmentYears: number("Seniority"),
      housing: level("Home", HOME_TO_HOUSING),
      termMonths: time,
      pastArrears: level("Records", { no: "no", yes: "yes" }),
      employmentType: level("Job", JOB_TO_EMPLOYMENT),
      expenseRatio: ratioOf(expenses, income),
      installmentRatio: ratioOf(installment, income),
      loanToValue: ratioOf(amount, number("Price")),
      assetsRatio: ratioOf(number("Assets"), income),
      debtRatio: ratioOf(number("Debt"), income),
      residualIncomeRatio: residualIncomeRatio(income, expenses, installment),
      age: number("Age"),
      marital: level("Marital", {
        married: "married",
        single: "single",
        separated: "separated",
        divorced: "divorced",
        widow: "widow",
      }),
    });
    bad.push(status === "bad");
  });
  return { rows, bad };
}
