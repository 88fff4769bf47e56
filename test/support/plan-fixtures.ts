// Fixtures shared by the tests of src/planning/plans/: a loan request from a few fields, a profile, and a
// capacity vector written by hand (so a test can state exactly what the borrower can carry each month).
import { civilFromDay, parseIsoDate } from "../../src/core/calendar-date.ts";
import { ratioFromInt } from "../../src/core/ratio.ts";
import type { BorrowerProfile } from "../../src/planning/borrower-profile.ts";
import type { CapacityAssessment, MonthCapacity } from "../../src/planning/capacity-types.ts";
import { parseBorrowerProfile } from "../../src/planning/parse-borrower-profile.ts";
import type { PlanContext } from "../../src/planning/plans/evaluate-plan.ts";
import { parsePlanRequest } from "../../src/planning/plans/parse-plan-request.ts";
import type { PlanRequest } from "../../src/planning/plans/plan-request.ts";
import type { PolicyProfile } from "../../src/planning/policy-profile.ts";
import { resolvePolicy } from "../../src/planning/policy-registry.ts";

export const day = (text: string): number => {
  const parsed = parseIsoDate(text);
  if (parsed === undefined) throw new Error(`bad date ${text}`);
  return parsed;
};

/** A request document: EUR, 12 % a year fixed, monthly annuity, 3–60 months, with `overrides` merged in. */
export function requestDocument(
  overrides: Record<string, unknown> = {},
  product: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    amount: "1200.00",
    currency: "EUR",
    startDate: "2025-01-15",
    ...overrides,
    product: {
      loanTypes: ["annuity"],
      periods: ["monthly"],
      term: { minMonths: 3, maxMonths: 60 },
      interest: { ratePercent: "12" },
      ...product,
    },
  };
}

export function requestOf(
  overrides: Record<string, unknown> = {},
  product: Record<string, unknown> = {},
): PlanRequest {
  return parsePlanRequest(requestDocument(overrides, product), "EUR");
}

/** A salaried borrower paid monthly on the 25th: `net` a month, `rent` essential, `savings` liquid. */
export function salariedProfile(net = "3000.00", rent = "1000.00", savings = "0.00"): BorrowerProfile {
  return parseBorrowerProfile({
    currency: "EUR",
    incomes: [{ name: "salary", amount: net, frequency: "monthly", payDate: "2025-01-25" }],
    expenses: [{ name: "rent", amount: rent, frequency: "monthly", essential: true }],
    liquidSavings: savings,
  });
}

export function defaultPolicy(overrides: Partial<PolicyProfile> = {}): PolicyProfile {
  return { ...resolvePolicy("default"), ...overrides };
}

/**
 * A capacity assessment written by hand: `count` months from the month of `from`, each with `income` and the
 * given capacities, except where `byMonth` (by month index) says otherwise. No existing debt, net = gross.
 */
export function handCapacity(
  from: string,
  count: number,
  base: { income: number; capacity: number; comfort: number; stressed: number },
  byMonth: Readonly<
    Record<number, Partial<{ capacity: number; comfort: number; stressed: number; income: number }>>
  > = {},
): CapacityAssessment {
  const start = civilFromDay(day(from));
  const months: MonthCapacity[] = [];
  for (let k = 0; k < count; k++) {
    const index = start.year * 12 + start.month - 1 + k;
    const row = { ...base, ...byMonth[k] };
    months.push({
      year: Math.floor(index / 12),
      month: (index % 12) + 1,
      incomeMinor: row.income,
      grossIncomeMinor: row.income,
      essentialExpensesMinor: 0,
      otherExpensesMinor: 0,
      existingDebtMinor: 0,
      residualFloorMinor: 0,
      capacityMinor: row.capacity,
      binding: "ratio",
      comfortCapacityMinor: row.comfort,
      stressedIncomeMinor: row.income,
      stressedGrossIncomeMinor: row.income,
      stressedCapacityMinor: row.stressed,
      stressedBinding: "ratio",
    });
  }
  return {
    currency: "EUR",
    policyId: "default",
    months,
    lowestCapacityMinor: Math.min(...months.map((m) => m.capacityMinor)),
    lowestCapacityMonth: 0,
    lowestStressedCapacityMinor: Math.min(...months.map((m) => m.stressedCapacityMinor)),
    currentDebtRatio: ratioFromInt(0),
    explanation: ["a capacity vector written by hand for a test"],
  };
}

export function contextOf(
  request: PlanRequest,
  capacity: CapacityAssessment,
  profile: BorrowerProfile = salariedProfile(),
  policy: PolicyProfile = defaultPolicy(),
): PlanContext {
  return { request, profile, policy, capacity, score: undefined };
}
