// Goal seeking over the candidate plans: "finish by a date", "never more than X per installment", "the lowest
// total interest". Each goal is solved among the feasible plans (affordable every month and under stress) with
// the recommendation rule, or answered with the nearest feasible plan and why the goal cannot be met.
import { evaluatePlan, type PlanContext, type PlanEvaluation } from "./evaluate-plan.ts";
import { affordabilityReasons } from "./plan-reasons.ts";
import type { PlanGoal } from "./plan-request.ts";
import { largestAmount, largestInstallment } from "./plan-search.ts";
import { dateText, moneyText, percentOf, planLabel } from "./plan-text.ts";
import { recommend } from "./recommend.ts";

export interface GoalAnswer {
  readonly goal: PlanGoal;
  readonly solved: boolean;
  /** The plan meeting the goal, or the nearest feasible plan when it cannot be met. */
  readonly plan: PlanEvaluation | undefined;
  /** Another plan worth knowing (the lowest-interest plan within the comfort cap, a smaller amount …). */
  readonly alternative: PlanEvaluation | undefined;
  readonly explanation: readonly string[];
}

export function seekGoal(goal: PlanGoal, plans: readonly PlanEvaluation[], context: PlanContext): GoalAnswer {
  switch (goal.kind) {
    case "finish-by":
      return finishBy(goal, goal.day, plans, context);
    case "max-installment":
      return maxInstallment(goal, goal.amountMinor, plans, context);
    case "lowest-interest":
      return lowestInterest(goal, plans, context);
  }
}

function finishBy(
  goal: PlanGoal,
  day: number,
  plans: readonly PlanEvaluation[],
  context: PlanContext,
): GoalAnswer {
  const maturity = (plan: PlanEvaluation) => plan.schedule.totals.maturityDay;
  const within = plans.filter((plan) => maturity(plan) <= day);
  const chosen = recommend(within, context.request);
  if (chosen !== undefined) {
    return {
      goal,
      solved: true,
      plan: chosen.plan,
      alternative: undefined,
      explanation: [
        `${planLabel(chosen.plan.spec)} finishes on ${dateText(maturity(chosen.plan))}, by your date of ${dateText(day)}, and is the best affordable plan that does.`,
        ...chosen.notes,
      ],
    };
  }
  const explanation: string[] = [];
  if (within.length > 0) {
    const best = [...within].sort(
      (a, b) => maturity(b) - maturity(a) || a.pvCostMinor - b.pvCostMinor,
    )[0] as PlanEvaluation;
    explanation.push(
      `${within.length} plan${within.length === 1 ? " finishes" : "s finish"} by ${dateText(day)}, but none is affordable. The longest of them, ${planLabel(best.spec)}: ${affordabilityReasons(best, context)[0] ?? "it fails the stress test."}`,
    );
  } else {
    const earliest = Math.min(...plans.map(maturity));
    explanation.push(
      `No plan the product offers finishes by ${dateText(day)}: the earliest finishes on ${dateText(earliest)} (the product's shortest term is ${context.request.product.minTermMonths} months).`,
    );
  }
  const feasible = plans.filter((plan) => plan.feasible);
  const soonest = [...feasible].sort((a, b) => maturity(a) - maturity(b) || a.pvCostMinor - b.pvCostMinor)[0];
  if (soonest !== undefined) {
    const months = monthsBetween(day, maturity(soonest));
    explanation.push(
      `The nearest affordable plan, ${planLabel(soonest.spec)}, finishes on ${dateText(maturity(soonest))}, about ${months} month${months === 1 ? "" : "s"} after your date.`,
    );
  } else explanation.push("No plan is affordable at all; see what would make one affordable.");
  return { goal, solved: false, plan: soonest, alternative: undefined, explanation };
}

