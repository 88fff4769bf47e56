/**
 * One-dimensional root finding for the effective-rate functions (IRR, XIRR, RATE, APRs).
 *
 * Policy:
 * - `solveRoot` needs a bracket: two points where `f` has opposite signs (or is zero at one of them). It never
 *   leaves the bracket, so it cannot diverge the way a bare Newton iteration does. It runs Brent's method
 *   (R. P. Brent, "Algorithms for Minimization without Derivatives", 1973, ch. 4 — the `zeroin` algorithm as
 *   given in Numerical Recipes' `zbrent`): inverse quadratic interpolation or the secant step when they make
 *   enough progress, bisection otherwise. When `derivative` is given, a Newton step from the best point is tried
 *   first and taken when it lands well inside the current bracket and shrinks fast enough (the same acceptance
 *   test Brent applies to its interpolation steps); this gives Newton's quadratic convergence with bisection's
 *   guarantee.
 * - It stops when the bracket around the best point is narrower than `2 · (2ε·|x| + tolerance / 2)` (ε the
 *   double-precision epsilon; `tolerance` defaults to 1e-12, absolute on x), when `f` is exactly zero, or when an
 *   accepted Newton step is itself within that tolerance (the root is then b + step, quadratically accurate; the
 *   bracket returned is the last one evaluated, extended to it).
 *   For well-conditioned functions the root is then stable to about 1e-12 (and within 1e-10 whatever the start).
 * - It returns `undefined` — never throws — when there is no sign change between `low` and `high`, when `f`
 *   returns NaN at a point it needs, or when `maxIterations` (default 300) pass without convergence. Brent's
 *   fallback to bisection halves the bracket at least every few steps, so with the defaults the last case needs
 *   a bracket wider than about 10^20; callers report it as "not converged".
 * - On a discontinuous `f` (a step), the result is the point where the sign changes, within the tolerance. On a
 *   flat stretch where `f` is exactly zero, any point of it may be returned.
 *
 * `findBracket` looks for a sign change outward from a guess, doubling the distance on each side in turn, and
 * returns the first (innermost) bracket it finds. It evaluates `f` at most `maxEvaluations` times (default 200)
 * and stops expanding in a direction where `f` is NaN.
 *
 * Floating point is the point of this file: the callers check what they need exactly.
 */

export interface RootResult {
  /** The root found: the best point of the final bracket. */
  readonly root: number;
  /** New evaluations of `f` after the two at the bracket ends. */
  readonly iterations: number;
  /** The final bracket `[lower, upper]`, which contains a sign change of `f` (or is a single exact zero). */
  readonly bracket: readonly [number, number];
}

export interface SolveRootOptions {
  readonly low: number;
  readonly high: number;
  /** f'(x): enables Newton steps. A non-finite or zero derivative just disables the Newton step there. */
  readonly derivative?: (x: number) => number;
  /** Absolute tolerance on x; default 1e-12. */
  readonly tolerance?: number;
  /** Default 300. */
  readonly maxIterations?: number;
}

export interface FindBracketOptions {
  readonly guess: number;
  /** Search bounds; the bracket stays within [min, max]. */
  readonly min: number;
  readonly max: number;
  /** First distance from the guess; default max(|guess| / 10, 0.05). */
  readonly step?: number;
  /** Default 200. */
  readonly maxEvaluations?: number;
}

export const DEFAULT_TOLERANCE = 1e-12;
export const DEFAULT_MAX_ITERATIONS = 300;
const DEFAULT_MAX_EVALUATIONS = 200;
const EPSILON = Number.EPSILON;

