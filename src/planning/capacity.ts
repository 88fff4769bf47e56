// Repayment capacity (docs/reference/policy-profiles.md, "Formulas"): month by month, the most a borrower can
// pay in new installments under a policy's two limits — the ratio cap on debt service and the residual-income
// floor — keeping the stricter, with and without the stress test's income shock.
import type { DayNumber } from "../core/calendar-date.ts";
import { assert, fail } from "../core/errors.ts";
import { mulRatio, ratio, ratioFromInt, subRatio } from "../core/ratio.ts";
import type { BorrowerProfile } from "./borrower-profile.ts";
import { explainCapacity } from "./capacity-explanation.ts";
import { floorAmount, floorHasAmounts, type ResolvedFloor, resolveFloor } from "./capacity-floor.ts";
import { limits } from "./capacity-limits.ts";
import type { CapacityAssessment, MonthCapacity } from "./capacity-types.ts";
import {
  type CalendarMonth,
  calendarMonths,
  floorMinor,
  IncomeProjector,
  monthlyDebtService,
  monthlyExpenses,
} from "./income-projection.ts";
import type { PolicyProfile } from "./policy-profile.ts";

/** Longest horizon assessed: 100 years of months. */
export const MAX_CAPACITY_MONTHS = 1200;

/**
 * The capacity of `profile` under `policy` for `months` calendar months, month 0 being the one that contains
 * `fromDay` (counted whole: income paid earlier in that month counts). Per month, with I the net income, B the
 * income the ratio caps divide (gross or net, per the policy), E the essential spending, D the existing debt
 * service and F the residual floor:
 *
 *     capacity = min(⌊maxRatio·B⌋ − D, I − E − D − F)
 *
 * the comfort capacity the same with comfortRatio, and the stressed capacity the same on income × (1 − shock)
 * with stressedMaxRatio (a floor that is a share of income is recomputed on the stressed income). Income rounds
 * down and spending up. Throws INVALID_POLICY when the policy's fixed amounts are in another currency than the
 * profile (nothing is converted).
 */
export function assessCapacity(
  profile: BorrowerProfile,
  policy: PolicyProfile,
  fromDay: DayNumber,
  months: number,
): CapacityAssessment {
  assert(
    Number.isSafeInteger(months) && months >= 1 && months <= MAX_CAPACITY_MONTHS,
    `assessCapacity: months must be 1…${MAX_CAPACITY_MONTHS}, got ${months}`,
  );
  if (floorHasAmounts(policy.residualFloor) && policy.currency !== profile.currency.code) {
    fail(
      "INVALID_POLICY",
      "currency",
      policy.currency,
      `policy "${policy.id}" has its residual-income amounts in ${policy.currency ?? "no currency"} but the borrower's profile is in ${profile.currency.code}: Tenor does not convert currencies; use a policy with amounts in ${profile.currency.code} or a share-of-income floor`,
    );
  }
  const floor = resolveFloor(policy, profile);
  const spending = monthlyExpenses(profile);
  const projector = new IncomeProjector(fromDay);
  const calendar = calendarMonths(fromDay, months);
  const rows = calendar.map((month) => assessMonth(profile, policy, floor, spending, projector, month));

  let lowest = 0;
  let lowestStressed = 0;
  rows.forEach((row, index) => {
    if (row.capacityMinor < (rows[lowest] as MonthCapacity).capacityMinor) lowest = index;
    if (row.stressedCapacityMinor < (rows[lowestStressed] as MonthCapacity).stressedCapacityMinor) {
      lowestStressed = index;
    }
  });
  const first = rows[0] as MonthCapacity;
  const firstBasis = policy.incomeBasis === "gross" ? first.grossIncomeMinor : first.incomeMinor;
  const assessment = {
    currency: profile.currency.code,
    policyId: policy.id,
    months: rows,
    lowestCapacityMinor: (rows[lowest] as MonthCapacity).capacityMinor,
    lowestCapacityMonth: lowest,
    lowestStressedCapacityMinor: (rows[lowestStressed] as MonthCapacity).stressedCapacityMinor,
    currentDebtRatio:
      firstBasis > 0 ? ratio(BigInt(first.existingDebtMinor), BigInt(firstBasis)) : ratioFromInt(0),
  };
  return {
    ...assessment,
    explanation: explainCapacity(profile, policy, floor, calendar, assessment, lowestStressed),
  };
}

function assessMonth(
  profile: BorrowerProfile,
  policy: PolicyProfile,
  floor: ResolvedFloor,
  spending: { essential: number; other: number },
  projector: IncomeProjector,
  month: CalendarMonth,
): MonthCapacity {
  const income = projector.month(profile.incomes, month);
  const net = floorMinor(income.net);
  const gross = floorMinor(income.gross);
  const debt = monthlyDebtService(profile.debts, month);
  const keep = subRatio(ratioFromInt(1), policy.incomeShock);
  const stressedNet = floorMinor(mulRatio(income.net, keep));
  const stressedGross = floorMinor(mulRatio(income.gross, keep));
  const gross_ = policy.incomeBasis === "gross";
  const base = limits(policy.maxRatio, gross_ ? gross : net, net, spending.essential, debt, floor);
  const comfort = limits(policy.comfortRatio, gross_ ? gross : net, net, spending.essential, debt, floor);
  const stressed = limits(
    policy.stressedMaxRatio,
    gross_ ? stressedGross : stressedNet,
    stressedNet,
    spending.essential,
    debt,
    floor,
  );
  return {
    year: month.year,
    month: month.month,
    incomeMinor: net,
    grossIncomeMinor: gross,
    essentialExpensesMinor: spending.essential,
    otherExpensesMinor: spending.other,
    existingDebtMinor: debt,
    residualFloorMinor: floorAmount(floor, net),
    capacityMinor: base.capacity,
    binding: base.binding,
    comfortCapacityMinor: comfort.capacity,
    stressedIncomeMinor: stressedNet,
    stressedGrossIncomeMinor: stressedGross,
    stressedCapacityMinor: stressed.capacity,
    stressedBinding: stressed.binding,
  };
}
