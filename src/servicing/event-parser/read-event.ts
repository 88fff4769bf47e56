// One event of the list: the fields every event has (id, type, date), then those of its type.
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import {
  type Fields,
  INVALID,
  isPlainObject,
  type Parsed,
  type TermsReader,
} from "../../schedule/terms-parser/terms-reader.ts";
import { listEvery } from "../list-text.ts";
import { OVERPAYMENT_MODES } from "../parse-servicing-rules.ts";
import { readAmountMinor, readPercentFraction } from "../read-amounts.ts";
import { MAX_NAME_LENGTH, MAX_RATE_PERCENT } from "../servicing-limits.ts";
import type { EventType, LoanEvent } from "../types.ts";
import { readEventId, readReference } from "./check-references.ts";
import { EVENT_TYPES, type EventHeader } from "./event-headers.ts";
import { readReschedule } from "./read-reschedule.ts";

/** What the events are read against: the loan's currency digits and disbursement date, the product's limit. */
export interface EventContext {
  readonly currencyDigits: number;
  readonly disbursementDay: DayNumber;
  readonly maxEvents: number;
}

/** An event without the fields every event has: what the reader of one type returns. */
export type EventBody = LoanEvent extends infer E
  ? E extends LoanEvent
    ? Omit<E, "id" | "day">
    : never
  : never;

/** The type-specific part of an event being read, with what its readers need to know. */
export interface EventInput {
  readonly r: TermsReader;
  readonly fields: Fields;
  /** `events[3]`: the prefix of every field of this event. */
  readonly field: string;
  readonly digits: number;
  readonly headers: readonly EventHeader[];
  readonly index: number;
  readonly day: Parsed<DayNumber>;
}

const COMMON_FIELDS = ["id", "type", "date"];
const TYPE_FIELDS: Readonly<Record<EventType, readonly string[]>> = {
  repayment: ["amount", "overpayment"],
  disbursement: ["amount"],
  "returned-payment": ["of", "fee"],
  fee: ["amount", "name"],
  "fee-waiver": ["component", "amount"],
  "rate-change": ["rate"],
  reschedule: [
    "installments",
    "firstDueDate",
    "holidayInstallments",
    "interestOnlyInstallments",
    "rate",
    "tiers",
  ],
  payoff: ["amount"],
  "write-off": [],
  reversal: ["of"],
  refund: ["amount"],
};
/** With an unknown type, only fields no type has are reported as unknown. */
const ANY_TYPE_FIELDS = [...new Set([...COMMON_FIELDS, ...Object.values(TYPE_FIELDS).flat()])];
const EXAMPLE = '{"type": "repayment", "date": "2024-02-01", "amount": "893.49"}';
const WAIVABLE = ["interest", "fee", "penalty"] as const;
const DEFAULT_FEE_NAME = "manual fee";

export function readEvent(
  r: TermsReader,
  value: unknown,
  headers: readonly EventHeader[],
  index: number,
  context: EventContext,
): Parsed<LoanEvent> {
  const field = `events[${index}]`;
  if (!isPlainObject(value)) return r.report(field, value, `must be an object such as ${EXAMPLE}`);
  const type = r.oneOf(value.type, `${field}.type`, EVENT_TYPES);
  const allowed = type === INVALID ? ANY_TYPE_FIELDS : [...COMMON_FIELDS, ...TYPE_FIELDS[type]];
  const fields = r.object(
    type === INVALID ? value : withoutOtherTypesFields(r, value, field, type),
    field,
    allowed,
    EXAMPLE,
  );
  if (fields === INVALID) return INVALID;
  const id = readEventId(r, headers, index, fields.id, `${field}.id`);
  const day = readEventDay(r, fields.date, `${field}.date`, context.disbursementDay);
  if (type === INVALID) return INVALID;
  const input: EventInput = { r, fields, field, digits: context.currencyDigits, headers, index, day };
  const body = readBody(type, input);
  if (id === INVALID || day === INVALID || body === INVALID) return INVALID;
  return { id, day, ...body };
}

