import type { GraceTerms, LoanType } from "../terms.ts";
import { MAX_INSTALLMENTS } from "./limits.ts";
import { INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

/** The interest-only installments after grace: `interest-only` loans only, 0 … M − 1, default M − 1. */
export function readInterestOnlyInstallments(
  r: TermsReader,
  value: unknown,
  loanType: Parsed<LoanType>,
  installmentCount: Parsed<number>,
  grace: Parsed<GraceTerms | undefined>,
): Parsed<number | undefined> {
  const field = "interestOnlyInstallments";
  if (loanType === INVALID) return INVALID;
  if (loanType !== "interest-only") {
    if (value === undefined) return undefined;
    return r.report(field, value, `applies only to loanType "interest-only" (got loanType "${loanType}")`);
  }
  if (installmentCount === INVALID || grace === INVALID) {
    if (value !== undefined) r.integer(value, field, 0, MAX_INSTALLMENTS - 1);
    return INVALID;
  }
  // M: the amortizing installments, which an interest-only loan splits into interest-only and amortizing ones.
  // Grace with principal "due" amortizes over all installments (schedule-rules.md §7), so it does not count.
  const deferred = grace !== undefined && grace.principal === "deferred" ? grace.installments : 0;
  const amortizingCount = installmentCount - deferred;
  return r.integer(value, field, 0, amortizingCount - 1, amortizingCount - 1);
}
