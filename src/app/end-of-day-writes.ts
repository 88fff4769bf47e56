// The writes of a batch of closed loan days, set-based: whatever the number of loans, one INSERT of ledger
// entries, one of day records, one UPDATE of the loan rows and, for the few loans end of day wrote off, one
// INSERT of their events. A transaction per loan would cap end of day at the database's commit rate
// (ARCHITECTURE.md: ~1,300–3,000 small transactions per second on this machine).
//
// Each statement takes its rows as ONE parameter, a JSON array expanded server-side by `jsonb_to_recordset`:
// the statement's size does not grow with parameters, and a loan's booked postings (a JSON document of a few
// kilobytes) travel as part of that array instead of as an element of a `jsonb[]` literal, which the driver
// would escape quote by quote and the server unescape again — for a partition, megabytes of text (profiled:
// most of the worker's time in the loan update went there).
import { sql, type Transaction } from "kysely";
import type { JournalEntry } from "../servicing/types.ts";
import type { Schema } from "../store/schema.ts";
import { type ClosedLoanDay, EOD_ACTOR, type LoanDay } from "./end-of-day-close-loan.ts";
import { ledgerRows } from "./loan-booking.ts";

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
  const rows: string[] = [];
  const add = (loanId: string, booking: string, entries: readonly JournalEntry[]) => {
    for (const row of ledgerRows(tenantId, loanId, booking, entries))
      rows.push(JSON.stringify({ ...row, tenant_id: undefined, amount_minor: row.amount_minor.toString() }));
  };
  for (const d of closed) {
    add(d.loanId, `eod:${businessDate}`, d.entries);
    if (d.writeOff !== undefined) add(d.loanId, `event:${d.writeOff.seq}`, d.writeOff.entries);
  }
  if (rows.length === 0) return;
  // `with ordinality … order by` keeps the entries' order in their identity numbers.
  await sql`
    insert into ledger_entries
      (tenant_id, loan_id, booking, day, debit, credit, amount_minor, reversal, posting_key, memo)
    select ${tenantId}, v.loan_id, v.booking, v.day, v.debit, v.credit, v.amount_minor, v.reversal, v.posting_key, v.memo
    from rows from (
      jsonb_to_recordset(${`[${rows.join(",")}]`}::jsonb)
        as (loan_id text, booking text, day date, debit text, credit text, amount_minor int8, reversal bool,
            posting_key text, memo text)
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
  // The signals are JSON text already: spliced in as a JSON value. The booked postings (a few kilobytes a loan,
  // most of the statement) do not go inside the JSON at all: as a JSON string every quote of theirs would be
  // escaped here and unescaped by the server. They travel as a second parameter, one loan's text per line in
  // the rows' order (JSON text has no raw line breaks), split by the server without parsing.
  const rows = closed.map((d) => {
    const { posted: _posted, signals, ...scalars } = d.columns;
    const head = JSON.stringify({ loan_id: d.loanId, event_count: d.eventCount, ...scalars });
    return `${head.slice(0, -1)},"signals":${signals}}`;
  });
  const posted = closed.map((d) => d.columns.posted).join("\n");
  await sql`
    update loans as l set
      status = v.status, state_date = v.state_date, outstanding_minor = v.outstanding_minor,
      payoff_minor = v.payoff_minor, days_past_due = v.days_past_due, delinquency = v.delinquency,
      posted = p.posted, signals = v.signals, event_count = v.event_count, eod_date = ${businessDate}::date
    from rows from (
      jsonb_to_recordset(${`[${rows.join(",")}]`}::jsonb)
        as (loan_id text, status text, state_date date, outstanding_minor int8, payoff_minor int8,
            days_past_due int4, delinquency text, signals jsonb, event_count int4)
    ) with ordinality as v(loan_id, status, state_date, outstanding_minor, payoff_minor, days_past_due,
                           delinquency, signals, event_count, n)
    join unnest(string_to_array(${posted}::text, E'\\n')) with ordinality as p(posted, n) on p.n = v.n
    where l.tenant_id = ${tenantId} and l.loan_id = v.loan_id`.execute(trx);
}

async function insertDayRecords(
  trx: Transaction<Schema>,
  tenantId: string,
  businessDate: string,
  worker: string,
  days: readonly LoanDay[],
): Promise<void> {
  const rows = days.map((d) =>
    JSON.stringify(
      d.kind === "closed"
        ? {
            loan_id: d.loanId,
            status: d.record.status,
            dpd: d.record.daysPastDue,
            delinquency: d.record.delinquency,
            outstanding: d.record.outstanding,
            wrote_off: d.writeOff !== undefined,
            tier: d.record.tier,
            codes: d.record.signalCodes,
            error: null,
          }
        : {
            loan_id: d.loanId,
            status: d.row.status,
            dpd: d.row.days_past_due,
            delinquency: d.row.delinquency,
            outstanding: d.row.outstanding_minor.toString(),
            wrote_off: false,
            tier: "green",
            codes: [],
            error: d.error,
          },
    ),
  );
  // The primary key (tenant, date, loan) refuses a second record of a loan's day: processing a loan twice for
  // one day fails the whole transaction instead of posting twice.
  await sql`
    insert into eod_loan_days
      (tenant_id, business_date, loan_id, status, days_past_due, delinquency, outstanding_minor, worker,
       wrote_off, tier, signal_codes, error)
    select ${tenantId}, ${businessDate}::date, v.loan_id, v.status, v.dpd, v.delinquency, v.outstanding,
           ${worker}, v.wrote_off, v.tier, v.codes, v.error
    from jsonb_to_recordset(${`[${rows.join(",")}]`}::jsonb)
      as v(loan_id text, status text, dpd int4, delinquency text, outstanding int8, wrote_off bool, tier text,
           codes text[], error text)`.execute(trx);
}
