/**
 * Internal rate of return: IRR of periodic values (Excel's IRR), the same at arbitrary times (`irrAtTimes`, used by
 * XIRR and the regulatory APRs), and the root policy they share with RATE (`solveRate`).
 *
 * ## Method
 * The unknown is s = ln(1 + r), not r: the net present value Σ aᵢ·(1 + r)^(−tᵢ) = Σ aᵢ·e^(−tᵢ·s) is then a sum of
 * exponentials — smooth on the whole real line, with no pole at r = −100 % — and a discount factor costs one
 * `Math.exp` (5× cheaper than `Math.pow` in V8). To avoid overflow the sum is evaluated as a positive multiple of
 * itself, Σ aᵢ·e^(−(tᵢ − t_ref)·s) with t_ref the first time when s ≥ 0 and the last time when s < 0: every
 * exponent is ≤ 0, so nothing overflows at any rate, and the roots and signs are those of the NPV.
 * Rates are searched in [−100 % + 10⁻¹⁵, 10³⁰⁰], i.e. s ∈ [ln 10⁻¹⁵, ln 10³⁰⁰] ≈ [−34.5, 690.8]: closer to −100 %
 * a double cannot tell the rate from −1, and the upper end is as far as a double goes.
 *
 * ## Root policy (which rate, when there are several)
 * 1. Flows at the same time are netted and zeros dropped; `signChanges` counts the sign changes of what remains in
 *    time order. By Descartes' rule of signs for exponential sums, the NPV has at most that many roots in s.
 * 2. Two flows: the rate is closed-form, r = (−a₁/a₀)^(1/(t₁ − t₀)) − 1 (`method: "closed-form"`).
 * 3. One sign change (every ordinary loan or investment): the rate in (−100 %, ∞) is unique. A bracket is sought
 *    from the guess (default 10 %) in s — first 1.5, 6, 24… Newton steps in the Newton direction, then doubling
 *    outward on both sides (`findBracket`) — and refined by Brent's method with Newton steps (`solveRoot`):
 *    `method: "bracketed-newton"`. The guess only affects speed, never the answer.
 * 4. Several sign changes: several rates may exist. The whole range is scanned on a grid in s (step 0.005 for
 *    rates between −63 % and +639 %, 0.05 up to 10¹⁵ and below −63 %, 1 beyond 10¹⁵; the scan stops once as many
 *    roots as sign changes are found); every sign change of the NPV is refined the same way, and the result is the
 *    root CLOSEST TO THE GUESS
 *    (ties: the lower rate) — like Excel's "start from the guess", but deterministic and independent of how an
 *    iteration happens to wander. `multipleRoots` is true when two or more rates were found, and `roots` lists
 *    them all (ascending), so a caller can apply another rule. Roots closer together than the grid step, and
 *    double roots where the NPV touches zero without crossing, can escape the scan: `signChanges` > 1 with
 *    `multipleRoots` false means "only one rate found", not "proved unique".
 * 5. No sign change of the NPV found in the range: `RATE_NOT_CONVERGED`. No sign change of the flows at all:
 *    `NO_SIGN_CHANGE` (Excel's #NUM!).
 *
 * Accuracy: s is found to 1e-12 (absolute) plus 4 ulp, so r to about (1 + r)·1e-12 — far below Excel's 1e-8.
 */
import { assert, fail, TenorError } from "../core/errors.ts";
import { checkAmounts, prepareFlows, validateValues } from "./cash-flows.ts";
import { findBracket, solveRoot } from "./solve-root.ts";

export type RateMethod = "closed-form" | "bracketed-newton" | "scan-bracketed-newton";

