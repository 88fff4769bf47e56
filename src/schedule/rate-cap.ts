// A legal cap on the disclosed effective rate (e.g. 36 % APR in many US states, 24 % annualized for Chinese
// courts' protection): terms whose rate — as disclosed, i.e. rounded as the regime rounds it — is above the cap
// are refused with the cap and the computed rate, so no such schedule can be produced.
import { fail } from "../core/errors.ts";
import { compareRatio, parseDecimalRatio, type Ratio, ratioToDecimalString } from "../core/ratio.ts";
import type { Schedule } from "./schedule.ts";
import type { ScheduleRates } from "./schedule-rates.ts";
import type { RateRegime } from "./terms.ts";

export const REGIME_NAMES = {
  "us-regz": "APR (Regulation Z)",
  "eu-aprc": "APRC (Consumer Credit Directive)",
  "cn-annualized": "annualized rate (PBoC)",
} as const;

export function checkRateCap(schedule: Schedule, rates: ScheduleRates): void {
  const cap = schedule.terms.rateCapPercent;
  if (cap !== undefined) refuseAboveCap(cap, rates.regime, rates.disclosedText, "of these terms is");
}

/**
 * Refuses a disclosed rate (as the regime rounds it: what the borrower is shown) above the cap, naming both;
 * `subject` says whose rate it is ("of these terms is", "of the product reaches"), `where` adds the loan.
 */
export function refuseAboveCap(
  cap: Ratio,
  regime: RateRegime,
  disclosedText: string,
  subject: string,
  where = "",
): void {
  if (compareRatio(parseDecimalRatio(disclosedText) as Ratio, cap) <= 0) return;
  const capText = ratioToDecimalString(cap, 2).replace(/\.?0+$/, "");
  fail(
    "RATE_CAP_EXCEEDED",
    "rateCap",
    capText,
    `is exceeded: the ${REGIME_NAMES[regime]} ${subject} ${disclosedText} %${where}, above the cap of ${capText} %`,
  );
}
