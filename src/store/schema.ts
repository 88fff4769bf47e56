// The tables as Kysely sees them (src/store/migrations/ creates them). Every table's key starts with
// `tenant_id`, so the schema can later be distributed by tenant (Citus). Money is `int8` (bigint here), dates
// are ISO text, documents are jsonb in the engine's own document formats (money as decimal text).
import type { ColumnType, Generated } from "kysely";

type Json = ColumnType<unknown, string, string>;
type CreatedAt = ColumnType<string, string | undefined, never>;
/** A column with a default: optional on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type DefaultedJson = ColumnType<unknown, string | undefined, string>;

export type Role = "admin" | "officer" | "borrower";
export const ROLES: readonly Role[] = ["admin", "officer", "borrower"];

export interface TenantsTable {
  tenant_id: string;
  name: string;
  /** The open business day: commands are dated on or before it; closing it (end of day) moves it on by one. */
  business_date: string;
  created_at: CreatedAt;
}

export interface ApiKeysTable {
  tenant_id: string;
  key_id: string;
  /** SHA-256 of the secret part of the key, hex; the secret itself is never stored. */
  secret_hash: string;
  role: Role;
  /** For a borrower's key: the only borrower it acts as. */
  borrower_id: string | null;
  label: string;
  created_at: CreatedAt;
  revoked_at: string | null;
}

export interface ProductsTable {
  tenant_id: string;
  product_id: string;
  name: string;
  latest_version: number;
  created_at: CreatedAt;
}

export interface ProductVersionsTable {
  tenant_id: string;
  product_id: string;
  version: number;
  /** `{ terms, servicing }`: a product terms document (ranges allowed) and its servicing rules. */
  definition: Json;
  created_at: CreatedAt;
}

export interface BorrowersTable {
  tenant_id: string;
  borrower_id: string;
  /** Sealed (src/store/sealed-text.ts); a row written before migration 0004 may hold it plain. */
  name: string;
  /** The borrower profile document (docs/reference/borrower-profile.md) as JSON text, sealed; null before one is
   * given. */
  profile: string | null;
  profile_updated_at: string | null;
  created_at: CreatedAt;
}

export type ApplicationStatus = "submitted" | "approved" | "declined";

export interface ApplicationsTable {
  tenant_id: string;
  application_id: string;
  borrower_id: string;
  product_id: string;
  product_version: number;
  /** The loan's terms, resolved from the product and the applicant's choices. */
  terms: Json;
  status: ApplicationStatus;
  loan_id: string | null;
  decided_at: string | null;
  created_at: CreatedAt;
}

export type LoanStatus = "approved" | "active" | "closed" | "written-off";

export interface LoansTable {
  tenant_id: string;
  loan_id: string;
  borrower_id: string;
  product_id: string;
  product_version: number;
  application_id: string | null;
  currency: string;
  terms: Json;
  servicing: Json;
  status: LoanStatus;
  principal_minor: ColumnType<bigint, bigint, bigint>;
  /** Events recorded so far; the next event's sequence number is this + 1. */
  event_count: Defaulted<number>;
  /** The snapshot on `state_date`: what lists and portfolio views read without replaying. */
  state_date: string | null;
  outstanding_minor: ColumnType<bigint, bigint, bigint>;
  payoff_minor: ColumnType<bigint, bigint, bigint>;
  days_past_due: Defaulted<number>;
  delinquency: Defaulted<string>;
  /** The postings booked to the ledger so far (the replay they came from), for the next booking's diff: JSON text. */
  posted: ColumnType<string, string | undefined, string>;
  /** Early-warning signals of the last end of day. */
  signals: DefaultedJson;
  /** The last business date end of day processed this loan for. */
  eod_date: string | null;
  created_at: CreatedAt;
}

export interface LoanEventsTable {
  tenant_id: string;
  loan_id: string;
  seq: number;
  /** The event in the servicing document format (docs/reference/servicing-events.md). */
  event: Json;
  actor: string;
  recorded_at: CreatedAt;
}

export interface LedgerEntriesTable {
  tenant_id: string;
  entry_id: Generated<bigint>;
  loan_id: string;
  /** `event:<seq>` for an event's booking, `eod:<date>` for an end of day's. */
  booking: string;
  day: string;
  debit: string;
  credit: string;
  amount_minor: ColumnType<bigint, bigint, bigint>;
  reversal: boolean;
  posting_key: string;
  memo: string;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  key_id: string;
  idempotency_key: string;
  request_hash: string;
  response_status: number;
  response_body: Json;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  tenant_id: string;
  audit_id: Generated<bigint>;
  actor: string;
  role: string;
  action: string;
  object_type: string;
  object_id: string;
  detail: Json;
  at: CreatedAt;
}

export interface EodLoanDaysTable {
  tenant_id: string;
  business_date: string;
  loan_id: string;
  status: string;
  days_past_due: number;
  delinquency: string;
  outstanding_minor: ColumnType<bigint, bigint, bigint>;
  worker: string;
  /** End of day wrote the loan off (below the write-off tolerance) on this day. */
  wrote_off: Defaulted<boolean>;
  /** The early-warning tier and the codes of the signals that fired. */
  tier: Defaulted<string>;
  signal_codes: Defaulted<string[]>;
  /** Why the servicing engine could not replay the loan on this day (its snapshot was left as it was). */
  error: ColumnType<string | null, string | null | undefined, string | null>;
}

/** One planned range of a run's loans: loan ids after `after_loan` up to and including `last_loan`. */
export interface EodPartitionsTable {
  tenant_id: string;
  business_date: string;
  partition: number;
  /** Exclusive lower bound; null for the first partition. */
  after_loan: string | null;
  /** Inclusive upper bound; null for the last partition (its range is open-ended). */
  last_loan: string | null;
  /** Loans in the range when the run was planned. */
  loans: number;
  status: "pending" | "done";
  /** Loans processed by the attempt that finished it. */
  processed: Defaulted<number>;
  /** Attempts started (a crashed worker's attempt counts). */
  attempts: Defaulted<number>;
  worker: string | null;
  last_error: string | null;
  finished_at: string | null;
}

export interface EodRunsTable {
  tenant_id: string;
  business_date: string;
  partitions: number;
  loans: number;
  status: "running" | "done";
  started_at: CreatedAt;
  finished_at: string | null;
  /** The worker that closed the day (advanced the business date). */
  finished_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface Schema {
  tenants: TenantsTable;
  api_keys: ApiKeysTable;
  products: ProductsTable;
  product_versions: ProductVersionsTable;
  borrowers: BorrowersTable;
  applications: ApplicationsTable;
  loans: LoansTable;
  loan_events: LoanEventsTable;
  ledger_entries: LedgerEntriesTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_log: AuditLogTable;
  eod_runs: EodRunsTable;
  eod_loan_days: EodLoanDaysTable;
  eod_partitions: EodPartitionsTable;
}
