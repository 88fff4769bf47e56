// The plain-language reasons of a plan, each with its figures: how much of the income it takes and whether it
// survives the stress test, what it costs, what its payment method does, and its default risk.
import { ratio } from "../../core/ratio.ts";
import type { PolicyProfile } from "../policy-profile.ts";
import { expectedIncomeGrowth } from "./candidates.ts";
import type { PlanContext, PlanEvaluation } from "./evaluate-plan.ts";
import { SAVINGS_SHARE, STRESS_MONTHS } from "./plan-affordability.ts";
import { dateText, moneyText, monthText, percentOf, percentValue } from "./plan-text.ts";

export function planReasons(plan: PlanEvaluation, context: PlanContext): string[] {
  return [
    ...affordabilityReasons(plan, context),
    costReason(plan, context),
    ...methodReasons(plan, context),
    ...riskReasons(plan),
  ];
}

export function affordabilityReasons(plan: PlanEvaluation, context: PlanContext): string[] {
  const { policy, capacity, request } = context;
  const a = plan.affordability;
  const money = (minor: number) => moneyText(minor, request.currency);
  const reasons: string[] = [];
  const shock = percentOf(policy.incomeShock);
  const rateStress =
    plan.stressedRatePercent === undefined
      ? ""
      : ` and the rate rose to ${percentValue(plan.stressedRatePercent)}`;
  if (a.carriedOver) return carriedOverReasons(plan, context);
  if (!a.affordable) {
    const worst = a.shortfalls[0];
    if (worst !== undefined) {
      const row = capacity.months[worst.month];
      reasons.push(
        `Not affordable: in ${monthText(capacity, worst.month)} its installments exceed what you can carry (${money(row?.capacityMinor ?? 0)}) by ${money(worst.amountMinor)}; ${a.shortfallMonths} month${a.shortfallMonths === 1 ? " is" : "s are"} over.`,
      );
    }
  } else if (a.peakBurden !== undefined) {
    const comfort = plan.comfortable
      ? ` (within the comfort cap of ${percentOf(policy.comfortRatio)})`
      : a.monthsOverComfort > 0
        ? `, above the comfort cap of ${percentOf(policy.comfortRatio)} in ${a.monthsOverComfort} month${a.monthsOverComfort === 1 ? "" : "s"} (highest in ${monthText(capacity, a.peakBurdenMonth)})`
        : "";
    reasons.push(
      `Keeps your debt payments (this loan and existing debts) at or below ${percentOf(a.peakBurden)} of your ${incomeWord(policy)} in every month${comfort}; ${percentOf(a.averageBurden ?? a.peakBurden)} on average.`,
    );
  }
  const worstStress = a.stressShortfalls[0];
  if (plan.stressRefusal !== undefined) reasons.push(`Fails the stress test: ${plan.stressRefusal}.`);
  else if (a.stress === "pass" && a.peakStressedBurden !== undefined) {
    reasons.push(
      `Passes the stress test: even if your income fell ${shock}${rateStress}, debt payments would stay at or below ${percentOf(a.peakStressedBurden)} of it (the policy allows ${percentOf(policy.stressedMaxRatio)}).`,
    );
  } else if (worstStress !== undefined) {
    const months = a.stressShortfallMonths;
    const counted = Math.min(STRESS_MONTHS, months);
    const gap =
      months === 1
        ? `a shortfall of ${money(a.stressGapMinor)}`
        : `${counted === months ? "shortfalls" : `the ${counted} largest shortfalls`} adding up to ${money(a.stressGapMinor)}`;
    const what = `if your income fell ${shock}${rateStress}, ${months} month${months === 1 ? "" : "s"} would be short, by up to ${money(worstStress.amountMinor)} (${monthText(capacity, worstStress.month)}): ${gap}`;
    const share = percentOf(SAVINGS_SHARE);
    reasons.push(
      a.stress === "pass-with-savings"
        ? `Passes the stress test with savings: ${what}, which ${share} of your savings (${money(a.savingsBudgetMinor)}) would cover.`
        : `Fails the stress test: ${what}, more than ${share} of your savings (${money(a.savingsBudgetMinor)}) can carry.`,
    );
  }
  return reasons;
}

