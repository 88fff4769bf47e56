// The write path of a command on one loan (a servicing event): the same guarantees as every command
// (command.ts: one transaction for the writes, the idempotency record and the audit record; a key in use 409,
// a finished key replayed, a reused key 422), in four round trips on a server: BEGIN, one call that claims the
// key, locks the loan's row and reads what this process does not already have (tenor_open_loan_command), one
// call that writes everything (tenor_save_loan_command), COMMIT. Migration 0003 has both functions.
//
// What a process already has: a loan's terms and servicing rules never change (openedLoan keeps them parsed),
// and its event list is only ever appended to, with `loans.event_count` counting it under the row lock — so a
// list this process remembered with the same count is the list. A list is remembered only after its
// transaction committed: one remembered from a transaction that rolled back could pass for another process's
// list of the same length.
import { sql, type Transaction } from "kysely";
import { assert } from "../core/errors.ts";
import type { Store } from "../store/database.ts";
import type { Schema } from "../store/schema.ts";
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
  lastKnownDocuments,
  ledgerDocuments,
  type NewEvent,
  type OpenedLoan,
  openedLoan,
  peekOpenedLoan,
  rememberDocuments,
  snapshotDocument,
} from "./loan-booking.ts";
import { ensureOwnBorrower } from "./permissions.ts";

/** The loan as a command sees it: locked for the command's transaction. */
export interface LockedLoan {
  readonly loanId: string;
  readonly borrowerId: string;
  readonly status: string;
  /** The stored event documents, in sequence order. */
  readonly documents: readonly unknown[];
  /** The booked postings (`loans.posted`). */
  readonly posted: unknown;
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
  /** The event the command appends, if any; the loan's event list becomes `documents`. */
  readonly event?: { readonly record: NewEvent; readonly documents: readonly unknown[] };
}

interface OpenedRow extends KeyClaim {
  readonly borrower_id: string | null;
  readonly status: string | null;
  readonly event_count: number | null;
  readonly posted: unknown;
  readonly business_date: string | null;
  readonly events: unknown[] | null;
  readonly terms: unknown;
  readonly servicing: unknown;
}

export async function runLoanCommand<T>(
  store: Store,
  actor: Actor,
  idempotency: IdempotencyRequest | undefined,
  loanId: string,
  work: (loan: LockedLoan) => LoanCommandOutcome<T>,
): Promise<CommandAnswer<T>> {
  if (idempotency !== undefined) checkIdempotencyKey(idempotency.key);
  let written: readonly unknown[] | undefined;
  const answer = await store.transaction(async (trx) => {
    written = undefined;
    const known = lastKnownDocuments(actor.tenantId, loanId);
    const knownOpened = peekOpenedLoan(actor.tenantId, loanId);
    const { rows } = await sql<OpenedRow>`
      select * from tenor_open_loan_command(${actor.tenantId}, ${actor.keyId}, ${idempotency?.key ?? null},
        ${loanId}, ${known?.count ?? -1}, ${knownOpened === undefined})`.execute(trx);
    const row = rows[0] as OpenedRow;
    if (idempotency !== undefined) {
      const earlier = earlierAnswer(row, idempotency);
      if (earlier !== undefined) return earlier as CommandAnswer<T>;
    }
    if (row.borrower_id === null) throw notFound("loan", loanId);
    ensureOwnBorrower(actor, row.borrower_id, "loan", loanId);
    const documents = row.events ?? known?.documents ?? [];
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
      posted: row.posted,
      businessDate: row.business_date as string,
      opened,
    });
    await save(trx, actor, loanId, idempotency, outcome);
    written = outcome.event?.documents;
    return { status: outcome.status, body: outcome.body, replayed: false };
  });
  if (written !== undefined) rememberDocuments(actor.tenantId, loanId, written);
  return answer;
}

/** Everything the command writes, in one statement. */
async function save<T>(
  trx: Transaction<Schema>,
  actor: Actor,
  loanId: string,
  idempotency: IdempotencyRequest | undefined,
  outcome: LoanCommandOutcome<T>,
): Promise<void> {
  const record = outcome.event?.record;
  const document = {
    tenant: actor.tenantId,
    loan: loanId,
    booking: outcome.bookingName,
    entries: ledgerDocuments(outcome.booking.entries),
    snapshot: snapshotDocument(outcome.booking.state),
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
  await sql`select tenor_save_loan_command(${JSON.stringify(document)}::jsonb)`.execute(trx);
}
