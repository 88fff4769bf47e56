// API keys: `tenor.<tenant>.<key id>.<secret>`. Only a SHA-256 hash of the secret is stored; a key is checked
// by recomputing it and comparing in constant time. Verified keys are remembered for a few seconds so that
// a busy client does not cost a database read per request (a revocation takes effect within that time).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Store } from "../store/database.ts";
import type { Role } from "../store/schema.ts";
import type { Actor } from "./actor.ts";
import { AppError } from "./app-error.ts";

const KEY_PATTERN = /^tenor\.([a-z0-9][a-z0-9-]{0,62})\.([A-Za-z0-9]{8,32})\.([A-Za-z0-9_-]{43})$/;
const CACHE_MILLISECONDS = 5_000;
const CACHE_LIMIT = 10_000;

export interface IssuedKey {
  readonly key: string;
  readonly keyId: string;
  readonly role: Role;
  readonly borrowerId: string | null;
}

export function newKey(tenantId: string): { key: string; keyId: string; secretHash: string } {
  const keyId = randomBytes(9).toString("base64url").replace(/[-_]/g, "x");
  const secret = randomBytes(32).toString("base64url");
  return { key: `tenor.${tenantId}.${keyId}.${secret}`, keyId, secretHash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

interface CachedActor {
  readonly actor: Actor;
  readonly hash: string;
  readonly until: number;
}

/** Resolves `Authorization: Bearer <key>` values to actors; one per app instance. */
export class Authenticator {
  readonly #store: Store;
  readonly #cache = new Map<string, CachedActor>();

  constructor(store: Store) {
    this.#store = store;
  }

  async authenticate(key: string | undefined): Promise<Actor> {
    const match = key === undefined ? null : KEY_PATTERN.exec(key);
    if (match === null) throw new AppError("UNAUTHENTICATED", "missing or malformed API key");
    const [, tenantId, keyId, secret] = match as unknown as [string, string, string, string];
    const hash = hashSecret(secret);
    const cacheKey = `${tenantId}/${keyId}`;
    const cached = this.#cache.get(cacheKey);
    if (cached !== undefined && cached.until > Date.now() && sameHash(cached.hash, hash)) return cached.actor;
    const row = await this.#store.read((db) =>
      db
        .selectFrom("api_keys")
        .select(["secret_hash", "role", "borrower_id", "revoked_at"])
        .where("tenant_id", "=", tenantId)
        .where("key_id", "=", keyId)
        .executeTakeFirst(),
    );
    if (row === undefined || row.revoked_at !== null || !sameHash(row.secret_hash, hash))
      throw new AppError("UNAUTHENTICATED", "unknown or revoked API key");
    const actor: Actor = { tenantId, keyId, role: row.role, borrowerId: row.borrower_id ?? undefined };
    if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
    this.#cache.set(cacheKey, { actor, hash: row.secret_hash, until: Date.now() + CACHE_MILLISECONDS });
    return actor;
  }

  /** Forgets a key at once (after revoking it in this process). */
  forget(tenantId: string, keyId: string): void {
    this.#cache.delete(`${tenantId}/${keyId}`);
  }
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
