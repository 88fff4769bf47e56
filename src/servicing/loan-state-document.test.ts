import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar-date.ts";
import { loanStateToDocument } from "./loan-state-document.ts";
import type { Amounts, InstallmentState, JournalEntry, LoanState, Posting } from "./types.ts";

function day(text: string): number {
  const parsed = parseIsoDate(text);
  if (parsed === undefined) throw new Error(`bad test date ${text}`);
  return parsed;
}

function amounts(principal = 0, interest = 0, fee = 0, penalty = 0): Amounts {
  return { principal, interest, fee, penalty };
}

const NONE = amounts();

/**
 * A hand-built state: 1000.00 EUR lent on 2024-01-01 in two installments; the first (510.00 + a 15.00 late
 * fee) paid late on 2024-02-20, half of the second's interest accrued by the as-of date 2024-02-20.
 */
const FIRST: InstallmentState = {
  number: 1,
  startDay: day("2024-01-01"),
  dueDay: day("2024-02-01"),
  scheduled: amounts(500_00, 10_00, 0, 15_00),
  accrued: amounts(500_00, 10_00, 0, 15_00),
  paid: amounts(500_00, 10_00, 0, 15_00),
  waived: NONE,
  writtenOff: NONE,
  outstanding: NONE,
  closedDay: day("2024-02-20"),
  bucket: "closed",
};
const SECOND: InstallmentState = {
  number: 2,
  startDay: day("2024-02-01"),
  dueDay: day("2024-03-01"),
  scheduled: amounts(500_00, 5_00),
  accrued: amounts(0, 3_28),
  paid: NONE,
  waived: NONE,
  writtenOff: NONE,
  outstanding: amounts(500_00, 3_28),
  closedDay: undefined,
  bucket: "due",
};

function posting(
  date: string,
  debit: Posting["debit"],
  credit: Posting["credit"],
  amountMinor: number,
  event?: string,
): Posting {
  return { key: `${date}/${debit}/${credit}`, day: day(date), debit, credit, amountMinor, event, memo: "m" };
}

const POSTINGS: readonly Posting[] = [
  posting("2024-01-01", "loan-principal", "cash", 1000_00),
  posting("2024-02-01", "interest-receivable", "interest-income", 10_00),
  posting("2024-02-09", "penalty-receivable", "penalty-income", 15_00),
  posting("2024-02-20", "cash", "penalty-receivable", 15_00, "pay-1"),
  posting("2024-02-20", "cash", "interest-receivable", 10_00, "pay-1"),
  posting("2024-02-20", "cash", "loan-principal", 500_00, "pay-1"),
  posting("2024-02-20", "interest-receivable", "interest-income", 3_28),
];

const STATE: LoanState = {
  asOfDay: day("2024-02-20"),
  status: "active",
  installments: [FIRST, SECOND],
  outstanding: amounts(500_00, 3_28),
  creditBalanceMinor: 0,
  daysPastDue: 0,
  delinquency: "current",
  payoffMinor: 505_00,
  totals: {
    disbursedMinor: 1000_00,
    receivedMinor: 525_00,
    paid: amounts(500_00, 10_00, 0, 15_00),
    waived: NONE,
    writtenOff: NONE,
    refundedMinor: 0,
    recoveredMinor: 0,
  },
  cashFlow: [
    {
      day: day("2024-02-09"),
      installment: 1,
      component: "penalty",
      kind: "accrued",
      amountMinor: 15_00,
      event: undefined,
    },
    {
      day: day("2024-02-20"),
      installment: 1,
      component: "penalty",
      kind: "paid",
      amountMinor: 15_00,
      event: "pay-1",
    },
  ],
  postings: POSTINGS,
};

/** The journal of the same history: the postings booked by two bookings. */
const JOURNAL: readonly JournalEntry[] = POSTINGS.map((entry, index) => ({
  ...entry,
  booking: index < 3 ? 1 : 2,
  reversal: false,
}));

const EUR = { code: "EUR", digits: 2 };

