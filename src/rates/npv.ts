/**
 * Net present values, as Excel defines them (support.microsoft.com, "NPV function" and "XNPV function"):
 * - NPV(rate, values) = Σ valuesᵢ / (1 + rate)^i for i = 1…n: the first value is discounted by one full period
 *   (Excel: "The NPV investment begins one period before the date of the value1 cash flow").
 * - XNPV(rate, flows) = Σ Pᵢ / (1 + rate)^((dᵢ − d₁)/365), d₁ the date of the first flow in the list.
 * Discount factors are computed as exp(−t·ln(1 + rate)). Amounts and results are floats in the flows' unit.
 *
 * Errors: rate not a finite number above −1 → `INVALID_ARGUMENT`; no values → `TOO_FEW_FLOWS`; an amount not
 * finite or above 10¹⁸ in size, or (XNPV, unless `datesBeforeFirst: "allow"`) a date before the first →
 * `INVALID_CASH_FLOWS`. Unlike IRR, present values need no particular signs.
 */
import { fail } from "../core/errors.ts";
import { amountToNumber, type DatedFlow, validateFlows, validateValues } from "./cash-flows.ts";
import { XIRR_DAYS_PER_YEAR } from "./xirr.ts";

/** Excel's NPV: values at the end of periods 1, 2, …, n, discounted at `rate` per period. */
export function npv(rate: number, values: readonly number[]): number {
  const logFactor = checkRate(rate);
  validateValues(values, "values", false);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] as number) * Math.exp(-(i + 1) * logFactor);
  return sum;
}

/** Excel's XNPV: dated flows discounted at the annual `rate` over actual days / 365 from the first flow's date. */
export function xnpv(
  rate: number,
  flows: readonly DatedFlow[],
  options: { readonly datesBeforeFirst?: "error" | "allow" } = {},
): number {
  const logFactor = checkRate(rate);
  validateFlows(flows, { firstIsStart: options.datesBeforeFirst !== "allow", forRate: false });
  const day0 = (flows[0] as DatedFlow).day;
  let sum = 0;
  for (const flow of flows) {
    const years = (flow.day - day0) / XIRR_DAYS_PER_YEAR;
    sum += amountToNumber(flow.amountMinor) * Math.exp(-years * logFactor);
  }
  return sum;
}

/** ln(1 + rate), after checking that the rate is a finite number above −1. */
function checkRate(rate: number): number {
  if (!Number.isFinite(rate) || rate <= -1) {
    fail("INVALID_ARGUMENT", "rate", String(rate), "must be a finite rate above −1 (−100 %)");
  }
  return Math.log1p(rate);
}
