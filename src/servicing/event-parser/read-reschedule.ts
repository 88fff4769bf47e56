import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import type { PlanTier } from "../../schedule/terms.ts";
import { readTiers } from "../../schedule/terms-parser/read-tiers.ts";
import { INVALID, type Parsed } from "../../schedule/terms-parser/terms-reader.ts";
import { readAmountMinor, readPercentFraction } from "../read-amounts.ts";
import { MAX_RATE_PERCENT, MAX_RESCHEDULE_INSTALLMENTS } from "../servicing-limits.ts";
import type { EventBody, EventInput } from "./read-event.ts";

/**
 * A `reschedule` (servicing-rules.md §8.3): every field optional. A payment holiday and interest-only
 * installments are two different graces of the new schedule, so at most one of them may be given; either
 * leaves at least one installment that repays principal. `tiers` gives the new installments' amounts (the terms'
 * `plan` payment method): it sets every installment, so it excludes both graces, and its last tier ends at
 * `installments` (which it gives when left out).
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
  const tiers = fields.tiers === undefined ? undefined : readRescheduleTiers(input, installments);
  if (
    !graceValid ||
    tiers === INVALID ||
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
    installments: tiers === undefined ? installments : lastTierTo(tiers),
    firstDueDay,
    holidayInstallments,
    interestOnlyInstallments,
    rate,
    ...(tiers === undefined ? {} : { tiers }),
  };
}

const TIER_EXAMPLE = '{"from": 1, "to": 6, "amount": "250.00"}';

/**
 * `tiers`: the plan tiers of the terms (contiguous from 1, no overlap, amounts of 0 or more), ending at
 * `installments` when it is given. Neither grace may come with them: the tiers set every installment's amount
 * (a tier at the interest is an interest-only stretch), and a holiday's capitalized interest would change the
 * principal the later tiers were chosen to repay.
 */
function readRescheduleTiers(
  { r, fields, field, digits }: EventInput,
  installments: Parsed<number> | undefined,
): Parsed<readonly PlanTier[]> {
  const given = installments !== undefined && installments !== INVALID;
  const tiers = readTiers(r, fields.tiers, {
    field: `${field}.tiers`,
    valueKeys: ["amount"],
    example: TIER_EXAMPLE,
    limit: given
      ? { value: installments, label: `installments (${installments})` }
      : { value: MAX_RESCHEDULE_INSTALLMENTS, label: `${MAX_RESCHEDULE_INSTALLMENTS}` },
    contiguousFromOne: true,
    readValue: (tier, tierField) =>
      readAmountMinor(r, tier.amount, `${tierField}.amount`, digits, "non-negative"),
  });
  let valid = tiers !== INVALID;
  for (const grace of ["holidayInstallments", "interestOnlyInstallments"]) {
    if (fields[grace] === undefined) continue;
    r.report(
      `${field}.${grace}`,
      fields[grace],
      "cannot be combined with tiers, which give every new installment's amount: leave it out (a tier whose amount is the interest gives interest-only installments)",
    );
    valid = false;
  }
  if (tiers === INVALID || !valid) return INVALID;
  const planTiers = tiers.map(({ from, to, value }) => ({ from, to, amountMinor: value }));
  const last = lastTierTo(planTiers);
  if (given && last !== installments) {
    return r.report(
      `${field}.tiers`,
      fields.tiers,
      `must cover every new installment: the last tier ends at ${last} but installments is ${installments}; end it at ${installments}, or leave installments out to take it from the tiers`,
    );
  }
  return planTiers;
}

function lastTierTo(tiers: readonly PlanTier[]): number {
  return Math.max(...tiers.map((tier) => tier.to));
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