/** Seasonal income (plan-affordability.ts): the reasons speak of the running balance, not of single months. */
function carriedOverReasons(plan: PlanEvaluation, context: PlanContext): string[] {
  const { policy, capacity, request } = context;
  const a = plan.affordability;
  const money = (minor: number) => moneyText(minor, request.currency);
  const share = percentOf(SAVINGS_SHARE);
  const reasons = [
    `Your income is seasonal, so what a good month leaves unused is counted as set aside for the lean months, starting from ${share} of your savings (${money(a.savingsBudgetMinor)}).`,
  ];
  const worst = a.shortfalls[0];
  if (!a.affordable && worst !== undefined) {
    reasons.push(
      `Not affordable: by ${monthText(capacity, worst.month)} the installments would have used up what is set aside, leaving ${money(worst.amountMinor)} missing; ${a.shortfallMonths} month${a.shortfallMonths === 1 ? " is" : "s are"} short.`,
    );
  } else {
    const comfort = plan.comfortable
      ? `and within the comfort cap of ${percentOf(policy.comfortRatio)} of income over the year`
      : `but above the comfort cap of ${percentOf(policy.comfortRatio)} of income in ${a.monthsOverComfort} month${a.monthsOverComfort === 1 ? "" : "s"} even counting what is set aside`;
    const average =
      a.averageBurden === undefined
        ? ""
        : ` Debt payments take ${percentOf(a.averageBurden)} of your ${incomeWord(policy)} on average`;
    const peak =
      a.peakBurden === undefined
        ? "; some installments fall in months without income, paid from what is set aside."
        : `, up to ${percentOf(a.peakBurden)} in ${monthText(capacity, a.peakBurdenMonth)}, paid partly from what is set aside.`;
    reasons.push(`Affordable all through the loan ${comfort}.${average}${peak}`);
  }
  const rateStress =
    plan.stressedRatePercent === undefined
      ? ""
      : ` and the rate rose to ${percentValue(plan.stressedRatePercent)}`;
  const shock = percentOf(policy.incomeShock);
  if (plan.stressRefusal !== undefined) reasons.push(`Fails the stress test: ${plan.stressRefusal}.`);
  else if (a.stress === "pass")
    reasons.push(
      `Passes the stress test: even if your income fell ${shock}${rateStress}, what the good months leave would still cover every installment without touching your savings.`,
    );
  else if (a.stress === "pass-with-savings")
    reasons.push(
      `Passes the stress test with savings: if your income fell ${shock}${rateStress}, you would need up to ${money(a.stressGapMinor)} of your savings, within the ${share} (${money(a.savingsBudgetMinor)}) counted on.`,
    );
  else {
    const deficit = a.stressShortfalls[0];
    reasons.push(
      `Fails the stress test: if your income fell ${shock}${rateStress}, even ${share} of your savings (${money(a.savingsBudgetMinor)}) would run out${deficit === undefined ? "" : ` by ${monthText(capacity, deficit.month)}, ${money(deficit.amountMinor)} short`}.`,
    );
  }
  return reasons;
}

/** What the policy's ratios divide: "gross income" (US, Canada) or "income" (net, after tax). */
function incomeWord(policy: PolicyProfile): string {
  return policy.incomeBasis === "gross" ? "gross income" : "income";
}

function costReason(plan: PlanEvaluation, context: PlanContext): string {
  const { request } = context;
  const money = (minor: number) => moneyText(minor, request.currency);
  const fees = plan.feesMinor > 0 ? ` and ${money(plan.feesMinor)} in fees` : "";
  const rate =
    plan.rates === undefined
      ? ""
      : `; effective rate ${plan.rates.disclosedText} % (${regimeName(plan.rates.regime)})`;
  return `Costs ${money(plan.interestMinor)} in interest${fees}: ${money(plan.pvCostMinor)} in today's money at your opportunity rate of ${percentOf(request.preferences.opportunityRate)} a year${rate}.`;
}

function regimeName(regime: string): string {
  return regime === "us-regz" ? "APR" : regime === "eu-aprc" ? "APRC" : "annualized rate";
}

function methodReasons(plan: PlanEvaluation, context: PlanContext): string[] {
  const { request, profile } = context;
  const money = (minor: number) => moneyText(minor, request.currency);
  const totals = plan.installmentTotals;
  const first = totals[0] ?? 0;
  const last = totals[totals.length - 1] ?? 0;
  const reasons: string[] = [];
  const method = plan.spec.method;
  switch (method.kind) {
    case "standard":
      reasons.push(
        plan.spec.loanType === "classic"
          ? `Equal principal parts: installments fall from ${money(first)} to ${money(last)} as the balance shrinks.`
          : `Level installments of ${money(first)}${last !== first ? ` (the last ${money(last)})` : ""}.`,
      );
      break;
    case "step-up":
      reasons.push(
        `Starts at ${money(first)} and rises ${percentValue(method.changePercent)} a year to ${money(plan.largestInstallmentMinor)} — half your expected income growth of ${percentOf(expectedIncomeGrowth(profile))} a year, so the share of income it takes does not rise.`,
      );
      break;
    case "step-down":
      reasons.push(
        `Starts at ${money(first)} and falls ${percentValue(ratio(-method.changePercent.num, method.changePercent.den))} a year, as fast as your income is expected to fall.`,
      );
      break;
    case "seasonal":
      reasons.push(
        `Follows your month-by-month capacity: installments from ${money(plan.smallestInstallmentMinor)} in lean months to ${money(plan.largestInstallmentMinor)} in your best ones.`,
      );
      break;
    case "balloon":
      reasons.push(
        `Installments of ${money(first)}, with ${money(last)} due last on ${dateText(plan.schedule.totals.maturityDay)} (a ${percentValue(method.percent)} balloon): the most expensive shape and a refinancing risk if that money is not there.`,
      );
      break;
    case "grace":
      reasons.push(
        `Pays only interest (${money(first)}) for the first ${method.installments} installments, then ${money(totals[method.installments] ?? last)}.`,
      );
      break;
    case "custom":
      reasons.push(`Your own installments; the last one, ${money(last)}, repays what remains.`);
      break;
  }
  if (plan.spec.shape.name === "pay-day") reasons.push(`Due ${plan.spec.shape.description}.`);
  return reasons;
}

function riskReasons(plan: PlanEvaluation): string[] {
  if (plan.risk === undefined) return [];
  const pd = (plan.risk.probabilityOfDefault * 100).toFixed(1); // float-ok: a probability shown as a percent
  return [`Estimated probability of default ${pd} % (score ${plan.risk.score}, band ${plan.risk.band}).`];
}
