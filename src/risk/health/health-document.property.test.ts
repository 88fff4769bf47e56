// The improved score on loans run by the servicing engine, over random repayment histories: the score stays in
// 0–100 and under the cap of the loan's days past due, and leaving out the last repayment never raises it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, formatIsoDate, parseIsoDate } from "../../core/calendar-date.ts";
import { formatMinor } from "../../core/money.ts";
import { generateSchedule } from "../../schedule/generate-schedule.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import { dpdCap } from "./dpd-cap.ts";
import { type HealthDocument, healthFromDocument } from "./health-document.ts";

const borrower = {
  currency: "EUR",
  incomes: [{ name: "salary", amount: "2500.00", frequency: "monthly", payDate: "2024-01-25" }],
  expenses: [{ name: "rent", amount: "900.00", frequency: "monthly", essential: true }],
  liquidSavings: "4000.00",
};

interface History {
  readonly installments: number;
  readonly delays: readonly number[];
  readonly lookAfterDays: number;
  readonly withBorrower: boolean;
}

const historyArb: fc.Arbitrary<History> = fc.record({
  installments: fc.integer({ min: 3, max: 18 }),
  // Per due date: paid that many days late (0 = on time), or missed (-1).
  delays: fc.array(fc.integer({ min: -1, max: 70 }), { minLength: 1, maxLength: 18 }),
  lookAfterDays: fc.integer({ min: 0, max: 120 }),
  withBorrower: fc.boolean(),
});

function documentOf(history: History) {
  const terms = {
    principal: "5000.00",
    currency: "EUR",
    disbursementDate: "2024-01-01",
    installments: history.installments,
    interest: { rate: "12", per: "year" },
  };
  const schedule = generateSchedule(parseTerms(terms));
  const amount = formatMinor(schedule.installments[0]?.totalMinor ?? 0, 2);
  const events: { id: string; type: string; date: string; amount: string }[] = [];
  let last = parseIsoDate("2024-01-01") as number;
  history.delays.slice(0, history.installments).forEach((delay, index) => {
    const due = schedule.columns.dueDays[index] as number;
    last = Math.max(last, due);
    if (delay < 0) return;
    const day = addDays(due, delay);
    last = Math.max(last, day);
    events.push({ id: `p${index}`, type: "repayment", date: formatIsoDate(day), amount });
  });
  // Recorded in date order, as a servicer records payments as they arrive.
  events.sort((a, b) => a.date.localeCompare(b.date));
  return {
    loan: { terms, servicing: { lateGraceDays: 3 }, events },
    asOf: formatIsoDate(addDays(last, history.lookAfterDays)),
    ...(history.withBorrower ? { borrower } : {}),
  };
}

describe("the improved score on serviced loans", () => {
  it("stays in 0–100, under the cap of the days past due, in the band of its score", () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const result: HealthDocument = healthFromDocument(documentOf(history));
        if (result.model !== "improved") throw new Error("improved expected");
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(dpdCap(result.loan.daysPastDue));
        if (result.loan.daysPastDue > 30) expect(result.score).toBeLessThanOrEqual(49);
      }),
      { numRuns: 200 },
    );
  });

  it("never rises when the last repayment is left out", () => {
    fc.assert(
      fc.property(historyArb, (history) => {
        const document = documentOf(history);
        fc.pre(document.loan.events.length > 0);
        const fewer = { ...document, loan: { ...document.loan, events: document.loan.events.slice(0, -1) } };
        const all = healthFromDocument(document);
        const missing = healthFromDocument(fewer);
        expect(missing.score).toBeLessThanOrEqual(all.score);
      }),
      { numRuns: 200 },
    );
  });
});
