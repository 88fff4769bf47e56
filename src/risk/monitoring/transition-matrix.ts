// Roll rates across a portfolio (docs/reference/risk-monitoring.md, "Roll rates"): where each loan's state at
// one date went by the next — the transition matrix, by number of loans and by balance — and the rates read
// from it: roll-forward (bucket k → k + 1), cure (bucket k → the first bucket) and the flow rate the OCC
// describes (balance in k + 1 now ÷ balance in k at the previous date). States are the delinquency buckets,
// then `closed` and `written-off`. Rates are exact fractions; balances are bigint minor units.
import { assert } from "../../core/errors.ts";
import { type Ratio, ratio } from "../../core/ratio.ts";
import { type BucketScheme, CLOSED_STATE, WRITTEN_OFF_STATE } from "./delinquency-buckets.ts";

/** A loan's state at one date: the index of its bucket, or closedIndex / writtenOffIndex; and its balance. */
export interface LoanPosition {
  readonly state: number;
  /** What the borrower owes on the date (accrued and unpaid, all principal unpaid), in minor units. */
  readonly balanceMinor: bigint;
}

/** One loan between two dates; the balance is the one at the first date, which weights the balance matrix. */
export interface Transition {
  readonly from: number;
  readonly to: number;
  readonly balanceMinor: bigint;
}

export interface TransitionCounts {
  /** counts[i][j]: loans in state i at the first date and in state j at the next. */
  readonly counts: readonly (readonly number[])[];
  /** balances[i][j]: their balances at the first date. */
  readonly balances: readonly (readonly bigint[])[];
}

/** The states of a portfolio under `buckets`: the bucket labels, then "closed" and "written-off". */
export function stateLabels(buckets: BucketScheme): string[] {
  return [...buckets.map((bucket) => bucket.label), CLOSED_STATE, WRITTEN_OFF_STATE];
}

export function closedIndex(buckets: BucketScheme): number {
  return buckets.length;
}

export function writtenOffIndex(buckets: BucketScheme): number {
  return buckets.length + 1;
}

/** Tallies transitions among `stateCount` states. */
export function countTransitions(stateCount: number, transitions: readonly Transition[]): TransitionCounts {
  const counts = Array.from({ length: stateCount }, () => new Array<number>(stateCount).fill(0));
  const balances = Array.from({ length: stateCount }, () => new Array<bigint>(stateCount).fill(0n));
  for (const { from, to, balanceMinor } of transitions) {
    assert(
      Number.isInteger(from) &&
        from >= 0 &&
        from < stateCount &&
        Number.isInteger(to) &&
        to >= 0 &&
        to < stateCount,
      `countTransitions: state out of range (${from} → ${to} of ${stateCount})`,
    );
    (counts[from] as number[])[to] = ((counts[from] as number[])[to] as number) + 1;
    (balances[from] as bigint[])[to] = ((balances[from] as bigint[])[to] as bigint) + balanceMinor;
  }
  return { counts, balances };
}

/** Adds two tallies of the same states (pooling consecutive pairs of dates). */
export function addTransitionCounts(a: TransitionCounts, b: TransitionCounts): TransitionCounts {
  return {
    counts: a.counts.map((row, i) => row.map((value, j) => value + ((b.counts[i] as number[])[j] as number))),
    balances: a.balances.map((row, i) =>
      row.map((value, j) => value + ((b.balances[i] as bigint[])[j] as bigint)),
    ),
  };
}

/** Transitions of the loans open on both dates (`undefined`: not yet disbursed on that date). */
export function transitionsBetween(
  before: readonly (LoanPosition | undefined)[],
  after: readonly (LoanPosition | undefined)[],
): Transition[] {
  assert(before.length === after.length, "transitionsBetween: one position per loan on each date");
  const transitions: Transition[] = [];
  before.forEach((from, index) => {
    const to = after[index];
    if (from !== undefined && to !== undefined)
      transitions.push({ from: from.state, to: to.state, balanceMinor: from.balanceMinor });
  });
  return transitions;
}

