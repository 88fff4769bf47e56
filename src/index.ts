// Tenor's public library API.
import { generateSchedule } from "./schedule/generate-schedule.ts";
import { parseTerms } from "./schedule/parse-terms.ts";
import { type ScheduleDocument, scheduleToDocument } from "./schedule/schedule-document.ts";

export { TenorError, type Issue, type ErrorCode, ERROR_CODES } from "./core/errors.ts";
export type { Schedule, Installment, ScheduleTotals, ScheduleWarning } from "./schedule/schedule.ts";
export type { Terms } from "./schedule/terms.ts";
export type { ScheduleDocument, InstallmentDocument } from "./schedule/schedule-document.ts";
export { generateSchedule, parseTerms, scheduleToDocument };

/** Terms document (JSON value) in, schedule document out: what `tenor schedule` prints. */
export function scheduleFromDocument(document: unknown): ScheduleDocument {
  return scheduleToDocument(generateSchedule(parseTerms(document)));
}
