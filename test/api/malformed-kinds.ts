// What kind of value each field of a request is, and the values that kind refuses. Fields of the API's own
// schemas get their kind from the JSON Schema the OpenAPI document is made of (`jsonSchemaOf`); fields inside
// the engines' documents (terms, profiles, events, …), which the API passes through as JSON objects, get it from
// the route's example value and the document rules in docs/reference/.
import { ID_PATTERN } from "../../src/app/ids.ts";
import {
  BAD_DATES,
  BAD_ENGINE_DECIMALS,
  BAD_IDS,
  BAD_STRICT_DECIMALS,
  type BadValue,
  badEnumStrings,
  type Category,
  FOUR_HUNDRED_NINES,
  HUGE_NUMBERS,
  type JsonType,
  LONG_STRING,
  OUTSIDE_ENUM,
  shortJson,
  wrongTypes,
} from "./malformed-values.ts";

export type Kind =
  | { readonly type: "id" }
  | { readonly type: "text"; readonly min: number; readonly max: number }
  | { readonly type: "enum"; readonly values: readonly string[] }
  | { readonly type: "integer"; readonly min: number; readonly max: number }
  | { readonly type: "digits" }
  | { readonly type: "strict-decimal" }
  | { readonly type: "strict-date" }
  | { readonly type: "decimal-record" }
  | { readonly type: "document" }
  | { readonly type: "string-or-document" }
  | { readonly type: "engine-date" }
  | { readonly type: "engine-decimal" }
  | { readonly type: "engine-name" }
  | { readonly type: "engine-enum" }
  | { readonly type: "engine-integer" }
  | { readonly type: "engine-boolean" }
  | { readonly type: "engine-array" }
  | { readonly type: "engine-object" }
  /** A product's range {"min", "max"} (or one fixed value), of integers or of decimals. */
  | { readonly type: "range"; readonly integers: boolean };

type JsonSchema = Readonly<Record<string, unknown>>;

/** The kind of a property of one of the API's schemas (as JSON Schema). */
export function kindOfSchema(schema: JsonSchema): Kind {
  if (Array.isArray(schema.anyOf)) return { type: "string-or-document" };
  if (Array.isArray(schema.enum)) return { type: "enum", values: schema.enum as string[] };
  if (schema.type === "integer")
    return {
      type: "integer",
      min: (schema.minimum as number | undefined) ?? Number.MIN_SAFE_INTEGER,
      max: (schema.maximum as number | undefined) ?? Number.MAX_SAFE_INTEGER,
    };
  if (schema.type === "string") {
    const pattern = schema.pattern as string | undefined;
    if (pattern === ID_PATTERN.source) return { type: "id" };
    if (pattern?.includes("\\d{4}-\\d{2}-\\d{2}")) return { type: "strict-date" };
    if (pattern?.includes("\\d{1,20}")) return { type: "strict-decimal" };
    if (pattern === "^\\d{1,19}$") return { type: "digits" };
    if (pattern !== undefined) throw new Error(`no kind for the pattern ${pattern}`);
    return {
      type: "text",
      min: (schema.minLength as number | undefined) ?? 0,
      max: (schema.maxLength as number | undefined) ?? Number.MAX_SAFE_INTEGER,
    };
  }
  if (schema.type === "object" && isObject(schema.additionalProperties)) {
    const values = schema.additionalProperties as JsonSchema;
    if (values.type === "string") return { type: "decimal-record" };
    if (Object.keys(values).length === 0 && schema.properties === undefined) return { type: "document" };
  }
  throw new Error(`no kind for the schema ${JSON.stringify(schema)}`);
}

/** Free-text fields of the engines' documents (names, 1–64 characters): any other text there is a name. */
const FREE_TEXT_KEYS = new Set(["name", "label", "reason", "purpose"]);

