// Logistic regression fitted by iteratively reweighted least squares (Newton's method on the log-likelihood),
// with a small ridge penalty on the slopes so that a constant or duplicated WOE column cannot make the Hessian
// singular (research §3.1.3 and Appendix A). The model is ln(odds of bad) = α + Σ β_j·x_j. Standard errors
// are the square roots of the diagonal of the inverse penalized Hessian at the optimum.
import { assert } from "../../core/errors.ts";
import { cholesky, choleskyInverse, choleskySolve } from "./linear-algebra.ts";

export interface LogisticOptions {
  /** Ridge penalty λ/2·Σβ² on the slopes (not the intercept). */
  readonly ridge: number;
  readonly maxIterations: number;
  /** Stop when no coefficient moves more than this in a Newton step. */
  readonly tolerance: number;
}

export const DEFAULT_LOGISTIC_OPTIONS: LogisticOptions = { ridge: 1e-3, maxIterations: 50, tolerance: 1e-10 };

export interface LogisticFit {
  readonly intercept: number;
  readonly coefficients: readonly number[];
  readonly interceptStandardError: number;
  readonly standardErrors: readonly number[];
  /** The (unpenalized) log-likelihood at the fitted coefficients. */
  readonly logLikelihood: number;
  readonly iterations: number;
}

/**
 * Fits the model to rows `x` (without an intercept column) and labels `y` (true = bad). Throws when Newton's
 * method does not converge, which with a ridge > 0 means a broken design matrix (NaN or infinite values).
 */
export function fitLogistic(
  x: readonly (readonly number[])[],
  y: readonly boolean[],
  options: LogisticOptions = DEFAULT_LOGISTIC_OPTIONS,
): LogisticFit {
  assert(x.length === y.length && x.length > 0, "fitLogistic: rows and labels must match and not be empty");
  const p = (x[0] as readonly number[]).length + 1;
  const w = new Array<number>(p).fill(0);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    const { hessian, gradient } = newtonTerms(x, y, w, options.ridge);
    const factor = cholesky(hessian);
    assert(factor !== undefined, "fitLogistic: the Hessian is not positive definite");
    const step = choleskySolve(factor, gradient);
    let largest = 0;
    for (let j = 0; j < p; j++) {
      w[j] = (w[j] as number) + (step[j] as number);
      largest = Math.max(largest, Math.abs(step[j] as number));
    }
    if (!Number.isFinite(largest)) break;
    if (largest < options.tolerance) {
      const final = cholesky(newtonTerms(x, y, w, options.ridge).hessian);
      assert(final !== undefined, "fitLogistic: the Hessian is not positive definite");
      const covariance = choleskyInverse(final);
      const errors = covariance.map((row, j) => Math.sqrt(row[j] as number));
      return {
        intercept: w[0] as number,
        coefficients: w.slice(1),
        interceptStandardError: errors[0] as number,
        standardErrors: errors.slice(1),
        logLikelihood: logLikelihood(x, y, w),
        iterations: iteration,
      };
    }
  }
  throw new Error(`fitLogistic: no convergence in ${options.maxIterations} Newton steps`);
}

/** ln(odds of bad) for one row: α + Σ β_j·x_j. */
export function linearPredictor(
  intercept: number,
  coefficients: readonly number[],
  row: readonly number[],
): number {
  let z = intercept;
  for (let j = 0; j < coefficients.length; j++) z += (coefficients[j] as number) * (row[j] as number);
  return z;
}

/** 1 / (1 + e^−z), computed without overflow for large |z|. */
export function logistic(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** The penalized Hessian H = XᵀWX + λI (slopes only) and gradient Xᵀ(y − μ) − λβ, with the intercept first. */
function newtonTerms(
  x: readonly (readonly number[])[],
  y: readonly boolean[],
  w: readonly number[],
  ridge: number,
): { hessian: number[][]; gradient: number[] } {
  const p = w.length;
  const hessian = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const gradient = new Array<number>(p).fill(0);
  const row = new Array<number>(p).fill(1);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as readonly number[];
    for (let j = 1; j < p; j++) row[j] = xi[j - 1] as number;
    let z = w[0] as number;
    for (let j = 1; j < p; j++) z += (w[j] as number) * (row[j] as number);
    const mu = logistic(z);
    const weight = mu * (1 - mu);
    const residual = (y[i] ? 1 : 0) - mu;
    for (let j = 0; j < p; j++) {
      const rj = row[j] as number;
      gradient[j] = (gradient[j] as number) + rj * residual;
      const hj = hessian[j] as number[];
      for (let k = 0; k <= j; k++) hj[k] = (hj[k] as number) + weight * rj * (row[k] as number);
    }
  }
  for (let j = 0; j < p; j++) {
    for (let k = j + 1; k < p; k++) (hessian[j] as number[])[k] = (hessian[k] as number[])[j] as number;
  }
  for (let j = 1; j < p; j++) {
    (hessian[j] as number[])[j] = ((hessian[j] as number[])[j] as number) + ridge;
    gradient[j] = (gradient[j] as number) - ridge * (w[j] as number);
  }
  return { hessian, gradient };
}

function logLikelihood(
  x: readonly (readonly number[])[],
  y: readonly boolean[],
  w: readonly number[],
): number {
  let sum = 0;
  const slopes = w.slice(1);
  for (let i = 0; i < x.length; i++) {
    const z = linearPredictor(w[0] as number, slopes, x[i] as readonly number[]);
    // ln μ = −ln(1 + e^−z) and ln(1 − μ) = −ln(1 + e^z), each written to stay finite for large |z|.
    sum -= y[i] ? softplus(-z) : softplus(z);
  }
  return sum;
}

/** ln(1 + e^t) without overflow. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}