/**
 * `value` without the fields that belong to other event types (an `of` on a repayment), each reported as such:
 * a did-you-mean guess among the type's own fields would mislead.
 */
function withoutOtherTypesFields(r: TermsReader, value: Fields, field: string, type: EventType): Fields {
  const allowed = [...COMMON_FIELDS, ...TYPE_FIELDS[type]];
  const kept: Record<string, unknown> = Object.create(null);
  for (const [key, item] of Object.entries(value)) {
    const owners = EVENT_TYPES.filter((other) => TYPE_FIELDS[other].includes(key));
    if (allowed.includes(key) || owners.length === 0) {
      kept[key] = item;
    } else {
      r.report(
        `${field}.${key}`,
        item,
        `belongs to ${listEvery(owners)} events, not to a ${JSON.stringify(type)}; allowed: ${allowed.join(", ")}`,
      );
    }
  }
  return kept;
}

function readEventDay(
  r: TermsReader,
  value: unknown,
  field: string,
  disbursementDay: DayNumber,
): Parsed<DayNumber> {
  const day = r.date(value, field);
  if (day === INVALID || day >= disbursementDay) return day;
  return r.report(
    field,
    value,
    `must be on or after the disbursement date, ${formatIsoDate(disbursementDay)}`,
  );
}

function readBody(type: EventType, input: EventInput): Parsed<EventBody> {
  const { r, fields, field, digits, headers, index } = input;
  const amount = () => readAmountMinor(r, fields.amount, `${field}.amount`, digits, "positive");
  const optionalAmount = () => (fields.amount === undefined ? undefined : amount());
  switch (type) {
    case "repayment": {
      const amountMinor = amount();
      const overpayment =
        fields.overpayment === undefined
          ? undefined
          : r.oneOf(fields.overpayment, `${field}.overpayment`, OVERPAYMENT_MODES);
      if (amountMinor === INVALID || overpayment === INVALID) return INVALID;
      return { type, amountMinor, overpayment };
    }
    case "disbursement":
    case "refund": {
      const amountMinor = amount();
      return amountMinor === INVALID ? INVALID : { type, amountMinor };
    }
    case "payoff": {
      const amountMinor = optionalAmount();
      return amountMinor === INVALID ? INVALID : { type, amountMinor };
    }
    case "returned-payment": {
      const of = readReference(r, headers, index, fields.of, field);
      // 0 is allowed: it waives the product's NSF fee for this one returned payment.
      const feeMinor =
        fields.fee === undefined
          ? undefined
          : readAmountMinor(r, fields.fee, `${field}.fee`, digits, "non-negative");
      if (of === INVALID || feeMinor === INVALID) return INVALID;
      return { type, of, feeMinor };
    }
    case "reversal": {
      const of = readReference(r, headers, index, fields.of, field);
      return of === INVALID ? INVALID : { type, of };
    }
    case "fee": {
      const amountMinor = amount();
      const name = readFeeName(r, fields.name, `${field}.name`);
      if (amountMinor === INVALID || name === INVALID) return INVALID;
      return { type, amountMinor, name };
    }
    case "fee-waiver": {
      const component = r.oneOf(fields.component, `${field}.component`, WAIVABLE);
      const amountMinor = optionalAmount();
      if (component === INVALID || amountMinor === INVALID) return INVALID;
      return { type, component, amountMinor };
    }
    case "rate-change": {
      const rate = readPercentFraction(r, fields.rate, `${field}.rate`, "zero", MAX_RATE_PERCENT);
      return rate === INVALID ? INVALID : { type, rate };
    }
    case "reschedule":
      return readReschedule(input);
    case "write-off":
      return { type };
  }
}

function readFeeName(r: TermsReader, value: unknown, field: string): Parsed<string> {
  if (value === undefined) return DEFAULT_FEE_NAME;
  if (typeof value === "string" && value.length >= 1 && value.length <= MAX_NAME_LENGTH) return value;
  return r.report(
    field,
    value,
    `must be a name of 1 to ${MAX_NAME_LENGTH} characters such as "collection fee"`,
  );
}
