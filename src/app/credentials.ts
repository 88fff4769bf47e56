// API keys: `tenor.<tenant>.<key id>.<secret>`. Only a SHA-256 hash of the secret is stored; a key is checked
// by recomputing it and comparing in constant time. Verified keys are remembered for a few seconds so that a
// busy client does not cost a database read per request. A revocation still takes effect at once in every
// process: it notifies `tenor_api_keys` when it commits, and each process listening there forgets the key.
// While a process's listening connection is lost (notifications could be missed), it remembers nothing and
// reads every key, until it listens again.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Listening, Store } from "../store/database.ts";
import type { Role } from "../store/schema.ts";
import type { Actor } from "./actor.ts";
import { AppError } from "./app-error.ts";

const KEY_PATTERN = /^tenor\.([a-z0-9][a-z0-9-]{0,62})\.([A-Za-z0-9]{8,32})\.([A-Za-z0-9_-]{43})$/;
const CACHE_MILLISECONDS = 5_000;
const CACHE_LIMIT = 10_000;
/** Where revocations are announced; the payload is `<tenant>/<key id>`. */
export const REVOCATION_CHANNEL = "tenor_api_keys";
/** After failing to listen, how long a process reads every key before it tries again. */
const RELISTEN_MILLISECONDS = 5_000;

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
  readonly #cacheMilliseconds: number;
  #listening: Promise<Listening | undefined> | undefined;
  #retryListenAt = 0;
  /** Why the last attempt to listen failed, if it did; and whether the current outage has been reported. */
  #listenError: string | undefined;
  #outage = false;
  readonly #warn: (line: string) => void;
  /** Counts revocations heard: a key read before one must not be remembered after it (it may be that key). */
  #revocations = 0;

  constructor(
    store: Store,
    options: { readonly cacheMilliseconds?: number; readonly warn?: (line: string) => void } = {},
  ) {
    this.#store = store;
    this.#cacheMilliseconds = options.cacheMilliseconds ?? CACHE_MILLISECONDS;
    this.#warn = options.warn ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** True while this process hears revocations, and so may remember verified keys. */
  async followsRevocations(): Promise<boolean> {
    if (this.#listening === undefined && Date.now() >= this.#retryListenAt) {
      this.#listening = this.#store
        .listen(REVOCATION_CHANNEL, (payload) => {
          this.#revocations++;
          this.#cache.delete(payload);
        })
        .catch((error: unknown) => {
          this.#listenError = String(error);
          return undefined;
        });
    }
    const listening = await this.#listening;
    if (listening?.healthy() === true) {
      if (this.#outage) {
        this.#outage = false;
        this.#warn("tenor api: listening for API key revocations again; verified keys are remembered again");
      }
      return true;
    }
    if (this.#listening !== undefined) {
      // Said once per outage, not at every retry.
      if (!this.#outage)
        this.#warn(
          `tenor api: not listening for API key revocations (${this.#listenError ?? "the connection was lost"}); ` +
            `every request reads its key until listening works again (retried every ${RELISTEN_MILLISECONDS / 1000} s)`,
        );
      this.#outage = true;
      this.#listenError = undefined;
      // Lost, or never made: everything remembered may be stale. Listen again later; read every key meanwhile.
      this.#listening = undefined;
      this.#retryListenAt = Date.now() + RELISTEN_MILLISECONDS;
      this.#cache.clear();
      await listening?.stop();
    }
    return false;
  }

  async authenticate(key: string | undefined): Promise<Actor> {
    const match = key === undefined ? null : KEY_PATTERN.exec(key);
    if (match === null) throw new AppError("UNAUTHENTICATED", "missing or malformed API key");
    const [, tenantId, keyId, secret] = match as unknown as [string, string, string, string];
    const hash = hashSecret(secret);
    const cacheKey = `${tenantId}/${keyId}`;
    const remember = await this.followsRevocations();
    const cached = this.#cache.get(cacheKey);
    if (remember && cached !== undefined && cached.until > Date.now() && sameHash(cached.hash, hash))
      return cached.actor;
    const revocationsBefore = this.#revocations;
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
    if (remember && this.#revocations === revocationsBefore) {
      if (this.#cache.size >= CACHE_LIMIT) this.#cache.clear();
      this.#cache.set(cacheKey, {
        actor,
        hash: row.secret_hash,
        until: Date.now() + this.#cacheMilliseconds,
      });
    }
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
