// The demo tenant `npm start` brings up (`tenor seed`): products from the five light-mode templates, about a
// hundred borrowers with financial profiles, and a few hundred loans disbursed over the past months with their
// histories — mostly paid on time, some late, some past due today in every bucket, a few prepaid or paid off,
// one or two written off, some with a returned payment. Everything goes through `TenorApp.perform`, so it is
// validated and booked exactly like real traffic (events, ledger, snapshots, audit). The portfolio depends only
// on the seed and the business date (the day it is seeded; the caller passes it in): no clock, no Math.random.
import { sql } from "kysely";
import { parseIsoDate } from "../core/calendar-date.ts";
import type { Store } from "../store/database.ts";
import type { Actor } from "./actor.ts";
import { invalid } from "./app-error.ts";
import { demoBorrowers } from "./demo-seed-borrowers.ts";
import { playLoan } from "./demo-seed-history.ts";
import { type LoanPlan, planLoans } from "./demo-seed-loans.ts";
import { seededRandom } from "./demo-seed-random.ts";
import { PRODUCT_TEMPLATES } from "./product-templates.ts";
import { TenorApp } from "./service.ts";
import { createTenant } from "./tenants.ts";

export interface DemoSeedOptions {
  readonly tenantId?: string | undefined;
  readonly name?: string | undefined;
  /** How many loans (default 300); there is a borrower for every three loans, at most 100. */
  readonly loans?: number | undefined;
  /** The tenant's business date, `YYYY-MM-DD`: the day the demo is seeded. */
  readonly businessDate: string;
  /** The generator's seed (default 1): the same seed and date give the same portfolio. */
  readonly seed?: number | undefined;
  /** Loans booked at once (default: 1 on the embedded database, which runs one unit of work at a time; 8 on a server). */
  readonly concurrency?: number | undefined;
  /** Called once the tenant exists and before the first loan (0 done), then after each loan is booked. */
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Stops the seed between two loans (it then throws the signal's reason; the tenant stays incomplete). */
  readonly signal?: AbortSignal | undefined;
}

export interface DemoKeys {
  readonly admin: string;
  readonly officer: string;
  readonly borrower: string;
  readonly borrowerId: string;
}

export interface DemoSeedResult {
  readonly tenantId: string;
  readonly businessDate: string;
  readonly seed: number;
  readonly keys: DemoKeys;
  readonly counts: {
    readonly products: number;
    readonly borrowers: number;
    readonly loans: number;
    readonly events: number;
    /** Loans by status (`active`, `closed`, `written-off`). */
    readonly byStatus: Readonly<Record<string, number>>;
    /** Active loans by delinquency bucket (`current`, `1-30`, …). */
    readonly byDelinquency: Readonly<Record<string, number>>;
  };
}

export const DEMO_TENANT = "demo";
const MAX_LOANS = 5_000;

export async function seedDemo(store: Store, options: DemoSeedOptions): Promise<DemoSeedResult> {
  const tenantId = options.tenantId ?? DEMO_TENANT;
  const loanCount = options.loans ?? 300;
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(loanCount) || loanCount < 1 || loanCount > MAX_LOANS)
    throw invalid("loans", loanCount, `must be a whole number from 1 to ${MAX_LOANS}`);
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw invalid("seed", seed, "must be a whole number from 0 to 4294967295");
  const businessDay = parseIsoDate(options.businessDate);
  if (businessDay === undefined)
    throw invalid("businessDate", options.businessDate, "must be a calendar date YYYY-MM-DD");

  const random = seededRandom(seed);
  const borrowers = demoBorrowers(random, Math.max(1, Math.min(100, Math.ceil(loanCount / 3))), businessDay);
  const plans = planLoans(random, borrowers, loanCount, businessDay);

  const app = new TenorApp(store);
  const { adminKey } = await createTenant(store, {
    tenantId,
    name: options.name ?? "Demo lender",
    businessDate: options.businessDate,
  });
  const admin = await app.authenticator.authenticate(adminKey);
  const officerKey = await issueKey(app, admin, { role: "officer", label: "demo loan officer" });
  const officer = await app.authenticator.authenticate(officerKey);