/** Each row divided by its total: the probability of moving from i to j. A row with no loan is undefined. */
export function rowRates(matrix: readonly (readonly (number | bigint)[])[]): (Ratio[] | undefined)[] {
  return matrix.map((row) => {
    const values = row.map((value) => BigInt(value));
    const total = values.reduce((sum, value) => sum + value, 0n);
    return total === 0n ? undefined : values.map((value) => ratio(value, total));
  });
}

export interface BucketRollRates {
  readonly bucket: string;
  /** Loans in the bucket at the earlier dates (the denominators), and their balance. */
  readonly loans: number;
  readonly balanceMinor: bigint;
  /** To the next bucket (undefined for the last bucket, or with no loan in the bucket). */
  readonly rollForward: { readonly byCount: Ratio; readonly byBalance: Ratio | undefined } | undefined;
  /** To the first bucket (undefined for the first bucket itself, or with no loan in the bucket). */
  readonly cure: { readonly byCount: Ratio; readonly byBalance: Ratio | undefined } | undefined;
}

/**
 * Roll-forward and cure rates of each bucket from a tally: the bucket's row of the matrix, entry k + 1 and entry
 * 0, over the row's total (by count; by balance when the row's balance is above zero).
 */
export function bucketRollRates(buckets: BucketScheme, tally: TransitionCounts): BucketRollRates[] {
  return buckets.map((bucket, k) => {
    const counts = tally.counts[k] as readonly number[];
    const balances = tally.balances[k] as readonly bigint[];
    const loans = counts.reduce((sum, value) => sum + value, 0);
    const balanceMinor = balances.reduce((sum, value) => sum + value, 0n);
    const rateTo = (j: number) =>
      loans === 0
        ? undefined
        : {
            byCount: ratio(BigInt(counts[j] as number), BigInt(loans)),
            byBalance: balanceMinor === 0n ? undefined : ratio(balances[j] as bigint, balanceMinor),
          };
    return {
      bucket: bucket.label,
      loans,
      balanceMinor,
      rollForward: k + 1 < buckets.length ? rateTo(k + 1) : undefined,
      cure: k > 0 ? rateTo(0) : undefined,
    };
  });
}

export interface FlowRate {
  readonly from: string;
  readonly to: string;
  /** Loans in `to` at the later dates ÷ loans in `from` at the earlier dates (summed over the pairs). */
  readonly byCount: Ratio | undefined;
  readonly byBalance: Ratio | undefined;
}

/**
 * The OCC's flow rate of each bucket into the next: what sits in bucket k + 1 at each later date over what sat
 * in bucket k at the date before, summed over the consecutive pairs of `snapshots` (every loan open on the date
 * counts, new loans included; it is not tracked loan by loan, unlike the transition matrix).
 */
export function flowRates(
  buckets: BucketScheme,
  snapshots: readonly (readonly (LoanPosition | undefined)[])[],
): FlowRate[] {
  const flows: FlowRate[] = [];
  for (let k = 0; k + 1 < buckets.length; k++) {
    let fromCount = 0n;
    let toCount = 0n;
    let fromBalance = 0n;
    let toBalance = 0n;
    for (let t = 1; t < snapshots.length; t++) {
      for (const position of snapshots[t - 1] as readonly (LoanPosition | undefined)[]) {
        if (position?.state !== k) continue;
        fromCount += 1n;
        fromBalance += position.balanceMinor;
      }
      for (const position of snapshots[t] as readonly (LoanPosition | undefined)[]) {
        if (position?.state !== k + 1) continue;
        toCount += 1n;
        toBalance += position.balanceMinor;
      }
    }
    flows.push({
      from: (buckets[k] as { label: string }).label,
      to: (buckets[k + 1] as { label: string }).label,
      byCount: fromCount === 0n ? undefined : ratio(toCount, fromCount),
      byBalance: fromBalance === 0n ? undefined : ratio(toBalance, fromBalance),
    });
  }
  return flows;
}
