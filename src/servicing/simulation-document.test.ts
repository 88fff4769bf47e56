import { describe, expect, it } from "vitest";
import { type Issue, TenorError } from "../core/errors.ts";
import { simulateFromDocument } from "./simulation-document.ts";

/**
 * 1000.00 EUR over 3 months at 12 % a year, installment based: 1 % a month, installments 340.02, 340.02 and
 * 340.03 due 2024-02-01, 03-01 and 04-01 (principal 330.02, 333.32, 336.66; interest 10.00, 6.70, 3.37).
 */
const TERMS = {
  principal: "1000.00",
  currency: "EUR",
  disbursementDate: "2024-01-01",
  installments: 3,
  interest: { rate: "12" },
};

function issuesOf(document: unknown, code: string): readonly Issue[] {
  try {
    simulateFromDocument(document);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe(code);
    return error.issues;
  }
  throw new Error("expected the document to be rejected");
}

describe("simulateFromDocument: refusals", () => {
  it("refuses a document that is not an object, or has unknown fields, as INVALID_SIMULATION", () => {
    expect(issuesOf([], "INVALID_SIMULATION")).toEqual([
      {
        field: "(document)",
        value: [],
        message: expect.stringMatching(/^must be an object such as \{"terms"/),
      },
    ]);
    expect(issuesOf({ term: TERMS, events: [], asOf: "2024-01-01" }, "INVALID_SIMULATION")).toEqual([
      {
        field: "term",
        value: TERMS,
        message: 'is not a known field (did you mean "terms"?); allowed: terms, servicing, events, asOf',
      },
    ]);
  });

  it("names the terms' fields under terms", () => {
    expect(
      issuesOf({ terms: { ...TERMS, principal: "0" }, events: [], asOf: "2024-01-01" }, "INVALID_TERMS"),
    ).toEqual([{ field: "terms.principal", value: "0", message: "must be greater than 0" }]);
    expect(issuesOf({ events: [], asOf: "2024-01-01" }, "INVALID_TERMS")).toEqual([
      {
        field: "terms",
        value: undefined,
        message: expect.stringMatching(/^is required: an object such as /),
      },
    ]);
  });

  it("names the rules' fields under servicing, checking amounts with the terms' currency", () => {
    const document = {
      terms: { ...TERMS, currency: "JPY", principal: "100000" },
      events: [],
      asOf: "2024-01-01",
    };
    expect(
      issuesOf({ ...document, servicing: { nsfFee: "2.50", closing: "x" } }, "INVALID_SERVICING_RULES"),
    ).toEqual([
      { field: "servicing.closing", value: "x", message: 'must be one of "scheduled" or "accrued"' },
      {
        field: "servicing.nsfFee",
        value: "2.50",
        message: "must have no decimal places, the minor unit of the loan's currency",
      },
    ]);
    expect(issuesOf({ ...document, servicing: "none" }, "INVALID_SERVICING_RULES")[0]?.field).toBe(
      "servicing",
    );
  });

  it("reports the events' and asOf's problems together, against the terms and the rules", () => {
    const issues = issuesOf(
      {
        terms: TERMS,
        servicing: { maxEvents: 2 },
        events: [
          { type: "repayment", date: "2023-12-31", amount: "10.00" },
          { type: "refund", date: "2024-02-01", amount: "1.001" },
        ],
      },
      "INVALID_EVENT",
    );
    expect(issues).toEqual([
      {
        field: "events[0].date",
        value: "2023-12-31",
        message: "must be on or after the disbursement date, 2024-01-01",
      },
      {
        field: "events[1].amount",
        value: "1.001",
        message: "must have at most 2 decimal places, the minor unit of the loan's currency",
      },
      {
        field: "asOf",
        value: undefined,
        message: "is required: a date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31",
      },
    ]);
    const tooMany = Array.from({ length: 3 }, () => ({ type: "repayment", date: "2024-02-01", amount: "1" }));
    expect(
      issuesOf(
        { terms: TERMS, servicing: { maxEvents: 2 }, events: tooMany, asOf: "2024-03-01" },
        "INVALID_EVENT",
      ),
    ).toEqual([
      {
        field: "events",
        value: 3,
        message: "holds 3 events: a loan may hold at most 2 (the product's maxEvents)",
      },
    ]);
  });

  it("refuses an asOf before the disbursement or before an event", () => {
    expect(issuesOf({ terms: TERMS, events: [], asOf: "2023-12-31" }, "INVALID_EVENT")).toEqual([
      {
        field: "asOf",
        value: "2023-12-31",
        message: "must be on or after the disbursement date, 2024-01-01",
      },
    ]);
    const events = [
      { type: "repayment", date: "2024-02-01", amount: "340.02" },
      { id: "march", type: "repayment", date: "2024-03-01", amount: "340.02" },
    ];
    expect(issuesOf({ terms: TERMS, events, asOf: "2024-02-15" }, "INVALID_EVENT")).toEqual([
      {
        field: "asOf",
        value: "2024-02-15",
        message: 'must be on or after the date of every event: events[1] ("march") is dated 2024-03-01',
      },
    ]);
  });
});

// The tests below run the servicing engine (src/servicing/service-loan.ts).
describe("simulateFromDocument: end to end", () => {
  it("two repayments on their due dates close two installments", () => {
    const simulation = simulateFromDocument({
      terms: TERMS,
      events: [
        { type: "repayment", date: "2024-02-01", amount: "340.02" },
        { type: "repayment", date: "2024-03-01", amount: "340.02" },
      ],
      asOf: "2024-03-01",
    });
    expect(simulation).toMatchObject({
      currency: "EUR",
      asOf: "2024-03-01",
      status: "active",
      daysPastDue: 0,
      delinquency: "current",
      // Nothing of the third period's interest has accrued on its first day.
      outstanding: { principal: "336.66", interest: "0.00", fee: "0.00", penalty: "0.00", total: "336.66" },
      totals: { disbursed: "1000.00", received: "680.04", paid: { principal: "663.34", interest: "16.70" } },
    });
    expect(simulation.installments.map((row) => [row.number, row.closedDate])).toEqual([
      [1, "2024-02-01"],
      [2, "2024-03-01"],
      [3, null],
    ]);
    expect(simulation.ledger.balances).toMatchObject({
      cash: "-319.96", // −1000.00 lent, +680.04 received
      "loan-principal": "336.66",
      "interest-receivable": "0.00",
      "interest-income": "-16.70",
    });
    expect(simulation.ledger.balanced).toBe(true);
  });

  it("a missed installment is past due: 10 days on 2024-02-11, with 10/29 of the next period's interest accrued", () => {
    const simulation = simulateFromDocument({ terms: TERMS, events: [], asOf: "2024-02-11" });
    expect(simulation).toMatchObject({ daysPastDue: 10, delinquency: "1-30" });
    expect(simulation.installments.map((row) => row.bucket)).toEqual(["past-due", "due", "not-yet-due"]);
    // 10.00 of installment 1, and round(6.70 · 10 / 29) = 2.31 of installment 2.
    expect(simulation.outstanding).toMatchObject({ principal: "1000.00", interest: "12.31" });
  });

  it("a late payment after the grace days pays past-due interest and the late fee", () => {
    // Grace 5 days: charged from 2024-02-07 on. Past-due interest round(330.02 · 24 % / 365) = 0.22 a day for
    // 2024-02-02 … 02-10 (9 days, the first 5 held until 02-07) = 1.98, plus the 15.00 late fee.
    const simulation = simulateFromDocument({
      terms: TERMS,
      servicing: { lateGraceDays: 5, pastDueInterest: { rate: "24" }, lateFee: { amount: "15.00" } },
      events: [{ type: "repayment", date: "2024-02-10", amount: "357.00" }],
      asOf: "2024-02-10",
    });
    expect(simulation.installments[0]).toMatchObject({
      closedDate: "2024-02-10",
      paid: { principal: "330.02", interest: "10.00", fee: "0.00", penalty: "16.98", total: "357.00" },
    });
    expect(simulation.daysPastDue).toBe(0);
    expect(simulation.ledger.balances["penalty-income"]).toBe("-16.98");
  });

  it("a payoff of the quote closes the loan", () => {
    const events = [{ type: "repayment", date: "2024-02-01", amount: "340.02" }];
    const quote = simulateFromDocument({ terms: TERMS, events, asOf: "2024-02-15" });
    // Installment 2 in full under the "scheduled" closing rule (340.02), and installment 3's principal.
    expect(quote.payoff).toBe("676.68");
    const closed = simulateFromDocument({
      terms: TERMS,
      events: [...events, { type: "payoff", date: "2024-02-15", amount: "676.68" }],
      asOf: "2024-02-15",
    });
    expect(closed).toMatchObject({
      status: "closed",
      payoff: "0.00",
      creditBalance: "0.00",
      outstanding: { total: "0.00" },
      totals: { received: "1016.70" },
    });
  });

  it("passes the engine's refusals on: a refund above the credit balance", () => {
    const issues = issuesOf(
      { terms: TERMS, events: [{ type: "refund", date: "2024-01-10", amount: "5.00" }], asOf: "2024-01-10" },
      "INVALID_EVENT",
    );
    expect(issues[0]?.field).toMatch(/^events\[0\]/);
  });
});
