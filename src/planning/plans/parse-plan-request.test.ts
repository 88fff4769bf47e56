import { describe, expect, it } from "vitest";
import { day, requestDocument } from "../../../test/support/plan-fixtures.ts";
import { type Issue, TenorError } from "../../core/errors.ts";
import { ratio } from "../../core/ratio.ts";
import { parsePlanRequest } from "./parse-plan-request.ts";

/** The issues `document` is refused with; fails the test when it is accepted. */
function issuesOf(document: unknown, currency?: string): readonly Issue[] {
  try {
    parsePlanRequest(document, currency);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe("INVALID_PLAN_REQUEST");
    return error.issues;
  }
  throw new Error("expected the request to be refused");
}

describe("parsePlanRequest", () => {
  it("reads a full request", () => {
    const request = parsePlanRequest(
      {
        amount: "12000.00",
        currency: "EUR",
        purpose: "car",
        price: "15000.00",
        startDate: "2025-03-01",
        product: {
          loanTypes: ["annuity", "classic"],
          periods: ["monthly", "pay-day"],
          term: { minMonths: 12, maxMonths: 48 },
          interest: { ratePercent: "9.5", per: "year", type: "variable" },
          fees: [{ name: "admin", amount: "100.00", charge: "disbursement" }],
          paymentMethods: ["standard", "balloon", "grace"],
          maxBalloonPercent: "30",
          maxGraceMonths: 2,
          freePrepayment: true,
          rateCap: "36",
          rateRegime: "eu-aprc",
        },
        preferences: { maxInstallment: "400.00", period: "monthly", opportunityRatePercent: "2.5" },
        goal: { finishBy: "2028-12-31" },
        custom: {
          installments: [
            { from: 1, to: 6, amount: "200.00" },
            { from: 7, to: 24, amount: "550.00" },
          ],
        },
      },
      "EUR",
    );
    expect(request.amountMinor).toBe(1_200_000);
    expect(request.priceMinor).toBe(1_500_000);
    expect(request.startDay).toBe(day("2025-03-01"));
    expect(request.product.interest).toEqual({
      ratePercent: ratio(19n, 2n),
      rateText: "9.5",
      per: "year",
      type: "variable",
    });
    expect(request.product.maxBalloonPercent).toEqual(ratio(30n, 1n));
    expect(request.product.fees).toEqual([{ name: "admin", amount: "100.00", charge: "disbursement" }]);
    expect(request.preferences).toEqual({
      maxInstallmentMinor: 40_000,
      period: "monthly",
      opportunityRate: ratio(1n, 40n),
    });
    expect(request.goal).toEqual({ kind: "finish-by", day: day("2028-12-31") });
    expect(request.custom).toEqual({
      tiers: [
        { from: 1, to: 6, amountMinor: 20_000 },
        { from: 7, to: 24, amountMinor: 55_000 },
      ],
      period: "monthly",
      loanType: "annuity",
    });
  });

  it("applies the defaults: annuity, monthly, standard, fixed, 3 % opportunity rate, no goal", () => {
    const request = parsePlanRequest({
      amount: "5000",
      currency: "EUR",
      startDate: "2025-01-15",
      product: { term: { minMonths: 6, maxMonths: 24 }, interest: { ratePercent: 7 } },
    });
    expect(request.product.loanTypes).toEqual(["annuity"]);
    expect(request.product.periods).toEqual(["monthly"]);
    expect(request.product.paymentMethods).toEqual(["standard"]);
    expect(request.product.interest.type).toBe("fixed");
    expect(request.product.interest.rateText).toBe("7");
    expect(request.preferences.opportunityRate).toEqual(ratio(3n, 100n));
    expect(request.goal).toBeUndefined();
    expect(request.custom).toBeUndefined();
  });

  it("collects every issue of the document at once", () => {
    const issues = issuesOf({
      amount: "-5",
      currency: "EUR",
      startDate: "2025-02-30",
      colour: "blue",
      product: {
        periods: ["monthly", "weekly", "monthly"],
        term: { minMonths: 24, maxMonths: 12 },
        interest: { ratePercent: "abc" },
        paymentMethods: ["balloon"],
      },
      goal: { finishBy: "2028-01-01", lowestInterest: true },
    });
    expect(issues.map((issue) => issue.field)).toEqual([
      "colour",
      "amount",
      "startDate",
      "product.periods[1]",
      "product.periods[2]",
      "product.term.maxMonths",
      "product.interest.ratePercent",
      "product.maxBalloonPercent",
      "goal",
    ]);
    expect(issues.find((i) => i.field === "product.maxBalloonPercent")?.message).toMatch(
      /must be above 0 .* when paymentMethods includes "balloon"/,
    );
  });

  it("refuses a currency other than the borrower's", () => {
    const issues = issuesOf(requestDocument({ currency: "USD" }), "EUR");
    expect(issues).toEqual([
      {
        field: "currency",
        value: "USD",
        message:
          "must be the borrower's currency (EUR): Tenor compares income and installments in one currency and converts none",
      },
    ]);
  });

  it("lets the terms parser judge the fees, rate cap and regime, under the request's field names", () => {
    const issues = issuesOf(
      requestDocument({}, { fees: [{ name: "admin", percent: "x" }], rateCap: "0", rateRegime: "eu" }),
    );
    expect(issues.map((issue) => issue.field)).toEqual([
      "product.fees[0].percent",
      "product.rateRegime",
      "product.rateCap",
    ]);
  });

  it("reads each goal, and refuses a goal with none or two", () => {
    const goal = (g: unknown) => parsePlanRequest(requestDocument({ goal: g })).goal;
    expect(goal({ maxInstallment: "350.00" })).toEqual({ kind: "max-installment", amountMinor: 35_000 });
    expect(goal({ lowestInterest: true })).toEqual({ kind: "lowest-interest" });
    expect(issuesOf(requestDocument({ goal: {} }))[0]?.field).toBe("goal");
    expect(issuesOf(requestDocument({ goal: { lowestInterest: false } }))[0]?.field).toBe(
      "goal.lowestInterest",
    );
  });

  it("refuses custom tiers with gaps or a period the product does not offer", () => {
    const issues = issuesOf(
      requestDocument({
        custom: {
          period: "quarterly",
          installments: [
            { from: 1, to: 3, amount: "100.00" },
            { from: 5, to: 8, amount: "100.00" },
          ],
        },
      }),
    );
    expect(issues.map((issue) => issue.field)).toEqual(["custom.installments[1]", "custom.period"]);
    expect(issues[1]?.message).toBe("must be one of the product's periods (monthly)");
  });
});
