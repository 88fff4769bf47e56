import { INVALID, type Parsed, type TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import { readAmountMinor, readPercentFraction } from "../read-amounts.ts";
import { MAX_LATE_FEE_PERCENT, MAX_RATE_PERCENT } from "../servicing-limits.ts";
import type { LateFee, PastDueInterest } from "../types.ts";

const DAYS_IN_YEAR = [360, 365, 366] as const;
const BASES: readonly PastDueInterest["base"][] = ["principal", "principal-interest"];

/** `pastDueInterest`: a yearly percent charged daily on an overdue installment (§4); none when absent. */
export function readPastDueInterest(r: TermsReader, value: unknown): Parsed<PastDueInterest | undefined> {
  const field = "pastDueInterest";
  if (value === undefined) return undefined;
  const fields = r.object(value, field, ["rate", "daysInYear", "base"], '{"rate": "24"}');
  if (fields === INVALID) return INVALID;
  const rate = readPercentFraction(r, fields.rate, `${field}.rate`, "above-zero", MAX_RATE_PERCENT);
  const daysInYear = r.oneOf(fields.daysInYear, `${field}.daysInYear`, DAYS_IN_YEAR, 365);
  const base = r.oneOf(fields.base, `${field}.base`, BASES, "principal");
  if (rate === INVALID || daysInYear === INVALID || base === INVALID) return INVALID;
  return { rate, daysInYear, base };
}

/** `lateFee`: a fixed `amount` or a `percent` of the overdue principal and interest, charged once (§4). */
export function readLateFee(r: TermsReader, value: unknown, digits: number): Parsed<LateFee | undefined> {
  const field = "lateFee";
  if (value === undefined) return undefined;
  const fields = r.object(value, field, ["amount", "percent"], '{"amount": "10.00"} or {"percent": "5"}');
  if (fields === INVALID) return INVALID;
  if ((fields.amount === undefined) === (fields.percent === undefined)) {
    return r.report(
      field,
      value,
      'must give exactly one of "amount" (such as "10.00") or "percent" (such as "5")',
    );
  }
  if (fields.amount !== undefined) {
    const amountMinor = readAmountMinor(r, fields.amount, `${field}.amount`, digits, "positive");
    return amountMinor === INVALID ? INVALID : { amountMinor };
  }
  const percent = readPercentFraction(
    r,
    fields.percent,
    `${field}.percent`,
    "above-zero",
    MAX_LATE_FEE_PERCENT,
  );
  return percent === INVALID ? INVALID : { percent };
}
