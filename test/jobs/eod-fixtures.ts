// Fixtures for the end-of-day tests: tenants, products and loans made through the app's operations as a client
// would, a day closed through the app's end-of-day functions, many loans cloned set-based, and the two
// independent views of a loan's books that the tests compare (the ledger as booked; the engine's own replay).
import { sql } from "kysely";
import type { Actor } from "../../src/app/actor.ts";
import { finishEndOfDay, planEndOfDay, processPartition } from "../../src/app/end-of-day.ts";
import { TenorApp } from "../../src/app/service.ts";
import { createTenant } from "../../src/app/tenants.ts";
import { type DayNumber, parseIsoDate } from "../../src/core/calendar-date.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { parseEvents } from "../../src/servicing/parse-events.ts";
import { parseServicingRules } from "../../src/servicing/parse-servicing-rules.ts";
import { openLoan, replayLoan } from "../../src/servicing/service-loan.ts";
import type { LoanState } from "../../src/servicing/types.ts";
import type { Store } from "../../src/store/database.ts";
import { annuityProductTerms } from "../support/service-fixtures.ts";

export interface EodTenant {
  readonly store: Store;
  readonly app: TenorApp;
  readonly admin: Actor;
  readonly tenantId: string;
}

/** The reference servicing rules: three late grace days, a late fee of 15.00, a write-off tolerance of 1.00. */
export const SERVICING = { lateGraceDays: 3, lateFee: { amount: "15.00" }, writeOffTolerance: "1.00" };

/** A tenant on `businessDate` with a monthly annuity product ("annuity", servicing as given) and borrower b1. */
export async function eodTenant(
  store: Store,
  tenantId: string,
  businessDate: string,
  servicing: Record<string, unknown> = SERVICING,
): Promise<EodTenant> {
  const app = new TenorApp(store);
  const { adminKey } = await createTenant(store, { tenantId, name: tenantId, businessDate });
  const admin = await app.authenticator.authenticate(adminKey);
  await app.perform("products.create", admin, {
    productId: "annuity",
    name: "Annuity",
    terms: annuityProductTerms(),
    servicing,
  });
  await app.perform("borrowers.create", admin, { borrowerId: "b1", name: "Borrower One" });
  return { store, app, admin, tenantId };
}

/** Applies, approves and disburses a loan of the tenant's annuity product; returns its id. */
export async function newLoan(
  t: EodTenant,
  options: { principal?: string; installments?: number; rate?: string; disbursementDate?: string } = {},
): Promise<string> {
  const application = await t.app.perform("applications.submit", t.admin, {
    borrowerId: "b1",
    productId: "annuity",
    principal: options.principal ?? "1000.00",
    installments: options.installments ?? 12,
    interestRate: options.rate ?? "12",
    disbursementDate: options.disbursementDate ?? "2025-01-01",
  });
  const applicationId = (application.body as { applicationId: string }).applicationId;
  const approved = await t.app.perform("applications.approve", t.admin, { applicationId });
  const loanId = (approved.body as { loanId: string }).loanId;
  await t.app.perform("loans.disburse", t.admin, { loanId });
  return loanId;
}

export async function recordEvent(t: EodTenant, loanId: string, event: Record<string, unknown>) {
  return t.app.perform("loans.events.record", t.admin, { loanId, event });
}

/** Closes the tenant's open day through the app's functions (plan, every partition, finish). */
export async function closeDay(
  store: Store,
  tenantId: string,
  options: { partitionSize?: number; worker?: string } = {},
): Promise<string> {
  const worker = options.worker ?? "test-worker";
  const plan = await planEndOfDay(store, tenantId, { partitionSize: options.partitionSize });
  for (const p of plan.partitions)
    await processPartition(store, {
      tenantId,
      businessDate: plan.businessDate,
      partition: p.partition,
      worker,
    });
  const finish = await finishEndOfDay(store, tenantId, plan.businessDate, worker);
  if (!finish.advanced) throw new Error(`day ${plan.businessDate} was not finished`);
  return plan.businessDate;
}

export async function businessDate(store: Store, tenantId: string): Promise<string> {
  const row = await store.read((db) =>
    db
      .selectFrom("tenants")
      .select("business_date")
      .where("tenant_id", "=", tenantId)
      .executeTakeFirstOrThrow(),
  );
  return row.business_date;
}

export async function loanRow(store: Store, tenantId: string, loanId: string) {
  return store.read((db) =>
    db
      .selectFrom("loans")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("loan_id", "=", loanId)
      .executeTakeFirstOrThrow(),
  );
}

export async function eventDocuments(store: Store, tenantId: string, loanId: string) {
  return store.read((db) =>
    db
      .selectFrom("loan_events")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("loan_id", "=", loanId)
      .orderBy("seq")
      .execute(),
  );
}

