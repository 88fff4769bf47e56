// The default loan health score, 0–100 (research §4.2; docs/reference/health-score.md, "The improved model"):
// five weighted components — payment conduct, affordability & stress, liquidity buffer, cost efficiency and
// schedule adherence — capped by the current days past due, with each component shown in money or months and
// the suggested actions kept apart from the score. A component whose facts are missing is "not assessed" and its
// weight goes to the others in proportion, so the score stays on the 0–100 scale.
import { compareRatio, ratio } from "../../core/ratio.ts";
import type { PrepaymentAdvice } from "../../planning/simulators/prepayment-advice.ts";
import { countText, moneyText, percentText } from "../../planning/simulators/summary-text.ts";
import { checkHealthFacts } from "./check-health-facts.ts";
import { dpdCap, type HealthBand, healthBand } from "./dpd-cap.ts";
import { adviseOnPrepayment, type HealthAction, healthActions } from "./health-actions.ts";
import {
  type Affordability,
  affordability,
  BUFFER_FULL_MONTHS,
  bufferMonths,
  bufferScore,
  costScore,
  refinanceGainPercent,
  scheduleScore,
} from "./health-components.ts";
import type { HealthFacts } from "./health-facts.ts";
import { oneDecimal, shareText } from "./health-text.ts";
import { paymentConduct } from "./payment-conduct.ts";
import { roundScore } from "./round-score.ts";

export type HealthComponentKey =
  | "payment-conduct"
  | "affordability"
  | "liquidity-buffer"
  | "cost-efficiency"
  | "schedule-adherence";

/** The research's judgement-based weights (v1), in display order. */
export const HEALTH_WEIGHTS: Readonly<Record<HealthComponentKey, number>> = {
  "payment-conduct": 0.3,
  affordability: 0.3,
  "liquidity-buffer": 0.15,
  "cost-efficiency": 0.15,
  "schedule-adherence": 0.1,
};

export interface HealthComponent {
  readonly key: HealthComponentKey;
  /** The component's own weight, and its weight after the weights of components not assessed are shared out. */
  readonly weight: number;
  readonly effectiveWeight: number;
  readonly assessed: boolean;
  /** 0–100 (2 decimals); null when not assessed. */
  readonly score: number | null;
  /** effectiveWeight × score and effectiveWeight × 100 (2 decimals); points null when not assessed. */
  readonly points: number | null;
  readonly maxPoints: number;
  /** The component in money or months ("buffer 1.8 months"), or why it was not assessed. */
  readonly value: string;
}

export interface HealthScore {
  readonly model: "improved";
  /** min(cap, Σ points), 2 decimals. */
  readonly score: number;
  readonly band: HealthBand;
  /** Σ points before the cap, 2 decimals. */
  readonly uncappedScore: number;
  readonly daysPastDue: number;
  readonly cap: number;
  readonly capApplied: boolean;
  readonly components: readonly HealthComponent[];
  readonly actions: readonly HealthAction[];
  /** The prepayment advice rule's verdict on the candidate prepayment; undefined when none was given. */
  readonly prepaymentAdvice: PrepaymentAdvice | undefined;
}

interface Assessment {
  readonly score: number | undefined;
  readonly value: string;
}

/** The improved health score of one loan. Throws INVALID_HEALTH_INPUT for impossible facts. */
export function healthScore(facts: HealthFacts): HealthScore {
  checkHealthFacts(facts);
  const afford =
    facts.affordability !== undefined && facts.affordability.incomeMinor > 0
      ? affordability(facts.affordability)
      : undefined;
  const assessments: Record<HealthComponentKey, Assessment> = {
    "payment-conduct": conductAssessment(facts),
    affordability: affordabilityAssessment(facts, afford),
    "liquidity-buffer": bufferAssessment(facts),
    "cost-efficiency": costAssessment(facts),
    "schedule-adherence": scheduleAssessment(facts),
  };
  const keys = Object.keys(HEALTH_WEIGHTS) as HealthComponentKey[];
  const assessedWeight = keys.reduce(
    (sum, key) => sum + (assessments[key].score === undefined ? 0 : HEALTH_WEIGHTS[key]),
    0,
  );
  let total = 0;
  const components = keys.map((key): HealthComponent => {
    const { score, value } = assessments[key];
    const effectiveWeight = score === undefined ? 0 : HEALTH_WEIGHTS[key] / assessedWeight;
    if (score !== undefined) total += effectiveWeight * score;
    return {
      key,
      weight: HEALTH_WEIGHTS[key],
      effectiveWeight,
      assessed: score !== undefined,
      score: score === undefined ? null : roundScore(score),
      points: score === undefined ? null : roundScore(effectiveWeight * score),
      maxPoints: roundScore(effectiveWeight * 100),
      value,
    };
  });
  const cap = dpdCap(facts.daysPastDue);
  const score = roundScore(Math.min(cap, total));
  return {
    model: "improved",
    score,
    band: healthBand(score),
    uncappedScore: roundScore(total),
    daysPastDue: facts.daysPastDue,
    cap,
    capApplied: total > cap,
    components,
    actions: healthActions(facts, afford),
    prepaymentAdvice:
      facts.prepayment === undefined ? undefined : adviseOnPrepayment(facts.prepayment, facts.currencyDigits),
  };
}

