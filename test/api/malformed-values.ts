// Values that no field of a given kind accepts, for the malformed-request test (malformed-requests.test.ts).
// Each kind says which JSON types a field accepts; the wrong types are every other type, and each kind adds its
// own refusals (bad dates, ids with bad characters, huge numbers, values outside an enum). Where a value is
// written here it is invalid by the documented rules (docs/reference/*.md, the API's schemas), not by what the
// code happens to do.
import fc from "fast-check";

export type JsonType = "null" | "boolean" | "number" | "string" | "array" | "object";

export type Category =
  | "wrong-type"
  | "huge-number"
  | "bad-number"
  | "bad-date"
  | "bad-id"
  | "bad-enum"
  | "bad-text"
  | "long-string"
  | "extra-field"
  | "extra-query"
  | "missing-required"
  | "deep-nesting"
  | "non-json"
  | "truncated-json"
  | "not-an-object"
  | "wrong-content-type"
  | "too-large"
  | "bad-idempotency-key"
  | "random-junk";

/** JSON text written as it is: numbers JSON.stringify cannot write (1e400, 2^64 exactly) and deep nesting. */
export class RawJson {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** JSON text of a value that may hold RawJson parts; undefined fields are left out, as JSON.stringify does. */
export function jsonWithRaw(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map((item) => jsonWithRaw(item ?? null)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value).filter(([, item]) => item !== undefined);
    return `{${fields.map(([key, item]) => `${JSON.stringify(key)}:${jsonWithRaw(item)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  if (type === "boolean" || type === "number" || type === "string") return type;
  return "object";
}

/** A value and why it is wrong. */
export interface BadValue {
  readonly category: Category;
  readonly value: unknown;
  readonly label: string;
}

const bad = (category: Category, value: unknown, label?: string): BadValue => ({
  category,
  value,
  label: label ?? (value instanceof RawJson ? value.text : shortJson(value)),
});

export function shortJson(value: unknown): string {
  const text = value instanceof RawJson ? value.text : (JSON.stringify(value) ?? "undefined");
  return text.length > 60 ? `${text.slice(0, 40)}…(${text.length} chars)` : text;
}

/** One value of each JSON type; a field gets those whose type it does not accept. */
const TYPE_SAMPLES: Readonly<Record<JsonType, unknown>> = {
  null: null,
  boolean: true,
  number: 42,
  string: "text",
  array: [],
  object: {},
};

export function wrongTypes(accepted: readonly JsonType[], example?: unknown): BadValue[] {
  const found: BadValue[] = [];
  for (const [type, sample] of Object.entries(TYPE_SAMPLES) as [JsonType, unknown][])
    if (!accepted.includes(type)) found.push(bad("wrong-type", sample));
  // The right value in the wrong container: ["12"] for "12", {"value": 12} for 12.
  if (example !== undefined && !accepted.includes("array")) found.push(bad("wrong-type", [example]));
  if (example !== undefined && !accepted.includes("object"))
    found.push(bad("wrong-type", { value: example }));
  if (!accepted.includes("boolean")) found.push(bad("wrong-type", false));
  return found;
}

/** JSON numbers no field takes: beyond any range, or not finite once read (1e400 reads as Infinity). */
export const HUGE_NUMBERS: readonly RawJson[] = [
  new RawJson("1e308"),
  new RawJson("18446744073709551616"),
  new RawJson("-1e400"),
  new RawJson("1e400"),
];

/** 400 nines: as a money or decimal string, far beyond 10^15 minor units and any rate. */
export const FOUR_HUNDRED_NINES = "9".repeat(400);

export const LONG_STRING = "x".repeat(100_000);

/** Not a calendar date YYYY-MM-DD from 1900-01-01 to 2999-12-31 (docs/reference/terms.md). */
export const BAD_DATES: readonly string[] = [
  "2025-02-30",
  "2025-13-01",
  "20250101",
  "tomorrow",
  "",
  "2025-02-29",
  "2025-00-10",
  "2025-01-32",
  "2025-1-1",
  "2025/01/01",
  "01-02-2025",
  "2025-01-01T00:00:00Z",
  " 2025-01-01",
  "1899-12-31",
  "3000-01-01",
  "２０２５-01-01",
  "+2025-01-01",
];

/** Not an id: 1 to 64 letters, digits, '-' or '_', starting with a letter or digit (src/app/ids.ts). */
export const BAD_IDS: readonly string[] = [
  "has space",
  "-leading-dash",
  "_leading-underscore",
  "a".repeat(65),
  "a".repeat(5000),
  "é",
  "a/b",
  "a.b",
  "a%b",
  "\u0000",
  "'; drop table loans; --",
  "a+b",
  "😀",
];

/** Not a decimal as the API's schemas write it: digits, optionally a point and decimals; no sign or exponent. */
export const BAD_STRICT_DECIMALS: readonly string[] = [
  "",
  "-1",
  "1e5",
  "1,000.00",
  "abc",
  ".5",
  "1.",
  "0x10",
  " 1.00",
  "1.00 ",
  "１.00",
  "NaN",
  "Infinity",
];

/** Not decimal text in any engine document (a sign is allowed there, an exponent or a grouping comma is not). */
export const BAD_ENGINE_DECIMALS: readonly string[] = [
  "",
  "abc",
  "1e5",
  "1,000.00",
  "0x10",
  "NaN",
  "Infinity",
  "1.2.3",
  "--1",
  "1.00 ",
];

/** A name outside any enum of Tenor's documents. */
export const OUTSIDE_ENUM = "zz-not-an-allowed-value";

export function badEnumStrings(values: readonly string[]): BadValue[] {
  const found = [bad("bad-enum", OUTSIDE_ENUM), bad("bad-enum", "")];
  const first = values[0];
  if (first !== undefined) {
    if (first.toUpperCase() !== first && !values.includes(first.toUpperCase()))
      found.push(bad("bad-enum", first.toUpperCase()));
    found.push(bad("bad-enum", `${first} `));
  }
  return found;
}

export const FC_SEED = 20_260_611;

/** Random JSON values (fast-check, fixed seed), as they arrive once sent: NaN → null, undefined left out. */
export function randomJunk(count: number): unknown[] {
  const values = [
    ...fc.sample(fc.anything(), { seed: FC_SEED, numRuns: count }),
    ...fc.sample(fc.json(), { seed: FC_SEED + 1, numRuns: count }).map((text) => JSON.parse(text) as unknown),
  ];
  const sent: unknown[] = [];
  for (const value of values) {
    const text = JSON.stringify([value]);
    const [item] = JSON.parse(text) as unknown[];
    if (item !== undefined) sent.push(item);
  }
  return sent;
}

/** Random JSON texts (fast-check, fixed seed) for whole bodies. */
export function randomJsonTexts(count: number): string[] {
  return fc.sample(fc.json({ maxDepth: 4 }), { seed: FC_SEED + 2, numRuns: count });
}

/** Random text (fast-check, fixed seed) for query parameters and path segments. */
export function randomStrings(count: number): string[] {
  return fc.sample(fc.string({ unit: "binary", maxLength: 30 }), { seed: FC_SEED + 3, numRuns: count });
}

/** Arrays or objects nested `depth` levels, as JSON text. */
export function nestedArrays(depth: number): RawJson {
  return new RawJson(`${"[".repeat(depth)}${"]".repeat(depth)}`);
}

export function nestedObjects(depth: number): RawJson {
  return new RawJson(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
}
