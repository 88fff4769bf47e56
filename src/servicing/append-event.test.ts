// `appendEvent` reads only the new event; it must answer exactly as parsing the whole list does — the same
// events, or the same refusal with the same issues. Checked here against `parseEventList` itself over random
// lists built to collide: ids from a small pool (given, default-looking such as "e2", malformed), references to
// events that exist, do not, or come later, every type, bad dates and amounts, and a product limit of 6 events.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar-date.ts";
import { TenorError } from "../core/errors.ts";
import { appendEvent, type EventContext, type EventList, parseEventList } from "./parse-events.ts";

const CONTEXT: EventContext = {
  currencyDigits: 2,
  disbursementDay: parseIsoDate("2024-01-01") as number,
  maxEvents: 6,
};

/** Mostly values an event accepts, sometimes one it refuses. */
function mostly<T>(good: readonly T[], bad: readonly T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { weight: 9, arbitrary: fc.constantFrom(...good) },
    { weight: 1, arbitrary: fc.constantFrom(...bad) },
  );
}

const ID = mostly<unknown>([undefined, undefined, "a", "b", "e1", "e2", "e3", "e4", "e5"], ["bad id!", 7]);
const TYPE = mostly(
  ["repayment", "repayment", "fee", "fee-waiver", "reversal", "returned-payment", "write-off", "refund"],
  ["bogus", "disbursement"],
);
const DATE = mostly(["2024-01-15", "2024-02-01", "2024-03-01"], ["2023-12-31", "2024-02-30", undefined]);
const AMOUNT = mostly(["10.00", "0.01", "250"], ["-1", "1.001", undefined]);
const OF = fc.constantFrom(undefined, "a", "b", "e1", "e2", "e3", "zz");
const EXTRA = mostly<Record<string, unknown>>(
  [{}, {}, { name: "statement" }],
  [{ unknown: 1 }, { rate: "9" }],
);

/** An event document; fields left undefined are left out. */
const DOCUMENT: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(ID, TYPE, DATE, AMOUNT, OF, EXTRA).map(toDocument) },
  { weight: 1, arbitrary: fc.constantFrom(null, 5, "repayment", []) },
);

function toDocument([id, type, date, amount, of, extra]: [
  unknown,
  string,
  string | undefined,
  string | undefined,
  string | undefined,
  Record<string, unknown>,
]): Record<string, unknown> {
  // The fields each type takes, so that most documents are valid events; `of` only where it belongs.
  const referring = type === "reversal" || type === "returned-payment";
  const fields: Record<string, unknown> = {
    id,
    type,
    date,
    ...(referring ? { of } : type === "write-off" ? {} : { amount }),
    ...(type === "fee-waiver" ? { component: "fee" } : {}),
    ...(type === "fee" ? extra : {}),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

type Outcome = { events: unknown } | { issues: unknown };

function outcome(parse: () => EventList): Outcome {
  try {
    return { events: parse().events };
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    return { issues: error.issues };
  }
}

/** The documents in order, keeping each one only if the list stays valid with it: an accepted history. */
function acceptedHistory(documents: readonly unknown[]): EventList {
  let list = parseEventList([], CONTEXT);
  for (const document of documents) {
    try {
      list = parseEventList([...list.documents, document], CONTEXT);
    } catch (error) {
      if (!(error instanceof TenorError)) throw error;
    }
  }
  return list;
}

describe("appendEvent", () => {
  it("answers as parsing the whole list does, accepted or refused", () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(DOCUMENT, { maxLength: 10 }), DOCUMENT, (history, next) => {
        const list = acceptedHistory(history);
        const appended = outcome(() => appendEvent(list, next, CONTEXT));
        const whole = outcome(() => parseEventList([...list.documents, next], CONTEXT));
        expect(appended).toEqual(whole);
        if ("events" in appended) accepted++;
      }),
      { numRuns: 3000 },
    );
    // Both ways are exercised: plenty of new events are accepted, plenty refused.
    expect(accepted).toBeGreaterThan(300);
    expect(accepted).toBeLessThan(2700);
  });

  it("keeps the headers a later append needs: appending one by one equals parsing the whole list", () => {
    fc.assert(
      fc.property(fc.array(DOCUMENT, { maxLength: 10 }), (documents) => {
        let list = parseEventList([], CONTEXT);
        for (const document of documents) {
          try {
            list = appendEvent(list, document, CONTEXT);
          } catch (error) {
            if (!(error instanceof TenorError)) throw error;
          }
        }
        expect(list.events).toEqual(parseEventList(list.documents, CONTEXT).events);
        expect(list.headers).toEqual(parseEventList(list.documents, CONTEXT).headers);
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses a new event whose default id an earlier event took, as the whole list does (on the earlier one)", () => {
    // The new event is the second: its default id is "e2", which the first event gave itself. Parsing the whole
    // list reports the clash on events[0] (a default id is not the user's choice); reading only the new event
    // would not see it, so appendEvent must fall back to the whole list.
    const list = parseEventList([{ id: "e2", type: "fee", date: "2024-01-15", amount: "1.00" }], CONTEXT);
    const next = { type: "fee", date: "2024-01-16", amount: "2.00" };
    expect(() => appendEvent(list, next, CONTEXT)).toThrow(TenorError);
    expect(outcome(() => appendEvent(list, next, CONTEXT))).toEqual({
      issues: [
        {
          field: "events[0].id",
          value: "e2",
          message: 'must be unique: "e2" is also the default id of events[1]',
        },
      ],
    });
  });
});
