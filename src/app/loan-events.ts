// Recording a servicing event on a loan (docs/reference/servicing-events.md): the loan row is locked, so
// commands on one loan run one after another while other loans proceed in parallel; the stored events and the
// new one are replayed by the servicing engine up to the business date; the event, its ledger entries, the new
// snapshot, the idempotency record and the audit record then commit together. An event the engine refuses
// changes nothing.
import { parseIsoDate } from "../core/calendar-date.ts";
import { AppError, notFound } from "./app-error.ts";
import { runCommand } from "./command.ts";
import type { Answer, Context } from "./context.ts";
import {
  bookLoan,
  loanEvents,
  openedLoan,
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
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    const row = await trx
      .selectFrom("loans")
      .selectAll()
      .where("tenant_id", "=", actor.tenantId)
      .where("loan_id", "=", input.loanId)
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) throw notFound("loan", input.loanId);
    ensureOwnBorrower(actor, row.borrower_id, "loan", input.loanId);
    if (row.status === "approved")
      throw new AppError("CONFLICT", `loan "${input.loanId}" is approved but not disbursed yet`);
    const [stored, tenant] = await Promise.all([
      trx
        .selectFrom("loan_events")
        .select("event")
        .where("tenant_id", "=", actor.tenantId)
        .where("loan_id", "=", input.loanId)
        .orderBy("seq")
        .execute(),
      trx
        .selectFrom("tenants")
        .select("business_date")
        .where("tenant_id", "=", actor.tenantId)
        .executeTakeFirstOrThrow(),
    ]);
    const seq = row.event_count + 1;
    const document: Record<string, unknown> = { ...input.event, id: input.event.id ?? `e${seq}` };
    const documents = [...stored.map((s) => s.event), document];
    const businessDay = parseIsoDate(tenant.business_date) as number;
    const opened = openedLoan(row);
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
    await trx
      .insertInto("loan_events")
      .values({
        tenant_id: actor.tenantId,
        loan_id: input.loanId,
        seq,
        event: JSON.stringify(document),
        actor: `${actor.role}:${actor.keyId}`,
      })
      .execute();
    await saveBooking(trx, row, `event:${seq}`, booking, { event_count: seq });
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
}
