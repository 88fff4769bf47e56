// A custom plan: installment amounts the borrower proposes (research §2.1, "Flexible"). Tenor checks them
// against the product — period, term range, balloon and interest-only rules — rolls the balance forward with the
// product's rate to refuse amounts that do not cover their interest (negative amortisation) or that repay the
// loan before the plan ends, completes the schedule (the final installment repays the rest) and evaluates it
// against the borrower's capacity like any candidate. Amounts are principal + interest; the product's fees, if
// any, come on top.
import type { Issue } from "../../core/errors.ts";
import { TenorError } from "../../core/errors.ts";
import { buildPeriods } from "../../schedule/due-dates.ts";
import { originationFees } from "../../schedule/fees.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import { buildRates, periodInterest, rateOf } from "../../schedule/rate-factors.ts";
import { evaluatePlan, type PlanContext, type PlanEvaluation } from "./evaluate-plan.ts";
import {
  fixedPeriodShape,
  installmentsWithin,
  type PeriodShape,
  payDayShape,
  termForInstallments,
} from "./plan-periods.ts";
import type { CustomPlanRequest, CustomTier } from "./plan-request.ts";
import type { PlanSpec } from "./plan-spec.ts";
import { balloonMinor, planDocument } from "./plan-terms.ts";
import { moneyText } from "./plan-text.ts";

export type CustomPlanResult =
  | { readonly status: "refused"; readonly issues: readonly Issue[] }
  | {
      readonly status: "accepted";
      readonly plan: PlanEvaluation;
      /** What the borrower proposed for the last installment, and what repays the loan exactly. */
      readonly proposedLastMinor: number;
      readonly completedLastMinor: number;
      readonly notes: readonly string[];
    };

/** A payment more than twice every other one is a balloon (the US Regulation Z definition, §1026.18(s)(5)(i)). */
const BALLOON_MULTIPLE = 2;

export function customPlan(custom: CustomPlanRequest, context: PlanContext): CustomPlanResult {
  const { request, policy } = context;
  const product = request.product;
  const money = (minor: number) => moneyText(minor, request.currency);
  const issues: Issue[] = [];
  const shape = customShape(custom, context);
  if ("reason" in shape)
    return refuse([{ field: "custom.period", value: custom.period, message: shape.reason }]);
  const count = Math.max(...custom.tiers.map((tier) => tier.to));
  const termMonths = termForInstallments(shape, count);
  const maxTerm = Math.min(product.maxTermMonths, policy.maxTermMonths ?? product.maxTermMonths);
  if (termMonths < product.minTermMonths || termMonths > maxTerm) {
    issues.push({
      field: "custom.installments",
      value: count,
      message: `gives ${count} ${shape.termsPeriod} installments, a term of ${termMonths} months; the product allows ${product.minTermMonths} to ${maxTerm} months`,
    });
    return refuse(issues);
  }
  const spec: PlanSpec = {
    id: `custom-${shape.name}-${termMonths}m`,
    shape,
    termMonths,
    installments: count,
    loanType: "annuity",
    method: { kind: "custom", tiers: custom.tiers },
  };
  const document = planDocument(spec, request, {
    amountMinor: request.amountMinor,
    rateText: product.interest.rateText,
    capacity: context.capacity,
    withRateCap: false,
  });
  const roll = rollForward(document, custom.tiers, money);
  issues.push(...roll.issues);
  if (roll.interestOnly > 0) {
    const only = `pays only interest in ${roll.interestOnly} installment${roll.interestOnly === 1 ? "" : "s"}`;
    const graceAllowed = product.paymentMethods.includes("grace") && policy.allowInterestOnly;
    const most = installmentsWithin(shape, product.maxGraceMonths);
    if (!graceAllowed || roll.interestOnly > most) {
      issues.push({
        field: "custom.installments",
        value: roll.interestOnly,
        message: graceAllowed
          ? `${only}; the product allows at most ${most} (${product.maxGraceMonths} months)`
          : `${only}; ${policy.allowInterestOnly ? "the product does not offer a grace period" : `policy "${policy.id}" does not allow interest-only periods`}`,
      });
    }
  }
  if (issues.length > 0) return refuse(issues);

  let plan: PlanEvaluation;
  try {
    plan = evaluatePlan(spec, context);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    return refuse(error.issues.map((issue) => ({ ...issue, field: "custom.installments" })));
  }
  const totals = plan.installmentTotals;
  const completedLastMinor = totals[totals.length - 1] ?? 0;
  const others = plan.schedule.columns.principalMinor
    .slice(0, -1)
    .map((p, i) => p + (plan.schedule.columns.interestMinor[i] as number));
  const largestOther = Math.max(0, ...others);
  const lastPrincipalInterest =
    (plan.schedule.columns.principalMinor.at(-1) ?? 0) + (plan.schedule.columns.interestMinor.at(-1) ?? 0);
  const lastTierIndex = custom.tiers.findIndex((tier) => tier.to === count);
  if (others.length > 0 && lastPrincipalInterest > BALLOON_MULTIPLE * largestOther) {
    const balloonAllowed = product.paymentMethods.includes("balloon") && policy.allowBalloon;
    const limit = balloonMinor(request.amountMinor, product.maxBalloonPercent);
    if (!balloonAllowed || lastPrincipalInterest - largestOther > limit) {
      return refuse([
        {
          field: `custom.installments[${lastTierIndex}].amount`,
          value: money(lastPrincipalInterest),
          message: `the final installment would be ${money(lastPrincipalInterest)}, more than twice your largest other installment (${money(largestOther)}): a balloon payment, which ${balloonAllowed ? `may be at most ${money(limit)} here` : "this product and policy do not allow"}; raise the earlier amounts`,
        },
      ]);
    }
  }
  const proposedLastMinor = custom.tiers[lastTierIndex]?.amountMinor ?? 0;
  return {
    status: "accepted",
    plan,
    proposedLastMinor,
    completedLastMinor,
    notes: [
      `The final installment repays what remains: ${money(lastPrincipalInterest)} of principal and interest (you proposed ${money(proposedLastMinor)})${completedLastMinor !== lastPrincipalInterest ? `, ${money(completedLastMinor)} with fees` : ""}.`,
    ],
  };
}

