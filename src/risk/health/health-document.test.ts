import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../core/calendar-date.ts";
import { TenorError } from "../../core/errors.ts";
import { ratio } from "../../core/ratio.ts";
import { checkRefinance } from "../../planning/simulators/refinance.ts";
import { type HealthDocument, healthFromDocument, type ImprovedHealthDocument } from "./health-document.ts";

// The loan of loan-readings.test.ts: 10,000.00 at 12 % over 12 months from 2024-01-01 (888.49 a month); Feb on
// time, Mar 11 days late, Apr with 2,000.00 extra, May unpaid on the as-of date 2024-05-15 (14 days past due).
const terms = {
  principal: "10000.00",
  currency: "EUR",
  disbursementDate: "2024-01-01",
  installments: 12,
  interest: { rate: "12", per: "year" },
};
const loan = {
  terms,
  servicing: { lateGraceDays: 3 },
  events: [
    { id: "feb", type: "repayment", date: "2024-02-01", amount: "888.49" },
    { id: "mar", type: "repayment", date: "2024-03-12", amount: "888.49" },
    { id: "apr", type: "repayment", date: "2024-04-01", amount: "2888.49" },
  ],
};
// 3,000.00 net a month, 1,000.00 of essential rent, 9,000.00 saved, no other debt.
const borrower = {
  currency: "EUR",
  incomes: [{ name: "salary", amount: "3000.00", frequency: "monthly", payDate: "2024-01-25" }],
  expenses: [{ name: "rent", amount: "1000.00", frequency: "monthly", essential: true }],
  liquidSavings: "9000.00",
};
const base = { loan, asOf: "2024-05-15" };
// The same loan with May's installment paid on time: current on the as-of date.
const may = { id: "may", type: "repayment", date: "2024-05-01", amount: "888.49" };
const current = { ...base, loan: { ...loan, events: [...loan.events, may] } };

