// `incomes[]` of the borrower profile: each stream's amount, pay dates, seasonality, growth and end.
import { civilFromDay, type DayNumber, daysInMonth } from "../../core/calendar-date.ts";
import type { Currency } from "../../core/currency.ts";
import { addRatio, divRatio, mulRatio, type Ratio, ratio, ratioFromInt } from "../../core/ratio.ts";
import { percentToFraction } from "../../schedule/terms-parser/percent-to-fraction.ts";
import {
  allValid,
  INVALID,
  type Parsed,
  type TermsReader,
} from "../../schedule/terms-parser/terms-reader.ts";
import type { Frequency, IncomeStream } from "../borrower-profile.ts";
import { FREQUENCIES } from "../income-frequency.ts";
import { readNonNegativeDecimal, readOptionalMoney } from "./read-amounts.ts";
import { checkUniqueNames, readName } from "./read-names.ts";

const INCOME_FIELDS = [
  "name",
  "amount",
  "gross",
  "frequency",
  "payDate",
  "payDaysOfMonth",
  "seasonality",
  "growthPercent",
  "endsOn",
];
const INCOME_EXAMPLE = '{"name": "salary", "amount": "3200.00", "payDate": "2026-01-25"}';

/** `incomes`: required, possibly empty (a profile without income has no capacity, which is an answer too). */
export function readIncomes(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
): Parsed<readonly IncomeStream[]> {
  const items = r.array(value, "incomes", `[${INCOME_EXAMPLE}] (or [] for none)`);
  if (items === INVALID) return INVALID;
  const incomes = items.map((item, index) => readIncome(r, item, `incomes[${index}]`, currency));
  checkUniqueNames(r, items, "incomes");
  return allValid(incomes) ? incomes : INVALID;
}

function readIncome(
  r: TermsReader,
  value: unknown,
  field: string,
  currency: Parsed<Currency>,
): Parsed<IncomeStream> {
  const fields = r.object(value, field, INCOME_FIELDS, INCOME_EXAMPLE);
  if (fields === INVALID) return INVALID;
  const name = readName(r, fields.name, `${field}.name`, "salary");
  const amountMinor = r.money(fields.amount, `${field}.amount`, currency, "positive");
  const grossAmountMinor = readOptionalMoney(r, fields.gross, `${field}.gross`, currency);
  if (
    typeof amountMinor === "number" &&
    typeof grossAmountMinor === "number" &&
    grossAmountMinor < amountMinor
  ) {
    r.report(`${field}.gross`, fields.gross, `must be at least the net amount ${String(fields.amount)}`);
  }
  const frequency = r.oneOf(fields.frequency, `${field}.frequency`, FREQUENCIES, "monthly");
  const payDay = r.date(fields.payDate, `${field}.payDate`);
  const payDaysOfMonth = readPayDaysOfMonth(r, fields.payDaysOfMonth, field, frequency, payDay);
  const seasonality = readSeasonality(r, fields.seasonality, `${field}.seasonality`);
  const growthPercent =
    fields.growthPercent === undefined
      ? ratioFromInt(0)
      : r.percent(fields.growthPercent, `${field}.growthPercent`, "above-minus-100");
  const endsOn = fields.endsOn === undefined ? undefined : r.date(fields.endsOn, `${field}.endsOn`);
  if (typeof endsOn === "number" && typeof payDay === "number" && endsOn < payDay) {
    r.report(`${field}.endsOn`, fields.endsOn, `must be on or after payDate ${String(fields.payDate)}`);
  }
  if (
    name === INVALID ||
    amountMinor === INVALID ||
    grossAmountMinor === INVALID ||
    frequency === INVALID ||
    payDay === INVALID ||
    payDaysOfMonth === INVALID ||
    seasonality === INVALID ||
    growthPercent === INVALID ||
    endsOn === INVALID
  ) {
    return INVALID;
  }
  return {
    name,
    amountMinor,
    grossAmountMinor,
    frequency,
    payDay,
    payDaysOfMonth,
    seasonality,
    growthPerYear: percentToFraction(growthPercent),
    endsOn,
  };
}

/**
 * `payDaysOfMonth`: semi-monthly two different days, monthly one day, each 1–31 (a day past the month's end
 * is its last day); the pay date must fall on one of them.
 */
function readPayDaysOfMonth(
  r: TermsReader,
  value: unknown,
  income: string,
  frequency: Parsed<Frequency>,
  payDay: Parsed<DayNumber>,
): Parsed<readonly number[] | undefined> {
  if (value === undefined) return undefined;
  const field = `${income}.payDaysOfMonth`;
  if (frequency !== "semi-monthly" && frequency !== "monthly") {
    return r.report(field, value, 'applies only to frequency "semi-monthly" or "monthly"');
  }
  const count = frequency === "semi-monthly" ? 2 : 1;
  const example = frequency === "semi-monthly" ? "[15, 31]" : "[31]";
  const items = r.array(value, field, example);
  if (items === INVALID) return INVALID;
  if (items.length !== count) {
    return r.report(
      field,
      value,
      `must list exactly ${count} day${count > 1 ? "s" : ""} of the month such as ${example}`,
    );
  }
  const read: readonly Parsed<number>[] = items.map((item, index) =>
    r.integer(item, `${field}[${index}]`, 1, 31),
  );
  if (!allValid(read)) return INVALID;
  const days: readonly number[] = read;
  if (days.length === 2 && (days[0] as number) >= (days[1] as number)) {
    return r.report(field, value, `must list two different days in increasing order such as ${example}`);
  }
  if (payDay === INVALID) return days;
  const { year, month, day } = civilFromDay(payDay);
  const length = daysInMonth(year, month);
  if (!days.some((listed) => Math.min(listed, length) === day)) {
    return r.report(
      `${income}.payDate`,
      day,
      `must fall on one of payDaysOfMonth ${JSON.stringify(days)} (a day past the month's end is its last day)`,
    );
  }
  return days;
}

/**
 * `seasonality`: twelve multipliers of 0 or more, January first, not all 0. They are normalised to a mean of
 * exactly 1 (each × 12 / their sum), so [2, 2, 1, …] and [1, 1, 0.5, …] mean the same shape; the yearly income
 * stays amount × payments per year.
 */
function readSeasonality(
  r: TermsReader,
  value: unknown,
  field: string,
): Parsed<readonly Ratio[] | undefined> {
  if (value === undefined) return undefined;
  const example = '["0.5", "0.5", "1", "1", "1", "1.5", "1.5", "1", "1", "1", "1", "1"]';
  const items = r.array(value, field, example);
  if (items === INVALID) return INVALID;
  if (items.length !== 12) {
    return r.report(field, value, `must have 12 values, January to December, such as ${example}`);
  }
  const read: readonly Parsed<Ratio>[] = items.map((item, index) =>
    readNonNegativeDecimal(r, item, `${field}[${index}]`),
  );
  if (!allValid(read)) return INVALID;
  const weights: readonly Ratio[] = read;
  const sum = weights.reduce(addRatio, ratioFromInt(0));
  if (sum.num === 0n) return r.report(field, value, "must not be all 0: some month must have income");
  const scale = divRatio(ratio(12n, 1n), sum);
  return weights.map((weight) => mulRatio(weight, scale));
}
