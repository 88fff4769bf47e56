// The two-sided p-value of a z statistic under the standard normal distribution, for the coefficient table of
// the scorecard report: p = erfc(|z| / √2).

/**
 * The complementary error function by the Chebyshev fit of Numerical Recipes (erfcc, 2nd ed. §6.2): relative
 * error under 1.2e-7 everywhere — plenty for a p-value printed to four decimals.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const result = t * Math.exp(polynomial);
  return x >= 0 ? result : 2 - result;
}

export function twoSidedP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
