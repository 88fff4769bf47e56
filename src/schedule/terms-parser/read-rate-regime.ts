import type { Currency } from "../../core/currency.ts";
import { isZeroRatio, type Ratio } from "../../core/ratio.ts";
import type { RateRegime } from "../terms.ts";
import { INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

const RATE_REGIMES: readonly RateRegime[] = ["us-regz", "eu-aprc", "cn-annualized"];

/**
 * `rateRegime`: which effective rate the schedule discloses. Without one, the currency decides — the regime a
 * lender in that currency most likely answers to: USD → Reg Z APR, CNY → China's annualized rate, others → the
 * EU APRC. Say it explicitly when that guess is wrong.
 */
export function readRateRegime(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
): Parsed<RateRegime> {
  const byCurrency: RateRegime =
    currency !== INVALID && currency.code === "USD"
      ? "us-regz"
      : currency !== INVALID && currency.code === "CNY"
        ? "cn-annualized"
        : "eu-aprc";
  return r.oneOf(value, "rateRegime", RATE_REGIMES, byCurrency);
}

/** `rateCap`: a legal cap on the regime's rate, in percent ("36" for a 36 % APR cap); none by default. */
export function readRateCap(r: TermsReader, value: unknown): Parsed<Ratio | undefined> {
  if (value === undefined) return undefined;
  const cap = r.percent(value, "rateCap", "non-negative");
  if (cap === INVALID) return INVALID;
  if (isZeroRatio(cap)) return r.report("rateCap", value, 'must be above 0, such as "36"');
  return cap;
}
