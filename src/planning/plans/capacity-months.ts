// Where a date falls in a capacity assessment: month 0 is the calendar month of the assessment's first day.
import { civilFromDay, type DayNumber } from "../../core/calendar-date.ts";
import type { CapacityAssessment } from "../capacity-types.ts";

/** The index into `capacity.months` of the calendar month containing `day` (may be out of range). */
export function capacityMonthIndex(capacity: CapacityAssessment, day: DayNumber): number {
  const first = capacity.months[0];
  if (first === undefined) return -1;
  const { year, month } = civilFromDay(day);
  return (year - first.year) * 12 + (month - first.month);
}
