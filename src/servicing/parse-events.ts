// Reads a loan's event list (docs/reference/servicing-events.md, "Events") into `LoanEvent`s. Like the terms
// parser, it collects every issue of the list before failing, each naming the field (`events[3].amount`), the
// value received and what is allowed. What can be decided from the list alone is checked here — fields, dates
// before the disbursement, unique ids, references `of` to events that exist and can be returned or reversed;
// what depends on the loan's state (a refund above the credit balance, a payoff amount that differs from the
// quote) is refused by the engine when it replays the events.
import { assert, TenorError } from "../core/errors.ts";
import { allValid, INVALID, TermsReader } from "../schedule/terms-parser/terms-reader.ts";
import { readHeaders } from "./event-parser/event-headers.ts";
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
