// The candidate plans of a request (research §2.2 step 1): every period the product allows (monthly, quarterly,
// yearly, aligned to the borrower's pay dates) × a grid of terms within the product's range and the policy's
// maximum × loan type × payment method — level; step-up or step-down following the borrower's expected income
// growth; seasonal tiers following the month-by-month capacity; a balloon when product and policy allow it; an
// interest-only grace at the start. A family that does not apply is listed with the reason, never dropped
// silently. The grid keeps at most 8 terms per period, so a request yields at most a few hundred plans.
import { addRatio, compareRatio, mulRatio, type Ratio, ratio, ratioFromInt } from "../../core/ratio.ts";
import { roundDivBig } from "../../core/rounding.ts";
import type { BorrowerProfile } from "../borrower-profile.ts";
import type { PolicyProfile } from "../policy-profile.ts";
import {
  fixedPeriodShape,
  installmentsForTerm,
  installmentsPerYear,
  installmentsWithin,
  type PeriodShape,
  payDayShape,
  termUnitMonths,
} from "./plan-periods.ts";
import type { PlanLoanType, PlanRequest } from "./plan-request.ts";
import type { PlanMethod, PlanSpec } from "./plan-spec.ts";
import { percentText } from "./plan-terms.ts";

export interface SkippedFamily {
  /** The family or plan: "step-up", "yearly", "monthly-36m-annuity-seasonal". */
  readonly family: string;
  readonly reason: string;
}

export interface CandidateSet {
  readonly specs: readonly PlanSpec[];
  readonly skipped: readonly SkippedFamily[];
  /** The period shapes in use (pay-day resolved to the borrower's main income). */
  readonly shapes: readonly PeriodShape[];
  /** The longest term allowed: the product's maximum, or the policy's if lower. */
  readonly maxTermMonths: number;
}

/** At most this many terms per period. */
export const MAX_TERMS_PER_PERIOD = 8;
const GRID_STEPS = [1, 3, 6, 12, 24, 36, 60, 120];
/** Step-up installments rise at most half as fast as income is expected to (research §2.2, "Step-up"). */
const STEP_UP_SHARE = ratio(1n, 2n);
/** Balloon candidates: the product's maximum and the multiples of 10 % below it, the largest three. */
const BALLOON_LEVELS = 3;

export function candidateSpecs(
  request: PlanRequest,
  profile: BorrowerProfile,
  policy: PolicyProfile,
): CandidateSet {
  const product = request.product;
  const skipped: SkippedFamily[] = [];
  const maxTermMonths = Math.min(product.maxTermMonths, policy.maxTermMonths ?? product.maxTermMonths);
  if (maxTermMonths < product.minTermMonths) {
    skipped.push({
      family: "all",
      reason: `policy "${policy.id}" allows terms of at most ${policy.maxTermMonths} months, below the product's shortest term of ${product.minTermMonths} months`,
    });
    return { specs: [], skipped, shapes: [], maxTermMonths };
  }
  const shapes: PeriodShape[] = [];
  for (const name of product.periods) {
    if (name !== "pay-day") shapes.push(fixedPeriodShape(name));
    else {
      const aligned = payDayShape(profile, request.startDay);
      if ("shape" in aligned) shapes.push(aligned.shape);
      else skipped.push({ family: "pay-day", reason: aligned.reason });
    }
  }
  const methods = methodFamilies(request, profile, policy, skipped);
  const specs: PlanSpec[] = [];
  if (methods.some((choice) => choice.method.kind === "seasonal")) {
    for (const shape of shapes.filter((s) => s.termsPeriod !== "monthly"))
      skipped.push({
        family: `${shape.name} seasonal`,
        reason: `seasonal tiers share each month's capacity among monthly installments; ${shape.termsPeriod} installments are not shaped`,
      });
  }
  for (const shape of shapes) {
    const terms = termGrid(product.minTermMonths, maxTermMonths, termUnitMonths(shape));
    if (terms.length === 0) {
      skipped.push({
        family: shape.name,
        reason: `no term between ${product.minTermMonths} and ${maxTermMonths} months is a whole number of ${shape.termsPeriod} periods`,
      });
      continue;
    }
    for (const termMonths of terms) {
      const installments = installmentsForTerm(shape, termMonths);
      if (installments === undefined) continue;
      for (const { loanType, method } of methods) {
        const spec = makeSpec(shape, termMonths, installments, loanType, method);
        if (spec !== undefined) specs.push(spec);
      }
    }
  }
  return { specs, skipped, shapes, maxTermMonths };
}

