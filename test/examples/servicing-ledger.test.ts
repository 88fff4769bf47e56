// The ledger (docs/reference/servicing-rules.md §10): the double-entry postings of a loan's life by account,
// and the append-only journal of a backdated repayment. Every expected figure is derived by hand in the comment
// next to it; amounts are in minor units (cents). Balances are debits minus credits: assets positive, income
// and liabilities negative.
//
// Loan: 1,000.00 USD at 12 %/year, 3 monthly installments from 2024-01-01, installment based (ρ = 0.01):
// A = 1000 · 0.01 / (1 − 1.01^−3) = 340.0221 → 340.02 (schedule-rules.md §5.1)
//   1: 01-01 → 02-01 (31 days): I 10.00;         P 330.02; B 669.98
//   2: 02-01 → 03-01 (29 days): I 6.6998 → 6.70;  P 333.32; B 336.66
//   3: 03-01 → 04-01 (31 days): I 3.3666 → 3.37;  P 336.66; total 340.03
// Servicing: a 5.00 late fee, no late grace days (charged on T = due + 1, §4); otherwise the defaults
// (rule scheduled, reduce-term, waterfall penalty → fee → interest → principal).
import { describe, expect, it } from "vitest";
import { formatIsoDate } from "../../src/core/calendar-date.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { DEFAULT_SERVICING_RULES } from "../../src/servicing/default-rules.ts";
import { journalOf, openLoan, replayLoan, type ServicedLoan } from "../../src/servicing/service-loan.ts";
import type { Account, JournalEntry, Posting } from "../../src/servicing/types.ts";
import { day, repayment } from "../support/servicing-events.ts";

function loanOf(terms: Record<string, unknown> = {}): ServicedLoan {
  return openLoan(
    parseTerms({
      principal: "1000.00",
      currency: "USD",
      disbursementDate: "2024-01-01",
      installments: 3,
      interest: { rate: "12", per: "year" },
      ...terms,
    }),
    { ...DEFAULT_SERVICING_RULES, lateFee: { amountMinor: 500 }, lateGraceDays: 0 },
  );
}

/** A posting as [date, debit, credit, amount, event or null]. */
function line(p: Posting): unknown[] {
  return [formatIsoDate(p.day), p.debit, p.credit, p.amountMinor, p.event ?? null];
}

/** A journal entry as [booking, reversal, date, debit, credit, amount, event or null]. */
function entry(j: JournalEntry): unknown[] {
  return [j.booking, j.reversal, ...line(j)];
}

/** Debits minus credits per account; accounts that net to 0 are left out. */
function balances(postings: readonly Posting[]): Partial<Record<Account, number>> {
  const sums = new Map<Account, number>();
  for (const p of postings) {
    sums.set(p.debit, (sums.get(p.debit) ?? 0) + p.amountMinor);
    sums.set(p.credit, (sums.get(p.credit) ?? 0) - p.amountMinor);
  }
  return Object.fromEntries([...sums].filter(([, amount]) => amount !== 0));
}

describe("the postings of a simple life, by account", () => {
  // Terms add a 20.00 origination fee deducted at disbursement: the borrower receives 980.00, the schedule
  // is unchanged (schedule-rules.md §8). 340.02 pays installment 1 on 02-01; installment 2 is not paid: late
  // on 03-02. As of 2024-03-10.
  const loan = loanOf({
    fees: [{ name: "origination", amount: "20.00", charge: "disbursement", origination: "deducted" }],
  });
  const state = replayLoan(loan, [repayment("feb", "2024-02-01", 34002)], day("2024-03-10"));

  it("posts each change in day order (§2, §10)", () => {
    // 01-01 disbursement net of the deducted fee: loan-principal / cash 980.00; the fee: loan-principal /
    //       fee-income 20.00 (the borrower owes the whole 1,000.00).
    // 02-01 installment 1's interest recognized at its due date: 10.00; then the repayment: interest 10.00,
    //       principal 330.02 (waterfall penalty 0, fee 0, interest, principal).
    // 03-01 installment 2's interest at its due date: 6.70.
    // 03-02 installment 2 overdue (unpaid at the end of 03-01): the late fee 5.00.
    // 03-10 as-of: installment 3 (from 03-01, 9 of 31 days) has accrued round(337 · 9/31) = round(97.84) = 0.98.
    expect(state.postings.map(line)).toEqual([
      ["2024-01-01", "loan-principal", "cash", 98000, null],
      ["2024-01-01", "loan-principal", "fee-income", 2000, null],
      ["2024-02-01", "interest-receivable", "interest-income", 1000, null],
      ["2024-02-01", "cash", "interest-receivable", 1000, "feb"],
      ["2024-02-01", "cash", "loan-principal", 33002, "feb"],
      ["2024-03-01", "interest-receivable", "interest-income", 670, null],
      ["2024-03-02", "penalty-receivable", "penalty-income", 500, null],
      ["2024-03-10", "interest-receivable", "interest-income", 98, null],
    ]);
  });

  it("nets to hand-derived account balances that match the loan's outstanding amounts", () => {
    // cash:                −980.00 + 10.00 + 330.02        = −639.98
    // loan-principal:       980.00 + 20.00 − 330.02        =  669.98 (= 333.32 + 336.66 unpaid)
    // interest-receivable:  10.00 − 10.00 + 6.70 + 0.98    =    7.68
    // interest-income:     −(10.00 + 6.70 + 0.98)          =  −17.68
    // fee-income:                                             −20.00
    // penalty-receivable / penalty-income:                  5.00 / −5.00
    // Sum: −639.98 + 669.98 + 7.68 − 17.68 − 20.00 + 5.00 − 5.00 = 0.
    expect(balances(state.postings)).toEqual({
      cash: -63998,
      "loan-principal": 66998,
      "interest-receivable": 768,
      "interest-income": -1768,
      "fee-income": -2000,
      "penalty-receivable": 500,
      "penalty-income": -500,
    });
    expect(state.outstanding).toEqual({ principal: 66998, interest: 768, fee: 0, penalty: 500 });
    expect(state.totals.disbursedMinor).toBe(98000);
  });
});

