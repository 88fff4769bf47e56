// `tenor plan`: the plan document `{"borrower": {…}, "request": {…}, "policy": "default"}` in, a JSON-ready answer
// out (docs/reference/plan-request.md): the capacity with its explanation, the recommended plan and the trade-off
// set with full schedules, every evaluated plan ranked with its figures and reasons, the goal and the custom
// plan — or, when no plan is affordable, the answer that says so and what would make one affordable.
import { formatIsoDate } from "../../core/calendar-date.ts";
import { type Issue, prefixIssue, TenorError } from "../../core/errors.ts";
import { formatMinor } from "../../core/money.ts";
import { ratio } from "../../core/ratio.ts";
import { INVALID, TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import type { BorrowerProfile } from "../borrower-profile.ts";
import type { CapacityAssessment } from "../capacity-types.ts";
import { parseBorrowerProfile } from "../parse-borrower-profile.ts";
import type { PolicyProfile } from "../policy-profile.ts";
import { resolvePolicy } from "../policy-registry.ts";
import type { ScoreFunction } from "./evaluate-plan.ts";
import { parsePlanRequest } from "./parse-plan-request.ts";
import { type PlanResult, planLoan } from "./plan-loan.ts";
import { type PlanOutput, planOutput } from "./plan-output.ts";
import type { PlanRequest } from "./plan-request.ts";
import { percentText } from "./plan-terms.ts";
import { percentValue, planLabel } from "./plan-text.ts";

export interface PlanDocumentOptions {
  /** The credit scorecard: scoreApplicant by default; null for none. */
  readonly score?: ScoreFunction | null | undefined;
}

export interface CapacityMonthOutput {
  month: string;
  income: string;
  essentialExpenses: string;
  existingDebt: string;
  capacity: string;
  comfortCapacity: string;
  stressedCapacity: string;
  binding: string;
}

export interface PlanAnswer {
  currency: string;
  policy: { id: string; name: string; version: string; effectiveFrom: string };
  request: {
    amount: string;
    startDate: string;
    termMonths: { min: number; max: number };
    interest: string;
    freePrepayment: boolean;
    opportunityRatePercent: string;
  };
  capacity: {
    explanation: string[];
    lowest: string;
    lowestMonth: string;
    lowestStressed: string;
    /** The first 12 months. */
    months: CapacityMonthOutput[];
  };
  summary: string[];
  recommended: PlanOutput | null;
  recommendationNotes: string[];
  tradeOffs: { labels: string[]; plan: PlanOutput }[];
  pareto: string[];
  plans: PlanOutput[];
  skipped: { family: string; reason: string }[];
  goal: {
    goal: Record<string, unknown>;
    solved: boolean;
    plan: PlanOutput | null;
    alternative: PlanOutput | null;
    explanation: string[];
  } | null;
  custom:
    | { status: "refused"; code: "INVALID_PLAN_REQUEST"; issues: Issue[] }
    | { status: "accepted"; plan: PlanOutput; notes: string[] }
    | null;
  noAffordable: {
    message: string;
    suggestions: string[];
    closest: PlanOutput | null;
    largestAmount: PlanOutput | null;
    longerTerm: PlanOutput | null;
  } | null;
}

const DOCUMENT_FIELDS = ["borrower", "request", "policy"];

/**
 * Plan document in, answer out. Throws the first failing part's TenorError (INVALID_PROFILE,
 * INVALID_PLAN_REQUEST or INVALID_POLICY) listing the issues of every part, each field prefixed with its part
 * (`borrower.incomes[0].amount`, `request.product.term.minMonths`, `policy`).
 */
export function planFromDocument(document: unknown, options: PlanDocumentOptions = {}): PlanAnswer {
  const { profile, request, policy } = readPlanDocument(document);
  return planAnswer(planLoan(profile, policy, request, { score: options.score }));
}

function readPlanDocument(document: unknown): {
  profile: BorrowerProfile;
  request: PlanRequest;
  policy: PolicyProfile;
} {
  const reader = new TermsReader();
  const doc = reader.object(
    document,
    "(document)",
    DOCUMENT_FIELDS,
    '{"borrower": {…}, "request": {…}, "policy": "default"}',
  );
  if (doc === INVALID) throw new TenorError("INVALID_PLAN_REQUEST", reader.issues);
  const failures: TenorError[] = [];
  const attempt = <T>(read: () => T, prefix: string): T | undefined => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof TenorError)) throw error;
      failures.push(
        new TenorError(
          error.code,
          error.issues.map((issue) => prefixIssue(issue, prefix)),
        ),
      );
      return undefined;
    }
  };
  const profile = attempt(() => parseBorrowerProfile(doc.borrower), "borrower");
  const request = attempt(() => parsePlanRequest(doc.request, profile?.currency.code), "request");
  // resolvePolicy names its own field ("policy", "policy.maxPercent").
  const policy = attempt(() => resolvePolicy(doc.policy), "");
  const unknown = reader.issues;
  const first = failures[0];
  if (first !== undefined || unknown.length > 0) {
    const issues = [...unknown, ...failures.flatMap((failure) => failure.issues)];
    throw new TenorError(first?.code ?? "INVALID_PLAN_REQUEST", issues);
  }
  if (profile === undefined || request === undefined || policy === undefined) {
    throw new Error("Tenor internal error: a plan document part is missing without an issue");
  }
  return { profile, request, policy };
}

