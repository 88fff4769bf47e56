// Reads the JSON terms document (docs/reference/terms.md) into normalized `Terms`.
//
// The checks are hand-written rather than a schema: most rules span several fields (a fee tier against
// `installments`, a placement against the loan type), every message must name the field, the value received
// and what is allowed, and every problem of the document is collected before failing, so that one round trip
// shows the user everything to fix. Each `read…` function of terms-parser/ validates one part of the
// document, reports its problems to the `TermsReader` and returns the normalized value or `INVALID`; the
// cross-field rules (terms-parser/cross-checks.ts) run afterwards on whatever parts were valid.
import { assert, TenorError } from "../core/errors.ts";
import type { Terms } from "./terms.ts";
import { readTerms } from "./terms-parser/read-terms.ts";
import { INVALID, TermsReader } from "./terms-parser/terms-reader.ts";

/**
 * Validates a terms document and returns the normalized terms with every default applied.
 * Throws `TenorError("INVALID_TERMS", issues)` listing every problem found, each naming the dotted field
 * (`fees[1].percent`, 0-based indexes), the value received and what is allowed.
 */
export function parseTerms(document: unknown): Terms {
  const reader = new TermsReader();
  const terms = readTerms(reader, document);
  if (reader.issues.length > 0) throw new TenorError("INVALID_TERMS", reader.issues);
  assert(terms !== INVALID, "parseTerms: invalid terms without an issue");
  return terms;
}
