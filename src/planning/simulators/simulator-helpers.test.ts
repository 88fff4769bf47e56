// The simulators' small helpers: periods a year, months between dates, fresh event ids, the rate in force, the
// text of amounts and rates, and event documents that read back into the same events.
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../core/calendar-date.ts";
import { ratio } from "../../core/ratio.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import type { Period } from "../../schedule/terms.ts";
import { parseEvents } from "../../servicing/parse-events.ts";
import { parseServicingRules } from "../../servicing/parse-servicing-rules.ts";
import { annualRateOn } from "./loan-rate.ts";
import {
  freshEventId,
  installmentsInMonths,
  periodsPerYear,
  type RunningLoan,
  wholeMonthsBetween,
} from "./running-loan.ts";
import { eventDocument, percentString } from "./simulator-documents.ts";
import { countText, moneyText, percentText } from "./summary-text.ts";

const day = (text: string) => parseIsoDate(text) as number;

function loanOf(terms: Record<string, unknown>, events: unknown[]): RunningLoan {
  const parsed = parseTerms({
    principal: "1000.00",
    currency: "EUR",
    disbursementDate: "2024-01-01",
    installments: 12,
    interest: { rate: "12", per: "year" },
    ...terms,
  });
  return {
    terms: parsed,
    rules: parseServicingRules(undefined, 2),
    events: parseEvents(events, {
      currencyDigits: 2,
      disbursementDay: parsed.disbursementDay,
      maxEvents: 5000,
    }),
  };
}

describe("periodsPerYear and installmentsInMonths", () => {
  const every = (n: number, unit: "day" | "week" | "month" | "year"): Period => ({
    kind: "every",
    every: n,
    unit,
  });

  it("counts installments a year exactly for months and years, over 365 days for days and weeks", () => {
    expect(periodsPerYear(every(1, "month"))).toEqual(ratio(12n, 1n));
    expect(periodsPerYear(every(3, "month"))).toEqual(ratio(4n, 1n));
    expect(periodsPerYear(every(5, "month"))).toEqual(ratio(12n, 5n));
    expect(periodsPerYear(every(2, "year"))).toEqual(ratio(1n, 2n));
    expect(periodsPerYear(every(1, "week"))).toEqual(ratio(365n, 7n));
    expect(periodsPerYear(every(10, "day"))).toEqual(ratio(365n, 10n));
    expect(periodsPerYear({ kind: "times", times: 2, per: "month" })).toEqual(ratio(24n, 1n));
    expect(periodsPerYear({ kind: "times", times: 26, per: "year" })).toEqual(ratio(26n, 1n));
    // 6 installments over a term of 18 months: 4 a year.
    expect(periodsPerYear({ kind: "per-term", times: 6, term: { every: 18, unit: "month" } })).toEqual(
      ratio(4n, 1n),
    );
  });

  it("fits whole installments in a number of months", () => {
    expect(installmentsInMonths(every(1, "month"), 6)).toBe(6);
    expect(installmentsInMonths(every(3, "month"), 6)).toBe(2);
    expect(installmentsInMonths(every(3, "month"), 5)).toBe(1);
    // 6 months of weeks: 6 × 365 / 84 = 26.07.
    expect(installmentsInMonths(every(1, "week"), 6)).toBe(26);
    expect(installmentsInMonths(every(1, "year"), 11)).toBe(0);
  });
});

describe("wholeMonthsBetween", () => {
  it("counts whole calendar months, a short month's end included", () => {
    expect(wholeMonthsBetween(day("2025-07-01"), day("2026-01-01"))).toBe(6);
    expect(wholeMonthsBetween(day("2024-01-31"), day("2024-02-29"))).toBe(0);
    expect(wholeMonthsBetween(day("2024-01-15"), day("2024-03-14"))).toBe(1);
    expect(wholeMonthsBetween(day("2024-03-01"), day("2024-01-01"))).toBe(0);
  });
});

describe("freshEventId", () => {
  it("avoids the loan's ids and those given", () => {
    const loan = loanOf({}, [
      { id: "prepayment", type: "repayment", date: "2024-02-01", amount: "10.00" },
      { id: "prepayment-2", type: "repayment", date: "2024-03-01", amount: "10.00" },
    ]);
    expect(freshEventId(loan, "prepayment")).toBe("prepayment-3");
    expect(freshEventId(loan, "restructure", ["restructure"])).toBe("restructure-2");
  });
});

