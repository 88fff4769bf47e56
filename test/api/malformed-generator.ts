// Malformed requests for every route of the API, made from the route's schemas (as JSON Schema, the form the
// OpenAPI document shows) and its example with real ids: each field of the body and the query given a value
// its kind refuses, unknown fields at every level, missing required fields, deep nesting, bodies that are not
// JSON objects, wrong content types, bad path ids and bad idempotency keys, plus fast-check's random junk put
// into fields. Only requests the documented rules refuse are made; a valid one here would be a test bug.
import { jsonSchemaOf } from "../../src/api/openapi.ts";
import { pathWith, type Route } from "../../src/api/routes.ts";
import { ID_PATTERN } from "../../src/app/ids.ts";
import {
  acceptedTypes,
  badBodyValues,
  badQueryValues,
  EXTRA_FIELDS,
  isObject,
  type Kind,
  kindOfExample,
  kindOfSchema,
  queryTextRefused,
  withExtraFields,
} from "./malformed-kinds.ts";
import {
  BAD_IDS,
  type Category,
  jsonType,
  jsonWithRaw,
  nestedArrays,
  nestedObjects,
  randomJsonTexts,
  randomJunk,
  randomStrings,
  shortJson,
} from "./malformed-values.ts";

/** A route with its example made real: ids of objects that exist, so requests reach deep validation. */
export interface RouteCase {
  readonly route: Route;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** The example body (undefined: the route takes none, or none is needed). */
  readonly body: unknown;
  /** Fields the engines' documents require (docs/reference), as paths into the body. */
  readonly requiredInDocuments: readonly Path[];
  /** Bodies this route refuses for a reason of its own (the schema's description says why). */
  readonly refusedBodies?: readonly { readonly what: string; readonly body: unknown }[];
}

export interface MalformedRequest {
  readonly category: Category;
  readonly operation: string;
  /** A write that takes an Idempotency-Key. */
  readonly command: boolean;
  readonly method: string;
  /** With the query string. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  /** What is wrong, for the failure message. */
  readonly what: string;
}

export type Path = readonly (string | number)[];

/** A field of the body or the query: where it is, its kind and its example value (undefined when absent). */
interface Slot {
  readonly path: Path;
  readonly kind: Kind;
  readonly example: unknown;
}

type JsonSchema = Readonly<Record<string, unknown>>;

const JSON_HEADERS = { "Content-Type": "application/json" };
const JUNK_PER_FIELD = 3;
const RANDOM_BODIES_PER_ROUTE = 12;
const RANDOM_PATH_IDS = 6;
const RANDOM_QUERY_VALUES = 4;

/** All malformed requests for the routes. */
export function malformedRequests(cases: readonly RouteCase[]): MalformedRequest[] {
  const junk = randomJunk(400);
  const junkCursor = { next: 0 };
  const texts = randomJsonTexts(RANDOM_BODIES_PER_ROUTE * cases.length);
  const strings = randomStrings(400).map((text) => text.toWellFormed());
  const found: MalformedRequest[] = [];
  cases.forEach((routeCase, index) => {
    const make = maker(routeCase);
    found.push(...pathRequests(routeCase, make, strings));
    found.push(...queryRequests(routeCase, make, strings));
    if (routeCase.route.method === "GET") return;
    found.push(...bodyFieldRequests(routeCase, make, junk, junkCursor));
    found.push(...wholeBodyRequests(routeCase, make));
    const own = texts.slice(index * RANDOM_BODIES_PER_ROUTE, (index + 1) * RANDOM_BODIES_PER_ROUTE);
    found.push(...randomBodyRequests(make, own));
    if (routeCase.route.command) found.push(...idempotencyKeyRequests(routeCase, make));
  });
  return found;
}

interface Parts {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  /** Raw body text; undefined sends the example body. */
  readonly body?: string | undefined;
  /** The headers (default: a JSON Content-Type when there is a body). */
  readonly headers?: Readonly<Record<string, string>>;
}

type Make = (category: Category, what: string, parts?: Parts) => MalformedRequest;

/** Requests of the route: the example's parts unless given. */
function maker(routeCase: RouteCase): Make {
  const { route } = routeCase;
  const exampleBody = routeCase.body === undefined ? undefined : jsonWithRaw(routeCase.body);
  return (category, what, parts = {}) => {
    const query = new URLSearchParams({ ...(parts.query ?? routeCase.query) }).toString();
    const body = parts.body ?? exampleBody;
    const headers = parts.headers ?? (body === undefined ? {} : JSON_HEADERS);
    return {
      category,
      operation: route.operation,
      command: route.command,
      method: route.method,
      path: pathWith(route.path, parts.params ?? routeCase.params) + (query === "" ? "" : `?${query}`),
      headers,
      body,
      what,
    };
  };
}

