import type { Terms } from "../terms.ts";
import { INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

const PLACEMENTS = ["every", "first", "last"] as const;

/** `placement` of principal and interest, each "every" installment by default. */
export function readPlacement(r: TermsReader, value: unknown): Parsed<Terms["placement"]> {
  const fields =
    value === undefined
      ? {}
      : r.object(value, "placement", ["principal", "interest"], '{"principal": "last"}');
  if (fields === INVALID) return INVALID;
  const principal = r.oneOf(fields.principal, "placement.principal", PLACEMENTS, "every");
  const interest = r.oneOf(fields.interest, "placement.interest", PLACEMENTS, "every");
  if (principal === INVALID || interest === INVALID) return INVALID;
  return { principal, interest };
}
