// The write path of a command on one loan (a servicing event): the same guarantees as every command
// (command.ts: one transaction for the writes, the idempotency record and the audit record; a key in use 409,
// a finished key replayed, a reused key 422), in two round trips on a server: BEGIN with one call that claims
// the key, locks the loan's row and reads what this process does not already have (tenor_open_loan_command),
// then one call that writes everything (tenor_save_loan_command) with COMMIT. Migration 0003 has both
// functions. The statements of a round trip go as one text (PostgreSQL's simple query protocol), so their
// values are written into it as escaped literals (`literal`), the document to save as one JSON text.
//
// What a process already has: a loan's terms and servicing rules never change (openedLoan keeps them parsed);
// and the loan as this process last wrote it — its event documents and booked postings — stays right for as
// long as the row keeps the version (`xmin`) that write gave it. Another writer (a command in another process,
// end of day) gives the row a new version, and the postings are read again; the events too when their count,
// kept under the row lock, has moved. Events are only ever appended, so the same count is the same list. What
// a command wrote is remembered only once its transaction has committed, and a command writes the loan's row
// once, so the version it got back is the version of what it remembers.
import { assert } from "../core/errors.ts";
import { appendEvent, type EventList, parseEventList } from "../servicing/parse-events.ts";
import type { Posting } from "../servicing/types.ts";
import { literal, type Store } from "../store/database.ts";
import { type Actor, actorLabel } from "./actor.ts";
import { notFound } from "./app-error.ts";
import {
  type AuditRecord,
  type CommandAnswer,
  checkIdempotencyKey,
  earlierAnswer,
  type IdempotencyRequest,
  type KeyClaim,
} from "./command.ts";
import {
  type Booking,
  eventContext,
  ledgerDocuments,
  type NewEvent,
  type OpenedLoan,
  openedLoan,
  peekOpenedLoan,
  snapshotDocument,
} from "./loan-booking.ts";
import { ensureOwnBorrower } from "./permissions.ts";
import { postedText, postingsOf } from "./posted-text.ts";

/** The loan as a command sees it: locked for the command's transaction. */
export interface LockedLoan {
  readonly loanId: string;
  readonly borrowerId: string;
  readonly status: string;
  /** The stored event documents, in sequence order. */
  readonly documents: readonly unknown[];
  /** The stored events and `document` after them, parsed (throws the parser's TenorError for a bad one). */
  withEvent(document: unknown): EventList;
  /** The booked postings (`loans.posted`). */
  readonly postings: readonly Posting[];
  /** The tenant's business date (ISO). */
  readonly businessDate: string;
  readonly opened: OpenedLoan;
}

export interface LoanCommandOutcome<T> {
  readonly status: number;
  readonly body: T;
  readonly audit: AuditRecord;
  /** The booking's name in the ledger (`event:7`). */
  readonly bookingName: string;
  readonly booking: Booking;
  /** The event the command appends, if any, and the loan's event list with it (from `withEvent`). */
  readonly event?: { readonly record: NewEvent; readonly list: EventList };
}

interface OpenedRow extends KeyClaim {
  readonly borrower_id: string | null;
  readonly status: string | null;
  readonly event_count: number | null;
  readonly version: string | null;
  readonly business_date: string | null;
  /** Null when the caller's version is the row's. */
  readonly posted: string | null;
  /** Null when the caller's count is the row's. */
  readonly events: unknown[] | null;
  readonly terms: unknown;
  readonly servicing: unknown;
}

/** A loan as this process last wrote it. */
interface KnownLoan {
  readonly version: string;
  readonly documents: readonly unknown[];
  /** The documents parsed, when the command parsed them. */
  readonly list: EventList | undefined;
  readonly postings: readonly Posting[];
}

const KNOWN_LOANS_LIMIT = 20_000;
/** Per store: versions are a database's own transaction ids, which another database may repeat. */
const knownLoansByStore = new WeakMap<Store, Map<string, KnownLoan>>();

function knownLoansOf(store: Store): Map<string, KnownLoan> {
  let known = knownLoansByStore.get(store);
  if (known === undefined) {
    known = new Map();
    knownLoansByStore.set(store, known);
  }
  return known;
}

