// Which fields are personal and where each is sealed (src/store/sealed-text.ts): a borrower's name and
// financial profile, and the stored answer of a command that returned them or a secret — a new API key, which
// the database otherwise keeps only as a hash (an idempotency record keeps the answer to replay it). Each
// sealed value is bound to its place — the table, tenant, row and column — so it opens only where it was
// written.
import type { DataKeys } from "../store/data-keys.ts";
import { isSealed, openText, sealText } from "../store/sealed-text.ts";

const namePlace = (tenantId: string, borrowerId: string) => `borrowers/${tenantId}/${borrowerId}/name`;
const profilePlace = (tenantId: string, borrowerId: string) => `borrowers/${tenantId}/${borrowerId}/profile`;

export function sealName(keys: DataKeys, tenantId: string, borrowerId: string, name: string): string {
  return sealText(keys, name, namePlace(tenantId, borrowerId));
}

export function openName(keys: DataKeys, tenantId: string, borrowerId: string, stored: string): string {
  return openText(keys, stored, namePlace(tenantId, borrowerId));
}

/** The profile document as sealed JSON text. */
export function sealProfile(keys: DataKeys, tenantId: string, borrowerId: string, profile: unknown): string {
  return sealText(keys, JSON.stringify(profile), profilePlace(tenantId, borrowerId));
}

/** The profile document, or null when the borrower has none. */
export function openProfile(
  keys: DataKeys,
  tenantId: string,
  borrowerId: string,
  stored: string | null,
): unknown {
  return stored === null ? null : JSON.parse(openText(keys, stored, profilePlace(tenantId, borrowerId)));
}

/** Where a command's stored answer lives: the tenant, the API key and the Idempotency-Key. */
export interface AnswerPlace {
  readonly tenantId: string;
  readonly keyId: string;
  readonly key: string;
}

const answerPlace = (place: AnswerPlace) => `idempotency_keys/${place.tenantId}/${place.keyId}/${place.key}`;

/** A command's answer as its idempotency record keeps it when it holds personal data or a secret:
 * `{"sealed": "…"}`. */
export function sealAnswer(keys: DataKeys, place: AnswerPlace, body: unknown): { sealed: string } {
  return { sealed: sealText(keys, JSON.stringify(body), answerPlace(place)) };
}

/** A stored answer as it was given: opened if it was sealed, as it is otherwise. */
export function openAnswer(keys: DataKeys, place: AnswerPlace, stored: unknown): unknown {
  if (
    typeof stored === "object" &&
    stored !== null &&
    !Array.isArray(stored) &&
    Object.keys(stored).length === 1 &&
    typeof (stored as { sealed?: unknown }).sealed === "string" &&
    isSealed((stored as { sealed: string }).sealed)
  )
    return JSON.parse(openText(keys, (stored as { sealed: string }).sealed, answerPlace(place)));
  return stored;
}