const improved = (document: unknown): ImprovedHealthDocument => {
  const result: HealthDocument = healthFromDocument(document);
  if (result.model !== "improved") throw new Error("expected the improved model");
  return result;
};
const component = (result: ImprovedHealthDocument, key: string) => {
  const found = result.components.find((c) => c.key === key);
  if (found === undefined) throw new Error(key);
  return found;
};
const refusal = (document: unknown): TenorError => {
  try {
    healthFromDocument(document);
  } catch (error) {
    if (error instanceof TenorError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
};

describe("the classic model on a serviced loan", () => {
  it("reads the four factors from the servicing engine: 62.58, Good", () => {
    const result = healthFromDocument({ ...base, model: "classic", marketRatePercent: "9" });
    if (result.model !== "classic") throw new Error("classic expected");
    // Rate: 100 − (12 − 9) / 9 · 100 = 66.666667. Tenure: 4 of 12 months = 33.333333. Consistency: 2 late
    // payments under 30 days (Mar 11 days, May 14 days so far) → 85. Prepayments: 1, early → 60 + 5 = 65.
    expect(result.factors.map((f) => f.score)).toEqual([66.67, 33.33, 85, 65]);
    // 0.30 · 66.666667 + 0.25 · 33.333333 + 0.25 · 85 + 0.20 · 65 = 20 + 8.333333 + 21.25 + 13 = 62.583333
    expect(result.score).toBe(62.58);
    expect(result.grade).toBe("Good");
  });

  it("needs the market rate", () => {
    const error = refusal({ ...base, model: "classic" });
    expect(error.code).toBe("INVALID_HEALTH_INPUT");
    expect(error.issues.map((i) => i.field)).toEqual(["marketRatePercent"]);
  });
});

describe("the improved model on a serviced loan", () => {
  it("scores conduct, affordability, buffer and schedule by hand, capped at 74 for 14 days past due", () => {
    const result = improved({ ...base, borrower });
    // Conduct: due dates Feb 1, Mar 1, Apr 1, May 1 are 104, 75, 44, 14 days old = 3.416908, 2.464116, 1.445615,
    // 0.459968 months; w = 0.5^(age/6) = 0.673857, 0.752266, 0.846196, 0.948249 (Σ 3.220569);
    // q = 1, 0.7 (11 days late), 1, 0.7 (14 days, still open); Σ w·q = 2.710414; 100 · 2.710414 / 3.220569 = 84.16
    expect(component(result, "payment-conduct").score).toBe(84.16);
    // Affordability, May 2024 – Apr 2025: income 12 × 3,000 = 36,000; the loan's installments due then:
    // 6 × 888.49 + 494.88 (Nov, the last) = 5,825.82 → 485.485 a month, rounded up 485.49 = 16.2 % ≤ 30 % → 100.
    expect(component(result, "affordability").score).toBe(100);
    expect(component(result, "affordability").value).toContain(
      "debt service 485.49 a month, 16.2 % of income",
    );
    // Residual: (36,000 − 12,000 − 5,825.82) / 12 = 1,514.515 → 1,514.51; floor 10 % of 3,000 = 300.00.
    expect(component(result, "affordability").value).toContain("1,514.51 a month left");
    // Buffer: 9,000 / ((12,000 + 5,825.82) / 12 = 1,485.49) = 6.06 months → 100.
    expect(component(result, "liquidity-buffer").value).toMatch(/^buffer 6\.1 months/);
    // Schedule: 5,610.80 owed against 6,798.42 planned → ahead → 100.
    expect(component(result, "schedule-adherence").value).toBe("1,187.62 ahead of schedule");
    // No market rate: cost is not assessed; the rest share its 0.15: (0.3 · 84.159490 + 30 + 15 + 10) / 0.85
    // = 80.247847 / 0.85 = 94.409232 → 94.41, capped at 74 (1–30 days past due) → Watch.
    expect(component(result, "cost-efficiency").value).toBe("not assessed: no market rate given");
    expect(result.uncappedScore).toBe(94.41);
    expect(result.score).toBe(74);
    expect(result.band).toBe("Watch");
    expect(result.loan.daysPastDue).toBe(14);
  });

  it("checks the savings above the buffer as a prepayment, with the simulator's figures", () => {
    const result = improved({ ...current, borrower });
    // Savings above 3 months of 1,485.49: 9,000 − 4,456.47 = 4,543.53; at most the principal after June's
    // installment (the current one), 3,937.71. Paying it ends the loan after June instead of November: 5 months
    // earlier, saving the interest of Jul–Nov: 39.38 + 30.89 + 22.31 + 13.65 + 4.90 = 111.13.
    // Rule: 12 % > 3 %; buffer after (9,000 − 3,937.71) / 1,485.49 = 3.4 months ≥ 3; no dearer debt; no fee.
    expect(result.actions.map((a) => a.kind)).toEqual(["prepay"]);
    expect(result.actions[0]?.message).toBe("prepay 3,937.71: saves 111.13 interest, ends 5 months earlier");
    expect(result.prepaymentAdvice?.advisable).toBe(true);
    // With May unpaid (14 days past due) the rule still passes, but the arrears come first: no prepay action.
    const arrears = improved({ ...base, borrower });
    expect(arrears.prepaymentAdvice?.advisable).toBe(true);
    expect(arrears.actions.map((a) => a.kind)).toEqual(["restructure"]);
  });

  it("does not advise a prepayment that leaves less than the buffer, or when a dearer debt is left", () => {
    const small = improved({ ...current, borrower: { ...borrower, liquidSavings: "5000.00" } });
    // 5,000 − 3 · 1,485.49 = 543.53 above the buffer: prepaying it leaves exactly 3 months → advisable.
    expect(small.actions.map((a) => a.kind)).toContain("prepay");
    const asked = improved({
      ...current,
      borrower: { ...borrower, liquidSavings: "5000.00" },
      prepaymentAmount: "1000.00",
    });
    // 1,000 leaves (5,000 − 1,000) / 1,485.49 = 2.7 months < 3.
    expect(asked.actions.map((a) => a.kind)).not.toContain("prepay");
    expect(asked.prepaymentAdvice?.checks.find((c) => !c.passed)?.rule).toBe("buffer-kept");
    const card = { name: "card", installment: "50.00", frequency: "monthly", ratePercent: "24" };
    const dearer = improved({ ...current, borrower: { ...borrower, debts: [card] } });
    expect(dearer.prepaymentAdvice?.checks.find((c) => !c.passed)?.rule).toBe("no-dearer-debt");
  });

  it("refuses a prepayment amount above what can be prepaid, naming prepaymentAmount", () => {
    const error = refusal({ ...base, borrower, prepaymentAmount: "5000.00" });
    expect(error.code).toBe("INVALID_HEALTH_INPUT");
    expect(error.issues[0]?.field).toBe("prepaymentAmount");
    expect(error.issues[0]?.message).toContain("at most 3,937.71");
  });

  it("compares with refinancing the installments left, through the refinance check", () => {
    const result = improved({ ...base, borrower, marketRatePercent: "9", switchingCost: "50.00" });
    // What the health score must hand the refinance check: the 6 installments due after May 15 (Jun – Nov:
    // 5 × 888.49 and 494.88), their principal 5,610.80 − 832.38 (May's, past due) = 4,778.42, the first due Jun 1.
    const expected = checkRefinance({
      currencyDigits: 2,
      currency: "EUR",
      asOf: parseIsoDate("2024-05-15") as number,
      balanceMinor: 477_842,
      currentAnnualRate: ratio(12n, 100n),
      remainingInstallments: 6,
      currentInstallmentMinor: 88_849,
      currentPaymentsMinor: [88_849, 88_849, 88_849, 88_849, 88_849, 49_488],
      periodsPerYear: 12,
      marketAnnualRate: ratio(9n, 100n),
      switchingCostMinor: 5_000,
      firstDueDay: parseIsoDate("2024-06-01"),
    });
    const cost = component(result, "cost-efficiency");
    const saving = expected.presentValueSavingMinor;
    expect(saving).toBeGreaterThan(0);
    // 100 − 10 · G %, G % = saving / 561,080 (the whole principal owed) · 100
    expect(cost.score).toBeCloseTo(100 - (10 * saving * 100) / 561_080, 2);
  });

  it("reports affordability and buffer as not assessed without a borrower, and affordability without income", () => {
    const none = improved(base);
    expect(component(none, "affordability").value).toBe("not assessed: no borrower profile given");
    expect(component(none, "liquidity-buffer").assessed).toBe(false);
    // (0.3 · 84.159490 + 10) / 0.40 = 35.247847 / 0.40 = 88.119617 → 88.12 before the cap
    expect(none.uncappedScore).toBe(88.12);
    const noIncome = improved({ ...base, borrower: { ...borrower, incomes: [] } });
    expect(component(noIncome, "affordability").value).toBe("not assessed: no income given");
    expect(component(noIncome, "liquidity-buffer").assessed).toBe(true);
  });

  it("warns of rate-reset risk only for a variable rate, whose stress test raises the installments", () => {
    // 900.00 of income and no savings: 485.49 is 53.9 % of it (over the 50 % cap), and the stress test fails
    // either way.
    const tight = {
      ...borrower,
      incomes: [{ ...borrower.incomes[0], amount: "900.00" }],
      expenses: [],
      liquidSavings: "0",
    };
    const fixed = improved({ ...base, borrower: tight });
    const variable = improved({ ...base, borrower: tight, variableRate: true });
    expect(fixed.actions.map((a) => a.kind)).toEqual(["restructure"]);
    expect(variable.actions.map((a) => a.kind)).toEqual(["restructure", "rate-reset-risk"]);
    // Stressed income 765.00; fixed: 485.49 / 765 = 63.5 %; variable: the rest re-priced at 14 % is dearer.
    const stressedShare = (r: ImprovedHealthDocument) =>
      Number(/stressed (\d+\.\d) %/.exec(component(r, "affordability").value)?.[1]);
    expect(stressedShare(fixed)).toBe(63.5);
    expect(stressedShare(variable)).toBeGreaterThan(63.5);
  });
});

describe("refused documents", () => {
  it("names unknown fields and bad values of the document itself", () => {
    const error = refusal({ ...base, model: "fancy", asOf: "2024-02-30", marketRate: "7" });
    expect(error.code).toBe("INVALID_HEALTH_INPUT");
    expect(error.issues.map((i) => i.field).sort()).toEqual(["asOf", "marketRate", "model"]);
  });

  it("keeps the parts' own codes with their fields under the part", () => {
    const terms = refusal({ ...base, loan: { ...loan, terms: { ...loan.terms, principal: "-5" } } });
    expect(terms.code).toBe("INVALID_TERMS");
    expect(terms.issues[0]?.field).toBe("loan.terms.principal");
    const events = refusal({
      ...base,
      loan: { ...loan, events: [{ type: "repayment", date: "2024-02-01" }] },
    });
    expect(events.code).toBe("INVALID_EVENT");
    expect(events.issues[0]?.field).toMatch(/^loan\.events\[0\]/);
    const profile = refusal({ ...base, borrower: { ...borrower, liquidSavings: "-1" } });
    expect(profile.code).toBe("INVALID_PROFILE");
    expect(profile.issues[0]?.field).toBe("borrower.liquidSavings");
    const policy = refusal({ ...base, policy: "mars" });
    expect(policy.code).toBe("INVALID_POLICY");
  });

  it("refuses an as-of date before an event, a borrower in another currency and a written-off loan", () => {
    expect(refusal({ ...base, asOf: "2024-03-31" }).issues[0]?.field).toBe("asOf");
    expect(refusal({ ...base, borrower: { ...borrower, currency: "USD" } }).issues[0]?.field).toBe(
      "borrower.currency",
    );
    const writtenOff = {
      ...loan,
      events: [...loan.events, { id: "wo", type: "write-off", date: "2024-05-10" }],
    };
    expect(refusal({ ...base, loan: writtenOff }).code).toBe("INVALID_HEALTH_INPUT");
  });
});

describe("docs/reference/health-score.md", () => {
  it("shows the result its example document really gives, for both models", () => {
    const page = readFileSync(
      path.resolve(import.meta.dirname, "../../../docs/reference/health-score.md"),
      "utf8",
    );
    const blocks = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((match) =>
      JSON.parse(match[1] as string),
    );
    const [document, improvedResult, classicResult] = blocks;
    expect(healthFromDocument(document)).toEqual(improvedResult);
    const classic = healthFromDocument({ ...document, model: "classic" });
    expect({ ...classic, loan: undefined }).toEqual({ ...classicResult, loan: undefined });
  });
});
