// The ratio characteristics of the production scorecard, computed one way for training rows and applicants.
// Amounts of an unknown currency unit (credit_data) and minor units (an applicant) both cancel in a ratio.

/**
 * numerator / denominator; undefined when either is unknown. A zero denominator (no income) makes the ratio
 * +∞ for a positive numerator, −∞ for a negative one and 0 for 0: the extreme bin, never NaN.
 */
export function ratioOf(numerator: number | undefined, denominator: number | undefined): number | undefined {
  if (numerator === undefined || denominator === undefined) return undefined;
  if (Number.isNaN(numerator) || Number.isNaN(denominator)) return undefined;
  if (denominator === 0) {
    if (numerator === 0) return 0;
    return numerator > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  }
  return numerator / denominator;
}

/** (income − expenses − installment) / income: the share of income left once the new loan is paid. */
export function residualIncomeRatio(
  income: number | undefined,
  expenses: number | undefined,
  installment: number | undefined,
): number | undefined {
  if (income === undefined || expenses === undefined || installment === undefined) return undefined;
  return ratioOf(income - expenses - installment, income);
}
