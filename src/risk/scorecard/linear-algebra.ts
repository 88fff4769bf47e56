// The small dense linear algebra logistic regression needs: a Cholesky factorization of a symmetric positive
// definite matrix (a Hessian of ≤ ~25 columns), solving with it, and the inverse (for standard errors).
import { assert } from "../../core/errors.ts";

export type Matrix = readonly (readonly number[])[];

/** The lower-triangular L with L·Lᵀ = a; undefined when `a` is not (numerically) positive definite. */
export function cholesky(a: Matrix): number[][] | undefined {
  const n = a.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const li = l[i] as number[];
    for (let j = 0; j <= i; j++) {
      const lj = l[j] as number[];
      let sum = (a[i] as readonly number[])[j] as number;
      for (let k = 0; k < j; k++) sum -= (li[k] as number) * (lj[k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        li[i] = Math.sqrt(sum);
      } else {
        li[j] = sum / (lj[j] as number);
      }
    }
  }
  return l;
}

/** Solves (L·Lᵀ)·x = b by forward then back substitution. */
export function choleskySolve(l: Matrix, b: readonly number[]): number[] {
  const n = l.length;
  assert(b.length === n, "choleskySolve: the right-hand side has the wrong length");
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const li = l[i] as readonly number[];
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (li[k] as number) * (y[k] as number);
    y[i] = sum / (li[i] as number);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= ((l[k] as readonly number[])[i] as number) * (x[k] as number);
    x[i] = sum / ((l[i] as readonly number[])[i] as number);
  }
  return x;
}

/** The inverse of a symmetric positive definite matrix from its Cholesky factor, column by column. */
export function choleskyInverse(l: Matrix): number[][] {
  const n = l.length;
  const columns = Array.from({ length: n }, (_, j) =>
    choleskySolve(
      l,
      Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)),
    ),
  );
  return Array.from({ length: n }, (_, i) => columns.map((column) => column[i] as number));
}
