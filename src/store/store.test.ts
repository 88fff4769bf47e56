// The store on both engines: values come back exact (int8 as bigint beyond 2^53, numeric as its decimal text,
// dates as ISO days), migrations are recorded and immutable, a transaction commits all or nothing, and an
// embedded data directory is opened by one process only.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disposeStore, STORE_KINDS } from "../../test/support/test-store.ts";
import { DataDirectoryLockedError, lockDataDirectory } from "./data-dir-lock.ts";
import { literal, openStore, type Store } from "./database.ts";
import { MIGRATIONS } from "./migrate.ts";

describe.each(STORE_KINDS)("store on $name", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await kind.open();
  });
  afterAll(() => disposeStore(store));

  it("returns int8 as bigint and numeric as exact text at 2^53 + 1 and beyond", async () => {
    const above = 2n ** 53n + 1n; // 9007199254740993: the first integer a double cannot hold
    const largest = 2n ** 63n - 1n;
    const result = await store.read((db) =>
      sql<{ a: bigint; b: bigint; n: string; m: string }>`
        select ${above.toString()}::int8 as a, ${largest.toString()}::int8 as b,
               '9007199254740993.000000000000000001'::numeric as n, (${above.toString()}::numeric / 3) as m`.execute(
        db,
      ),
    );
    const row = result.rows[0];
    expect(row?.a).toBe(9007199254740993n);
    expect(row?.b).toBe(9223372036854775807n);
    expect(row?.n).toBe("9007199254740993.000000000000000001");
    // 9007199254740993 / 3 = 3002399751580331 exactly; numeric division keeps 16 decimals of scale here.
    expect(row?.m).toMatch(/^3002399751580331(\.0+)?$/);
  });

  it("round-trips an int8 column through an insert and a select", async () => {
    const above = 2n ** 53n + 1n;
    await store.transaction(async (trx) => {
      await trx
        .insertInto("tenants")
        .values({ tenant_id: "int8-check", name: "t", business_date: "2026-02-28" })
        .execute();
      await trx
        .insertInto("borrowers")
        .values({
          tenant_id: "int8-check",
          borrower_id: "b",
          name: "b",
          profile: null,
          profile_updated_at: null,
        })
        .execute();
      await trx
        .insertInto("eod_loan_days")
        .values({
          tenant_id: "int8-check",
          business_date: "2026-02-28",
          loan_id: "l",
          status: "active",
          days_past_due: 0,
          delinquency: "current",
          outstanding_minor: above,
          worker: "w",
        })
        .execute();
    });
    const row = await store.read((db) =>
      db
        .selectFrom("eod_loan_days")
        .select(["outstanding_minor", "business_date"])
        .where("tenant_id", "=", "int8-check")
        .executeTakeFirstOrThrow(),
    );
    expect(row.outstanding_minor).toBe(above);
    expect(row.business_date).toBe("2026-02-28");
  });

  it("commits nothing of a transaction that fails", async () => {
    await expect(
      store.transaction(async (trx) => {
        await trx
          .insertInto("tenants")
          .values({ tenant_id: "rolled-back", name: "t", business_date: "2026-01-01" })
          .execute();
        throw new Error("the command failed after its first write");
      }),
    ).rejects.toThrow("the command failed");
    const rows = await store.read((db) =>
      db.selectFrom("tenants").select("tenant_id").where("tenant_id", "=", "rolled-back").execute(),
    );
    expect(rows).toEqual([]);
  });

  it("writes literals the engine reads back as they were: quotes, backslashes, unicode, null, numbers", async () => {
    const texts = [
      "plain",
      "it's",
      "back\\slash",
      "\\'; drop table tenants; --",
      "ünïcødé €",
      "$$",
      "",
      "line\nbreak",
    ];
    const [rows] = await store.session((session) =>
      session.statements(
        `select ${texts.map((text, k) => `${literal(text)} as t${k}`).join(", ")}, ${literal(null)} as n, ` +
          `${literal(9007199254740991)}::int8 as big, ${literal(true)} as yes`,
      ),
    );
    expect(rows?.[0]).toEqual({
      ...Object.fromEntries(texts.map((text, k) => [`t${k}`, text])),
      n: null,
      big: 9007199254740991n,
      yes: true,
    });
    expect(() => literal(0.5)).toThrow(/not a safe integer/);
  });

  it("sends several statements in one round trip, and rolls back what a failing session left open", async () => {
    const results = await store.session((session) => session.statements("select 1 as a; select 2 as b"));
    expect(results).toEqual([[{ a: 1 }], [{ b: 2 }]]);
    await expect(
      store.session(async (session) => {
        await session.statements(
          `begin; insert into tenants (tenant_id, name, business_date) values ('half-written', 't', '2026-01-01')`,
        );
        throw new Error("the command failed between its round trips");
      }),
    ).rejects.toThrow("between its round trips");
    // A failing statement stops the rest of its text.
    await expect(
      store.session((session) =>
        session.statements(
          "begin; select 1/0; insert into tenants (tenant_id, name, business_date) values ('after', 't', '2026-01-01')",
        ),
      ),
    ).rejects.toThrow(/division by zero/);
    const rows = await store.read((db) =>
      db
        .selectFrom("tenants")
        .select("tenant_id")
        .where("tenant_id", "in", ["half-written", "after"])
        .execute(),
    );
    expect(rows).toEqual([]);
    // The connection (on the embedded engine, the database) is usable afterwards, outside any transaction.
    const [[state]] = (await store.session((session) =>
      session.statements("select now() = statement_timestamp() as outside"),
    )) as [[{ outside: boolean }]];
    expect(state.outside).toBe(true);
  });

  it("records every migration once, with its checksum", async () => {
    const applied = await store.read((db) =>
      sql<{ name: string }>`select name from kysely_migration order by name`.execute(db),
    );
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS));
    const sums = await store.read((db) =>
      sql<{ name: string }>`select name from tenor_migration_checksums`.execute(db),
    );
    expect(sums.rows.map((r) => r.name).sort()).toEqual(Object.keys(MIGRATIONS));
  });
});

