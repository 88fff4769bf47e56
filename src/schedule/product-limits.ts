// The lowest and highest effective rate a credit product can produce (issue 3; docs/reference/products.md).
// A product is a terms document in which `principal`, `installments`, `interest.rate` and each fee's `amount`
// or `percent` may be a range {"min": …, "max": …}. How the extremes are found:
// - The rate rises with the interest rate and with every fee (a property test checks that adding a fee never
//   lowers it), so the lowest rate uses the lowest interest rate and fees, the highest the highest.
// - Amount and term are not monotone once fixed fees and rounding are involved (a fixed fee weighs most on a
//   small, short loan; rounding residuals wobble), so they are searched: every term when the range has at most
//   MAX_FULL_TERMS values (else an even grid plus both ends), times a grid of amounts (both ends and geometric
//   steps between); then the terms around the best point are searched again with DENSE_AMOUNTS evenly spaced
//   amounts. Between grid amounts, installment rounding moves the rate by a few thousandths of a percentage
//   point at most (the tests check the result against an exhaustive scan to 0.005).
// With a `rateCap`, a product whose highest rate is above the cap is refused, naming the cap, the rate and where
// it is reached.
import { fail, type Issue, TenorError } from "../core/errors.ts";
import { compareRatio, parseDecimalRatio, type Ratio } from "../core/ratio.ts";
import { generateSchedule } from "./generate-schedule.ts";
import { parseTerms } from "./parse-terms.ts";
import { REGIME_NAMES, refuseAboveCap } from "./rate-cap.ts";
import { scheduleRates } from "./schedule-rates.ts";
import type { RateRegime } from "./terms.ts";
import { isPlainObject } from "./terms-parser/terms-reader.ts";

const MAX_FULL_TERMS = 60;
const TERM_GRID = 24;
const AMOUNT_GRID = 7;
const DENSE_AMOUNTS = 201;
/** Terms on each side of the best one that get the dense amount grid. */
const DENSE_TERMS_AROUND = 2;
const MAX_EVALUATIONS = 4000;

export interface ProductRatePoint {
  readonly percent: number;
  readonly text: string;
  /** The loan that gives it: principal, installments, interest rate and fee values as decimal text. */
  readonly at: {
    principal: string;
    installments: number;
    interestRate: string;
    fees: Record<string, string>;
  };
}

export interface ProductLimits {
  readonly regime: RateRegime;
  readonly name: string;
  readonly lowest: ProductRatePoint;
  readonly highest: ProductRatePoint;
  readonly cap: string | null;
  readonly evaluations: number;
  readonly method: string;
}

type Json = Record<string, unknown>;
interface Range {
  readonly min: string;
  readonly max: string;
}