function conductAssessment(facts: HealthFacts): Assessment {
  const conduct = paymentConduct(facts.dueDates, facts.graceDays);
  if (conduct === undefined)
    return { score: undefined, value: "not assessed: no installment has fallen due yet" };
  const bands: [number, string][] = [
    [conduct.late1To30, "by 1–30 days"],
    [conduct.late31To60, "by 31–60 days"],
    [conduct.lateOver60, "by more than 60 days"],
  ];
  const late = bands.filter(([count]) => count !== 0).map(([count, by]) => `${count} late ${by}`);
  const lateText = late.length === 0 ? "" : `; ${late.join(", ")} (worst ${conduct.worstDaysLate} days)`;
  return {
    score: conduct.score,
    value: `${conduct.onTime} of the last ${conduct.scored} due dates settled on time${lateText}`,
  };
}

function affordabilityAssessment(facts: HealthFacts, afford: Affordability | undefined): Assessment {
  const given = facts.affordability;
  if (given === undefined || afford === undefined) {
    const reason = given === undefined ? "no borrower profile given" : "no income given";
    return { score: undefined, value: `not assessed: ${facts.notAssessedReasons?.affordability ?? reason}` };
  }
  const digits = facts.currencyDigits;
  const stressed = afford.stressedDebtServiceRatio;
  const parts = [
    `debt service ${moneyText(given.debtServiceMinor, digits)} a month, ${shareText(afford.debtServiceRatio)} of income`,
    `stressed ${stressed === undefined ? "(no income left)" : shareText(stressed)} against a ${percentText(given.stressedMaxRatio)} cap`,
    `${moneyText(given.residualMinor, digits)} a month left after essentials and debts (floor ${moneyText(given.residualFloorMinor, digits)})`,
  ];
  return { score: afford.score, value: parts.join("; ") };
}

function bufferAssessment(facts: HealthFacts): Assessment {
  if (facts.buffer === undefined) {
    const reason = facts.notAssessedReasons?.["liquidity-buffer"] ?? "no borrower profile given";
    return { score: undefined, value: `not assessed: ${reason}` };
  }
  const months = bufferMonths(facts.buffer);
  return {
    score: bufferScore(facts.buffer),
    value:
      months === undefined
        ? "buffer unlimited: no monthly outgoings"
        : `buffer ${oneDecimal(months)} months of essentials and debt service (${BUFFER_FULL_MONTHS} or more scores full)`,
  };
}

function costAssessment(facts: HealthFacts): Assessment {
  const refinance = facts.refinance;
  if (refinance === undefined) {
    const reason = facts.notAssessedReasons?.["cost-efficiency"] ?? "no market rate given";
    return { score: undefined, value: `not assessed: ${reason}` };
  }
  const digits = facts.currencyDigits;
  const balance = facts.schedule.balanceMinor;
  const gain = refinanceGainPercent(refinance, balance);
  const saving = moneyText(refinance.netSavingMinor, digits);
  const value =
    compareRatio(gain, ratio(0n, 1n)) > 0
      ? `refinancing at ${percentText(refinance.marketRate)} would save ${saving} net (${shareText(ratio(gain.num, gain.den * 100n))} of the balance)${refinance.breakEvenMonths === undefined ? "" : `, break-even ${countText(refinance.breakEvenMonths, "month")}`}`
      : `refinancing at ${percentText(refinance.marketRate)} would not pay: ${saving} net of switching costs`;
  return { score: costScore(refinance, balance), value };
}

function scheduleAssessment(facts: HealthFacts): Assessment {
  const { balanceMinor, scheduledBalanceMinor } = facts.schedule;
  const digits = facts.currencyDigits;
  const difference = balanceMinor - scheduledBalanceMinor;
  const value =
    difference > 0
      ? `${moneyText(difference, digits)} behind schedule (balance ${moneyText(balanceMinor, digits)}, planned ${moneyText(scheduledBalanceMinor, digits)})`
      : difference < 0
        ? `${moneyText(-difference, digits)} ahead of schedule`
        : "on schedule";
  return { score: scheduleScore(facts.schedule), value };
}
