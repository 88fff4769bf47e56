// Migration 0002: what end of day needs beyond 0001's eod_runs and eod_loan_days (docs/guides/end-of-day.md).
// A run's partitions are planned once and recorded, each a range of loan ids, so that every worker that picks
// one up processes the same loans and the run knows when all are done. A loan's day records, besides its
// figures, whether end of day wrote it off, its early-warning tier and signal codes, and an error when the
// servicing engine could not replay it (the day still closes for every other loan).
import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.ts";

export const SCRIPT = `
    create table eod_partitions (
      tenant_id text not null,
      business_date date not null,
      partition int4 not null check (partition >= 0),
      after_loan text,
      last_loan text,
      loans int4 not null check (loans >= 0),
      status text not null check (status in ('pending', 'done')),
      processed int4 not null default 0,
      attempts int4 not null default 0,
      worker text,
      last_error text,
      finished_at timestamptz,
      primary key (tenant_id, business_date, partition),
      foreign key (tenant_id, business_date) references eod_runs
    );

    alter table eod_runs add column finished_by text;

    alter table eod_loan_days add column wrote_off boolean not null default false;
    alter table eod_loan_days add column tier text not null default 'green';
    alter table eod_loan_days add column signal_codes text[] not null default '{}';
    alter table eod_loan_days add column error text;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, SCRIPT);
}