function maxInstallment(
  goal: PlanGoal,
  cap: number,
  plans: readonly PlanEvaluation[],
  context: PlanContext,
): GoalAnswer {
  const money = (minor: number) => moneyText(minor, context.request.currency);
  const within = plans.filter((plan) => plan.largestInstallmentMinor <= cap);
  const chosen = recommend(within, context.request);
  if (chosen !== undefined) {
    return {
      goal,
      solved: true,
      plan: chosen.plan,
      alternative: undefined,
      explanation: [
        `${planLabel(chosen.plan.spec)} never asks more than ${money(chosen.plan.largestInstallmentMinor)} per installment (your limit: ${money(cap)}) and is the best affordable plan that does.`,
        ...chosen.notes,
      ],
    };
  }
  const explanation: string[] = [];
  const lowest = [...plans].sort(
    (a, b) => a.largestInstallmentMinor - b.largestInstallmentMinor || a.pvCostMinor - b.pvCostMinor,
  )[0];
  if (within.length > 0) {
    explanation.push(
      `${within.length} plan${within.length === 1 ? " stays" : "s stay"} within ${money(cap)} per installment, but none is affordable.`,
    );
  } else if (lowest !== undefined) {
    explanation.push(
      `No plan the product offers keeps every installment within ${money(cap)}: the lowest largest installment is ${money(lowest.largestInstallmentMinor)} (${planLabel(lowest.spec)}).`,
    );
  }
  // What amount would fit the limit on the shape with the lowest installments.
  let alternative: PlanEvaluation | undefined;
  if (lowest !== undefined) {
    const amount = largestAmount(
      lowest.spec,
      context,
      context.request.amountMinor,
      (check) =>
        check.affordability.affordable &&
        check.affordability.stress !== "fail" &&
        largestInstallment(check) <= cap,
    );
    if (amount !== undefined) {
      alternative = evaluatePlan(lowest.spec, context, amount);
      explanation.push(
        `Borrowing at most ${money(amount)} over ${lowest.spec.termMonths} months (${planLabel(lowest.spec)}) keeps every installment within ${money(cap)} and is affordable.`,
      );
    }
  }
  const nearest = plans
    .filter((plan) => plan.feasible)
    .sort(
      (a, b) => a.largestInstallmentMinor - b.largestInstallmentMinor || a.pvCostMinor - b.pvCostMinor,
    )[0];
  if (nearest !== undefined)
    explanation.push(
      `The nearest affordable plan, ${planLabel(nearest.spec)}, asks at most ${money(nearest.largestInstallmentMinor)} per installment.`,
    );
  return { goal, solved: false, plan: nearest, alternative, explanation };
}

function lowestInterest(goal: PlanGoal, plans: readonly PlanEvaluation[], context: PlanContext): GoalAnswer {
  const money = (minor: number) => moneyText(minor, context.request.currency);
  const byInterest = (a: PlanEvaluation, b: PlanEvaluation) =>
    a.interestMinor - b.interestMinor || a.pvCostMinor - b.pvCostMinor || a.spec.id.localeCompare(b.spec.id);
  const feasible = plans.filter((plan) => plan.feasible).sort(byInterest);
  const best = feasible[0];
  if (best === undefined) {
    return {
      goal,
      solved: false,
      plan: undefined,
      alternative: undefined,
      explanation: [
        "No plan is affordable, so none can be chosen for its interest; see what would make one affordable.",
      ],
    };
  }
  const explanation = [
    `${planLabel(best.spec)} has the least interest of the affordable plans: ${money(best.interestMinor)}.`,
  ];
  let alternative: PlanEvaluation | undefined;
  if (!best.comfortable && best.affordability.peakBurden !== undefined) {
    explanation.push(
      `It leaves little room: in its heaviest month debt payments take ${percentOf(best.affordability.peakBurden)} of your income, above the comfort cap of ${percentOf(context.policy.comfortRatio)}.`,
    );
    alternative = feasible.find((plan) => plan.comfortable);
    if (alternative !== undefined)
      explanation.push(
        `The least-interest plan within the comfort cap is ${planLabel(alternative.spec)}, with ${money(alternative.interestMinor)} of interest.`,
      );
  }
  return { goal, solved: true, plan: best, alternative, explanation };
}

/** Whole months from `from` to `to`, rounded up (≥ 0). */
function monthsBetween(from: number, to: number): number {
  return Math.max(0, Math.ceil((to - from) / 30.4375)); // float-ok: an approximate month count for a sentence
}
