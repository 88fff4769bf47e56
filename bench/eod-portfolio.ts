// The end-of-day benchmark's loans. A template tenant is seeded through the service's own operations
// (src/app/demo-seed.ts: the five product templates, borrowers, a few hundred loans with histories — mostly
// paid on time, some late, some past due in every bucket, some prepaid, some with a returned payment) on the
// day BEFORE the business date being closed, so every loan's books are what a loan closed yesterday has. Its
// active loans are then cloned set-based (the approach of test/jobs/eod-fixtures.ts `cloneLoans`, three
// INSERT … SELECT statements from generate_series) into bench tenants at the business date: the clones take
// the templates in turn, in loan id order, so every partition holds the same mix.
import { sql } from "kysely";
import { seedDemo } from "../src/app/demo-seed.ts";
import { openName, openProfile, sealName, sealProfile } from "../src/app/personal-data.ts";
import { createTenant } from "../src/app/tenants.ts";
import { addDays, type DayNumber, formatIsoDate, parseIsoDate } from "../src/core/calendar-date.ts";
import type { Store } from "../src/store/database.ts";

export const TEMPLATE_TENANT = "eod-templates";

export interface Templates {
  readonly tenantId: string;
  /** The day the templates were booked to (the day before the business date). */
  readonly bookedTo: string;
  readonly loans: number;
}

/** Seeds the template tenant on the day before `businessDate`. */
export async function seedTemplates(store: Store, businessDate: string, loans = 400): Promise<Templates> {
  const bookedTo = formatIsoDate(addDays(parseIsoDate(businessDate) as DayNumber, -1));
  await seedDemo(store, { tenantId: TEMPLATE_TENANT, businessDate: bookedTo, loans, seed: 6 });
  const active = await store.read((db) =>
    db
      .selectFrom("loans")
      .select((eb) => eb.fn.countAll<bigint>().as("n"))
      .where("tenant_id", "=", TEMPLATE_TENANT)
      .where("status", "=", "active")
      .executeTakeFirstOrThrow(),
  );
  return { tenantId: TEMPLATE_TENANT, bookedTo, loans: Number(active.n) };
}

/**
 * A tenant on `businessDate` with `loans` active loans, clones of the templates' active loans (ids
 * `L000001`…), their events and ledger entries, closed through the day before (eod_date).
 */
export async function clonePortfolio(
  store: Store,
  templates: Templates,
  tenantId: string,
  businessDate: string,
  loans: number,
): Promise<void> {
  await createTenant(store, { tenantId, name: tenantId, businessDate });
  const from = templates.tenantId;
  await store.transaction(async (trx) => {
    await sql`
      insert into products (tenant_id, product_id, name, latest_version)
      select ${tenantId}, product_id, name, latest_version from products where tenant_id = ${from}`.execute(
      trx,
    );
    await sql`
      insert into product_versions (tenant_id, product_id, version, definition)
      select ${tenantId}, product_id, version, definition from product_versions
      where tenant_id = ${from}`.execute(trx);
    // Names and profiles are sealed to their tenant (src/app/personal-data.ts): opened and sealed again for the
    // clone's, a few hundred borrowers, not copied as they are.
    const borrowers = await trx
      .selectFrom("borrowers")
      .select(["borrower_id", "name", "profile", "profile_updated_at"])
      .where("tenant_id", "=", from)
      .execute();
    const keys = store.dataKeys;
    if (borrowers.length > 0)
      await trx
        .insertInto("borrowers")
        .values(
          borrowers.map((b) => {
            const profile = openProfile(keys, from, b.borrower_id, b.profile);
            return {
              tenant_id: tenantId,
              borrower_id: b.borrower_id,
              name: sealName(keys, tenantId, b.borrower_id, openName(keys, from, b.borrower_id, b.name)),
              profile: profile === null ? null : sealProfile(keys, tenantId, b.borrower_id, profile),
              profile_updated_at: b.profile_updated_at,
            };
          }),
        )
        .execute();
    // Clone g (1…loans) is template (g - 1) mod k, k the number of active templates in the order of their
    // application ids — the seed's own, unlike loan ids, which follow the order in which the seed's parallel
    // bookings happened to finish — so every bench run, of any version of the code, closes the same loans. The
    // map is a table of its own (dropped at commit) so that the planner joins it by hash, with its size known.
    await sql`
      create temporary table eod_clone_map on commit drop as
      select g, 'L' || lpad(g::text, 6, '0') as loan_id, t.loan_id as template
      from generate_series(1, ${loans}::int4) as g
      join (select loan_id, row_number() over (order by application_id) - 1 as k from loans
            where tenant_id = ${from} and status = 'active') t
        on t.k = (g - 1) % ${templates.loans}::int4`.execute(trx);
    await sql`analyze eod_clone_map`.execute(trx);
    const pairs = sql`eod_clone_map`;
    await sql`
      insert into loans (tenant_id, loan_id, borrower_id, product_id, product_version, application_id, currency,
        terms, servicing, status, principal_minor, event_count, state_date, outstanding_minor, payoff_minor,
        days_past_due, delinquency, posted, signals, eod_date)
      select ${tenantId}, p.loan_id, l.borrower_id, l.product_id, l.product_version, null, l.currency,
        l.terms, l.servicing, l.status, l.principal_minor, l.event_count, l.state_date, l.outstanding_minor,
        l.payoff_minor, l.days_past_due, l.delinquency, l.posted, l.signals, ${templates.bookedTo}::date
      from ${pairs} p join loans l on l.tenant_id = ${from} and l.loan_id = p.template
      order by p.g`.execute(trx);
    await sql`
      insert into loan_events (tenant_id, loan_id, seq, event, actor)
      select ${tenantId}, p.loan_id, e.seq, e.event, e.actor
      from ${pairs} p join loan_events e on e.tenant_id = ${from} and e.loan_id = p.template
      order by p.g, e.seq`.execute(trx);
    await sql`
      insert into ledger_entries (tenant_id, loan_id, booking, day, debit, credit, amount_minor, reversal,
        posting_key, memo)
      select ${tenantId}, p.loan_id, e.booking, e.day, e.debit, e.credit, e.amount_minor, e.reversal,
        e.posting_key, e.memo
      from ${pairs} p join ledger_entries e on e.tenant_id = ${from} and e.loan_id = p.template
      order by p.g, e.entry_id`.execute(trx);
  });
  // Fresh statistics, as a database that has held these loans for a while would have.
  await store.read((db) => sql`analyze loans, loan_events, ledger_entries`.execute(db));
}
