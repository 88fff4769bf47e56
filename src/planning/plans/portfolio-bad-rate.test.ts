// A product's portfolio bad rate calibrates the plans' probability of default (docs/reference/plan-request.md,
// `product.portfolioBadRatePercent`): the prior correction of docs/reference/credit-scorecard.md, "Calibration".
import { describe, expect, it } from "vitest";
import { defaultPolicy, requestOf, salariedProfile } from "../../../test/support/plan-fixtures.ts";
import { TenorError } from "../../core/errors.ts";
import { planLoan } from "./plan-loan.ts";

const logit = (p: number): number => Math.log(p / (1 - p));

describe("product.portfolioBadRatePercent", () => {
  it("moves every plan's probability of default by the prior correction", () => {
    const profile = salariedProfile("3000.00", "1000.00", "2000.00");
    const training = planLoan(profile, defaultPolicy(), requestOf({ amount: "6000.00" }));
    const calibrated = planLoan(
      profile,
      defaultPolicy(),
      requestOf({ amount: "6000.00" }, { portfolioBadRatePercent: "5" }),
    );
    // From the training data's bad rate ρ = 28.1545 % to π = 5 %: the log-odds of default move by
    // ln(π / (1 − π)) − ln(ρ / (1 − ρ)) = ln(0.05 / 0.95) − ln(0.281545 / 0.718455) = −2.9444 − (−0.9368) = −2.0076.
    // Each of the scorecard's characteristics rounds its points to a whole point (PDO 20: one point is ln 2 / 20 =
    // 0.0347 in log-odds), so the shift is exact to within half a point per characteristic.
    const shift = Math.log(0.05 / 0.95) - Math.log(0.281545 / 0.718455);
    expect(shift).toBeCloseTo(-2.0076, 4);
    const byId = new Map(training.plans.map((plan) => [plan.spec.id, plan]));
    expect(calibrated.plans.length).toBeGreaterThan(0);
    for (const plan of calibrated.plans) {
      const before = byId.get(plan.spec.id)?.risk;
      const after = plan.risk;
      if (before === undefined || after === undefined) throw new Error(`plan ${plan.spec.id} has no risk`);
      expect(after.probabilityOfDefault).toBeLessThan(before.probabilityOfDefault);
      const moved = logit(after.probabilityOfDefault) - logit(before.probabilityOfDefault);
      expect(Math.abs(moved - shift)).toBeLessThan(9 * 0.5 * (Math.LN2 / 20) + 1e-9);
    }
  });

  it("refuses a bad rate of 0 or 100 % and more, naming the field", () => {
    for (const value of ["0", "100", "-3", "abc"]) {
      try {
        requestOf({}, { portfolioBadRatePercent: value });
        throw new Error(`accepted ${value}`);
      } catch (error) {
        expect(error).toBeInstanceOf(TenorError);
        expect((error as TenorError).issues.map((issue) => issue.field)).toContain(
          "product.portfolioBadRatePercent",
        );
      }
    }
  });
});
