import { describe, expect, it } from "vitest";
import { refusalOf } from "../../../test/support/refusal.ts";
import { prepaymentFromDocument } from "./prepayment-document.ts";

const TERMS = {
  principal: "12000.00",
  currency: "EUR",
  disbursementDate: "2024-01-01",
  installments: 24,
  interest: { rate: "12", per: "year" },
};
const PAID = [2, 3, 4, 5, 6].map((month) => ({
  type: "repayment",
  date: `2024-0${month}-01`,
  amount: "564.88",
}));
const DOCUMENT = { terms: TERMS, events: PAID, prepayment: { date: "2024-07-01", amount: "3000.00" } };

const refusal = (document: unknown) => refusalOf(() => prepaymentFromDocument(document));

describe("prepaymentFromDocument", () => {
  // The figures are those of prepayment.test.ts, where they are checked against the hand arithmetic and an
  // independent table; here the document's form is checked.
  const output = prepaymentFromDocument(DOCUMENT);

  it("writes amounts as decimal strings and dates as YYYY-MM-DD", () => {
    expect(output).toMatchObject({
      currency: "EUR",
      date: "2024-07-01",
      amount: "3000.00",
      due: "564.88",
      payment: "3564.88",
      payoff: "9827.98",
      maxAmount: "9263.10",
      fee: "0.00",
      advice: null,
    });
    expect(output.baseline).toMatchObject({
      endDate: "2026-01-01",
      regularInstallment: "564.88",
      installmentsLeft: 18,
    });
    expect(output.reduceTerm).toMatchObject({
      endDate: "2025-07-01",
      monthsEarlier: 6,
      installmentsLeft: 12,
    });
    expect(output.reduceInstallment).toMatchObject({ endDate: "2026-01-01", regularInstallment: "381.94" });
    expect(output.reduceTerm.installments[0]).toEqual({
      number: 7,
      dueDate: "2024-08-01",
      principal: "502.25",
      interest: "62.63",
      fee: "0.00",
      total: "564.88",
    });
    expect(JSON.parse(JSON.stringify(output))).toEqual(output);
  });

  it("gives each choice as the event document to record", () => {
    expect(output.events.reduceTerm).toEqual({
      id: "prepayment",
      type: "repayment",
      date: "2024-07-01",
      amount: "3564.88",
      overpayment: "reduce-term",
    });
    expect(output.events.reduceInstallment).toMatchObject({ overpayment: "reduce-installment" });
  });

  it("checks the prepayment advice rule when asked", () => {
    // After prepaying 3,000.00 the 10,000.00 of savings cover 7,000.00 / 1,000.00 = 7 months (6 asked).
    const advised = prepaymentFromDocument({
      ...DOCUMENT,
      advice: { safeReturn: "3", liquidSavings: "10000.00", monthlyOutgoings: "1000.00" },
    });
    expect(advised.advice).toMatchObject({
      advisable: true,
      loanRate: "12",
      safeReturn: "3",
      bufferMonthsAfter: 7,
    });
    // With 5,000.00 of savings, 2 months would be left.
    const short = prepaymentFromDocument({
      ...DOCUMENT,
      advice: {
        safeReturn: "3",
        liquidSavings: "5000.00",
        monthlyOutgoings: "1000.00",
        requiredBufferMonths: 3,
      },
    });
    expect(short.advice?.advisable).toBe(false);
    expect(short.advice?.checks.filter((check) => !check.passed).map((check) => check.rule)).toEqual([
      "buffer-kept",
    ]);
  });

  it("keeps the policy's buffer months when the advice does not say (3 in the default policy)", () => {
    const advised = prepaymentFromDocument({
      ...DOCUMENT,
      advice: { safeReturn: "3", liquidSavings: "10000.00", monthlyOutgoings: "1000.00" },
    });
    expect(advised.advice?.checks[1]?.reason).toBe(
      "savings still cover 7 months of essential spending and debt service (at least 3 months asked)",
    );
    const unknown = refusal({
      ...DOCUMENT,
      advice: { safeReturn: "3", liquidSavings: "1.00", monthlyOutgoings: "1.00", policy: "mars" },
    });
    expect(unknown.code).toBe("INVALID_POLICY");
    expect(unknown.issues[0]?.field).toBe("advice.policy");
  });

  it("uses the rate in force after a rate change for the advice", () => {
    const changed = prepaymentFromDocument({
      ...DOCUMENT,
      events: [...PAID, { type: "rate-change", date: "2024-06-15", rate: "2.5" }],
      advice: { safeReturn: "3", liquidSavings: "10000.00", monthlyOutgoings: "1000.00" },
    });
    expect(changed.advice?.loanRate).toBe("2.5");
    expect(changed.advice?.advisable).toBe(false);
  });

  it("refuses the document's own problems under INVALID_PREPAYMENT, every one at once", () => {
    const error = refusal({
      ...DOCUMENT,
      prepayment: { date: "2024-02-30", amount: "3000.001", fee: "-1" },
      advice: { liquidSavings: "x", monthlyOutgoings: "0" },
    });
    expect(error.code).toBe("INVALID_PREPAYMENT");
    expect(error.issues.map((issue) => issue.field)).toEqual([
      "prepayment.date",
      "prepayment.amount",
      "prepayment.fee",
      "advice.safeReturn",
      "advice.liquidSavings",
      "advice.monthlyOutgoings",
    ]);
    const unknown = refusal({ ...DOCUMENT, prepaymnt: {} });
    expect(unknown.issues[0]?.field).toBe("prepaymnt");
    expect(unknown.issues[0]?.message).toMatch(/did you mean "prepayment"/);
    expect(refusal({ terms: TERMS, events: [] }).issues[0]?.field).toBe("prepayment");
  });

  it("refuses the loan's parts under their own codes", () => {
    const terms = refusal({ ...DOCUMENT, terms: { ...TERMS, principal: "-1" } });
    expect(terms.code).toBe("INVALID_TERMS");
    expect(terms.issues[0]?.field).toBe("terms.principal");
    const events = refusal({ ...DOCUMENT, events: [{ type: "repayment", date: "2024-02-01", amount: "0" }] });
    expect(events.code).toBe("INVALID_EVENT");
    expect(events.issues[0]?.field).toBe("events[0].amount");
    const rules = refusal({ ...DOCUMENT, servicing: { overpayment: "shorten" } });
    expect(rules.code).toBe("INVALID_SERVICING_RULES");
    expect(rules.issues[0]?.field).toBe("servicing.overpayment");
  });

  it("passes on the simulator's refusals", () => {
    const error = refusal({ ...DOCUMENT, prepayment: { date: "2024-07-01", amount: "9263.11" } });
    expect(error.code).toBe("INVALID_PREPAYMENT");
    expect(error.issues[0]?.message).toMatch(/the extra payment can be at most 9,263\.10$/);
  });
});
