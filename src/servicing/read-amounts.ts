// The amount and rate readers shared by the servicing rules and the event documents. They sit on the terms
// parser's `TermsReader` (same issue collection, same decimal-text rules) but know the loan's currency only by
// its number of minor-unit digits: the rules and events are read for a loan whose terms are already valid.
import { formatMinor, parseMoneyMinor } from "../core/money.ts";
import { compareRatio, parseDecimalRatio, type Ratio, ratio } from "../core/ratio.ts";
import { MAX_AMOUNT_MINOR } from "../schedule/terms-parser/limits.ts";
import { percentToFraction } from "../schedule/terms-parser/percent-to-fraction.ts";
import { INVALID, type Parsed, type TermsReader } from "../schedule/terms-parser/terms-reader.ts";

/**
 * An amount of money in minor units: a decimal string (or a JSON number's own decimal text) with at most
 * `digits` decimal places, greater than 0 (or 0 or more), at most 10^15 minor units.
 */
export function readAmountMinor(
  r: TermsReader,
  value: unknown,
  field: string,
  digits: number,
  sign: "positive" | "non-negative",
): Parsed<number> {
  const example = `"${formatMinor(10n * 10n ** BigInt(digits), digits)}"`;
  const allowed = `an amount ${sign === "positive" ? "greater than 0" : "of 0 or more"} such as ${example}`;
  if (value === undefined) return r.missing(field, allowed);
  const text = r.decimalText(value, field, allowed);
  if (text === INVALID) return INVALID;
  const exact = parseDecimalRatio(text);
  if (exact === undefined) return r.report(field, value, `must be ${allowed}`);
  if (sign === "positive" ? exact.num <= 0n : exact.num < 0n) {
    return r.report(field, value, sign === "positive" ? "must be greater than 0" : "must be 0 or more");
  }
  const minor = parseMoneyMinor(text, digits);
  if (minor === undefined) {
    const places = digits === 0 ? "no decimal places" : `at most ${digits} decimal places`;
    return r.report(field, value, `must have ${places}, the minor unit of the loan's currency`);
  }
  if (minor > MAX_AMOUNT_MINOR) {
    return r.report(
      field,
      value,
      `must be at most ${formatMinor(MAX_AMOUNT_MINOR, digits)} (10^15 minor units)`,
    );
  }
  // float-ok: checked ≤ 10^15 minor units above: converts exactly
  return Number(minor);
}

/**
 * A percent written as a decimal ("24" for 24 %) within `min` … `maxPercent`, returned as the fraction it
 * stands for (24/100). `min: "above-zero"` refuses 0, `"zero"` accepts it.
 */
export function readPercentFraction(
  r: TermsReader,
  value: unknown,
  field: string,
  min: "zero" | "above-zero",
  maxPercent: bigint,
): Parsed<Ratio> {
  const range = min === "zero" ? `from 0 to ${maxPercent}` : `greater than 0 and at most ${maxPercent}`;
  const allowed = `a percent ${range}, written as a decimal such as "12.5"`;
  if (value === undefined) return r.missing(field, allowed);
  const text = r.decimalText(value, field, allowed);
  if (text === INVALID) return INVALID;
  const percent = parseDecimalRatio(text);
  if (percent === undefined) return r.report(field, value, `must be ${allowed}`);
  const tooLow = min === "zero" ? percent.num < 0n : percent.num <= 0n;
  if (tooLow || compareRatio(percent, ratio(maxPercent, 1n)) > 0) {
    return r.report(field, value, `must be ${range} (a percent)`);
  }
  return percentToFraction(percent);
}
