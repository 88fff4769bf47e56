// The recommendation rule (research §2.2 steps 2–5): drop every plan that is not affordable under stress; among
// the rest prefer the lowest present-value cost whose peak burden stays within the comfort cap; break near-ties
// by the larger stressed slack, then fewer payment changes, then the borrower's preferred period. Also the
// ranking of every plan and the trade-off set: the plans no other feasible plan beats on PV cost, peak burden
// and probability of default at once, labelled for what each trades.
import { compareRatio, type Ratio } from "../../core/ratio.ts";
import type { PlanEvaluation } from "./evaluate-plan.ts";
import type { PlanRequest } from "./plan-request.ts";

/** PV costs closer than this share of the amount count as equal (0.1 %): the tie-breaks decide between them. */
export const PV_TIE_SHARE_PER_MILLE = 1;

export interface Recommendation {
  readonly plan: PlanEvaluation;
  /** Why the winner was chosen, and which rule had to be relaxed to find it. */
  readonly notes: readonly string[];
  /** The comfort cap held for the winner (false when it had to be relaxed to the policy's maximum). */
  readonly comfortable: boolean;
}

/** The recommended plan among `plans`, or undefined when none is feasible. */
export function recommend(
  plans: readonly PlanEvaluation[],
  request: PlanRequest,
): Recommendation | undefined {
  let pool = plans.filter((plan) => plan.feasible);
  if (pool.length === 0) return undefined;
  const notes: string[] = [];
  const strict = pool.filter((plan) => plan.affordability.stress === "pass");
  if (strict.length > 0) pool = strict;
  else
    notes.push(
      "No plan passes the stress test on income alone; the recommendation relies on savings to carry the shortfall of a few lean months.",
    );
  const comfortable = pool.filter((plan) => plan.comfortable);
  if (comfortable.length > 0) pool = comfortable;
  else
    notes.push(
      "No plan keeps every month within the comfort cap; the recommendation relaxes it to the policy's maximum ratio.",
    );
  const preferred = request.preferences.maxInstallmentMinor;
  if (preferred !== undefined) {
    const within = pool.filter((plan) => plan.largestInstallmentMinor <= preferred);
    if (within.length > 0) pool = within;
    else notes.push("No such plan keeps every installment within your preferred maximum; it was set aside.");
  }
  const plan = bestByCost(pool, request);
  return { plan, notes, comfortable: plan.comfortable };
}

/** The cheapest plan in present value, near-ties (within 0.1 % of the amount) broken by the research's rules. */
export function bestByCost(pool: readonly PlanEvaluation[], request: PlanRequest): PlanEvaluation {
  const cheapest = Math.min(...pool.map((plan) => plan.pvCostMinor));
  const tolerance = Math.floor((request.amountMinor * PV_TIE_SHARE_PER_MILLE) / 1000);
  const tied = pool.filter((plan) => plan.pvCostMinor <= cheapest + tolerance);
  return [...tied].sort((a, b) => tieBreak(a, b, request))[0] as PlanEvaluation;
}

function tieBreak(a: PlanEvaluation, b: PlanEvaluation, request: PlanRequest): number {
  const slack = compareOptional(b.affordability.minSlack, a.affordability.minSlack);
  if (slack !== 0) return slack;
  if (a.paymentChanges !== b.paymentChanges) return a.paymentChanges - b.paymentChanges;
  const preferred = request.preferences.period;
  if (preferred !== undefined) {
    const pa = a.spec.shape.name === preferred ? 0 : 1;
    const pb = b.spec.shape.name === preferred ? 0 : 1;
    if (pa !== pb) return pa - pb;
  }
  return a.pvCostMinor - b.pvCostMinor || a.spec.id.localeCompare(b.spec.id);
}

/** undefined sorts last. */
function compareOptional(a: Ratio | undefined, b: Ratio | undefined): number {
  if (a === undefined) return b === undefined ? 0 : 1;
  if (b === undefined) return -1;
  return compareRatio(a, b);
}

/**
 * Every plan in order: feasible before infeasible — within each, passing the stress test on income before
 * relying on savings, comfortable before tight — then by PV cost; infeasible plans by their largest shortfall.
 * The recommended plan comes first.
 */
