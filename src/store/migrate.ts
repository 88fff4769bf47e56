// Runs the numbered migrations in order (Kysely's Migrator: one row per applied migration, and a lock so two
// processes starting at once do not both migrate). Migrations are immutable once applied: each one's SQL is
// fingerprinted when it runs, and a database whose applied migration no longer matches its file is refused,
// since the schema the code expects and the one the data lives in would silently differ.
import { createHash } from "node:crypto";
import { type Kysely, sql } from "kysely";
import { type Migration, type MigrationResultSet, Migrator } from "kysely/migration";
import * as initial from "./migrations/0001-initial.ts";
import * as endOfDay from "./migrations/0002-end-of-day.ts";
import * as commandFunctions from "./migrations/0003-command-functions.ts";
import * as sealedProfiles from "./migrations/0004-sealed-profiles.ts";

interface SqlMigration extends Migration {
  readonly SCRIPT: string;
}

/** Every migration, by its number and name; append only. */
export const MIGRATIONS: Readonly<Record<string, SqlMigration>> = {
  "0001-initial": initial,
  "0002-end-of-day": endOfDay,
  "0003-command-functions": commandFunctions,
  "0004-sealed-profiles": sealedProfiles,
};

export function checksumOf(migration: SqlMigration): string {
  return createHash("sha256").update(migration.SCRIPT).digest("hex");
}

/** `schema`: where the migration bookkeeping lives (the store's schema, when it has its own). */
export async function migrateToLatest(db: Kysely<unknown>, schema?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === "Error");
    throw new Error(`migration ${failed?.migrationName ?? "(unknown)"} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  await checkChecksums(db);
  return (result.results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Records the checksum of each newly applied migration and compares those already recorded. */
async function checkChecksums(db: Kysely<unknown>): Promise<void> {
  await sql`create table if not exists tenor_migration_checksums (name text primary key, sha256 text not null)`.execute(
    db,
  );
  const recorded = await sql<{
    name: string;
    sha256: string;
  }>`select name, sha256 from tenor_migration_checksums`.execute(db);
  const known = new Map(recorded.rows.map((row) => [row.name, row.sha256]));
  for (const [name, migration] of Object.entries(MIGRATIONS)) {
    const checksum = checksumOf(migration);
    const stored = known.get(name);
    if (stored === undefined) {
      await sql`insert into tenor_migration_checksums (name, sha256) values (${name}, ${checksum}) on conflict do nothing`.execute(
        db,
      );
    } else if (stored !== checksum) {
      throw new Error(
        `migration ${name} was changed after it was applied to this database (recorded sha256 ${stored}, the file's ${checksum}); ` +
          "migrations are immutable: restore the file and put the change in a new migration",
      );
    }
  }
}
