// `expenses[]` and `debts[]` of the borrower profile: what the borrower already pays out.
import type { Currency } from "../../core/currency.ts";
import { percentToFraction } from "../../schedule/terms-parser/percent-to-fraction.ts";
import {
  allFieldsValid,
  allValid,
  INVALID,
  type Parsed,
  type TermsReader,
} from "../../schedule/terms-parser/terms-reader.ts";
import type { ExistingDebt, Expense } from "../borrower-profile.ts";
import { FREQUENCIES } from "../income-frequency.ts";
import { readOptionalMoney } from "./read-amounts.ts";
import { checkUniqueNames, readName } from "./read-names.ts";

const EXPENSE_FIELDS = ["name", "amount", "frequency", "essential"];
const EXPENSE_EXAMPLE = '{"name": "rent", "amount": "1100.00", "essential": true}';
const DEBT_FIELDS = ["name", "installment", "frequency", "balance", "endsOn", "ratePercent"];
const DEBT_EXAMPLE = '{"name": "car", "installment": "250.00", "endsOn": "2027-06-30"}';

/** `expenses`: none by default. */
export function readExpenses(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
): Parsed<readonly Expense[]> {
  if (value === undefined) return [];
  const items = r.array(value, "expenses", `[${EXPENSE_EXAMPLE}]`);
  if (items === INVALID) return INVALID;
  const expenses = items.map((item, index) => readExpense(r, item, `expenses[${index}]`, currency));
  checkUniqueNames(r, items, "expenses");
  return allValid(expenses) ? expenses : INVALID;
}

function readExpense(
  r: TermsReader,
  value: unknown,
  field: string,
  currency: Parsed<Currency>,
): Parsed<Expense> {
  const fields = r.object(value, field, EXPENSE_FIELDS, EXPENSE_EXAMPLE);
  if (fields === INVALID) return INVALID;
  const expense: { readonly [K in keyof Expense]: Parsed<Expense[K]> } = {
    name: readName(r, fields.name, `${field}.name`, "rent"),
    amountMinor: r.money(fields.amount, `${field}.amount`, currency, "non-negative"),
    frequency: r.oneOf(fields.frequency, `${field}.frequency`, FREQUENCIES, "monthly"),
    // Spending not marked is counted as essential: the residual-income floor then errs on the safe side.
    essential: r.boolean(fields.essential, `${field}.essential`, true),
  };
  return allFieldsValid(expense) ? expense : INVALID;
}

/** `debts`: none by default. */
export function readDebts(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
): Parsed<readonly ExistingDebt[]> {
  if (value === undefined) return [];
  const items = r.array(value, "debts", `[${DEBT_EXAMPLE}]`);
  if (items === INVALID) return INVALID;
  const debts = items.map((item, index) => readDebt(r, item, `debts[${index}]`, currency));
  checkUniqueNames(r, items, "debts");
  return allValid(debts) ? debts : INVALID;
}

function readDebt(
  r: TermsReader,
  value: unknown,
  field: string,
  currency: Parsed<Currency>,
): Parsed<ExistingDebt> {
  const fields = r.object(value, field, DEBT_FIELDS, DEBT_EXAMPLE);
  if (fields === INVALID) return INVALID;
  const name = readName(r, fields.name, `${field}.name`, "car");
  const installmentMinor = r.money(fields.installment, `${field}.installment`, currency, "non-negative");
  const frequency = r.oneOf(fields.frequency, `${field}.frequency`, FREQUENCIES, "monthly");
  const balanceMinor = readOptionalMoney(r, fields.balance, `${field}.balance`, currency);
  const endsOn = fields.endsOn === undefined ? undefined : r.date(fields.endsOn, `${field}.endsOn`);
  const ratePercent =
    fields.ratePercent === undefined
      ? undefined
      : r.percent(fields.ratePercent, `${field}.ratePercent`, "non-negative");
  if (
    name === INVALID ||
    installmentMinor === INVALID ||
    frequency === INVALID ||
    balanceMinor === INVALID ||
    endsOn === INVALID ||
    ratePercent === INVALID
  ) {
    return INVALID;
  }
  return {
    name,
    installmentMinor,
    frequency,
    balanceMinor,
    endsOn,
    rate: ratePercent === undefined ? undefined : percentToFraction(ratePercent),
  };
}
