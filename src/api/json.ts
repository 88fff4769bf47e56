// JSON at the HTTP boundary: bodies are read with a nesting limit (a deeply nested body must be refused, not
// overflow a recursive walk later), answers are written with bigints as decimal text, and a request's
// fingerprint uses a canonical form (keys sorted) so that the same body written in another key order is the
// same request.
import { createHash } from "node:crypto";

/** Deeper than any document Tenor reads (terms nest about five levels). */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in a parsed JSON value (1 for `{}`), counted without recursion. */
export function jsonDepth(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== "object") continue;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_JSON_DEPTH) return deepest;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * The path of the first `__proto__` key in a parsed JSON value, if any. JSON.parse keeps it as an ordinary key,
 * but copying the object (as a schema does) turns it into the copy's prototype: the field would vanish instead
 * of being refused as unknown. No Tenor document has such a field, so the body is refused.
 */
export function prototypeKeyPath(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, "body"]];
  while (stack.length > 0) {
    const [item, path] = stack.pop() as [unknown, string];
    if (item === null || typeof item !== "object") continue;
    if (!Array.isArray(item) && Object.hasOwn(item, "__proto__")) return `${path}.__proto__`;
    for (const [key, child] of Object.entries(item))
      stack.push([child, Array.isArray(item) ? `${path}[${key}]` : `${path}.${key}`]);
  }
  return undefined;
}

/** JSON text of an answer; a bigint (should one slip through) is written as its decimal text. */
export function jsonText(value: unknown): string {
  // A replacer function slows every answer down several times over; it is used only when a bigint is there.
  try {
    return JSON.stringify(value) ?? "null";
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return (
      JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? item.toString() : item)) ?? "null"
    );
  }
}

/** JSON with object keys sorted at every level; the value must be within MAX_JSON_DEPTH. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
}

/** What makes a write this write: its method, its path and its body (canonical), hashed. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method}\n${path}\n${canonicalJson(body)}`)
    .digest("hex");
}
