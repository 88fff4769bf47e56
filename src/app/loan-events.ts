// Recording a servicing event on a loan (docs/reference/servicing-events.md): the loan row is locked, so
// commands on one loan run one after another while other loans proceed in parallel; the stored events and the
// new one are replayed by the servicing engine up to the business date; the event, its ledger entries, the new
// snapshot, the idempotency record and the audit record then commit together. An event the engine refuses
// changes nothing.
import { parseIsoDate } from "../core/calendar-date.ts";
import type { EventList } from "../servicing/parse-events.ts";
import { AppError } from "./app-error.ts";
import type { Answer, Context } from "./context.ts";
import { bookLoan, renameNewEvent, stateSummary } from "./loan-booking.ts";
import { runLoanCommand } from "./loan-command.ts";
import { BORROWER_EVENT_TYPES } from "./permissions.ts";

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
  return runLoanCommand(ctx.store, actor, ctx.idempotency, input.loanId, (loan) => {
    if (loan.status === "approved")
      throw new AppError("CONFLICT", `loan "${input.loanId}" is approved but not disbursed yet`);
    const seq = loan.documents.length + 1;
    const document: Record<string, unknown> = { ...input.event, id: input.event.id ?? `e${seq}` };
    const businessDay = parseIsoDate(loan.businessDate) as number;
    let booking: ReturnType<typeof bookLoan>;
    let list: EventList;
    try {
      list = loan.withEvent(document);
      const { events } = list;
      const added = events[events.length - 1];
      if (added !== undefined && added.day > businessDay) {
        throw new AppError(
          "INVALID_REQUEST",
          `event.date: ${String(document.date)} is after the business date ${loan.businessDate}`,
          [
            {
              field: "event.date",
              value: document.date,
              message: `must be on or before the business date ${loan.businessDate}`,
            },
          ],
        );
      }
      booking = bookLoan(loan.opened, events, businessDay, loan.postings);
    } catch (error) {
      throw renameNewEvent(error, loan.documents.length);
    }
    return {
      status: 201,
      body: {
        loanId: input.loanId,
        seq,
        event: document,
        state: stateSummary(booking.state, loan.opened.currency),
      },
      audit: {
        action: "loans.events.record",
        objectType: "loan",
        objectId: input.loanId,
        detail: { seq, type: document.type },
      },
      bookingName: `event:${seq}`,
      booking,
      event: { record: { seq, document, actor: `${actor.role}:${actor.keyId}` }, list },
    };
  });
}
