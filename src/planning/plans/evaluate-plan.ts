// Everything Tenor measures about one plan (research §2.2 steps 2–3): its schedule and disclosed effective rate,
// total interest, fees and cost, the present-value cost at the borrower's opportunity rate, the burden month by
// month against the capacity, the stress result — for a variable rate with the schedule recomputed at the
// policy's shocked rate — and the probability of default from the credit scorecard.
import { TenorError } from "../../core/errors.ts";
import {
  addRatio,
  compareRatio,
  mulRatio,
  type Ratio,
  ratio,
  ratioFromInt,
  ratioToNumber,
} from "../../core/ratio.ts";
import { xnpv } from "../../rates/npv.ts";
import type { ScorecardInput, ScoreResult } from "../../risk/scorecard/scorecard-types.ts";
import type { Schedule } from "../../schedule/schedule.ts";
import { type ScheduleRates, scheduleRates } from "../../schedule/schedule-rates.ts";
import type { BorrowerProfile } from "../borrower-profile.ts";
import type { CapacityAssessment, MonthCapacity } from "../capacity-types.ts";
import type { PolicyProfile } from "../policy-profile.ts";
import { capacityMonthIndex } from "./capacity-months.ts";
import { type Affordability, assessAffordability, hasSeasonalIncome } from "./plan-affordability.ts";
import { fundingShiftDays } from "./plan-periods.ts";
import type { PlanRequest } from "./plan-request.ts";
import type { PlanSpec } from "./plan-spec.ts";
import { buildPlan, percentText } from "./plan-terms.ts";

export type ScoreFunction = (input: ScorecardInput) => ScoreResult;

export interface PlanContext {
  readonly request: PlanRequest;
  readonly profile: BorrowerProfile;
  readonly policy: PolicyProfile;
  /** Assessed from the start date over a horizon longer than any plan considered. */
  readonly capacity: CapacityAssessment;
  /** The credit scorecard; undefined leaves the plans without a probability of default. */
  readonly score: ScoreFunction | undefined;
}

export interface PlanRisk {
  readonly probabilityOfDefault: number;
  readonly score: number;
  readonly band: string;
}

export interface PlanEvaluation {
  readonly spec: PlanSpec;
  readonly amountMinor: number;
  readonly document: Record<string, unknown>;
  readonly schedule: Schedule;
  /** Each installment's total (principal + interest + fees). */
  readonly installmentTotals: readonly number[];
  readonly rates: ScheduleRates | undefined;
  readonly interestMinor: number;
  /** Every fee: with the installments and deducted at disbursement. */
  readonly feesMinor: number;
  /** What the borrower pays in all less what they receive. */
  readonly costMinor: number;
  readonly paidMinor: number;
  readonly pvCostMinor: number;
  readonly largestInstallmentMinor: number;
  readonly smallestInstallmentMinor: number;
  /** Σ installments / term in months: the scorecard's monthly installment. */
  readonly averageMonthlyMinor: number;
  readonly paymentChanges: number;
  readonly affordability: Affordability;
  /** Variable rates: the stressed annual rate in percent, and why the stressed schedule was refused, if it was. */
  readonly stressedRatePercent: Ratio | undefined;
  readonly stressRefusal: string | undefined;
  readonly risk: PlanRisk | undefined;
  /** Affordable in every month and under stress (with or without savings). */
  readonly feasible: boolean;
  /** Feasible and within the comfort capacity every month. */
  readonly comfortable: boolean;
}

