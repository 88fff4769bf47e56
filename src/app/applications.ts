// Loan applications → loans. An application resolves its terms from the product's latest version and the
// applicant's choices (checked against the product's ranges and by the terms parser); approving it creates the
// loan, which keeps that product version; disbursing it starts servicing.
import type { Transaction } from "kysely";
import { parseIsoDate } from "../core/calendar-date.ts";
import { withFieldPrefix } from "../core/errors.ts";
import { parseTerms } from "../schedule/parse-terms.ts";
import type { Schema } from "../store/schema.ts";
import { AppError, notFound } from "./app-error.ts";
import { requireBorrower } from "./borrowers.ts";
import { runCommand } from "./command.ts";
import { type Answer, type Context, DEFAULT_PAGE_SIZE, ok, type PageRequest, pageOf } from "./context.ts";
import { chosenId, newId } from "./ids.ts";
import { bookLoan, openedLoan, saveBooking, stateSummary } from "./loan-booking.ts";
import { type LoanChoices, loanTermsFromProduct } from "./loan-terms-from-product.ts";
import { ensureOwnBorrower } from "./permissions.ts";
import { postingsOf } from "./posted-text.ts";
import { readProductVersion } from "./products.ts";
import { businessDateOf, checkDate } from "./tenants.ts";

export interface NewApplication extends Omit<LoanChoices, "disbursementDate"> {
  readonly applicationId?: string | undefined;
  readonly borrowerId: string;
  readonly productId: string;
  readonly disbursementDate?: string | undefined;
}

export async function submitApplication(ctx: Context, input: NewApplication): Promise<Answer<unknown>> {
  const { actor } = ctx;
  ensureOwnBorrower(actor, input.borrowerId, "borrower", input.borrowerId);
  const applicationId = chosenId("applicationId", input.applicationId, "app");
  const disbursementDate = input.disbursementDate ?? (await businessDateOf(ctx));
  checkDate("disbursementDate", disbursementDate);
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    await requireBorrower(trx, actor.tenantId, input.borrowerId);
    const product = await readProductVersion(trx, actor.tenantId, input.productId, undefined);
    const terms = loanTermsFromProduct(product.terms, { ...input, disbursementDate });
    const schedule = withFieldPrefix("terms", () => parseTerms(terms));
    const exists = await applicationRow(trx, actor.tenantId, applicationId);
    if (exists !== undefined) throw new AppError("CONFLICT", `application "${applicationId}" already exists`);
    await trx
      .insertInto("applications")
      .values({
        tenant_id: actor.tenantId,
        application_id: applicationId,
        borrower_id: input.borrowerId,
        product_id: input.productId,
        product_version: product.version,
        terms: JSON.stringify(terms),
        status: "submitted",
        loan_id: null,
        decided_at: null,
      })
      .execute();
    return {
      status: 201,
      body: {
        applicationId,
        borrowerId: input.borrowerId,
        productId: input.productId,
        productVersion: product.version,
        status: "submitted",
        currency: schedule.currency.code,
        terms,
      },
      audit: { action: "applications.submit", objectType: "application", objectId: applicationId },
    };
  });
}

function applicationRow(
  trx: Pick<Transaction<Schema>, "selectFrom">,
  tenantId: string,
  applicationId: string,
) {
  return trx
    .selectFrom("applications")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("application_id", "=", applicationId)
    .executeTakeFirst();
}

