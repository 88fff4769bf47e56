// Checks a tenant's books against a fresh replay: for every disbursed loan, its stored events are parsed and
// replayed by the servicing engine from scratch (terms and rules parsed here, not through the app's cache) up
// to the tenant's business date, and what was booked must match what the replay says — the ledger's balance
// of every account, the loan-principal balance against the outstanding principal, and the loan's snapshot.
import { parseIsoDate } from "../../src/core/calendar-date.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { parseEvents } from "../../src/servicing/parse-events.ts";
import { parseServicingRules } from "../../src/servicing/parse-servicing-rules.ts";
import { openLoan, replayLoan } from "../../src/servicing/service-loan.ts";
import type { LoanState } from "../../src/servicing/types.ts";
import type { Store } from "../../src/store/database.ts";

export interface LoanBooks {
  readonly loanId: string;
  readonly applicationId: string | null;
  readonly status: string;
  /** The stored event documents, in sequence order. */
  readonly events: readonly Record<string, unknown>[];
  /** Σ debits and Σ credits over the loan's ledger entries. */
  readonly debits: bigint;
  readonly credits: bigint;
  /** Debits minus credits by account, from the ledger entries. */
  readonly ledger: ReadonlyMap<string, bigint>;
  /** The same from the fresh replay's postings. */
  readonly replayed: ReadonlyMap<string, bigint>;
  readonly state: LoanState;
  readonly snapshot: { outstanding: bigint; status: string; delinquency: string; daysPastDue: number };
}

export async function loanBooks(store: Store, tenantId: string): Promise<LoanBooks[]> {
  const [tenant, loans, events, entries] = await Promise.all([
    store.read((db) =>
      db
        .selectFrom("tenants")
        .select("business_date")
        .where("tenant_id", "=", tenantId)
        .executeTakeFirstOrThrow(),
    ),
    store.read((db) =>
      db
        .selectFrom("loans")
        .selectAll()
        .where("tenant_id", "=", tenantId)
        .where("status", "<>", "approved")
        .orderBy("loan_id")
        .execute(),
    ),
    store.read((db) =>
      db
        .selectFrom("loan_events")
        .select(["loan_id", "event"])
        .where("tenant_id", "=", tenantId)
        .orderBy("loan_id")
        .orderBy("seq")
        .execute(),
    ),
    store.read((db) =>
      db
        .selectFrom("ledger_entries")
        .select(["loan_id", "debit", "credit", "amount_minor"])
        .where("tenant_id", "=", tenantId)
        .execute(),
    ),
  ]);
  const businessDay = parseIsoDate(tenant.business_date) as number;
  const eventsOf = groupBy(events, (row) => row.loan_id);
  const entriesOf = groupBy(entries, (row) => row.loan_id);
  return loans.map((row) => {
    const terms = parseTerms(row.terms);
    const rules = parseServicingRules(row.servicing, terms.currency.digits);
    const documents = (eventsOf.get(row.loan_id) ?? []).map((e) => e.event as Record<string, unknown>);
    const parsed = parseEvents(documents, {
      currencyDigits: terms.currency.digits,
      disbursementDay: terms.disbursementDay,
      maxEvents: rules.maxEvents,
    });
    const state = replayLoan(openLoan(terms, rules), parsed, businessDay);
    const ledger = new Map<string, bigint>();
    let debits = 0n;
    let credits = 0n;
    for (const entry of entriesOf.get(row.loan_id) ?? []) {
      add(ledger, entry.debit, entry.amount_minor);
      add(ledger, entry.credit, -entry.amount_minor);
      debits += entry.amount_minor;
      credits += entry.amount_minor;
    }
    const replayed = new Map<string, bigint>();
    for (const posting of state.postings) {
      add(replayed, posting.debit, BigInt(posting.amountMinor));
      add(replayed, posting.credit, -BigInt(posting.amountMinor));
    }
    return {
      loanId: row.loan_id,
      applicationId: row.application_id,
      status: row.status,
      events: documents,
      debits,
      credits,
      ledger: withoutZeros(ledger),
      replayed: withoutZeros(replayed),
      state,
      snapshot: {
        outstanding: row.outstanding_minor,
        status: row.status,
        delinquency: row.delinquency,
        daysPastDue: row.days_past_due,
      },
    };
  });
}

/** What is wrong with one loan's books (empty when nothing is). */
export function booksProblems(books: LoanBooks): string[] {
  const problems: string[] = [];
  const { state } = books;
  if (books.debits !== books.credits) problems.push(`debits ${books.debits} ≠ credits ${books.credits}`);
  const accounts = new Set([...books.ledger.keys(), ...books.replayed.keys()]);
  for (const account of accounts) {
    const booked = books.ledger.get(account) ?? 0n;
    const replayed = books.replayed.get(account) ?? 0n;
    if (booked !== replayed) problems.push(`${account}: booked ${booked}, replay ${replayed}`);
  }
  const principal = books.ledger.get("loan-principal") ?? 0n;
  if (principal !== BigInt(state.outstanding.principal))
    problems.push(
      `loan-principal balance ${principal} ≠ outstanding principal ${state.outstanding.principal}`,
    );
  const outstanding =
    BigInt(state.outstanding.principal) +
    BigInt(state.outstanding.interest) +
    BigInt(state.outstanding.fee) +
    BigInt(state.outstanding.penalty);
  if (books.snapshot.outstanding !== outstanding)
    problems.push(`snapshot outstanding ${books.snapshot.outstanding} ≠ replay ${outstanding}`);
  if (books.snapshot.status !== state.status)
    problems.push(`snapshot status ${books.snapshot.status} ≠ ${state.status}`);
  if (books.snapshot.delinquency !== state.delinquency || books.snapshot.daysPastDue !== state.daysPastDue)
    problems.push(
      `snapshot ${books.snapshot.daysPastDue} days past due (${books.snapshot.delinquency}) ≠ replay ${state.daysPastDue} (${state.delinquency})`,
    );
  return problems.map((problem) => `${books.loanId}: ${problem}`);
}

function add(balances: Map<string, bigint>, account: string, amount: bigint): void {
  balances.set(account, (balances.get(account) ?? 0n) + amount);
}

function withoutZeros(balances: Map<string, bigint>): Map<string, bigint> {
  return new Map([...balances].filter(([, amount]) => amount !== 0n));
}

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(keyOf(row)) ?? [];
    group.push(row);
    groups.set(keyOf(row), group);
  }
  return groups;
}
