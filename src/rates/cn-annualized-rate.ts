/**
 * China: the annualized loan rate (贷款年化利率) that People's Bank of China Announcement [2021] No. 3
 * (中国人民银行公告〔2021〕第3号, dated 12 March 2021, published 31 March 2021) requires every lender to show.
 *
 * The announcement, points 3 and 4: the annualized rate is the ratio of ALL loan costs charged to the borrower to
 * the loan principal the borrower actually occupies, converted to an annual figure; loan costs are the interest and
 * every fee directly related to the loan; with instalment repayment of principal, the principal actually occupied
 * is what remains after each repayment. It may be computed by compound or simple interest; the compound method is
 * the internal rate of return method (内部收益率法, with an example in its annex); a simple-interest figure must be
 * labelled as simple interest.
 *
 * This is the IRR method: the rate r per repayment period that makes the amounts actually received equal the
 * payments (principal, interest and fees), discounted per period, and the annualized rate r × periods per year —
 * the nominal rate, as the announcement's annex example shows it (a 100 000 loan, a 1 000 fee taken upfront and 12
 * monthly payments of 8 833.3: monthly IRR 1.0670 %, annualized 12.80 %). `effectiveAnnualPercent`, (1 + r)^k − 1
 * (13.58 % there), is given alongside for comparison; it is not the disclosed figure.
 *
 * Flows are on the grid of repayment periods (period 0 = the disbursement). The root policy is IRR's (irr.ts),
 * solved on the grid by period-grid-irr.ts.
 */
import { fail, TenorError } from "../core/errors.ts";
import { amountToNumber, type FlowPosition, flowSideIssues } from "./cash-flows.ts";
import { percentText } from "./percent-text.ts";
import { periodGridIrr } from "./period-grid-irr.ts";

/** An amount at a repayment period: 0 is the disbursement, 1 the first repayment date, ... */
export interface CnPeriodFlow {
  readonly period: number;
  /** A positive amount in minor units (fen). */
  readonly amountMinor: bigint | number;
}

export interface CnAnnualizedRateInput {
  /** What the borrower actually receives (a fee taken from the principal may instead be a payment at period 0). */
  readonly disbursements: readonly CnPeriodFlow[];
  /** Every payment by the borrower: principal, interest and fees directly related to the loan. */
  readonly payments: readonly CnPeriodFlow[];
  /** Repayment periods per year: 12 for monthly instalments, 52 weekly, 365 for a daily-rate loan (1–366). */
  readonly periodsPerYear: number;
  /** Decimals of `annualizedText` (default 2, as the annex's example shows 12.80 %). */
  readonly decimals?: number;
}

export interface CnAnnualizedRateResult {
  /** The annualized rate in percent: r × periods per year × 100 (unrounded). */
  readonly annualizedPercent: number;
  /** The same rounded half up: "12.80". */
  readonly annualizedText: string;
  /** r, the internal rate of return per period. */
  readonly periodRate: number;
  /** (1 + r)^periodsPerYear − 1 in percent: the compounded equivalent, for comparison only. */
  readonly effectiveAnnualPercent: number;
  readonly iterations: number;
  /** True when the flows admit more than one r; `periodRate` is then chosen by IRR's root policy (irr.ts). */
  readonly multipleRoots: boolean;
}

/** The annualized rate of PBoC Announcement [2021] No. 3 by the IRR method (see the module comment). */
export function cnAnnualizedRate(input: CnAnnualizedRateInput): CnAnnualizedRateResult {
  const decimals = input.decimals ?? 2;
  if (!Number.isSafeInteger(input.periodsPerYear) || input.periodsPerYear < 1 || input.periodsPerYear > 366) {
    fail("INVALID_ARGUMENT", "periodsPerYear", input.periodsPerYear, "must be a whole number from 1 to 366");
  }
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 8) {
    fail("INVALID_ARGUMENT", "decimals", decimals, "must be a whole number from 0 to 8");
  }
  validate(input);
  // Disbursements negative, payments positive: the lender's view (the rate does not depend on it).
  const { disbursements, payments } = input;
  const n = disbursements.length + payments.length;
  const periods = new Array<number>(n);
  const amounts = new Array<number>(n);
  disbursements.forEach((flow, k) => {
    periods[k] = flow.period;
    amounts[k] = -amountToNumber(flow.amountMinor);
  });
  payments.forEach((flow, k) => {
    periods[disbursements.length + k] = flow.period;
    amounts[disbursements.length + k] = amountToNumber(flow.amountMinor);
  });
  // Every flow is on the grid: whole periods, no fraction.
  const result = periodGridIrr(
    { wholes: periods, fractions: new Array<number>(n).fill(0), times: periods, amounts, periodsPerUnit: 1 },
    "flows",
  );
  const annualizedPercent = result.rate * input.periodsPerYear * 100;
  return {
    annualizedPercent,
    annualizedText: percentText(annualizedPercent, decimals),
    periodRate: result.rate,
    // float-ok: the compounded equivalent is informative only
    effectiveAnnualPercent: ((1 + result.rate) ** input.periodsPerYear - 1) * 100,
    iterations: result.iterations,
    multipleRoots: result.multipleRoots,
  };
}

/** A repayment period number: 0 (the disbursement) or later. */
const PERIOD_POSITION: FlowPosition<CnPeriodFlow> = {
  valid: (flow) => Number.isSafeInteger(flow.period) && flow.period >= 0,
  issue: (flow, name) => ({
    field: `${name}.period`,
    value: flow.period,
    message: "must be a whole number of repayment periods, 0 or more",
  }),
};

function validate(input: CnAnnualizedRateInput): void {
  const issues = flowSideIssues(
    [
      ["disbursements", input.disbursements],
      ["payments", input.payments],
    ],
    PERIOD_POSITION,
  );
  if (issues.length > 0) throw new TenorError("INVALID_CASH_FLOWS", issues);
}
