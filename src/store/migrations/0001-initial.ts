// Migration 0001: the first schema. Migrations are numbered and immutable once applied (the database keeps each
// one's checksum: src/store/migrate.ts); a change to the schema is a new migration exporting its SCRIPT. Every
// key starts with tenant_id (see schema.ts).
import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.ts";

export const SCRIPT = `
    create table tenants (
      tenant_id text primary key,
      name text not null,
      business_date date not null,
      created_at timestamptz not null default now()
    );

    create table api_keys (
      tenant_id text not null references tenants,
      key_id text not null,
      secret_hash text not null,
      role text not null check (role in ('admin', 'officer', 'borrower')),
      borrower_id text,
      label text not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      primary key (tenant_id, key_id),
      check ((role = 'borrower') = (borrower_id is not null))
    );

    create table products (
      tenant_id text not null references tenants,
      product_id text not null,
      name text not null,
      latest_version int4 not null check (latest_version >= 1),
      created_at timestamptz not null default now(),
      primary key (tenant_id, product_id)
    );

    create table product_versions (
      tenant_id text not null,
      product_id text not null,
      version int4 not null check (version >= 1),
      definition jsonb not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, product_id, version),
      foreign key (tenant_id, product_id) references products
    );

    create table borrowers (
      tenant_id text not null references tenants,
      borrower_id text not null,
      name text not null,
      profile jsonb,
      profile_updated_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, borrower_id)
    );

    create table applications (
      tenant_id text not null,
      application_id text not null,
      borrower_id text not null,
      product_id text not null,
      product_version int4 not null,
      terms jsonb not null,
      status text not null check (status in ('submitted', 'approved', 'declined')),
      loan_id text,
      decided_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (tenant_id, application_id),
      foreign key (tenant_id, borrower_id) references borrowers,
      foreign key (tenant_id, product_id, product_version) references product_versions
    );

    create table loans (
      tenant_id text not null,
      loan_id text not null,
      borrower_id text not null,
      product_id text not null,
      product_version int4 not null,
      application_id text,
      currency text not null,
      terms jsonb not null,
      servicing jsonb not null,
      status text not null check (status in ('approved', 'active', 'closed', 'written-off')),
      principal_minor int8 not null check (principal_minor > 0),
      event_count int4 not null default 0 check (event_count >= 0),
      state_date date,
      outstanding_minor int8 not null default 0 check (outstanding_minor >= 0),
      payoff_minor int8 not null default 0 check (payoff_minor >= 0),
      days_past_due int4 not null default 0 check (days_past_due >= 0),
      delinquency text not null default 'current',
      posted jsonb not null default '[]',
      signals jsonb not null default '[]',
      eod_date date,
      created_at timestamptz not null default now(),
      primary key (tenant_id, loan_id),
      foreign key (tenant_id, borrower_id) references borrowers,
      foreign key (tenant_id, product_id, product_version) references product_versions
    );
    create index loans_by_borrower on loans (tenant_id, borrower_id);
    create index loans_by_status on loans (tenant_id, status, loan_id);

    create table loan_events (
      tenant_id text not null,
      loan_id text not null,
      seq int4 not null check (seq >= 1),
      event jsonb not null,
      actor text not null,
      recorded_at timestamptz not null default now(),
      primary key (tenant_id, loan_id, seq),
      foreign key (tenant_id, loan_id) references loans
    );

    create table ledger_entries (
      tenant_id text not null,
      entry_id int8 generated always as identity,
      loan_id text not null,
      booking text not null,
      day date not null,
      debit text not null,
      credit text not null,
      amount_minor int8 not null check (amount_minor > 0),
      reversal boolean not null,
      posting_key text not null,
      memo text not null,
      primary key (tenant_id, entry_id),
      foreign key (tenant_id, loan_id) references loans
    );
    create index ledger_by_loan on ledger_entries (tenant_id, loan_id, entry_id);

    create table idempotency_keys (
      tenant_id text not null,
      key_id text not null,
      idempotency_key text not null,
      request_hash text not null,
      response_status int4 not null,
      response_body jsonb not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, key_id, idempotency_key)
    );

    create table audit_log (
      tenant_id text not null,
      audit_id int8 generated always as identity,
      actor text not null,
      role text not null,
      action text not null,
      object_type text not null,
      object_id text not null,
      detail jsonb not null,
      at timestamptz not null default now(),
      primary key (tenant_id, audit_id)
    );

    create table eod_runs (
      tenant_id text not null references tenants,
      business_date date not null,
      partitions int4 not null,
      loans int4 not null,
      status text not null check (status in ('running', 'done')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (tenant_id, business_date)
    );

    create table eod_loan_days (
      tenant_id text not null,
      business_date date not null,
      loan_id text not null,
      status text not null,
      days_past_due int4 not null,
      delinquency text not null,
      outstanding_minor int8 not null,
      worker text not null,
      primary key (tenant_id, business_date, loan_id)
    );
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, SCRIPT);
}
