import { describe, expect, it } from "vitest";
import { amortizeLevel, dec, levelInstallment, minor } from "../../../test/reference/annuity-reference.ts";
import { refusalOf } from "../../../test/support/refusal.ts";
import { refinanceFromDocument } from "./refinance-document.ts";

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

const refusal = (document: unknown) => refusalOf(() => refinanceFromDocument(document));

const money = (value: number) => (value / 100).toFixed(2);

describe("refinanceFromDocument: the figures", () => {
  it("reads the research's ₹30 lakh example and a switching cost in percent", () => {
    const output = refinanceFromDocument({
      asOf: "2025-01-01",
      current: {
        currency: "INR",
        balance: "3000000.00",
        rate: "8.5",
        remainingInstallments: 180,
        installment: "29542.19",
      },
      marketRate: "7.8",
      switchingCost: { percent: "1" },
    });
    expect(output).toMatchObject({
      currency: "INR",
      balance: "3000000.00",
      currentRate: "8.5",
      marketRate: "7.8",
      discountRate: "7.8",
      periodsPerYear: 12,
      newInstallment: "28324.26",
      savingPerInstallment: "1217.93",
      switchingCost: "30000.00",
      breakEvenInstallments: 25,
      breakEvenMonths: 25,
      worthIt: true,
    });
    expect(JSON.parse(JSON.stringify(output))).toEqual(output);
  });
});

describe("refinanceFromDocument: a running loan", () => {
  // Six installments paid: 9,263.10 left over 18 installments of 564.88 (the last 564.94), at 12 %.
  const original = amortizeLevel(dec(12000), dec("0.01"), 24);
  const balance = dec("9263.10");
  const newRows = amortizeLevel(balance, dec("0.0075"), 18);
  const output = refinanceFromDocument({
    asOf: "2024-07-01",
    loan: { terms: TERMS, events: PAID },
    marketRate: "9",
    switchingCost: { amount: "50.00", percent: "1" },
  });

  it("reads the balance, the installments left, the installment and the rate from the servicing engine", () => {
    expect(output).toMatchObject({
      currency: "EUR",
      asOf: "2024-07-01",
      balance: "9263.10",
      currentRate: "12",
      remainingInstallments: 18,
      currentInstallment: "564.88",
      // 50.00 + 1 % of 9,263.10 = 50.00 + 92.63
      switchingCost: "142.63",
    });
  });

  it("compares payment by payment with a new 18-installment loan at 9 % due on the same dates", () => {
    // 9263.10 × 0.0075 / (1 − 1.0075^−18) = 69.4733 / 0.125838 = 552.06
    expect(output.newInstallment).toBe(levelInstallment(balance, dec("0.0075"), 18).toFixed(2));
    expect(output.newInstallment).toBe("552.06");
    const current = original.slice(6).map((row) => minor(row.payment));
    const gross = current.reduce(
      (sum, payment, t) => sum + payment - minor((newRows[t] as { payment: typeof balance }).payment),
      0,
    );
    expect(output.grossSaving).toBe(money(gross));
    expect(output.netSaving).toBe(money(gross - 14_263));
    expect(output.currentRemaining).toBe(money(current.reduce((sum, payment) => sum + payment, 0)));
  });

  it("uses the rate in force after a rate change", () => {
    const changed = refinanceFromDocument({
      asOf: "2024-07-01",
      loan: { terms: TERMS, events: [...PAID, { type: "rate-change", date: "2024-07-01", rate: "10" }] },
      marketRate: "9",
    });
    expect(changed.currentRate).toBe("10");
    expect(changed.switchingCost).toBe("0.00");
  });

  it("refuses a date before the last event and a period with no whole number of installments a year", () => {
    expect(
      refusal({ asOf: "2024-06-15", loan: { terms: TERMS, events: PAID }, marketRate: "9" }).issues[0],
    ).toMatchObject({
      field: "asOf",
    });
    const weekly = refusal({
      asOf: "2024-01-01",
      loan: { terms: { ...TERMS, period: "weekly" }, events: [] },
      marketRate: "9",
    });
    expect(weekly.issues[0]?.field).toBe("loan.terms.period");
  });

  it("refuses the loan's parts under their own codes, prefixed by loan", () => {
    const error = refusal({
      asOf: "2024-07-01",
      loan: { terms: { ...TERMS, installments: 0 }, events: [] },
      marketRate: "9",
    });
    expect(error.code).toBe("INVALID_TERMS");
    expect(error.issues[0]?.field).toBe("loan.terms.installments");
    const events = refusal({
      asOf: "2024-07-01",
      loan: { terms: TERMS, events: [{ type: "nope", date: "2024-02-01" }] },
      marketRate: "9",
    });
    expect(events.code).toBe("INVALID_EVENT");
    expect(events.issues[0]?.field).toBe("loan.events[0].type");
  });
});

describe("refinanceFromDocument: refusals", () => {
  it("wants exactly one of loan or current, and a market rate", () => {
    const neither = refusal({ asOf: "2025-01-01" });
    expect(neither.code).toBe("INVALID_REFINANCE");
    expect(neither.issues.map((issue) => issue.field)).toEqual(["loan", "marketRate"]);
    const both = refusal({ asOf: "2025-01-01", loan: {}, current: {}, marketRate: "5" });
    expect(both.issues[0]?.field).toBe("current");
  });

  it("refuses empty or out-of-range switching costs", () => {
    const current = {
      currency: "EUR",
      balance: "1000.00",
      rate: "5",
      remainingInstallments: 12,
      installment: "85.61",
    };
    const empty = refusal({ asOf: "2025-01-01", current, marketRate: "4", switchingCost: {} });
    expect(empty.issues[0]?.message).toMatch(/must give `amount`/);
    const tooMuch = refusal({
      asOf: "2025-01-01",
      current,
      marketRate: "4",
      switchingCost: { percent: "150" },
    });
    expect(tooMuch.issues[0]?.field).toBe("switchingCost.percent");
  });

  it("names every bad figure", () => {
    const error = refusal({
      asOf: "2025-02-30",
      current: { currency: "eur", balance: "0", rate: "-1", remainingInstallments: 0, installment: "x" },
      marketRate: "2000",
    });
    expect(error.issues.map((issue) => issue.field)).toEqual([
      "asOf",
      "marketRate",
      "current.currency",
      "current.balance",
      "current.rate",
      "current.remainingInstallments",
      "current.installment",
    ]);
    expect(error.issues[2]?.message).toMatch(/upper case: "EUR"/);
  });
});