function pathRequests(routeCase: RouteCase, make: Make, strings: readonly string[]): MalformedRequest[] {
  const found: MalformedRequest[] = [];
  for (const name of Object.keys(routeCase.params)) {
    const at = (id: string) => ({ params: { ...routeCase.params, [name]: id } });
    for (const id of BAD_IDS) found.push(make("bad-id", `path.${name} = ${shortJson(id)}`, at(id)));
    // Random text that is not an id; "." and ".." are left out, as URLs resolve them to another path.
    const random = strings.filter((text) => !ID_PATTERN.test(text) && text !== "" && !/^\.{1,2}$/.test(text));
    for (const id of pick(random, RANDOM_PATH_IDS, name.length))
      found.push(make("random-junk", `path.${name} = ${shortJson(id)}`, at(id)));
  }
  return found;
}

function queryRequests(routeCase: RouteCase, make: Make, strings: readonly string[]): MalformedRequest[] {
  const { route } = routeCase;
  const found: MalformedRequest[] = [];
  for (const name of [...EXTRA_FIELDS.map(([key]) => key), "toString", "hasOwnProperty"]) {
    const query: Record<string, string> = { ...routeCase.query };
    Object.defineProperty(query, name, { value: "1", enumerable: true, writable: true, configurable: true });
    found.push(make("extra-query", `query + ${name}`, { query }));
  }
  if (route.request.query === undefined) return found;
  const schema = jsonSchemaOf(route.request.query) as { properties?: Record<string, JsonSchema> };
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const kind = kindOfSchema(property);
    const at = (text: string) => ({ query: { ...routeCase.query, [name]: text } });
    for (const bad of badQueryValues(kind))
      found.push(make(bad.category, `query.${name} = ${bad.label}`, at(String(bad.value))));
    const random = strings.filter((text) => queryTextRefused(kind, text));
    for (const text of pick(random, RANDOM_QUERY_VALUES, name.length))
      found.push(make("random-junk", `query.${name} = ${shortJson(text)}`, at(text)));
  }
  return found;
}

/** The fields of the body: the schema's own properties, and inside engine documents the example's fields. */
function bodySlots(routeCase: RouteCase): Slot[] {
  const schema = routeCase.route.request.body;
  if (schema === undefined) return [];
  const json = jsonSchemaOf(schema) as JsonSchema & { properties?: Record<string, JsonSchema> };
  const slots: Slot[] = [];
  if (json.properties !== undefined) {
    for (const [name, property] of Object.entries(json.properties)) {
      const example = isObject(routeCase.body) ? routeCase.body[name] : undefined;
      const kind = kindOfSchema(property);
      slots.push({ path: [name], kind, example });
      if (example !== undefined && (kind.type === "document" || kind.type === "string-or-document"))
        slots.push(...documentSlots([name], example));
    }
  } else if (kindOfSchema(json).type === "document") {
    slots.push(...documentSlots([], routeCase.body));
  }
  return slots;
}

function documentSlots(path: Path, value: unknown): Slot[] {
  const slots: Slot[] = [];
  const children: [string | number, unknown][] = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : isObject(value)
      ? Object.entries(value)
      : [];
  for (const [key, child] of children) {
    const at = [...path, key];
    // An array item is named by its array: the items of "loanTypes" are loan types.
    const name = typeof key === "number" ? String(path[path.length - 1] ?? "") : key;
    slots.push({ path: at, kind: kindOfExample(name, child), example: child });
    slots.push(...documentSlots(at, child));
  }
  return slots;
}

function bodyFieldRequests(
  routeCase: RouteCase,
  make: Make,
  junk: readonly unknown[],
  cursor: { next: number },
): MalformedRequest[] {
  const found: MalformedRequest[] = [];
  const withValue = (path: Path, value: unknown) => ({
    body: jsonWithRaw(setAt(routeCase.body, path, value)),
  });
  const slots = bodySlots(routeCase);
  for (const slot of slots) {
    const field = fieldName(slot.path);
    for (const bad of badBodyValues(slot.kind, slot.example))
      found.push(make(bad.category, `${field} = ${bad.label}`, withValue(slot.path, bad.value)));
    found.push(make("deep-nesting", `${field} = 40 nested arrays`, withValue(slot.path, nestedArrays(40))));
    found.push(
      make("deep-nesting", `${field} = 1000 nested objects`, withValue(slot.path, nestedObjects(1000))),
    );
    const accepted = acceptedTypes(slot.kind);
    for (let taken = 0, tried = 0; taken < JUNK_PER_FIELD && tried < junk.length; tried++) {
      const value = junk[cursor.next++ % junk.length];
      if (accepted.includes(jsonType(value))) continue;
      found.push(make("random-junk", `${field} = ${shortJson(value)}`, withValue(slot.path, value)));
      taken++;
    }
  }
  const required = [
    ...requiredOfSchema(routeCase).map((name): Path => [name]),
    ...routeCase.requiredInDocuments,
  ];
  for (const path of required)
    found.push(make("missing-required", `${fieldName(path)} left out`, withValue(path, undefined)));
  return found;
}

