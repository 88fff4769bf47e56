// A loan's state and journal as the JSON document `tenor simulate` prints (docs/reference/servicing-events.md,
// "The simulation document"): amounts as decimal strings with the currency's digits, days as ISO dates, no
// `undefined` (absent values are null), so that the document survives JSON unchanged.
import { type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import type { Currency } from "../core/currency.ts";
import { formatMinor } from "../core/money.ts";
import type {
  Account,
  Amounts,
  CashFlowEntry,
  Component,
  DelinquencyBucket,
  InstallmentState,
  JournalEntry,
  LoanState,
  LoanStatus,
  Posting,
} from "./types.ts";

/** Amounts by component and their total, as decimal strings. */
export interface AmountsDocument {
  principal: string;
  interest: string;
  fee: string;
  penalty: string;
  total: string;
}

export interface SimulatedInstallmentDocument {
  number: number;
  startDate: string;
  dueDate: string;
  bucket: InstallmentState["bucket"];
  closedDate: string | null;
  scheduled: AmountsDocument;
  paid: AmountsDocument;
  waived: AmountsDocument;
  writtenOff: AmountsDocument;
  outstanding: AmountsDocument;
}

export interface CashFlowDocument {
  date: string;
  installment: number;
  component: Component;
  kind: CashFlowEntry["kind"];
  amount: string;
  event: string | null;
}

export interface PostingDocument {
  date: string;
  debit: Account;
  credit: Account;
  amount: string;
  event: string | null;
  memo: string;
}

export interface JournalEntryDocument extends PostingDocument {
  booking: number;
  reversal: boolean;
}

export interface SimulationDocument {
  currency: string;
  asOf: string;
  status: LoanStatus;
  installments: SimulatedInstallmentDocument[];
  outstanding: AmountsDocument;
  creditBalance: string;
  daysPastDue: number;
  delinquency: DelinquencyBucket;
  payoff: string;
  totals: {
    disbursed: string;
    received: string;
    paid: AmountsDocument;
    waived: AmountsDocument;
    writtenOff: AmountsDocument;
    refunded: string;
    recovered: string;
  };
  cashFlow: CashFlowDocument[];
  ledger: {
    postings: PostingDocument[];
    journal: JournalEntryDocument[];
    /** Every account's balance from the postings, debits minus credits (a liability or income is negative). */
    balances: Record<Account, string>;
    /** The journal nets to the same balance on every account as the postings (and names no other account). */
    balanced: boolean;
  };
}

/** Every account, assets first, in the order the balances are listed. */
export const ACCOUNTS: readonly Account[] = [
  "cash",
  "loan-principal",
  "interest-receivable",
  "fee-receivable",
  "penalty-receivable",
  "overpayment",
  "interest-income",
  "fee-income",
  "penalty-income",
  "recoveries",
  "waiver-expense",
  "write-off-expense",
];

export function loanStateToDocument(
  state: LoanState,
  journal: readonly JournalEntry[],
  currency: Currency,
): SimulationDocument {
  const money = (minor: number | bigint) => formatMinor(minor, currency.digits);
  const amounts = (parts: Amounts): AmountsDocument => ({
    principal: money(parts.principal),
    interest: money(parts.interest),
    fee: money(parts.fee),
    penalty: money(parts.penalty),
    // Four amounts of at most 2^53 each: summed as bigints so that the total stays exact.
    total: money(
      BigInt(parts.principal) + BigInt(parts.interest) + BigInt(parts.fee) + BigInt(parts.penalty),
    ),
  });
  const { totals } = state;
  const postingBalances = balancesOf(state.postings);
  const journalBalances = balancesOf(journal);
  return {
    currency: currency.code,
    asOf: formatIsoDate(state.asOfDay),
    status: state.status,
    installments: state.installments.map((row) => ({
      number: row.number,
      startDate: formatIsoDate(row.startDay),
      dueDate: formatIsoDate(row.dueDay),
      bucket: row.bucket,
      closedDate: dateOrNull(row.closedDay),
      scheduled: amounts(row.scheduled),
      paid: amounts(row.paid),
      waived: amounts(row.waived),
      writtenOff: amounts(row.writtenOff),
      outstanding: amounts(row.outstanding),
    })),
    outstanding: amounts(state.outstanding),
    creditBalance: money(state.creditBalanceMinor),
    daysPastDue: state.daysPastDue,
    delinquency: state.delinquency,
    payoff: money(state.payoffMinor),
    totals: {
      disbursed: money(totals.disbursedMinor),
      received: money(totals.receivedMinor),
      paid: amounts(totals.paid),
      waived: amounts(totals.waived),
      writtenOff: amounts(totals.writtenOff),
      refunded: money(totals.refundedMinor),
      recovered: money(totals.recoveredMinor),
    },
    cashFlow: state.cashFlow.map((entry) => ({
      date: formatIsoDate(entry.day),
      installment: entry.installment,
      component: entry.component,
      kind: entry.kind,
      amount: money(entry.amountMinor),
      event: entry.event ?? null,
    })),
    ledger: {
      postings: state.postings.map((posting) => postingDocument(posting, money)),
      journal: journal.map((entry) => ({
        booking: entry.booking,
        ...postingDocument(entry, money),
        reversal: entry.reversal,
      })),
      balances: Object.fromEntries(
        ACCOUNTS.map((account) => [account, money(postingBalances.get(account) ?? 0n)]),
      ) as Record<Account, string>,
      // Every posting debits and credits the same amount, so debits equal credits by construction; what can
      // go wrong is the journal (bookings and their reversals) drifting from the replay's postings.
      balanced:
        postingBalances.size === ACCOUNTS.length &&
        journalBalances.size === ACCOUNTS.length &&
        ACCOUNTS.every((account) => postingBalances.get(account) === journalBalances.get(account)),
    },
  };
}

function postingDocument(posting: Posting, money: (minor: number) => string): PostingDocument {
  return {
    date: formatIsoDate(posting.day),
    debit: posting.debit,
    credit: posting.credit,
    amount: money(posting.amountMinor),
    event: posting.event ?? null,
    memo: posting.memo,
  };
}

/**
 * Each account's debits minus credits. Summed as bigints: a long loan's postings can add up beyond 2^53 minor
 * units even though each amount is below it.
 */
function balancesOf(postings: readonly Posting[]): Map<Account, bigint> {
  const balances = new Map<Account, bigint>(ACCOUNTS.map((account) => [account, 0n]));
  for (const posting of postings) {
    const amount = BigInt(posting.amountMinor);
    balances.set(posting.debit, (balances.get(posting.debit) ?? 0n) + amount);
    balances.set(posting.credit, (balances.get(posting.credit) ?? 0n) - amount);
  }
  return balances;
}

function dateOrNull(day: DayNumber | undefined): string | null {
  return day === undefined ? null : formatIsoDate(day);
}
