// The answer when no plan is affordable: it says so, shows the closest plan and what fails it, and what would
// make a plan affordable — the largest amount affordable at the longest allowed term, and the shortest term
// that would be affordable if the product's range were extended (within the policy's maximum) — with figures.
import type { CandidateSet } from "./candidates.ts";
import { evaluatePlan, type PlanContext, type PlanEvaluation } from "./evaluate-plan.ts";
import { largestAmount, shortestTerm } from "./plan-search.ts";
import type { PlanSpec } from "./plan-spec.ts";
import { moneyText, planLabel } from "./plan-text.ts";

/** The longest term Tenor looks at when suggesting a longer one: 40 years. */
export const MAX_SUGGESTED_TERM_MONTHS = 480;

export interface NoAffordableAnswer {
  readonly message: string;
  /** The plan that misses by the least, with its reasons. */
  readonly closest: PlanEvaluation | undefined;
  /** The largest amount some plan shape keeps affordable at the longest allowed term. */
  readonly largestAmount: PlanEvaluation | undefined;
  /** The request's amount at the shortest term beyond the product's range that is affordable. */
  readonly longerTerm: PlanEvaluation | undefined;
  /** Plain-language suggestions with figures, including why a search found nothing. */
  readonly suggestions: readonly string[];
}

/** The longest term a suggestion may reach under `context`'s policy. */
export function suggestionTermLimit(context: PlanContext): number {
  return Math.min(MAX_SUGGESTED_TERM_MONTHS, context.policy.maxTermMonths ?? MAX_SUGGESTED_TERM_MONTHS);
}

export function noAffordableAnswer(
  plans: readonly PlanEvaluation[],
  candidates: CandidateSet,
  context: PlanContext,
): NoAffordableAnswer {
  const { request, capacity } = context;
  const money = (minor: number) => moneyText(minor, request.currency);
  const suggestions: string[] = [];
  const closest = closestPlan(plans);
  const families = searchFamilies(candidates.specs);
  if (candidates.specs.length === 0) {
    return {
      message: `No plan can be built for ${money(request.amountMinor)} with this product under the "${context.policy.id}" policy.`,
      closest: undefined,
      largestAmount: undefined,
      longerTerm: undefined,
      suggestions: candidates.skipped.map((skipped) => `${skipped.family}: ${skipped.reason}.`),
    };
  }

  let bestAmount: PlanEvaluation | undefined;
  for (const spec of families) {
    const amount = largestAmount(spec, context, request.amountMinor);
    if (amount !== undefined && (bestAmount === undefined || amount > bestAmount.amountMinor)) {
      bestAmount = evaluatePlan(spec, context, amount);
    }
  }
  if (bestAmount !== undefined) {
    suggestions.push(
      `Borrow less: ${money(bestAmount.amountMinor)} instead of ${money(request.amountMinor)} is affordable over ${bestAmount.spec.termMonths} months (${planLabel(bestAmount.spec)}), with installments up to ${money(bestAmount.largestInstallmentMinor)}.`,
    );
  } else if (capacity.months.every((row) => row.capacityMinor <= 0)) {
    suggestions.push(
      "No amount is affordable: your existing debts and essential spending already use all the room the policy leaves in every month.",
    );
  } else {
    suggestions.push(
      `Even ${money(10 ** request.currency.digits)} is not affordable with any of the product's plans: the months in which installments fall have no room left.`, // float-ok: one major unit, an exact small integer
    );
  }

  const limit = suggestionTermLimit(context);
  let longer: PlanEvaluation | undefined;
  if (limit <= candidates.maxTermMonths) {
    suggestions.push(
      `A longer term is not possible: the policy allows at most ${limit} months, and the plans already run ${candidates.maxTermMonths}.`,
    );
  } else {
    const spec = shortestTerm(families, context, candidates.maxTermMonths, limit);
    if (spec !== undefined) {
      longer = evaluatePlan(spec, context);
      suggestions.push(
        `Borrow over longer: ${money(request.amountMinor)} would be affordable over ${spec.termMonths} months (${planLabel(spec)}), beyond the product's ${candidates.maxTermMonths}, with installments up to ${money(longer.largestInstallmentMinor)} and ${money(longer.interestMinor)} of interest.`,
      );
    } else {
      suggestions.push(
        `A longer term does not help: no term up to ${limit} months makes ${money(request.amountMinor)} affordable.`,
      );
    }
  }
  return {
    message: `No plan for ${money(request.amountMinor)} is affordable under the "${context.policy.id}" policy: each one exceeds what you can carry in some month or fails the stress test.`,
    closest,
    largestAmount: bestAmount,
    longerTerm: longer,
    suggestions,
  };
}

/**
 * The plan shapes searched: the longest term of every period with level, stepped or seasonal installments (the
 * shapes whose installments are lowest for a given amount; balloons, grace periods and equal-principal plans
 * raise some installment and are left out).
 */
function searchFamilies(specs: readonly PlanSpec[]): PlanSpec[] {
  const longest = new Map<string, PlanSpec>();
  for (const spec of specs) {
    const kind = spec.method.kind;
    if (spec.loanType !== "annuity" || kind === "balloon" || kind === "grace" || kind === "custom") continue;
    const key = `${spec.shape.name}/${kind}`;
    const known = longest.get(key);
    if (known === undefined || spec.termMonths > known.termMonths) longest.set(key, spec);
  }
  return [...longest.values()];
}

/** The plan that misses by the least: affordable on base income first, then the smallest shortfall. */
function closestPlan(plans: readonly PlanEvaluation[]): PlanEvaluation | undefined {
  const key = (plan: PlanEvaluation): [number, number] =>
    plan.affordability.affordable
      ? [0, plan.affordability.stressGapMinor - plan.affordability.savingsBudgetMinor]
      : [1, plan.affordability.shortfalls[0]?.amountMinor ?? 0];
  let best: PlanEvaluation | undefined;
  for (const plan of plans) {
    if (best === undefined) best = plan;
    else {
      const [group, gap] = key(plan);
      const [bestGroup, bestGap] = key(best);
      if (group < bestGroup || (group === bestGroup && gap < bestGap)) best = plan;
    }
  }
  return best;
}