function applicationDocument(row: NonNullable<Awaited<ReturnType<typeof applicationRow>>>) {
  return {
    applicationId: row.application_id,
    borrowerId: row.borrower_id,
    productId: row.product_id,
    productVersion: row.product_version,
    status: row.status,
    loanId: row.loan_id,
    terms: row.terms,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}

export async function readApplication(
  ctx: Context,
  input: { applicationId: string },
): Promise<Answer<unknown>> {
  const row = await ctx.store.read((db) => applicationRow(db, ctx.actor.tenantId, input.applicationId));
  if (row === undefined) throw notFound("application", input.applicationId);
  ensureOwnBorrower(ctx.actor, row.borrower_id, "application", input.applicationId);
  return ok(applicationDocument(row));
}

export async function listApplications(
  ctx: Context,
  input: PageRequest & { status?: string | undefined },
): Promise<Answer<unknown>> {
  const limit = input.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await ctx.store.read((db) => {
    let query = db.selectFrom("applications").selectAll().where("tenant_id", "=", ctx.actor.tenantId);
    if (input.status !== undefined) query = query.where("status", "=", input.status as "submitted");
    if (input.after !== undefined) query = query.where("application_id", ">", input.after);
    return query
      .orderBy("application_id")
      .limit(limit + 1)
      .execute();
  });
  return ok(pageOf(rows.map(applicationDocument), limit, (item) => item.applicationId));
}

/** Approves a submitted application: the loan is created (status `approved`) with the application's terms. */
export async function approveApplication(
  ctx: Context,
  input: { applicationId: string },
): Promise<Answer<unknown>> {
  const { actor } = ctx;
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    const row = await lockedApplication(trx, actor.tenantId, input.applicationId);
    const terms = parseTerms(row.terms);
    const product = await readProductVersion(trx, actor.tenantId, row.product_id, row.product_version);
    const loanId = newId("loan");
    await trx
      .insertInto("loans")
      .values({
        tenant_id: actor.tenantId,
        loan_id: loanId,
        borrower_id: row.borrower_id,
        product_id: row.product_id,
        product_version: row.product_version,
        application_id: row.application_id,
        currency: terms.currency.code,
        terms: JSON.stringify(row.terms),
        servicing: JSON.stringify(product.servicing),
        status: "approved",
        principal_minor: BigInt(terms.principalMinor),
        outstanding_minor: 0n,
        payoff_minor: 0n,
      })
      .execute();
    await trx
      .updateTable("applications")
      .set({ status: "approved", loan_id: loanId, decided_at: new Date().toISOString() })
      .where("tenant_id", "=", actor.tenantId)
      .where("application_id", "=", input.applicationId)
      .execute();
    return {
      status: 201,
      body: { applicationId: input.applicationId, status: "approved", loanId },
      audit: {
        action: "applications.approve",
        objectType: "application",
        objectId: input.applicationId,
        detail: { loanId },
      },
    };
  });
}

export async function declineApplication(
  ctx: Context,
  input: { applicationId: string; reason?: string | undefined },
): Promise<Answer<unknown>> {
  const { actor } = ctx;
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    await lockedApplication(trx, actor.tenantId, input.applicationId);
    await trx
      .updateTable("applications")
      .set({ status: "declined", decided_at: new Date().toISOString() })
      .where("tenant_id", "=", actor.tenantId)
      .where("application_id", "=", input.applicationId)
      .execute();
    return {
      status: 200,
      body: { applicationId: input.applicationId, status: "declined", reason: input.reason ?? null },
      audit: {
        action: "applications.decline",
        objectType: "application",
        objectId: input.applicationId,
        detail: { reason: input.reason ?? null },
      },
    };
  });
}

async function lockedApplication(trx: Transaction<Schema>, tenantId: string, applicationId: string) {
  const row = await trx
    .selectFrom("applications")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("application_id", "=", applicationId)
    .forUpdate()
    .executeTakeFirst();
  if (row === undefined) throw notFound("application", applicationId);
  if (row.status !== "submitted")
    throw new AppError("CONFLICT", `application "${applicationId}" is already ${row.status}`);
  return row;
}

/** Disburses an approved loan: it becomes active and its first booking (the disbursement) goes to the ledger. */
export async function disburseLoan(ctx: Context, input: { loanId: string }): Promise<Answer<unknown>> {
  const { actor } = ctx;
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    const row = await trx
      .selectFrom("loans")
      .selectAll()
      .where("tenant_id", "=", actor.tenantId)
      .where("loan_id", "=", input.loanId)
      .forUpdate()
      .executeTakeFirst();
    if (row === undefined) throw notFound("loan", input.loanId);
    if (row.status !== "approved")
      throw new AppError("CONFLICT", `loan "${input.loanId}" is ${row.status}, not approved`);
    const tenant = await trx
      .selectFrom("tenants")
      .select("business_date")
      .where("tenant_id", "=", actor.tenantId)
      .executeTakeFirstOrThrow();
    const opened = openedLoan(row);
    const businessDay = parseIsoDate(tenant.business_date) as number;
    if (opened.loan.terms.disbursementDay > businessDay) {
      throw new AppError(
        "CONFLICT",
        `loan "${input.loanId}" is to be disbursed on ${String((row.terms as { disbursementDate: string }).disbursementDate)}, after the business date ${tenant.business_date}`,
      );
    }
    const booking = bookLoan(opened, [], businessDay, postingsOf(row.posted));
    await saveBooking(trx, row, "disbursement", booking);
    return {
      status: 200,
      body: { loanId: input.loanId, ...stateSummary(booking.state, opened.currency) },
      audit: { action: "loans.disburse", objectType: "loan", objectId: input.loanId },
    };
  });
}
