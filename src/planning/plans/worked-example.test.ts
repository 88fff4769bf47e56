// The worked example of the research (personalization-scoring.md §2.1): L = 1,000,000 at 12 % nominal with
// monthly rest (i = 1 % a month) over 5 years, in every plan family. Each expected figure is the published one,
// at whole-unit precision, and is re-derived here from its closed-form formula with decimal.js (an independent
// calculation that shares nothing with the engine); the plans are built by Tenor's own terms documents
// (plan-terms.ts) and computed by the schedule engine to the cent.
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { handCapacity, requestOf } from "../../../test/support/plan-fixtures.ts";
import { ratio } from "../../core/ratio.ts";
import { installmentTotals } from "./evaluate-plan.ts";
import { fixedPeriodShape } from "./plan-periods.ts";
import type { PlanMethod, PlanSpec } from "./plan-spec.ts";
import { buildPlan } from "./plan-terms.ts";

const L = new Decimal(1_000_000);
const i = new Decimal("0.01");
const n = 60;
const v = (t: number) => new Decimal(1).plus(i).pow(-t);

const request = requestOf(
  { amount: "1000000.00" },
  { interest: { ratePercent: "12" }, term: { minMonths: 12, maxMonths: 60 } },
);
const capacity = handCapacity("2025-01-15", 80, {
  income: 10 ** 9,
  capacity: 10 ** 9,
  comfort: 10 ** 9,
  stressed: 10 ** 9,
});

function plan(method: PlanMethod, period: "monthly" | "quarterly" = "monthly", rateText = "12") {
  const shape = fixedPeriodShape(period);
  const installments = period === "monthly" ? 60 : 20;
  const spec: PlanSpec = { id: "x", shape, termMonths: 60, installments, loanType: "annuity", method };
  const built = buildPlan(spec, request, { amountMinor: 100_000_000, rateText, capacity, withRateCap: true });
  const totals = installmentTotals(built.schedule);
  return { schedule: built.schedule, totals, document: built.document };
}

/** Minor units (cents) to whole units, rounded half up: the published figures are whole units. */
const units = (minor: number) => Math.round(minor / 100); // float-ok: comparing at whole-unit precision

