// A policy profile: the affordability thresholds of one jurisdiction or lender, as data with its sources and the
// date it took effect (docs/reference/policy-profiles.md). Tenor ships presets (policies/*.json); a caller may
// pass its own. Ratios are exact fractions (50 % → 1/2).
import type { Ratio } from "../core/ratio.ts";

export type ResidualFloor =
  /** A share of the month's net income must remain after expenses, debts and the new installment. */
  | { readonly kind: "share-of-income"; readonly share: Ratio }
  /** A fixed amount per month, plus an amount per household member beyond the first. */
  | { readonly kind: "amount"; readonly amountMinor: number; readonly perExtraMemberMinor: number }
  /**
   * A table by region and household size (the US VA residual-income table): `amounts[region][size − 1]`, and
   * `perExtraMemberMinor` for each member beyond the table's last size. Regions not in the table use `fallback`.
   */
  | {
      readonly kind: "table";
      readonly amountsMinor: Readonly<Record<string, readonly number[]>>;
      readonly perExtraMemberMinor: number;
      readonly fallback: "highest" | "refuse";
    };

export interface PolicySource {
  readonly title: string;
  readonly url: string | undefined;
}

export interface PolicyProfile {
  readonly id: string;
  readonly name: string;
  readonly jurisdiction: string;
  readonly version: string;
  /** ISO date from which the thresholds apply. */
  readonly effectiveFrom: string;
  readonly sources: readonly PolicySource[];
  /** Plain-language notes: what the regulation says and what Tenor made of it. */
  readonly notes: string;
  /** Currency the policy's fixed amounts are in; undefined when it has none. */
  readonly currency: string | undefined;
  /** Which income the ratio caps divide by. */
  readonly incomeBasis: "net" | "gross";
  /** Debt service / income at or below which a plan is comfortable. */
  readonly comfortRatio: Ratio;
  /** Debt service / income above which a plan is refused. */
  readonly maxRatio: Ratio;
  /** Debt service / stressed income above which a plan fails the stress test. */
  readonly stressedMaxRatio: Ratio;
  /** The income shock of the stress test as a fraction (15 % → 3/20). */
  readonly incomeShock: Ratio;
  /** The rate rise of the stress test for variable-rate loans, in percentage points (2 → 2/1). */
  readonly rateShockPoints: Ratio;
  /** A floor for the stressed rate in percent (Canada's 5.25 %); undefined = none. */
  readonly minimumStressRatePercent: Ratio | undefined;
  readonly residualFloor: ResidualFloor;
  /** The longest term a plan may have, in months; undefined = the product decides. */
  readonly maxTermMonths: number | undefined;
  readonly allowBalloon: boolean;
  readonly allowInterestOnly: boolean;
  /** Months of essential spending and debt service the borrower should keep before prepaying. */
  readonly prepaymentBufferMonths: number;
}
