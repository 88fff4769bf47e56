// The credit risk scorecard's input and output (docs/reference/credit-scorecard.md). Amounts are integer minor
// units of one currency (the model uses only ratios between them, so the currency does not matter); any fact not
// known is undefined and falls in its characteristic's "missing" bin, as in training.
import type { EmploymentType, HousingStatus } from "../../planning/borrower-profile.ts";

export interface ScorecardInput {
  /** Years with the current employer. */
  readonly employmentYears: number | undefined;
  readonly employmentType: EmploymentType | undefined;
  readonly housing: HousingStatus | undefined;
  readonly pastArrears: boolean | undefined;
  /** The loan's term in months. */
  readonly termMonths: number;
  /** Monthly net income, essential + other expenses, and the new loan's (average) monthly installment. */
  readonly monthlyIncomeMinor: number | undefined;
  readonly monthlyExpensesMinor: number | undefined;
  readonly monthlyInstallmentMinor: number;
  readonly amountMinor: number;
  /** Price of what the loan buys (for a loan-to-value ratio); undefined when not a purchase. */
  readonly priceMinor: number | undefined;
  readonly assetsMinor: number | undefined;
  readonly debtMinor: number | undefined;
}

export interface ReasonCode {
  /** Stable code, e.g. "RESIDUAL_INCOME_LOW". */
  readonly code: string;
  /** The characteristic ("residual income / income") and the bin the applicant fell in ("< 12 %"). */
  readonly characteristic: string;
  readonly bin: string;
  /** Points below the best bin of this characteristic. */
  readonly pointsLost: number;
  readonly message: string;
}

export interface ScoreResult {
  /** Total points (600 at 50:1 good:bad odds, 20 points to double the odds, by default). */
  readonly score: number;
  /** Probability of default (bad) at the model's calibrated base rate, 0…1. */
  readonly probabilityOfDefault: number;
  /** "A" … "E" (docs/reference/credit-scorecard.md). */
  readonly band: string;
  /** Points per characteristic, in model order. */
  readonly points: readonly {
    readonly characteristic: string;
    readonly bin: string;
    readonly points: number;
  }[];
  /** The top factors lowering the score, largest first (at most 4). */
  readonly reasons: readonly ReasonCode[];
  readonly modelVersion: string;
}
