// Coarse classing of one characteristic (research §3.1.1): which bin each value falls in, fitted on training
// rows labelled good/bad.
// - Numeric: start from quantile bins, merge a bin that is too small (under `minBinShare` of all rows) or lacks
//   goods or bads into its neighbour with the closer bad rate, then merge adjacent bins until the WOE is
//   monotonic — tried both ways (rising and falling), keeping the one with the higher information value.
// - Categorical: one bin per level, then rare levels (or levels without goods or bads) grouped with the level
//   closest in bad rate.
// - Missing values (undefined, NaN, a level not seen in training) always have their own bin, last. When too
//   few training rows were missing to trust (under `minBinShare`, or no goods or no bads), that bin is
//   *neutral*: WOE 0, no evidence either way, rather than a noisy estimate.
import { assert } from "../../core/errors.ts";
import { roundTo } from "./rounding.ts";
import { type BinCounts, woeTable } from "./woe.ts";

/** Which values a bin holds: lower ≤ x < upper (null = unbounded), a set of levels, or the missing values. */
export type BinRule =
  | { readonly kind: "range"; readonly lower: number | null; readonly upper: number | null }
  | { readonly kind: "levels"; readonly levels: readonly string[] }
  | { readonly kind: "missing" };

export interface FittedBin extends BinCounts {
  readonly rule: BinRule;
  readonly woe: number;
  /** A missing bin with too few training rows: its WOE is 0 by rule, not estimated. */
  readonly neutral: boolean;
}

export interface Binning {
  /** The bins in order; the missing bin is always last. */
  readonly bins: readonly FittedBin[];
  readonly iv: number;
}

export interface BinningOptions {
  /** Quantile bins to start from (numeric only). */
  readonly initialBins: number;
  /** Least share of all training rows (missing ones included) a bin must hold, e.g. 0.05. */
  readonly minBinShare: number;
  /** Cut points are rounded to this many decimals, so bin labels read "under 42.4 %" (numeric only). */
  readonly edgeDecimals: number;
}

export type BinValue = number | string | undefined;

interface Segment {
  readonly lower: number | null;
  readonly upper: number | null;
  readonly levels: readonly string[];
  readonly goods: number;
  readonly bads: number;
}

/** Fits numeric bins. `values[i]` is row i's value (undefined or NaN = missing) and `bad[i]` its label. */
export function binNumeric(
  values: readonly (number | undefined)[],
  bad: readonly boolean[],
  options: BinningOptions,
): Binning {
  assert(values.length === bad.length, "binNumeric: values and labels differ in length");
  const present: { value: number; bad: boolean }[] = [];
  let missing = { goods: 0, bads: 0 };
  values.forEach((value, i) => {
    const isBad = bad[i] === true;
    if (value === undefined || Number.isNaN(value)) missing = addCount(missing, isBad);
    else present.push({ value, bad: isBad });
  });
  present.sort((a, b) => a.value - b.value);
  const minCount = minimumCount(values.length, options.minBinShare);
  let segments = initialSegments(present, options);
  segments = mergeSmall(segments, minCount);
  const rising = mergeUntilMonotonic(segments, 1);
  const falling = mergeUntilMonotonic(segments, -1);
  const risingBinning = finish(rising, missing, minCount);
  const fallingBinning = finish(falling, missing, minCount);
  return fallingBinning.iv > risingBinning.iv ? fallingBinning : risingBinning;
}

/**
 * Fits categorical bins. `levels` lists the known levels in display order (a level outside it counts as
 * missing); bins of grouped levels list them in that order.
 */