export function rankPlans(
  plans: readonly PlanEvaluation[],
  recommended: PlanEvaluation | undefined,
): PlanEvaluation[] {
  const group = (plan: PlanEvaluation) => {
    if (plan === recommended) return 0;
    if (plan.feasible) return (plan.affordability.stress === "pass" ? 1 : 3) + (plan.comfortable ? 0 : 1);
    return plan.affordability.affordable ? 5 : 6;
  };
  const gap = (plan: PlanEvaluation) =>
    plan.affordability.shortfalls[0]?.amountMinor ?? plan.affordability.stressShortfalls[0]?.amountMinor ?? 0;
  return [...plans].sort(
    (a, b) =>
      group(a) - group(b) ||
      (a.feasible ? a.pvCostMinor - b.pvCostMinor : gap(a) - gap(b)) ||
      a.spec.id.localeCompare(b.spec.id),
  );
}

export type TradeOffLabel =
  | "recommended"
  | "cheapest"
  | "lowest burden"
  | "lowest risk"
  | "cheaper but tighter"
  | "looser but dearer";

export interface TradeOff {
  readonly plan: PlanEvaluation;
  readonly labels: readonly TradeOffLabel[];
}

/**
 * The Pareto set of the feasible plans on (PV cost, peak burden, probability of default — when scored), and
 * the labelled plans around the recommendation: the cheapest, the lowest burden, the lowest risk, the next
 * cheaper (tighter) plan and the cheapest looser one. `pareto` lists every non-dominated plan by PV cost.
 */
export function tradeOffs(
  plans: readonly PlanEvaluation[],
  recommended: PlanEvaluation | undefined,
): { labelled: TradeOff[]; pareto: PlanEvaluation[] } {
  const feasible = plans.filter((plan) => plan.feasible);
  const pareto = feasible
    .filter((plan) => !feasible.some((other) => dominates(other, plan)))
    .sort((a, b) => a.pvCostMinor - b.pvCostMinor || a.spec.id.localeCompare(b.spec.id));
  const labels = new Map<PlanEvaluation, TradeOffLabel[]>();
  const add = (plan: PlanEvaluation | undefined, label: TradeOffLabel) => {
    if (plan === undefined) return;
    labels.set(plan, [...(labels.get(plan) ?? []), label]);
  };
  add(recommended, "recommended");
  add(
    minBy(feasible, (a, b) => a.pvCostMinor - b.pvCostMinor),
    "cheapest",
  );
  add(
    minBy(feasible, (a, b) => burdenOrder(a, b) || a.pvCostMinor - b.pvCostMinor),
    "lowest burden",
  );
  if (feasible.some((plan) => plan.risk !== undefined))
    add(
      minBy(feasible, (a, b) => pdOf(a) - pdOf(b) || a.pvCostMinor - b.pvCostMinor),
      "lowest risk",
    );
  if (recommended !== undefined) {
    const cheaper = pareto.filter(
      (plan) => plan.pvCostMinor < recommended.pvCostMinor && burdenOrder(plan, recommended) > 0,
    );
    add(cheaper[cheaper.length - 1], "cheaper but tighter");
    const looser = pareto.filter(
      (plan) => burdenOrder(plan, recommended) < 0 && plan.pvCostMinor > recommended.pvCostMinor,
    );
    add(looser[0], "looser but dearer");
  }
  const labelled = [...labels.entries()]
    .map(([plan, list]) => ({ plan, labels: list }))
    .sort((a, b) => a.plan.pvCostMinor - b.plan.pvCostMinor || a.plan.spec.id.localeCompare(b.plan.spec.id));
  return { labelled, pareto };
}

/** a is no worse than b on every criterion and better on one. */
function dominates(a: PlanEvaluation, b: PlanEvaluation): boolean {
  const cost = Math.sign(a.pvCostMinor - b.pvCostMinor);
  const burden = Math.sign(burdenOrder(a, b));
  const risk = a.risk !== undefined && b.risk !== undefined ? Math.sign(pdOf(a) - pdOf(b)) : 0;
  return cost <= 0 && burden <= 0 && risk <= 0 && (cost < 0 || burden < 0 || risk < 0);
}

/** Peak burden order (a plan whose peak month has no income counts as the heaviest). */
function burdenOrder(a: PlanEvaluation, b: PlanEvaluation): number {
  const x = a.affordability.peakBurden;
  const y = b.affordability.peakBurden;
  if (x === undefined) return y === undefined ? 0 : 1;
  if (y === undefined) return -1;
  return compareRatio(x, y);
}

function pdOf(plan: PlanEvaluation): number {
  return plan.risk?.probabilityOfDefault ?? 1;
}

function minBy<T>(items: readonly T[], order: (a: T, b: T) => number): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || order(item, best) < 0) best = item;
  return best;
}