/** One spec, or undefined when the method does not fit this period and term (grace as long as the loan). */
export function makeSpec(
  shape: PeriodShape,
  termMonths: number,
  installments: number,
  loanType: PlanLoanType,
  method: PlanMethod | { readonly kind: "grace-months"; readonly months: number },
): PlanSpec | undefined {
  let resolved: PlanMethod;
  if (method.kind === "grace-months") {
    const graceInstallments = installmentsWithin(shape, method.months);
    if (graceInstallments < 1 || graceInstallments >= installments) return undefined;
    resolved = { kind: "grace", installments: graceInstallments };
  } else resolved = method;
  if (installments < 2 && resolved.kind !== "standard") return undefined;
  // Seasonal tiers share a month's capacity among the installments due in it: whole monthly installments only
  // (two-weekly ones already follow each pay; quarterly and yearly ones would leave the other months unused).
  if (resolved.kind === "seasonal" && shape.termsPeriod !== "monthly") return undefined;
  // A yearly step needs more than a year of installments to happen at all.
  const stepped = resolved.kind === "step-up" || resolved.kind === "step-down";
  if (stepped && installments <= installmentsPerYear(shape)) return undefined;
  return {
    id: `${shape.name}-${termMonths}m-${loanType}-${methodTag(resolved)}`,
    shape,
    termMonths,
    installments,
    loanType,
    method: resolved,
  };
}

function methodTag(method: PlanMethod): string {
  switch (method.kind) {
    case "standard":
    case "seasonal":
    case "custom":
      return method.kind;
    case "step-up":
    case "step-down":
      return `${method.kind}-${percentText(method.changePercent).replace("-", "")}`;
    case "balloon":
      return `balloon-${percentText(method.percent)}`;
    case "grace":
      return `grace-${method.installments}`;
  }
}

type MethodChoice = {
  readonly loanType: PlanLoanType;
  readonly method: PlanMethod | { readonly kind: "grace-months"; readonly months: number };
};

