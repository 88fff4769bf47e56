// Installment ranges: the tiers of a payment plan and of a fee.
import { allValid, type Fields, INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

interface InstallmentRange {
  readonly from: number;
  readonly to: number;
}

/** The last installment a tier may reach, and how to name it in a message ("installments (12)"). */
interface RangeLimit {
  readonly value: number;
  readonly label: string;
}

interface TierRules<T> {
  readonly field: string;
  /** The keys a tier has besides `from` and `to`. */
  readonly valueKeys: readonly string[];
  readonly example: string;
  readonly limit: RangeLimit;
  /** Plan tiers must cover 1, 2, … without gaps; fee tiers need only not overlap. */
  readonly contiguousFromOne: boolean;
  readonly readValue: (fields: Fields, tierField: string) => Parsed<T>;
}

/** A non-empty array of `{from, to, …value}` tiers with valid, non-overlapping ranges. */
export function readTiers<T>(
  r: TermsReader,
  value: unknown,
  rules: TierRules<T>,
): Parsed<readonly (InstallmentRange & { readonly value: T })[]> {
  const items = r.array(value, rules.field, `[${rules.example}]`);
  if (items === INVALID) return INVALID;
  if (items.length === 0) {
    return r.report(rules.field, value, `must have at least one tier such as ${rules.example}`);
  }
  // Ranges and values are read independently so that overlaps are found even when an amount is wrong.
  const read = items.map((item, index): { range: Parsed<InstallmentRange>; value: Parsed<T> } => {
    const tierField = `${rules.field}[${index}]`;
    const fields = r.object(item, tierField, ["from", "to", ...rules.valueKeys], rules.example);
    if (fields === INVALID) return { range: INVALID, value: INVALID };
    return { range: readRange(r, fields, tierField, rules.limit), value: rules.readValue(fields, tierField) };
  });
  const rangesValid = checkRanges(
    r,
    items,
    read.map((tier) => tier.range),
    rules,
  );
  const tiers = read.map(({ range, value }) =>
    range === INVALID || value === INVALID ? INVALID : { ...range, value },
  );
  return rangesValid && allValid(tiers) ? tiers : INVALID;
}

/** `from` and `to` of a tier: 1 ≤ from ≤ to ≤ the limit. */
function readRange(
  r: TermsReader,
  fields: Fields,
  field: string,
  limit: RangeLimit,
): Parsed<InstallmentRange> {
  const from = readTierBound(r, fields.from, `${field}.from`, limit);
  const to = readTierBound(r, fields.to, `${field}.to`, limit);
  if (from === INVALID || to === INVALID) return INVALID;
  if (to < from) return r.report(`${field}.to`, to, `must be at least from (${from})`);
  return { from, to };
}

function readTierBound(r: TermsReader, value: unknown, field: string, limit: RangeLimit): Parsed<number> {
  if (typeof value === "number" && Number.isInteger(value) && value > limit.value) {
    return r.report(field, value, `must be at most ${limit.label}`);
  }
  return r.integer(value, field, 1, limit.value);
}

/**
 * Reports overlapping tiers and, for contiguous tiers, gaps and a first tier that does not start at 1.
 * Tiers are compared in installment order (the document may list them in any order); each issue names the
 * later tier by its index in the document. Ranges that are themselves invalid are skipped (already reported).
 * Returns whether every range is valid.
 */
function checkRanges(
  r: TermsReader,
  items: readonly unknown[],
  ranges: readonly Parsed<InstallmentRange>[],
  rules: Pick<TierRules<unknown>, "field" | "contiguousFromOne">,
): boolean {
  const issuesBefore = r.issues.length;
  const ordered = ranges
    .map((range, index) => ({ range, index }))
    .filter((tier): tier is { range: InstallmentRange; index: number } => tier.range !== INVALID)
    .sort((a, b) => a.range.from - b.range.from);
  // Gaps are only meaningful once every range is known.
  const checkGaps = rules.contiguousFromOne && ordered.length === ranges.length;
  const first = ordered[0];
  if (first === undefined) return false;
  if (checkGaps && first.range.from !== 1) {
    r.report(
      `${rules.field}[${first.index}]`,
      items[first.index],
      `must start at installment 1: the first tier is ${rangeText(first.range)}`,
    );
  }
  // The tier reaching furthest so far: a later tier overlaps it when it starts at or before its end.
  let reach = first;
  for (const current of ordered.slice(1)) {
    const tierField = `${rules.field}[${current.index}]`;
    if (current.range.from <= reach.range.to) {
      r.report(
        tierField,
        items[current.index],
        `tier ${rangeText(current.range)} overlaps tier ${rangeText(reach.range)}`,
      );
    } else if (checkGaps && current.range.from > reach.range.to + 1) {
      const gap = { from: reach.range.to + 1, to: current.range.from - 1 };
      r.report(
        tierField,
        items[current.index],
        `leaves installments ${rangeText(gap)} without a tier: tiers must follow each other from 1 with no gap`,
      );
    }
    if (current.range.to > reach.range.to) reach = current;
  }
  return r.issues.length === issuesBefore && ordered.length === ranges.length;
}

function rangeText(range: InstallmentRange): string {
  return range.from === range.to ? `${range.from}` : `${range.from}–${range.to}`;
}
