// What the improved model suggests doing, kept apart from the score (research §4.2, "separate action signals"):
// refinance when it pays back soon, prepay only when the prepayment advice rule passes (research §2.2), a warning
// for variable rates that fail the stress test, and an offer to talk about restructuring when the loan is in
// arrears or its debt service is over the policy's cap.
import { type PrepaymentAdvice, prepaymentAdvice } from "../../planning/simulators/prepayment-advice.ts";
import { countText, moneyText, percentText } from "../../planning/simulators/summary-text.ts";
import type { Affordability } from "./health-components.ts";
import type { HealthFacts, PrepaymentFacts } from "./health-facts.ts";
import { shareText } from "./health-text.ts";

export type HealthActionKind = "refinance" | "prepay" | "rate-reset-risk" | "restructure";

export interface HealthAction {
  readonly kind: HealthActionKind;
  readonly message: string;
}

/** Refinancing is suggested only when it breaks even within this many months (and within the remaining term). */
export const REFINANCE_BREAK_EVEN_MONTHS_MAX = 24;

/**
 * The prepayment advice rule (research §2.2, src/planning/simulators/prepayment-advice.ts) on the candidate
 * prepayment: the loan's rate above the safe return, the policy's buffer kept, no dearer debt, no fee as large
 * as the interest saved.
 */
export function adviseOnPrepayment(facts: PrepaymentFacts, digits: number): PrepaymentAdvice {
  return prepaymentAdvice({ ...facts, currencyDigits: digits });
}

/** The actions for a loan, in the order: restructure, rate-reset risk, refinance, prepay (never in arrears). */
export function healthActions(facts: HealthFacts, afford: Affordability | undefined): HealthAction[] {
  const digits = facts.currencyDigits;
  const actions: HealthAction[] = [];
  const restructure = restructureReason(facts, afford);
  if (restructure !== undefined)
    actions.push({ kind: "restructure", message: `talk to us about restructuring: ${restructure}` });
  if (facts.variableRate && afford?.failsStress === true && facts.affordability !== undefined) {
    actions.push({
      kind: "rate-reset-risk",
      message: `rate-reset risk: if the variable rate rises, debt service would be ${stressedText(afford)} of the stressed income, over the ${percentText(facts.affordability.stressedMaxRatio)} stressed cap`,
    });
  }
  const refinance = facts.refinance;
  if (
    refinance !== undefined &&
    refinance.netSavingMinor > 0 &&
    refinance.breakEvenMonths !== undefined &&
    refinance.breakEvenMonths < Math.min(REFINANCE_BREAK_EVEN_MONTHS_MAX, facts.remainingMonths)
  ) {
    actions.push({
      kind: "refinance",
      message: `refinance at ${percentText(refinance.marketRate)}: saves ${moneyText(refinance.netSavingMinor, digits)} net of the ${moneyText(refinance.switchingCostMinor, digits)} switching costs (present value), break-even ${countText(refinance.breakEvenMonths, "month")}`,
    });
  }
  const prepayment = facts.prepayment;
  // In arrears, the money goes to the arrears first: no prepayment is suggested (the restructure action is).
  if (
    prepayment !== undefined &&
    facts.daysPastDue === 0 &&
    prepayment.amountMinor > 0 &&
    prepayment.interestSavedMinor > 0 &&
    adviseOnPrepayment(prepayment, digits).advisable
  ) {
    actions.push({
      kind: "prepay",
      message: `prepay ${moneyText(prepayment.amountMinor, digits)}: saves ${moneyText(prepayment.interestSavedMinor, digits)} interest, ends ${countText(prepayment.monthsEarlier, "month")} earlier`,
    });
  }
  return actions;
}

function restructureReason(facts: HealthFacts, afford: Affordability | undefined): string | undefined {
  if (facts.daysPastDue > 0) return `the loan is ${facts.daysPastDue} days past due`;
  if (afford?.overMaxRatio === true && facts.affordability !== undefined) {
    return `debt service is ${shareText(afford.debtServiceRatio)} of income, over the ${percentText(facts.affordability.maxRatio)} cap`;
  }
  return undefined;
}

function stressedText(afford: Affordability): string {
  const stressed = afford.stressedDebtServiceRatio;
  return stressed === undefined ? "all" : shareText(stressed);
}