/** The (loan type, method) pairs that apply to this borrower, product and policy. */
function methodFamilies(
  request: PlanRequest,
  profile: BorrowerProfile,
  policy: PolicyProfile,
  skipped: SkippedFamily[],
): MethodChoice[] {
  const product = request.product;
  const allowed = (name: string) => (product.paymentMethods as readonly string[]).includes(name);
  const annuity = product.loanTypes.includes("annuity");
  const choices: MethodChoice[] = [];
  if (allowed("standard"))
    for (const loanType of product.loanTypes) choices.push({ loanType, method: { kind: "standard" } });
  const annuityOnly = (family: string) => {
    if (annuity) return true;
    skipped.push({
      family,
      reason: `${family} installments need the annuity loan type, which the product does not offer`,
    });
    return false;
  };
  const growth = expectedIncomeGrowth(profile);
  if (allowed("step-up") && annuityOnly("step-up")) {
    const change = floorPercent(mulRatio(mulRatio(growth, STEP_UP_SHARE), ratioFromInt(100)));
    if (change.num > 0n)
      choices.push({ loanType: "annuity", method: { kind: "step-up", changePercent: change } });
    else
      skipped.push({
        family: "step-up",
        reason:
          "the borrower's income is not expected to grow, so rising installments would raise the burden",
      });
  }
  if (allowed("step-down") && annuityOnly("step-down")) {
    const change = floorPercent(mulRatio(growth, ratioFromInt(100)));
    if (change.num < 0n && compareRatio(change, ratio(-50n, 1n)) > 0)
      choices.push({ loanType: "annuity", method: { kind: "step-down", changePercent: change } });
    else
      skipped.push({
        family: "step-down",
        reason:
          change.num < 0n
            ? "the borrower's income is expected to fall by half or more a year: no yearly step-down can follow it"
            : "the borrower's income is not expected to fall; the level and seasonal plans already follow it",
      });
  }
  if (allowed("seasonal") && annuityOnly("seasonal"))
    choices.push({ loanType: "annuity", method: { kind: "seasonal" } });
  if (allowed("balloon") && annuityOnly("balloon")) {
    if (!policy.allowBalloon)
      skipped.push({ family: "balloon", reason: `policy "${policy.id}" does not allow balloon payments` });
    else
      for (const percent of balloonLevels(product.maxBalloonPercent))
        choices.push({ loanType: "annuity", method: { kind: "balloon", percent } });
  }
  if (allowed("grace")) {
    if (!policy.allowInterestOnly)
      skipped.push({ family: "grace", reason: `policy "${policy.id}" does not allow interest-only periods` });
    else
      for (const loanType of product.loanTypes)
        choices.push({ loanType, method: { kind: "grace-months", months: product.maxGraceMonths } });
  }
  return choices;
}

/**
 * The borrower's expected income growth a year: each stream's growth weighted by its yearly amount (streams
 * already ended at no weight). Zero without income.
 */
export function expectedIncomeGrowth(profile: BorrowerProfile): Ratio {
  let weighted = ratioFromInt(0);
  let total = 0n;
  for (const stream of profile.incomes) {
    const yearly = BigInt(stream.amountMinor * PER_YEAR[stream.frequency]);
    weighted = addRatio(weighted, mulRatio(stream.growthPerYear, ratio(yearly, 1n)));
    total += yearly;
  }
  return total === 0n ? ratioFromInt(0) : mulRatio(weighted, ratio(1n, total));
}

const PER_YEAR = {
  weekly: 52,
  biweekly: 26,
  "semi-monthly": 24,
  monthly: 12,
  quarterly: 4,
  "semi-annual": 2,
  yearly: 1,
} as const;

/** A percent rounded down (toward −∞) to 2 decimals, so a step-up never exceeds its bound. */
function floorPercent(percent: Ratio): Ratio {
  return ratio(roundDivBig(percent.num * 100n, percent.den, "floor"), 100n);
}

function balloonLevels(max: Ratio): Ratio[] {
  const levels: Ratio[] = [max];
  // The multiples of 10 strictly below the maximum, largest first.
  let tens = roundDivBig(max.num, max.den * 10n, "ceiling") - 1n;
  while (levels.length < BALLOON_LEVELS && tens >= 1n) {
    levels.unshift(ratio(tens * 10n, 1n));
    tens -= 1n;
  }
  return levels;
}

/**
 * Terms from `min` to `max` months that are whole multiples of `unit`: both ends and the multiples of the
 * smallest step (1, 3, 6, 12, 24 … months) that keeps at most MAX_TERMS_PER_PERIOD of them.
 */
export function termGrid(min: number, max: number, unit: number): number[] {
  const lo = Math.ceil(min / unit) * unit;
  const hi = Math.floor(max / unit) * unit;
  if (lo > hi) return [];
  let points: number[] = [];
  for (const step of GRID_STEPS) {
    if (step < unit || step % unit !== 0) continue;
    const set = new Set<number>([lo, hi]);
    for (let term = (Math.floor(lo / step) + 1) * step; term < hi; term += step) set.add(term);
    points = [...set].sort((a, b) => a - b);
    if (points.length <= MAX_TERMS_PER_PERIOD) return points;
  }
  return points;
}
