// One personal field sealed with AES-256-GCM (node:crypto): `sealed:1:<key version>:<base64url of a 12-byte
// random IV, the ciphertext and the 16-byte tag>`. The field's place — table, tenant, row and column, such as
// `borrowers/acme/bor_1/name` — is authenticated with it (GCM's additional data), so a sealed value copied into
// another row or column does not open there: it cannot be used to show one borrower's data as another's.
//
// A value without the `sealed:1:` prefix is one written before personal data was sealed; it is read as it is,
// and `tenor reseal` seals it.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { DataKeys } from "./data-keys.ts";

const PREFIX = "sealed:1:";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealedTextError";
  }
}

/** Seals `plaintext` with the current key, bound to `place`. */
export function sealText(keys: DataKeys, plaintext: string, place: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyOf(keys, keys.current, place), iv);
  cipher.setAAD(Buffer.from(place, "utf8"));
  const body = Buffer.concat([iv, cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${PREFIX}${keys.current}:${body.toString("base64url")}`;
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The key version a stored value was sealed with; undefined for a value never sealed. */
export function sealedVersion(stored: string): number | undefined {
  if (!isSealed(stored)) return undefined;
  const version = Number(stored.slice(PREFIX.length, stored.indexOf(":", PREFIX.length)));
  return Number.isSafeInteger(version) ? version : undefined;
}

/** Opens a value `sealText` sealed for `place`; a value never sealed is returned as it is. */
export function openText(keys: DataKeys, stored: string, place: string): string {
  if (!isSealed(stored)) return stored;
  const colon = stored.indexOf(":", PREFIX.length);
  const version = Number(stored.slice(PREFIX.length, colon));
  if (colon < 0 || !Number.isSafeInteger(version)) throw damaged(place, "its key version is not a number");
  const body = Buffer.from(stored.slice(colon + 1), "base64url");
  if (body.length < IV_BYTES + TAG_BYTES) throw damaged(place, "it is too short");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(keys, version, place), body.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(place, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([
      decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    // GCM's tag check: the value was changed, belongs to another place, or this key of that version is not
    // the one that sealed it.
    throw damaged(
      place,
      `key version ${version} (${keys.source}) does not open it: it was altered, copied from another field, or sealed with another key of that version`,
    );
  }
}

function keyOf(keys: DataKeys, version: number, place: string): Buffer {
  const key = keys.keys.get(version);
  if (key === undefined)
    throw new SealedTextError(
      `${place}: sealed with key version ${version}, which ${keys.source} does not hold (it holds ${[...keys.keys.keys()].join(", ")}); add that key to open it`,
    );
  return key;
}

function damaged(place: string, why: string): SealedTextError {
  return new SealedTextError(`${place}: the sealed value cannot be opened: ${why}`);
}
