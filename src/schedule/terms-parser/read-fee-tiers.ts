import type { Currency } from "../../core/currency.ts";
import type { FeeTier, FeeValue } from "../terms.ts";
import { MAX_INSTALLMENTS } from "./limits.ts";
import { percentToFraction } from "./percent-to-fraction.ts";
import { readTiers } from "./read-tiers.ts";
import { type Fields, INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

const FEE_VALUE_FIELDS = ["amount", "percent", "tiers"] as const;

/** The fee's tiers; a fee with a single amount or percent gets one tier covering every installment. */
export function readFeeTiers(
  r: TermsReader,
  fields: Fields,
  field: string,
  currency: Parsed<Currency>,
  installmentCount: Parsed<number>,
): Parsed<readonly FeeTier[]> {
  const given = FEE_VALUE_FIELDS.filter((key) => fields[key] !== undefined);
  if (given.length !== 1) {
    return r.report(
      field,
      { ...fields },
      `must have exactly one of "amount", "percent" or "tiers"${given.length > 1 ? ` (got ${given.join(", ")})` : ""}`,
    );
  }
  if (fields.tiers === undefined) {
    const value = readFeeValue(r, fields, field, currency);
    if (value === INVALID || installmentCount === INVALID) return INVALID;
    return [{ from: 1, to: installmentCount, value }];
  }
  const limit =
    installmentCount === INVALID
      ? { value: MAX_INSTALLMENTS, label: `${MAX_INSTALLMENTS}` }
      : { value: installmentCount, label: `installments (${installmentCount})` };
  const tiers = readTiers(r, fields.tiers, {
    field: `${field}.tiers`,
    valueKeys: ["amount", "percent"],
    example: '{"from": 1, "to": 6, "amount": "5.00"}',
    limit,
    contiguousFromOne: false,
    readValue: (tierFields, tierField) => {
      if ((tierFields.amount === undefined) === (tierFields.percent === undefined)) {
        return r.report(tierField, { ...tierFields }, 'must have exactly one of "amount" or "percent"');
      }
      return readFeeValue(r, tierFields, tierField, currency);
    },
  });
  return tiers;
}

/** `amount` (money ≥ 0) or `percent` (≥ 0, of the fee's base), whichever `fields` has. */
function readFeeValue(
  r: TermsReader,
  fields: Fields,
  field: string,
  currency: Parsed<Currency>,
): Parsed<FeeValue> {
  if (fields.amount !== undefined) {
    const amountMinor = r.money(fields.amount, `${field}.amount`, currency, "non-negative");
    return amountMinor === INVALID ? INVALID : { amountMinor };
  }
  const percent = r.percent(fields.percent, `${field}.percent`, "non-negative");
  return percent === INVALID ? INVALID : { percent: percentToFraction(percent) };
}