function requiredOfSchema(routeCase: RouteCase): string[] {
  const schema = routeCase.route.request.body;
  if (schema === undefined) return [];
  return ((jsonSchemaOf(schema).required as string[] | undefined) ?? []).slice();
}

/** Requests whose whole body is wrong: not JSON, cut short, not an object, too deep, too large, wrong type. */
function wholeBodyRequests(routeCase: RouteCase, make: Make): MalformedRequest[] {
  const found: MalformedRequest[] = [];
  const object = isObject(routeCase.body) ? routeCase.body : {};
  const text = jsonWithRaw(object);
  for (const bad of withExtraFields(object))
    found.push(make("extra-field", `body ${bad.label}`, { body: jsonWithRaw(bad.value) }));
  for (const refused of routeCase.refusedBodies ?? [])
    found.push(make("extra-field", refused.what, { body: jsonWithRaw(refused.body) }));
  for (const raw of [
    "not json",
    "{",
    '{"a":',
    "<xml/>",
    "undefined",
    "{'a': 1}",
    '{"a": 1,}',
    "NaN",
    "\u0000",
    `${text}}`,
    `${text} trailing`,
    `${text}${text}`,
  ])
    found.push(make("non-json", `body ${shortJson(raw)}`, { body: raw, headers: JSON_HEADERS }));
  for (const cut of new Set([1, Math.floor(text.length / 2), text.length - 1]))
    if (cut > 0 && cut < text.length)
      found.push(
        make("truncated-json", `body cut at ${cut} of ${text.length}`, { body: text.slice(0, cut) }),
      );
  for (const value of ["[]", `[${text}]`, '"text"', "42", "true", "false", "null", '""'])
    found.push(make("not-an-object", `body ${shortJson(value)}`, { body: value, headers: JSON_HEADERS }));
  for (const depth of [33, 40, 100, 1000, 100_000]) {
    found.push(make("deep-nesting", `body = ${depth} nested arrays`, { body: nestedArrays(depth).text }));
    found.push(make("deep-nesting", `body = ${depth} nested objects`, { body: nestedObjects(depth).text }));
  }
  found.push(
    make("too-large", "body of 2 MiB", { body: JSON.stringify({ padding: "x".repeat(2 * 1024 * 1024) }) }),
  );
  for (const type of [
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "text/json",
    "application/jsonp",
    "application/json-seq",
  ])
    found.push(
      make("wrong-content-type", `Content-Type: ${type}`, { body: text, headers: { "Content-Type": type } }),
    );
  found.push(make("wrong-content-type", "no Content-Type", { body: text, headers: {} }));
  return found;
}

function randomBodyRequests(make: Make, texts: readonly string[]): MalformedRequest[] {
  // An empty object is left out: it is a valid body of routes whose fields are all optional.
  return texts
    .filter((text) => {
      const value = JSON.parse(text) as unknown;
      return !(isObject(value) && Object.keys(value).length === 0);
    })
    .map((text) => make("random-junk", `body ${shortJson(text)}`, { body: text, headers: JSON_HEADERS }));
}

/** The valid example with an Idempotency-Key that is not 1 to 255 visible ASCII characters. */
function idempotencyKeyRequests(routeCase: RouteCase, make: Make): MalformedRequest[] {
  return ["", "has space", "x".repeat(256), "clé", "a\tb"].map((key) =>
    make("bad-idempotency-key", `Idempotency-Key ${shortJson(key)}`, {
      headers: { ...(routeCase.body === undefined ? {} : JSON_HEADERS), "Idempotency-Key": key },
    }),
  );
}

/** A copy of `value` with the field at `path` set (undefined: removed); the container is made if missing. */
export function setAt(value: unknown, path: Path, field: unknown): unknown {
  if (path.length === 0) return field;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) {
    const copy = value.slice();
    copy[key as number] = setAt(value[key as number], rest, field);
    return copy;
  }
  const copy: Record<string, unknown> = isObject(value) ? { ...value } : {};
  const next = setAt(copy[key], rest, field);
  if (next === undefined) delete copy[key];
  else
    Object.defineProperty(copy, key, { value: next, enumerable: true, writable: true, configurable: true });
  return copy;
}

export function fieldName(path: Path): string {
  let name = "body";
  for (const key of path) name += typeof key === "number" ? `[${key}]` : `.${key}`;
  return name;
}

/** `count` items spread over the list, starting at `offset` (the same for a given list and offset). */
function pick<T>(items: readonly T[], count: number, offset: number): T[] {
  if (items.length === 0) return [];
  const step = Math.max(1, Math.floor(items.length / count));
  return Array.from(
    { length: Math.min(count, items.length) },
    (_, i) => items[(offset + i * step) % items.length] as T,
  );
}
