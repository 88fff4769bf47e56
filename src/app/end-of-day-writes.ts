// The writes of a batch of closed loan days, set-based: whatever the number of loans, one INSERT of ledger
// entries, one of day records, one UPDATE of the loan rows (each taking its values as arrays, `unnest`ed
// server-side, so a statement's size does not grow with parameters) and, for the few loans end of day wrote
// off, one INSERT of their events. A transaction per loan would cap end of day at the database's commit rate
// (ARCHITECTURE.md: ~1,300–3,000 small transactions per second on this machine).
import { sql, type Transaction } from "kysely";
import type { Schema } from "../store/schema.ts";
import {
  type ClosedLoanDay,
  closedColumns,
  EOD_ACTOR,
  type LoanDay,
  tierOfDay,
} from "./end-of-day-close-loan.ts";
import { ledgerRows, totalOf } from "./loan-booking.ts";

export async function writeLoanDays(
  trx: Transaction<Schema>,
  tenantId: string,
  businessDate: string,
  worker: string,
  days: readonly LoanDay[],
): Promise<void> {
  if (days.length === 0) return;
  const closed = days.filter((d): d is ClosedLoanDay => d.kind === "closed");
  await insertWriteOffEvents(trx, tenantId, closed);
  await insertLedgerEntries(trx, tenantId, businessDate, closed);
  await updateClosedLoans(trx, tenantId, businessDate, closed);
  const failed = days.filter((d) => d.kind === "failed").map((d) => d.loanId);
  if (failed.length > 0) {
    await sql`update loans set eod_date = ${businessDate}::date
              where tenant_id = ${tenantId} and loan_id = any(${failed}::text[])`.execute(trx);
  }
  await insertDayRecords(trx, tenantId, businessDate, worker, days);
}

async function insertWriteOffEvents(
  trx: Transaction<Schema>,
  tenantId: string,
  closed: readonly ClosedLoanDay[],
): Promise<void> {
  const rows = closed.flatMap((d) =>
    d.writeOff === undefined
      ? []
      : [
          {
            tenant_id: tenantId,
            loan_id: d.loanId,
            seq: d.writeOff.seq,
            event: JSON.stringify(d.writeOff.document),
            actor: EOD_ACTOR,
          },
        ],
  );
  if (rows.length > 0) await trx.insertInto("loan_events").values(rows).execute();
}

async function insertLedgerEntries(
  trx: Transaction<Schema>,
  tenantId: string,
  businessDate: string,
  closed: readonly ClosedLoanDay[],
): Promise<void> {
  const rows = closed.flatMap((d) => [
    ...ledgerRows(tenantId, d.loanId, `eod:${businessDate}`, d.entries),
    ...(d.writeOff === undefined
      ? []
      : ledgerRows(tenantId, d.loanId, `event:${d.writeOff.seq}`, d.writeOff.entries)),
  ]);
  if (rows.length === 0) return;
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((r) => r[key]);
  // `with ordinality … order by` keeps the entries' order in their identity numbers.
  await sql`
    insert into ledger_entries
      (tenant_id, loan_id, booking, day, debit, credit, amount_minor, reversal, posting_key, memo)
    select ${tenantId}, v.loan_id, v.booking, v.day, v.debit, v.credit, v.amount_minor, v.reversal, v.posting_key, v.memo
    from unnest(
      ${column("loan_id")}::text[], ${column("booking")}::text[], ${column("day")}::date[],
      ${column("debit")}::text[], ${column("credit")}::text[],
      ${rows.map((r) => r.amount_minor.toString())}::int8[], ${column("reversal")}::bool[],
      ${column("posting_key")}::text[], ${column("memo")}::text[]
    ) with ordinality as v(loan_id, booking, day, debit, credit, amount_minor, reversal, posting_key, memo, n)
    order by v.n`.execute(trx);
}

async function updateClosedLoans(
  trx: Transaction<Schema>,
  tenantId: string,
  businessDate: string,
  closed: readonly ClosedLoanDay[],
): Promise<void> {
  if (closed.length === 0) return;
  const columns = closed.map(closedColumns);
  const pick = <K extends keyof (typeof columns)[number]>(key: K) => columns.map((c) => c[key]);
  await sql`
    update loans as l set
      status = v.status, state_date = v.state_date, outstanding_minor = v.outstanding_minor,
      payoff_minor = v.payoff_minor, days_past_due = v.days_past_due, delinquency = v.delinquency,
      posted = v.posted, signals = v.signals, event_count = v.event_count, eod_date = ${businessDate}::date
    from unnest(
      ${closed.map((d) => d.loanId)}::text[], ${pick("status")}::text[], ${pick("state_date")}::date[],
      ${columns.map((c) => c.outstanding_minor.toString())}::int8[],
      ${columns.map((c) => c.payoff_minor.toString())}::int8[],
      ${pick("days_past_due")}::int4[], ${pick("delinquency")}::text[], ${pick("posted")}::jsonb[],
      ${pick("signals")}::jsonb[], ${closed.map((d) => d.eventCount)}::int4[]
    ) as v(loan_id, status, state_date, outstanding_minor, payoff_minor, days_past_due, delinquency, posted,
           signals, event_count)
    where l.tenant_id = ${tenantId} and l.loan_id = v.loan_id`.execute(trx);
}

async function insertDayRecords(
  trx: Transaction<Schema>,
  tenantId: string,
  businessDate: string,
  worker: string,
  days: readonly LoanDay[],
): Promise<void> {
  const records = days.map((d) =>
    d.kind === "closed"
      ? {
          loanId: d.loanId,
          status: d.state.status as string,
          dpd: d.state.daysPastDue,
          delinquency: d.state.delinquency as string,
          outstanding: totalOf(d.state.outstanding).toString(),
          wroteOff: d.writeOff !== undefined,
          tier: tierOfDay(d),
          // A text[] per row cannot go through unnest (it would flatten); the codes travel as one text each.
          codes: d.signals.map((s) => s.code).join(","),
          error: null as string | null,
        }
      : {
          loanId: d.loanId,
          status: d.row.status as string,
          dpd: d.row.days_past_due,
          delinquency: d.row.delinquency,
          outstanding: d.row.outstanding_minor.toString(),
          wroteOff: false,
          tier: "green",
          codes: "",
          error: d.error,
        },
  );
  const pick = <K extends keyof (typeof records)[number]>(key: K) => records.map((r) => r[key]);
  // The primary key (tenant, date, loan) refuses a second record of a loan's day: processing a loan twice for
  // one day fails the whole transaction instead of posting twice.
  await sql`
    insert into eod_loan_days
      (tenant_id, business_date, loan_id, status, days_past_due, delinquency, outstanding_minor, worker,
       wrote_off, tier, signal_codes, error)
    select ${tenantId}, ${businessDate}::date, v.loan_id, v.status, v.dpd, v.delinquency, v.outstanding,
           ${worker}, v.wrote_off, v.tier, coalesce(string_to_array(nullif(v.codes, ''), ','), '{}'), v.error
    from unnest(
      ${pick("loanId")}::text[], ${pick("status")}::text[], ${pick("dpd")}::int4[],
      ${pick("delinquency")}::text[], ${pick("outstanding")}::int8[], ${pick("wroteOff")}::bool[],
      ${pick("tier")}::text[], ${pick("codes")}::text[], ${pick("error")}::text[]
    ) as v(loan_id, status, dpd, delinquency, outstanding, wrote_off, tier, codes, error)`.execute(trx);
}
