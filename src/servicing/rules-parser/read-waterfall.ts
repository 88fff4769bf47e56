import {
  allValid,
  INVALID,
  type Parsed,
  type TermsReader,
} from "../../schedule/terms-parser/terms-reader.ts";
import { listEvery } from "../list-text.ts";
import { COMPONENTS, type Component, type WaterfallStep } from "../types.ts";

type PayableBucket = WaterfallStep["buckets"][number];

const BUCKETS: readonly PayableBucket[] = ["past-due", "due"];
const DIRECTIONS: readonly WaterfallStep["direction"][] = ["horizontal", "vertical"];
const STEP_FIELDS = ["buckets", "components", "direction"];
const STEP_EXAMPLE =
  '{"buckets": ["past-due", "due"], "components": ["penalty", "fee", "interest", "principal"]}';
/** Each step covers at least one of the 2 × 4 (bucket, component) pairs, each covered once: at most 8 steps. */
const MAX_STEPS = BUCKETS.length * COMPONENTS.length;

/**
 * `waterfall`: the steps a repayment is allocated by (servicing-rules.md §5.3). Each step is checked on its
 * own, then the steps together must cover every (bucket, component) pair of `past-due` and `due` exactly once:
 * a pair paid twice is named at the component that repeats it, the missing pairs at `waterfall`.
 */
export function readWaterfall(
  r: TermsReader,
  value: unknown,
  fallback: readonly WaterfallStep[],
): Parsed<readonly WaterfallStep[]> {
  const field = "waterfall";
  if (value === undefined) return fallback;
  const items = r.array(value, field, `[${STEP_EXAMPLE}]`);
  if (items === INVALID) return INVALID;
  if (items.length === 0 || items.length > MAX_STEPS) {
    return r.report(field, value, `must have 1 to ${MAX_STEPS} steps such as ${STEP_EXAMPLE}`);
  }
  const steps = items.map((item, index) => readStep(r, item, `${field}[${index}]`));
  if (!allValid(steps)) return INVALID;
  return checkCoverage(r, steps, value) ? steps : INVALID;
}

function readStep(r: TermsReader, value: unknown, field: string): Parsed<WaterfallStep> {
  const fields = r.object(value, field, STEP_FIELDS, STEP_EXAMPLE);
  if (fields === INVALID) return INVALID;
  const buckets = readDistinct(r, fields.buckets, `${field}.buckets`, BUCKETS);
  const components = readDistinct(r, fields.components, `${field}.components`, COMPONENTS);
  // Horizontal by default: one installment is settled before the next, as most lenders allocate.
  const direction = r.oneOf(fields.direction, `${field}.direction`, DIRECTIONS, "horizontal");
  if (buckets === INVALID || components === INVALID || direction === INVALID) return INVALID;
  return { buckets, components, direction };
}

/** A non-empty array of distinct items of `allowed`. */
function readDistinct<T extends string>(
  r: TermsReader,
  value: unknown,
  field: string,
  allowed: readonly T[],
): Parsed<readonly T[]> {
  const example = JSON.stringify(allowed).replaceAll(",", ", ");
  const items = r.array(value, field, example);
  if (items === INVALID) return INVALID;
  if (items.length === 0 || items.length > allowed.length) {
    return r.report(field, value, `must list 1 to ${allowed.length} of ${listEvery(allowed)}, each once`);
  }
  const read: T[] = [];
  let valid = true;
  items.forEach((item, index) => {
    const one = r.oneOf(item, `${field}[${index}]`, allowed);
    if (one === INVALID) {
      valid = false;
    } else if (read.includes(one)) {
      r.report(`${field}[${index}]`, item, `repeats ${JSON.stringify(one)}: list each once`);
      valid = false;
    } else {
      read.push(one);
    }
  });
  return valid ? read : INVALID;
}

/** Whether the steps cover every pair exactly once; reports the pairs paid twice and those never paid. */
function checkCoverage(r: TermsReader, steps: readonly WaterfallStep[], value: unknown): boolean {
  const stepOfPair = new Map<string, number>();
  let valid = true;
  steps.forEach((step, stepIndex) => {
    step.components.forEach((component, componentIndex) => {
      const repeated = step.buckets.filter((bucket) => stepOfPair.has(pairKey(bucket, component)));
      if (repeated.length > 0) {
        const earlier = stepOfPair.get(pairKey(repeated[0] as PayableBucket, component));
        r.report(
          `waterfall[${stepIndex}].components[${componentIndex}]`,
          component,
          `pays ${JSON.stringify(component)} of ${listEvery(repeated)} again, as waterfall[${earlier}] does: each (bucket, component) pair belongs to exactly one step`,
        );
        valid = false;
      }
      for (const bucket of step.buckets) {
        if (!stepOfPair.has(pairKey(bucket, component)))
          stepOfPair.set(pairKey(bucket, component), stepIndex);
      }
    });
  });
  const missing = BUCKETS.flatMap((bucket) =>
    COMPONENTS.filter((component) => !stepOfPair.has(pairKey(bucket, component))).map(
      (component) => `${bucket} ${component}`,
    ),
  );
  if (missing.length > 0) {
    r.report(
      "waterfall",
      value,
      `misses ${missing.join(", ")}: the steps must cover every component (principal, interest, fee, penalty) of both buckets (past-due, due) exactly once`,
    );
    valid = false;
  }
  return valid;
}

function pairKey(bucket: PayableBucket, component: Component): string {
  return `${bucket} ${component}`;
}