describe("literal", () => {
  it("writes any text exactly as node-postgres's escapeLiteral does", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "'", "\\", "\n", "é", "$", "E", " ", "€") }),
        (text) => {
          expect(literal(text)).toBe(pg.escapeLiteral(text));
        },
      ),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        expect(literal(text)).toBe(pg.escapeLiteral(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe("embedded data directory", () => {
  const root = mkdtempSync(path.join(tmpdir(), "tenor-store-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("keeps data across a close and a reopen", async () => {
    const dataDir = path.join(root, "persist");
    const first = await openStore({ dataDir });
    await first.transaction((trx) =>
      trx
        .insertInto("tenants")
        .values({ tenant_id: "kept", name: "k", business_date: "2026-03-01" })
        .execute(),
    );
    await first.close();
    const second = await openStore({ dataDir });
    const row = await second.read((db) =>
      db.selectFrom("tenants").select("name").where("tenant_id", "=", "kept").executeTakeFirst(),
    );
    await second.close();
    expect(row?.name).toBe("k");
  });

  it("refuses a second opener while the first holds the directory, naming the holder", async () => {
    const dataDir = path.join(root, "locked");
    const first = await openStore({ dataDir });
    try {
      await expect(openStore({ dataDir })).rejects.toThrow(DataDirectoryLockedError);
      // Another process is refused too.
      const other = spawnSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `import { lockDataDirectory } from ${JSON.stringify(path.resolve("src/store/data-dir-lock.ts"))}; try { lockDataDirectory(${JSON.stringify(dataDir)}); console.log("acquired"); } catch (e) { console.log(e.message); }`,
        ],
        { encoding: "utf8" },
      );
      expect(other.stdout).toContain(`is in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    const again = await openStore({ dataDir });
    await again.close();
  });

  it("refuses a database whose applied migration was changed afterwards", async () => {
    const dataDir = path.join(root, "tampered");
    const first = await openStore({ dataDir });
    await first.read((db) =>
      sql`update tenor_migration_checksums set sha256 = 'edited' where name = '0001-initial'`.execute(db),
    );
    await first.close();
    await expect(openStore({ dataDir })).rejects.toThrow(
      /migration 0001-initial was changed after it was applied/,
    );
    // The refused open released the directory: it can be opened again (and is still refused).
    await expect(openStore({ dataDir })).rejects.toThrow(/was changed after it was applied/);
  });

  it("takes over the lock of a process that died without releasing it", () => {
    const dataDir = path.join(root, "stale");
    // A pid that cannot be alive: above the kernel's pid_max (at most 2^22).
    writeFileSync(`${dataDir}.lock`, String(2 ** 22 + 17));
    const lock = lockDataDirectory(dataDir);
    lock.release();
  });
});
