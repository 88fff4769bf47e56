import type { Currency } from "../../core/currency.ts";
import { compareRatio, mulRatio, type Ratio, ratio } from "../../core/ratio.ts";
import type { InterestTerms, LoanType, TimeUnit } from "../terms.ts";
import { MAX_ANNUAL_PERCENT } from "./limits.ts";
import { decimalText } from "./message-text.ts";
import { percentToFraction } from "./percent-to-fraction.ts";
import { TIME_UNITS } from "./read-period.ts";
import { INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

/** How many of a rate's unit make a year, for the annualized rate ceiling only. */
const PERIODS_PER_YEAR: Readonly<Record<TimeUnit, bigint>> = { year: 1n, month: 12n, week: 52n, day: 365n };

/** `interest`; a plan (`isPlan`) may leave out a percent rate, which is then derived from its tiers. */
export function readInterest(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
  loanType: Parsed<LoanType>,
  isPlan: boolean,
): Parsed<InterestTerms> {
  const field = "interest";
  const example = '{"rate": "12", "per": "year"}';
  const fields =
    value === undefined
      ? {}
      : r.object(value, field, ["rate", "kind", "per", "distribution", "dailyRounding"], example);
  if (fields === INVALID) return INVALID;
  const kind = r.oneOf(fields.kind, `${field}.kind`, ["percent", "amount"] as const, "percent");
  const per = r.oneOf(fields.per, `${field}.per`, TIME_UNITS, "year");
  const dailyBased = loanType === "annuity-daily" || loanType === "payday";
  const distribution = r.oneOf(
    fields.distribution,
    `${field}.distribution`,
    ["period", "day"] as const,
    dailyBased ? "day" : "period",
  );
  const dailyRounding = r.boolean(fields.dailyRounding, `${field}.dailyRounding`, false);
  if (dailyRounding === true && distribution === "period") {
    r.report(
      `${field}.dailyRounding`,
      true,
      'applies only with interest.distribution "day" (interest fixed per day)',
    );
  }
  const rate = readRate(r, fields.rate, { kind, per, currency, isPlan });
  if (
    kind === INVALID ||
    per === INVALID ||
    distribution === INVALID ||
    dailyRounding === INVALID ||
    rate === INVALID
  ) {
    return INVALID;
  }
  return { kind, rate, per, distribution, dailyRounding };
}

interface RateContext {
  readonly kind: Parsed<"percent" | "amount">;
  readonly per: Parsed<TimeUnit>;
  readonly currency: Parsed<Currency>;
  readonly isPlan: boolean;
}

/** A percent rate as a fraction (12 → 12/100), or an amount rate in minor units; undefined for a plan to derive. */
function readRate(r: TermsReader, value: unknown, context: RateContext): Parsed<Ratio | undefined> {
  const field = "interest.rate";
  if (value === undefined) {
    if (context.kind === INVALID) return INVALID; // which rate is missing depends on the kind, already reported
    if (context.isPlan && context.kind === "percent") return undefined; // derived from the plan's tiers
    if (context.isPlan) {
      return r.missing(field, "an amount: only a percent rate can be derived from a payment plan");
    }
    return r.missing(field, 'a percent such as "12.5" (or an amount with interest.kind "amount")');
  }
  if (context.kind === "amount") {
    const minor = r.money(value, field, context.currency, "non-negative");
    return minor === INVALID ? INVALID : ratio(BigInt(minor), 1n);
  }
  const percent = r.percent(value, field, "non-negative");
  if (percent === INVALID || context.per === INVALID) return INVALID;
  const annualPercent = mulRatio(percent, ratio(PERIODS_PER_YEAR[context.per], 1n));
  if (compareRatio(annualPercent, ratio(MAX_ANNUAL_PERCENT, 1n)) > 0) {
    const annualized =
      context.per === "year"
        ? ""
        : `; ${decimalText(percent)} % per ${context.per} is ${decimalText(annualPercent)} % a year`;
    return r.report(field, value, `must be at most ${MAX_ANNUAL_PERCENT} % a year${annualized}`);
  }
  return percentToFraction(percent);
}
