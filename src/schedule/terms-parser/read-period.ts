import type { Period, TimeUnit } from "../terms.ts";
import { didYouMean } from "./did-you-mean.ts";
import { MAX_INSTALLMENTS, MAX_PERIOD_EVERY } from "./limits.ts";
import { listAllowed } from "./message-text.ts";
import { INVALID, isPlainObject, type Parsed, type TermsReader } from "./terms-reader.ts";

export const TIME_UNITS: readonly TimeUnit[] = ["day", "week", "month", "year"];

const PERIOD_NAMES = [
  "weekly",
  "biweekly",
  "semi-monthly",
  "monthly",
  "quarterly",
  "semi-annual",
  "yearly",
] as const;
const NAMED_PERIODS: Readonly<Record<(typeof PERIOD_NAMES)[number], Period>> = {
  weekly: { kind: "every", every: 1, unit: "week" },
  biweekly: { kind: "every", every: 2, unit: "week" },
  "semi-monthly": { kind: "times", times: 2, per: "month" },
  monthly: { kind: "every", every: 1, unit: "month" },
  quarterly: { kind: "every", every: 3, unit: "month" },
  "semi-annual": { kind: "every", every: 6, unit: "month" },
  yearly: { kind: "every", every: 1, unit: "year" },
};

/** `period`: a name such as "monthly" (the default), `{"every": …}` or `{"times": …}`. */
export function readPeriod(r: TermsReader, value: unknown): Parsed<Period> {
  const field = "period";
  if (value === undefined) return NAMED_PERIODS.monthly;
  const name = PERIOD_NAMES.find((candidate) => candidate === value);
  if (name !== undefined) return NAMED_PERIODS[name];
  if (!isPlainObject(value) || (!("every" in value) && !("times" in value))) {
    const names = listAllowed(PERIOD_NAMES);
    const suggestion = typeof value === "string" ? didYouMean(value, PERIOD_NAMES) : "";
    return r.report(
      field,
      value,
      `must be ${names}, or an object such as {"every": 2, "unit": "week"} or {"times": 2, "per": "month"}${suggestion}`,
    );
  }
  return "every" in value ? readEveryPeriod(r, value, field) : readTimesPeriod(r, value, field);
}

/** `{"every": N, "unit": …}`, also the `term` of a per-term period. */
function readEveryPeriod(r: TermsReader, value: unknown, field: string): Parsed<Period & { kind: "every" }> {
  const fields = r.object(value, field, ["every", "unit"], '{"every": 2, "unit": "week"}');
  if (fields === INVALID) return INVALID;
  const every = r.integer(fields.every, `${field}.every`, 1, MAX_PERIOD_EVERY);
  const unit = r.oneOf(fields.unit, `${field}.unit`, TIME_UNITS);
  if (every === INVALID || unit === INVALID) return INVALID;
  return { kind: "every", every, unit };
}

/** `{"times": K, "per": "month" | "year"}` or `{"times": K, "per": "term", "term": {…}}`. */
function readTimesPeriod(r: TermsReader, value: unknown, field: string): Parsed<Period> {
  const fields = r.object(value, field, ["times", "per", "term"], '{"times": 2, "per": "month"}');
  if (fields === INVALID) return INVALID;
  const per = r.oneOf(fields.per, `${field}.per`, ["month", "year", "term"] as const);
  const maxTimes = per === "month" ? 31 : per === "year" ? 366 : MAX_INSTALLMENTS;
  const times = r.integer(fields.times, `${field}.times`, 1, maxTimes);
  if (per !== "term") {
    if (fields.term !== undefined && per !== INVALID) {
      r.report(`${field}.term`, fields.term, 'is allowed only with "per": "term"');
    }
    if (per === INVALID || times === INVALID) return INVALID;
    return { kind: "times", times, per };
  }
  if (fields.term === undefined) {
    return r.missing(`${field}.term`, 'the term to spread over, such as {"every": 6, "unit": "month"}');
  }
  const term = readEveryPeriod(r, fields.term, `${field}.term`);
  if (times === INVALID || term === INVALID) return INVALID;
  return { kind: "per-term", times, term: { every: term.every, unit: term.unit } };
}
