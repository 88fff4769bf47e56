import { describe, expect, it } from "vitest";
import { type AmountsView, formatSimulationTable, type SimulationView } from "./format-simulation-table.ts";

function amounts(
  principal: string,
  interest: string,
  fee = "0.00",
  penalty = "0.00",
  total = "",
): AmountsView {
  return { principal, interest, fee, penalty, total };
}

/** A hand-built two-installment loan: the first paid late with a 15.00 late fee, the second past due. */
const SIMULATION: SimulationView = {
  currency: "EUR",
  asOf: "2024-03-11",
  status: "active",
  installments: [
    {
      number: 1,
      dueDate: "2024-02-01",
      bucket: "closed",
      closedDate: "2024-02-20",
      scheduled: amounts("495.00", "10.00", "0.00", "15.00", "520.00"),
      paid: amounts("495.00", "10.00", "0.00", "15.00", "520.00"),
      outstanding: amounts("0.00", "0.00", "0.00", "0.00", "0.00"),
    },
    {
      number: 2,
      dueDate: "2024-03-01",
      bucket: "past-due",
      closedDate: null,
      scheduled: amounts("505.00", "5.05", "0.00", "0.00", "510.05"),
      paid: amounts("0.00", "0.00", "0.00", "0.00", "0.00"),
      outstanding: amounts("505.00", "5.05", "0.00", "0.00", "510.05"),
    },
  ],
  outstanding: amounts("505.00", "5.05", "0.00", "0.00", "510.05"),
  creditBalance: "1.50",
  daysPastDue: 10,
  delinquency: "1-30",
  payoff: "510.05",
  totals: { disbursed: "1000.00", received: "521.50" },
  ledger: {
    balances: { cash: "-478.50", "loan-principal": "505.00", "fee-receivable": "0.00", overpayment: "-1.50" },
    balanced: true,
  },
};

describe("formatSimulationTable", () => {
  it("prints the installments, then the position and the non-zero ledger balances", () => {
    expect(formatSimulationTable(SIMULATION)).toBe(
      [
        "Loan in EUR on 2024-03-11: active",
        "",
        "No  Due date    Status             Principal  Interest  Fees  Penalties   Total    Paid  Outstanding",
        "----------------------------------------------------------------------------------------------------",
        " 1  2024-02-01  closed 2024-02-20     495.00     10.00  0.00      15.00  520.00  520.00         0.00",
        " 2  2024-03-01  past-due              505.00      5.05  0.00       0.00  510.05    0.00       510.05",
        "----------------------------------------------------------------------------------------------------",
        "",
        "Outstanding: 510.05 (principal 505.00, interest 5.05, fees 0.00, penalties 0.00)",
        "Days past due: 10 (1-30)",
        "Pay-off on 2024-03-11: 510.05",
        "Disbursed: 1000.00, received: 521.50",
        "Credit balance: 1.50",
        "",
        "Ledger balances (debit − credit):",
        "  cash            -478.50",
        "  loan-principal   505.00",
        "  overpayment       -1.50",
        "",
      ].join("\n"),
    );
  });

  it("says when the journal does not balance with the postings, and leaves out a zero credit balance", () => {
    const text = formatSimulationTable({
      ...SIMULATION,
      creditBalance: "0.00",
      ledger: { ...SIMULATION.ledger, balanced: false },
    });
    expect(text).not.toMatch(/Credit balance/);
    expect(text).toMatch(
      /\nLedger balances \(debit − credit\) — NOT BALANCED: the journal differs from the postings:\n/,
    );
  });
});