export interface RateResult {
  /** The rate per time unit (per period for IRR and RATE, per year for XIRR), as a fraction: 0.05 is 5 %. */
  readonly rate: number;
  /** Brent/Newton iterations after bracketing (summed over the roots refined). */
  readonly iterations: number;
  /** Evaluations of the net present value in all (bracket search, scan, refinement). */
  readonly evaluations: number;
  readonly method: RateMethod;
  /** True when two or more rates make the NPV zero; `rate` is then the one closest to the guess. */
  readonly multipleRoots: boolean;
  /** Every rate found, ascending (just `[rate]` unless `multipleRoots`). */
  readonly roots: readonly number[];
  /** Sign changes of the time-ordered, same-time-netted flows: an upper bound on the number of rates. */
  readonly signChanges: number;
}

export interface RateOptions {
  /** Where the search starts, and which root wins when there are several (default 0.1, i.e. 10 %). */
  readonly guess?: number;
}

export const DEFAULT_GUESS = 0.1;
/** ln(10⁻¹⁵): the search stops at r = −100 % + 10⁻¹⁵. */
export const MIN_LOG_RATE = Math.log(1e-15);
/** ln(10³⁰⁰): the search stops at r = 10³⁰⁰. */
export const MAX_LOG_RATE = Math.log(1e300);
/** ln(1 + 10¹⁵): beyond it the scan grid is coarser. */
const FAR_SCAN_LOW = Math.log1p(1e15);
const FAR_SCAN_STEP = 1;
const BRACKET_STEP = 0.05;
const FINE_SCAN_LOW = -1;
const FINE_SCAN_HIGH = 2;
const FINE_SCAN_STEP = 0.005;
const COARSE_SCAN_STEP = 0.05;

/** The scan grid of policy step 4, ascending. */
const SCAN_GRID: Float64Array = buildScanGrid();

function buildScanGrid(): Float64Array {
  const points: number[] = [];
  const addRange = (from: number, to: number, step: number): void => {
    const count = Math.ceil((to - from) / step);
    for (let i = 0; i < count; i++) points.push(from + i * step);
  };
  addRange(MIN_LOG_RATE, FINE_SCAN_LOW, COARSE_SCAN_STEP);
  addRange(FINE_SCAN_LOW, FINE_SCAN_HIGH, FINE_SCAN_STEP);
  addRange(FINE_SCAN_HIGH, FAR_SCAN_LOW, COARSE_SCAN_STEP);
  addRange(FAR_SCAN_LOW, MAX_LOG_RATE, FAR_SCAN_STEP);
  points.push(MAX_LOG_RATE);
  return Float64Array.from(points);
}

/** Excel's IRR: the rate per period of `values[0]` now, `values[1]` one period later, and so on. */
export function irr(values: readonly number[], options: RateOptions = {}): RateResult {
  validateValues(values);
  const times: number[] = [];
  for (let i = 0; i < values.length; i++) times.push(i);
  return solveValidFlows(times, values, options, "values");
}

/**
 * The rate per time unit that makes Σ amounts[i]·(1 + rate)^(−times[i]) zero. Times are in any unit (periods,
 * years) and any order; equal times are netted. Validates like IRR (at least two flows, finite amounts of at most
 * 10¹⁸, both signs, finite times) and applies the root policy above.
 */
export function irrAtTimes(
  times: ArrayLike<number>,
  amounts: ArrayLike<number>,
  options: RateOptions & { readonly field?: string } = {},
): RateResult {
  assert(times.length === amounts.length, "irrAtTimes: times and amounts differ in length");
  const field = options.field ?? "flows";
  const timeIssues = [];
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (!Number.isFinite(t))
      timeIssues.push({ field: `${field}[${i}].time`, value: String(t), message: "must be finite" });
  }
  checkAmounts(
    amounts.length,
    (i) => amounts[i],
    field,
    (i) => `${field}[${i}].amount`,
    timeIssues,
  );
  return solveValidFlows(times, amounts, options, field);
}

/**
 * The policy of the module comment on flows already validated (finite times, finite amounts, at least two, both
 * signs): `irrAtTimes` without its checks, for callers that have made them (XIRR).
 */
