import { describe, expect, it } from "vitest";
import { type Issue, TenorError } from "../../core/errors.ts";
import { planFromDocument } from "./plan-document.ts";

const borrower = {
  currency: "EUR",
  incomes: [
    { name: "salary", amount: "2400.00", frequency: "biweekly", payDate: "2025-01-10", growthPercent: "3" },
  ],
  expenses: [
    { name: "rent", amount: "1100.00", frequency: "monthly", essential: true },
    { name: "food", amount: "600.00", frequency: "monthly" },
  ],
  debts: [
    { name: "car", installment: "250.00", frequency: "monthly", balance: "4000.00", endsOn: "2026-06-30" },
  ],
  liquidSavings: "3000.00",
  employment: { type: "fixed", years: 6 },
  housing: "rent",
};

const request = {
  amount: "15000.00",
  currency: "EUR",
  purpose: "car",
  startDate: "2025-02-03",
  product: {
    loanTypes: ["annuity", "classic"],
    periods: ["monthly", "quarterly", "pay-day"],
    term: { minMonths: 12, maxMonths: 60 },
    interest: { ratePercent: "9.5", type: "variable" },
    fees: [{ name: "admin", amount: "150.00", charge: "disbursement" }],
    paymentMethods: ["standard", "step-up", "seasonal", "balloon", "grace"],
    maxBalloonPercent: "30",
    maxGraceMonths: 3,
    freePrepayment: true,
  },
  goal: { finishBy: "2027-06-30" },
  custom: {
    installments: [
      { from: 1, to: 6, amount: "300.00" },
      { from: 7, to: 36, amount: "520.00" },
    ],
  },
};

function issuesOf(document: unknown): { code: string; issues: readonly Issue[] } {
  try {
    planFromDocument(document, { score: null });
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    return { code: error.code, issues: error.issues };
  }
  throw new Error("expected the document to be refused");
}

describe("planFromDocument", () => {
  const answer = planFromDocument({ borrower, request, policy: "default" });

  it("recommends a plan, first in the ranking, with its full schedule and terms document", () => {
    const recommended = answer.recommended;
    if (recommended === null) throw new Error("expected a recommendation");
    expect(answer.plans[0]?.id).toBe(recommended.id);
    expect(recommended.rank).toBe(1);
    expect(recommended.feasible).toBe(true);
    expect(recommended.schedule?.length).toBe(recommended.installmentCount);
    expect(recommended.schedule?.at(-1)?.balance).toBe("0.00");
    expect(recommended.terms?.principal).toBe("15000.00");
    expect(recommended.reasons.length).toBeGreaterThanOrEqual(4);
    expect(recommended.risk?.band).toMatch(/^[A-E]$/);
  });

  it("ranks every plan, summaries without schedules, every one with its reasons", () => {
    expect(answer.plans.map((plan) => plan.rank)).toEqual(answer.plans.map((_, index) => index + 1));
    const summaries = answer.plans.filter((plan) => plan.schedule === undefined);
    expect(summaries.length).toBeGreaterThan(answer.plans.length / 2);
    for (const plan of answer.plans) {
      expect(plan.reasons.length).toBeGreaterThan(0);
      expect(plan.installments[0]?.from).toBe(1);
      expect(plan.installments[0]?.amount).toMatch(/^\d+\.\d\d$/);
    }
  });

  it("shows the trade-off set with labels, the capacity explained, the goal and the custom plan", () => {
    const labels = answer.tradeOffs.flatMap((t) => t.labels);
    expect(labels).toContain("recommended");
    expect(labels).toContain("lowest burden");
    expect(answer.pareto.length).toBeGreaterThanOrEqual(answer.tradeOffs.length - 1);
    expect(answer.capacity.explanation.length).toBeGreaterThan(0);
    expect(answer.capacity.months).toHaveLength(12);
    expect(answer.goal?.solved).toBe(true);
    expect(answer.custom?.status).toBe("accepted");
    expect(answer.noAffordable).toBeNull();
    expect(answer.summary.join(" ")).toMatch(/prepaid at any time without a fee/);
  });

  it("is plain JSON: it survives a round trip unchanged", () => {
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });

  it("answers a borrower with no affordable plan with what would make one affordable, never an empty list", () => {
    const broke = planFromDocument(
      {
        borrower: {
          currency: "EUR",
          incomes: [{ name: "pension", amount: "700.00", payDate: "2025-01-28" }],
        },
        request: {
          amount: "30000.00",
          currency: "EUR",
          startDate: "2025-02-03",
          product: { term: { minMonths: 12, maxMonths: 36 }, interest: { ratePercent: "8" } },
        },
      },
      { score: null },
    );
    expect(broke.recommended).toBeNull();
    expect(broke.plans.length).toBeGreaterThan(0);
    expect(broke.noAffordable?.message).toMatch(/^No plan for 30000\.00 EUR is affordable/);
    expect(broke.noAffordable?.largestAmount?.feasible).toBe(true);
    expect(broke.noAffordable?.suggestions[0]).toMatch(/^Borrow less: /);
  });

  it("refuses a bad document with every part's issues, each field named from the document's root", () => {
    const refused = issuesOf({
      borrower: { ...borrower, incomes: [{ name: "salary", amount: "-5", payDate: "2025-02-31" }] },
      request: { ...request, currency: "USD", product: { ...request.product, term: { minMonths: 0 } } },
      policy: "mars",
    });
    expect(refused.code).toBe("INVALID_PROFILE");
    const fields = refused.issues.map((issue) => issue.field);
    expect(fields).toContain("borrower.incomes[0].amount");
    expect(fields).toContain("borrower.incomes[0].payDate");
    expect(fields).toContain("request.product.term.minMonths");
    expect(fields).toContain("request.product.term.maxMonths");
    expect(fields).toContain("policy");
  });

  it("checks the request's currency against the borrower's", () => {
    const refused = issuesOf({ borrower, request: { ...request, currency: "USD" } });
    expect(refused.code).toBe("INVALID_PLAN_REQUEST");
    expect(refused.issues.map((issue) => issue.field)).toEqual(["request.currency"]);
  });

  it("refuses unknown fields of the plan document", () => {
    const refused = issuesOf({ borrower, request, colour: "blue" });
    expect(refused.code).toBe("INVALID_PLAN_REQUEST");
    expect(refused.issues[0]?.field).toBe("colour");
  });
});
