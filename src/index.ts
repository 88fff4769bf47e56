// Tenor's public library API.
import { generateSchedule } from "./schedule/generate-schedule.ts";
import { parseTerms } from "./schedule/parse-terms.ts";
import { type ScheduleDocument, scheduleToDocument } from "./schedule/schedule-document.ts";

export { type DayNumber, formatIsoDate, parseIsoDate } from "./core/calendar-date.ts";
export { ERROR_CODES, type ErrorCode, type Issue, TenorError } from "./core/errors.ts";
export { formatMinor, parseMoneyMinor } from "./core/money.ts";
export type { BorrowerProfile } from "./planning/borrower-profile.ts";
export { assessCapacity } from "./planning/capacity.ts";
export type { CapacityAssessment, MonthCapacity } from "./planning/capacity-types.ts";
export { parseBorrowerProfile } from "./planning/parse-borrower-profile.ts";
export { parsePolicyProfile } from "./planning/parse-policy-profile.ts";
export { parsePlanRequest } from "./planning/plans/parse-plan-request.ts";
export { type PlanAnswer, planFromDocument } from "./planning/plans/plan-document.ts";
export { planLoan } from "./planning/plans/plan-loan.ts";
export type { PolicyProfile } from "./planning/policy-profile.ts";
export { POLICY_IDS, resolvePolicy } from "./planning/policy-registry.ts";
export { simulatePrepayment } from "./planning/simulators/prepayment.ts";
export { prepaymentAdvice } from "./planning/simulators/prepayment-advice.ts";
export {
  type PrepaymentDocument,
  prepaymentFromDocument,
} from "./planning/simulators/prepayment-document.ts";
export { checkRefinance } from "./planning/simulators/refinance.ts";
export { type RefinanceDocument, refinanceFromDocument } from "./planning/simulators/refinance-document.ts";
export { restructuringOptions } from "./planning/simulators/restructure.ts";
export {
  type RestructureDocument,
  restructureFromDocument,
} from "./planning/simulators/restructure-document.ts";
export { cnAnnualizedRate } from "./rates/cn-annualized-rate.ts";
export { euAprc } from "./rates/eu-aprc.ts";
export { irr } from "./rates/irr.ts";
export { npv, xnpv } from "./rates/npv.ts";
export { type RateDocument, rateFromDocument } from "./rates/rate-request.ts";
export { regZApr } from "./rates/reg-z-apr.ts";
export { withinRegZTolerance } from "./rates/reg-z-tolerance.ts";
export { xirr } from "./rates/xirr.ts";
export { classicHealthScore } from "./risk/health/classic-health-score.ts";
export { type HealthDocument, healthFromDocument } from "./risk/health/health-document.ts";
export { healthScore } from "./risk/health/health-score.ts";
export { type MonitorDocument, monitorFromDocument } from "./risk/monitoring/monitor-document.ts";
export { recalibrate } from "./risk/scorecard/build-model.ts";
export { CREDIT_DATA_MODEL, GERMAN_CREDIT_MODEL } from "./risk/scorecard/fitted-model.ts";
export { scoreApplicant } from "./risk/scorecard/score-applicant.ts";
export { scoreFromDocument } from "./risk/scorecard/score-document.ts";
export type { ReasonCode, ScorecardInput, ScoreResult } from "./risk/scorecard/scorecard-types.ts";
export { type ProductLimits, productRateLimits } from "./schedule/product-limits.ts";
export type {
  Installment,
  Schedule,
  ScheduleColumns,
  ScheduleTotals,
  ScheduleWarning,
} from "./schedule/schedule.ts";
export type { InstallmentDocument, ScheduleDocument } from "./schedule/schedule-document.ts";
export { type ScheduleRates, scheduleRates } from "./schedule/schedule-rates.ts";
export type { Terms } from "./schedule/terms.ts";
export { type EventContext, parseEvents } from "./servicing/parse-events.ts";
export { parseServicingRules } from "./servicing/parse-servicing-rules.ts";
export { journalOf, openLoan, replayLoan, type ServicedLoan } from "./servicing/service-loan.ts";
export { type SimulationDocument, simulateFromDocument } from "./servicing/simulation-document.ts";
export type {
  JournalEntry,
  LoanEvent,
  LoanState,
  Posting,
  ServicingRules,
} from "./servicing/types.ts";
export { generateSchedule, parseTerms, scheduleToDocument };

/** Terms document (JSON value) in, schedule document out: what `tenor schedule` prints. */
export function scheduleFromDocument(document: unknown): ScheduleDocument {
  return scheduleToDocument(generateSchedule(parseTerms(document)));
}
