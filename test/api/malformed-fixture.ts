// The tenant the malformed requests are aimed at, made over HTTP from the route table's own examples (so the
// examples are known to be valid): a product, borrowers with profiles, applications, an active loan and an
// approved one, an extra API key. Their ids go into the examples' paths and bodies, so that a malformed request
// reaches the deepest check it can (unknown ids would only be 404s). Also: a fingerprint of every table.
import { sql } from "kysely";
import { ROUTES } from "../../src/api/routes.ts";
import type { Operation } from "../../src/app/permissions.ts";
import type { Store } from "../../src/store/database.ts";
import type { Call } from "./http-client.ts";
import type { Path, RouteCase } from "./malformed-generator.ts";
import { isObject } from "./malformed-kinds.ts";

export interface TenantObjects {
  readonly productId: string;
  readonly borrowerId: string;
  /** Submitted: the one approve (and read) is aimed at. */
  readonly applicationId: string;
  /** Submitted: the one decline is aimed at. */
  readonly declineApplicationId: string;
  /** Approved and disbursed: active. */
  readonly loanId: string;
  /** Approved, not disbursed: the one disburse is aimed at. */
  readonly approvedLoanId: string;
  /** An officer's key: the one revoke is aimed at. */
  readonly keyId: string;
}

function exampleBody(operation: Operation): Record<string, unknown> {
  const body = ROUTES.find((route) => route.operation === operation)?.example.body;
  if (!isObject(body)) throw new Error(`the route of ${operation} has no example body`);
  return structuredClone(body) as Record<string, unknown>;
}