export function productRateLimits(document: unknown): ProductLimits {
  const product = asObject(document, "(document)");
  const issues: Issue[] = [];
  const principal = readRange(product.principal, "principal", issues, "money");
  const installments = readRange(product.installments, "installments", issues, "integer");
  const interest = asObject(product.interest ?? {}, "interest");
  const rate = readRange(interest.rate, "interest.rate", issues, "decimal");
  // Anything that is not an array of objects goes to the terms parser as given, which refuses it by name.
  const fees = Array.isArray(product.fees) ? (product.fees as unknown[]) : undefined;
  // A fee given as an amount or a percent may be a range; a fee given as tiers is fixed (parseTerms checks it).
  const feeRanges = (fees ?? []).map((item, i) => {
    if (!isPlainObject(item)) return undefined;
    const fee = item as Json;
    const key = fee.amount !== undefined ? "amount" : fee.percent !== undefined ? "percent" : undefined;
    return key === undefined
      ? undefined
      : { key, range: readRange(fee[key], `fees[${i}].${key}`, issues, "decimal") };
  });
  const cap = readCap(product.rateCap, issues);
  if (issues.length > 0) throw new TenorError("INVALID_TERMS", issues);
  let evaluations = 0;
  let regime: RateRegime = "eu-aprc"; // every evaluated loan has the same terms' regime; set by the first
  const evaluate = (side: "min" | "max", amount: string, term: number): ProductRatePoint => {
    evaluations++;
    if (evaluations > MAX_EVALUATIONS)
      fail("INVALID_TERMS", "(document)", evaluations, "needs too many evaluations");
    const feeValues: Record<string, string> = {};
    const terms = {
      disbursementDate: "2025-01-01",
      ...product,
      principal: amount,
      installments: term,
      interest: { ...interest, rate: (rate as Range)[side] },
      fees:
        fees === undefined
          ? product.fees
          : fees.map((item, i) => {
              const ranged = feeRanges[i];
              if (ranged === undefined) return item;
              const fee = item as Json;
              const value = (ranged.range as Range)[side];
              feeValues[String(fee.name)] = value;
              return { ...fee, [ranged.key]: value };
            }),
      rateCap: undefined,
    };
    const rates = scheduleRates(generateSchedule(parseTerms(terms)));
    regime = rates.regime;
    return {
      percent: rates.disclosedPercent,
      text: rates.disclosedText,
      at: { principal: amount, installments: term, interestRate: (rate as Range)[side], fees: feeValues },
    };
  };
  const amountRange = principal as Range;
  const termRange = { min: Number((installments as Range).min), max: Number((installments as Range).max) }; // float-ok: counts
  const lowest = search("min", amountRange, termRange, evaluate);
  const highest = search("max", amountRange, termRange, evaluate);
  if (cap !== undefined) {
    const { principal: amount, installments: term, interestRate } = highest.at;
    const where = ` (at principal ${amount}, ${term} installments, interest ${interestRate} %)`;
    refuseAboveCap(cap, regime, highest.text, "of the product reaches", where);
  }
  return {
    regime,
    name: REGIME_NAMES[regime],
    lowest,
    highest,
    cap: cap === undefined ? null : String(product.rateCap),
    evaluations,
    method:
      "interest rate and fees at their ends (the rate rises with each); amount × term searched on a grid " +
      `(every term up to ${MAX_FULL_TERMS} values, else ${TERM_GRID} and both ends; ${AMOUNT_GRID} amounts), then ` +
      `the terms around the extreme with ${DENSE_AMOUNTS} evenly spaced amounts; rounding makes untested amounts ` +
      "differ by a few thousandths of a percentage point at most",
  };
}

type Evaluate = (side: "min" | "max", amount: string, term: number) => ProductRatePoint;

function search(
  side: "min" | "max",
  amounts: Range,
  terms: { min: number; max: number },
  evaluate: Evaluate,
) {
  const better = (a: ProductRatePoint, b: ProductRatePoint) =>
    side === "min" ? a.percent < b.percent : a.percent > b.percent;
  let best: ProductRatePoint | undefined;
  const consider = (amount: string, term: number) => {
    const point = evaluate(side, amount, term);
    if (best === undefined || better(point, best)) best = point;
  };
  const amountGrid = amountPoints(amounts, AMOUNT_GRID);
  for (const term of termPoints(terms.min, terms.max))
    for (const amount of amountGrid) consider(amount, term);
  // Refine the term: every term near the best grid term, on the coarse amounts (a wide term range leaves up to
  // TERM_GRID terms between grid points).
  const found = best as ProductRatePoint;
  const near = Math.max(1, Math.ceil((terms.max - terms.min) / TERM_GRID));
  for (
    let term = Math.max(terms.min, found.at.installments - near);
    term <= Math.min(terms.max, found.at.installments + near);
    term++
  )
    for (const amount of amountGrid) consider(amount, term);
  // Then the amount: the terms next to the best one, with amounts on a dense linear grid over the whole range —
  // rounding makes the rate wobble from one amount to the next, so the extreme can sit between coarse points.
  const refined = best as ProductRatePoint;
  const dense = linearPoints(amounts, DENSE_AMOUNTS);
  const firstTerm = Math.max(terms.min, refined.at.installments - DENSE_TERMS_AROUND);
  const lastTerm = Math.min(terms.max, refined.at.installments + DENSE_TERMS_AROUND);
  for (let term = firstTerm; term <= lastTerm; term++) for (const amount of dense) consider(amount, term);
  return best as ProductRatePoint;
}

