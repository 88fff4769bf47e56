// Migration 0004: borrowers' personal data is sealed per field (src/store/sealed-text.ts; ARCHITECTURE.md,
// "security"). A sealed value is text, so the financial profile's column becomes text: the JSON document as
// text before sealing, `sealed:1:…` after. The name column is text already. Rows written before stay readable
// as they are, and `tenor reseal` seals them (the SQL here cannot: the keys never reach the database).
import type { Kysely } from "kysely";
import { runStatements } from "./run-statements.ts";

export const SCRIPT = `
    alter table borrowers alter column profile type text using profile::text;
`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, SCRIPT);
}
