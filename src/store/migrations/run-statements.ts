import { type Kysely, sql } from "kysely";

/**
 * Runs a migration's SQL one statement at a time: PGlite's extended protocol takes a single statement per query.
 * Statements are separated by a semicolon at the end of a line (no migration puts one inside a string).
 */
export async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/)) {
    if (statement.trim() !== "") await sql.raw(statement).execute(db);
  }
}
