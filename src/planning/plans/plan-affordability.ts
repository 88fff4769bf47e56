// A plan's installments against the borrower's capacity, calendar month by calendar month (research §2.2 step
// 2): the burden (existing debt service + the new installments) / income, base affordability (every month
// within capacity), comfort (every month within the comfort capacity) and the stress result.
//
// The stress test: every month's installments (at the stressed rate for a variable-rate loan) within the
// capacity on income reduced by the policy's shock — "pass". Failing that, research §2.2 step 2b's robust rule
// (a budget of uncertainty, Bertsimas & Sim): the shock is assumed to hit at most STRESS_MONTHS months at once,
// and the plan still passes — "pass-with-savings" — when SAVINGS_SHARE of the borrower's liquid savings covers
// the sum of the STRESS_MONTHS largest stressed shortfalls. Otherwise "fail".
//
// Seasonal income (a stream with seasonality, or paid quarterly, half-yearly or yearly) is judged differently: a
// farmer's January has no income, and no plan can be "within January's capacity" — the household lives on what
// the harvest months left. So for such a borrower what is not used of a month's capacity carries forward, as
// savings would (Shonchoy & Kurosaki 2014: seasonality-adjusted repayment did not raise default). The plan is
// affordable when a running balance — starting from SAVINGS_SHARE of liquid savings, adding each month's capacity
// and taking its installments — never goes below zero; comfortable when the same walk on the comfort capacity,
// starting from nothing, never does; and it passes the stress test when the walk on the stressed capacity never
// does without savings ("pass") or with them ("pass-with-savings"). A month whose capacity is negative (spending
// above income) draws on the balance whether or not an installment falls in it: that is the household's own
// deficit, and what it has set aside must cover it.

import { type Ratio, ratio } from "../../core/ratio.ts";
import { roundDivBig, toSafeNumber } from "../../core/rounding.ts";
import type { BorrowerProfile } from "../borrower-profile.ts";
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
  /** Seasonal income: unused capacity carried forward from month to month (see the file's header). */
  readonly carriedOver: boolean;
}

/** Whether a borrower's income is seasonal enough for unused capacity to carry forward (see the file's header). */
export function hasSeasonalIncome(profile: BorrowerProfile): boolean {
  return profile.incomes.some(
    (stream) =>
      stream.seasonality !== undefined ||
      stream.frequency === "quarterly" ||
      stream.frequency === "semi-annual" ||
      stream.frequency === "yearly",
  );
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
  carryOver = false,
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
  if (carryOver && last >= 0) {
    const months = capacity.months.slice(0, last + 1);
    const base = walk(
      months.map((row, t) => row.capacityMinor - (loads[t] ?? 0)),
      savingsBudgetMinor,
    );
    const comfort = walk(
      months.map((row, t) => row.comfortCapacityMinor - (loads[t] ?? 0)),
      0,
    );
    const stressedOwn = walk(
      months.map((row, t) => row.stressedCapacityMinor - (stressedLoads[t] ?? 0)),
      0,
    );
    const stressedSaved = walk(
      months.map((row, t) => row.stressedCapacityMinor - (stressedLoads[t] ?? 0)),
      savingsBudgetMinor,
    );
    return {
      paymentMonths,
      peakBurden: noIncome ? undefined : peak,
      peakBurdenMonth: peakMonth,
      averageBurden: averageBurden(loads, capacity, policy, first, last),
      peakStressedBurden: noIncome ? undefined : peakStressed,
      monthsOverComfort: comfort.length,
      affordable: base.length === 0,
      shortfalls: base.sort(byAmount).slice(0, 3),
      shortfallMonths: base.length,
      stress: stressedOwn.length === 0 ? "pass" : stressedSaved.length === 0 ? "pass-with-savings" : "fail",
      stressShortfalls: stressedSaved.sort(byAmount).slice(0, 3),
      stressShortfallMonths: stressedSaved.length,
      stressGapMinor: Math.max(0, ...stressedOwn.map((s) => s.amountMinor)),
      savingsBudgetMinor,
      minSlack,
      carriedOver: true,
    };
  }
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
    carriedOver: false,
  };
}

/**
 * The months in which a running balance, starting at `startMinor` and adding each month's net (capacity less
 * installments), is below zero, with how far below: the deficits a carried-forward budget cannot cover.
 */
function walk(nets: readonly number[], startMinor: number): MonthShortfall[] {
  const deficits: MonthShortfall[] = [];
  let balance = startMinor;
  nets.forEach((net, month) => {
    balance += net;
    if (balance < 0) deficits.push({ month, amountMinor: -balance });
  });
  return deficits;
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
