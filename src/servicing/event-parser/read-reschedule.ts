import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { INVALID, type Parsed } from "../../schedule/terms-parser/terms-reader.ts";
import { readPercentFraction } from "../read-amounts.ts";
import { MAX_RATE_PERCENT, MAX_RESCHEDULE_INSTALLMENTS } from "../servicing-limits.ts";
import type { EventBody, EventInput } from "./read-event.ts";

/**
 * A `reschedule` (servicing-rules.md §8.3): every field optional. A payment holiday and interest-only
 * installments are two different graces of the new schedule, so at most one of them may be given; either
 * leaves at least one installment that repays principal.
 */
export function readReschedule(input: EventInput): Parsed<EventBody> {
  const { r, fields, field } = input;
  const count = (name: string, min: number, max: number) =>
    fields[name] === undefined ? undefined : r.integer(fields[name], `${field}.${name}`, min, max);
  const installments = count("installments", 1, MAX_RESCHEDULE_INSTALLMENTS);
  const holidayInstallments = count("holidayInstallments", 0, MAX_RESCHEDULE_INSTALLMENTS - 1) ?? 0;
  const interestOnlyInstallments = count("interestOnlyInstallments", 0, MAX_RESCHEDULE_INSTALLMENTS - 1) ?? 0;
  const firstDueDay = readFirstDueDay(input);
  const graceValid = checkGrace(input, installments, { holidayInstallments, interestOnlyInstallments });
  const rate =
    fields.rate === undefined
      ? undefined
      : readPercentFraction(r, fields.rate, `${field}.rate`, "zero", MAX_RATE_PERCENT);
  if (
    !graceValid ||
    installments === INVALID ||
    holidayInstallments === INVALID ||
    interestOnlyInstallments === INVALID ||
    firstDueDay === INVALID ||
    rate === INVALID
  ) {
    return INVALID;
  }
  return {
    type: "reschedule",
    installments,
    firstDueDay,
    holidayInstallments,
    interestOnlyInstallments,
    rate,
  };
}

/** The new schedule starts on the reschedule's date, so its first due date comes after it. */
function readFirstDueDay({ r, fields, field, day }: EventInput): Parsed<DayNumber | undefined> {
  if (fields.firstDueDate === undefined) return undefined;
  const firstDueDay = r.date(fields.firstDueDate, `${field}.firstDueDate`);
  if (firstDueDay === INVALID || day === INVALID || firstDueDay > day) return firstDueDay;
  return r.report(
    `${field}.firstDueDate`,
    fields.firstDueDate,
    `must be after the reschedule's date, ${formatIsoDate(day)}: the new installments start on that date`,
  );
}

/** Whether the grace of the new schedule is one kind only and shorter than the new schedule. */
function checkGrace(
  { r, fields, field }: EventInput,
  installments: Parsed<number> | undefined,
  graces: Readonly<Record<"holidayInstallments" | "interestOnlyInstallments", Parsed<number>>>,
): boolean {
  let valid = true;
  if (fields.holidayInstallments !== undefined && fields.interestOnlyInstallments !== undefined) {
    r.report(
      `${field}.interestOnlyInstallments`,
      fields.interestOnlyInstallments,
      "cannot be combined with holidayInstallments: give one or the other",
    );
    valid = false;
  }
  if (installments === undefined || installments === INVALID) return valid;
  for (const [name, grace] of Object.entries(graces)) {
    if (grace === INVALID || grace < installments) continue;
    r.report(
      `${field}.${name}`,
      grace,
      `must be less than installments (${installments}): at least one installment repays the principal`,
    );
    valid = false;
  }
  return valid;
}