/** The kind of a value inside an engine document, read from the example. */
export function kindOfExample(key: string, value: unknown): Kind {
  // A policy is a profile's id or a policy document (docs/reference/policy-profiles.md).
  if (key === "policy") return { type: "string-or-document" };
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { type: "engine-date" };
    if (/^-?\d+(\.\d+)?$/.test(value)) return { type: "engine-decimal" };
    return FREE_TEXT_KEYS.has(key) ? { type: "engine-name" } : { type: "engine-enum" };
  }
  if (typeof value === "number")
    return Number.isInteger(value) ? { type: "engine-integer" } : { type: "engine-decimal" };
  if (typeof value === "boolean") return { type: "engine-boolean" };
  if (Array.isArray(value)) return { type: "engine-array" };
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    if (keys.join(",") !== "max,min") return { type: "engine-object" };
    return { type: "range", integers: typeof (value as { min: unknown }).min === "number" };
  }
  throw new Error(`no kind for the example value ${JSON.stringify(value)}`);
}

/**
 * The JSON types a field of the kind accepts. Decimals in the engines' documents may be JSON numbers written
 * without an exponent (docs/reference/terms.md); a product's range may be given as one fixed value instead.
 */
export function acceptedTypes(kind: Kind): readonly JsonType[] {
  switch (kind.type) {
    case "integer":
    case "engine-integer":
      return ["number"];
    case "engine-decimal":
      return ["string", "number"];
    case "decimal-record":
    case "document":
    case "engine-object":
      return ["object"];
    case "string-or-document":
      return ["string", "object"];
    case "range":
      return kind.integers ? ["object", "number"] : ["object", "string", "number"];
    case "engine-boolean":
      return ["boolean"];
    case "engine-array":
      return ["array"];
    default:
      return ["string"];
  }
}

const isString = (kind: Kind) => acceptedTypes(kind).includes("string") && kind.type !== "range";

const bad = (category: Category, value: unknown): BadValue => ({ category, value, label: shortJson(value) });

/** Extra fields no object of Tenor's takes; the last two are prototype-pollution attempts. */
export const EXTRA_FIELDS: readonly (readonly [string, unknown])[] = [
  ["zzUnknownField", 1],
  ["__proto__", { polluted: true }],
  ["constructor", { prototype: { polluted: true } }],
];

export function withExtraFields(value: Readonly<Record<string, unknown>>): BadValue[] {
  return EXTRA_FIELDS.map(([key, extra]) => {
    const copy: Record<string, unknown> = { ...value };
    Object.defineProperty(copy, key, { value: extra, enumerable: true, writable: true, configurable: true });
    return { category: "extra-field", value: copy, label: `+ ${key}` };
  });
}

/** Every value of a JSON body field of the kind that is refused, by category (the example is the valid value). */
export function badBodyValues(kind: Kind, example: unknown): BadValue[] {
  const found = wrongTypes(acceptedTypes(kind), example);
  if (isString(kind)) found.push({ category: "long-string", value: LONG_STRING, label: "100000 × x" });
  switch (kind.type) {
    case "id":
      found.push(...BAD_IDS.map((id) => bad("bad-id", id)));
      break;
    case "text":
      if (kind.min >= 1) found.push(bad("bad-text", ""));
      found.push(bad("bad-text", "x".repeat(kind.max + 1)));
      break;
    case "enum":
      found.push(...badEnumStrings(kind.values));
      break;
    case "integer":
      found.push(bad("wrong-type", String(example ?? kind.min)));
      found.push(bad("bad-number", kind.min - 1), bad("bad-number", kind.max + 1), bad("bad-number", 1.5));
      found.push(...HUGE_NUMBERS.map((value) => bad("huge-number", value)));
      break;
    case "strict-decimal":
      found.push(...BAD_STRICT_DECIMALS.map((text) => bad("bad-number", text)));
      found.push(bad("wrong-type", 1000), bad("wrong-type", 0.5));
      found.push(bad("huge-number", FOUR_HUNDRED_NINES), bad("huge-number", "9".repeat(21)));
      found.push(bad("huge-number", `1.${"0".repeat(19)}`));
      found.push(...HUGE_NUMBERS.map((value) => bad("huge-number", value)));
      break;
    case "strict-date":
    case "engine-date":
      found.push(...BAD_DATES.map((date) => bad("bad-date", date)), bad("wrong-type", 20250101));
      break;
    case "decimal-record": {
      const name = isObject(example) ? (Object.keys(example)[0] ?? "origination") : "origination";
      found.push(bad("bad-id", { "bad key": "1.00" }), bad("bad-number", { [name]: "-1" }));
      found.push(bad("wrong-type", { [name]: 5 }), bad("huge-number", { [name]: FOUR_HUNDRED_NINES }));
      break;
    }
    case "string-or-document":
      found.push(bad("bad-enum", OUTSIDE_ENUM), ...withExtraFields(isObject(example) ? example : {}));
      break;
    case "document":
      if (isObject(example)) found.push(...withExtraFields(example));
      break;
    case "engine-decimal":
      found.push(...BAD_ENGINE_DECIMALS.map((text) => bad("bad-number", text)));
      found.push(bad("huge-number", FOUR_HUNDRED_NINES));
      found.push(...HUGE_NUMBERS.map((value) => bad("huge-number", value)));
      break;
    case "engine-name":
      found.push(bad("bad-text", ""), bad("bad-text", "x".repeat(65)));
      break;
    case "engine-enum":
      found.push(...badEnumStrings([String(example)]));
      break;
    case "engine-integer":
      found.push(bad("wrong-type", String(example)), bad("bad-number", -1), bad("bad-number", 1.5));
      found.push(...HUGE_NUMBERS.map((value) => bad("huge-number", value)));
      break;
    case "engine-boolean":
      found.push(bad("wrong-type", String(example)), bad("wrong-type", 1), bad("wrong-type", 0));
      break;
    case "range":
      // An integer range's fixed value as text: "12" is not a whole number (docs/reference/terms.md).
      if (kind.integers && isObject(example)) found.push(bad("wrong-type", String(example.min)));
      if (isObject(example)) found.push(...withExtraFields(example));
      break;
    case "engine-object":
      if (isObject(example)) found.push(...withExtraFields(example));
      break;
    default:
      break;
  }
  return found;
}

