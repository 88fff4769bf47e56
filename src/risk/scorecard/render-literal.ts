// Writes plain data (objects, arrays, strings, finite numbers, booleans, null) as TypeScript literal text laid
// out the way the repository's formatter (Biome, line width 110) lays it out, so a generated file passes
// `biome check` untouched: an object or array that fits on its line is written on one line, otherwise one
// entry per line; a string property too long for its line continues on the next. Keys must be plain identifiers and strings must not contain double quotes, both asserted.
import { assert } from "../../core/errors.ts";

const LINE_WIDTH = 110;
const INDENT = "  ";

/**
 * `value` as a literal that starts after `prefix` (already written on the line at `indent`) and is followed by
 * `suffix` on its last line (e.g. "," or ";").
 */
export function renderLiteral(value: unknown, indent: string, prefix: string, suffix: string): string {
  const flat = flatText(value);
  if (flat !== undefined && indent.length + prefix.length + flat.length + suffix.length <= LINE_WIDTH) {
    return flat;
  }
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const lines = value.map((item) => `${inner}${renderLiteral(item, inner, "", ",")},`);
    return `[\n${lines.join("\n")}\n${indent}]`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    const lines = entries.map(([key, item]) => {
      const head = `${checkedKey(key)}: `;
      const text = renderLiteral(item, inner, head, ",");
      // A string too long for its line moves to the next line, indented once more (as Biome writes it).
      if (typeof item === "string" && inner.length + head.length + text.length + 1 > LINE_WIDTH) {
        return `${inner}${checkedKey(key)}:\n${inner}${INDENT}${text},`;
      }
      return `${inner}${head}${text},`;
    });
    return `{\n${lines.join("\n")}\n${indent}}`;
  }
  return primitiveText(value);
}

/** The one-line text of a value, or undefined for a value that must never be flattened. */
function flatText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const items = value.map(flatText);
    if (items.some((item) => item === undefined)) return undefined;
    return `[${items.join(", ")}]`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined);
    if (entries.length === 0) return "{}";
    const items = entries.map(([key, item]) => {
      const text = flatText(item);
      return text === undefined ? undefined : `${checkedKey(key)}: ${text}`;
    });
    if (items.some((item) => item === undefined)) return undefined;
    return `{ ${items.join(", ")} }`;
  }
  return primitiveText(value);
}

function primitiveText(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    assert(Number.isFinite(value), `renderLiteral: ${value} is not a finite number`);
    return Object.is(value, -0) ? "0" : String(value);
  }
  if (typeof value === "string") {
    assert(!value.includes('"'), `renderLiteral: the string ${value} contains a double quote`);
    return JSON.stringify(value);
  }
  throw new Error(`renderLiteral: cannot write a ${typeof value}`);
}

function checkedKey(key: string): string {
  assert(/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key), `renderLiteral: the key ${key} is not an identifier`);
  return key;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
