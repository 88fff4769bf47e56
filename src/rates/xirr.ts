/**
 * XIRR: the annual rate of return of dated cash flows, compatible with Excel's XIRR.
 *
 * Excel (support.microsoft.com, "XIRR function"): Σ Pᵢ / (1 + rate)^((dᵢ − d₁)/365) = 0, where d₁ is the date of
 * the FIRST flow in the list ("The first payment date indicates the beginning of the schedule of payments. All
 * other dates must be later than this date, but they may occur in any order"), days are actual days, the year has
 * 365 days; errors (#NUM!): values without at least one positive and one negative value, a date that precedes the
 * starting date; guess defaults to 0.1.
 *
 * Tenor maps those errors to `TenorError`s: fewer than two flows → `TOO_FEW_FLOWS`; no positive or no negative
 * amount → `NO_SIGN_CHANGE`; a date before the first flow's date, a non-integer day or an amount that is not finite
 * or exceeds 10¹⁸ minor units → `INVALID_CASH_FLOWS` (every problem listed). Microsoft's implementer notes for
 * the file format (MS-OI29500 §2.1.1070) say that Office itself, unlike the standard, accepts dates before the
 * start date; `datesBeforeFirst: "allow"` does the same (times before the first date are negative; the rate is the
 * same whichever date is taken as the origin).
 *
 * Which rate, when several exist, and how it is found: see irr.ts ("Root policy").
 */
import { amountToNumber, type DatedFlow, validateFlows } from "./cash-flows.ts";
import { type RateOptions, type RateResult, solveValidFlows } from "./irr.ts";

/** Days per year of XIRR and XNPV (Excel: "discounted based on a 365-day year"). */
export const XIRR_DAYS_PER_YEAR = 365;

export interface XirrOptions extends RateOptions {
  /** "error" (default, Excel's documented #NUM!) or "allow" (what Office does) for flows dated before the first. */
  readonly datesBeforeFirst?: "error" | "allow";
}

/** The annual rate r with Σ amountᵢ·(1 + r)^(−(dayᵢ − day₀)/365) = 0, day₀ the first flow's day. */
export function xirr(flows: readonly DatedFlow[], options: XirrOptions = {}): RateResult {
  validateFlows(flows, { firstIsStart: options.datesBeforeFirst !== "allow" });
  const n = flows.length;
  const times: number[] = [];
  const amounts: number[] = [];
  const day0 = (flows[0] as DatedFlow).day;
  for (let i = 0; i < n; i++) {
    const flow = flows[i] as DatedFlow;
    times.push((flow.day - day0) / XIRR_DAYS_PER_YEAR);
    amounts.push(amountToNumber(flow.amountMinor));
  }
  return solveValidFlows(times, amounts, options, "flows");
}
