// The whole planning run for one borrower and one loan request: capacity, candidate plans, their evaluation,
// the recommendation and trade-offs, the goal, the custom plan, and — when nothing is affordable — what would
// make a plan affordable. Pure: the credit scorecard comes in as a function.
import { TenorError } from "../../core/errors.ts";
import { ratioToNumber } from "../../core/ratio.ts";
import { recalibrate } from "../../risk/scorecard/build-model.ts";
import { CREDIT_DATA_MODEL } from "../../risk/scorecard/fitted-model.ts";
import { scoreApplicant } from "../../risk/scorecard/score-applicant.ts";
import type { BorrowerProfile } from "../borrower-profile.ts";
import { assessCapacity } from "../capacity.ts";
import type { PolicyProfile } from "../policy-profile.ts";
import { type CandidateSet, candidateSpecs, type SkippedFamily } from "./candidates.ts";
import { type CustomPlanResult, customPlan } from "./custom-plan.ts";
import { evaluatePlan, type PlanContext, type PlanEvaluation, type ScoreFunction } from "./evaluate-plan.ts";
import { type GoalAnswer, seekGoal } from "./goal-seek.ts";
import { type NoAffordableAnswer, noAffordableAnswer, suggestionTermLimit } from "./no-affordable.ts";
import type { PlanRequest } from "./plan-request.ts";
import { type Recommendation, rankPlans, recommend, type TradeOff, tradeOffs } from "./recommend.ts";

/** Months of capacity beyond the longest term: a pay-day or yearly plan's first installment may come later. */
const HORIZON_MARGIN_MONTHS = 14;

export interface PlanResult {
  readonly context: PlanContext;
  readonly candidates: CandidateSet;
  /** Every evaluated plan, ranked (the recommended one first). */
  readonly plans: readonly PlanEvaluation[];
  /** Candidates the schedule engine refused (a payment below the interest, a rate above the cap …). */
  readonly refused: readonly SkippedFamily[];
  readonly recommendation: Recommendation | undefined;
  readonly tradeOffs: readonly TradeOff[];
  readonly pareto: readonly PlanEvaluation[];
  readonly goal: GoalAnswer | undefined;
  readonly custom: CustomPlanResult | undefined;
  readonly noAffordable: NoAffordableAnswer | undefined;
}

export interface PlanOptions {
  /** The credit scorecard: scoreApplicant by default; null leaves the plans without a probability of default. */
  readonly score?: ScoreFunction | null | undefined;
}

export function planLoan(
  profile: BorrowerProfile,
  policy: PolicyProfile,
  request: PlanRequest,
  options: PlanOptions = {},
): PlanResult {
  const candidates = candidateSpecs(request, profile, policy);
  const horizon = request.product.maxTermMonths + HORIZON_MARGIN_MONTHS;
  const context: PlanContext = {
    request,
    profile,
    policy,
    capacity: assessCapacity(profile, policy, request.startDay, horizon),
    score: options.score === null ? undefined : (options.score ?? calibratedScorecard(request)),
  };
  const evaluated: PlanEvaluation[] = [];
  const refused: SkippedFamily[] = [...candidates.skipped];
  for (const spec of candidates.specs) {
    try {
      evaluated.push(evaluatePlan(spec, context));
    } catch (error) {
      if (!(error instanceof TenorError)) throw error;
      refused.push({ family: spec.id, reason: error.issues[0]?.message ?? error.message });
    }
  }
  const recommendation = recommend(evaluated, request);
  const plans = rankPlans(evaluated, recommendation?.plan);
  const { labelled, pareto } = tradeOffs(evaluated, recommendation?.plan);
  const goal = request.goal === undefined ? undefined : seekGoal(request.goal, evaluated, context);
  const custom = request.custom === undefined ? undefined : customPlan(request.custom, context);
  let noAffordable: NoAffordableAnswer | undefined;
  if (recommendation === undefined) {
    // The searches reach beyond the product's terms: they need the capacity that far.
    const longHorizon = Math.max(horizon, suggestionTermLimit(context) + HORIZON_MARGIN_MONTHS);
    const longContext: PlanContext =
      longHorizon === horizon
        ? context
        : { ...context, capacity: assessCapacity(profile, policy, request.startDay, longHorizon) };
    noAffordable = noAffordableAnswer(evaluated, candidates, longContext);
  }
  return {
    context,
    candidates,
    plans,
    refused,
    recommendation,
    tradeOffs: labelled,
    pareto,
    goal,
    custom,
    noAffordable,
  };
}

/** The committed scorecard, calibrated to the product's portfolio bad rate when the request gives one. */
function calibratedScorecard(request: PlanRequest): ScoreFunction {
  const percent = request.product.portfolioBadRatePercent;
  if (percent === undefined) return scoreApplicant;
  // float-ok: a probability for the scorecard's prior correction, not money
  const model = recalibrate(CREDIT_DATA_MODEL, ratioToNumber(percent) / 100);
  return (input) => scoreApplicant(input, model);
}
