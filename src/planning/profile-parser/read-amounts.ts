// Decimal readers of the profile beyond money: non-negative multipliers (seasonality) and optional amounts.
import type { Currency } from "../../core/currency.ts";
import { parseDecimalRatio, type Ratio } from "../../core/ratio.ts";
import { INVALID, type Parsed, type TermsReader } from "../../schedule/terms-parser/terms-reader.ts";

/** A decimal of 0 or more, as a string or a JSON number ("1.25", 0.5). */
export function readNonNegativeDecimal(r: TermsReader, value: unknown, field: string): Parsed<Ratio> {
  const allowed = 'a decimal number of 0 or more such as "1.25"';
  if (value === undefined) return r.missing(field, allowed);
  const text = r.decimalText(value, field, allowed);
  if (text === INVALID) return INVALID;
  const exact = parseDecimalRatio(text);
  if (exact === undefined) return r.report(field, value, `must be ${allowed}`);
  if (exact.num < 0n) return r.report(field, value, "must be 0 or more");
  return exact;
}

/** An amount of 0 or more, or undefined when absent. */
export function readOptionalMoney(
  r: TermsReader,
  value: unknown,
  field: string,
  currency: Parsed<Currency>,
): Parsed<number | undefined> {
  return value === undefined ? undefined : r.money(value, field, currency, "non-negative");
}
