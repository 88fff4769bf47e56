// Bad input never crashes a document function: every example document of examples/planning/ and examples/risk/
// (and one or two of each earlier kind), with one part replaced by an arbitrary JSON value (wrong types, huge and
// negative numbers, impossible dates, empty or deep structures), removed, or joined by an unknown field, either
// still computes or is refused with a TenorError naming fields — never another exception (a TypeError, a
// RangeError from a bigint, an internal assertion), never a NaN in the answer.
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  healthFromDocument,
  monitorFromDocument,
  planFromDocument,
  prepaymentFromDocument,
  productRateLimits,
  rateFromDocument,
  refinanceFromDocument,
  restructureFromDocument,
  scheduleFromDocument,
  scoreFromDocument,
  simulateFromDocument,
  TenorError,
} from "../../src/index.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const example = (file: string): unknown =>
  JSON.parse(readFileSync(path.join(ROOT, "examples", file), "utf8"));

const DOCUMENTS: readonly [string, unknown, (document: unknown) => unknown][] = [
  ["plan", example("planning/plan.json"), planFromDocument],
  ["plan (seasonal)", example("planning/plan-seasonal.json"), planFromDocument],
  ["prepayment", example("planning/prepayment.json"), prepaymentFromDocument],
  ["refinance (figures)", example("planning/refinance-figures.json"), refinanceFromDocument],
  ["refinance (loan)", example("planning/refinance-loan.json"), refinanceFromDocument],
  ["restructure", example("planning/restructure.json"), restructureFromDocument],
  ["health", example("risk/health.json"), healthFromDocument],
  ["score", example("risk/score.json"), scoreFromDocument],
  ["monitor", example("risk/portfolio.json"), monitorFromDocument],
  // The earlier documents, held to the same rule.
  ["schedule", example("annuity-monthly.json"), scheduleFromDocument],
  ["schedule (grace)", example("grace-capitalized.json"), scheduleFromDocument],
  ["simulate", example("servicing/late-payment.json"), simulateFromDocument],
  ["simulate (reversal)", example("servicing/backdated-reversal.json"), simulateFromDocument],
  ["rate", example("rates/reg-z.json"), rateFromDocument],
  ["limits", example("products/installment-loan.json"), productRateLimits],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value in `document` (object keys and array indexes), the document itself first. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => paths(item, [...prefix, i]))];
  if (value !== null && typeof value === "object")
    return [...here, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))];
  return here;
}

type Mutation =
  | { kind: "replace"; value: Json }
  | { kind: "remove" }
  | { kind: "add"; key: string; value: Json };

/** `document` with the mutation applied at `at` (a deep copy; the original is untouched). */
function mutate(document: Json, at: (string | number)[], mutation: Mutation): Json {
  const copy = structuredClone(document);
  if (at.length === 0) {
    if (mutation.kind === "replace") return mutation.value;
    if (mutation.kind === "add" && copy !== null && typeof copy === "object" && !Array.isArray(copy))
      return { ...copy, [mutation.key]: mutation.value };
    return copy;
  }
  let parent: Json = copy;
  for (const step of at.slice(0, -1)) parent = (parent as Record<string | number, Json>)[step] as Json;
  const last = at.at(-1) as string | number;
  const container = parent as Record<string | number, Json>;
  if (mutation.kind === "replace") container[last] = mutation.value;
  else if (mutation.kind === "remove") {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete container[last];
  } else {
    const target = container[last];
    if (target !== null && typeof target === "object" && !Array.isArray(target))
      container[last] = { ...target, [mutation.key]: mutation.value };
  }
  return copy;
}

/** Values a careless or hostile client sends. */
const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    "",
    "abc",
    "-1",
    "0",
    "1e400",
    "99999999999999999999999999.99",
    "2024-02-30",
    "2024-13-01",
    "0000-00-00",
    "NaN",
    "Infinity",
    -1,
    0,
    1.5,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    [],
    {},
    [[[[[[[[[[[]]]]]]]]]]],
    { __proto__: "x" },
    "monthly",
    "default",
    "annuity",
  ),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("replace" as const), value: nasty }),
  fc.constant({ kind: "remove" as const }),
  fc.record({
    kind: fc.constant("add" as const),
    key: fc.constantFrom("extra", "constructor", "Amount"),
    value: nasty,
  }),
);

/** No number in the answer is NaN or infinite (JSON would print them as null and hide the fault). */
function finiteEverywhere(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(finiteEverywhere);
  if (value !== null && typeof value === "object") return Object.values(value).every(finiteEverywhere);
  return true;
}

describe("documents: malformed input is refused with a TenorError, never a crash", () => {
  for (const [name, document, run] of DOCUMENTS) {
    it(name, () => {
      const all = paths(document as Json);
      let refused = 0;
      fc.assert(
        fc.property(fc.nat({ max: all.length - 1 }), mutation, (index, change) => {
          const input = mutate(document as Json, all[index] as (string | number)[], change);
          try {
            expect(finiteEverywhere(run(input))).toBe(true);
          } catch (error) {
            if (!(error instanceof TenorError)) throw error;
            refused += 1;
            expect(error.issues.length).toBeGreaterThan(0);
            for (const issue of error.issues) expect(issue.field).not.toBe("");
          }
        }),
        { numRuns: name.startsWith("plan") || name === "limits" ? 60 : 300 },
      );
      // Not vacuous: most mutations break the document.
      expect(refused).toBeGreaterThan(0);
    }, 120_000);
  }
});