function refuse(issues: readonly Issue[]): CustomPlanResult {
  return { status: "refused", issues };
}

function customShape(custom: CustomPlanRequest, context: PlanContext): PeriodShape | { reason: string } {
  if (custom.period !== "pay-day") return fixedPeriodShape(custom.period);
  const aligned = payDayShape(context.profile, context.request.startDay);
  return "shape" in aligned ? aligned.shape : { reason: `cannot align to a pay date: ${aligned.reason}` };
}

/**
 * Rolls the balance forward with the engine's own period rates: each proposed amount before the last must
 * cover its period's interest, and must not repay the loan before the last installment.
 */
function rollForward(
  document: Record<string, unknown>,
  tiers: readonly CustomTier[],
  money: (minor: number) => string,
): { issues: Issue[]; interestOnly: number } {
  const terms = parseTerms(document);
  const rate = terms.interest.rate;
  const issues: Issue[] = [];
  if (rate === undefined) return { issues, interestOnly: 0 };
  const rates = buildRates(terms, buildPeriods(terms), rate);
  const n = terms.installmentCount;
  let balance = terms.principalMinor + originationFees(terms).financedMinor;
  let interestOnly = 0;
  for (let i = 0; i < n - 1; i++) {
    const tierIndex = tiers.findIndex((tier) => i + 1 >= tier.from && i + 1 <= tier.to);
    const payment = tiers[tierIndex]?.amountMinor ?? 0;
    const interest = periodInterest(balance, rateOf(rates, i), terms.interest.kind, terms.rounding.mode);
    const field = `custom.installments[${tierIndex}].amount`;
    if (payment < interest) {
      issues.push({
        field,
        value: money(payment),
        message: `installment ${i + 1} pays ${money(payment)} but its interest is ${money(interest)}: each installment must cover its interest (no negative amortisation)`,
      });
      return { issues, interestOnly };
    }
    if (payment === interest) interestOnly += 1;
    balance -= Math.min(balance, payment - interest);
    if (balance === 0) {
      issues.push({
        field,
        value: money(payment),
        message: `the amounts repay the loan at installment ${i + 1} of ${n}: end the plan there or lower the amounts`,
      });
      return { issues, interestOnly };
    }
  }
  return { issues, interestOnly };
}
