// Reading loans: lists from the stored snapshots; a loan's state, schedule, cash flow and pay-off amount on any
// date by replaying its events (the same engine as the commands); its ledger as booked.
import { type DayNumber, formatIsoDate, parseIsoDate } from "../core/calendar-date.ts";
import { currencyByCode } from "../core/currency.ts";
import { formatMinor } from "../core/money.ts";
import { healthFromDocument } from "../risk/health/health-document.ts";
import { scheduleToDocument } from "../schedule/schedule-document.ts";
import { loanStateToDocument } from "../servicing/loan-state-document.ts";
import { replayLoan } from "../servicing/service-loan.ts";
import { invalid, notFound } from "./app-error.ts";
import { type Answer, type Context, DEFAULT_PAGE_SIZE, ok, type PageRequest, pageOf } from "./context.ts";
import { type LoanRow, loanEvents, openedLoan, stateSummary } from "./loan-booking.ts";
import { ensureOwnBorrower } from "./permissions.ts";
import { openProfile } from "./personal-data.ts";
import { businessDateOf } from "./tenants.ts";

export interface LoanFilter extends PageRequest {
  readonly status?: string | undefined;
  readonly borrowerId?: string | undefined;
  readonly delinquency?: string | undefined;
}

export async function listLoans(ctx: Context, input: LoanFilter): Promise<Answer<unknown>> {
  const { actor } = ctx;
  const limit = input.limit ?? DEFAULT_PAGE_SIZE;
  const borrowerId = actor.role === "borrower" ? actor.borrowerId : input.borrowerId;
  if (actor.role === "borrower" && input.borrowerId !== undefined)
    ensureOwnBorrower(actor, input.borrowerId, "borrower", input.borrowerId);
  const rows = await ctx.store.read((db) => {
    let query = db
      .selectFrom("loans")
      .select([
        "loan_id",
        "borrower_id",
        "product_id",
        "product_version",
        "currency",
        "status",
        "principal_minor",
        "outstanding_minor",
        "payoff_minor",
        "days_past_due",
        "delinquency",
        "state_date",
        "event_count",
      ])
      .where("tenant_id", "=", actor.tenantId);
    if (borrowerId !== undefined) query = query.where("borrower_id", "=", borrowerId);
    if (input.status !== undefined) query = query.where("status", "=", input.status as "active");
    if (input.delinquency !== undefined) query = query.where("delinquency", "=", input.delinquency);
    if (input.after !== undefined) query = query.where("loan_id", ">", input.after);
    return query
      .orderBy("loan_id")
      .limit(limit + 1)
      .execute();
  });
  const items = rows.map((row) => {
    const digits = digitsOf(row.currency);
    return {
      loanId: row.loan_id,
      borrowerId: row.borrower_id,
      productId: row.product_id,
      productVersion: row.product_version,
      currency: row.currency,
      status: row.status,
      principal: formatMinor(row.principal_minor, digits),
      outstanding: formatMinor(row.outstanding_minor, digits),
      payoff: formatMinor(row.payoff_minor, digits),
      daysPastDue: row.days_past_due,
      delinquency: row.delinquency,
      stateDate: row.state_date,
      events: row.event_count,
    };
  });
  return ok(pageOf(items, limit, (item) => item.loanId));
}

function digitsOf(code: string): number {
  return currencyByCode(code)?.digits ?? 2;
}

/** The loan row, checked to exist and to be the actor's to see. */
export async function visibleLoan(ctx: Context, loanId: string): Promise<LoanRow> {
  const row = await ctx.store.read((db) =>
    db
      .selectFrom("loans")
      .selectAll()
      .where("tenant_id", "=", ctx.actor.tenantId)
      .where("loan_id", "=", loanId)
      .executeTakeFirst(),
  );
  if (row === undefined) throw notFound("loan", loanId);
  ensureOwnBorrower(ctx.actor, row.borrower_id, "loan", loanId);
  return row;
}

async function eventDocuments(ctx: Context, loanId: string): Promise<unknown[]> {
  const rows = await ctx.store.read((db) =>
    db
      .selectFrom("loan_events")
      .select("event")
      .where("tenant_id", "=", ctx.actor.tenantId)
      .where("loan_id", "=", loanId)
      .orderBy("seq")
      .execute(),
  );
  return rows.map((row) => row.event);
}

/** The as-of day: the given date (on or after the disbursement) or the tenant's business date. */
async function asOfDayOf(
  ctx: Context,
  row: LoanRow,
  asOf: string | undefined,
  field = "asOf",
): Promise<DayNumber> {
  const text = asOf ?? (await businessDateOf(ctx));
  const day = parseIsoDate(text);
  if (day === undefined) throw invalid(field, asOf, "must be a calendar date YYYY-MM-DD");
  const disbursement = openedLoan(row).loan.terms.disbursementDay;
  if (day < disbursement)
    throw invalid(
      field,
      text,
      `must be on or after the loan's disbursement date ${formatIsoDate(disbursement)}`,
    );
  return day;
}

async function replayed(ctx: Context, input: { loanId: string; asOf?: string | undefined }, field = "asOf") {
  const row = await visibleLoan(ctx, input.loanId);
  const opened = openedLoan(row);
  const documents = await eventDocuments(ctx, input.loanId);
  const events = loanEvents(opened, documents);
  const asOfDay = await asOfDayOf(ctx, row, input.asOf, field);
  return { row, opened, documents, events, asOfDay };
}

function header(row: LoanRow) {
  return {
    loanId: row.loan_id,
    borrowerId: row.borrower_id,
    productId: row.product_id,
    productVersion: row.product_version,
    applicationId: row.application_id,
    status: row.status,
    terms: row.terms,
    servicing: row.servicing,
  };
}

