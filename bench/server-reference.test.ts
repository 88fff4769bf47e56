// The machine reference runs against the server with one client and with several, reports a rate for each and
// the server's commit setting, and leaves no schema behind (its figures themselves are the machine's).
import pg from "pg";
import { describe, expect, it } from "vitest";
import { SERVER_URL } from "../test/support/test-store.ts";
import { formatServerReference, measureServerReference } from "./server-reference.ts";

describe.skipIf(SERVER_URL === undefined)(
  "the server's small-write reference (needs TEST_DATABASE_URL)",
  () => {
    it("measures one client and several, and drops its schema", async () => {
      const url = SERVER_URL as string;
      const schemasBefore = await benchReferenceSchemas(url);
      const reference = await measureServerReference(url, { seconds: 0.3, clients: 3 });
      expect(reference.oneClient).toBeGreaterThan(0);
      expect(reference.manyClients).toBeGreaterThan(0);
      expect(reference.clients).toBe(3);
      expect(["on", "off", "local", "remote_write", "remote_apply"]).toContain(reference.synchronousCommit);
      expect(formatServerReference(reference)).toMatch(
        /small write transactions\/s with 1 client, [\d,]+\/s with 3/,
      );
      expect(await benchReferenceSchemas(url)).toEqual(schemasBefore);
    });
  },
);

async function benchReferenceSchemas(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ nspname: string }>(
      "select nspname from pg_namespace where nspname like 'bench\\_ref\\_%' order by 1",
    );
    return rows.rows.map((r) => r.nspname);
  } finally {
    await client.end();
  }
}
