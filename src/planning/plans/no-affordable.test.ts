// The answer when nothing is affordable. 1,200.00 at 1 % a month, monthly level plans of 3 to 12 months, for a
// borrower who can carry exactly 100.00 a month (under stress too). The cheapest installment the product offers
// is 12 months' 106.62, so no plan fits. By hand:
//   - at the longest term, 12 months: A · 0.01 / (1 − 1.01^−12) = A · 0.0888488 ≤ 100.00 → A ≤ 1,125.51. But the
//     schedule is exact: at 1,125.00 the level installment 99.95499… rounds down to 99.95, the 12 shortfalls of
//     0.005 grow to about 0.06 and the last installment becomes 100.01 — over. At 1,124.00 (99.866… → 99.87,
//     the last about 99.82) everything fits: 1,124.00 in whole euros;
//   - for the full 1,200.00: 1200 · 0.01 / (1 − 1.01^−n) ≤ 100.00 first holds at n = 13 (98.94; n = 12 gives 106.62).
import { describe, expect, it } from "vitest";
import {
  contextOf,
  defaultPolicy,
  handCapacity,
  requestOf,
  salariedProfile,
} from "../../../test/support/plan-fixtures.ts";
import { candidateSpecs } from "./candidates.ts";
import { evaluatePlan } from "./evaluate-plan.ts";
import { noAffordableAnswer } from "./no-affordable.ts";

const request = requestOf({}, { term: { minMonths: 3, maxMonths: 12 } });
const profile = salariedProfile();

function answerFor(capacityMinor: number, policy = defaultPolicy()) {
  const capacity = handCapacity("2025-01-15", 500, {
    income: 300_000,
    capacity: capacityMinor,
    comfort: capacityMinor,
    stressed: capacityMinor,
  });
  const context = contextOf(request, capacity, profile, policy);
  const candidates = candidateSpecs(request, profile, policy);
  const plans = candidates.specs.map((spec) => evaluatePlan(spec, context));
  return { answer: noAffordableAnswer(plans, candidates, context), plans };
}

describe("noAffordableAnswer", () => {
  const { answer, plans } = answerFor(10_000);

  it("is needed: no plan fits 100.00 a month", () => {
    expect(plans.map((plan) => plan.spec.termMonths)).toEqual([3, 6, 9, 12]);
    expect(plans.some((plan) => plan.feasible)).toBe(false);
    expect(answer.message).toBe(
      'No plan for 1200.00 EUR is affordable under the "default" policy: each one exceeds what you can carry in some month or fails the stress test.',
    );
  });

  it("shows the closest plan: 12 months, 6.62 over", () => {
    expect(answer.closest?.spec.id).toBe("monthly-12m-annuity-standard");
    expect(answer.closest?.affordability.shortfalls[0]?.amountMinor).toBe(10_662 - 10_000);
  });

  it("finds the largest affordable amount at the longest term: 1,124.00", () => {
    expect(answer.largestAmount?.amountMinor).toBe(112_400);
    expect(answer.largestAmount?.spec.termMonths).toBe(12);
    expect(answer.largestAmount?.feasible).toBe(true);
    // One euro more is not affordable.
    const more = evaluatePlan(
      answer.largestAmount?.spec as never,
      contextOf(
        request,
        handCapacity("2025-01-15", 60, {
          income: 300_000,
          capacity: 10_000,
          comfort: 10_000,
          stressed: 10_000,
        }),
        profile,
      ),
      112_500,
    );
    expect(more.feasible).toBe(false);
    expect(more.installmentTotals[0]).toBe(9_995);
    expect(more.installmentTotals.at(-1)).toBe(10_001);
    expect(answer.suggestions[0]).toMatch(
      /^Borrow less: 1124\.00 EUR instead of 1200\.00 EUR is affordable over 12 months/,
    );
  });

  it("finds the shortest longer term that would be affordable: 13 months", () => {
    expect(answer.longerTerm?.spec.termMonths).toBe(13);
    expect(answer.longerTerm?.largestInstallmentMinor).toBeLessThanOrEqual(10_000);
    expect(answer.suggestions[1]).toMatch(
      /^Borrow over longer: 1200\.00 EUR would be affordable over 13 months/,
    );
  });

  it("says a longer term is not possible when the policy's maximum is the product's", () => {
    const capped = answerFor(10_000, defaultPolicy({ maxTermMonths: 12 })).answer;
    expect(capped.longerTerm).toBeUndefined();
    expect(capped.suggestions[1]).toBe(
      "A longer term is not possible: the policy allows at most 12 months, and the plans already run 12.",
    );
  });

  it("explains when no plan can be built at all", () => {
    const capacity = handCapacity("2025-01-15", 60, { income: 1, capacity: 1, comfort: 1, stressed: 1 });
    const policy = defaultPolicy({ maxTermMonths: 2 });
    const candidates = candidateSpecs(request, profile, policy);
    const none = noAffordableAnswer([], candidates, contextOf(request, capacity, profile, policy));
    expect(none.message).toBe(
      'No plan can be built for 1200.00 EUR with this product under the "default" policy.',
    );
    expect(none.suggestions).toEqual([
      'all: policy "default" allows terms of at most 2 months, below the product\'s shortest term of 3 months.',
    ]);
  });

  it("says so when no amount at all is affordable", () => {
    const none = answerFor(-500).answer;
    expect(none.largestAmount).toBeUndefined();
    expect(none.longerTerm).toBeUndefined();
    expect(none.suggestions).toEqual([
      "No amount is affordable: your existing debts and essential spending already use all the room the policy leaves in every month.",
      "A longer term does not help: no term up to 480 months makes 1200.00 EUR affordable.",
    ]);
  });
});
