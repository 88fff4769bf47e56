// A tight loop for the most common schedule: an annuity with standard payments, a percent rate fixed per
// period, regular periods, no grace, no fees and the default placement. It computes exactly what the general
// path (amortize.ts) computes — a property test compares the two on random loans — in one pass over
// preallocated columns, which makes a 360-installment schedule several times faster (docs/performance.md).
import { mulDivRound } from "../core/rounding.ts";
import { levelWarnings, paidOffEarlyWarning } from "./amortize-level.ts";
import { ComputedSchedule, checkScheduleTotal } from "./computed-schedule.ts";
import type { Periods } from "./due-dates.ts";
import { levelPaymentConstantRate } from "./level-payment.ts";
import type { Rates } from "./rate-factors.ts";
import type { ScheduleWarning } from "./schedule.ts";
import type { Terms } from "./terms.ts";

const NO_RESIDUALS: ReadonlyMap<number, number> = new Map();

/** True when the fast loop applies to these terms. */
export function fitsFastLevel(terms: Terms, periods: Periods, rates: Rates): boolean {
  return (
    terms.loanType === "annuity" &&
    terms.installmentCount > 1 &&
    terms.interest.kind === "percent" &&
    terms.interest.distribution === "period" &&
    terms.paymentMethod.type === "standard" &&
    terms.grace === undefined &&
    terms.fees.length === 0 &&
    terms.placement.principal === "every" &&
    terms.placement.interest === "every" &&
    (terms.rounding.residual === "last" || terms.rounding.residual === "none") &&
    periods.disbursementDay === periods.regularStartDay &&
    rates.regular.factor.fast
  );
}

export function fastLevelSchedule(terms: Terms, periods: Periods, rates: Rates): ComputedSchedule {
  const n = terms.installmentCount;
  const { mode, stepMinor } = terms.rounding;
  const regular = rates.regular;
  const { num, den } = regular.factor;
  const level = levelPaymentConstantRate(terms.principalMinor, regular.factor, n, stepMinor, mode);
  const rate = num / den; // float-ok: interest estimate, checked against the rounding boundary in the loop
  // Rounding as a floor: half modes round x + 0.5 down, up/ceiling round x + 1 down (x ≥ 0; an exact
  // integer x is on a boundary and goes to the exact routine).
  const shift =
    mode === "half-even" || mode === "half-up" || mode === "half-down"
      ? 0.5
      : mode === "up" || mode === "ceiling"
        ? 1
        : 0;
  const principal: number[] = new Array(n);
  const interest: number[] = new Array(n);
  const balance: number[] = new Array(n);
  const warnings: ScheduleWarning[] = [];
  let current = terms.principalMinor;
  let interestSum = 0;
  for (let i = 0; i < n; i++) {
    // round(current × num / den), exact. The float product x = current × rate is within
    // |x|·2⁻⁵² of the exact quotient (one rounding in `rate`, one in the product), so when the shifted
    // value t = x + shift is farther than |t|·2⁻⁴⁹ from an integer its floor is the exact answer; only
    // values that close to a rounding boundary (ties included) take the exact integer routine. This
    // keeps the loop's dependency chain — balance → interest → balance — to a multiply, an add and a floor.
    let periodInterest = 0;
    if (current > 0) {
      const shifted = current * rate + shift;
      periodInterest = Math.floor(shifted);
      const fraction = shifted - periodInterest;
      const margin = shifted * 1.8e-15 + 1e-9; // ≥ |t|·2⁻⁴⁹; the constant covers t near 0
      // float-ok: 2^52 is a range guard for the float estimate, not money
      if (fraction < margin || fraction > 1 - margin || shifted > 2 ** 52) {
        periodInterest = mulDivRound(current, num, den, mode);
      }
    }
    let part: number;
    if (i === n - 1) part = current;
    else {
      part = level - periodInterest;
      if (part < 0) part = 0;
      if (part > current) part = current;
    }
    current -= part;
    principal[i] = part;
    interest[i] = periodInterest;
    balance[i] = current;
    interestSum += periodInterest;
    if (current === 0 && i < n - 1 && warnings.length === 0) warnings.push(paidOffEarlyWarning(i, n));
  }
  const lastTotal = (principal[n - 1] as number) + (interest[n - 1] as number);
  warnings.push(...levelWarnings(terms, level, lastTotal));
  const totalMinor = terms.principalMinor + interestSum;
  checkScheduleTotal(totalMinor);
  return new ComputedSchedule(
    terms,
    {
      disbursementDay: periods.disbursementDay,
      dueDays: periods.dueDays,
      principalMinor: principal,
      interestMinor: interest,
      balanceMinor: balance,
      fees: undefined,
      feesMinor: undefined,
      capitalizedMinor: undefined,
      accruedInterestMinor: undefined,
      roundingResiduals: lastTotal === level ? NO_RESIDUALS : new Map([[n - 1, lastTotal - level]]),
      rates: regular,
    },
    {
      principalMinor: terms.principalMinor,
      interestMinor: interestSum,
      feesMinor: 0,
      totalMinor,
      installmentCount: n,
      netDisbursementMinor: terms.principalMinor,
      financedFeesMinor: 0,
      capitalizedInterestMinor: 0,
      maturityDay: periods.dueDays[n - 1] as number,
    },
    { levelInstallmentMinor: level, rate: undefined },
    warnings,
  );
}
