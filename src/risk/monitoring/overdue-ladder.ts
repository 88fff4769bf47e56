// Overdue handling (docs/reference/risk-monitoring.md, "Overdue-handling ladder"; research §5.5): a configurable
// ladder of steps, each tied to a delinquency bucket and a day in it (or to a number of days before the next due
// date for pre-due reminders). For a loan on a date, the ladder gives the steps due that day and those that fell
// due earlier in the current run of arrears, each with its reason. Tenor plans the steps; it contacts nobody.
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { type ContactLimits, DEFAULT_CONTACT_LIMITS } from "./contact-limits.ts";
import { type BucketScheme, describeBucket } from "./delinquency-buckets.ts";

export type LadderAction =
  | "pre-due-reminder"
  | "reminder"
  | "late-fee"
  | "restructuring-offer"
  | "collection"
  | "write-off-review";

export const LADDER_ACTIONS: readonly LadderAction[] = [
  "pre-due-reminder",
  "reminder",
  "late-fee",
  "restructuring-offer",
  "collection",
  "write-off-review",
];

/** Actions that reach the borrower, and so count against the contact limits. */
export const CONTACT_ACTIONS: readonly LadderAction[] = [
  "pre-due-reminder",
  "reminder",
  "restructuring-offer",
  "collection",
];

export type LadderStep =
  | {
      readonly id: string;
      readonly action: "pre-due-reminder";
      /** Days before the next unpaid due date (0 = on it). */
      readonly daysBeforeDue: number;
      readonly note: string;
    }
  | {
      readonly id: string;
      readonly action: Exclude<LadderAction, "pre-due-reminder">;
      /** The label of the bucket the step belongs to. */
      readonly bucket: string;
      /** Days after entering the bucket: due at (bucket's first day + this) days past due. */
      readonly daysIntoBucket: number;
      readonly note: string;
    };

export interface Ladder {
  readonly steps: readonly LadderStep[];
  readonly contactLimits: ContactLimits;
}

/**
 * The research's ladder (§5.5) on the default buckets: reminders from 3 days before each due date, self-cure
 * nudges and the late fee in 1-30, agent contact and an arrangement in 31-60, formal notice and a restructuring
 * offer in 61-90, default handling at 91 and the charge-off review at 120 days past due (FFIEC, closed-end loans).
 */
export const DEFAULT_LADDER: Ladder = {
  steps: [
    {
      id: "PRE_DUE_REMINDER",
      action: "pre-due-reminder",
      daysBeforeDue: 3,
      note: "reminder 3 days before the due date",
    },
    {
      id: "DUE_DAY_REMINDER",
      action: "pre-due-reminder",
      daysBeforeDue: 0,
      note: "reminder on the due date",
    },
    {
      id: "B1_NUDGE",
      action: "reminder",
      bucket: "1-30",
      daysIntoBucket: 0,
      note: "self-cure nudge with a payment link; ask for a promise to pay",
    },
    {
      id: "B1_LATE_FEE",
      action: "late-fee",
      bucket: "1-30",
      daysIntoBucket: 0,
      note: "late fee or penal charge as the contract and servicing rules set it (India: a penal charge, never capitalised penal interest)",
    },
    {
      id: "B2_AGENT_CONTACT",
      action: "collection",
      bucket: "31-60",
      daysIntoBucket: 0,
      note: "agent contact and an affordability re-check (fresh income and expenditure)",
    },
    {
      id: "B2_ARRANGEMENT_OFFER",
      action: "restructuring-offer",
      bucket: "31-60",
      daysIntoBucket: 0,
      note: "arrears arrangement offer",
    },
    {
      id: "B3_FORMAL_NOTICE",
      action: "collection",
      bucket: "61-90",
      daysIntoBucket: 0,
      note: "formal notice and a referral to free debt advice",
    },
    {
      id: "B3_RESTRUCTURE_OFFER",
      action: "restructuring-offer",
      bucket: "61-90",
      daysIntoBucket: 0,
      note: "restructuring or forbearance offer",
    },
    {
      id: "B4_DEFAULT_HANDLING",
      action: "collection",
      bucket: "90+",
      daysIntoBucket: 0,
      note: "default / NPA handling",
    },
    {
      id: "B4_CHARGE_OFF_REVIEW",
      action: "write-off-review",
      bucket: "90+",
      daysIntoBucket: 29,
      note: "charge-off review at 120 days past due (FFIEC: closed-end loans are charged off at 120 days)",
    },
  ],
  contactLimits: DEFAULT_CONTACT_LIMITS,
};