function termPoints(min: number, max: number): number[] {
  if (max - min + 1 <= MAX_FULL_TERMS) return Array.from({ length: max - min + 1 }, (_, i) => min + i);
  const points = new Set<number>([min, max]);
  for (let k = 1; k < TERM_GRID; k++) points.add(min + Math.round(((max - min) * k) / TERM_GRID)); // float-ok: grid positions
  return [...points].sort((a, b) => a - b);
}

/** `count` evenly spaced amounts from min to max (both included), in the ends' decimals. */
function linearPoints(range: Range, count: number): string[] {
  const decimals = range.min.split(".")[1]?.length ?? 0;
  const low = Number(range.min); // float-ok: grid positions only; the ends are kept as given
  const high = Number(range.max); // float-ok: grid positions only
  const points = new Set<string>([range.min]);
  for (let k = 1; k < count - 1; k++) points.add((low + ((high - low) * k) / (count - 1)).toFixed(decimals)); // float-ok: grid
  points.add(range.max);
  return [...points];
}

/** Both ends and geometric steps between, as decimal text with the ends' decimals. */
function amountPoints(range: Range, count: number): string[] {
  const decimals = range.min.split(".")[1]?.length ?? 0;
  const low = Number(range.min); // float-ok: grid positions only; the ends are kept as given
  const high = Number(range.max); // float-ok: grid positions only
  const points = new Set<string>([range.min]);
  for (let k = 1; k < count - 1; k++) points.add((low * (high / low) ** (k / (count - 1))).toFixed(decimals)); // float-ok: grid
  points.add(range.max);
  return [...points];
}

function readRange(
  value: unknown,
  field: string,
  issues: Issue[],
  kind: "money" | "integer" | "decimal",
): Range | undefined {
  const single = typeof value === "string" || typeof value === "number";
  const object = value as { min?: unknown; max?: unknown } | undefined;
  if (!single && isPlainObject(value)) {
    const unknown = Object.keys(value).filter((key) => key !== "min" && key !== "max");
    for (const key of unknown)
      issues.push({
        field: `${field}.${key}`,
        value: (value as Json)[key],
        message: "is not a field of a range: a range has min and max",
      });
    if (unknown.length > 0) return undefined;
  }
  const min = single ? value : object?.min;
  const max = single ? value : object?.max;
  const text = (v: unknown) => (typeof v === "number" ? String(v) : v);
  // A count is a JSON number, as in a loan's terms (whose parser refuses "12" as text).
  const valid = (v: unknown) =>
    kind === "integer"
      ? typeof v === "number" && Number.isSafeInteger(v) && v >= 0
      : typeof text(v) === "string" && /^\d+(\.\d+)?$/.test(text(v) as string);
  if (!valid(min) || !valid(max)) {
    issues.push({
      field,
      value,
      message:
        kind === "integer"
          ? 'must be a whole number or a range {"min": …, "max": …} of whole numbers (JSON numbers, not text)'
          : 'must be a value or a range {"min": …, "max": …} of non-negative decimals',
    });
    return undefined;
  }
  const low = parseDecimalRatio(text(min) as string) as Ratio;
  const high = parseDecimalRatio(text(max) as string) as Ratio;
  if (compareRatio(low, high) > 0) {
    issues.push({ field, value, message: `must have min ≤ max (got min ${text(min)}, max ${text(max)})` });
    return undefined;
  }
  return { min: text(min) as string, max: text(max) as string };
}

/** `rateCap`: a percent above 0, as in a loan's terms. */
function readCap(value: unknown, issues: Issue[]): Ratio | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "number" ? String(value) : value;
  const cap = typeof text === "string" ? parseDecimalRatio(text) : undefined;
  if (cap === undefined || cap.num <= 0n) {
    issues.push({ field: "rateCap", value, message: 'must be a percent above 0, such as "36"' });
    return undefined;
  }
  return cap;
}

function asObject(value: unknown, field: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return fail("INVALID_TERMS", field, value, "must be an object");
  }
  return value as Json;
}
