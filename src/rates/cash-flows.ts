/**
 * Cash flows for the effective-rate functions: the dated-flow type, validation with user-facing errors, and the
 * preparation the solvers need (times, amounts as floats, flows on the same time netted, sign changes counted).
 *
 * Sign convention: any — a loan seen from the lender is a negative disbursement and positive repayments, seen
 * from the borrower the opposite; rates do not depend on it.
 */
import { type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import { type Issue, TenorError } from "../core/errors.ts";

/** One dated cash flow, in minor units of its currency (cents). */
export interface DatedFlow {
  readonly day: DayNumber;
  readonly amountMinor: bigint | number;
}

/** The largest |amount| accepted, in minor units: 10¹⁸ (10¹⁶ units of a 2-digit currency). */
export const MAX_ABS_FLOW_MINOR = 1_000_000_000_000_000_000n;
const MAX_ABS_FLOW_NUMBER = 1e18;

/** Where a flow of a regulatory rate sits (a day, or a period number) and what is wrong when it is invalid. */
export interface FlowPosition<F> {
  readonly valid: (flow: F) => boolean;
  readonly issue: (flow: F, name: string) => Issue;
}

/**
 * The issues of the two sides of a regulatory rate equation (drawdowns/advances and payments): each side must
 * have a flow, each flow a valid position and a positive whole number of minor units ≤ 10¹⁸. Field names are
 * built only for flows with a problem: a schedule has hundreds of good ones.
 */
export function flowSideIssues<F extends { readonly amountMinor: bigint | number }>(
  sides: readonly (readonly [field: string, flows: readonly F[]])[],
  position: FlowPosition<F>,
): Issue[] {
  const issues: Issue[] = [];
  for (const [field, flows] of sides) {
    if (flows.length === 0) issues.push({ field, value: 0, message: "needs at least one flow" });
    for (let i = 0; i < flows.length; i++) {
      const flow = flows[i] as F;
      if (position.valid(flow) && isPositiveWholeAmount(flow.amountMinor)) continue;
      const name = `${field}[${i}]`;
      if (!position.valid(flow)) issues.push(position.issue(flow, name));
      const amountProblem = amountIssue(flow.amountMinor, `${name}.amountMinor`);
      if (amountProblem !== undefined) issues.push(amountProblem);
      else if (!isPositiveWholeAmount(flow.amountMinor)) {
        issues.push({
          field: `${name}.amountMinor`,
          value: flow.amountMinor,
          message: "must be a positive whole number of minor units",
        });
      }
    }
  }
  return issues;
}

/** A day number: any safe integer. */
export const DAY_POSITION: FlowPosition<{ readonly day: DayNumber }> = {
  valid: (flow) => Number.isSafeInteger(flow.day),
  issue: (flow, name) => ({
    field: `${name}.day`,
    value: flow.day,
    message: "must be a day number (an integer)",
  }),
};

function isPositiveWholeAmount(amount: bigint | number): boolean {
  return typeof amount === "bigint"
    ? amount > 0n && amount <= MAX_ABS_FLOW_MINOR
    : Number.isSafeInteger(amount) && amount > 0;
}

/** The problem with one amount, or undefined when it is a finite number (or bigint) with |amount| ≤ 10¹⁸. */
export function amountIssue(value: unknown, field: string): Issue | undefined {
  if (typeof value === "bigint") {
    const abs = value < 0n ? -value : value;
    return abs <= MAX_ABS_FLOW_MINOR ? undefined : { field, value, message: "must be at most 10^18 in size" };
  }
  if (typeof value !== "number" || !Number.isFinite(value)) {
    return { field, value: String(value), message: "must be a finite number (or a bigint)" };
  }
  if (Math.abs(value) > MAX_ABS_FLOW_NUMBER) {
    return { field, value, message: "must be at most 10^18 in size" };
  }
  return undefined;
}

/** The amount as a float. Exact up to 2⁵³; beyond, the nearest double — far below a rate's precision. */
export function amountToNumber(amount: bigint | number): number {
  // float-ok: rates are computed in floating point; a relative error of 1e-16 on an amount is immaterial
  return typeof amount === "bigint" ? Number(amount) : amount;
}

/**
 * Checks the size of a set of flows or values and their signs, and throws a `TenorError`:
 * - `TOO_FEW_FLOWS` when there are fewer than two (fewer than one unless `forRate`: NPV, XNPV);
 * - `INVALID_CASH_FLOWS` listing every amount that is not finite or exceeds 10¹⁸ (and `extraIssues`, e.g. bad dates);
 * - `NO_SIGN_CHANGE` when there is no positive or no negative amount (Excel: #NUM!) — only `forRate`.
 * `fieldOf(i)` names the i-th amount in the errors (`flows[3].amountMinor`).
 */
export function checkAmounts(
  count: number,
  amountAt: (index: number) => unknown,
  field: string,
  fieldOf: (index: number) => string,
  extraIssues: readonly Issue[] = [],
  forRate = true,
): void {
  if (count < (forRate ? 2 : 1)) {
    throw new TenorError("TOO_FEW_FLOWS", [
      {
        field,
        value: count,
        message: forRate
          ? "needs at least two cash flows (one paid, one received)"
          : "needs at least one cash flow",
      },
    ]);
  }
  const issues: Issue[] = [];
  let positive = false;
  let negative = false;
  for (let i = 0; i < count; i++) {
    const value = amountAt(i);
    if (typeof value === "number" && Math.abs(value) <= MAX_ABS_FLOW_NUMBER) {
      // the common case, without building the field name
      if (value > 0) positive = true;
      else if (value < 0) negative = true;
      continue;
    }
    const issue = amountIssue(value, fieldOf(i));
    if (issue !== undefined) issues.push(issue);
    else if (typeof value === "bigint" ? value > 0n : (value as number) > 0) positive = true;
    else if (typeof value === "bigint" ? value < 0n : (value as number) < 0) negative = true;
  }
  issues.push(...extraIssues);
  if (issues.length > 0) throw new TenorError("INVALID_CASH_FLOWS", issues);
  if (forRate && (!positive || !negative)) {
    throw new TenorError("NO_SIGN_CHANGE", [
      {
        field,
        value: positive ? "all positive or zero" : negative ? "all negative or zero" : "all zero",
        message: "needs at least one positive and one negative amount",
      },
    ]);
  }
}

/**
 * Validates dated flows: at least two, every day a safe integer, every amount finite with |amount| ≤ 10¹⁸, both
 * signs present. With `firstIsStart` (XIRR's and XNPV's rule), a flow dated before the first flow is an error too.
 * `forRate: false` (XNPV) asks for one flow at least and no particular signs.
 */
export function validateFlows(
  flows: readonly DatedFlow[],
  options: { readonly field?: string; readonly firstIsStart?: boolean; readonly forRate?: boolean } = {},
): void {
  const field = options.field ?? "flows";
  const issues: Issue[] = [];
  const first = flows[0]?.day;
  flows.forEach((flow, i) => {
    if (!Number.isSafeInteger(flow.day)) {
      issues.push({
        field: `${field}[${i}].day`,
        value: flow.day,
        message: "must be a day number (an integer)",
      });
    } else if (options.firstIsStart === true && first !== undefined && Number.isSafeInteger(first)) {
      if (flow.day < first) {
        issues.push({
          field: `${field}[${i}].day`,
          value: formatIsoDate(flow.day),
          message: `must not precede the first flow's date ${formatIsoDate(first)}: time is measured from the first flow (Excel: #NUM!)`,
        });
      }
    }
  });
  checkAmounts(
    flows.length,
    (i) => flows[i]?.amountMinor,
    field,
    (i) => `${field}[${i}].amountMinor`,
    issues,
    options.forRate ?? true,
  );
}

/** Validates periodic values: finite, |value| ≤ 10¹⁸; for a rate (IRR) at least two and both signs, else one. */
export function validateValues(values: readonly number[], field = "values", forRate = true): void {
  checkAmounts(
    values.length,
    (i) => values[i],
    field,
    (i) => `${field}[${i}]`,
    [],
    forRate,
  );
}

/** Flows ready for a solver: sorted by time, flows at the same time netted, zero amounts dropped. */
export interface PreparedFlows {
  readonly times: readonly number[];
  readonly amounts: readonly number[];
  /** Sign changes of the amounts in time order: an upper bound on the number of rates (Descartes' rule of signs). */
  readonly signChanges: number;
}

/**
 * Sorts (stably) by time, nets amounts at equal times, drops zeros and counts sign changes. Descartes' rule of signs
 * for exponential sums (Pólya & Szegő, Problems and Theorems in Analysis II, part V, problem 75): the number of real
 * roots s of Σ aᵢ·e^(−tᵢ·s) is at most the number of sign changes of the aᵢ in the order of the tᵢ — so with one
 * sign change the rate in (−100 %, ∞) is unique.
 */
export function prepareFlows(times: ArrayLike<number>, amounts: ArrayLike<number>): PreparedFlows {
  const n = times.length;
  let sorted = true;
  for (let i = 1; i < n; i++) {
    if ((times[i] as number) < (times[i - 1] as number)) {
      sorted = false;
      break;
    }
  }
  let order: number[] | undefined;
  if (!sorted) {
    order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => (times[a] as number) - (times[b] as number) || a - b);
  }
  // Plain arrays: V8 keeps them as unboxed doubles, and they cost far less to allocate than typed arrays.
  const outTimes: number[] = [];
  const outAmounts: number[] = [];
  let m = 0;
  for (let k = 0; k < n; k++) {
    const i = order === undefined ? k : (order[k] as number);
    const t = times[i] as number;
    const a = amounts[i] as number;
    if (m > 0 && outTimes[m - 1] === t) outAmounts[m - 1] = (outAmounts[m - 1] as number) + a;
    else {
      outTimes.push(t);
      outAmounts.push(a);
      m++;
    }
  }
  // Drop the zeros (including amounts netted to zero) and count sign changes.
  let w = 0;
  let signChanges = 0;
  let lastSign = 0;
  for (let k = 0; k < m; k++) {
    const a = outAmounts[k] as number;
    if (a === 0) continue;
    const sign = a > 0 ? 1 : -1;
    if (lastSign !== 0 && sign !== lastSign) signChanges++;
    lastSign = sign;
    outTimes[w] = outTimes[k] as number;
    outAmounts[w] = a;
    w++;
  }
  outTimes.length = w;
  outAmounts.length = w;
  return { times: outTimes, amounts: outAmounts, signChanges };
}
