// The servicing engine's entry points: a loan (terms + servicing rules) and its events in, its state on a
// date out (docs/reference/servicing-rules.md). Pure: replaying the same events always gives the same state,
// and the state at a past date is the replay of the events dated up to it.
import { type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import { fail, TenorError } from "../core/errors.ts";
import { generateSchedule } from "../schedule/generate-schedule.ts";
import type { Schedule } from "../schedule/schedule.ts";
import type { Terms } from "../schedule/terms.ts";
import { accrueTo, recognizeAll } from "./accrue.ts";
import { applyEvent } from "./apply-event.ts";
import { journalBetween } from "./journal.ts";
import { type Book, openBook, post } from "./loan-book.ts";
import { snapshot } from "./snapshot.ts";
import type { JournalEntry, LoanEvent, LoanState, Posting, ServicingRules } from "./types.ts";

/** A loan ready to service: its terms, its product's servicing rules and its original schedule. */
export interface ServicedLoan {
  readonly terms: Terms;
  readonly rules: ServicingRules;
  readonly schedule: Schedule;
}

/** Generates the original schedule of the loan. */
export function openLoan(terms: Terms, rules: ServicingRules): ServicedLoan {
  return { terms, rules, schedule: generateSchedule(terms) };
}

/**
 * The loan's state at the end of `asOfDay`, from the events (in insertion order) whose value date is on or
 * before it. Throws a TenorError (INVALID_EVENT) naming the first event that cannot be applied.
 */
export function replayLoan(loan: ServicedLoan, events: readonly LoanEvent[], asOfDay: DayNumber): LoanState {
  const book = replayBook(loan, events, asOfDay);
  return snapshot(book, asOfDay);
}

/** The postings of the replay up to `asOfDay` (what `replayLoan(...).postings` holds), without the snapshot. */
export function postingsOf(
  loan: ServicedLoan,
  events: readonly LoanEvent[],
  asOfDay: DayNumber,
): readonly Posting[] {
  return replayBook(loan, events, asOfDay).postings;
}

/**
 * The append-only journal (§10): the events booked one by one in insertion order, each booking adding the
 * postings its replay adds and reversing those it withdraws, then (booking `events.length + 1`) the
 * accruals up to `asOfDay`. A booking's replay stops at the latest value date so far, without the as-of
 * recognition (that is the last booking's). An event dated on or after every earlier one, and not a
 * correction, only extends the previous replay: the loan is then carried forward instead of replayed, which
 * gives the same postings (the same steps in the same order) at a fraction of the cost.
 */
export function journalOf(
  loan: ServicedLoan,
  events: readonly LoanEvent[],
  asOfDay: DayNumber,
): JournalEntry[] {
  checkEvents(loan, events, asOfDay);
  const journal: JournalEntry[] = [];
  let live: Book | undefined;
  let horizon = loan.terms.disbursementDay;
  for (let k = 1; k <= events.length; k++) {
    const event = events[k - 1] as LoanEvent;
    horizon = Math.max(horizon, event.day);
    if (horizon > asOfDay) break;
    const correction = event.type === "reversal" || event.type === "returned-payment";
    if (live !== undefined && !correction && event.day >= live.day) {
      const before = live.postings.length;
      applyInOrder(live, event, k - 1);
      for (const posting of live.postings.slice(before))
        journal.push({ ...posting, booking: k, reversal: false });
    } else {
      const replayed = replayBook(loan, events.slice(0, k), horizon, false);
      journal.push(...journalBetween(live?.postings ?? [], replayed.postings, k));
      live = replayed;
    }
  }
  const final = replayBook(loan, events, asOfDay, true);
  journal.push(...journalBetween(live?.postings ?? [], final.postings, events.length + 1));
  return journal;
}

/**
 * Replays the events dated up to `asOfDay` (all corrections applied, §10) from the disbursement; with
 * `recognizeAsOf`, what has accrued by the as-of date is recognized at the end.
 */
function replayBook(
  loan: ServicedLoan,
  events: readonly LoanEvent[],
  asOfDay: DayNumber,
  recognizeAsOf = true,
): Book {
  checkEvents(loan, events, asOfDay);
  const { terms, rules, schedule } = loan;
  const positions = new Map(events.map((event, index) => [event.id, index]));
  // Reversals and returned payments correct the history itself: they apply on every date (§10).
  const excluded = excludedIds(events);
  const included = events.filter((event) => event.day <= asOfDay);
  // A stable sort by value date keeps the insertion order within a day.
  const order = included.filter((event) => !excluded.has(event.id)).sort((a, b) => a.day - b.day);
  const book = openBook(terms, rules, schedule);
  disburse(book, schedule);
  accrueTo(book, terms.disbursementDay);
  for (const event of order) applyInOrder(book, event, positions.get(event.id) ?? 0);
  accrueTo(book, asOfDay);
  if (recognizeAsOf) recognizeAll(book, asOfDay, false);
  return book;
}

/** One event on its day: that day's accruals, what has accrued recognized, then the event (§2). */
function applyInOrder(book: Book, event: LoanEvent, index: number): void {
  accrueTo(book, event.day);
  recognizeAll(book, event.day, true);
  try {
    applyEvent(book, event, (returned) => returned.feeMinor ?? book.rules.nsfFeeMinor);
  } catch (error) {
    throw error instanceof TenorError ? namedRefusal(error, event, index) : error;
  }
}

function disburse(book: Book, schedule: Schedule): void {
  const { terms } = book;
  const net = schedule.totals.netDisbursementMinor;
  const originationFees = terms.principalMinor - net + schedule.totals.financedFeesMinor;
  book.disbursed = net;
  post(
    book,
    "disburse:initial",
    terms.disbursementDay,
    "loan-principal",
    "cash",
    net,
    undefined,
    "disbursed",
  );
  post(
    book,
    "origination",
    terms.disbursementDay,
    "loan-principal",
    "fee-income",
    originationFees,
    undefined,
    "origination fees deducted or financed",
  );
}

/** Reversed events, and repayments returned by a returned payment that is not itself reversed. */
function excludedIds(events: readonly LoanEvent[]): Set<string> {
  const excluded = new Set<string>();
  for (const event of events) if (event.type === "reversal") excluded.add(event.of);
  for (const event of events) {
    if (event.type === "returned-payment" && !excluded.has(event.id)) excluded.add(event.of);
  }
  return excluded;
}

/** The checks that need the whole list: limits, unique ids, references, dates (§7). */
function checkEvents(loan: ServicedLoan, events: readonly LoanEvent[], asOfDay: DayNumber): void {
  const { terms, rules } = loan;
  if (asOfDay < terms.disbursementDay) {
    fail(
      "INVALID_EVENT",
      "asOf",
      formatIsoDate(asOfDay),
      `must be on or after the disbursement date ${formatIsoDate(terms.disbursementDay)}`,
    );
  }
  if (events.length > rules.maxEvents) {
    fail(
      "INVALID_EVENT",
      "events",
      events.length,
      `may hold at most ${rules.maxEvents} events per loan (the product's maxEvents)`,
    );
  }
  const seen = new Map<string, number>();
  const referenced = new Set<string>();
  events.forEach((event, index) => {
    const field = `events[${index}]`;
    if (seen.has(event.id))
      fail("INVALID_EVENT", `${field}.id`, event.id, `repeats the id of events[${seen.get(event.id)}]`);
    seen.set(event.id, index);
    if (event.day < terms.disbursementDay) {
      fail(
        "INVALID_EVENT",
        `${field}.date`,
        formatIsoDate(event.day),
        `is before the disbursement date ${formatIsoDate(terms.disbursementDay)}`,
      );
    }
    checkAmounts(event, field);
    if (event.type !== "reversal" && event.type !== "returned-payment") return;
    const targetIndex = seen.get(event.of);
    const target = targetIndex === undefined ? undefined : events[targetIndex];
    if (target === undefined || targetIndex === index) {
      fail("INVALID_EVENT", `${field}.of`, event.of, "names no earlier event of this loan");
    }
    if (referenced.has(event.of))
      fail("INVALID_EVENT", `${field}.of`, event.of, "was already reversed or returned");
    referenced.add(event.of);
    if (target.day > event.day) {
      fail(
        "INVALID_EVENT",
        `${field}.date`,
        formatIsoDate(event.day),
        `is before the date of ${event.of} (${formatIsoDate(target.day)})`,
      );
    }
    if (event.type === "reversal" && target.type === "reversal") {
      fail(
        "INVALID_EVENT",
        `${field}.of`,
        event.of,
        "is a reversal; a reversal cannot be reversed (record the event again instead)",
      );
    }
    if (event.type === "returned-payment" && target.type !== "repayment" && target.type !== "payoff") {
      fail(
        "INVALID_EVENT",
        `${field}.of`,
        event.of,
        `is a ${target.type}; only a repayment or a payoff can be returned`,
      );
    }
  });
}

/**
 * Amounts must be positive safe integers of minor units (the parser also limits their decimals); a returned
 * payment's own fee may be 0, meaning no fee this time.
 */
function checkAmounts(event: LoanEvent, field: string): void {
  if ("amountMinor" in event && event.amountMinor !== undefined) {
    if (!Number.isSafeInteger(event.amountMinor) || event.amountMinor <= 0) {
      fail(
        "INVALID_EVENT",
        `${field}.amount`,
        event.amountMinor,
        "must be a positive whole number of minor units",
      );
    }
  }
  if (event.type === "returned-payment" && event.feeMinor !== undefined) {
    if (!Number.isSafeInteger(event.feeMinor) || event.feeMinor < 0) {
      fail(
        "INVALID_EVENT",
        `${field}.fee`,
        event.feeMinor,
        "must be a whole number of minor units, 0 or more",
      );
    }
  }
}

function namedRefusal(error: TenorError, event: LoanEvent, index: number): TenorError {
  const label = `events[${index}]`;
  return new TenorError(
    "INVALID_EVENT",
    error.issues.map((issue) => ({
      field:
        issue.field === event.id || issue.field.startsWith(`${event.id}.`)
          ? label + issue.field.slice(event.id.length)
          : issue.field,
      value: issue.value,
      message: `${issue.message} (event ${event.id}: ${event.type} on ${formatIsoDate(event.day)})`,
    })),
  );
}
