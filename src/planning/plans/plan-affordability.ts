// A plan's installments against the borrower's capacity, calendar month by calendar month (research §2.2 step
// 2): the burden (existing debt service + the new installments) / income, base affordability (every month
// within capacity), comfort (every month within the comfort capacity) and the stress result.
//
// The stress test: every month's installments (at the stressed rate for a variable-rate loan) within the
// capacity on income reduced by the policy's shock — "pass". Failing that, research §2.2 step 2b's robust rule
// (a budget of uncertainty, Bertsimas & Sim): the shock is assumed to hit at most STRESS_MONTHS months at once,
// and the plan still passes — "pass-with-savings" — when SAVINGS_SHARE of the borrower's liquid savings covers
// the sum of the STRESS_MONTHS largest stressed shortfalls. Otherwise "fail".
import { type Ratio, ratio } from "../../core/ratio.ts";
import { roundDivBig, toSafeNumber } from "../../core/rounding.ts";
import type { CapacityAssessment, MonthCapacity } from "../capacity-types.ts";
import type { PolicyProfile } from "../policy-profile.ts";

/** Γ: months of income shock the savings must carry at once. */
export const STRESS_MONTHS = 6;
/** β: the share of liquid savings the borrower may be expected to draw on. */
export const SAVINGS_SHARE = ratio(1n, 2n);

export type StressResult = "pass" | "pass-with-savings" | "fail";

export interface MonthShortfall {
  /** Index into the capacity's months. */
  readonly month: number;
  readonly amountMinor: number;
}

export interface Affordability {
  /** Months (of the capacity assessment) with an installment due. */
  readonly paymentMonths: number;
  /** Largest (existing + new) / income over the months with an installment; undefined when such a month has no income. */
  readonly peakBurden: Ratio | undefined;
  readonly peakBurdenMonth: number;
  /** Σ (existing + new) / Σ income over the months from the first to the last installment. */
  readonly averageBurden: Ratio | undefined;
  /** The same peak with the stressed installments on the stressed income. */
  readonly peakStressedBurden: Ratio | undefined;
  readonly monthsOverComfort: number;
  /** Every month's installments within its capacity. */
  readonly affordable: boolean;
  /** Months whose installments exceed the capacity, largest first (at most 3 kept). */
  readonly shortfalls: readonly MonthShortfall[];
  readonly shortfallMonths: number;
  readonly stress: StressResult;
  readonly stressShortfalls: readonly MonthShortfall[];
  readonly stressShortfallMonths: number;
  /** Σ of the STRESS_MONTHS largest stressed shortfalls, and what the savings may cover. */
  readonly stressGapMinor: number;
  readonly savingsBudgetMinor: number;
  /** min over the payment months of (stressed capacity − stressed installments) / income (a tie-break). */
  readonly minSlack: Ratio | undefined;
}

/**
 * `loads[t]` and `stressedLoads[t]` are the new installments due in capacity month t (base and stressed rate).
 * The arrays have one entry per capacity month.
 */
export function assessAffordability(
  loads: readonly number[],
  stressedLoads: readonly number[],
  capacity: CapacityAssessment,
  policy: PolicyProfile,
  liquidSavingsMinor: number,
): Affordability {
  let paymentMonths = 0;
  let peak: Ratio | undefined;
  let peakMonth = -1;
  let peakStressed: Ratio | undefined;
  let noIncome = false;
  let overComfort = 0;
  let minSlack: Ratio | undefined;
  let first = -1;
  let last = -1;
  const shortfalls: MonthShortfall[] = [];
  const stressShortfalls: MonthShortfall[] = [];
  capacity.months.forEach((row, t) => {
    const load = loads[t] ?? 0;
    const stressedLoad = stressedLoads[t] ?? 0;
    if (load === 0 && stressedLoad === 0) return;
    paymentMonths += 1;
    if (first < 0) first = t;
    last = t;
    const basis = basisIncome(row, policy);
    if (basis <= 0) noIncome = true;
    else {
      const burden = ratio(BigInt(row.existingDebtMinor + load), BigInt(basis));
      if (peak === undefined || greater(burden, peak)) {
        peak = burden;
        peakMonth = t;
      }
      const stressedBasis =
        policy.incomeBasis === "gross" ? row.stressedGrossIncomeMinor : row.stressedIncomeMinor;
      if (stressedBasis > 0) {
        const stressedBurden = ratio(BigInt(row.existingDebtMinor + stressedLoad), BigInt(stressedBasis));
        if (peakStressed === undefined || greater(stressedBurden, peakStressed))
          peakStressed = stressedBurden;
      }
    }
    // Only months with an installment of this plan can be short because of it.
    if (load > 0 && load > row.comfortCapacityMinor) overComfort += 1;
    if (load > 0 && load > row.capacityMinor)
      shortfalls.push({ month: t, amountMinor: load - row.capacityMinor });
    if (stressedLoad > 0 && stressedLoad > row.stressedCapacityMinor)
      stressShortfalls.push({ month: t, amountMinor: stressedLoad - row.stressedCapacityMinor });
    if (row.incomeMinor > 0) {
      const slack = ratio(BigInt(row.stressedCapacityMinor - stressedLoad), BigInt(row.incomeMinor));
      if (minSlack === undefined || greater(minSlack, slack)) minSlack = slack;
    }
  });
  const byAmount = (a: MonthShortfall, b: MonthShortfall) =>
    b.amountMinor - a.amountMinor || a.month - b.month;
  shortfalls.sort(byAmount);
  stressShortfalls.sort(byAmount);
  const stressGapMinor = stressShortfalls.slice(0, STRESS_MONTHS).reduce((sum, s) => sum + s.amountMinor, 0);
  const savingsBudgetMinor = toSafeNumber(
    roundDivBig(BigInt(liquidSavingsMinor) * SAVINGS_SHARE.num, SAVINGS_SHARE.den, "floor"),
  );
  const stress: StressResult =
    stressShortfalls.length === 0
      ? "pass"
      : stressGapMinor <= savingsBudgetMinor
        ? "pass-with-savings"
        : "fail";
  return {
    paymentMonths,
    peakBurden: noIncome ? undefined : peak,
    peakBurdenMonth: peakMonth,
    averageBurden: averageBurden(loads, capacity, policy, first, last),
    peakStressedBurden: noIncome ? undefined : peakStressed,
    monthsOverComfort: overComfort,
    affordable: shortfalls.length === 0,
    shortfalls: shortfalls.slice(0, 3),
    shortfallMonths: shortfalls.length,
    stress,
    stressShortfalls: stressShortfalls.slice(0, 3),
    stressShortfallMonths: stressShortfalls.length,
    stressGapMinor,
    savingsBudgetMinor,
    minSlack,
  };
}

/** The income the policy's ratio caps divide: gross or net. */
export function basisIncome(row: MonthCapacity, policy: PolicyProfile): number {
  return policy.incomeBasis === "gross" ? row.grossIncomeMinor : row.incomeMinor;
}

function averageBurden(
  loads: readonly number[],
  capacity: CapacityAssessment,
  policy: PolicyProfile,
  first: number,
  last: number,
): Ratio | undefined {
  if (first < 0) return undefined;
  let debt = 0n;
  let income = 0n;
  for (let t = first; t <= last; t++) {
    const row = capacity.months[t] as MonthCapacity;
    debt += BigInt(row.existingDebtMinor + (loads[t] ?? 0));
    income += BigInt(basisIncome(row, policy));
  }
  return income === 0n ? undefined : ratio(debt, income);
}

function greater(a: Ratio, b: Ratio): boolean {
  return a.num * b.den > b.num * a.den;
}
