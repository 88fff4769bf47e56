// Stores for tests: PGlite in memory always, and the PostgreSQL server too when TEST_DATABASE_URL is set (CI sets
// it), each server store in a schema of its own so that test files running in parallel never share tables.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type Store, type StoreOptions } from "../../src/store/database.ts";

export const SERVER_URL = process.env.TEST_DATABASE_URL;

export interface StoreKind {
  readonly name: "embedded" | "server";
  open(options?: Partial<StoreOptions>): Promise<Store>;
}

export const EMBEDDED: StoreKind = { name: "embedded", open: (options = {}) => openStore(options) };

export const SERVER: StoreKind = {
  name: "server",
  open: (options = {}) => openStore({ databaseUrl: SERVER_URL, schema: uniqueSchema(), ...options }),
};

/** The kinds a test suite runs on: embedded always, the server when one is configured. */
export const STORE_KINDS: readonly StoreKind[] = SERVER_URL === undefined ? [EMBEDDED] : [EMBEDDED, SERVER];

export function uniqueSchema(): string {
  return `t_${randomBytes(5).toString("hex")}_${process.pid}`;
}

/** Closes the store and, on the server, drops its schema. */
export async function disposeStore(store: Store): Promise<void> {
  await store.close();
  if (store.kind === "server" && store.schema !== undefined && store.databaseUrl !== undefined) {
    const client = new pg.Client({ connectionString: store.databaseUrl });
    await client.connect();
    try {
      await client.query(`drop schema if exists ${store.schema} cascade`);
    } finally {
      await client.end();
    }
  }
}