/** What the ladder needs to know of a loan on its as-of date. */
export interface LadderPosition {
  readonly asOfDay: DayNumber;
  readonly active: boolean;
  readonly daysPastDue: number;
  /** The next unpaid installment due on or after the as-of date (for pre-due reminders), if any. */
  readonly nextDue: { readonly installment: number; readonly dueDay: DayNumber } | undefined;
}

export interface PlannedStep {
  readonly id: string;
  readonly action: LadderAction;
  readonly note: string;
  /** The bucket of the step; undefined for a pre-due reminder. */
  readonly bucket: string | undefined;
  readonly dueDay: DayNumber;
  readonly status: "due-today" | "due-earlier";
  readonly contact: boolean;
  /** False for a contact that would exceed the limit of contacts in the 7 days ending on the as-of date. */
  readonly withinContactLimit: boolean;
  readonly reason: string;
}

/**
 * The steps of `ladder` due for a loan at `position`: each bucket step whose day past due has been reached in the
 * current run of arrears (due on the oldest unpaid due date + its days past due), and each pre-due reminder of the
 * next unpaid installment whose day has come. Closed and written-off loans have none. Ordered by due date, then
 * ladder order. Contacts beyond the limit in the 7 days ending on the as-of date are marked.
 */
export function stepsDue(position: LadderPosition, buckets: BucketScheme, ladder: Ladder): PlannedStep[] {
  if (!position.active) return [];
  const { asOfDay, daysPastDue, nextDue } = position;
  const oldestDueDay = asOfDay - daysPastDue;
  const planned: PlannedStep[] = [];
  for (const step of ladder.steps) {
    const contact = CONTACT_ACTIONS.includes(step.action);
    if (step.action === "pre-due-reminder") {
      if (nextDue === undefined) continue;
      const dueDay = nextDue.dueDay - step.daysBeforeDue;
      if (dueDay > asOfDay) continue;
      planned.push({
        id: step.id,
        action: step.action,
        note: step.note,
        bucket: undefined,
        dueDay,
        status: dueDay === asOfDay ? "due-today" : "due-earlier",
        contact,
        withinContactLimit: true,
        reason: `installment ${nextDue.installment} is due on ${formatIsoDate(nextDue.dueDay)}; this reminder is due ${step.daysBeforeDue === 0 ? "on the due date" : `${step.daysBeforeDue} days before it`}`,
      });
      continue;
    }
    const bucket = buckets.find((candidate) => candidate.label === step.bucket);
    if (bucket === undefined || daysPastDue === 0) continue;
    const trigger = bucket.fromDays + step.daysIntoBucket;
    if (trigger < 1 || daysPastDue < trigger) continue;
    planned.push({
      id: step.id,
      action: step.action,
      note: step.note,
      bucket: bucket.label,
      dueDay: oldestDueDay + trigger,
      status: daysPastDue === trigger ? "due-today" : "due-earlier",
      contact,
      withinContactLimit: true,
      reason: `${daysPastDue} ${daysPastDue === 1 ? "day" : "days"} past due (oldest unpaid installment due ${formatIsoDate(oldestDueDay)}); the step belongs to bucket ${describeBucket(bucket)} and is due from ${trigger} ${trigger === 1 ? "day" : "days"} past due`,
    });
  }
  const ordered = planned
    .map((step, order) => ({ step, order }))
    .sort((a, b) => a.step.dueDay - b.step.dueDay || a.order - b.order)
    .map(({ step }) => step);
  return withContactLimit(ordered, asOfDay, ladder.contactLimits);
}

/** Marks the contacts past the limit among those due in the 7 days ending on `asOfDay`, in order. */
function withContactLimit(steps: PlannedStep[], asOfDay: DayNumber, limits: ContactLimits): PlannedStep[] {
  const max = limits.maxContactsPer7Days;
  if (max === undefined) return steps;
  let counted = 0;
  return steps.map((step) => {
    if (!step.contact || step.dueDay < asOfDay - 6) return step;
    counted += 1;
    if (counted <= max) return step;
    return {
      ...step,
      withinContactLimit: false,
      reason: `${step.reason}; held back: it would be contact ${counted} in the 7 days to ${formatIsoDate(asOfDay)}, above the limit of ${max} (${limits.jurisdiction})`,
    };
  });
}
