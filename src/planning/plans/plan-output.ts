// A plan as JSON (docs/reference/plan-request.md, "The answer"): decimal strings for amounts, ISO dates,
// percentages as decimal strings. Every plan gets its figures, reasons and installment runs ("1–35: 480.66,
// 36: 480.70"); the recommended and trade-off plans also get every row of the schedule and their terms document.
import { formatIsoDate } from "../../core/calendar-date.ts";
import { formatMinor } from "../../core/money.ts";
import { type Ratio, ratio, ratioToDecimalString } from "../../core/ratio.ts";
import type { PlanContext, PlanEvaluation } from "./evaluate-plan.ts";
import { affordabilityReasons, planReasons } from "./plan-reasons.ts";
import { percentText } from "./plan-terms.ts";
import { planLabel } from "./plan-text.ts";

export interface InstallmentRun {
  from: number;
  to: number;
  firstDueDate: string;
  lastDueDate: string;
  amount: string;
}

export interface ScheduleRow {
  number: number;
  dueDate: string;
  total: string;
  principal: string;
  interest: string;
  fees: string;
  balance: string;
}

export interface PlanOutput {
  rank: number | null;
  id: string;
  label: string;
  period: string;
  paymentPeriod: string;
  termMonths: number;
  installmentCount: number;
  loanType: string;
  method: string;
  amount: string;
  firstDueDate: string;
  maturityDate: string;
  installment: { first: string; largest: string; smallest: string; last: string };
  effectiveRate: { regime: string; disclosed: string } | null;
  totals: { interest: string; fees: string; cost: string; paid: string };
  pvCost: string;
  burden: {
    peakPercent: string | null;
    peakMonth: string | null;
    averagePercent: string | null;
    stressedPeakPercent: string | null;
    monthsOverComfort: number;
  };
  affordable: boolean;
  stress: {
    result: string;
    stressedRatePercent: string | null;
    shortfallMonths: number;
    largestShortfall: string;
    largestShortfallMonth: string | null;
    savingsNeeded: string;
    savingsAvailable: string;
  };
  feasible: boolean;
  comfortable: boolean;
  risk: { probabilityOfDefault: string; score: number; band: string } | null;
  reasons: string[];
  installments: InstallmentRun[];
  /** Runs left out of a summary (the full plans list every row in `schedule`). */
  moreRuns?: number;
  schedule?: ScheduleRow[];
  terms?: Record<string, unknown>;
}

/** Runs of equal installments a summary shows; the rest are counted in `moreRuns`. */
export const SUMMARY_RUNS = 6;

/**
 * One plan as JSON. `full` adds every schedule row and the terms document; a summary of an infeasible plan
 * keeps only the reasons that say why it fails.
 */
export function planOutput(
  plan: PlanEvaluation,
  context: PlanContext,
  options: { rank: number | null; full: boolean },
): PlanOutput {
  const digits = context.request.currency.digits;
  const money = (minor: number) => formatMinor(minor, digits);
  const { schedule, affordability: a, spec } = plan;
  const totals = plan.installmentTotals;
  const dueDays = schedule.columns.dueDays;
  const month = (index: number) => {
    const row = context.capacity.months[index];
    return row === undefined ? null : `${row.year}-${String(row.month).padStart(2, "0")}`;
  };
  const worstStress = a.stressShortfalls[0];
  const output: PlanOutput = {
    rank: options.rank,
    id: spec.id,
    label: planLabel(spec),
    period: spec.shape.name,
    paymentPeriod: spec.shape.termsPeriod,
    termMonths: spec.termMonths,
    installmentCount: spec.installments,
    loanType: spec.loanType,
    method: spec.method.kind,
    amount: money(plan.amountMinor),
    firstDueDate: formatIsoDate(dueDays[0] as number),
    maturityDate: formatIsoDate(schedule.totals.maturityDay),
    installment: {
      first: money(totals[0] ?? 0),
      largest: money(plan.largestInstallmentMinor),
      smallest: money(plan.smallestInstallmentMinor),
      last: money(totals[totals.length - 1] ?? 0),
    },
    effectiveRate:
      plan.rates === undefined ? null : { regime: plan.rates.regime, disclosed: plan.rates.disclosedText },
    totals: {
      interest: money(plan.interestMinor),
      fees: money(plan.feesMinor),
      cost: money(plan.costMinor),
      paid: money(plan.paidMinor),
    },
    pvCost: money(plan.pvCostMinor),
    burden: {
      peakPercent: percentOrNull(a.peakBurden),
      peakMonth: a.peakBurden === undefined ? null : month(a.peakBurdenMonth),
      averagePercent: percentOrNull(a.averageBurden),
      stressedPeakPercent: percentOrNull(a.peakStressedBurden),
      monthsOverComfort: a.monthsOverComfort,
    },
    affordable: a.affordable,
    stress: {
      result: a.stress,
      stressedRatePercent:
        plan.stressedRatePercent === undefined ? null : percentText(plan.stressedRatePercent),
      shortfallMonths: a.stressShortfallMonths,
      largestShortfall: money(worstStress?.amountMinor ?? 0),
      largestShortfallMonth: worstStress === undefined ? null : month(worstStress.month),
      savingsNeeded: money(a.stressGapMinor),
      savingsAvailable: money(a.savingsBudgetMinor),
    },
    feasible: plan.feasible,
    comfortable: plan.comfortable,
    risk:
      plan.risk === undefined
        ? null
        : {
            probabilityOfDefault: plan.risk.probabilityOfDefault.toFixed(4), // float-ok: a probability shown to 4 places
            score: plan.risk.score,
            band: plan.risk.band,
          },
    reasons: options.full || plan.feasible ? planReasons(plan, context) : affordabilityReasons(plan, context),
    installments: installmentRuns(plan, money),
  };
  if (!options.full && output.installments.length > SUMMARY_RUNS) {
    output.moreRuns = output.installments.length - SUMMARY_RUNS;
    output.installments = output.installments.slice(0, SUMMARY_RUNS);
  }
  if (options.full) {
    output.schedule = scheduleRows(plan, money);
    output.terms = plan.document;
  }
  return output;
}

/** Runs of equal installments with their first and last due dates. */
export function installmentRuns(plan: PlanEvaluation, money: (minor: number) => string): InstallmentRun[] {
  const totals = plan.installmentTotals;
  const dueDays = plan.schedule.columns.dueDays;
  const runs: InstallmentRun[] = [];
  let start = 0;
  for (let i = 1; i <= totals.length; i++) {
    if (i < totals.length && totals[i] === totals[start]) continue;
    runs.push({
      from: start + 1,
      to: i,
      firstDueDate: formatIsoDate(dueDays[start] as number),
      lastDueDate: formatIsoDate(dueDays[i - 1] as number),
      amount: money(totals[start] as number),
    });
    start = i;
  }
  return runs;
}

function scheduleRows(plan: PlanEvaluation, money: (minor: number) => string): ScheduleRow[] {
  const c = plan.schedule.columns;
  return c.dueDays.map((day, i) => ({
    number: i + 1,
    dueDate: formatIsoDate(day),
    total: money(plan.installmentTotals[i] as number),
    principal: money(c.principalMinor[i] as number),
    interest: money(c.interestMinor[i] as number),
    fees: money(c.feesMinor?.[i] ?? 0),
    balance: money(c.balanceMinor[i] as number),
  }));
}

function percentOrNull(fraction: Ratio | undefined): string | null {
  return fraction === undefined ? null : ratioToDecimalString(ratio(fraction.num * 100n, fraction.den), 2);
}
