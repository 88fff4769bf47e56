// The improved model's payment-conduct component (research §4.2, S_pay): the quality of the most recent 24 due
// dates, weighted by recency so that a late payment two years ago weighs a sixteenth of one last month.
import type { DueDateRecord } from "./health-facts.ts";

/** How many of the most recent due dates are scored. */
export const CONDUCT_DUE_DATES = 24;
/** The weight of a due date halves every this many months. */
export const CONDUCT_HALF_LIFE_MONTHS = 6;

export interface PaymentConduct {
  /** 100 · Σ w·q / Σ w over the scored due dates. */
  readonly score: number;
  readonly scored: number;
  readonly onTime: number;
  /** Due dates settled (or still open) 1–30, 31–60 and more than 60 days late, past the grace days. */
  readonly late1To30: number;
  readonly late31To60: number;
  readonly lateOver60: number;
  readonly worstDaysLate: number;
}

/** The component over `dueDates` (any order); undefined when no due date has passed yet. */
export function paymentConduct(
  dueDates: readonly DueDateRecord[],
  graceDays: number,
): PaymentConduct | undefined {
  if (dueDates.length === 0) return undefined;
  const recent = [...dueDates].sort((a, b) => a.ageMonths - b.ageMonths).slice(0, CONDUCT_DUE_DATES);
  let weighted = 0;
  let weights = 0;
  const counts = { onTime: 0, late1To30: 0, late31To60: 0, lateOver60: 0 };
  let worstDaysLate = 0;
  for (const record of recent) {
    const weight = recencyWeight(record.ageMonths);
    const quality = paymentQuality(record.daysLate, graceDays);
    weighted += weight * quality;
    weights += weight;
    worstDaysLate = Math.max(worstDaysLate, record.daysLate);
    if (quality === 1) counts.onTime++;
    else if (record.daysLate <= 30) counts.late1To30++;
    else if (record.daysLate <= 60) counts.late31To60++;
    else counts.lateOver60++;
  }
  return { score: (100 * weighted) / weights, scored: recent.length, ...counts, worstDaysLate };
}

/** w = 0.5^(age / 6): a due date six months old weighs half as much as one due today. */
export function recencyWeight(ageMonths: number): number {
  return 0.5 ** (ageMonths / CONDUCT_HALF_LIFE_MONTHS); // float-ok: a weight, not money
}

/** q: 1 when settled within the grace days, 0.7 when 1–30 days late, 0.3 when 31–60, 0 beyond. */
export function paymentQuality(daysLate: number, graceDays: number): number {
  if (daysLate <= graceDays) return 1;
  if (daysLate <= 30) return 0.7;
  if (daysLate <= 60) return 0.3;
  return 0;
}
