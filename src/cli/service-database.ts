// Which database the service commands use: a PostgreSQL server when `--database-url` (or DATABASE_URL) is
// given, else the embedded engine in `--data-dir` (or TENOR_DATA_DIR; default `.tenor/data`, which git ignores).
// An explicit `--data-dir` argument beats a DATABASE_URL in the environment.
// The store modules are loaded only when a service command runs, so the calculation commands stay quick.
import path from "node:path";
import { type Command, Option } from "commander";
import type { Kysely } from "kysely";
import type { Store } from "../store/database.ts";
import { ServiceError } from "./service-failures.ts";
import { wholeNumber } from "./service-options.ts";

export const DEFAULT_DATA_DIR = ".tenor/data";

export interface DatabaseOptions {
  readonly databaseUrl?: string | undefined;
  readonly dataDir: string;
  readonly schema?: string | undefined;
  readonly poolSize?: number | undefined;
}

export function addDatabaseOptions(command: Command): Command {
  return command
    .hook("preAction", (_parent, action) => chooseDatabase(action))
    .addOption(
      new Option(
        "--database-url <url>",
        "a PostgreSQL server (postgres://…); else the embedded database",
      ).env("DATABASE_URL"),
    )
    .addOption(
      new Option("--data-dir <dir>", "the embedded database's directory")
        .env("TENOR_DATA_DIR")
        .default(DEFAULT_DATA_DIR),
    )
    .addOption(
      new Option("--schema <name>", "server only: the PostgreSQL schema to use (created if missing)").env(
        "TENOR_DATABASE_SCHEMA",
      ),
    )
    .addOption(
      new Option("--pool-size <count>", "server only: connections per process")
        .env("TENOR_POOL_SIZE")
        .argParser(wholeNumber("--pool-size", 1000, 1)),
    );
}

/**
 * An argument beats the environment: `--data-dir` on the command line means the embedded database even when the
 * shell exports DATABASE_URL (which would otherwise win, silently serving another database). Both as arguments
 * is a contradiction and is refused.
 */
function chooseDatabase(command: Command): void {
  if (command.getOptionValueSource("dataDir") !== "cli") return;
  const url = command.getOptionValue("databaseUrl") as string | undefined;
  if (url === undefined || url === "") return;
  if (command.getOptionValueSource("databaseUrl") === "cli")
    throw new ServiceError("give --database-url or --data-dir, not both: they name two different databases");
  command.setOptionValueWithSource("databaseUrl", undefined, "cli");
}

export interface OpenedDatabase {
  readonly store: Store;
  /** The embedded data directory; undefined on a server. */
  readonly dataDir: string | undefined;
  /** Names the database in messages and in the credentials file (an absolute directory, or the server). */
  readonly location: string;
}

/** Opens the store (which runs the migrations). */
export async function openDatabase(options: DatabaseOptions): Promise<OpenedDatabase> {
  const { openStore } = await import("../store/database.ts");
  if (options.databaseUrl !== undefined && options.databaseUrl !== "") {
    const store = await openStore({
      databaseUrl: options.databaseUrl,
      schema: options.schema,
      poolSize: options.poolSize,
    });
    return { store, dataDir: undefined, location: store.location };
  }
  if (options.schema !== undefined)
    throw new ServiceError("--schema (TENOR_DATABASE_SCHEMA) applies to a PostgreSQL server only");
  if (options.poolSize !== undefined)
    throw new ServiceError("--pool-size (TENOR_POOL_SIZE) applies to a PostgreSQL server only");
  const store = await openStore({ dataDir: options.dataDir });
  return { store, dataDir: options.dataDir, location: path.resolve(options.dataDir) };
}

/** Opens the database, runs `work`, and closes it whatever happens (releasing the data directory's lock). */
export async function withDatabase(
  options: DatabaseOptions,
  work: (database: OpenedDatabase) => Promise<void>,
): Promise<void> {
  const database = await openDatabase(options);
  try {
    await work(database);
  } finally {
    await database.store.close();
  }
}

export function describeDatabase(database: OpenedDatabase): string {
  return database.dataDir === undefined
    ? `PostgreSQL server ${database.location}`
    : `embedded (PGlite) in ${database.location}`;
}

/** Kysely's record of the applied migrations, with the time each was applied. */
export async function appliedMigrations(store: Store): Promise<{ name: string; at: number }[]> {
  type MigrationTable = { kysely_migration: { name: string; timestamp: string } };
  const rows = await store.read((db) =>
    (db as unknown as Kysely<MigrationTable>)
      .selectFrom("kysely_migration")
      .select(["name", "timestamp"])
      .orderBy("name")
      .execute(),
  );
  return rows.map((row) => ({ name: row.name, at: Date.parse(row.timestamp) }));
}
