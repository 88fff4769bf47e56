// Borrowers and their financial profiles (docs/reference/borrower-profile.md). A borrower's key sees and
// changes only its own borrower; staff see every borrower of their tenant. The name and the profile are
// personal data: stored sealed (personal-data.ts), and so is the answer a retry of their command would replay.

import type { Transaction } from "kysely";
import { parseBorrowerProfile } from "../planning/parse-borrower-profile.ts";
import { planFromDocument } from "../planning/plans/plan-document.ts";
import { scoreFromDocument } from "../risk/scorecard/score-document.ts";
import type { Store } from "../store/database.ts";
import type { Schema } from "../store/schema.ts";
import { AppError, notFound } from "./app-error.ts";
import { runCommand } from "./command.ts";
import { type Answer, type Context, DEFAULT_PAGE_SIZE, ok, type PageRequest, pageOf } from "./context.ts";
import { chosenId } from "./ids.ts";
import { ensureOwnBorrower } from "./permissions.ts";
import { openName, openProfile, sealName, sealProfile } from "./personal-data.ts";

export interface NewBorrower {
  readonly borrowerId?: string | undefined;
  readonly name: string;
  readonly profile?: unknown;
}

export async function createBorrower(ctx: Context, input: NewBorrower): Promise<Answer<unknown>> {
  const borrowerId = chosenId("borrowerId", input.borrowerId, "bor");
  if (input.profile !== undefined) checkProfile(input.profile);
  const { actor } = ctx;
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    const exists = await trx
      .selectFrom("borrowers")
      .select("borrower_id")
      .where("tenant_id", "=", actor.tenantId)
      .where("borrower_id", "=", borrowerId)
      .executeTakeFirst();
    if (exists !== undefined) throw new AppError("CONFLICT", `borrower "${borrowerId}" already exists`);
    const now = new Date().toISOString();
    const keys = ctx.store.dataKeys;
    await trx
      .insertInto("borrowers")
      .values({
        tenant_id: actor.tenantId,
        borrower_id: borrowerId,
        name: sealName(keys, actor.tenantId, borrowerId, input.name),
        profile:
          input.profile === undefined ? null : sealProfile(keys, actor.tenantId, borrowerId, input.profile),
        profile_updated_at: input.profile === undefined ? null : now,
      })
      .execute();
    return {
      status: 201,
      body: { borrowerId, name: input.name, profile: input.profile ?? null },
      audit: { action: "borrowers.create", objectType: "borrower", objectId: borrowerId },
      sensitive: true,
    };
  });
}

function checkProfile(profile: unknown): void {
  parseBorrowerProfile(profile);
}

/** Refuses (404) a borrower id the tenant does not have. */
export async function requireBorrower(
  db: Pick<Transaction<Schema>, "selectFrom">,
  tenantId: string,
  borrowerId: string,
): Promise<void> {
  const borrower = await db
    .selectFrom("borrowers")
    .select("borrower_id")
    .where("tenant_id", "=", tenantId)
    .where("borrower_id", "=", borrowerId)
    .executeTakeFirst();
  if (borrower === undefined) throw notFound("borrower", borrowerId);
}

/** The borrower, with the name and profile opened. */
export async function borrowerRow(store: Store, tenantId: string, borrowerId: string) {
  const row = await store.read((db) =>
    db
      .selectFrom("borrowers")
      .select(["borrower_id", "name", "profile", "profile_updated_at", "created_at"])
      .where("tenant_id", "=", tenantId)
      .where("borrower_id", "=", borrowerId)
      .executeTakeFirst(),
  );
  if (row === undefined) throw notFound("borrower", borrowerId);
  return {
    ...row,
    name: openName(store.dataKeys, tenantId, borrowerId, row.name),
    profile: openProfile(store.dataKeys, tenantId, borrowerId, row.profile),
  };
}

export async function readBorrower(ctx: Context, input: { borrowerId: string }): Promise<Answer<unknown>> {
  ensureOwnBorrower(ctx.actor, input.borrowerId, "borrower", input.borrowerId);
  const row = await borrowerRow(ctx.store, ctx.actor.tenantId, input.borrowerId);
  return ok({
    borrowerId: row.borrower_id,
    name: row.name,
    profile: row.profile,
    profileUpdatedAt: row.profile_updated_at,
    createdAt: row.created_at,
  });
}

export async function listBorrowers(ctx: Context, page: PageRequest): Promise<Answer<unknown>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await ctx.store.read((db) => {
    let query = db
      .selectFrom("borrowers")
      .select(["borrower_id", "name", "created_at"])
      .where("tenant_id", "=", ctx.actor.tenantId);
    if (page.after !== undefined) query = query.where("borrower_id", ">", page.after);
    return query
      .orderBy("borrower_id")
      .limit(limit + 1)
      .execute();
  });
  const items = rows.map((row) => ({
    borrowerId: row.borrower_id,
    name: openName(ctx.store.dataKeys, ctx.actor.tenantId, row.borrower_id, row.name),
    createdAt: row.created_at,
  }));
  return ok(pageOf(items, limit, (item) => item.borrowerId));
}

export async function writeProfile(
  ctx: Context,
  input: { borrowerId: string; profile: unknown },
): Promise<Answer<unknown>> {
  const { actor } = ctx;
  ensureOwnBorrower(actor, input.borrowerId, "borrower", input.borrowerId);
  checkProfile(input.profile);
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    const result = await trx
      .updateTable("borrowers")
      .set({
        profile: sealProfile(ctx.store.dataKeys, actor.tenantId, input.borrowerId, input.profile),
        profile_updated_at: new Date().toISOString(),
      })
      .where("tenant_id", "=", actor.tenantId)
      .where("borrower_id", "=", input.borrowerId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw notFound("borrower", input.borrowerId);
    return {
      status: 200,
      body: { borrowerId: input.borrowerId, profile: input.profile },
      audit: { action: "borrowers.profile.write", objectType: "borrower", objectId: input.borrowerId },
      sensitive: true,
    };
  });
}

/** Repayment plans for the borrower's stored profile (docs/reference/plan-request.md). */
export async function borrowerPlans(
  ctx: Context,
  input: { borrowerId: string; request: unknown; policy?: unknown },
): Promise<Answer<unknown>> {
  ensureOwnBorrower(ctx.actor, input.borrowerId, "borrower", input.borrowerId);
  const row = await borrowerRow(ctx.store, ctx.actor.tenantId, input.borrowerId);
  if (row.profile === null)
    throw new AppError(
      "CONFLICT",
      `borrower "${input.borrowerId}" has no financial profile yet; write one first`,
    );
  const document: Record<string, unknown> = { borrower: row.profile, request: input.request };
  if (input.policy !== undefined) document.policy = input.policy;
  return ok(planFromDocument(document));
}

/** The credit scorecard on an applicant's figures (docs/reference/credit-scorecard.md). */
export async function borrowerScore(
  ctx: Context,
  input: { borrowerId: string; applicant: unknown },
): Promise<Answer<unknown>> {
  await borrowerRow(ctx.store, ctx.actor.tenantId, input.borrowerId);
  return ok({ borrowerId: input.borrowerId, ...scoreFromDocument(input.applicant) });
}
