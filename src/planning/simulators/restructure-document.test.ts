import { describe, expect, it } from "vitest";
import { refusalOf } from "../../../test/support/refusal.ts";
import { parseEvents } from "../../servicing/parse-events.ts";
import { restructureFromDocument } from "./restructure-document.ts";

const TERMS = {
  principal: "12000.00",
  currency: "EUR",
  disbursementDate: "2024-01-01",
  installments: 24,
  interest: { rate: "12", per: "year" },
};
const PAID = [2, 3, 4, 5, 6, 7].map((month) => ({
  type: "repayment",
  date: `2024-0${month}-01`,
  amount: "564.88",
}));
const PRODUCT = {
  maxTermExtensionMonths: 24,
  maxInterestOnlyMonths: 6,
  maxPaymentHolidayMonths: 3,
  allowStepDown: true,
};
const DOCUMENT = { terms: TERMS, events: PAID, date: "2024-07-01", affordable: "400.00", product: PRODUCT };

/** Net 1,000.00 a month paid on the 25th, 450.00 of essential rent; no other debt. */
const BORROWER = {
  currency: "EUR",
  incomes: [{ name: "salary", amount: "1000.00", frequency: "monthly", payDate: "2024-06-25" }],
  expenses: [{ name: "rent", amount: "450.00", frequency: "monthly", essential: true }],
};

const refusal = (document: unknown) => refusalOf(() => restructureFromDocument(document));

describe("restructureFromDocument", () => {
  // The figures are checked against an independent table in restructure.test.ts; here, the document's form.
  const output = restructureFromDocument(DOCUMENT);

  it("writes the current schedule and each option with amounts as decimal strings", () => {
    expect(output).toMatchObject({
      currency: "EUR",
      date: "2024-07-01",
      affordable: "400.00",
      affordableSource: { from: "given", policy: null, explanation: [] },
      reliefMonths: 6,
      current: {
        balance: "9263.10",
        installment: "564.88",
        installmentsLeft: 18,
        endDate: "2026-01-01",
        fits: false,
      },
    });
    expect(output.options.map((option) => [option.kind, option.available])).toEqual([
      ["extend-term", true],
      ["interest-only", true],
      ["payment-holiday", true],
      ["step-down", true],
    ]);
    expect(output.options[0]).toMatchObject({
      newInstallment: "393.18",
      reliefInstallment: null,
      endDate: "2026-10-01",
      installmentsLeft: 27,
      fits: true,
    });
    expect(JSON.parse(JSON.stringify(output))).toEqual(output);
  });

  it("gives the events as documents the event parser reads back", () => {
    const extend = output.options[0];
    const stepDown = output.options[3];
    if (extend?.available !== true || stepDown?.available !== true)
      throw new Error("expected available options");
    expect(extend.events).toEqual([
      {
        id: "restructure",
        type: "reschedule",
        date: "2024-07-01",
        installments: 27,
        firstDueDate: "2024-08-01",
      },
    ]);
    // One event: 6 installments of the affordable 400.00, then the level installment back to at most 564.88.
    expect(stepDown.events).toHaveLength(1);
    expect(stepDown.events[0]).toMatchObject({
      id: "restructure",
      type: "reschedule",
      date: "2024-07-01",
      firstDueDate: "2024-08-01",
      tiers: [{ from: 1, to: 6, amount: "400.00" }, { from: 7 }],
    });
    const events = parseEvents([...PAID, ...stepDown.events], {
      currencyDigits: 2,
      disbursementDay: 19_723,
      maxEvents: 5000,
    });
    expect(events.at(-1)).toMatchObject({
      type: "reschedule",
      installments: stepDown.installmentsLeft,
      tiers: [
        { from: 1, to: 6, amountMinor: 40_000 },
        { from: 7, to: stepDown.installmentsLeft },
      ],
    });
  });

  it("assesses what is affordable from the borrower's profile under a policy", () => {
    // Default policy: ratio limit ⌊50 % × 1000.00⌋ − 0 = 500.00; residual limit 1000.00 − 450.00 − 10 % × 1000.00
    // = 450.00; the stricter, 450.00, in every month of the year.
    const assessed = restructureFromDocument({
      ...DOCUMENT,
      affordable: undefined,
      borrower: BORROWER,
      policy: "default",
    });
    expect(assessed.affordable).toBe("450.00");
    expect(assessed.affordableSource.from).toBe("capacity");
    expect(assessed.affordableSource.policy).toBe("default");
    expect(assessed.affordableSource.explanation.at(-1)).toBe(
      "Affordable installment: the lowest monthly capacity of the next 12 months, 450.00.",
    );
    // The longer term that fits 450.00: 23 installments would be 92.631 / (1 − 1.01^−23) = 92.631 / 0.20456
    // = 452.83, above it; 24 are 92.631 / 0.21243 = 436.05.
    const extend = assessed.options[0];
    expect(extend?.available === true && [extend.installmentsLeft, extend.newInstallment]).toEqual([
      24,
      "436.05",
    ]);
  });

  it("refuses its own problems under INVALID_RESTRUCTURE, every one at once", () => {
    const error = refusal({
      ...DOCUMENT,
      date: "2024-13-01",
      borrower: BORROWER,
      product: { maxTermExtensionMonths: -1, allowStepDown: "yes", maxHolidayMonths: 3 },
      reliefMonths: 0,
    });
    expect(error.code).toBe("INVALID_RESTRUCTURE");
    expect(error.issues.map((issue) => issue.field)).toEqual([
      "date",
      "borrower",
      "product.maxHolidayMonths",
      "product.maxTermExtensionMonths",
      "product.allowStepDown",
      "reliefMonths",
    ]);
    const policyAlone = refusal({ ...DOCUMENT, policy: "uk" });
    expect(policyAlone.issues[0]?.field).toBe("policy");
  });

  it("refuses a profile under INVALID_PROFILE, and one in another currency", () => {
    const profile = refusal({
      ...DOCUMENT,
      affordable: undefined,
      borrower: { ...BORROWER, incomes: [{ name: "salary", amount: "-5", payDate: "2024-06-25" }] },
    });
    expect(profile.code).toBe("INVALID_PROFILE");
    expect(profile.issues[0]?.field).toBe("borrower.incomes[0].amount");
    const usd = refusal({ ...DOCUMENT, affordable: undefined, borrower: { ...BORROWER, currency: "USD" } });
    expect(usd.issues[0]).toMatchObject({ field: "borrower.currency", value: "USD" });
    const policy = refusal({ ...DOCUMENT, affordable: undefined, borrower: BORROWER, policy: "mars" });
    expect(policy.code).toBe("INVALID_POLICY");
  });
});
