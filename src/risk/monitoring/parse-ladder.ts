// Reads an overdue-handling ladder configuration (docs/reference/risk-monitoring.md, "Overdue-handling ladder"):
// its steps and its contact limits, checked against the bucket configuration the steps name. Every problem is
// collected with the TermsReader and reported at once as INVALID_MONITORING.
import { TenorError } from "../../core/errors.ts";
import { INVALID, type Parsed, TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import {
  CONTACT_LIMIT_PRESET_NAMES,
  CONTACT_LIMIT_PRESETS,
  type ContactLimits,
  DEFAULT_CONTACT_LIMITS,
} from "./contact-limits.ts";
import { type BucketScheme, MAX_BUCKET_DAYS } from "./delinquency-buckets.ts";
import { DEFAULT_LADDER, LADDER_ACTIONS, type Ladder, type LadderStep } from "./overdue-ladder.ts";

export const MAX_LADDER_STEPS = 50;
/** A pre-due reminder at most a month ahead. */
export const MAX_DAYS_BEFORE_DUE = 31;
const MAX_NOTE_LENGTH = 300;
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

const LADDER_FIELDS = ["steps", "contactLimits"];
const STEP_FIELDS = ["id", "action", "bucket", "daysIntoBucket", "daysBeforeDue", "note"];
const LIMIT_FIELDS = ["jurisdiction", "maxContactsPer7Days", "earliest", "latest", "source"];
const LADDER_EXAMPLE =
  '{"steps": [{"id": "B1_NUDGE", "action": "reminder", "bucket": "1-30", "daysIntoBucket": 0}], "contactLimits": "US"}';
const STEP_EXAMPLE = '{"id": "B2_CALL", "action": "collection", "bucket": "31-60", "daysIntoBucket": 5}';

/**
 * Validates a ladder configuration for the buckets `buckets` (`undefined` gives DEFAULT_LADDER, whose steps name
 * the default buckets). Throws TenorError("INVALID_MONITORING") listing every problem, fields under `ladder`.
 */
export function parseLadder(value: unknown, buckets: BucketScheme): Ladder {
  const r = new TermsReader();
  const ladder = readLadder(r, value, "ladder", buckets);
  if (r.issues.length > 0 || ladder === INVALID) throw new TenorError("INVALID_MONITORING", r.issues);
  return ladder;
}

/** The reader behind `parseLadder`; `buckets` INVALID skips the checks that need them. */
export function readLadder(
  r: TermsReader,
  value: unknown,
  field: string,
  buckets: Parsed<BucketScheme>,
): Parsed<Ladder> {
  if (value === undefined) {
    const steps = defaultStepsFor(r, field, buckets);
    return steps === INVALID ? INVALID : { steps, contactLimits: DEFAULT_CONTACT_LIMITS };
  }
  const fields = r.object(value, field, LADDER_FIELDS, LADDER_EXAMPLE);
  if (fields === INVALID) return INVALID;
  const steps =
    fields.steps === undefined
      ? defaultStepsFor(r, `${field}.steps`, buckets)
      : readSteps(r, fields.steps, `${field}.steps`, buckets);
  const contactLimits = readContactLimits(r, fields.contactLimits, `${field}.contactLimits`);
  if (steps === INVALID || contactLimits === INVALID) return INVALID;
  return { steps, contactLimits };
}

/** The default ladder's steps, which only fit buckets that carry the labels they name. */
function defaultStepsFor(
  r: TermsReader,
  field: string,
  buckets: Parsed<BucketScheme>,
): Parsed<readonly LadderStep[]> {
  if (buckets === INVALID) return DEFAULT_LADDER.steps;
  const labels = new Set(buckets.map((bucket) => bucket.label));
  const missing = [
    ...new Set(
      DEFAULT_LADDER.steps.flatMap((step) =>
        "bucket" in step && !labels.has(step.bucket) ? [step.bucket] : [],
      ),
    ),
  ];
  if (missing.length === 0) return DEFAULT_LADDER.steps;
  return r.missing(
    field,
    `the default ladder names the buckets ${missing.map((label) => `"${label}"`).join(", ")}, which the configured buckets do not have: give a ladder whose steps name the configured buckets, such as ${LADDER_EXAMPLE}`,
  );
}

function readSteps(
  r: TermsReader,
  value: unknown,
  field: string,
  buckets: Parsed<BucketScheme>,
): Parsed<LadderStep[]> {
  const items = r.array(value, field, `[${STEP_EXAMPLE}]`);
  if (items === INVALID) return INVALID;
  if (items.length > MAX_LADDER_STEPS)
    return r.report(field, `${items.length} steps`, `must hold at most ${MAX_LADDER_STEPS} steps`);
  const ids = new Map<string, number>();
  const steps = items.map((item, index) => readStep(r, item, `${field}[${index}]`, index, ids, buckets));
  return steps.every((step) => step !== INVALID) ? (steps as LadderStep[]) : INVALID;
}

function readStep(
  r: TermsReader,
  value: unknown,
  field: string,
  index: number,
  ids: Map<string, number>,
  buckets: Parsed<BucketScheme>,
): Parsed<LadderStep> {
  const fields = r.object(value, field, STEP_FIELDS, STEP_EXAMPLE);
  if (fields === INVALID) return INVALID;
  const id = readUniqueId(r, fields.id, `${field}.id`, index, ids, "steps", "B2_CALL");
  const action = r.oneOf(fields.action, `${field}.action`, LADDER_ACTIONS);
  const note = readNote(r, fields.note, `${field}.note`);
  if (action === INVALID) return INVALID;
  if (action === "pre-due-reminder") {
    for (const key of ["bucket", "daysIntoBucket"]) {
      if (fields[key] !== undefined)
        r.report(
          `${field}.${key}`,
          fields[key],
          'must be absent on a "pre-due-reminder", which is timed by daysBeforeDue',
        );
    }
    const daysBeforeDue = r.integer(fields.daysBeforeDue, `${field}.daysBeforeDue`, 0, MAX_DAYS_BEFORE_DUE);
    if (id === INVALID || note === INVALID || daysBeforeDue === INVALID) return INVALID;
    return { id, action, daysBeforeDue, note: note ?? `reminder ${daysBeforeDue} days before the due date` };
  }
  if (fields.daysBeforeDue !== undefined) {
    r.report(
      `${field}.daysBeforeDue`,
      fields.daysBeforeDue,
      `must be absent on a "${action}" step, which is timed by bucket and daysIntoBucket`,
    );
  }
  const bucket = readBucketLabel(r, fields.bucket, `${field}.bucket`, buckets);
  const daysIntoBucket = readDaysIntoBucket(
    r,
    fields.daysIntoBucket,
    `${field}.daysIntoBucket`,
    bucket,
    buckets,
  );
  if (id === INVALID || note === INVALID || bucket === INVALID || daysIntoBucket === INVALID) return INVALID;
  return { id, action, bucket, daysIntoBucket, note: note ?? action };
}

/**
 * A unique id (1–64 letters, digits, "_", ".", ":" or "-"), remembered in `ids` with its index so that a repeat
 * names the first: `list` is what the ids index ("steps", "loans") and `example` an id shown in the message.
 */
export function readUniqueId(
  r: TermsReader,
  value: unknown,
  field: string,
  index: number,
  ids: Map<string, number>,
  list: string,
  example: string,
): Parsed<string> {
  const allowed = `a name of 1 to 64 letters, digits, "_", ".", ":" or "-" such as "${example}"`;
  if (value === undefined) return r.missing(field, allowed);
  if (typeof value !== "string" || !ID_PATTERN.test(value))
    return r.report(field, value, `must be ${allowed}`);
  const earlier = ids.get(value);
  if (earlier !== undefined) return r.report(field, value, `repeats the id of ${list}[${earlier}]`);
  ids.set(value, index);
  return value;
}

function readNote(r: TermsReader, value: unknown, field: string): Parsed<string | undefined> {
  if (value === undefined) return undefined;
  if (typeof value === "string" && value.length <= MAX_NOTE_LENGTH) return value;
  return r.report(field, value, `must be a text of at most ${MAX_NOTE_LENGTH} characters`);
}

function readBucketLabel(
  r: TermsReader,
  value: unknown,
  field: string,
  buckets: Parsed<BucketScheme>,
): Parsed<string> {
  if (buckets === INVALID) {
    if (typeof value === "string") return value;
    return value === undefined
      ? r.missing(field, "a bucket label")
      : r.report(field, value, "must be a bucket label");
  }
  const labels = buckets.map((bucket) => bucket.label);
  return r.oneOf(value, field, labels);
}

function readDaysIntoBucket(
  r: TermsReader,
  value: unknown,
  field: string,
  label: Parsed<string>,
  buckets: Parsed<BucketScheme>,
): Parsed<number> {
  const days = r.integer(value, field, 0, MAX_BUCKET_DAYS);
  if (days === INVALID || label === INVALID || buckets === INVALID) return days;
  const bucket = buckets.find((candidate) => candidate.label === label);
  if (bucket === undefined) return days;
  const trigger = bucket.fromDays + days;
  // The first bucket starts at 0 days past due, a day on which no loan is overdue.
  if (trigger < 1) {
    return r.report(
      field,
      value,
      `must be at least 1 in bucket "${label}", which starts at 0 days past due: a step for an overdue loan is due from 1 day past due`,
    );
  }
  if (bucket.toDays !== undefined && trigger > bucket.toDays) {
    return r.report(
      field,
      value,
      `must be at most ${bucket.toDays - bucket.fromDays}: bucket "${label}" ends at ${bucket.toDays} days past due`,
    );
  }
  return days;
}

function readContactLimits(r: TermsReader, value: unknown, field: string): Parsed<ContactLimits> {
  if (value === undefined) return DEFAULT_CONTACT_LIMITS;
  if (typeof value === "string") {
    const name = r.oneOf(value, field, CONTACT_LIMIT_PRESET_NAMES);
    return name === INVALID ? INVALID : (CONTACT_LIMIT_PRESETS[name] as ContactLimits);
  }
  const fields = r.object(
    value,
    field,
    LIMIT_FIELDS,
    `a preset name (${CONTACT_LIMIT_PRESET_NAMES.join(", ")}) or {"jurisdiction": "UK", "maxContactsPer7Days": 5, "earliest": "08:00", "latest": "20:00"}`,
  );
  if (fields === INVALID) return INVALID;
  const jurisdiction = readText(r, fields.jurisdiction, `${field}.jurisdiction`, 32, undefined);
  const source = readText(r, fields.source, `${field}.source`, MAX_NOTE_LENGTH, "given by the caller");
  const max =
    fields.maxContactsPer7Days === null
      ? undefined
      : r.integer(fields.maxContactsPer7Days, `${field}.maxContactsPer7Days`, 1, 100);
  const earliest = readClock(r, fields.earliest, `${field}.earliest`);
  const latest = readClock(r, fields.latest, `${field}.latest`);
  if (earliest !== INVALID && latest !== INVALID && earliest >= latest) {
    r.report(`${field}.latest`, fields.latest, `must be later than earliest (${earliest})`);
    return INVALID;
  }
  if (
    jurisdiction === INVALID ||
    source === INVALID ||
    max === INVALID ||
    earliest === INVALID ||
    latest === INVALID
  )
    return INVALID;
  return { jurisdiction, maxContactsPer7Days: max, earliest, latest, source };
}

function readText(
  r: TermsReader,
  value: unknown,
  field: string,
  maxLength: number,
  fallback: string | undefined,
): Parsed<string> {
  const allowed = `a text of 1 to ${maxLength} characters`;
  if (value === undefined) return fallback ?? r.missing(field, allowed);
  if (typeof value === "string" && value.trim() !== "" && value.length <= maxLength) return value;
  return r.report(field, value, `must be ${allowed}`);
}

/** "HH:MM" on a 24-hour clock, 00:00 … 24:00 (compared as text, which orders such strings by time). */
function readClock(r: TermsReader, value: unknown, field: string): Parsed<string> {
  const allowed = 'a local time "HH:MM" on a 24-hour clock, from "00:00" to "24:00", such as "08:00"';
  if (value === undefined) return r.missing(field, allowed);
  if (typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(value)) return value;
  return r.report(field, value, `must be ${allowed}`);
}
