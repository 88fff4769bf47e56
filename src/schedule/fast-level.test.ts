import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROUNDING_MODES } from "../core/rounding.ts";
import { buildPeriods } from "./due-dates.ts";
import { fastLevelSchedule, fitsFastLevel } from "./fast-level.ts";
import { generalSchedule } from "./generate-schedule.ts";
import { parseTerms } from "./parse-terms.ts";
import { buildRates } from "./rate-factors.ts";

// The kernel is an optimization of the general path for one common shape of loan; it must give exactly the
// same schedule, row by row, warnings included.
const simpleLoan = fc.record({
  principal: fc.integer({ min: 1, max: 10 ** 13 }).map((minor) => (minor / 100).toFixed(2)), // float-ok: test input text
  currency: fc.constant("EUR"),
  disbursementDate: fc.constantFrom("2024-01-31", "2023-02-28", "2024-02-29", "2025-06-15", "1999-12-31"),
  installments: fc.integer({ min: 2, max: 480 }),
  period: fc.constantFrom("monthly", "quarterly", "yearly", "weekly", "biweekly", { every: 18, unit: "day" }),
  interest: fc.record({
    rate: fc.integer({ min: 0, max: 60_000 }).map((basisPoints) => (basisPoints / 1000).toFixed(3)), // float-ok: test input text
    per: fc.constantFrom("year", "month", "week", "day"),
  }),
  dayCount: fc.constantFrom("actual/365", "30/360", "actual/360", "actual/actual"),
  rounding: fc.record({
    mode: fc.constantFrom(...ROUNDING_MODES),
    step: fc.constantFrom("0.01", "1", "100"),
    residual: fc.constantFrom("last", "none"),
  }),
});

describe("fast level kernel", () => {
  it("equals the general path on random standard annuities", () => {
    let fitted = 0;
    fc.assert(
      fc.property(simpleLoan, (document) => {
        let terms: ReturnType<typeof parseTerms>;
        try {
          terms = parseTerms(document);
        } catch {
          return; // e.g. an annualized rate above the limit: not this test's concern
        }
        const periods = buildPeriods(terms);
        const rates = buildRates(terms, periods, terms.interest.rate ?? { num: 0n, den: 1n });
        if (!fitsFastLevel(terms, periods, rates)) return;
        fitted++;
        let general: ReturnType<typeof generalSchedule>;
        try {
          general = generalSchedule(terms, periods, rates, undefined);
        } catch (error) {
          expect(() => fastLevelSchedule(terms, periods, rates)).toThrow((error as Error).message);
          return;
        }
        const fast = fastLevelSchedule(terms, periods, rates);
        expect(fast.installments).toEqual(general.installments);
        expect(fast.totals).toEqual(general.totals);
        expect(fast.derived).toEqual(general.derived);
        expect(fast.warnings).toEqual(general.warnings);
      }),
      { numRuns: 3_000 },
    );
    expect(fitted).toBeGreaterThan(2_000);
  });
});
