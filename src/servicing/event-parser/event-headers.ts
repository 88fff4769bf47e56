// What every event of the list says about itself — id, type, date — read silently before the events are
// validated one by one, so that an event can be checked against the others (a unique id, a reference `of` to a
// later event) and issues still come out in the order of the list.
import { type DayNumber, parseIsoDate } from "../../core/calendar-date.ts";
import { isPlainObject } from "../../schedule/terms-parser/terms-reader.ts";
import type { EventType } from "../types.ts";

export const EVENT_TYPES: readonly EventType[] = [
  "repayment",
  "disbursement",
  "returned-payment",
  "fee",
  "fee-waiver",
  "rate-change",
  "reschedule",
  "payoff",
  "write-off",
  "reversal",
  "refund",
];

/** Letters, digits and `_ . : -`, 1 to 64 characters: safe in URLs, file names and ledger keys. */
export const EVENT_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

export interface EventHeader {
  /** The given id when it is well formed, the default id when none is given, else undefined. */
  readonly id: string | undefined;
  /** Whether `id` is the default one (`e` and the 1-based position), which the user did not choose. */
  readonly defaultId: boolean;
  readonly type: EventType | undefined;
  readonly day: DayNumber | undefined;
}

/** The id an event gets when it gives none: `e1`, `e2`, … by 1-based position in the list. */
export function defaultEventId(index: number): string {
  return `e${index + 1}`;
}

export function readHeaders(items: readonly unknown[]): EventHeader[] {
  return items.map((item, index) => readHeader(item, index));
}

/** The header of the event at `index` of the list: it depends on that event alone (and its position). */
export function readHeader(item: unknown, index: number): EventHeader {
  const fields = isPlainObject(item) ? item : {};
  const given = fields.id;
  const id =
    given === undefined
      ? defaultEventId(index)
      : typeof given === "string" && EVENT_ID_PATTERN.test(given)
        ? given
        : undefined;
  const type = EVENT_TYPES.find((candidate) => candidate === fields.type);
  const day = typeof fields.date === "string" ? parseIsoDate(fields.date) : undefined;
  return { id, defaultId: given === undefined, type, day };
}

/** `events[3]`, and its id when it has one: `events[3] ("e4")`. */
export function describeEvent(headers: readonly EventHeader[], index: number): string {
  const id = headers[index]?.id;
  return id === undefined ? `events[${index}]` : `events[${index}] (${JSON.stringify(id)})`;
}