/** Evaluates `spec` for `amountMinor` (the request's amount by default). Throws the engine's refusal. */
export function evaluatePlan(spec: PlanSpec, context: PlanContext, amountMinor?: number): PlanEvaluation {
  const amount = amountMinor ?? context.request.amountMinor;
  const check = checkPlan(spec, context, amount);
  const { schedule, document, affordability } = check;
  const totals = installmentTotals(schedule);
  const paidMinor = schedule.totals.totalMinor;
  const costMinor = paidMinor - schedule.totals.netDisbursementMinor;
  const termMonths = spec.termMonths;
  const averageMonthlyMinor = Math.floor(paidMinor / termMonths);
  const feasible = affordability.affordable && affordability.stress !== "fail";
  return {
    spec,
    amountMinor: amount,
    document,
    schedule,
    installmentTotals: totals,
    rates: safeRates(schedule),
    interestMinor: schedule.totals.interestMinor,
    feesMinor: costMinor - schedule.totals.interestMinor,
    costMinor,
    paidMinor,
    pvCostMinor: presentValueCost(schedule, totals, context.request.preferences.opportunityRate),
    largestInstallmentMinor: Math.max(...totals),
    smallestInstallmentMinor: Math.min(...totals),
    averageMonthlyMinor,
    paymentChanges: paymentChanges(totals),
    affordability,
    stressedRatePercent: check.stressedRatePercent,
    stressRefusal: check.stressRefusal,
    risk: planRisk(context, spec, amount, averageMonthlyMinor),
    feasible,
    comfortable: feasible && affordability.monthsOverComfort === 0,
  };
}

export interface PlanCheck {
  readonly document: Record<string, unknown>;
  readonly schedule: Schedule;
  readonly affordability: Affordability;
  readonly stressedRatePercent: Ratio | undefined;
  readonly stressRefusal: string | undefined;
}

/** The schedule and its affordability only: what the searches for a smaller amount or a longer term need. */
export function checkPlan(spec: PlanSpec, context: PlanContext, amountMinor: number): PlanCheck {
  const { request, capacity, policy, profile } = context;
  const built = buildPlan(spec, request, {
    amountMinor,
    rateText: request.product.interest.rateText,
    capacity,
    withRateCap: true,
  });
  const shift = fundingShiftDays(spec.shape);
  const loads = monthLoads(built.schedule, capacity, shift);
  let stressedLoads = loads;
  let stressedRatePercent: Ratio | undefined;
  let stressRefusal: string | undefined;
  if (request.product.interest.type === "variable") {
    stressedRatePercent = stressedAnnualRate(request, policy);
    const perUnit =
      request.product.interest.per === "month"
        ? mulRatio(stressedRatePercent, ratio(1n, 12n))
        : stressedRatePercent;
    try {
      const stressed = buildPlan(spec, request, {
        amountMinor,
        rateText: percentText(perUnit),
        capacity,
        withRateCap: false,
      });
      stressedLoads = monthLoads(stressed.schedule, capacity, shift);
    } catch (error) {
      if (!(error instanceof TenorError)) throw error;
      stressRefusal = `at the stressed rate of ${percentText(stressedRatePercent)} % the plan cannot be scheduled: ${error.issues[0]?.message ?? error.message}`;
    }
  }
  const assessed = assessAffordability(
    loads,
    stressedLoads,
    capacity,
    policy,
    profile.liquidSavingsMinor,
    hasSeasonalIncome(profile),
  );
  const affordability: Affordability =
    stressRefusal === undefined ? assessed : { ...assessed, stress: "fail" };
  return {
    document: built.document,
    schedule: built.schedule,
    affordability,
    stressedRatePercent,
    stressRefusal,
  };
}

/** The policy's stressed rate for a variable-rate loan, in percent a year: rate + shock, at least the floor. */
export function stressedAnnualRate(request: PlanRequest, policy: PolicyProfile): Ratio {
  const interest = request.product.interest;
  const annual =
    interest.per === "month" ? mulRatio(interest.ratePercent, ratioFromInt(12)) : interest.ratePercent;
  const shocked = addRatio(annual, policy.rateShockPoints);
  const floor = policy.minimumStressRatePercent;
  return floor !== undefined && compareRatio(floor, shocked) > 0 ? floor : shocked;
}

/** Principal + interest + fees of each installment. */
export function installmentTotals(schedule: Schedule): number[] {
  const { principalMinor, interestMinor, feesMinor } = schedule.columns;
  return principalMinor.map((p, i) => p + (interestMinor[i] as number) + (feesMinor?.[i] ?? 0));
}

/**
 * The new installments due in each month of the capacity assessment. A pay-day plan's installment counts in the
 * month of the pay date it follows (`shiftDays` before it is due): it is paid out of that pay, even when the two
 * days after a pay date on the 30th fall in the next month.
 */