describe("loanStateToDocument", () => {
  const document = loanStateToDocument(STATE, JOURNAL, EUR);

  it("writes the loan's position with decimal strings and ISO dates", () => {
    expect(document).toMatchObject({
      currency: "EUR",
      asOf: "2024-02-20",
      status: "active",
      outstanding: { principal: "500.00", interest: "3.28", fee: "0.00", penalty: "0.00", total: "503.28" },
      creditBalance: "0.00",
      daysPastDue: 0,
      delinquency: "current",
      payoff: "505.00",
      totals: {
        disbursed: "1000.00",
        received: "525.00",
        paid: { principal: "500.00", interest: "10.00", fee: "0.00", penalty: "15.00", total: "525.00" },
        waived: { total: "0.00" },
        writtenOff: { total: "0.00" },
        refunded: "0.00",
        recovered: "0.00",
      },
    });
  });

  it("writes every installment, with null for an open one's closed date", () => {
    expect(document.installments).toEqual([
      {
        number: 1,
        startDate: "2024-01-01",
        dueDate: "2024-02-01",
        bucket: "closed",
        closedDate: "2024-02-20",
        scheduled: { principal: "500.00", interest: "10.00", fee: "0.00", penalty: "15.00", total: "525.00" },
        paid: { principal: "500.00", interest: "10.00", fee: "0.00", penalty: "15.00", total: "525.00" },
        waived: { principal: "0.00", interest: "0.00", fee: "0.00", penalty: "0.00", total: "0.00" },
        writtenOff: { principal: "0.00", interest: "0.00", fee: "0.00", penalty: "0.00", total: "0.00" },
        outstanding: { principal: "0.00", interest: "0.00", fee: "0.00", penalty: "0.00", total: "0.00" },
      },
      {
        number: 2,
        startDate: "2024-02-01",
        dueDate: "2024-03-01",
        bucket: "due",
        closedDate: null,
        scheduled: { principal: "500.00", interest: "5.00", fee: "0.00", penalty: "0.00", total: "505.00" },
        paid: { principal: "0.00", interest: "0.00", fee: "0.00", penalty: "0.00", total: "0.00" },
        waived: { principal: "0.00", interest: "0.00", fee: "0.00", penalty: "0.00", total: "0.00" },
        writtenOff: { principal: "0.00", interest: "0.00", fee: "0.00", penalty: "0.00", total: "0.00" },
        outstanding: { principal: "500.00", interest: "3.28", fee: "0.00", penalty: "0.00", total: "503.28" },
      },
    ]);
  });

  it("writes the cash flow and the postings with null for no event", () => {
    expect(document.cashFlow).toEqual([
      {
        date: "2024-02-09",
        installment: 1,
        component: "penalty",
        kind: "accrued",
        amount: "15.00",
        event: null,
      },
      {
        date: "2024-02-20",
        installment: 1,
        component: "penalty",
        kind: "paid",
        amount: "15.00",
        event: "pay-1",
      },
    ]);
    expect(document.ledger.postings[0]).toEqual({
      date: "2024-01-01",
      debit: "loan-principal",
      credit: "cash",
      amount: "1000.00",
      event: null,
      memo: "m",
    });
    expect(document.ledger.journal[3]).toEqual({
      booking: 2,
      date: "2024-02-20",
      debit: "cash",
      credit: "penalty-receivable",
      amount: "15.00",
      event: "pay-1",
      memo: "m",
      reversal: false,
    });
  });

  it("nets every account, debits minus credits, and finds the journal balanced with the postings", () => {
    expect(document.ledger.balances).toEqual({
      cash: "-475.00", // −1000.00 lent + 525.00 received
      "loan-principal": "500.00",
      "interest-receivable": "3.28",
      "fee-receivable": "0.00",
      "penalty-receivable": "0.00",
      overpayment: "0.00",
      "interest-income": "-13.28",
      "fee-income": "0.00",
      "penalty-income": "-15.00",
      recoveries: "0.00",
      "waiver-expense": "0.00",
      "write-off-expense": "0.00",
    });
    expect(document.ledger.balanced).toBe(true);
  });

  it("finds the ledger unbalanced when the journal misses a posting, and balanced when a reversal undoes one", () => {
    expect(loanStateToDocument(STATE, JOURNAL.slice(0, -1), EUR).ledger.balanced).toBe(false);
    const withdrawn = posting("2024-02-20", "fee-receivable", "fee-income", 7_00, "fee-1");
    const journal: JournalEntry[] = [
      ...JOURNAL,
      { ...withdrawn, booking: 3, reversal: false },
      { ...withdrawn, debit: "fee-income", credit: "fee-receivable", booking: 4, reversal: true },
    ];
    const document = loanStateToDocument(STATE, journal, EUR);
    expect(document.ledger.balanced).toBe(true);
    expect(document.ledger.journal.at(-1)).toMatchObject({
      debit: "fee-income",
      amount: "7.00",
      reversal: true,
    });
  });

  it("writes amounts with the currency's digits: none for JPY", () => {
    const yen = loanStateToDocument(STATE, JOURNAL, { code: "JPY", digits: 0 });
    expect(yen.payoff).toBe("50500");
    expect(yen.outstanding.total).toBe("50328");
  });
});