export function binCategorical(
  values: readonly (string | undefined)[],
  bad: readonly boolean[],
  levels: readonly string[],
  options: Pick<BinningOptions, "minBinShare">,
): Binning {
  assert(values.length === bad.length, "binCategorical: values and labels differ in length");
  const counts = new Map<string, { goods: number; bads: number }>();
  let missing = { goods: 0, bads: 0 };
  values.forEach((value, i) => {
    const isBad = bad[i] === true;
    if (value === undefined || !levels.includes(value)) missing = addCount(missing, isBad);
    else counts.set(value, addCount(counts.get(value) ?? { goods: 0, bads: 0 }, isBad));
  });
  const minCount = minimumCount(values.length, options.minBinShare);
  let groups: Segment[] = levels.flatMap((level) => {
    const count = counts.get(level);
    return count ? [{ lower: null, upper: null, levels: [level], ...count }] : [];
  });
  const order = (level: string): number => levels.indexOf(level);
  for (;;) {
    const victim = smallestViolator(groups, minCount);
    if (victim === undefined || groups.length < 2) break;
    // Neighbours in bad-rate order are the groups most alike; merge with the closer of the two.
    const byRate = [...groups].sort((a, b) => badRate(a) - badRate(b) || order(first(a)) - order(first(b)));
    const at = byRate.indexOf(victim);
    const partner = closerNeighbour(byRate, at);
    const merged: Segment = {
      lower: null,
      upper: null,
      levels: [...victim.levels, ...partner.levels].sort((a, b) => order(a) - order(b)),
      goods: victim.goods + partner.goods,
      bads: victim.bads + partner.bads,
    };
    groups = groups.filter((group) => group !== victim && group !== partner);
    groups.push(merged);
    groups.sort((a, b) => order(first(a)) - order(first(b)));
  }
  return finish(groups, missing, minCount);
}

/** The index of the bin `value` falls in: its range or level, else the missing bin (always last). */
export function binIndexOf(bins: readonly { readonly rule: BinRule }[], value: BinValue): number {
  const missingIndex = bins.length - 1;
  if (value === undefined || (typeof value === "number" && Number.isNaN(value))) return missingIndex;
  const index = bins.findIndex(({ rule }) => {
    if (rule.kind === "range") {
      return (
        typeof value === "number" &&
        (rule.lower === null || value >= rule.lower) &&
        (rule.upper === null || value < rule.upper)
      );
    }
    return rule.kind === "levels" && typeof value === "string" && rule.levels.includes(value);
  });
  return index < 0 ? missingIndex : index;
}

function minimumCount(rows: number, share: number): number {
  // The 1e-9 keeps an exact product such as 0.05 × 1000 = 50 (50.000000000000007 in binary) at 50.
  return Math.max(1, Math.ceil(share * rows - 1e-9));
}

function addCount(count: { goods: number; bads: number }, isBad: boolean): { goods: number; bads: number } {
  return isBad ? { goods: count.goods, bads: count.bads + 1 } : { goods: count.goods + 1, bads: count.bads };
}

function first(segment: Segment): string {
  return segment.levels[0] as string;
}

/** The bad rate with half a row of each class added, so empty and pure bins still compare. */
function badRate(segment: BinCounts): number {
  return (segment.bads + 0.5) / (segment.goods + segment.bads + 1);
}

/** Quantile cuts over the sorted present values, rounded to `edgeDecimals` and made strictly increasing. */
function initialSegments(
  present: readonly { value: number; bad: boolean }[],
  options: BinningOptions,
): Segment[] {
  if (present.length === 0) return [];
  const lowest = (present[0] as { value: number }).value;
  const cuts: number[] = [];
  for (let q = 1; q < options.initialBins; q++) {
    const index = Math.floor((q * present.length) / options.initialBins);
    const cut = roundTo((present[index] as { value: number }).value, options.edgeDecimals);
    if (cut > lowest && (cuts.length === 0 || cut > (cuts[cuts.length - 1] as number))) cuts.push(cut);
  }
  const segments: Segment[] = [];
  let row = 0;
  for (let s = 0; s <= cuts.length; s++) {
    const lower = s === 0 ? null : (cuts[s - 1] as number);
    const upper = s === cuts.length ? null : (cuts[s] as number);
    let goods = 0;
    let bads = 0;
    while (row < present.length && (upper === null || (present[row] as { value: number }).value < upper)) {
      if ((present[row] as { bad: boolean }).bad) bads++;
      else goods++;
      row++;
    }
    const segment = { lower, upper, levels: [], goods, bads };
    // An empty bin (a rounded cut landed past the data) is absorbed by widening the previous one.
    if (goods + bads > 0 || segments.length === 0) segments.push(segment);
    else segments[segments.length - 1] = joinRanges(segments[segments.length - 1] as Segment, segment);
  }
  return segments;
}