async function created(call: Call, key: string, method: string, path: string, body?: unknown) {
  const reply = await call(method, path, { key, body });
  if (reply.status >= 300)
    throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function seedObjects(call: Call, key: string): Promise<TenantObjects> {
  const product = await created(call, key, "POST", "/v1/products", exampleBody("products.create"));
  const borrowerId = "ann";
  await created(call, key, "POST", "/v1/borrowers", {
    ...exampleBody("borrowers.create"),
    borrowerId,
    profile: exampleBody("borrowers.profile.write"),
  });
  // The loans' borrower has a profile in the loans' currency: the health score reads it and converts none.
  const loanBorrowerId = "bob";
  await created(call, key, "POST", "/v1/borrowers", {
    borrowerId: loanBorrowerId,
    name: "Bob Example",
    profile: { ...exampleBody("borrowers.profile.write"), currency: product.terms.currency },
  });
  const submit = async (): Promise<string> =>
    (
      await created(call, key, "POST", "/v1/applications", {
        ...exampleBody("applications.submit"),
        borrowerId: loanBorrowerId,
        productId: product.productId,
      })
    ).applicationId;
  const applicationId = await submit();
  const declineApplicationId = await submit();
  const approve = async (): Promise<string> =>
    (await created(call, key, "POST", `/v1/applications/${await submit()}/approve`)).loanId;
  const loanId = await approve();
  await created(call, key, "POST", `/v1/loans/${loanId}/disburse`);
  const approvedLoanId = await approve();
  const apiKey = await created(call, key, "POST", "/v1/api-keys", { role: "officer", label: "extra" });
  return {
    productId: product.productId,
    borrowerId,
    applicationId,
    declineApplicationId,
    loanId,
    approvedLoanId,
    keyId: apiKey.keyId,
  };
}

const path = (text: string): Path =>
  text.split(".").flatMap((part) => {
    const match = /^(\w+)\[(\d+)\]$/.exec(part);
    return match === null ? [part] : [match[1] as string, Number(match[2])];
  });

const PRODUCT_TERMS_REQUIRED = [
  "terms.principal",
  "terms.currency",
  "terms.installments",
  "terms.interest",
  "terms.interest.rate",
  "terms.fees[0].name",
];

/**
 * Fields the documents require though the API's schema cannot say so (docs/reference: terms.md, products.md,
 * effective-rates.md, borrower-profile.md, plan-request.md, credit-scorecard.md, servicing-events.md; the
 * schemas' descriptions for apiKeys.create and applications.submit, whose product gives ranges).
 */
const REQUIRED_IN_DOCUMENTS: Partial<Record<Operation, readonly string[]>> = {
  "apiKeys.create": ["borrowerId"],
  "products.create": PRODUCT_TERMS_REQUIRED,
  "products.version": PRODUCT_TERMS_REQUIRED,
  "quotes.schedule": [
    "principal",
    "currency",
    "disbursementDate",
    "installments",
    "interest",
    "interest.rate",
  ],
  "quotes.rates": ["method", "flows", "flows[0].date", "flows[0].amount"],
  "borrowers.profile.write": [
    "currency",
    "incomes",
    "incomes[0].name",
    "incomes[0].amount",
    "incomes[0].payDate",
    "expenses[0].name",
    "expenses[0].amount",
  ],
  "borrowers.plans": [
    "request.amount",
    "request.currency",
    "request.startDate",
    "request.product",
    "request.product.term",
    "request.product.interest",
    "request.product.interest.ratePercent",
  ],
  "borrowers.score": ["termMonths", "monthlyInstallment", "amount"],
  "applications.submit": ["installments", "interestRate"],
  "loans.events.record": ["event.type", "event.date", "event.amount"],
};

/** Every route with its example made real. */
export function realCases(objects: TenantObjects): RouteCase[] {
  const ids: Record<string, string> = {
    bor_example: objects.borrowerId,
    personal: objects.productId,
  };
  return ROUTES.map((route) => {
    const params: Record<string, string> = {};
    for (const name of Object.keys(route.example.params ?? {})) {
      params[name] = {
        loanId: route.operation === "loans.disburse" ? objects.approvedLoanId : objects.loanId,
        borrowerId: objects.borrowerId,
        applicationId:
          route.operation === "applications.decline" ? objects.declineApplicationId : objects.applicationId,
        productId: objects.productId,
        keyId: objects.keyId,
      }[name] as string;
      if (params[name] === undefined) throw new Error(`no object for the path parameter ${name}`);
    }
    let body = replaceIds(route.example.body, ids);
    // The health options the schema names besides the example's (docs/reference/health-score.md).
    if (route.operation === "loans.health")
      body = { ...(body as object), switchingCost: "50.00", policy: "default" };
    // A creation without a chosen id makes a new one: each valid request of it would be accepted, not a conflict.
    if (route.operation === "products.create") delete (body as Record<string, unknown>).productId;
    if (route.operation === "borrowers.create") delete (body as Record<string, unknown>).borrowerId;
    return {
      route,
      params,
      query: { ...route.example.query },
      body,
      requiredInDocuments: (REQUIRED_IN_DOCUMENTS[route.operation] ?? []).map(path),
      // "`loan` and `asOf` come from the stored loan and the business date" (the schema's description).
      ...(route.operation === "loans.health"
        ? {
            refusedBodies: [
              { what: "body + loan", body: { ...(body as object), loan: { terms: {}, events: [] } } },
              { what: "body + asOf", body: { ...(body as object), asOf: "2025-03-15" } },
            ],
          }
        : {}),
    };
  });
}

function replaceIds(value: unknown, ids: Readonly<Record<string, string>>): unknown {
  if (typeof value === "string") return ids[value] ?? value;
  if (Array.isArray(value)) return value.map((item) => replaceIds(item, ids));
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceIds(item, ids)]));
  return value;
}

export type Fingerprint = Readonly<Record<string, { readonly rows: string; readonly hash: string }>>;

/** Every table of the store's schema: its row count and an MD5 of all its rows (as text, sorted). */
export async function fingerprint(store: Store): Promise<Fingerprint> {
  return store.read(async (db) => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'
      order by table_name`.execute(db);
    const found: Record<string, { rows: string; hash: string }> = {};
    for (const { table_name: table } of tables.rows) {
      const result = await sql<{ rows: string; hash: string }>`
        select count(*)::text as rows, coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') as hash
        from ${sql.table(table)} t`.execute(db);
      const row = result.rows[0];
      if (row !== undefined) found[table] = { rows: row.rows, hash: row.hash };
    }
    return found;
  });
}
