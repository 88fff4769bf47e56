// Whether prepaying is a good use of the money (research: personalization-scoring.md §2.2, "Prepayment advice
// rule"): recommend it only when every one of four facts holds — the loan costs more than a safe return, an
// emergency buffer stays, no dearer debt is left unpaid, and any fee is smaller than the saving. Each fact is
// checked and explained on its own, so a "no" always says which one failed.
import { assert } from "../../core/errors.ts";
import { compareRatio, type Ratio } from "../../core/ratio.ts";
import { moneyText, percentText } from "./summary-text.ts";

export interface PrepaymentAdviceFacts {
  /** The loan's rate a year, as a fraction, after tax (net of any interest deduction the borrower gets). */
  readonly loanRate: Ratio;
  /** What the money would earn safely instead (a deposit rate, after tax), as a fraction a year. */
  readonly safeReturn: Ratio;
  /** Months of essential spending and debt service the borrower's liquid savings cover after prepaying. */
  readonly bufferMonthsAfter: number;
  /** Months the policy asks the borrower to keep (research: 3–6). */
  readonly requiredBufferMonths: number;
  /** Whether another debt of the borrower costs more than this loan (it should be repaid first). */
  readonly dearerDebt: boolean;
  /** The prepayment fee, in minor units (0 when none). */
  readonly feeMinor: number;
  /** What the prepayment saves: the interest saved, or its present value. */
  readonly interestSavedMinor: number;
  readonly currencyDigits: number;
}

export type AdviceRule = "rate-above-safe-return" | "buffer-kept" | "no-dearer-debt" | "fee-below-saving";

export interface AdviceCheck {
  readonly rule: AdviceRule;
  readonly passed: boolean;
  readonly reason: string;
}

export interface PrepaymentAdvice {
  /** True only when every check passes. */
  readonly advisable: boolean;
  readonly checks: readonly AdviceCheck[];
  readonly summary: string;
}

export function prepaymentAdvice(facts: PrepaymentAdviceFacts): PrepaymentAdvice {
  assert(
    Number.isFinite(facts.bufferMonthsAfter) && Number.isFinite(facts.requiredBufferMonths),
    "prepaymentAdvice: buffer months must be finite numbers",
  );
  assert(
    Number.isSafeInteger(facts.feeMinor) && Number.isSafeInteger(facts.interestSavedMinor),
    "prepaymentAdvice: amounts must be safe integers of minor units",
  );
  const money = (minor: number) => moneyText(minor, facts.currencyDigits);
  const loan = percentText(facts.loanRate);
  const safe = percentText(facts.safeReturn);
  const rateAbove = compareRatio(facts.loanRate, facts.safeReturn) > 0;
  const bufferKept = facts.bufferMonthsAfter >= facts.requiredBufferMonths;
  const buffer = monthsText(facts.bufferMonthsAfter);
  const required = monthsText(facts.requiredBufferMonths);
  const feeBelow = facts.feeMinor === 0 || facts.feeMinor < facts.interestSavedMinor;
  const checks: AdviceCheck[] = [
    {
      rule: "rate-above-safe-return",
      passed: rateAbove,
      reason: rateAbove
        ? `the loan costs ${loan} a year, more than the ${safe} the money would earn safely`
        : `the loan costs ${loan} a year, no more than the ${safe} the money would earn safely: keeping the money pays at least as well`,
    },
    {
      rule: "buffer-kept",
      passed: bufferKept,
      reason: bufferKept
        ? `savings still cover ${buffer} of essential spending and debt service (at least ${required} asked)`
        : `savings would cover only ${buffer} of essential spending and debt service, less than the ${required} to keep for emergencies`,
    },
    {
      rule: "no-dearer-debt",
      passed: !facts.dearerDebt,
      reason: facts.dearerDebt
        ? "another debt costs more than this loan: repaying it first saves more"
        : "no other debt costs more than this loan",
    },
    {
      rule: "fee-below-saving",
      passed: feeBelow,
      reason:
        facts.feeMinor === 0
          ? "there is no prepayment fee"
          : feeBelow
            ? `the ${money(facts.feeMinor)} fee is smaller than the ${money(facts.interestSavedMinor)} saved`
            : `the ${money(facts.feeMinor)} fee is not smaller than the ${money(facts.interestSavedMinor)} saved`,
    },
  ];
  const failed = checks.filter((check) => !check.passed);
  const advisable = failed.length === 0;
  const summary = advisable
    ? `Prepaying is advisable: ${checks.map((check) => check.reason).join("; ")}.`
    : `Prepaying is not advisable: ${failed.map((check) => check.reason).join("; ")}.`;
  return { advisable, checks, summary };
}

/** Months as written in the advice: at most one decimal ("1.8 months", "6 months"). */
function monthsText(months: number): string {
  // float-ok: months of spending are a statistic shown to one decimal, not money
  const rounded = Math.round(months * 10) / 10;
  return `${rounded} month${rounded === 1 ? "" : "s"}`;
}