describe("research §2.1 worked example, L = 1,000,000, 12 % nominal monthly, 5 years", () => {
  it("level monthly: P = L·i / (1 − v^60) = 22,244; interest 60·P − L = 334,667", () => {
    const P = L.times(i).div(new Decimal(1).minus(v(n)));
    expect(P.toDecimalPlaces(0).toNumber()).toBe(22_244);
    expect(P.times(n).minus(L).toDecimalPlaces(0).toNumber()).toBe(334_667);
    const { totals, schedule } = plan({ kind: "standard" });
    expect(units(totals[0] as number)).toBe(22_244);
    expect(totals[0]).toBe(2_224_445); // P = 22,244.4477… rounded to the cent
    expect(units(schedule.totals.interestMinor)).toBe(334_667);
  });

  it("step-up +10 %/yr: P1 = L / Σ 1.1^⌊(t−1)/12⌋·v^t = 18,636, rising to P1·1.1^4 = 27,285; interest 365,309", () => {
    const weight = (t: number) => new Decimal("1.1").pow(Math.floor((t - 1) / 12));
    let sum = new Decimal(0);
    for (let t = 1; t <= n; t++) sum = sum.plus(weight(t).times(v(t)));
    const P1 = L.div(sum);
    expect(P1.toDecimalPlaces(0).toNumber()).toBe(18_636);
    expect(P1.times(weight(60)).toDecimalPlaces(0).toNumber()).toBe(27_285);
    let paid = new Decimal(0);
    for (let t = 1; t <= n; t++) paid = paid.plus(P1.times(weight(t)));
    expect(paid.minus(L).toDecimalPlaces(0).toNumber()).toBe(365_309);

    const { totals, schedule } = plan({ kind: "step-up", changePercent: ratio(10n, 1n) });
    expect(units(totals[0] as number)).toBe(18_636);
    expect(units(totals[12] as number)).toBe(20_500); // 18,636.36 × 1.1 = 20,499.99
    expect(units(totals[59] as number)).toBe(27_285);
    // Each installment is rounded to the cent: the total interest stays within one unit of the exact figure.
    expect(Math.abs(schedule.totals.interestMinor - 36_530_900)).toBeLessThanOrEqual(100);
  });

  it("step-down −10 %/yr: 26,497 falling to 17,385; interest 302,118", () => {
    const weight = (t: number) => new Decimal("0.9").pow(Math.floor((t - 1) / 12));
    let sum = new Decimal(0);
    for (let t = 1; t <= n; t++) sum = sum.plus(weight(t).times(v(t)));
    const P1 = L.div(sum);
    expect(P1.toDecimalPlaces(0).toNumber()).toBe(26_497);
    expect(P1.times(weight(60)).toDecimalPlaces(0).toNumber()).toBe(17_385);

    const { totals, schedule } = plan({ kind: "step-down", changePercent: ratio(-10n, 1n) });
    expect(units(totals[0] as number)).toBe(26_497);
    expect(units(totals[59] as number)).toBe(17_385);
    expect(Math.abs(schedule.totals.interestMinor - 30_211_800)).toBeLessThanOrEqual(100);
  });

  it("balloon 30 %: P = (L − B·v^60)·i / (1 − v^60) = 18,571, plus 300,000 at the end; interest 414,267", () => {
    const B = new Decimal(300_000);
    const P = L.minus(B.times(v(n)))
      .times(i)
      .div(new Decimal(1).minus(v(n)));
    expect(P.toDecimalPlaces(0).toNumber()).toBe(18_571);
    expect(P.times(n).plus(B).minus(L).toDecimalPlaces(0).toNumber()).toBe(414_267);

    const { totals, schedule } = plan({ kind: "balloon", percent: ratio(30n, 1n) });
    expect(units(totals[0] as number)).toBe(18_571);
    // The last installment is the level payment plus the balloon (to the cent's rounding residual).
    expect(units(totals[59] as number)).toBe(18_571 + 300_000);
    expect(units(schedule.totals.interestMinor)).toBe(414_267);
    expect(schedule.columns.balanceMinor[59]).toBe(0);
  });

  it("quarterly at the equivalent rate: i_q = 1.01³ − 1 = 3.0301 % (12.1204 % nominal), P = 67,403; interest 348,058", () => {
    const iq = new Decimal("1.01").pow(3).minus(1);
    expect(iq.toString()).toBe("0.030301");
    const P = L.times(iq).div(new Decimal(1).minus(new Decimal(1).plus(iq).pow(-20)));
    expect(P.toDecimalPlaces(0).toNumber()).toBe(67_403);
    expect(P.times(20).minus(L).toDecimalPlaces(0).toNumber()).toBe(348_058);

    // 4 × 3.0301 % = 12.1204 % a year, charged a quarter at a time.
    const { totals, schedule } = plan({ kind: "standard" }, "quarterly", "12.1204");
    expect(units(totals[0] as number)).toBe(67_403);
    expect(units(schedule.totals.interestMinor)).toBe(348_058);
  });

  it("orders the costs as the research does: step-down < level < quarterly < step-up < balloon", () => {
    const interest = [
      plan({ kind: "step-down", changePercent: ratio(-10n, 1n) }),
      plan({ kind: "standard" }),
      plan({ kind: "standard" }, "quarterly", "12.1204"),
      plan({ kind: "step-up", changePercent: ratio(10n, 1n) }),
      plan({ kind: "balloon", percent: ratio(30n, 1n) }),
    ].map((p) => p.schedule.totals.interestMinor);
    expect([...interest].sort((a, b) => a - b)).toEqual(interest);
  });

  it("equal principal (classic): principal L/60 = 16,666.67 a month, first installment 26,666.67, interest i·L·61/2 = 305,000", () => {
    // Interest on the balance before installment t is i·L·(61 − t)/60; summed over t = 1…60: i·L·(60·61/2)/60.
    const shape = fixedPeriodShape("monthly");
    const spec: PlanSpec = {
      id: "c",
      shape,
      termMonths: 60,
      installments: 60,
      loanType: "classic",
      method: { kind: "standard" },
    };
    const built = buildPlan(spec, request, {
      amountMinor: 100_000_000,
      rateText: "12",
      capacity,
      withRateCap: true,
    });
    const totals = installmentTotals(built.schedule);
    expect(totals[0]).toBe(1_666_667 + 1_000_000);
    expect(units(built.schedule.totals.interestMinor)).toBe(305_000);
  });

  it("three months of interest-only grace: 10,000 a month, then P = L·i / (1 − v^57) = 23,102 (1.01^−57 ≈ 0.5671)", () => {
    const P = L.times(i).div(new Decimal(1).minus(v(57)));
    expect(P.toDecimalPlaces(0).toNumber()).toBe(23_102);
    const { totals, document } = plan({ kind: "grace", installments: 3 });
    expect(document.grace).toEqual({ installments: 3, type: "interest-only" });
    expect(totals.slice(0, 3)).toEqual([1_000_000, 1_000_000, 1_000_000]);
    expect(units(totals[3] as number)).toBe(23_102);
  });
});