function joinRanges(left: Segment, right: Segment): Segment {
  return {
    lower: left.lower,
    upper: right.upper,
    levels: [],
    goods: left.goods + right.goods,
    bads: left.bads + right.bads,
  };
}

/** The smallest bin breaking the size rule (too few rows, no goods or no bads); the first one on a tie. */
function smallestViolator(segments: readonly Segment[], minCount: number): Segment | undefined {
  let found: Segment | undefined;
  for (const segment of segments) {
    const size = segment.goods + segment.bads;
    const violates = size < minCount || segment.goods === 0 || segment.bads === 0;
    if (violates && (found === undefined || size < found.goods + found.bads)) found = segment;
  }
  return found;
}

/** Of the neighbours of `list[at]`, the one with the closer bad rate (the smaller one, then the left, on a tie). */
function closerNeighbour(list: readonly Segment[], at: number): Segment {
  const left = list[at - 1];
  const right = list[at + 1];
  if (left === undefined) return right as Segment;
  if (right === undefined) return left;
  const self = list[at] as Segment;
  const dLeft = Math.abs(badRate(left) - badRate(self));
  const dRight = Math.abs(badRate(right) - badRate(self));
  if (dLeft !== dRight) return dLeft < dRight ? left : right;
  return right.goods + right.bads < left.goods + left.bads ? right : left;
}

function mergeSmall(segments: readonly Segment[], minCount: number): Segment[] {
  let result = [...segments];
  for (;;) {
    const victim = smallestViolator(result, minCount);
    if (victim === undefined || result.length < 2) return result;
    const at = result.indexOf(victim);
    const partner = closerNeighbour(result, at);
    const p = result.indexOf(partner);
    const [i, j] = p < at ? [p, at] : [at, p];
    result = [
      ...result.slice(0, i),
      joinRanges(result[i] as Segment, result[j] as Segment),
      ...result.slice(j + 1),
    ];
  }
}

/**
 * Merges adjacent bins until WOE strictly rises (direction 1) or falls (−1) from bin to bin: each round merges
 * the violating pair whose WOEs are closest, the smallest change to the binning.
 */
function mergeUntilMonotonic(segments: readonly Segment[], direction: 1 | -1): Segment[] {
  let result = [...segments];
  for (;;) {
    const { woe } = woeTable(result);
    let pick = -1;
    let pickGap = Number.POSITIVE_INFINITY;
    for (let i = 0; i + 1 < woe.length; i++) {
      const step = ((woe[i + 1] as number) - (woe[i] as number)) * direction;
      if (step <= 0 && Math.abs(step) < pickGap) {
        pick = i;
        pickGap = Math.abs(step);
      }
    }
    if (pick < 0) return result;
    result = [
      ...result.slice(0, pick),
      joinRanges(result[pick] as Segment, result[pick + 1] as Segment),
      ...result.slice(pick + 2),
    ];
  }
}

/** The final bins: the data bins then the missing bin, with WOE over every bin that holds training rows. */
function finish(segments: readonly Segment[], missing: BinCounts, minCount: number): Binning {
  const missingRows = missing.goods + missing.bads;
  const counted: BinCounts[] = missingRows > 0 ? [...segments, missing] : [...segments];
  const table = woeTable(counted);
  const neutral = missingRows < minCount || missing.goods === 0 || missing.bads === 0;
  const bins: FittedBin[] = segments.map((segment, i) => ({
    rule:
      segment.levels.length > 0
        ? { kind: "levels", levels: segment.levels }
        : { kind: "range", lower: segment.lower, upper: segment.upper },
    goods: segment.goods,
    bads: segment.bads,
    woe: table.woe[i] as number,
    neutral: false,
  }));
  bins.push({
    rule: { kind: "missing" },
    goods: missing.goods,
    bads: missing.bads,
    woe: neutral ? 0 : (table.woe[segments.length] as number),
    neutral,
  });
  const dataIv = table.ivParts.slice(0, segments.length).reduce((sum, part) => sum + part, 0);
  const iv = dataIv + (neutral ? 0 : (table.ivParts[segments.length] ?? 0));
  return { bins, iv };
}