describe("annualRateOn", () => {
  it("reads the terms' rate, a year, after the rate changes and reschedules up to the day that stand", () => {
    const loan = loanOf({}, [
      { id: "up", type: "rate-change", date: "2024-03-01", rate: "14" },
      { id: "down", type: "rate-change", date: "2024-05-01", rate: "9" },
      { type: "reversal", date: "2024-05-02", of: "down" },
      { type: "reschedule", date: "2024-08-01", rate: "11" },
    ]);
    expect(annualRateOn(loan, day("2024-02-01"))).toEqual({ rate: ratio(12n, 100n) });
    expect(annualRateOn(loan, day("2024-06-01"))).toEqual({ rate: ratio(14n, 100n) });
    expect(annualRateOn(loan, day("2024-08-01"))).toEqual({ rate: ratio(11n, 100n) });
  });

  it("converts a rate a month to a year, and has none for an amount rate", () => {
    expect(annualRateOn(loanOf({ interest: { rate: "1", per: "month" } }, []), day("2024-01-01"))).toEqual({
      rate: ratio(12n, 100n),
    });
    const amount = annualRateOn(
      loanOf({ interest: { rate: "5.00", per: "month", kind: "amount" } }, []),
      day("2024-01-01"),
    );
    expect(amount).toHaveProperty("problem");
  });
});

describe("summary text", () => {
  it("groups thousands and keeps the currency's digits", () => {
    expect(moneyText(500_000, 2)).toBe("5,000.00");
    expect(moneyText(-123_456_789, 0)).toBe("-123,456,789");
    expect(moneyText(5, 2)).toBe("0.05");
    expect(moneyText(1_234_567, 3)).toBe("1,234.567");
  });

  it("writes fractions as percents without trailing zeros", () => {
    expect(percentText(ratio(78n, 1000n))).toBe("7.8 %");
    expect(percentText(ratio(8n, 100n))).toBe("8 %");
    expect(percentText(ratio(1n, 1200n))).toBe("0.0833 %");
    expect(percentString(ratio(1n, 3n))).toBe("33.3333333333");
    expect(countText(1, "month")).toBe("1 month");
    expect(countText(14, "month")).toBe("14 months");
  });
});

describe("eventDocument", () => {
  it("writes every kind of event so that parseEvents reads back the same event", () => {
    const documents = [
      { id: "r", type: "repayment", date: "2024-02-01", amount: "88.85", overpayment: "reduce-installment" },
      { id: "r2", type: "repayment", date: "2024-02-02", amount: "1.00" },
      { id: "d", type: "disbursement", date: "2024-02-03", amount: "200.00" },
      { id: "n", type: "returned-payment", date: "2024-02-04", of: "r2", fee: "0.00" },
      { id: "f", type: "fee", date: "2024-02-05", amount: "10.00", name: "call" },
      { id: "w", type: "fee-waiver", date: "2024-02-06", component: "fee", amount: "5.00" },
      { id: "w2", type: "fee-waiver", date: "2024-02-06", component: "penalty" },
      { id: "c", type: "rate-change", date: "2024-02-07", rate: "9.75" },
      {
        id: "s",
        type: "reschedule",
        date: "2024-02-08",
        installments: 18,
        firstDueDate: "2024-03-15",
        holidayInstallments: 2,
      },
      { id: "s2", type: "reschedule", date: "2024-02-09", interestOnlyInstallments: 1, rate: "8" },
      { id: "v", type: "reversal", date: "2024-02-10", of: "f" },
      { id: "p", type: "payoff", date: "2024-02-11" },
      { id: "x", type: "write-off", date: "2024-02-12" },
      { id: "u", type: "refund", date: "2024-02-13", amount: "1.00" },
    ];
    const context = { currencyDigits: 2, disbursementDay: day("2024-01-01"), maxEvents: 5000 };
    const events = parseEvents(documents, context);
    const written = events.map((event) => eventDocument(event, 2));
    expect(written).toEqual(documents);
    expect(parseEvents(written, context)).toEqual(events);
  });
});