export function solveValidFlows(
  times: ArrayLike<number>,
  amounts: ArrayLike<number>,
  options: RateOptions,
  field: string,
): RateResult {
  const guess = checkGuess(options.guess);
  const prepared = prepareFlows(times, amounts);
  const t = prepared.times;
  const a = prepared.amounts;
  const n = t.length;
  if (prepared.signChanges === 0) {
    throw new TenorError("NO_SIGN_CHANGE", [
      {
        field,
        value: n === 0 ? "all zero" : "one sign",
        message: "needs a positive and a negative amount once flows at the same time are netted",
      },
    ]);
  }
  if (n === 2) {
    const a0 = a[0] as number;
    const a1 = a[1] as number;
    const s = Math.log(-a1 / a0) / ((t[1] as number) - (t[0] as number));
    const rate = Math.expm1(s);
    if (!Number.isFinite(rate) || rate <= -1)
      notConverged(
        field,
        "the two flows imply a rate too close to −100 % to tell apart from it, or above 10^308, in double precision",
      );
    return closedFormResult(rate, 1);
  }

  // Offsets from the first and the last time, for the scaled evaluation.
  const first = t[0] as number;
  const last = t[n - 1] as number;
  const fromFirst: number[] = [];
  const fromLast: number[] = [];
  for (let i = 0; i < n; i++) {
    fromFirst.push((t[i] as number) - first);
    fromLast.push((t[i] as number) - last);
  }
  let cachedS = Number.NaN;
  let cachedSlope = Number.NaN;
  const scaledNpv = (s: number): number => {
    const offsets = s >= 0 ? fromFirst : fromLast;
    let value = 0;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      const dt = offsets[i] as number;
      const term = (a[i] as number) * Math.exp(-dt * s);
      value += term;
      slope -= dt * term;
    }
    cachedS = s;
    cachedSlope = slope;
    return value;
  };
  const slopeAt = (s: number): number => {
    if (s !== cachedS) scaledNpv(s);
    return cachedSlope;
  };
  return solveRate(scaledNpv, { guess, signChanges: prepared.signChanges, derivative: slopeAt, field });
}

/**
 * Applies the root policy (steps 3–5 of the module comment) to `npvAt(s)`, a positive multiple of the net present
 * value at the rate e^s − 1 (continuous in s). `signChanges` > 1 selects the scan. Exported for RATE and the
 * regulatory APRs, which evaluate their NPV in closed form.
 */
export function solveRate(
  npvAt: (s: number) => number,
  options: {
    readonly guess: number;
    readonly signChanges: number;
    readonly derivative?: (s: number) => number;
    readonly field?: string;
  },
): RateResult {
  const field = options.field ?? "flows";
  let evaluations = 0;
  const f = (s: number): number => {
    evaluations++;
    return npvAt(s);
  };
  const guessS = Math.min(MAX_LOG_RATE, Math.max(MIN_LOG_RATE, Math.log1p(options.guess)));
  /** Refines a bracket whose end values are known (they are not evaluated again). */
  const refine = (
    low: number,
    fLow: number,
    high: number,
    fHigh: number,
  ): { s: number; iterations: number } => {
    let knownLow = true;
    let knownHigh = true;
    const g = (s: number): number => {
      if (knownLow && s === low) {
        knownLow = false;
        return fLow;
      }
      if (knownHigh && s === high) {
        knownHigh = false;
        return fHigh;
      }
      return f(s);
    };
    const derivative = options.derivative;
    const result = solveRoot(g, derivative === undefined ? { low, high } : { low, high, derivative });
    if (result === undefined)
      return notConverged(field, `the solver did not converge between ${low} and ${high}`);
    return { s: result.root, iterations: result.iterations };
  };

  if (options.signChanges <= 1) {
    const bracket = bracketFromGuess(f, guessS, options.derivative);
    if (bracket === undefined) {
      return notConverged(field, "the net present value does not change sign between −100 % and 10^302 %");
    }
    const { s, iterations } = refine(bracket[0], bracket[1], bracket[2], bracket[3]);
    const rate = Math.expm1(s);
    return {
      rate,
      iterations,
      evaluations,
      method: "bracketed-newton",
      multipleRoots: false,
      roots: [rate],
      signChanges: options.signChanges,
    };
  }

  // Several sign changes: scan the grid for every sign change of the NPV.
  const logRoots: number[] = [];
  let iterations = 0;
  let prevS = SCAN_GRID[0] as number;
  let prevF = f(prevS);
  if (prevF === 0) logRoots.push(prevS);
  for (let k = 1; k < SCAN_GRID.length && logRoots.length < options.signChanges; k++) {
    const s = SCAN_GRID[k] as number;
    const value = f(s);
    if (value === 0) logRoots.push(s);
    else if (prevF !== 0 && !Number.isNaN(prevF) && !Number.isNaN(value) && value > 0 !== prevF > 0) {
      const root = refine(prevS, prevF, s, value);
      iterations += root.iterations;
      logRoots.push(root.s);
    }
    prevS = s;
    prevF = value;
  }
  if (logRoots.length === 0) {
    return notConverged(
      field,
      `the flows change sign ${options.signChanges} times but their net present value is zero at no rate found between −100 % and 10^302 %`,
    );
  }
  const roots = logRoots.map((s) => Math.expm1(s)).sort((x, y) => x - y);
  let best = roots[0] as number;
  for (const root of roots) {
    if (Math.abs(root - options.guess) < Math.abs(best - options.guess)) best = root;
  }
  return {
    rate: best,
    iterations,
    evaluations,
    method: "scan-bracketed-newton",
    multipleRoots: roots.length > 1,
    roots,
    signChanges: options.signChanges,
  };
}