/** The JSON-ready answer of a planning run. */
export function planAnswer(result: PlanResult): PlanAnswer {
  const { context, recommendation } = result;
  const { request, policy, capacity } = context;
  const digits = request.currency.digits;
  const money = (minor: number) => formatMinor(minor, digits);
  const full = new Set([recommendation?.plan, ...result.tradeOffs.map((t) => t.plan)]);
  const rankOf = new Map(result.plans.map((plan, index) => [plan, index + 1]));
  const output = (plan: (typeof result.plans)[number], forceFull = false) =>
    planOutput(plan, context, { rank: rankOf.get(plan) ?? null, full: forceFull || full.has(plan) });
  // The ranked list is all summaries: the full plans are in `recommended` and `tradeOffs`.
  const summary = (plan: (typeof result.plans)[number]) =>
    planOutput(plan, context, { rank: rankOf.get(plan) ?? null, full: false });
  const feasible = result.plans.filter((plan) => plan.feasible).length;
  const overview = [
    `${result.plans.length} plans evaluated for ${money(request.amountMinor)} ${request.currency.code}; ${feasible} affordable every month and under the stress test of policy "${policy.id}".`,
  ];
  if (recommendation !== undefined) overview.push(`Recommended: ${planLabel(recommendation.plan.spec)}.`);
  if (request.product.freePrepayment)
    overview.push("Every plan may be prepaid at any time without a fee: paying early only saves interest.");
  return {
    currency: request.currency.code,
    policy: {
      id: policy.id,
      name: policy.name,
      version: policy.version,
      effectiveFrom: policy.effectiveFrom,
    },
    request: {
      amount: money(request.amountMinor),
      startDate: formatIsoDate(request.startDay),
      termMonths: { min: request.product.minTermMonths, max: request.product.maxTermMonths },
      interest: `${percentValue(request.product.interest.ratePercent)} a ${request.product.interest.per}, ${request.product.interest.type}`,
      freePrepayment: request.product.freePrepayment,
      opportunityRatePercent: percentText(
        ratio(request.preferences.opportunityRate.num * 100n, request.preferences.opportunityRate.den),
      ),
    },
    capacity: capacityOutput(capacity, money),
    summary: overview,
    recommended: recommendation === undefined ? null : output(recommendation.plan),
    recommendationNotes: [...(recommendation?.notes ?? [])],
    tradeOffs: result.tradeOffs.map((t) => ({ labels: [...t.labels], plan: output(t.plan) })),
    pareto: result.pareto.map((plan) => plan.spec.id),
    plans: result.plans.map(summary),
    skipped: result.refused.map((s) => ({ family: s.family, reason: s.reason })),
    goal:
      result.goal === undefined
        ? null
        : {
            goal: goalDocument(result.goal.goal, money),
            solved: result.goal.solved,
            plan: result.goal.plan === undefined ? null : output(result.goal.plan, true),
            alternative: result.goal.alternative === undefined ? null : output(result.goal.alternative, true),
            explanation: [...result.goal.explanation],
          },
    custom:
      result.custom === undefined
        ? null
        : result.custom.status === "refused"
          ? { status: "refused", code: "INVALID_PLAN_REQUEST", issues: [...result.custom.issues] }
          : { status: "accepted", plan: output(result.custom.plan, true), notes: [...result.custom.notes] },
    noAffordable:
      result.noAffordable === undefined
        ? null
        : {
            message: result.noAffordable.message,
            suggestions: [...result.noAffordable.suggestions],
            closest:
              result.noAffordable.closest === undefined ? null : output(result.noAffordable.closest, true),
            largestAmount:
              result.noAffordable.largestAmount === undefined
                ? null
                : output(result.noAffordable.largestAmount, true),
            longerTerm:
              result.noAffordable.longerTerm === undefined
                ? null
                : output(result.noAffordable.longerTerm, true),
          },
  };
}

function goalDocument(
  goal: NonNullable<PlanRequest["goal"]>,
  money: (minor: number) => string,
): Record<string, unknown> {
  switch (goal.kind) {
    case "finish-by":
      return { finishBy: formatIsoDate(goal.day) };
    case "max-installment":
      return { maxInstallment: money(goal.amountMinor) };
    case "lowest-interest":
      return { lowestInterest: true };
  }
}

function capacityOutput(
  capacity: CapacityAssessment,
  money: (minor: number) => string,
): PlanAnswer["capacity"] {
  const monthName = (index: number) => {
    const row = capacity.months[index];
    return row === undefined ? "" : `${row.year}-${String(row.month).padStart(2, "0")}`;
  };
  return {
    explanation: [...capacity.explanation],
    lowest: money(capacity.lowestCapacityMinor),
    lowestMonth: monthName(capacity.lowestCapacityMonth),
    lowestStressed: money(capacity.lowestStressedCapacityMinor),
    months: capacity.months.slice(0, 12).map((row, index) => ({
      month: monthName(index),
      income: money(row.incomeMinor),
      essentialExpenses: money(row.essentialExpensesMinor),
      existingDebt: money(row.existingDebtMinor),
      capacity: money(row.capacityMinor),
      comfortCapacity: money(row.comfortCapacityMinor),
      stressedCapacity: money(row.stressedCapacityMinor),
      binding: row.binding,
    })),
  };
}