/** Finds x in [low, high] with f(x) = 0, where f(low) and f(high) have opposite signs (see the policy above). */
export function solveRoot(
  f: (x: number) => number,
  options: {
    low: number;
    high: number;
    derivative?: (x: number) => number;
    tolerance?: number;
    maxIterations?: number;
  },
): RootResult | undefined {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const derivative = options.derivative;
  let a = Math.min(options.low, options.high);
  let b = Math.max(options.low, options.high);
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  let fa = f(a);
  if (fa === 0) return { root: a, iterations: 0, bracket: [a, a] };
  let fb = f(b);
  if (fb === 0) return { root: b, iterations: 0, bracket: [b, b] };
  if (Number.isNaN(fa) || Number.isNaN(fb) || fa > 0 === fb > 0) return undefined;

  // b is the best estimate, c the contrapoint (f(b), f(c) of opposite signs), a the previous b.
  let c = a;
  let fc = fa;
  let d = b - a; // the last step
  let e = d; // the step before
  for (let iteration = 0; iteration <= maxIterations; iteration++) {
    if (fb > 0 === fc > 0) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol1 = 2 * EPSILON * Math.abs(b) + 0.5 * tolerance;
    const xm = 0.5 * (c - b);
    if (fb === 0) return { root: b, iterations: iteration, bracket: [b, b] };
    if (Math.abs(xm) <= tol1) {
      return { root: b, iterations: iteration, bracket: b < c ? [b, c] : [c, b] };
    }
    if (iteration === maxIterations) return undefined;

    let stepTaken = false;
    if (Math.abs(e) >= tol1) {
      // Candidate steps, each written as p / q with p ≥ 0 after normalisation (the step is then p / q).
      if (derivative !== undefined) {
        const slope = derivative(b);
        if (Number.isFinite(slope) && slope !== 0) {
          stepTaken = tryStep(fb, slope);
          // A Newton step inside the tolerance: the root is b + d to O(d²), far inside the tolerance — done,
          // without the evaluation a nudge across the root would cost.
          if (stepTaken && Math.abs(d) <= tol1) {
            const root = b + d;
            return {
              root,
              iterations: iteration,
              bracket: b < c ? [Math.min(b, root), c] : [c, Math.max(b, root)],
            };
          }
        }
      }
      if (!stepTaken && Math.abs(fa) > Math.abs(fb)) {
        let p: number;
        let q: number;
        const s = fb / fa;
        if (a === c) {
          // secant
          p = 2 * xm * s;
          q = 1 - s;
        } else {
          // inverse quadratic interpolation
          const qa = fa / fc;
          const r = fb / fc;
          p = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
          q = (qa - 1) * (r - 1) * (s - 1);
        }
        stepTaken = tryStep(p, q);
      }
    }
    if (!stepTaken) {
      d = xm;
      e = d;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol1 ? d : xm > 0 ? tol1 : -tol1;
    fb = f(b);
    if (Number.isNaN(fb)) return undefined;
  }
  return undefined;

  /** Takes the step −p/q (p/q as Brent writes it) when it stays well inside the bracket and shrinks fast enough. */
  function tryStep(pIn: number, qIn: number): boolean {
    let p = pIn;
    let q = qIn;
    if (p > 0) q = -q;
    p = Math.abs(p);
    const tol1 = 2 * EPSILON * Math.abs(b) + 0.5 * tolerance;
    const xm = 0.5 * (c - b);
    const min1 = 3 * xm * q - Math.abs(tol1 * q);
    const min2 = Math.abs(e * q);
    if (2 * p < Math.min(min1, min2)) {
      e = d;
      d = p / q;
      return true;
    }
    return false;
  }
}

/** Expands a bracket outward from a guess until f changes sign (bounded); undefined when none is found. */
export function findBracket(
  f: (x: number) => number,
  options: { guess: number; min: number; max: number; step?: number; maxEvaluations?: number },
): readonly [number, number] | undefined {
  const { min, max } = options;
  if (!(min <= max)) return undefined;
  const guess = Math.min(max, Math.max(min, options.guess));
  const maxEvaluations = options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS;
  const f0 = f(guess);
  if (f0 === 0) return [guess, guess];
  if (Number.isNaN(f0)) return undefined;
  let evaluations = 1;
  const step0 = options.step ?? Math.max(Math.abs(guess) / 10, 0.05);

  // Each side: the last point evaluated and its value; `open` while it can still move outward.
  let upX = guess;
  let upF = f0;
  let upOpen = upX < max;
  let downX = guess;
  let downF = f0;
  let downOpen = downX > min;
  let distance = step0;
  while ((upOpen || downOpen) && evaluations < maxEvaluations) {
    if (upOpen) {
      const x = Math.min(max, guess + distance);
      const fx = f(x);
      evaluations++;
      if (fx === 0) return [x, x];
      if (Number.isNaN(fx)) upOpen = false;
      else {
        if (fx > 0 !== upF > 0) return [upX, x];
        upX = x;
        upF = fx;
        upOpen = x < max;
      }
    }
    if (downOpen && evaluations < maxEvaluations) {
      const x = Math.max(min, guess - distance);
      const fx = f(x);
      evaluations++;
      if (fx === 0) return [x, x];
      if (Number.isNaN(fx)) downOpen = false;
      else {
        if (fx > 0 !== downF > 0) return [x, downX];
        downX = x;
        downF = fx;
        downOpen = x > min;
      }
    }
    distance *= 2;
  }
  return undefined;
}