describe("a backdated repayment (§10): recorded after a later one", () => {
  // Insertion order: "mar" (340.02 on 03-01) is recorded first, then "feb" (340.02 on 02-01), backdated.
  const loan = loanOf();
  const mar = repayment("mar", "2024-03-01", 34002);
  const feb = repayment("feb", "2024-02-01", 34002);
  const events = [mar, feb];
  const asOf = day("2024-03-10");
  const journal = journalOf(loan, events, asOf);

  // Booking 1 — the replay of [mar] up to 03-01: installment 1 unpaid from 02-01, late fee 5.00 on 02-02;
  // installment 2's interest 6.70 on 03-01; mar on 03-01 pays past-due installment 1: penalty 5.00, interest
  // 10.00, principal 340.02 − 15.00 = 325.02 (installment 2, due, gets nothing).
  const booking1 = [
    [1, false, "2024-01-01", "loan-principal", "cash", 100000, null],
    [1, false, "2024-02-01", "interest-receivable", "interest-income", 1000, null],
    [1, false, "2024-02-02", "penalty-receivable", "penalty-income", 500, null],
    [1, false, "2024-03-01", "interest-receivable", "interest-income", 670, null],
    [1, false, "2024-03-01", "cash", "penalty-receivable", 500, "mar"],
    [1, false, "2024-03-01", "cash", "interest-receivable", 1000, "mar"],
    [1, false, "2024-03-01", "cash", "loan-principal", 32502, "mar"],
  ];

  it("books each replay's difference: reversals of the withdrawn postings, then the new ones", () => {
    // Booking 2 — the replay of [mar, feb] up to 03-01: feb pays installment 1 on its due date (10.00 +
    // 330.02) so there is no late fee; mar now pays the due installment 2 (6.70 + 333.32). The disbursement and
    // the interest accruals are the same postings. Withdrawn (reversed, accounts swapped): the late fee and
    // mar's three allocations to installment 1. Added: feb's two allocations and mar's two to installment 2.
    // Booking 3 — the accruals up to the as-of date: installment 3, round(337 · 9/31) = 0.98.
    expect(journal.map(entry)).toEqual([
      ...booking1,
      [2, true, "2024-02-02", "penalty-income", "penalty-receivable", 500, null],
      [2, true, "2024-03-01", "penalty-receivable", "cash", 500, "mar"],
      [2, true, "2024-03-01", "interest-receivable", "cash", 1000, "mar"],
      [2, true, "2024-03-01", "loan-principal", "cash", 32502, "mar"],
      [2, false, "2024-02-01", "cash", "interest-receivable", 1000, "feb"],
      [2, false, "2024-02-01", "cash", "loan-principal", 33002, "feb"],
      [2, false, "2024-03-01", "cash", "interest-receivable", 670, "mar"],
      [2, false, "2024-03-01", "cash", "loan-principal", 33332, "mar"],
      [3, false, "2024-03-10", "interest-receivable", "interest-income", 98, null],
    ]);
  });

  it("is append-only: recording feb adds entries after those booked for mar alone, editing none", () => {
    // The journal of [mar] alone, up to its date, is booking 1 (and an empty booking 2).
    const before = journalOf(loan, [mar], day("2024-03-01"));
    expect(before.map(entry)).toEqual(booking1);
    expect(journal.slice(0, before.length)).toEqual(before);
  });

  it("nets, account by account, to the final replay's postings", () => {
    // Final replay: disbursed 1,000.00; interest 10.00 + 6.70 + 0.98; feb 10.00 + 330.02; mar 6.70 + 333.32.
    // cash:                −1,000.00 + 340.02 + 340.02            = −319.96
    // loan-principal:       1,000.00 − 330.02 − 333.32            =  336.66
    // interest-receivable:  10.00 + 6.70 + 0.98 − 10.00 − 6.70    =    0.98
    // interest-income:                                              −17.68
    // penalty accounts: +5.00 − 5.00 (paid) − 5.00 (reversed fee) + 5.00 (reversed payment) = 0
    const expected = {
      cash: -31996,
      "loan-principal": 33666,
      "interest-receivable": 98,
      "interest-income": -1768,
    };
    expect(balances(journal)).toEqual(expected);
    expect(balances(replayLoan(loan, events, asOf).postings)).toEqual(expected);
  });

  it("gives, at a past date, the replay of the events dated up to it", () => {
    // On 02-15 only feb is dated on or before: installment 1 closed on 02-01, installment 2 has accrued
    // round(670 · 14/29) = round(323.45) = 3.23; pay-off (scheduled, reduce-term) 340.02 + 336.66 = 676.68.
    const past = replayLoan(loan, events, day("2024-02-15"));
    expect(past).toEqual(replayLoan(loan, [feb], day("2024-02-15")));
    expect(past.installments.map((i) => i.closedDay === undefined)).toEqual([false, true, true]);
    expect(past.installments[1]?.accrued.interest).toBe(323);
    expect(past.payoffMinor).toBe(67668);
    expect(balances(past.postings)).toEqual({
      cash: -65998, // −1,000.00 + 340.02
      "loan-principal": 66998, // 1,000.00 − 330.02
      "interest-receivable": 323, // 10.00 − 10.00 + 3.23
      "interest-income": -1323,
    });
  });
});
