// The write path every command takes (ARCHITECTURE.md, "Service"): one transaction holding the command's own
// writes, its idempotency record and its audit record, so that all of them commit or none does.
//
// Idempotency (docs/reference/api.md): a key is scoped to the API key that sent it. While a request with the key
// runs, it holds a transaction-scoped advisory lock on it; a second request with the same key that cannot take
// the lock is answered 409 at once (it does not wait). Once the first has committed, a retry finds the stored
// record: the same request fingerprint gets the original response, another fingerprint 422. A request that
// failed stored nothing, so its retry runs again. The lock and the lookup are one call (tenor_claim_key,
// migration 0003); commands on one loan take a shorter path still (loan-command.ts).
import { sql, type Transaction } from "kysely";
import type { DataKeys } from "../store/data-keys.ts";
import type { Store } from "../store/database.ts";
import type { Schema } from "../store/schema.ts";
import { type Actor, actorLabel } from "./actor.ts";
import { AppError, invalid } from "./app-error.ts";
import { type AnswerPlace, openAnswer, sealAnswer } from "./personal-data.ts";

export interface IdempotencyRequest {
  readonly key: string;
  /** A hash of what makes the request this request (method, path, body). */
  readonly fingerprint: string;
}

export interface AuditRecord {
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string;
  readonly detail?: unknown;
}

export interface CommandOutcome<T> {
  readonly status: number;
  readonly body: T;
  readonly audit: AuditRecord;
  /** The answer holds personal data or a secret (a new API key): its idempotency record keeps it sealed
   * (personal-data.ts), so that the database never holds it in plain text. */
  readonly sensitive?: boolean | undefined;
}

export interface CommandAnswer<T> {
  readonly status: number;
  readonly body: T;
  /** True when this is the stored answer of an earlier request with the same idempotency key. */
  readonly replayed: boolean;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export function checkIdempotencyKey(key: string): void {
  if (!KEY_PATTERN.test(key))
    throw invalid("Idempotency-Key", key, "must be 1 to 255 visible ASCII characters (no spaces)");
}

export async function runCommand<T>(
  store: Store,
  actor: Actor,
  idempotency: IdempotencyRequest | undefined,
  work: (trx: Transaction<Schema>) => Promise<CommandOutcome<T>>,
): Promise<CommandAnswer<T>> {
  if (idempotency !== undefined) checkIdempotencyKey(idempotency.key);
  return store.transaction(async (trx) => {
    if (idempotency !== undefined) {
      const earlier = await claimKey(trx, store, actor, idempotency);
      if (earlier !== undefined) return earlier as CommandAnswer<T>;
    }
    const outcome = await work(trx);
    // The idempotency record and the audit record in one statement (a data-modifying CTE).
    const audit = auditRow(actor, outcome.audit);
    if (idempotency !== undefined) {
      await trx
        .with("key_record", (db) =>
          db.insertInto("idempotency_keys").values({
            tenant_id: actor.tenantId,
            key_id: actor.keyId,
            idempotency_key: idempotency.key,
            request_hash: idempotency.fingerprint,
            response_status: outcome.status,
            response_body: JSON.stringify(
              outcome.sensitive === true
                ? sealAnswer(store.dataKeys, answerPlace(actor, idempotency), outcome.body)
                : outcome.body,
            ),
          }),
        )
        .insertInto("audit_log")
        .values(audit)
        .execute();
    } else {
      await trx.insertInto("audit_log").values(audit).execute();
    }
    return { status: outcome.status, body: outcome.body, replayed: false };
  });
}

export async function writeAudit(trx: Transaction<Schema>, actor: Actor, audit: AuditRecord): Promise<void> {
  await trx.insertInto("audit_log").values(auditRow(actor, audit)).execute();
}

function auditRow(actor: Actor, audit: AuditRecord) {
  return {
    tenant_id: actor.tenantId,
    actor: actorLabel(actor),
    role: actor.role,
    action: audit.action,
    object_type: audit.objectType,
    object_id: audit.objectId,
    detail: JSON.stringify(audit.detail ?? {}),
  };
}

/** The refusal of a request whose Idempotency-Key another request is still running with (409). */
export function keyInUse(key: string): AppError {
  return new AppError(
    "IDEMPOTENCY_KEY_IN_USE",
    `a request with Idempotency-Key "${key}" is still running; retry once it has finished`,
  );
}

/** What `tenor_claim_key` (migration 0003) found for a key. */
export interface KeyClaim {
  readonly claim: "in-use" | "done" | "new";
  readonly request_hash: string | null;
  readonly response_status: number | null;
  readonly response_body: unknown;
}

/** Takes the key's lock (one statement); returns the stored answer of an earlier request with the key, if any. */
async function claimKey(
  trx: Transaction<Schema>,
  store: Store,
  actor: Actor,
  idempotency: IdempotencyRequest,
): Promise<CommandAnswer<unknown> | undefined> {
  const { rows } = await sql<KeyClaim>`
    select claim, request_hash, response_status, response_body
      from tenor_claim_key(${actor.tenantId}, ${actor.keyId}, ${idempotency.key})`.execute(trx);
  return earlierAnswer(rows[0] as KeyClaim, idempotency, store.dataKeys, actor);
}

function answerPlace(actor: Actor, idempotency: IdempotencyRequest): AnswerPlace {
  return { tenantId: actor.tenantId, keyId: actor.keyId, key: idempotency.key };
}

/**
 * The answer a claimed key leads to: nothing for a new key (the command runs), the stored answer for a finished
 * request with the same fingerprint, and a refusal for a key still in use (409) or first used for another
 * request (422).
 */
export function earlierAnswer(
  claim: KeyClaim,
  idempotency: IdempotencyRequest,
  keys: DataKeys,
  actor: Actor,
): CommandAnswer<unknown> | undefined {
  if (claim.claim === "new") return undefined;
  if (claim.claim === "in-use") throw keyInUse(idempotency.key);
  if (claim.request_hash !== idempotency.fingerprint) {
    throw new AppError(
      "IDEMPOTENCY_KEY_REUSED",
      `Idempotency-Key "${idempotency.key}" was first used for a different request; use a new key for a new request`,
      [{ field: "Idempotency-Key", value: idempotency.key, message: "was used for a different request" }],
    );
  }
  const body = openAnswer(keys, answerPlace(actor, idempotency), claim.response_body);
  return { status: claim.response_status as number, body, replayed: true };
}