  for (const template of PRODUCT_TEMPLATES) {
    await app.perform("products.create", admin, {
      productId: template.templateId,
      name: template.name,
      terms: { ...template.terms },
      servicing: { ...template.servicing },
    });
  }
  for (const borrower of borrowers) {
    await app.perform("borrowers.create", officer, {
      borrowerId: borrower.borrowerId,
      name: borrower.name,
      profile: borrower.profile,
    });
  }

  const concurrency = options.concurrency ?? (store.kind === "embedded" ? 1 : 8);
  options.onProgress?.(0, plans.length);
  let done = 0;
  let events = 0;
  await inParallel(plans, concurrency, async (plan) => {
    options.signal?.throwIfAborted();
    const played = await playLoan(app, officer, plan, businessDay);
    events += played.events;
    done += 1;
    options.onProgress?.(done, plans.length);
    // The embedded engine answers without real I/O, so a seed could run as one chain of promises that never
    // lets the event loop deliver a signal (Ctrl+C) or draw the progress bar: give it a turn after each loan.
    await new Promise((resolve) => setImmediate(resolve));
  });

  const borrowerId = demoBorrowerOf(plans, await pastDueBorrowers(store, tenantId));
  const borrowerKey = await issueKey(app, admin, { role: "borrower", borrowerId, label: "demo borrower" });
  const { byStatus, byDelinquency } = await loanCounts(store, tenantId);
  return {
    tenantId,
    businessDate: options.businessDate,
    seed,
    keys: { admin: adminKey, officer: officerKey, borrower: borrowerKey, borrowerId },
    counts: {
      products: PRODUCT_TEMPLATES.length,
      borrowers: borrowers.length,
      loans: plans.length,
      events,
      byStatus,
      byDelinquency,
    },
  };
}

async function issueKey(
  app: TenorApp,
  admin: Actor,
  input: { role: "officer" | "borrower"; borrowerId?: string; label: string },
): Promise<string> {
  const answer = await app.perform("apiKeys.create", admin, input);
  return (answer.body as { key: string }).key;
}

/** Runs `work` on every item, at most `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** Borrowers with a loan past due today. */
async function pastDueBorrowers(store: Store, tenantId: string): Promise<Set<string>> {
  const rows = await store.read((db) =>
    db
      .selectFrom("loans")
      .select("borrower_id")
      .distinct()
      .where("tenant_id", "=", tenantId)
      .where("status", "=", "active")
      .where("delinquency", "<>", "current")
      .execute(),
  );
  return new Set(rows.map((row) => row.borrower_id));
}

/**
 * The borrower the demo's borrower key acts as: one with a loan past due and the most loans (so the key shows
 * a mix), the lowest id among equals; any borrower when nobody is late (a tiny demo).
 */
function demoBorrowerOf(plans: readonly LoanPlan[], late: ReadonlySet<string>): string {
  const loansOf = new Map<string, number>();
  for (const plan of plans) loansOf.set(plan.borrowerId, (loansOf.get(plan.borrowerId) ?? 0) + 1);
  const ranked = [...loansOf].sort(
    ([a, countA], [b, countB]) =>
      Number(late.has(b)) - Number(late.has(a)) || countB - countA || (a < b ? -1 : a > b ? 1 : 0),
  );
  return (ranked[0] as [string, number])[0];
}

async function loanCounts(store: Store, tenantId: string) {
  const rows = await store.read((db) =>
    db
      .selectFrom("loans")
      .select(["status", "delinquency", sql<string>`count(*)::text`.as("loans")])
      .where("tenant_id", "=", tenantId)
      .groupBy(["status", "delinquency"])
      .execute(),
  );
  const byStatus: Record<string, number> = {};
  const byDelinquency: Record<string, number> = {};
  for (const row of rows) {
    const count = Number(row.loans);
    byStatus[row.status] = (byStatus[row.status] ?? 0) + count;
    if (row.status === "active")
      byDelinquency[row.delinquency] = (byDelinquency[row.delinquency] ?? 0) + count;
  }
  return { byStatus, byDelinquency };
}