/** The loan on a date: its state by installment (the servicing engine's document), events as of that date. */
export async function readLoan(
  ctx: Context,
  input: { loanId: string; asOf?: string | undefined },
): Promise<Answer<unknown>> {
  const { row, opened, documents, events, asOfDay } = await replayed(ctx, input);
  if (row.status === "approved")
    return ok({ ...header(row), schedule: scheduleToDocument(opened.loan.schedule), events: [] });
  const state = replayLoan(opened.loan, events, asOfDay);
  const document = loanStateToDocument(state, [], opened.currency);
  return ok({
    ...header(row),
    summary: stateSummary(state, opened.currency),
    installments: document.installments,
    totals: document.totals,
    events: documents,
  });
}

export async function loanSchedule(ctx: Context, input: { loanId: string }): Promise<Answer<unknown>> {
  const row = await visibleLoan(ctx, input.loanId);
  return ok({ loanId: row.loan_id, schedule: scheduleToDocument(openedLoan(row).loan.schedule) });
}

export async function listLoanEvents(ctx: Context, input: { loanId: string }): Promise<Answer<unknown>> {
  await visibleLoan(ctx, input.loanId);
  const rows = await ctx.store.read((db) =>
    db
      .selectFrom("loan_events")
      .select(["seq", "event", "actor", "recorded_at"])
      .where("tenant_id", "=", ctx.actor.tenantId)
      .where("loan_id", "=", input.loanId)
      .orderBy("seq")
      .execute(),
  );
  return ok({
    loanId: input.loanId,
    items: rows.map((r) => ({ seq: r.seq, event: r.event, actor: r.actor, recordedAt: r.recorded_at })),
  });
}

/** What paying the loan off on `date` takes (the servicing engine's pay-off amount), with its parts. */
export async function payoffQuote(
  ctx: Context,
  input: { loanId: string; date?: string | undefined },
): Promise<Answer<unknown>> {
  const { opened, events, asOfDay } = await replayed(ctx, { loanId: input.loanId, asOf: input.date }, "date");
  const state = replayLoan(opened.loan, events, asOfDay);
  const summary = stateSummary(state, opened.currency);
  return ok({
    loanId: input.loanId,
    date: formatIsoDate(asOfDay),
    currency: opened.currency.code,
    payoff: summary.payoff,
    outstanding: summary.outstanding,
    creditBalance: summary.creditBalance,
    status: state.status,
  });
}

/** The cash-flow history by installment and component, as of a date. */
export async function loanCashFlow(
  ctx: Context,
  input: { loanId: string; asOf?: string | undefined },
): Promise<Answer<unknown>> {
  const { opened, events, asOfDay } = await replayed(ctx, input);
  const state = replayLoan(opened.loan, events, asOfDay);
  const document = loanStateToDocument(state, [], opened.currency);
  return ok({
    loanId: input.loanId,
    asOf: document.asOf,
    currency: document.currency,
    cashFlow: document.cashFlow,
  });
}

/**
 * The ledger as booked (append-only: entries and their reversals) with the balance of every account, and the
 * engine's journal replayed on the same events for comparison.
 */
export async function loanLedger(ctx: Context, input: { loanId: string }): Promise<Answer<unknown>> {
  const row = await visibleLoan(ctx, input.loanId);
  const digits = openedLoan(row).currency.digits;
  const entries = await ctx.store.read((db) =>
    db
      .selectFrom("ledger_entries")
      .select([
        "entry_id",
        "booking",
        "day",
        "debit",
        "credit",
        "amount_minor",
        "reversal",
        "posting_key",
        "memo",
      ])
      .where("tenant_id", "=", ctx.actor.tenantId)
      .where("loan_id", "=", input.loanId)
      .orderBy("entry_id")
      .execute(),
  );
  const balances = new Map<string, bigint>();
  for (const entry of entries) {
    balances.set(entry.debit, (balances.get(entry.debit) ?? 0n) + entry.amount_minor);
    balances.set(entry.credit, (balances.get(entry.credit) ?? 0n) - entry.amount_minor);
  }
  return ok({
    loanId: input.loanId,
    currency: row.currency,
    entries: entries.map((e) => ({
      entry: String(e.entry_id),
      booking: e.booking,
      date: e.day,
      debit: e.debit,
      credit: e.credit,
      amount: formatMinor(e.amount_minor, digits),
      reversal: e.reversal,
      key: e.posting_key,
      memo: e.memo,
    })),
    balances: Object.fromEntries(
      [...balances].sort().map(([account, minor]) => [account, formatMinor(minor, digits)]),
    ),
  });
}

/** The loan health score (docs/reference/health-score.md) on the business date, with the borrower's profile. */
export async function loanHealth(
  ctx: Context,
  input: { loanId: string; options?: Record<string, unknown> | undefined },
): Promise<Answer<unknown>> {
  const row = await visibleLoan(ctx, input.loanId);
  const documents = await eventDocuments(ctx, input.loanId);
  const borrower = await ctx.store.read((db) =>
    db
      .selectFrom("borrowers")
      .select("profile")
      .where("tenant_id", "=", ctx.actor.tenantId)
      .where("borrower_id", "=", row.borrower_id)
      .executeTakeFirstOrThrow(),
  );
  const document: Record<string, unknown> = {
    ...(input.options ?? {}),
    loan: { terms: row.terms, servicing: row.servicing, events: documents },
    asOf: await businessDateOf(ctx),
  };
  const profile = openProfile(ctx.store.dataKeys, ctx.actor.tenantId, row.borrower_id, borrower.profile);
  if (profile !== null && document.borrower === undefined) document.borrower = profile;
  return ok({ loanId: input.loanId, ...healthFromDocument(document) });
}
