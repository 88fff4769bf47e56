// The rate a running loan charges on a day, a year: its terms' rate, changed by the rate changes and
// reschedules (with a rate) recorded up to that day and not reversed. The refinance check compares it with the
// market; the prepayment advice with a safe return.
import type { DayNumber } from "../../core/calendar-date.ts";
import { mulRatio, type Ratio, ratio, ratioFromInt } from "../../core/ratio.ts";
import type { Terms } from "../../schedule/terms.ts";
import type { RunningLoan } from "./running-loan.ts";

/** The rate a year as a fraction, or why there is none (an amount rate is not a percent of the balance). */
export type AnnualRate = { readonly rate: Ratio } | { readonly problem: string };

export function annualRateOn(loan: RunningLoan, day: DayNumber): AnnualRate {
  const { interest } = loan.terms;
  if (interest.kind !== "percent" || interest.rate === undefined) {
    return {
      problem: "charges interest as an amount, not a percent of the balance, so it has no rate a year",
    };
  }
  const reversed = new Set<string>();
  for (const event of loan.events) if (event.type === "reversal") reversed.add(event.of);
  let rate = interest.rate;
  // A stable sort by value date keeps the insertion order within a day, as the engine applies them.
  const dated = loan.events.filter((event) => event.day <= day && !reversed.has(event.id));
  for (const event of [...dated].sort((a, b) => a.day - b.day)) {
    if (event.type === "rate-change") rate = event.rate;
    else if (event.type === "reschedule" && event.rate !== undefined) rate = event.rate;
  }
  return { rate: mulRatio(rate, unitsPerYear(loan.terms)) };
}

/**
 * How many of the rate's units make a year, as the schedule rules count them (schedule-rules.md §3): 12 months,
 * Y/7 weeks, Y days, with Y the day count's days in a year (365 for `actual`).
 */
function unitsPerYear(terms: Terms): Ratio {
  const daysInYear = terms.dayCount.daysInYear === "actual" ? 365 : terms.dayCount.daysInYear;
  switch (terms.interest.per) {
    case "year":
      return ratioFromInt(1);
    case "month":
      return ratioFromInt(12);
    case "week":
      return ratio(BigInt(daysInYear), 7n);
    case "day":
      return ratioFromInt(daysInYear);
  }
}
