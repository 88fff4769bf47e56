// One loan's end of day, computed in memory (no I/O): the servicing engine replays the loan's stored events
// to the closing business date D — which accrues interest, charges late fees and past-due interest once the
// product's late grace days have passed, and gives days past due and the delinquency bucket — and the ledger
// receives the difference against what is already booked. A loan still active whose pay-off amount has fallen
// below the product's write-off tolerance gets a `write-off` event dated D, recorded as a command would record
// it (the next sequence number, booked as `event:<seq>`). Early-warning signals are read from the final state.
// The caller (end-of-day-range.ts) writes the results of a whole partition at once (end-of-day-writes.ts).
import { type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import { TenorError } from "../core/errors.ts";
import { DEFAULT_SIGNAL_CONFIG, loanSignals, tierOf } from "../risk/monitoring/early-warning.ts";
import { journalBetween } from "../servicing/journal.ts";
import { replayLoan } from "../servicing/service-loan.ts";
import type { JournalEntry } from "../servicing/types.ts";
import { bookLoan, type LoanRow, loanEvents, openedLoan, snapshotColumns, totalOf } from "./loan-booking.ts";
import { postingsOf } from "./posted-text.ts";

/** The actor recorded on events that end of day appends. */
export const EOD_ACTOR = "system:eod";

export type EodLoanRow = Pick<
  LoanRow,
  | "tenant_id"
  | "loan_id"
  | "terms"
  | "servicing"
  | "posted"
  | "event_count"
  | "status"
  | "days_past_due"
  | "delinquency"
  | "outstanding_minor"
>;

/** A loan's closed day, ready to write. */
export type LoanDay = ClosedLoanDay | FailedLoanDay;

/**
 * What a closed loan's day writes, and nothing more: the replayed state (schedule, postings, cash flow) is not
 * kept, so that a partition's thousand loans do not all stay alive until the writes — the garbage collector
 * then has little to copy or promote.
 */
export interface ClosedLoanDay {
  readonly kind: "closed";
  readonly loanId: string;
  /** The day's booking (`eod:<D>`): accruals, late charges, and reversals of withdrawn postings. */
  readonly entries: readonly JournalEntry[];
  /** The automatic write-off, when the loan fell below the tolerance. */
  readonly writeOff: WriteOff | undefined;
  readonly eventCount: number;
  /** The loan row's snapshot columns after the day; `posted` and `signals` as JSON text. */
  readonly columns: ClosedColumns;
  /** The day record's figures. */
  readonly record: DayRecord;
}

export interface ClosedColumns {
  readonly status: string;
  readonly state_date: string;
  /** int8 as decimal text. */
  readonly outstanding_minor: string;
  readonly payoff_minor: string;
  readonly days_past_due: number;
  readonly delinquency: string;
  readonly posted: string;
  readonly signals: string;
}

export interface DayRecord {
  readonly status: string;
  readonly daysPastDue: number;
  readonly delinquency: string;
  /** int8 as decimal text. */
  readonly outstanding: string;
  readonly tier: string;
  readonly signalCodes: readonly string[];
}

export interface WriteOff {
  readonly seq: number;
  readonly document: Record<string, unknown>;
  /** Its booking (`event:<seq>`). */
  readonly entries: readonly JournalEntry[];
}

/** The engine could not replay the loan (a stored history it refuses): nothing of the loan changes but the day. */
export interface FailedLoanDay {
  readonly kind: "failed";
  readonly loanId: string;
  /** The loan's stored snapshot, unchanged. */
  readonly row: EodLoanRow;
  readonly error: string;
}

export function closeLoanDay(row: EodLoanRow, documents: readonly unknown[], day: DayNumber): LoanDay {
  try {
    return closeActiveLoan(row, documents, day);
  } catch (error) {
    // One loan the engine cannot replay must not hold up the day of every other loan: it is recorded with
    // its error (eod_loan_days.error, the run's summary) for someone to look at, and left as it was.
    const message = error instanceof TenorError ? error.message : `internal error: ${String(error)}`;
    return { kind: "failed", loanId: row.loan_id, row, error: message };
  }
}

function closeActiveLoan(row: EodLoanRow, documents: readonly unknown[], day: DayNumber): ClosedLoanDay {
  const opened = openedLoan(row);
  const events = loanEvents(opened, documents);
  const booking = bookLoan(opened, events, day, postingsOf(row.posted));
  let state = booking.state;
  let finalEvents = events;
  let writeOff: WriteOff | undefined;
  const tolerance = opened.loan.rules.writeOffToleranceMinor;
  if (state.status === "active" && state.payoffMinor > 0 && state.payoffMinor < tolerance) {
    const seq = row.event_count + 1;
    const document = { type: "write-off", date: formatIsoDate(day), id: freeEventId(documents, seq, day) };
    finalEvents = loanEvents(opened, [...documents, document]);
    const written = replayLoan(opened.loan, finalEvents, day);
    writeOff = { seq, document, entries: journalBetween(state.postings, written.postings, seq) };
    state = written;
  }
  const signals = loanSignals(state, finalEvents, DEFAULT_SIGNAL_CONFIG, opened.currency.digits);
  const snapshot = snapshotColumns(state);
  return {
    kind: "closed",
    loanId: row.loan_id,
    entries: booking.entries,
    writeOff,
    eventCount: writeOff?.seq ?? row.event_count,
    columns: {
      status: snapshot.status,
      state_date: snapshot.state_date,
      outstanding_minor: snapshot.outstanding_minor.toString(),
      payoff_minor: snapshot.payoff_minor.toString(),
      days_past_due: snapshot.days_past_due,
      delinquency: snapshot.delinquency,
      posted: snapshot.posted,
      signals: JSON.stringify(signals),
    },
    record: {
      status: state.status,
      daysPastDue: state.daysPastDue,
      delinquency: state.delinquency,
      outstanding: totalOf(state.outstanding).toString(),
      tier: tierOf(signals),
      signalCodes: signals.map((signal) => signal.code),
    },
  };
}

/** `e<seq>`, as a command names an event without an id, unless the loan already has an event of that id. */
function freeEventId(documents: readonly unknown[], seq: number, day: DayNumber): string {
  const taken = new Set(documents.map((d) => String((d as { id?: unknown }).id)));
  const plain = `e${seq}`;
  return taken.has(plain) ? `eod-write-off-${formatIsoDate(day)}` : plain;
}
