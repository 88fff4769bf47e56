// A loan's books after a command or an end of day: the servicing engine replays the stored events up to the
// as-of date, and the ledger receives only the difference between this replay's postings and those already
// booked (`journalBetween`): new postings, and reversals of postings a backdated event withdrew. Booked entries
// are never edited. The loan row keeps the booked postings (`posted`) and a snapshot of the state, so lists and
// the portfolio read without replaying.
import type { QueryCreator, Selectable, Transaction } from "kysely";
import { type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import type { Currency } from "../core/currency.ts";
import { TenorError } from "../core/errors.ts";
import { formatMinor } from "../core/money.ts";
import { parseTerms } from "../schedule/parse-terms.ts";
import { journalBetween } from "../servicing/journal.ts";
import { type EventContext, parseEvents } from "../servicing/parse-events.ts";
import { parseServicingRules } from "../servicing/parse-servicing-rules.ts";
import { openLoan, replayLoan, type ServicedLoan } from "../servicing/service-loan.ts";
import type { Amounts, JournalEntry, LoanEvent, LoanState, Posting } from "../servicing/types.ts";
import type { LoanStatus, LoansTable, Schema } from "../store/schema.ts";
import { postedText } from "./posted-text.ts";

export type LoanRow = Selectable<LoansTable>;

export interface OpenedLoan {
  readonly loan: ServicedLoan;
  readonly currency: Currency;
}

const OPENED_CACHE_LIMIT = 20_000;
const openedCache = new Map<string, OpenedLoan>();

/**
 * The loan's terms and rules, parsed and with the original schedule generated. A loan's terms and servicing
 * rules never change once it exists (rate changes and reschedules are events), so the result is kept.
 */
export function openedLoan(row: Pick<LoanRow, "tenant_id" | "loan_id" | "terms" | "servicing">): OpenedLoan {
  const cacheKey = `${row.tenant_id}/${row.loan_id}`;
  const cached = openedCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const terms = parseTerms(row.terms);
  const rules = parseServicingRules(row.servicing, terms.currency.digits);
  const opened = { loan: openLoan(terms, rules), currency: terms.currency };
  if (openedCache.size >= OPENED_CACHE_LIMIT) openedCache.clear();
  openedCache.set(cacheKey, opened);
  return opened;
}

/** The opened loan if this process has it already (a loan's terms and rules never change). */
export function peekOpenedLoan(tenantId: string, loanId: string): OpenedLoan | undefined {
  return openedCache.get(`${tenantId}/${loanId}`);
}

/** What the event parser needs to know of the loan. */
export function eventContext(opened: OpenedLoan): EventContext {
  const { terms, rules } = opened.loan;
  return {
    currencyDigits: terms.currency.digits,
    disbursementDay: terms.disbursementDay,
    maxEvents: rules.maxEvents,
  };
}

/** The stored event documents (in sequence order) as engine events. */
export function loanEvents(opened: OpenedLoan, documents: readonly unknown[]): LoanEvent[] {
  return parseEvents(documents, eventContext(opened));
}

export interface Booking {
  readonly state: LoanState;
  /** What the ledger receives for this booking. */
  readonly entries: readonly JournalEntry[];
}

/** Replays the loan to `asOfDay` and diffs its postings against those already booked. */
export function bookLoan(
  opened: OpenedLoan,
  events: readonly LoanEvent[],
  asOfDay: DayNumber,
  booked: readonly Posting[],
): Booking {
  const state = replayLoan(opened.loan, events, asOfDay);
  return { state, entries: journalBetween(booked, state.postings, 0) };
}

export function totalOf(amounts: Amounts): bigint {
  return BigInt(amounts.principal) + BigInt(amounts.interest) + BigInt(amounts.fee) + BigInt(amounts.penalty);
}

/** The loan row's snapshot columns for a state. */
export function snapshotColumns(state: LoanState) {
  return {
    status: state.status as LoanStatus,
    state_date: formatIsoDate(state.asOfDay),
    outstanding_minor: totalOf(state.outstanding),
    payoff_minor: BigInt(state.payoffMinor),
    days_past_due: state.daysPastDue,
    delinquency: state.delinquency,
    posted: postedText(state.postings),
  };
}

/** The snapshot as `tenor_save_loan_command` (migration 0003) reads it (minor units as decimal text); the
 * booked postings go beside it, as `postedText`. */
export function snapshotDocument(state: LoanState) {
  return {
    status: state.status,
    stateDate: formatIsoDate(state.asOfDay),
    outstandingMinor: totalOf(state.outstanding).toString(),
    payoffMinor: String(state.payoffMinor),
    daysPastDue: state.daysPastDue,
    delinquency: state.delinquency,
  };
}

/** Ledger entries as `tenor_save_loan_command` reads them (the tenant, loan and booking are given once). */
export function ledgerDocuments(entries: readonly JournalEntry[]) {
  return entries.map((entry) => ({
    day: formatIsoDate(entry.day),
    debit: entry.debit,
    credit: entry.credit,
    amount_minor: String(entry.amountMinor),
    reversal: entry.reversal,
    posting_key: entry.key,
    memo: entry.memo,
  }));
}

export function ledgerRows(
  tenantId: string,
  loanId: string,
  booking: string,
  entries: readonly JournalEntry[],
) {
  return entries.map((entry) => ({
    tenant_id: tenantId,
    loan_id: loanId,
    booking,
    day: formatIsoDate(entry.day),
    debit: entry.debit,
    credit: entry.credit,
    amount_minor: BigInt(entry.amountMinor),
    reversal: entry.reversal,
    posting_key: entry.key,
    memo: entry.memo,
  }));
}

/** An event to store with a booking. */
export interface NewEvent {
  readonly seq: number;
  readonly document: unknown;
  readonly actor: string;
}

/**
 * Writes one loan's booking — the event that caused it (if any), its ledger entries and the loan's new snapshot
 * (and, optionally, more loan columns) — in ONE statement (data-modifying CTEs): a command's cost on a server is
 * mostly round trips.
 */
export async function saveBooking(
  trx: Transaction<Schema>,
  row: Pick<LoanRow, "tenant_id" | "loan_id">,
  booking: string,
  result: Booking,
  extra: Partial<{ event_count: number; eod_date: string; signals: string }> = {},
  event?: NewEvent,
): Promise<void> {
  const rows = ledgerRows(row.tenant_id, row.loan_id, booking, result.entries);
  const update = (db: QueryCreator<Schema>) =>
    db
      .updateTable("loans")
      .set({ ...snapshotColumns(result.state), ...extra })
      .where("tenant_id", "=", row.tenant_id)
      .where("loan_id", "=", row.loan_id);
  // The CTEs' names extend the query's type; the final update reads none of them, so the base type is kept.
  let query: QueryCreator<Schema> = trx;
  if (event !== undefined) {
    query = query.with("new_event", (db) =>
      db.insertInto("loan_events").values({
        tenant_id: row.tenant_id,
        loan_id: row.loan_id,
        seq: event.seq,
        event: JSON.stringify(event.document),
        actor: event.actor,
      }),
    ) as unknown as QueryCreator<Schema>;
  }
  if (rows.length > 0)
    query = query.with("new_entries", (db) =>
      db.insertInto("ledger_entries").values(rows),
    ) as unknown as QueryCreator<Schema>;
  await update(query).execute();
}

/** The compact view of a loan's state that commands answer with. */
export function stateSummary(state: LoanState, currency: Currency) {
  const money = (minor: number | bigint) => formatMinor(minor, currency.digits);
  const outstanding = state.outstanding;
  return {
    asOf: formatIsoDate(state.asOfDay),
    status: state.status,
    currency: currency.code,
    outstanding: {
      principal: money(outstanding.principal),
      interest: money(outstanding.interest),
      fee: money(outstanding.fee),
      penalty: money(outstanding.penalty),
      total: money(totalOf(outstanding)),
    },
    payoff: money(state.payoffMinor),
    creditBalance: money(state.creditBalanceMinor),
    daysPastDue: state.daysPastDue,
    delinquency: state.delinquency,
    nextDue: nextDue(state, money),
  };
}

function nextDue(state: LoanState, money: (minor: number | bigint) => string) {
  const open = state.installments.find((row) => row.bucket !== "closed" && row.dueDay >= state.asOfDay);
  if (open === undefined) return null;
  const remaining =
    totalOf(open.scheduled) - totalOf(open.paid) - totalOf(open.waived) - totalOf(open.writtenOff);
  return { installment: open.number, dueDate: formatIsoDate(open.dueDay), amount: money(remaining) };
}

/**
 * Engine errors about the event list name `events[k]`; the caller sent one event, so the new event (the last of
 * the list) is called `event` in what they get back.
 */
export function renameNewEvent(error: unknown, index: number): unknown {
  if (!(error instanceof TenorError)) return error;
  const label = `events[${index}]`;
  return new TenorError(
    error.code,
    error.issues.map((issue) => ({
      ...issue,
      field:
        issue.field === label || issue.field.startsWith(`${label}.`)
          ? `event${issue.field.slice(label.length)}`
          : issue.field,
    })),
  );
}
