// Seeding a demo tenant from the CLI (`tenor seed`, the first `tenor start`): the business date is today where
// the operator is (the app layer never reads the clock: it is passed in), a progress bar runs meanwhile, and the
// keys, which the database keeps only hashed, are saved to the credentials file so later starts can print them.
import type { DemoSeedResult } from "../app/demo-seed.ts";
import {
  credentialsFileFor,
  type DemoCredentials,
  readCredentials,
  saveCredentials,
} from "./service-credentials.ts";
import type { OpenedDatabase } from "./service-database.ts";
import type { SeedOptions } from "./service-options.ts";
import { seedProgress } from "./service-output.ts";

export const DEMO_TENANT = "demo";

export interface SeededTenant {
  readonly result: DemoSeedResult;
  readonly credentials: DemoCredentials;
}

/** Seeds a tenant; `signal` stops it between two loans (it then throws). */
export async function seedTenant(
  database: OpenedDatabase,
  options: SeedOptions,
  signal?: AbortSignal,
): Promise<SeededTenant> {
  const { seedDemo } = await import("../app/demo-seed.ts");
  const progress = seedProgress(options.tenant);
  const started = performance.now();
  let result: DemoSeedResult;
  try {
    result = await seedDemo(database.store, {
      tenantId: options.tenant,
      loans: options.loans,
      seed: options.seed,
      businessDate: options.businessDate ?? localToday(),
      onProgress: progress.update,
      signal,
    });
  } finally {
    progress.stop();
  }
  process.stdout.write(`${seededLine(result, (performance.now() - started) / 1000)}\n`);
  const credentials: DemoCredentials = {
    businessDate: result.businessDate,
    seededAt: new Date().toISOString(),
    admin: result.keys.admin,
    officer: result.keys.officer,
    borrower: result.keys.borrower,
    borrowerId: result.keys.borrowerId,
  };
  saveCredentials(credentialsFileFor(database.dataDir), database.location, result.tenantId, credentials);
  return { result, credentials };
}

function seededLine(result: DemoSeedResult, seconds: number): string {
  const { counts } = result;
  const statuses = Object.entries(counts.byStatus).map(([status, n]) => `${n} ${status}`);
  const pastDue = Object.entries(counts.byDelinquency)
    .filter(([bucket]) => bucket !== "current")
    .map(([bucket, n]) => `${n} in ${bucket} days`);
  return (
    `Seeded tenant "${result.tenantId}" (business date ${result.businessDate}) in ${seconds.toFixed(1)} s: ` +
    `${counts.products} products, ${counts.borrowers} borrowers, ${counts.loans} loans, ${counts.events} events; ` +
    `${statuses.join(", ")}; past due: ${pastDue.length === 0 ? "none" : pastDue.join(", ")}`
  );
}

/**
 * The demo tenant's credentials, seeding it first when it does not exist: undefined when it exists but its keys
 * were not kept, "stopped" when `signal` stopped the seed.
 */
export async function ensureDemo(
  database: OpenedDatabase,
  signal: AbortSignal,
): Promise<DemoCredentials | undefined | "stopped"> {
  const exists = await database.store.read((db) =>
    db.selectFrom("tenants").select("tenant_id").where("tenant_id", "=", DEMO_TENANT).executeTakeFirst(),
  );
  if (exists !== undefined)
    return readCredentials(credentialsFileFor(database.dataDir), database.location, DEMO_TENANT);
  try {
    const options = { tenant: DEMO_TENANT, loans: 300, seed: 1 };
    return (await seedTenant(database, options, signal)).credentials;
  } catch (error) {
    if (!signal.aborted) throw error;
    process.stdout.write(stoppedWhileSeeding(DEMO_TENANT));
    return "stopped";
  }
}

export function stoppedWhileSeeding(tenantId: string): string {
  return `stopped while seeding: tenant "${tenantId}" is incomplete; delete the data directory (or use another database) to seed it again\n`;
}

/** Today's date where the operator is: the business date a new demo tenant starts on. */
function localToday(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
