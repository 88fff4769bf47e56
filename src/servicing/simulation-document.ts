// A whole simulation in one JSON document (docs/reference/servicing-events.md, "The simulate document"): a
// loan's terms, its product's servicing rules, its events and the date to look at it, in; its state, cash flow
// and ledger on that date, out. What `tenor simulate` reads and prints.
import { type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import { type Issue, TenorError, withFieldPrefix } from "../core/errors.ts";
import { parseTerms } from "../schedule/parse-terms.ts";
import type { Terms } from "../schedule/terms.ts";
import { type Fields, INVALID, TermsReader } from "../schedule/terms-parser/terms-reader.ts";
import { loanStateToDocument, type SimulationDocument } from "./loan-state-document.ts";
import { parseEvents } from "./parse-events.ts";
import { parseServicingRules } from "./parse-servicing-rules.ts";
import { journalOf, openLoan, replayLoan } from "./service-loan.ts";
import type { LoanEvent, ServicingRules } from "./types.ts";

export type { SimulationDocument } from "./loan-state-document.ts";

const SIMULATION_FIELDS = ["terms", "servicing", "events", "asOf"];
const EXAMPLE =
  '{"terms": {…}, "events": [{"type": "repayment", "date": "2024-02-01", "amount": "893.49"}], "asOf": "2024-03-01"}';

/**
 * Validates the simulate document, replays its events and returns the loan on `asOf`. Each part is reported
 * under its own code with its fields prefixed by where it sits: INVALID_TERMS (`terms.principal`),
 * INVALID_SERVICING_RULES (`servicing.lateFee.amount`), and INVALID_EVENT for the events (`events[3].amount`),
 * and `asOf`; INVALID_SIMULATION for the document's own shape. The parts are read in that order, since the rules need the terms'
 * currency and the events its disbursement date and the rules' `maxEvents`.
 */
export function simulateFromDocument(document: unknown): SimulationDocument {
  const fields = readEnvelope(document);
  const terms = withFieldPrefix("terms", () => parseTerms(fields.terms));
  const rules = withFieldPrefix("servicing", () =>
    parseServicingRules(fields.servicing, terms.currency.digits),
  );
  const { events, asOfDay } = readEventsAndAsOf(fields, terms, rules);
  const loan = openLoan(terms, rules);
  const state = replayLoan(loan, events, asOfDay);
  return loanStateToDocument(state, journalOf(loan, events, asOfDay), terms.currency);
}

/** The document's own shape: an object with no field but the four known ones. */
function readEnvelope(document: unknown): Fields {
  const r = new TermsReader();
  const fields = r.object(document, "(document)", SIMULATION_FIELDS, EXAMPLE);
  if (r.issues.length > 0 || fields === INVALID) throw new TenorError("INVALID_SIMULATION", r.issues);
  return fields;
}

/** The events and the as-of date, whose issues are reported together (both INVALID_EVENT). */
function readEventsAndAsOf(
  fields: Fields,
  terms: Terms,
  rules: ServicingRules,
): { events: LoanEvent[]; asOfDay: DayNumber } {
  const issues: Issue[] = [];
  let events: LoanEvent[] | undefined;
  try {
    events = parseEvents(fields.events, {
      currencyDigits: terms.currency.digits,
      disbursementDay: terms.disbursementDay,
      maxEvents: rules.maxEvents,
    });
  } catch (error) {
    if (!(error instanceof TenorError) || error.code !== "INVALID_EVENT") throw error;
    issues.push(...error.issues);
  }
  const r = new TermsReader();
  const asOfDay = readAsOf(r, fields.asOf, terms.disbursementDay, events ?? []);
  issues.push(...r.issues);
  if (issues.length > 0 || events === undefined || asOfDay === INVALID)
    throw new TenorError("INVALID_EVENT", issues);
  return { events, asOfDay };
}

/** `asOf`: the day the loan is looked at, on or after the disbursement and every event (no event is ignored). */
function readAsOf(
  r: TermsReader,
  value: unknown,
  disbursementDay: DayNumber,
  events: readonly LoanEvent[],
): DayNumber | typeof INVALID {
  const asOfDay = r.date(value, "asOf");
  if (asOfDay === INVALID) return INVALID;
  if (asOfDay < disbursementDay) {
    return r.report(
      "asOf",
      value,
      `must be on or after the disbursement date, ${formatIsoDate(disbursementDay)}`,
    );
  }
  const later = events.findIndex((event) => event.day > asOfDay);
  const event = events[later];
  if (event !== undefined) {
    return r.report(
      "asOf",
      value,
      `must be on or after the date of every event: events[${later}] ("${event.id}") is dated ${formatIsoDate(event.day)}`,
    );
  }
  return asOfDay;
}
