import { type Currency, currencyByCode } from "../../core/currency.ts";
import type { Parsed, TermsReader } from "./terms-reader.ts";

/** `currency`: an ISO 4217 code, exactly as written (a lower-case code gets a hint, not a pass). */
export function readCurrency(r: TermsReader, value: unknown): Parsed<Currency> {
  const allowed = 'an ISO 4217 currency code such as "EUR"';
  if (value === undefined) return r.missing("currency", allowed);
  const currency = typeof value === "string" ? currencyByCode(value) : undefined;
  if (currency !== undefined) return currency;
  const upper = typeof value === "string" ? currencyByCode(value.toUpperCase()) : undefined;
  const hint = upper === undefined ? "" : ` (upper case: "${upper.code}")`;
  return r.report("currency", value, `must be ${allowed}${hint}`);
}