/**
 * A bracket [low, f(low), high, f(high)] around a sign change of f, searched from the guess: first in the
 * direction of the Newton step (1.5, 6, 24, … times the step, which usually brackets the root at the first try),
 * then outward on both sides (`findBracket`). Undefined when f keeps its sign over the whole range.
 */
function bracketFromGuess(
  f: (s: number) => number,
  guess: number,
  derivative: ((s: number) => number) | undefined,
): [number, number, number, number] | undefined {
  const f0 = f(guess);
  if (f0 === 0) return [guess, 0, guess, 0];
  if (derivative !== undefined && !Number.isNaN(f0)) {
    const step = -f0 / derivative(guess);
    if (Number.isFinite(step) && step !== 0) {
      let prevS = guess;
      let prevF = f0;
      let distance = 1.5 * step;
      for (let k = 0; k < 8; k++) {
        const s = Math.min(MAX_LOG_RATE, Math.max(MIN_LOG_RATE, guess + distance));
        if (s === prevS) break;
        const value = f(s);
        if (Number.isNaN(value)) break;
        if (value === 0) return [s, 0, s, 0];
        if (value > 0 !== prevF > 0) return s < prevS ? [s, value, prevS, prevF] : [prevS, prevF, s, value];
        prevS = s;
        prevF = value;
        distance *= 4;
      }
    }
  }
  const bracket = findBracket(f, { guess, min: MIN_LOG_RATE, max: MAX_LOG_RATE, step: BRACKET_STEP });
  if (bracket === undefined) return undefined;
  const [low, high] = bracket;
  return [low, f(low), high, f(high)];
}

/** The guess, checked: a finite number above −1 (−100 %). */
/** The result of a rate found without iterating. */
export function closedFormResult(rate: number, signChanges: number): RateResult {
  return {
    rate,
    iterations: 0,
    evaluations: 0,
    method: "closed-form",
    multipleRoots: false,
    roots: [rate],
    signChanges,
  };
}

export function checkGuess(guess: number | undefined): number {
  if (guess === undefined) return DEFAULT_GUESS;
  if (!Number.isFinite(guess) || guess <= -1) {
    fail("INVALID_ARGUMENT", "guess", String(guess), "must be a finite rate above −1 (−100 %)");
  }
  return guess;
}

function notConverged(field: string, message: string): never {
  return fail("RATE_NOT_CONVERGED", field, "no rate", message);
}
