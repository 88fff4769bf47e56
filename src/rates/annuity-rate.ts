/**
 * Excel's RATE and NPER for a level annuity (support.microsoft.com, "RATE function", "NPER function", "PV function"):
 *
 *   pv·(1 + r)^n + pmt·(1 + r·type)·((1 + r)^n − 1)/r + fv = 0        (r = 0: pv + pmt·n + fv = 0)
 *
 * with Excel's sign convention (money paid out negative, received positive) and `type` 0 (payments at the end of
 * each period) or 1 (at the beginning).
 *
 * RATE is solved with the root policy of irr.ts in s = ln(1 + r), the equation evaluated in closed form (a positive
 * multiple of it that cannot overflow: divided by (1 + r)^n when r > 0), so it costs a few `exp` per iteration
 * whatever n is. It is the IRR of the flows pv (+ pmt if type = 1) now, pmt each period, fv (+ pmt if type = 0) at
 * n: one sign change in those (a loan: pv > 0, pmt < 0, fv ≤ 0) means one rate; two (pv and fv on one side, pmt on
 * the other) may mean two, and the one closest to the guess is returned with `multipleRoots`. Unlike Excel (20
 * iterations, #NUM! otherwise), the answer does not depend on the guess when the rate is unique.
 *
 * NPER is closed-form: n = ln((pmt·(1 + r·type) − fv·r) / (pmt·(1 + r·type) + pv·r)) / ln(1 + r) (computed with
 * log1p, so that tiny rates stay exact), and
 * −(pv + fv)/pmt at r = 0. Like Excel's it can be negative or fractional.
 */
import { fail, type Issue, TenorError } from "../core/errors.ts";
import { checkGuess, closedFormResult, type RateResult, solveRate } from "./irr.ts";

export interface AnnuityRateInput {
  /** Number of periods (> 0; need not be whole). */
  readonly nper: number;
  /** Payment per period. */
  readonly pmt: number;
  /** Present value. */
  readonly pv: number;
  /** Future value after the last payment (default 0). */
  readonly fv?: number;
  /** 0: payments at the end of each period (default); 1: at the beginning. */
  readonly type?: 0 | 1;
  /** Default 0.1 (10 % per period). */
  readonly guess?: number;
}

export interface AnnuityNperInput {
  /** Rate per period (> −1). */
  readonly rate: number;
  readonly pmt: number;
  readonly pv: number;
  readonly fv?: number;
  readonly type?: 0 | 1;
}

/** An issue for each argument that is not a finite number. */
function checkFinite(values: Readonly<Record<string, number>>, issues: Issue[]): void {
  for (const [field, value] of Object.entries(values)) {
    if (!Number.isFinite(value))
      issues.push({ field, value: String(value), message: "must be a finite number" });
  }
}

/** Excel's RATE: the rate per period of a level annuity. */
export function annuityRate(input: AnnuityRateInput): RateResult {
  const { nper, pmt, pv } = input;
  const fv = input.fv ?? 0;
  const type = input.type ?? 0;
  const issues: Issue[] = [];
  if (!Number.isFinite(nper) || nper <= 0) {
    issues.push({ field: "nper", value: String(nper), message: "must be a finite number of periods > 0" });
  }
  checkFinite({ pmt, pv, fv }, issues);
  checkType(type, issues);
  if (issues.length > 0) throw new TenorError("INVALID_ARGUMENT", issues);
  const guess = checkGuess(input.guess);

  // The flows: pv (+ pmt if type 1) now, pmt each period, fv (+ pmt if type 0) at the end.
  const first = pv + (type === 1 ? pmt : 0);
  const last = fv + (type === 0 ? pmt : 0);
  const sequence = nper > 1 ? [first, pmt, last] : [first, last];
  const signChanges = countSignChanges(sequence);
  if (signChanges === 0) {
    throw new TenorError("NO_SIGN_CHANGE", [
      {
        field: "pmt",
        value: { pv, pmt, fv },
        message: "pv, pmt and fv are all of one sign (or zero): no rate balances them (Excel: #NUM!)",
      },
    ]);
  }
  if (pmt === 0) {
    // pv·(1 + r)^n = −fv
    const rate = Math.expm1(Math.log(-fv / pv) / nper);
    return closedFormResult(rate, signChanges);
  }

  const scaledEquation = (s: number): number => {
    if (s === 0) return pv + pmt * nper + fv;
    const r = Math.expm1(s);
    const level = pmt * (1 + r * type);
    if (s > 0) {
      // divided by (1 + r)^n
      const discount = Math.exp(-nper * s);
      return pv + (level * -Math.expm1(-nper * s)) / r + fv * discount;
    }
    return pv * Math.exp(nper * s) + (level * Math.expm1(nper * s)) / r + fv;
  };
  return solveRate(scaledEquation, { guess, signChanges, field: "pmt" });
}

/** Excel's NPER: the number of periods of a level annuity (may be fractional or negative, as in Excel). */
export function annuityNper(input: AnnuityNperInput): number {
  const { rate, pmt, pv } = input;
  const fv = input.fv ?? 0;
  const type = input.type ?? 0;
  const issues: Issue[] = [];
  if (!Number.isFinite(rate) || rate <= -1) {
    issues.push({ field: "rate", value: String(rate), message: "must be a finite rate above −1 (−100 %)" });
  }
  checkFinite({ pmt, pv, fv }, issues);
  checkType(type, issues);
  if (issues.length > 0) throw new TenorError("INVALID_ARGUMENT", issues);

  if (rate === 0) {
    if (pmt === 0) fail("INVALID_ARGUMENT", "pmt", pmt, "must not be zero when the rate is zero");
    return -(pv + fv) / pmt;
  }
  const level = pmt * (1 + rate * type);
  // ratio − 1 = −(pv + fv)·r / (pmt·(1 + r·type) + pv·r); log1p of it keeps tiny rates exact
  const ratioMinusOne = (-(pv + fv) * rate) / (level + pv * rate);
  if (!(ratioMinusOne > -1) || !Number.isFinite(ratioMinusOne)) {
    fail(
      "INVALID_ARGUMENT",
      "pmt",
      pmt,
      "no number of periods reaches fv with this payment at this rate (the payment does not exceed the interest of a period, or the signs do not balance)",
    );
  }
  return Math.log1p(ratioMinusOne) / Math.log1p(rate);
}

function checkType(type: number, issues: Issue[]): void {
  if (type !== 0 && type !== 1) {
    issues.push({ field: "type", value: type, message: "must be 0 (end of period) or 1 (beginning)" });
  }
}

function countSignChanges(values: readonly number[]): number {
  let changes = 0;
  let last = 0;
  for (const value of values) {
    if (value === 0) continue;
    const sign = value > 0 ? 1 : -1;
    if (last !== 0 && sign !== last) changes++;
    last = sign;
  }
  return changes;
}
