// Reads Weka's ARFF text (the German credit file, data/credit/credit-g.arff) into typed attributes and rows.
// Pure: text in, rows out. Supports what that format needs: `%` comments, @relation, @attribute with a numeric
// type (numeric, real, integer) or a {nominal, 'quoted value', …} list, @data with comma-separated values in
// single or double quotes, and `?` for a missing value (undefined). Sparse rows and string/date types are not
// supported and are refused. Malformed text is a broken data file, so it throws a plain Error naming the line.

export type ArffAttribute =
  | { readonly name: string; readonly kind: "numeric" }
  | { readonly name: string; readonly kind: "nominal"; readonly values: readonly string[] };

/** A numeric attribute's value is a number, a nominal one's its text; undefined is missing (`?`). */
export type ArffValue = number | string | undefined;

export interface ArffTable {
  readonly relation: string;
  readonly attributes: readonly ArffAttribute[];
  readonly rows: readonly (readonly ArffValue[])[];
}

export function parseArff(text: string): ArffTable {
  let relation = "";
  const attributes: ArffAttribute[] = [];
  const rows: ArffValue[][] = [];
  let inData = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trim();
    if (content === "" || content.startsWith("%")) return;
    if (inData) {
      rows.push(readRow(content, attributes, line));
      return;
    }
    const keyword = /^@(\w+)\s*(.*)$/.exec(content);
    if (!keyword) throw new Error(`ARFF line ${line}: expected @relation, @attribute or @data`);
    const [, word = "", rest = ""] = keyword;
    switch (word.toLowerCase()) {
      case "relation":
        relation = (splitValues(rest, line)[0] ?? "").trim();
        break;
      case "attribute":
        attributes.push(readAttribute(rest, line));
        break;
      case "data":
        if (attributes.length === 0) throw new Error(`ARFF line ${line}: @data before any @attribute`);
        inData = true;
        break;
      default:
        throw new Error(`ARFF line ${line}: unknown declaration @${word}`);
    }
  });
  if (!inData) throw new Error("ARFF: no @data section");
  return { relation, attributes, rows };
}

function readAttribute(rest: string, line: number): ArffAttribute {
  const { token: name, after } = firstToken(rest, line);
  const type = after.trim();
  if (type.startsWith("{")) {
    if (!type.endsWith("}")) throw new Error(`ARFF line ${line}: a nominal list must end with }`);
    const values = splitValues(type.slice(1, -1), line).map((value) => value.trim());
    return { name, kind: "nominal", values };
  }
  if (/^(numeric|real|integer)$/i.test(type)) return { name, kind: "numeric" };
  throw new Error(`ARFF line ${line}: attribute ${name} has the unsupported type "${type}"`);
}

function readRow(content: string, attributes: readonly ArffAttribute[], line: number): ArffValue[] {
  if (content.startsWith("{")) throw new Error(`ARFF line ${line}: sparse rows are not supported`);
  const cells = splitValues(content, line);
  if (cells.length !== attributes.length) {
    throw new Error(`ARFF line ${line}: ${cells.length} values, but ${attributes.length} attributes`);
  }
  return cells.map((cell, i) => {
    const attribute = attributes[i] as ArffAttribute;
    const value = cell.trim();
    if (value === "?") return undefined;
    if (attribute.kind === "numeric") {
      // float-ok: a data value of the training file, not money
      const number = Number(value);
      if (value === "" || !Number.isFinite(number)) {
        throw new Error(`ARFF line ${line}: ${attribute.name} must be a number, got "${value}"`);
      }
      return number;
    }
    if (!attribute.values.includes(value)) {
      throw new Error(`ARFF line ${line}: ${attribute.name} has the undeclared value "${value}"`);
    }
    return value;
  });
}

/** The first (possibly quoted) token of `text` and what follows it. */
function firstToken(text: string, line: number): { token: string; after: string } {
  const trimmed = text.trimStart();
  const quote = trimmed[0];
  if (quote === "'" || quote === '"') {
    const end = trimmed.indexOf(quote, 1);
    if (end < 0) throw new Error(`ARFF line ${line}: an unclosed quote`);
    return { token: trimmed.slice(1, end), after: trimmed.slice(end + 1) };
  }
  const match = /^(\S+)(.*)$/.exec(trimmed);
  if (!match) throw new Error(`ARFF line ${line}: a name is missing`);
  return { token: match[1] as string, after: match[2] as string };
}

/**
 * Splits a comma-separated list; a value in single or double quotes keeps its commas and spaces (a backslash
 * escapes the next character). Unquoted values are returned untrimmed for the caller to trim; quoted values are
 * returned without their quotes, with surrounding spaces dropped.
 */
function splitValues(text: string, line: number): string[] {
  const values: string[] = [];
  let i = 0;
  while (i <= text.length) {
    while (text[i] === " " || text[i] === "\t") i++;
    const quote = text[i];
    if (quote === "'" || quote === '"') {
      let value = "";
      i++;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === "\\" && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      if (i >= text.length) throw new Error(`ARFF line ${line}: an unclosed quote`);
      i++;
      while (text[i] === " " || text[i] === "\t") i++;
      if (i < text.length && text[i] !== ",") throw new Error(`ARFF line ${line}: text after a quoted value`);
      values.push(value);
    } else {
      const end = text.indexOf(",", i);
      const stop = end < 0 ? text.length : end;
      values.push(text.slice(i, stop));
      i = stop;
    }
    i++; // past the comma (or past the end)
  }
  return values;
}
