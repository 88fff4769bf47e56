// Searches over exact schedules: the largest amount a plan shape keeps affordable (bisection on the amount), and
// the shortest term at which a shape becomes affordable (a scan beyond the product's range). Each step builds
// the real schedule and checks it month by month against the capacity, so the answers are exact for what they
// name, not a formula's approximation.
import { TenorError } from "../../core/errors.ts";
import { makeSpec } from "./candidates.ts";
import { checkPlan, installmentTotals, type PlanCheck, type PlanContext } from "./evaluate-plan.ts";
import { installmentsForTerm, termUnitMonths } from "./plan-periods.ts";
import type { PlanSpec } from "./plan-spec.ts";

export type CheckPredicate = (check: PlanCheck) => boolean;

/** Affordable in every month and under stress (with or without savings). */
export const feasibleCheck: CheckPredicate = (check) =>
  check.affordability.affordable && check.affordability.stress !== "fail";

/** The check of `spec` at `amountMinor`, or undefined when the engine refuses the terms. */
export function tryCheck(spec: PlanSpec, context: PlanContext, amountMinor: number): PlanCheck | undefined {
  try {
    return checkPlan(spec, context, amountMinor);
  } catch (error) {
    if (error instanceof TenorError) return undefined;
    throw error;
  }
}

/**
 * The largest amount below `aboveMinor` (which fails) at which `spec` satisfies `accept`, to a resolution of one
 * major unit or 0.1 % of `aboveMinor`, whichever is larger — undefined when even one resolution step fails.
 * Bisection assumes acceptance falls as the amount grows, which holds for every plan shape here: each
 * installment grows with the amount.
 */
export function largestAmount(
  spec: PlanSpec,
  context: PlanContext,
  aboveMinor: number,
  accept: CheckPredicate = feasibleCheck,
): number | undefined {
  const unit = 10 ** context.request.currency.digits; // float-ok: 10^digits, an exact small integer
  const resolution = Math.max(unit, Math.floor(aboveMinor / 1000 / unit) * unit);
  const passes = (amount: number) => {
    const check = tryCheck(spec, context, amount);
    return check !== undefined && accept(check);
  };
  if (aboveMinor <= resolution || !passes(resolution)) return undefined;
  let lo = resolution; // passes
  let hi = aboveMinor; // fails
  while (hi - lo > resolution) {
    const mid = lo + Math.floor((hi - lo) / 2 / resolution) * resolution;
    if (mid <= lo) break;
    if (passes(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The shortest term above `fromMonths`, up to `toMonths`, at which one of `shapes` (specs differing only in
 * term) satisfies `accept` at the request's amount: scanned a year at a time, then refined period by period
 * within the year found. Undefined when none does.
 */
export function shortestTerm(
  families: readonly PlanSpec[],
  context: PlanContext,
  fromMonths: number,
  toMonths: number,
  accept: CheckPredicate = feasibleCheck,
): PlanSpec | undefined {
  const atTerm = (family: PlanSpec, term: number): PlanSpec | undefined => {
    if (term % termUnitMonths(family.shape) !== 0) return undefined;
    const installments = installmentsForTerm(family.shape, term);
    if (installments === undefined) return undefined;
    return makeSpec(family.shape, term, installments, family.loanType, family.method);
  };
  const passing = (term: number): PlanSpec | undefined => {
    for (const family of families) {
      const spec = atTerm(family, term);
      if (spec === undefined) continue;
      const check = tryCheck(spec, context, context.request.amountMinor);
      if (check !== undefined && accept(check)) return spec;
    }
    return undefined;
  };
  let found: PlanSpec | undefined;
  let yearStart = fromMonths;
  for (let term = Math.ceil((fromMonths + 1) / 12) * 12; term <= toMonths; term += 12) {
    found = passing(term);
    if (found !== undefined) break;
    yearStart = term;
  }
  if (found === undefined) return undefined;
  for (let term = yearStart + 1; term < found.termMonths; term++) {
    const earlier = passing(term);
    if (earlier !== undefined) return earlier;
  }
  return found;
}

/** The largest installment of a checked plan. */
export function largestInstallment(check: PlanCheck): number {
  return Math.max(...installmentTotals(check.schedule));
}
