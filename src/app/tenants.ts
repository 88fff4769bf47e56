// Tenants and their API keys. A tenant is created by the operator (`tenor seed`, or `createTenant` from code),
// which returns its first admin key; admins then issue keys for officers and borrowers.
import { sql } from "kysely";
import { parseIsoDate } from "../core/calendar-date.ts";
import type { Store } from "../store/database.ts";
import type { Role } from "../store/schema.ts";
import type { Actor } from "./actor.ts";
import { AppError, invalid, notFound } from "./app-error.ts";
import { requireBorrower } from "./borrowers.ts";
import { runCommand, writeAudit } from "./command.ts";
import { type Answer, type Context, ok } from "./context.ts";
import { newKey, REVOCATION_CHANNEL } from "./credentials.ts";

const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface NewTenant {
  readonly tenantId: string;
  readonly name: string;
  readonly businessDate: string;
}

/** Creates a tenant and its first admin key (returned once; only its hash is kept). */
export async function createTenant(store: Store, tenant: NewTenant): Promise<{ adminKey: string }> {
  if (!TENANT_PATTERN.test(tenant.tenantId))
    throw invalid("tenantId", tenant.tenantId, "must be 1 to 63 lower-case letters, digits or '-'");
  checkDate("businessDate", tenant.businessDate);
  const issued = newKey(tenant.tenantId);
  await store.transaction(async (trx) => {
    const exists = await trx
      .selectFrom("tenants")
      .select("tenant_id")
      .where("tenant_id", "=", tenant.tenantId)
      .executeTakeFirst();
    if (exists !== undefined) throw new AppError("CONFLICT", `tenant "${tenant.tenantId}" already exists`);
    await trx
      .insertInto("tenants")
      .values({ tenant_id: tenant.tenantId, name: tenant.name, business_date: tenant.businessDate })
      .execute();
    await trx
      .insertInto("api_keys")
      .values({
        tenant_id: tenant.tenantId,
        key_id: issued.keyId,
        secret_hash: issued.secretHash,
        role: "admin",
        borrower_id: null,
        label: "first admin key",
      })
      .execute();
    const operator: Actor = {
      tenantId: tenant.tenantId,
      keyId: "operator",
      role: "admin",
      borrowerId: undefined,
    };
    await writeAudit(trx, operator, {
      action: "tenant.create",
      objectType: "tenant",
      objectId: tenant.tenantId,
    });
  });
  return { adminKey: issued.key };
}

export function checkDate(field: string, value: string): number {
  const day = parseIsoDate(value);
  if (day === undefined) throw invalid(field, value, "must be a calendar date YYYY-MM-DD");
  return day;
}

export async function businessDateOf(ctx: Pick<Context, "store" | "actor">): Promise<string> {
  const row = await ctx.store.read((db) =>
    db
      .selectFrom("tenants")
      .select("business_date")
      .where("tenant_id", "=", ctx.actor.tenantId)
      .executeTakeFirst(),
  );
  if (row === undefined) throw notFound("tenant", ctx.actor.tenantId);
  return row.business_date;
}

export async function readTenant(ctx: Context): Promise<Answer<unknown>> {
  const row = await ctx.store.read((db) =>
    db
      .selectFrom("tenants")
      .select(["tenant_id", "name", "business_date"])
      .where("tenant_id", "=", ctx.actor.tenantId)
      .executeTakeFirstOrThrow(),
  );
  return ok({
    tenantId: row.tenant_id,
    name: row.name,
    businessDate: row.business_date,
    you: { role: ctx.actor.role, keyId: ctx.actor.keyId, borrowerId: ctx.actor.borrowerId ?? null },
  });
}

export interface NewApiKey {
  readonly role: Role;
  readonly borrowerId?: string | undefined;
  readonly label?: string | undefined;
}

export async function createApiKey(ctx: Context, input: NewApiKey): Promise<Answer<unknown>> {
  const { actor } = ctx;
  if ((input.role === "borrower") !== (input.borrowerId !== undefined))
    throw invalid(
      "borrowerId",
      input.borrowerId ?? null,
      "is required for the borrower role and only for it",
    );
  const issued = newKey(actor.tenantId);
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    if (input.borrowerId !== undefined) await requireBorrower(trx, actor.tenantId, input.borrowerId);
    await trx
      .insertInto("api_keys")
      .values({
        tenant_id: actor.tenantId,
        key_id: issued.keyId,
        secret_hash: issued.secretHash,
        role: input.role,
        borrower_id: input.borrowerId ?? null,
        label: input.label ?? "",
      })
      .execute();
    return {
      status: 201,
      body: {
        key: issued.key,
        keyId: issued.keyId,
        role: input.role,
        borrowerId: input.borrowerId ?? null,
        note: "the key is shown only now; keep it secret",
      },
      audit: {
        action: "apiKeys.create",
        objectType: "api-key",
        objectId: issued.keyId,
        detail: { role: input.role },
      },
      // The answer holds the key itself, which the database otherwise keeps only as a hash.
      sensitive: true,
    };
  });
}

export async function listApiKeys(ctx: Context): Promise<Answer<unknown>> {
  const rows = await ctx.store.read((db) =>
    db
      .selectFrom("api_keys")
      .select(["key_id", "role", "borrower_id", "label", "created_at", "revoked_at"])
      .where("tenant_id", "=", ctx.actor.tenantId)
      .orderBy("key_id")
      .execute(),
  );
  return ok({
    items: rows.map((row) => ({
      keyId: row.key_id,
      role: row.role,
      borrowerId: row.borrower_id,
      label: row.label,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    })),
  });
}

export async function revokeApiKey(ctx: Context, input: { keyId: string }): Promise<Answer<unknown>> {
  const { actor } = ctx;
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    const result = await trx
      .updateTable("api_keys")
      .set({ revoked_at: new Date().toISOString() })
      .where("tenant_id", "=", actor.tenantId)
      .where("key_id", "=", input.keyId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound("active API key", input.keyId);
    // Delivered when the transaction commits: every process forgets the key it may remember (credentials.ts).
    await sql`select pg_notify(${REVOCATION_CHANNEL}, ${`${actor.tenantId}/${input.keyId}`})`.execute(trx);
    return {
      status: 200,
      body: { keyId: input.keyId, revoked: true },
      audit: { action: "apiKeys.revoke", objectType: "api-key", objectId: input.keyId },
    };
  });
}
