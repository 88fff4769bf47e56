// The service's one door: every operation, whichever adapter calls it (HTTP, CLI, jobs), is authorized here
// against the role table (permissions.ts) and then run. Owner checks happen inside the operations, which know
// the object's borrower.
import { rateFromDocument } from "../rates/rate-request.ts";
import { generateSchedule } from "../schedule/generate-schedule.ts";
import { parseTerms } from "../schedule/parse-terms.ts";
import { scheduleToDocument } from "../schedule/schedule-document.ts";
import type { Store } from "../store/database.ts";
import type { Role } from "../store/schema.ts";
import type { Actor } from "./actor.ts";
import { AppError } from "./app-error.ts";
import {
  approveApplication,
  declineApplication,
  disburseLoan,
  listApplications,
  type NewApplication,
  readApplication,
  submitApplication,
} from "./applications.ts";
import {
  borrowerPlans,
  borrowerScore,
  createBorrower,
  listBorrowers,
  type NewBorrower,
  readBorrower,
  writeProfile,
} from "./borrowers.ts";
import type { IdempotencyRequest } from "./command.ts";
import { type Answer, type Context, DEFAULT_PAGE_SIZE, ok, type PageRequest, pageOf } from "./context.ts";
import { Authenticator } from "./credentials.ts";
import { type RecordEvent, recordEvent } from "./loan-events.ts";
import {
  type LoanFilter,
  listLoanEvents,
  listLoans,
  loanCashFlow,
  loanHealth,
  loanLedger,
  loanSchedule,
  payoffQuote,
  readLoan,
} from "./loans.ts";
import { authorize, type Operation } from "./permissions.ts";
import { portfolioDelinquency } from "./portfolio.ts";
import {
  addProductVersion,
  createProduct,
  listProducts,
  listTemplates,
  type NewProduct,
  type ProductDefinition,
  readProduct,
} from "./products.ts";
import { createApiKey, listApiKeys, readTenant, revokeApiKey } from "./tenants.ts";

type UseCase<I> = (ctx: Context, input: I) => Promise<Answer<unknown>>;

/** The input each operation takes (already shaped by the adapter: typed fields, documents as JSON values). */
export interface OperationInputs {
  "tenant.read": Record<string, never>;
  "apiKeys.create": { role: Role; borrowerId?: string | undefined; label?: string | undefined };
  "apiKeys.list": Record<string, never>;
  "apiKeys.revoke": { keyId: string };
  "products.create": NewProduct;
  "products.version": ProductDefinition & { productId: string; name?: string | undefined };
  "products.list": PageRequest;
  "products.read": { productId: string; version?: number | undefined };
  "products.templates": Record<string, never>;
  "quotes.schedule": { terms: unknown };
  "quotes.rates": { request: unknown };
  "borrowers.create": NewBorrower;
  "borrowers.list": PageRequest;
  "borrowers.read": { borrowerId: string };
  "borrowers.profile.write": { borrowerId: string; profile: unknown };
  "borrowers.plans": { borrowerId: string; request: unknown; policy?: unknown };
  "borrowers.score": { borrowerId: string; applicant: unknown };
  "applications.submit": NewApplication;
  "applications.read": { applicationId: string };
  "applications.list": PageRequest & { status?: string | undefined };
  "applications.approve": { applicationId: string };
  "applications.decline": { applicationId: string; reason?: string | undefined };
  "loans.disburse": { loanId: string };
  "loans.list": LoanFilter;
  "loans.read": { loanId: string; asOf?: string | undefined };
  "loans.schedule": { loanId: string };
  "loans.events.list": { loanId: string };
  "loans.events.record": RecordEvent;
  "loans.payoffQuote": { loanId: string; date?: string | undefined };
  "loans.cashFlow": { loanId: string; asOf?: string | undefined };
  "loans.ledger": { loanId: string };
  "loans.health": { loanId: string; options?: Record<string, unknown> | undefined };
  "portfolio.delinquency": { from?: string | undefined; to?: string | undefined };
  "eod.run": Record<string, never>;
  "audit.list": PageRequest;
}

export class TenorApp {
  readonly store: Store;
  readonly authenticator: Authenticator;
  readonly #useCases: { [K in Operation]: UseCase<OperationInputs[K]> };

  constructor(store: Store, endOfDay?: UseCase<Record<string, never>>) {
    this.store = store;
    this.authenticator = new Authenticator(store);
    this.#useCases = {
      "tenant.read": readTenant,
      "apiKeys.create": createApiKey,
      "apiKeys.list": listApiKeys,
      "apiKeys.revoke": async (ctx, input) => {
        const answer = await revokeApiKey(ctx, input);
        this.authenticator.forget(ctx.actor.tenantId, input.keyId);
        return answer;
      },
      "products.create": createProduct,
      "products.version": addProductVersion,
      "products.list": listProducts,
      "products.read": readProduct,
      "products.templates": async () => listTemplates(),
      "quotes.schedule": async (_ctx, input) =>
        ok(scheduleToDocument(generateSchedule(parseTerms(input.terms)))),
      "quotes.rates": async (_ctx, input) => ok(rateFromDocument(input.request)),
      "borrowers.create": createBorrower,
      "borrowers.list": listBorrowers,
      "borrowers.read": readBorrower,
      "borrowers.profile.write": writeProfile,
      "borrowers.plans": borrowerPlans,
      "borrowers.score": borrowerScore,
      "applications.submit": submitApplication,
      "applications.read": readApplication,
      "applications.list": listApplications,
      "applications.approve": approveApplication,
      "applications.decline": declineApplication,
      "loans.disburse": disburseLoan,
      "loans.list": listLoans,
      "loans.read": readLoan,
      "loans.schedule": loanSchedule,
      "loans.events.list": listLoanEvents,
      "loans.events.record": recordEvent,
      "loans.payoffQuote": payoffQuote,
      "loans.cashFlow": loanCashFlow,
      "loans.ledger": loanLedger,
      "loans.health": loanHealth,
      "portfolio.delinquency": portfolioDelinquency,
      "eod.run":
        endOfDay ??
        (async () => {
          throw new AppError("CONFLICT", "end of day is not configured in this process");
        }),
      "audit.list": listAudit,
    };
  }

  /** Authorizes the actor for the operation, then runs it. */
  async perform<K extends Operation>(
    operation: K,
    actor: Actor,
    input: OperationInputs[K],
    idempotency?: IdempotencyRequest,
  ): Promise<Answer<unknown>> {
    authorize(actor, operation);
    const useCase = this.#useCases[operation] as UseCase<OperationInputs[K]>;
    return await useCase({ store: this.store, actor, idempotency }, input);
  }
}

async function listAudit(ctx: Context, page: PageRequest): Promise<Answer<unknown>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await ctx.store.read((db) => {
    let query = db.selectFrom("audit_log").selectAll().where("tenant_id", "=", ctx.actor.tenantId);
    if (page.after !== undefined) query = query.where("audit_id", ">", BigInt(page.after));
    return query
      .orderBy("audit_id")
      .limit(limit + 1)
      .execute();
  });
  const items = rows.map((row) => ({
    auditId: String(row.audit_id),
    at: row.at,
    actor: row.actor,
    role: row.role,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    detail: row.detail,
  }));
  return ok(pageOf(items, limit, (item) => item.auditId));
}