export async function runLoanCommand<T>(
  store: Store,
  actor: Actor,
  idempotency: IdempotencyRequest | undefined,
  loanId: string,
  work: (loan: LockedLoan) => LoanCommandOutcome<T>,
): Promise<CommandAnswer<T>> {
  if (idempotency !== undefined) checkIdempotencyKey(idempotency.key);
  const cacheKey = `${actor.tenantId}/${loanId}`;
  const knownLoans = knownLoansOf(store);
  let written: KnownLoan | undefined;
  const answer = await store.session(async (session) => {
    written = undefined;
    const known = knownLoans.get(cacheKey);
    const knownOpened = peekOpenedLoan(actor.tenantId, loanId);
    const args = [
      actor.tenantId,
      actor.keyId,
      idempotency?.key ?? null,
      loanId,
      known?.version ?? null,
      known?.documents.length ?? -1,
      knownOpened === undefined,
    ];
    const [, openedRows] = await session.statements(
      `begin; select * from tenor_open_loan_command(${args.map(literal).join(", ")})`,
    );
    const row = openedRows?.[0] as unknown as OpenedRow;
    if (idempotency !== undefined) {
      const earlier = earlierAnswer(row, idempotency, store.dataKeys, actor);
      if (earlier !== undefined) {
        await session.statements("commit");
        return earlier as CommandAnswer<T>;
      }
    }
    if (row.borrower_id === null) throw notFound("loan", loanId);
    ensureOwnBorrower(actor, row.borrower_id, "loan", loanId);
    // The function leaves out only what `known` has (same version, same event count).
    const documents = row.events ?? known?.documents;
    const postings = row.posted === null ? known?.postings : postingsOf(row.posted);
    assert(
      documents !== undefined && postings !== undefined,
      `loan ${loanId}: no events or postings to replay`,
    );
    const list = row.events === null ? known?.list : undefined;
    assert(
      documents.length === row.event_count,
      `loan ${loanId}: ${documents.length} events stored, ${row.event_count} counted`,
    );
    const opened =
      knownOpened ??
      openedLoan({ tenant_id: actor.tenantId, loan_id: loanId, terms: row.terms, servicing: row.servicing });
    const outcome = work({
      loanId,
      borrowerId: row.borrower_id,
      status: row.status as string,
      documents,
      withEvent: (document) =>
        list === undefined
          ? parseEventList([...documents, document], eventContext(opened))
          : appendEvent(list, document, eventContext(opened)),
      postings,
      businessDate: row.business_date as string,
      opened,
    });
    const document = saveDocument(actor, loanId, idempotency, outcome);
    const [saved] = await session.statements(
      `select tenor_save_loan_command(${literal(JSON.stringify(document))}::jsonb, ${literal(postedText(outcome.booking.state.postings))}) as version; commit`,
    );
    written = {
      version: saved?.[0]?.version as string,
      documents: outcome.event?.list.documents ?? documents,
      list: outcome.event?.list ?? list,
      postings: outcome.booking.state.postings,
    };
    return { status: outcome.status, body: outcome.body, replayed: false };
  });
  if (written !== undefined) {
    if (knownLoans.size >= KNOWN_LOANS_LIMIT) knownLoans.clear();
    knownLoans.set(cacheKey, written);
  }
  return answer;
}

/** Everything the command writes, as `tenor_save_loan_command` reads it. */
function saveDocument<T>(
  actor: Actor,
  loanId: string,
  idempotency: IdempotencyRequest | undefined,
  outcome: LoanCommandOutcome<T>,
) {
  const record = outcome.event?.record;
  const snapshot = snapshotDocument(outcome.booking.state);
  const document = {
    tenant: actor.tenantId,
    loan: loanId,
    booking: outcome.bookingName,
    entries: ledgerDocuments(outcome.booking.entries),
    snapshot,
    ...(record === undefined
      ? {}
      : {
          event: { seq: record.seq, document: record.document, actor: record.actor },
          eventCount: record.seq,
        }),
    ...(idempotency === undefined
      ? {}
      : {
          key: {
            keyId: actor.keyId,
            key: idempotency.key,
            requestHash: idempotency.fingerprint,
            responseStatus: outcome.status,
            responseBody: outcome.body,
          },
        }),
    audit: {
      actor: actorLabel(actor),
      role: actor.role,
      action: outcome.audit.action,
      objectType: outcome.audit.objectType,
      objectId: outcome.audit.objectId,
      detail: outcome.audit.detail ?? {},
    },
  };
  return document;
}
