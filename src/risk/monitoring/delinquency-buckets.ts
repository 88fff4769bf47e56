// Delinquency buckets (docs/reference/risk-monitoring.md, "Buckets"): ranges of days past due, contiguous from 0,
// that a loan's days past due falls in. The days past due are the servicing engine's figure (days since the
// oldest unpaid due date, docs/reference/servicing-rules.md §4); the default buckets are the engine's own
// (current, 1–30, 31–60, 61–90, 90+), and a product may configure others.
import { TenorError } from "../../core/errors.ts";
import { INVALID, type Parsed, TermsReader } from "../../schedule/terms-parser/terms-reader.ts";

export interface DelinquencyBucketSpec {
  /** Shown in every output; unique within the scheme. */
  readonly label: string;
  /** Days past due of the bucket's first day (0 for the first bucket). */
  readonly fromDays: number;
  /** Days past due of its last day; undefined for the last bucket, which holds every larger figure. */
  readonly toDays: number | undefined;
}

/** Buckets in order: the first starts at 0, each starts the day after the previous one ends, the last is open. */
export type BucketScheme = readonly DelinquencyBucketSpec[];

export const DEFAULT_BUCKETS: BucketScheme = [
  { label: "current", fromDays: 0, toDays: 0 },
  { label: "1-30", fromDays: 1, toDays: 30 },
  { label: "31-60", fromDays: 31, toDays: 60 },
  { label: "61-90", fromDays: 61, toDays: 90 },
  { label: "90+", fromDays: 91, toDays: undefined },
];

/** The portfolio states beside the buckets: loans paid off and loans written off (both absorbing). */
export const CLOSED_STATE = "closed";
export const WRITTEN_OFF_STATE = "written-off";

export const MIN_BUCKETS = 2;
export const MAX_BUCKETS = 12;
/** A hundred years of days past due: beyond it a bound is a typo. */
export const MAX_BUCKET_DAYS = 36500;
const MAX_LABEL_LENGTH = 32;

const BUCKET_FIELDS = ["label", "from", "to"];
const EXAMPLE =
  '[{"label": "current", "from": 0, "to": 0}, {"label": "1-30", "from": 1, "to": 30}, {"label": "30+", "from": 31}]';

/** Index in `buckets` of the bucket holding `daysPastDue` (an integer of 0 or more). */
export function bucketIndexOf(daysPastDue: number, buckets: BucketScheme): number {
  for (let index = buckets.length - 1; index > 0; index--) {
    if (daysPastDue >= (buckets[index] as DelinquencyBucketSpec).fromDays) return index;
  }
  return 0;
}

/** "1-30 (1–30 days past due)", "90+ (91 days past due or more)": a bucket with its range, for reasons. */
export function describeBucket(bucket: DelinquencyBucketSpec): string {
  if (bucket.toDays === undefined) return `${bucket.label} (${bucket.fromDays} days past due or more)`;
  if (bucket.toDays === bucket.fromDays) return `${bucket.label} (${bucket.fromDays} days past due)`;
  return `${bucket.label} (${bucket.fromDays}–${bucket.toDays} days past due)`;
}

/**
 * Validates a bucket configuration (an array as in EXAMPLE) and returns it; `undefined` gives DEFAULT_BUCKETS.
 * Throws TenorError("INVALID_MONITORING") listing every problem, fields under `buckets`.
 */
export function parseBuckets(value: unknown): BucketScheme {
  const r = new TermsReader();
  const buckets = readBuckets(r, value, "buckets");
  if (r.issues.length > 0 || buckets === INVALID) throw new TenorError("INVALID_MONITORING", r.issues);
  return buckets;
}

/** The reader behind `parseBuckets`, for documents that hold a bucket configuration under `field`. */
export function readBuckets(r: TermsReader, value: unknown, field: string): Parsed<BucketScheme> {
  if (value === undefined) return DEFAULT_BUCKETS;
  const items = r.array(value, field, EXAMPLE);
  if (items === INVALID) return INVALID;
  if (items.length < MIN_BUCKETS || items.length > MAX_BUCKETS) {
    return r.report(
      field,
      value,
      `must hold ${MIN_BUCKETS} to ${MAX_BUCKETS} buckets (it holds ${items.length}), such as ${EXAMPLE}`,
    );
  }
  const before = r.issues.length;
  const buckets: DelinquencyBucketSpec[] = [];
  const labels = new Map<string, number>();
  // Each bucket's `from` is checked against the previous bucket's `to`, as far as the previous one was readable.
  let expectedFrom: number | undefined = 0;
  items.forEach((item, index) => {
    const at = `${field}[${index}]`;
    const last = index === items.length - 1;
    const fields = r.object(item, at, BUCKET_FIELDS, '{"label": "31-60", "from": 31, "to": 60}');
    if (fields === INVALID) {
      expectedFrom = undefined;
      return;
    }
    const label = readLabel(r, fields.label, `${at}.label`, labels, index);
    const fromDays = r.integer(fields.from, `${at}.from`, 0, MAX_BUCKET_DAYS);
    if (fromDays !== INVALID && expectedFrom !== undefined && fromDays !== expectedFrom) {
      r.report(
        `${at}.from`,
        fields.from,
        index === 0
          ? "must be 0: the first bucket starts at 0 days past due"
          : `must be ${expectedFrom}, the day after the previous bucket's last day (buckets are contiguous and do not overlap)`,
      );
    }
    const toDays = readTo(r, fields.to, `${at}.to`, last, fromDays);
    expectedFrom =
      toDays === INVALID || toDays === undefined || fromDays === INVALID ? undefined : toDays + 1;
    if (label !== INVALID && fromDays !== INVALID && toDays !== INVALID)
      buckets.push({ label, fromDays, toDays });
  });
  return r.issues.length > before ? INVALID : buckets;
}

function readLabel(
  r: TermsReader,
  value: unknown,
  field: string,
  labels: Map<string, number>,
  index: number,
): Parsed<string> {
  const allowed = `a name of 1 to ${MAX_LABEL_LENGTH} characters such as "31-60"`;
  if (value === undefined) return r.missing(field, allowed);
  if (typeof value !== "string" || value.trim() === "" || value.length > MAX_LABEL_LENGTH)
    return r.report(field, value, `must be ${allowed}`);
  if (value === CLOSED_STATE || value === WRITTEN_OFF_STATE) {
    return r.report(
      field,
      value,
      `must not be "${CLOSED_STATE}" or "${WRITTEN_OFF_STATE}": those name the states of loans paid off and written off`,
    );
  }
  const earlier = labels.get(value);
  if (earlier !== undefined) return r.report(field, value, `repeats the label of buckets[${earlier}]`);
  labels.set(value, index);
  return value;
}

/** `to`: required on every bucket but the last, absent on the last; at least `from`. */
function readTo(
  r: TermsReader,
  value: unknown,
  field: string,
  last: boolean,
  fromDays: Parsed<number>,
): Parsed<number | undefined> {
  if (last) {
    if (value === undefined) return undefined;
    return r.report(
      field,
      value,
      "must be absent: the last bucket is open-ended (it holds every larger number of days past due)",
    );
  }
  if (value === undefined) {
    return r.missing(field, "the bucket's last day past due (only the last bucket is open-ended)");
  }
  const toDays = r.integer(value, field, 0, MAX_BUCKET_DAYS);
  if (toDays === INVALID || fromDays === INVALID) return toDays;
  if (toDays < fromDays) return r.report(field, value, `must be at least the bucket's from (${fromDays})`);
  return toDays;
}