/** Every query value (text) of the kind that is refused. */
export function badQueryValues(kind: Kind): BadValue[] {
  const found: BadValue[] = [];
  switch (kind.type) {
    case "integer":
      for (const text of ["abc", "1.5", "", "true", "null", "[]", "{}", "NaN", "Infinity", "1,5", "0b"])
        found.push(bad("bad-number", text));
      for (const value of [kind.min - 1, kind.max + 1, -1]) found.push(bad("bad-number", String(value)));
      for (const text of ["1e308", "18446744073709551616", FOUR_HUNDRED_NINES, "-1e400", "1e400"])
        found.push(bad("huge-number", text));
      break;
    case "digits":
      for (const text of ["abc", "-1", "1.5", "", "1e3", " 1"]) found.push(bad("bad-number", text));
      // Beyond the int8 audit ids (2^63 - 1): no page's `next` is that.
      for (const text of ["1".repeat(20), "9223372036854775808", "9999999999999999999"])
        found.push(bad("huge-number", text));
      break;
    case "enum":
      found.push(...badEnumStrings(kind.values));
      break;
    case "id":
      found.push(...BAD_IDS.map((id) => bad("bad-id", id)));
      break;
    case "strict-date":
      found.push(...BAD_DATES.map((date) => bad("bad-date", date)));
      break;
    case "text":
      if (kind.min >= 1) found.push(bad("bad-text", ""));
      found.push(bad("bad-text", "x".repeat(kind.max + 1)));
      found.push({ category: "long-string", value: "x".repeat(8000), label: "8000 × x" });
      break;
    default:
      throw new Error(`no query values for ${kind.type}`);
  }
  return found;
}

/**
 * Whether query text is refused by the documented rule of its kind, for random text: an id, a date, a value of
 * the enum, a whole number in range (as JavaScript's Number() reads text, which the API's coercion uses).
 */
export function queryTextRefused(kind: Kind, text: string): boolean {
  switch (kind.type) {
    case "integer": {
      const value = Number(text);
      return !(Number.isInteger(value) && value >= kind.min && value <= kind.max);
    }
    case "digits":
      return !/^\d{1,19}$/.test(text);
    case "enum":
      return !kind.values.includes(text);
    case "id":
      return !ID_PATTERN.test(text);
    case "strict-date":
      return !/^\d{4}-\d{2}-\d{2}$/.test(text);
    case "text":
      return text.length < kind.min || text.length > kind.max;
    default:
      return false;
  }
}

export function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
