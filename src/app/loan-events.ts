// Recording a servicing event on a loan (docs/reference/servicing-events.md): the loan row is locked, so
// commands on one loan run one after another while other loans proceed in parallel; the stored events and the
// new one are replayed by the servicing engine up to the business date; the event, its ledger entries, the new
// snapshot, the idempotency record and the audit record then commit together. An event the engine refuses
// changes nothing.
import { parseIsoDate } from "../core/calendar-date.ts";
import { assert } from "../core/errors.ts";
import { AppError, notFound } from "./app-error.ts";
import { runCommand } from "./command.ts";
import type { Answer, Context } from "./context.ts";
import {
  bookLoan,
  cachedDocuments,
  loanEvents,
  openedLoan,
  peekOpenedLoan,
  rememberDocuments,
  renameNewEvent,
  saveBooking,
  stateSummary,
} from "./loan-booking.ts";
import { BORROWER_EVENT_TYPES, ensureOwnBorrower } from "./permissions.ts";

export interface RecordEvent {
  readonly loanId: string;
  /** One event document: `{"type": "repayment", "date": "…", "amount": "…"}`; `id` optional. */
  readonly event: Record<string, unknown>;
}

export async function recordEvent(ctx: Context, input: RecordEvent): Promise<Answer<unknown>> {
  const { actor } = ctx;
  const type = input.event.type;
  if (actor.role === "borrower" && !BORROWER_EVENT_TYPES.includes(String(type)))
    throw new AppError(
      "FORBIDDEN",
      `a borrower may record only ${BORROWER_EVENT_TYPES.join(" and ")} events`,
    );
  // The event list as stored, remembered only once the transaction has committed: a list remembered from a
  // transaction that then rolled back could be taken for another process's list of the same length.
  let written: unknown[] | undefined;
  const answer = await runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    written = undefined;
    // The loan, locked, with the tenant's business date. Its events are read by a second statement, AFTER the lock
    // is held: a statement that waited for the lock sees the loan row as the previous command left it, but
    // anything else it reads (a subquery of events) as of when it started — without the newest event.
    // Only the columns a command needs: the terms and rules are parsed once per process (they never change).
    const row = await trx
      .selectFrom("loans")
      .innerJoin("tenants", "tenants.tenant_id", "loans.tenant_id")
      .select([
        "loans.tenant_id",
        "loans.loan_id",
        "loans.borrower_id",
        "loans.status",
        "loans.event_count",
        "loans.posted",
        "tenants.business_date",
      ])
      .where("loans.tenant_id", "=", actor.tenantId)
      .where("loans.loan_id", "=", input.loanId)
      .forUpdate("loans")
      .executeTakeFirst();
    if (row === undefined) throw notFound("loan", input.loanId);
    ensureOwnBorrower(actor, row.borrower_id, "loan", input.loanId);
    if (row.status === "approved")
      throw new AppError("CONFLICT", `loan "${input.loanId}" is approved but not disbursed yet`);
    const opened =
      peekOpenedLoan(actor.tenantId, input.loanId) ??
      openedLoan(
        await trx
          .selectFrom("loans")
          .select(["tenant_id", "loan_id", "terms", "servicing"])
          .where("tenant_id", "=", actor.tenantId)
          .where("loan_id", "=", input.loanId)
          .executeTakeFirstOrThrow(),
      );
    const stored =
      cachedDocuments(actor.tenantId, input.loanId, row.event_count) ??
      (
        await trx
          .selectFrom("loan_events")
          .select("event")
          .where("tenant_id", "=", actor.tenantId)
          .where("loan_id", "=", input.loanId)
          .orderBy("seq")
          .execute()
      ).map((r) => r.event);
    assert(
      stored.length === row.event_count,
      `loan ${input.loanId}: ${stored.length} events stored, ${row.event_count} counted`,
    );
    const tenant = { business_date: row.business_date };
    const seq = row.event_count + 1;
    const document: Record<string, unknown> = { ...input.event, id: input.event.id ?? `e${seq}` };
    const documents = [...stored, document];
    const businessDay = parseIsoDate(tenant.business_date) as number;
    let booking: ReturnType<typeof bookLoan>;
    try {
      const events = loanEvents(opened, documents);
      const added = events[events.length - 1];
      if (added !== undefined && added.day > businessDay) {
        throw new AppError(
          "INVALID_REQUEST",
          `event.date: ${String(document.date)} is after the business date ${tenant.business_date}`,
          [
            {
              field: "event.date",
              value: document.date,
              message: `must be on or before the business date ${tenant.business_date}`,
            },
          ],
        );
      }
      booking = bookLoan(opened, events, businessDay, row.posted);
    } catch (error) {
      throw renameNewEvent(error, documents.length - 1);
    }
    written = documents;
    await saveBooking(
      trx,
      row,
      `event:${seq}`,
      booking,
      { event_count: seq },
      {
        seq,
        document,
        actor: `${actor.role}:${actor.keyId}`,
      },
    );
    return {
      status: 201,
      body: {
        loanId: input.loanId,
        seq,
        event: document,
        state: stateSummary(booking.state, opened.currency),
      },
      audit: {
        action: "loans.events.record",
        objectType: "loan",
        objectId: input.loanId,
        detail: { seq, type: document.type },
      },
    };
  });
  if (written !== undefined && !answer.replayed) rememberDocuments(actor.tenantId, input.loanId, written);
  return answer;
}