export function monthLoads(schedule: Schedule, capacity: CapacityAssessment, shiftDays = 0): number[] {
  const loads = new Array<number>(capacity.months.length).fill(0);
  const totals = installmentTotals(schedule);
  schedule.columns.dueDays.forEach((day, i) => {
    const month = capacityMonthIndex(capacity, day - shiftDays);
    if (month < 0 || month >= loads.length) {
      throw new Error(`Tenor internal error: installment ${i + 1} falls outside the capacity horizon`);
    }
    loads[month] = (loads[month] as number) + (totals[i] as number);
  });
  return loads;
}

/**
 * Σ payment·(1 + ρ)^(−days/365) − net disbursement: what the loan costs in today's money at the borrower's
 * opportunity rate ρ (research §2.2 step 3; ρ = 0 gives interest + fees) — the XNPV of the loan's flows from the
 * borrower's side. A float, rounded to the minor unit: it ranks plans and is shown as an estimate, never booked.
 */
export function presentValueCost(
  schedule: Schedule,
  totals: readonly number[],
  opportunityRate: Ratio,
): number {
  const flows = [
    { day: schedule.columns.disbursementDay, amountMinor: -schedule.totals.netDisbursementMinor },
    ...schedule.columns.dueDays.map((day, i) => ({ day, amountMinor: totals[i] as number })),
  ];
  // float-ok: a present value estimate for ranking, rounded to the minor unit, not money owed
  return Math.round(xnpv(ratioToNumber(opportunityRate), flows));
}

/** Times the installment changes, the last one counted only when it differs by more than 1 % (not rounding). */
function paymentChanges(totals: readonly number[]): number {
  let changes = 0;
  for (let i = 1; i < totals.length - 1; i++) if (totals[i] !== totals[i - 1]) changes += 1;
  const n = totals.length;
  if (n >= 2) {
    const last = totals[n - 1] as number;
    const previous = totals[n - 2] as number;
    if (Math.abs(last - previous) * 100 > previous) changes += 1;
  }
  return changes;
}

function safeRates(schedule: Schedule): ScheduleRates | undefined {
  try {
    return scheduleRates(schedule);
  } catch (error) {
    if (error instanceof TenorError) return undefined;
    throw error;
  }
}

function planRisk(
  context: PlanContext,
  spec: PlanSpec,
  amountMinor: number,
  monthlyMinor: number,
): PlanRisk | undefined {
  if (context.score === undefined) return undefined;
  try {
    const result = context.score(scorecardInput(context, spec.termMonths, amountMinor, monthlyMinor));
    return { probabilityOfDefault: result.probabilityOfDefault, score: result.score, band: result.band };
  } catch (error) {
    // A profile the scorecard cannot read leaves the plan unscored, not refused.
    if (error instanceof TenorError) return undefined;
    throw error;
  }
}

/** The scorecard's view of this borrower with this plan: income and spending averaged over the first year. */
export function scorecardInput(
  context: PlanContext,
  termMonths: number,
  amountMinor: number,
  monthlyInstallmentMinor: number,
): ScorecardInput {
  const { profile, capacity, request } = context;
  const firstYear = capacity.months.slice(0, 12);
  const average = (pick: (row: MonthCapacity) => number) =>
    Math.floor(firstYear.reduce((sum, row) => sum + pick(row), 0) / Math.max(1, firstYear.length));
  const balances = profile.debts.map((debt) => debt.balanceMinor);
  const knownBalances = balances.filter((balance): balance is number => balance !== undefined);
  return {
    employmentYears: profile.employment?.years,
    employmentType: profile.employment?.type,
    housing: profile.housing,
    pastArrears: profile.pastArrears,
    termMonths,
    monthlyIncomeMinor: average((row) => row.incomeMinor),
    monthlyExpensesMinor: average((row) => row.essentialExpensesMinor + row.otherExpensesMinor),
    monthlyInstallmentMinor,
    amountMinor,
    priceMinor: request.priceMinor,
    // Savings are assets too; neither known leaves the scorecard's missing bin.
    assetsMinor:
      profile.assetsMinor === undefined && profile.liquidSavingsMinor === 0
        ? undefined
        : (profile.assetsMinor ?? 0) + profile.liquidSavingsMinor,
    debtMinor:
      profile.debts.length === 0
        ? 0
        : knownBalances.length === 0
          ? undefined
          : knownBalances.reduce((sum, balance) => sum + balance, 0),
  };
}
