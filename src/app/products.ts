// Credit products, versioned: a product's terms (ranges allowed) and servicing rules are checked by the engines
// (productRateLimits refuses a product whose highest rate is above its `rateCap`), and each change is a new
// version; a loan keeps the version it was made with.
import type { Transaction } from "kysely";
import { withFieldPrefix } from "../core/errors.ts";
import { parseTerms } from "../schedule/parse-terms.ts";
import { productRateLimits } from "../schedule/product-limits.ts";
import { parseServicingRules } from "../servicing/parse-servicing-rules.ts";
import type { Schema } from "../store/schema.ts";
import { AppError, notFound } from "./app-error.ts";
import { runCommand } from "./command.ts";
import { type Answer, type Context, DEFAULT_PAGE_SIZE, ok, type PageRequest, pageOf } from "./context.ts";
import { chosenId } from "./ids.ts";
import { PRODUCT_TEMPLATES } from "./product-templates.ts";

export interface ProductDefinition {
  readonly terms: Record<string, unknown>;
  readonly servicing?: Record<string, unknown> | undefined;
}

export interface NewProduct extends ProductDefinition {
  readonly productId?: string | undefined;
  readonly name: string;
}

export function listTemplates(): Answer<unknown> {
  return ok({ items: PRODUCT_TEMPLATES });
}

/** Checks a definition with the engines; returns what is stored and the product's rate limits. */
function checkDefinition(definition: ProductDefinition) {
  const limits = withFieldPrefix("terms", () =>
    productRateLimits({ disbursementDate: "2025-01-01", ...definition.terms }),
  );
  // The servicing rules need the currency's digits: a loan of the product at its lowest corner gives them.
  const corner = parseTerms({
    disbursementDate: "2025-01-01",
    ...definition.terms,
    principal: limits.lowest.at.principal,
    installments: limits.lowest.at.installments,
    ...(definition.terms.interest === undefined
      ? {}
      : { interest: { ...(definition.terms.interest as object), rate: limits.lowest.at.interestRate } }),
    fees: undefined,
  });
  withFieldPrefix("servicing", () => parseServicingRules(definition.servicing ?? {}, corner.currency.digits));
  return {
    stored: { terms: definition.terms, servicing: definition.servicing ?? {} },
    limits: {
      regime: limits.regime,
      name: limits.name,
      lowest: limits.lowest.text,
      highest: limits.highest.text,
      cap: limits.cap,
    },
  };
}

export async function createProduct(ctx: Context, input: NewProduct): Promise<Answer<unknown>> {
  const productId = chosenId("productId", input.productId, "prod");
  const checked = checkDefinition(input);
  const { actor } = ctx;
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    const exists = await productRow(trx, actor.tenantId, productId);
    if (exists !== undefined)
      throw new AppError("CONFLICT", `product "${productId}" already exists; add a version instead`);
    await trx
      .insertInto("products")
      .values({ tenant_id: actor.tenantId, product_id: productId, name: input.name, latest_version: 1 })
      .execute();
    await insertVersion(trx, actor.tenantId, productId, 1, checked.stored);
    return {
      status: 201,
      body: { productId, name: input.name, version: 1, ...checked.stored, rateLimits: checked.limits },
      audit: {
        action: "products.create",
        objectType: "product",
        objectId: productId,
        detail: { version: 1 },
      },
    };
  });
}

export async function addProductVersion(
  ctx: Context,
  input: ProductDefinition & { productId: string; name?: string | undefined },
): Promise<Answer<unknown>> {
  const checked = checkDefinition(input);
  const { actor } = ctx;
  return runCommand(ctx.store, actor, ctx.idempotency, async (trx) => {
    const product = await trx
      .selectFrom("products")
      .select(["latest_version", "name"])
      .where("tenant_id", "=", actor.tenantId)
      .where("product_id", "=", input.productId)
      .forUpdate()
      .executeTakeFirst();
    if (product === undefined) throw notFound("product", input.productId);
    const version = product.latest_version + 1;
    await insertVersion(trx, actor.tenantId, input.productId, version, checked.stored);
    const name = input.name ?? product.name;
    await trx
      .updateTable("products")
      .set({ latest_version: version, name })
      .where("tenant_id", "=", actor.tenantId)
      .where("product_id", "=", input.productId)
      .execute();
    return {
      status: 201,
      body: { productId: input.productId, name, version, ...checked.stored, rateLimits: checked.limits },
      audit: {
        action: "products.version",
        objectType: "product",
        objectId: input.productId,
        detail: { version },
      },
    };
  });
}

async function insertVersion(
  trx: Transaction<Schema>,
  tenantId: string,
  productId: string,
  version: number,
  definition: unknown,
): Promise<void> {
  await trx
    .insertInto("product_versions")
    .values({ tenant_id: tenantId, product_id: productId, version, definition: JSON.stringify(definition) })
    .execute();
}

function productRow(trx: Transaction<Schema>, tenantId: string, productId: string) {
  return trx
    .selectFrom("products")
    .select("product_id")
    .where("tenant_id", "=", tenantId)
    .where("product_id", "=", productId)
    .executeTakeFirst();
}

export async function listProducts(ctx: Context, page: PageRequest): Promise<Answer<unknown>> {
  const limit = page.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await ctx.store.read((db) => {
    let query = db
      .selectFrom("products")
      .select(["product_id", "name", "latest_version", "created_at"])
      .where("tenant_id", "=", ctx.actor.tenantId);
    if (page.after !== undefined) query = query.where("product_id", ">", page.after);
    return query
      .orderBy("product_id")
      .limit(limit + 1)
      .execute();
  });
  const items = rows.map((row) => ({
    productId: row.product_id,
    name: row.name,
    latestVersion: row.latest_version,
    createdAt: row.created_at,
  }));
  return ok(pageOf(items, limit, (item) => item.productId));
}

export interface ProductVersion {
  readonly productId: string;
  readonly name: string;
  readonly version: number;
  readonly latestVersion: number;
  readonly terms: Record<string, unknown>;
  readonly servicing: Record<string, unknown>;
}

export async function readProductVersion(
  db: Pick<Transaction<Schema>, "selectFrom">,
  tenantId: string,
  productId: string,
  version: number | undefined,
): Promise<ProductVersion> {
  const product = await db
    .selectFrom("products")
    .select(["name", "latest_version"])
    .where("tenant_id", "=", tenantId)
    .where("product_id", "=", productId)
    .executeTakeFirst();
  if (product === undefined) throw notFound("product", productId);
  const wanted = version ?? product.latest_version;
  const row = await db
    .selectFrom("product_versions")
    .select(["definition"])
    .where("tenant_id", "=", tenantId)
    .where("product_id", "=", productId)
    .where("version", "=", wanted)
    .executeTakeFirst();
  if (row === undefined) throw notFound("version of product", `${productId}@${wanted}`);
  const definition = row.definition as { terms: Record<string, unknown>; servicing: Record<string, unknown> };
  return {
    productId,
    name: product.name,
    version: wanted,
    latestVersion: product.latest_version,
    ...definition,
  };
}

export async function readProduct(
  ctx: Context,
  input: { productId: string; version?: number | undefined },
): Promise<Answer<unknown>> {
  return ok(
    await ctx.store.read((db) => readProductVersion(db, ctx.actor.tenantId, input.productId, input.version)),
  );
}
