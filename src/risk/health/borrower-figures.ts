// The borrower's side of the improved health score (docs/reference/health-score.md, "Facts taken from the
// borrower"): the capacity assessment (src/planning/capacity.ts) over the 12 calendar months from the as-of
// date's month, with this loan's installments due in each month added to the existing debts, averaged into the
// monthly figures the affordability and buffer components read. Income rounds down and spending up, as in the
// capacity assessment, so that rounding never makes a borrower look better off.
import { type DayNumber, dayFromCivil, daysInMonth } from "../../core/calendar-date.ts";
import { roundDivBig, toSafeNumber } from "../../core/rounding.ts";
import type { BorrowerProfile } from "../../planning/borrower-profile.ts";
import { assessCapacity } from "../../planning/capacity.ts";
import type { PolicyProfile } from "../../planning/policy-profile.ts";
import type { LoanState } from "../../servicing/types.ts";
import type { AffordabilityFacts, BufferFacts } from "./health-facts.ts";
import { scheduledTotal } from "./loan-readings.ts";

/** Months averaged: a year, so that quarterly pay, seasonal income and a loan ending soon all show. */
export const HEALTH_HORIZON_MONTHS = 12;

export interface BorrowerFigures {
  /** Undefined when the profile has no income over the horizon (affordability is then "not assessed"). */
  readonly affordability: AffordabilityFacts | undefined;
  readonly buffer: BufferFacts;
}

/**
 * `state` is the loan on the as-of date; `stressedState` the same loan with the stress test's rate rise applied
 * from the as-of date (the same state for a fixed rate).
 */
export function borrowerFigures(
  profile: BorrowerProfile,
  policy: PolicyProfile,
  asOfDay: DayNumber,
  state: LoanState,
  stressedState: LoanState,
): BorrowerFigures {
  const capacity = assessCapacity(profile, policy, asOfDay, HEALTH_HORIZON_MONTHS);
  const gross = policy.incomeBasis === "gross";
  const totals = {
    net: 0n,
    basis: 0n,
    stressedBasis: 0n,
    essential: 0n,
    existing: 0n,
    loan: 0n,
    stressedLoan: 0n,
    floor: 0n,
  };
  for (const month of capacity.months) {
    const first = dayFromCivil(month.year, month.month, 1);
    const last = first + daysInMonth(month.year, month.month) - 1;
    totals.net += BigInt(month.incomeMinor);
    totals.basis += BigInt(gross ? month.grossIncomeMinor : month.incomeMinor);
    totals.stressedBasis += BigInt(gross ? month.stressedGrossIncomeMinor : month.stressedIncomeMinor);
    totals.essential += BigInt(month.essentialExpensesMinor);
    totals.existing += BigInt(month.existingDebtMinor);
    totals.floor += BigInt(month.residualFloorMinor);
    totals.loan += BigInt(dueBetween(state, first, last));
    totals.stressedLoan += BigInt(dueBetween(stressedState, first, last));
  }
  const months = BigInt(HEALTH_HORIZON_MONTHS);
  const down = (total: bigint) => toSafeNumber(roundDivBig(total, months, "floor"));
  const up = (total: bigint) => toSafeNumber(roundDivBig(total, months, "ceiling"));
  const debtService = up(totals.existing + totals.loan);
  const buffer: BufferFacts = {
    liquidSavingsMinor: profile.liquidSavingsMinor,
    monthlyOutgoingsMinor: up(totals.essential + totals.existing + totals.loan),
  };
  const affordability: AffordabilityFacts | undefined =
    totals.basis <= 0n
      ? undefined
      : {
          incomeMinor: down(totals.basis),
          debtServiceMinor: debtService,
          stressedIncomeMinor: down(totals.stressedBasis),
          stressedDebtServiceMinor: up(totals.existing + totals.stressedLoan),
          residualMinor: down(totals.net - totals.essential - totals.existing - totals.loan),
          residualFloorMinor: up(totals.floor),
          maxRatio: policy.maxRatio,
          stressedMaxRatio: policy.stressedMaxRatio,
        };
  return { affordability, buffer };
}

/** What the loan's installments due from `first` to `last` ask for (principal, interest and fees as scheduled). */
function dueBetween(state: LoanState, first: DayNumber, last: DayNumber): number {
  let total = 0;
  for (const inst of state.installments) {
    if (inst.dueDay >= first && inst.dueDay <= last) total += scheduledTotal(inst);
  }
  return total;
}
