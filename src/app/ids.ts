// Object ids: a readable prefix and random letters (`loan_4fk2…`), unless the caller chose one.
import { randomBytes } from "node:crypto";
import { invalid } from "./app-error.ts";

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url").replace(/[-_]/g, "0")}`;
}

/** A caller-chosen id, checked; or a new one. */
export function chosenId(field: string, value: string | undefined, prefix: string): string {
  if (value === undefined) return newId(prefix);
  if (!ID_PATTERN.test(value))
    throw invalid(
      field,
      value,
      "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit",
    );
  return value;
}
