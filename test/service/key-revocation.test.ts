// Revoking an API key takes effect at once in every process, although each remembers verified keys for a while:
// the revocation is announced when it commits, and every authenticator listening forgets the key. Here the
// other process's authenticator remembers keys for ten minutes, so only the announcement can make it refuse the
// key (if it never arrived, the test would wait until its timeout and fail). On the server the two sides are two
// stores on one schema, as two processes are; on the embedded engine two authenticators share the one store.
// A process whose listening connection is lost remembers nothing until it listens again. The new key's
// answer, replayed to a retry from its idempotency record, is stored sealed: the database keeps only its hash.
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Authenticator } from "../../src/app/credentials.ts";
import { TenorApp } from "../../src/app/service.ts";
import { createTenant } from "../../src/app/tenants.ts";
import type { Store } from "../../src/store/database.ts";
import { disposeStore, SERVER, SERVER_URL, STORE_KINDS, uniqueSchema } from "../support/test-store.ts";

const TEN_MINUTES = 600_000;

describe.each(STORE_KINDS)("revoking an API key on the $name database", (kind) => {
  let store: Store;
  let otherStore: Store;
  let app: TenorApp;
  let adminKey: string;
  beforeAll(async () => {
    const schema = uniqueSchema();
    store = await kind.open(kind.name === "server" ? { schema } : {});
    otherStore = kind.name === "server" ? await kind.open({ schema }) : store;
    app = new TenorApp(store);
    adminKey = (await createTenant(store, { tenantId: "t1", name: "t1", businessDate: "2025-01-15" }))
      .adminKey;
  });
  afterAll(async () => {
    if (otherStore !== store) await otherStore.close();
    await disposeStore(store);
  });

  async function issueOfficerKey(idempotencyKey: string) {
    const admin = await app.authenticator.authenticate(adminKey);
    const answer = await app.perform(
      "apiKeys.create",
      admin,
      { role: "officer" },
      { key: idempotencyKey, fingerprint: idempotencyKey },
    );
    return answer.body as { key: string; keyId: string };
  }

  it("is refused at once by another process that remembers keys for ten minutes", async () => {
    const officer = await issueOfficerKey("issue-1");
    const other = new Authenticator(otherStore, { cacheMilliseconds: TEN_MINUTES });
    expect((await other.authenticate(officer.key)).role).toBe("officer");
    expect(await other.followsRevocations()).toBe(true);
    // Remembered: the row's hash changed underneath is not seen (the key is served from memory).
    await store.transaction((trx) =>
      sql`update api_keys set secret_hash = 'ff' where key_id = ${officer.keyId}`.execute(trx),
    );
    expect((await other.authenticate(officer.key)).role).toBe("officer");

    const admin = await app.authenticator.authenticate(adminKey);
    await app.perform("apiKeys.revoke", admin, { keyId: officer.keyId });
    for (;;) {
      const refused = await other.authenticate(officer.key).then(
        () => false,
        (error) => error.code === "UNAUTHENTICATED",
      );
      if (refused) break;
      await sleep(10);
    }
    await expect(other.authenticate(officer.key)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("keeps the new key's replayable answer sealed: the database holds only its hash", async () => {
    const officer = await issueOfficerKey("issue-2");
    const secret = officer.key.split(".").at(-1) as string;
    const stored = await store.read((db) =>
      sql<{ body: string }>`select response_body::text as body from idempotency_keys`.execute(db),
    );
    expect(stored.rows.length).toBeGreaterThan(0);
    for (const row of stored.rows) expect(row.body).not.toContain(secret);
    const admin = await app.authenticator.authenticate(adminKey);
    const retried = await app.perform(
      "apiKeys.create",
      admin,
      { role: "officer" },
      { key: "issue-2", fingerprint: "issue-2" },
    );
    expect(retried).toMatchObject({ replayed: true, body: { key: officer.key, keyId: officer.keyId } });
  });
});

// Only a server has a connection to lose; CI runs this with TEST_DATABASE_URL set.
describe.skipIf(SERVER_URL === undefined)("a lost listening connection (PostgreSQL server)", () => {
  const schema = uniqueSchema();
  let store: Store;
  let otherStore: Store;
  let app: TenorApp;
  let adminKey: string;
  beforeAll(async () => {
    store = await SERVER.open({ schema });
    otherStore = await SERVER.open({ schema });
    app = new TenorApp(store);
    adminKey = (await createTenant(store, { tenantId: "t1", name: "t1", businessDate: "2025-01-15" }))
      .adminKey;
  });
  afterAll(async () => {
    await otherStore.close();
    await disposeStore(store);
  });

  it("remembers nothing while it is lost, so a revocation made without an announcement is seen at once; listens again later", async () => {
    const admin = await app.authenticator.authenticate(adminKey);
    const issued = await app.perform("apiKeys.create", admin, { role: "officer" });
    const officer = issued.body as { key: string; keyId: string };
    const warnings: string[] = [];
    const other = new Authenticator(otherStore, {
      cacheMilliseconds: TEN_MINUTES,
      warn: (line) => warnings.push(line),
    });
    expect((await other.authenticate(officer.key)).role).toBe("officer");
    expect(await other.followsRevocations()).toBe(true);
    // The server ends this schema's listening connections (as a restart or a network fault would).
    const client = new pg.Client({ connectionString: SERVER_URL });
    await client.connect();
    try {
      await client.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1",
        [`tenor-listen ${schema}`],
      );
    } finally {
      await client.end();
    }
    while (await other.followsRevocations()) await sleep(10);
    // Revoked by hand in SQL, with no announcement: refused at once, since nothing is remembered meanwhile.
    await store.transaction((trx) =>
      sql`update api_keys set revoked_at = now() where key_id = ${officer.keyId}`.execute(trx),
    );
    await expect(other.authenticate(officer.key)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    // Said once for the outage, however many requests met it.
    expect(warnings).toEqual([
      "tenor api: not listening for API key revocations (the connection was lost); every request reads its key until listening works again (retried every 5 s)",
    ]);
    // Five seconds on, it listens again (on a new connection) and says so.
    while (!(await other.followsRevocations())) await sleep(100);
    expect(warnings.at(-1)).toBe(
      "tenor api: listening for API key revocations again; verified keys are remembered again",
    );
  });
});
