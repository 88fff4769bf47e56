import { type Kysely, sql } from "kysely";

/**
 * Runs a migration's SQL one statement at a time: PGlite's extended protocol takes a single statement per query.
 * Statements are separated by a semicolon at the end of a line, outside `$$`-quoted function bodies (whose own
 * statements end the same way); no migration puts one inside a string.
 */
export async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of splitStatements(script)) await sql.raw(statement).execute(db);
}

export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  // Pieces between `$$` marks alternate: outside a body, inside one, outside, …
  let current = "";
  script.split("$$").forEach((piece, index) => {
    if (index % 2 === 1) {
      current += `$$${piece}$$`;
      return;
    }
    const parts = piece.split(/;\s*\n/);
    current += parts[0];
    for (const part of parts.slice(1)) {
      statements.push(current);
      current = part;
    }
  });
  statements.push(current);
  return statements.filter((statement) => statement.trim() !== "");
}