/** The engine's own replay of the stored loan at `date`, from its documents (not through the app's code). */
export async function engineState(
  store: Store,
  tenantId: string,
  loanId: string,
  date: string,
): Promise<LoanState> {
  const row = await loanRow(store, tenantId, loanId);
  const terms = parseTerms(row.terms);
  const rules = parseServicingRules(row.servicing, terms.currency.digits);
  const events = parseEvents(
    (await eventDocuments(store, tenantId, loanId)).map((e) => e.event),
    {
      currencyDigits: terms.currency.digits,
      disbursementDay: terms.disbursementDay,
      maxEvents: rules.maxEvents,
    },
  );
  return replayLoan(openLoan(terms, rules), events, parseIsoDate(date) as DayNumber);
}

/** Account balances (debits positive, credits negative) of a list of debit/credit/amount lines; zeros dropped. */
export function balancesOf(
  lines: readonly { debit: string; credit: string; amount: bigint | number }[],
): Record<string, bigint> {
  const balances = new Map<string, bigint>();
  for (const line of lines) {
    const amount = BigInt(line.amount);
    balances.set(line.debit, (balances.get(line.debit) ?? 0n) + amount);
    balances.set(line.credit, (balances.get(line.credit) ?? 0n) - amount);
  }
  return Object.fromEntries([...balances].filter(([, v]) => v !== 0n).sort(([a], [b]) => a.localeCompare(b)));
}

export async function ledgerEntries(store: Store, tenantId: string, loanId?: string) {
  return store.read((db) => {
    let query = db.selectFrom("ledger_entries").selectAll().where("tenant_id", "=", tenantId);
    if (loanId !== undefined) query = query.where("loan_id", "=", loanId);
    return query.orderBy("entry_id").execute();
  });
}

/** The booked ledger's balances of a loan. */
export async function ledgerBalances(store: Store, tenantId: string, loanId: string) {
  const entries = await ledgerEntries(store, tenantId, loanId);
  return balancesOf(entries.map((e) => ({ debit: e.debit, credit: e.credit, amount: e.amount_minor })));
}

/** The balances of the engine's own postings for a replay of the loan at `date`. */
export async function engineBalances(store: Store, tenantId: string, loanId: string, date: string) {
  const state = await engineState(store, tenantId, loanId, date);
  return balancesOf(state.postings.map((p) => ({ debit: p.debit, credit: p.credit, amount: p.amountMinor })));
}

/**
 * `copies` copies of each template loan (made through the app, so valid and disbursed), inserted set-based with
 * their disbursement ledger entries: `<prefix><template index>_<n>` for n = 1…copies.
 */
export async function cloneLoans(
  store: Store,
  tenantId: string,
  templates: readonly string[],
  copies: number,
  prefix = "bulk",
): Promise<number> {
  let made = 0;
  for (const [index, template] of templates.entries()) {
    await store.transaction(async (trx) => {
      const id = sql<string>`${`${prefix}${index}_`} || lpad(g::text, 6, '0')`;
      const inserted = await sql`
        insert into loans (tenant_id, loan_id, borrower_id, product_id, product_version, application_id, currency,
          terms, servicing, status, principal_minor, event_count, state_date, outstanding_minor, payoff_minor,
          days_past_due, delinquency, posted, signals, eod_date)
        select l.tenant_id, ${id}, l.borrower_id, l.product_id, l.product_version, null, l.currency,
          l.terms, l.servicing, l.status, l.principal_minor, l.event_count, l.state_date, l.outstanding_minor,
          l.payoff_minor, l.days_past_due, l.delinquency, l.posted, l.signals, l.eod_date
        from loans l, generate_series(1, ${copies}::int4) as g
        where l.tenant_id = ${tenantId} and l.loan_id = ${template}`.execute(trx);
      made += Number(inserted.numAffectedRows ?? 0n);
      await sql`
        insert into loan_events (tenant_id, loan_id, seq, event, actor)
        select e.tenant_id, ${id}, e.seq, e.event, e.actor
        from loan_events e, generate_series(1, ${copies}::int4) as g
        where e.tenant_id = ${tenantId} and e.loan_id = ${template}`.execute(trx);
      await sql`
        insert into ledger_entries (tenant_id, loan_id, booking, day, debit, credit, amount_minor, reversal,
          posting_key, memo)
        select e.tenant_id, ${id}, e.booking, e.day, e.debit, e.credit, e.amount_minor, e.reversal, e.posting_key,
          e.memo
        from ledger_entries e, generate_series(1, ${copies}::int4) as g
        where e.tenant_id = ${tenantId} and e.loan_id = ${template}
        order by g, e.entry_id`.execute(trx);
    });
  }
  return made;
}
