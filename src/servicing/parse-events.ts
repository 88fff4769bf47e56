// Reads a loan's event list (docs/reference/servicing-events.md, "Events") into `LoanEvent`s. Like the terms
// parser, it collects every issue of the list before failing, each naming the field (`events[3].amount`), the
// value received and what is allowed. What can be decided from the list alone is checked here — fields, dates
// before the disbursement, unique ids, references `of` to events that exist and can be returned or reversed;
// what depends on the loan's state (a refund above the credit balance, a payoff amount that differs from the
// quote) is refused by the engine when it replays the events.
import { assert, TenorError } from "../core/errors.ts";
import { allValid, INVALID, TermsReader } from "../schedule/terms-parser/terms-reader.ts";
import { type EventHeader, readHeader, readHeaders } from "./event-parser/event-headers.ts";
import { type EventContext, readEvent } from "./event-parser/read-event.ts";
import type { LoanEvent } from "./types.ts";

export type { EventContext } from "./event-parser/read-event.ts";

/**
 * Validates an array of event documents for a loan disbursed on `context.disbursementDay` in a currency with
 * `context.currencyDigits` digits, under a product that allows `context.maxEvents` events. Returns the events
 * in list order (their insertion order); an event without an id gets `e` and its 1-based position (`e1`, …).
 * Throws `TenorError("INVALID_EVENT", issues)` listing every problem found.
 */
export function parseEvents(document: unknown, context: EventContext): LoanEvent[] {
  const reader = new TermsReader();
  const events = readEvents(reader, document, context);
  if (reader.issues.length > 0) throw new TenorError("INVALID_EVENT", reader.issues);
  assert(events !== INVALID, "parseEvents: invalid events without an issue");
  return events;
}

function readEvents(r: TermsReader, document: unknown, context: EventContext): LoanEvent[] | typeof INVALID {
  const items = r.array(
    document,
    "events",
    '[{"type": "repayment", "date": "2024-02-01", "amount": "893.49"}]',
  );
  if (items === INVALID) return INVALID;
  // Beyond the limit the events are not read one by one: the list is refused as a whole, and quickly.
  if (items.length > context.maxEvents) {
    return r.report(
      "events",
      items.length,
      `holds ${items.length} events: a loan may hold at most ${context.maxEvents} (the product's maxEvents)`,
    );
  }
  const headers = readHeaders(items);
  const events = items.map((item, index) => readEvent(r, item, headers, index, context));
  return allValid(events) ? [...events] : INVALID;
}

/** A parsed event list with what it takes to append to it: the documents and their headers. */
export interface EventList {
  readonly documents: readonly unknown[];
  readonly headers: readonly EventHeader[];
  readonly events: readonly LoanEvent[];
}

/** `parseEvents`, keeping the documents and their headers for `appendEvent`. */
export function parseEventList(documents: readonly unknown[], context: EventContext): EventList {
  return { documents, headers: readHeaders(documents), events: parseEvents(documents, context) };
}

/**
 * The list with one more event at its end: the same result as `parseEventList` of all the documents, reading
 * only the new one. That holds because an event is checked against the others only through their headers —
 * its id must be unique, its `of` must name an earlier event — and a header depends on its own event alone.
 * So when the new event's id is new, the events already read stay as they were, and the new one is read
 * against all the headers. Whenever the shortcut might differ (an id that clashes or is malformed, the list
 * at its limit, the new event refused), the whole list is parsed, so the issues reported are exactly the
 * whole list's. `list` must come from `parseEventList` or `appendEvent` with the same context.
 */
export function appendEvent(list: EventList, document: unknown, context: EventContext): EventList {
  const documents = [...list.documents, document];
  const index = list.documents.length;
  const header = readHeader(document, index);
  const shortcut =
    documents.length <= context.maxEvents &&
    header.id !== undefined &&
    !list.headers.some((other) => other.id === header.id);
  if (!shortcut) return parseEventList(documents, context);
  const headers = [...list.headers, header];
  const reader = new TermsReader();
  const event = readEvent(reader, document, headers, index, context);
  if (event === INVALID || reader.issues.length > 0) return parseEventList(documents, context);
  return { documents, headers, events: [...list.events, event] };
}
