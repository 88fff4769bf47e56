// Names of a profile's incomes, expenses and debts: short, non-blank and unique within their list, so that an
// explanation ("the car loan ends in June 2027") points at one item.
import { isPlainObject, type Parsed, type TermsReader } from "../../schedule/terms-parser/terms-reader.ts";

export const MAX_NAME_LENGTH = 64;

/** A name of 1–64 characters that is not only spaces. */
export function readName(r: TermsReader, value: unknown, field: string, example: string): Parsed<string> {
  const allowed = `a name of 1 to ${MAX_NAME_LENGTH} characters such as "${example}"`;
  if (value === undefined) return r.missing(field, allowed);
  if (typeof value !== "string" || value.trim() === "" || value.length > MAX_NAME_LENGTH) {
    return r.report(field, value, `must be ${allowed}`);
  }
  return value;
}

/** Reports every item of `items` (the raw list at `listField`) whose name repeats an earlier item's. */
export function checkUniqueNames(r: TermsReader, items: readonly unknown[], listField: string): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    if (!isPlainObject(item) || typeof item.name !== "string") return;
    const first = seen.get(item.name);
    if (first === undefined) seen.set(item.name, index);
    else
      r.report(
        `${listField}[${index}].name`,
        item.name,
        `repeats the name of ${listField}[${first}]: each item needs its own name`,
      );
  });
}
