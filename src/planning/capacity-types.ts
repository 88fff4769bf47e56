// What a borrower can carry, month by month (docs/concepts/personalized-plans.md, "Capacity"). `assessCapacity`
// (capacity.ts) projects the profile's income, expenses and existing debts over calendar months and applies the
// policy's two limits — the ratio cap and the residual-income floor — keeping the stricter, with and without the
// stress test. All amounts are integer minor units of the profile's currency.
import type { Ratio } from "../core/ratio.ts";

/** Which limit set a month's capacity (on a tie, "ratio"). */
export type BindingLimit = "ratio" | "residual";

export interface MonthCapacity {
  readonly year: number;
  /** 1 … 12. */
  readonly month: number;
  /** Net income paid in this month (pay dates falling in it, with seasonality and growth). */
  readonly incomeMinor: number;
  /** Gross income paid in this month (net where no gross is given). */
  readonly grossIncomeMinor: number;
  readonly essentialExpensesMinor: number;
  readonly otherExpensesMinor: number;
  /** Installments of existing debts due in this month. */
  readonly existingDebtMinor: number;
  readonly residualFloorMinor: number;
  /**
   * The largest total of new installments due in this month that keeps (existing + new) / income ≤ maxRatio and
   * income − essential − existing − new ≥ the residual floor. Negative when even nothing new fits.
   */
  readonly capacityMinor: number;
  readonly binding: BindingLimit;
  /** The same with comfortRatio in place of maxRatio. */
  readonly comfortCapacityMinor: number;
  /** Net income after the policy's income shock (rounded down from the exact income). */
  readonly stressedIncomeMinor: number;
  /** Gross income after the policy's income shock (what a gross-basis stressed cap divides). */
  readonly stressedGrossIncomeMinor: number;
  /**
   * The capacity on stressed income with stressedMaxRatio (a share-of-income floor recomputed on it). It can
   * exceed `capacityMinor` when stressedMaxRatio × (1 − incomeShock) > maxRatio (Hong Kong's 60 % stressed DSR
   * with no income shock): the stressed cap is meant for an installment recomputed at the shocked rate.
   */
  readonly stressedCapacityMinor: number;
  readonly stressedBinding: BindingLimit;
}

export interface CapacityAssessment {
  readonly currency: string;
  readonly policyId: string;
  readonly months: readonly MonthCapacity[];
  /** Lowest capacity over the months (the tightest month) and the month it falls in (index into `months`). */
  readonly lowestCapacityMinor: number;
  readonly lowestCapacityMonth: number;
  readonly lowestStressedCapacityMinor: number;
  /** Debt service of existing debts / income in the first month (0 when there is no income that month). */
  readonly currentDebtRatio: Ratio;
  /** Plain-language sentences: what binds and why ("the residual-income floor binds: …"). */
  readonly explanation: readonly string[];
}
