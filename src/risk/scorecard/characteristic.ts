// What the scorecard knows about one characteristic before fitting: its name (the key of its value in a row),
// how it is binned, how its bins are labelled, and its reason code. Training (fit-scorecard.ts) and scoring
// (score-record.ts) read a row's values by these names, so a characteristic is computed one way for both.
import type { BinValue } from "./binning.ts";

export type CharacteristicFormat = "percent" | "years" | "months" | "number" | "level";

export interface CharacteristicSpec {
  /** Stable identifier, the key of the value in a row, e.g. "residualIncomeRatio". */
  readonly name: string;
  /** Plain label, e.g. "residual income / income". */
  readonly label: string;
  readonly kind: "numeric" | "categorical";
  /** Categorical only: the known levels in display order. */
  readonly levels?: readonly string[] | undefined;
  readonly format: CharacteristicFormat;
  /** Numeric only: decimals kept in bin edges (3 for a ratio shown as a percent with one decimal). */
  readonly edgeDecimals: number;
  /**
   * Reason codes and plain messages for a bin that lowers the score: numeric characteristics name both
   * directions (`high`, `low`; the fit decides which one applies), categorical ones one `level` text; `missing`
   * is for the missing bin, e.g. `{ code: "RESIDUAL_INCOME_MISSING", message: "…could not be computed…" }`.
   */
  readonly reasons: {
    readonly high?: ReasonText | undefined;
    readonly low?: ReasonText | undefined;
    readonly level?: ReasonText | undefined;
    readonly missing: ReasonText;
  };
}

export interface ReasonText {
  /** Stable code, e.g. "RESIDUAL_INCOME_LOW". */
  readonly code: string;
  /** Plain sentence, e.g. "Little income is left after expenses and the installment". */
  readonly message: string;
}

/** One row of characteristic values by name; undefined is a missing value. */
export type CharacteristicValues = Readonly<Record<string, BinValue>>;

/** Rows with their labels (true = bad), the input of training. */
export interface TrainingSet {
  readonly rows: readonly CharacteristicValues[];
  readonly bad: readonly boolean[];
}

export function subsetOf(data: TrainingSet, indexes: readonly number[]): TrainingSet {
  return {
    rows: indexes.map((i) => data.rows[i] as CharacteristicValues),
    bad: indexes.map((i) => data.bad[i] as boolean),
  };
}
