// Borrowers' personal data at rest (docs/guides/personal-data.md), on both engines: the name and the financial
// profile are stored sealed — the rows, the stored answer a retry replays and the audit trail never hold them
// in plain text — and read back exactly through the app; a sealed value moved to another borrower does not
// open; a key is rotated by adding a version and `reseal`, after which the old key can go; rows written before
// sealing are read as they are and sealed by `reseal`.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openAnswer } from "../../src/app/personal-data.ts";
import { resealPersonalData } from "../../src/app/reseal.ts";
import { TenorApp } from "../../src/app/service.ts";
import { createTenant } from "../../src/app/tenants.ts";
import { parseDataKeys } from "../../src/store/data-keys.ts";
import type { Store } from "../../src/store/database.ts";
import { SealedTextError, sealedVersion } from "../../src/store/sealed-text.ts";
import { disbursedLoan } from "../support/service-fixtures.ts";
import { disposeStore, STORE_KINDS, uniqueSchema } from "../support/test-store.ts";

const KEY_1 = `1:${Buffer.alloc(32, 11).toString("base64")}`;
const KEY_2 = `2:${Buffer.alloc(32, 22).toString("base64")}`;
const NAME = "María José Fernández-Lüdke";
const PROFILE = {
  currency: "EUR",
  incomes: [{ name: "salary", amount: "2637.41", payDate: "2025-01-25" }],
  expenses: [{ name: "rent", amount: "951.13", essential: true }],
  liquidSavings: "4012.77",
};

describe.each(STORE_KINDS)("personal data on the $name database", (kind) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tenor-sealed-"));
  const schema = uniqueSchema();
  // The same database each time (a directory, or a schema), opened with the key set a step needs.
  const open = (keys: string) =>
    kind.open({
      dataKeys: parseDataKeys(keys, "the test's keys"),
      ...(kind.name === "embedded" ? { dataDir: path.join(dataDir, "db") } : { schema }),
    });
  let last: Store | undefined;
  // The tenant's admin key, kept across the steps: an Idempotency-Key belongs to the API key that sent it.
  let adminKey = "";
  const adminOf = (_store: Store, app: TenorApp) => app.authenticator.authenticate(adminKey);
  afterAll(async () => {
    if (last !== undefined) await disposeStore(last);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const raw = async (store: Store) =>
    store.read(async (db) => {
      const text = async (query: ReturnType<typeof sql<{ t: string }>>) =>
        (await query.execute(db)).rows.map((r) => r.t).join("\n");
      return {
        borrowers: await text(
          sql<{ t: string }>`select name || ' ' || coalesce(profile, '') as t from borrowers`,
        ),
        answers: await text(sql<{ t: string }>`select response_body::text as t from idempotency_keys`),
        audit: await text(sql<{ t: string }>`select detail::text || object_id as t from audit_log`),
      };
    });

  it("stores the name and profile sealed, and the app reads them back exactly", async () => {
    const store = await open(KEY_1);
    const app = new TenorApp(store);
    adminKey = (await createTenant(store, { tenantId: "t1", name: "t1", businessDate: "2025-01-15" }))
      .adminKey;
    const admin = await adminOf(store, app);
    const created = await app.perform(
      "borrowers.create",
      admin,
      { borrowerId: "b1", name: NAME, profile: PROFILE },
      { key: "create-b1", fingerprint: "f1" },
    );
    await app.perform("borrowers.create", admin, { borrowerId: "b2", name: "Li Wei" });
    const stored = await raw(store);
    for (const secret of [NAME, "Fernández", "2637.41", "951.13", "4012.77", "Li Wei"]) {
      expect(stored.borrowers).not.toContain(secret);
      expect(stored.answers).not.toContain(secret);
      expect(stored.audit).not.toContain(secret);
    }
    expect(stored.borrowers).toMatch(/^sealed:1:1:\S+ sealed:1:1:\S+$/m);

    const read = await app.perform("borrowers.read", admin, { borrowerId: "b1" });
    expect(read.body).toMatchObject({ borrowerId: "b1", name: NAME, profile: PROFILE });
    const list = await app.perform("borrowers.list", admin, {});
    expect((list.body as { items: { name: string }[] }).items.map((b) => b.name)).toEqual([NAME, "Li Wei"]);
    // A retry with the same key gets the original answer, opened from its sealed record.
    const retried = await app.perform(
      "borrowers.create",
      admin,
      { borrowerId: "b1", name: NAME, profile: PROFILE },
      { key: "create-b1", fingerprint: "f1" },
    );
    expect(retried).toEqual({ ...created, replayed: true });
    expect(retried.body).toEqual({ borrowerId: "b1", name: NAME, profile: PROFILE });
    await store.close();
  });

  it("refuses a sealed value moved to another borrower, naming where", async () => {
    const store = await open(KEY_1);
    const app = new TenorApp(store);
    await store.transaction((trx) =>
      sql`update borrowers set name = (select name from borrowers where borrower_id = 'b1') where borrower_id = 'b2'`.execute(
        trx,
      ),
    );
    const admin = await adminOf(store, app);
    const moved = app.perform("borrowers.read", admin, { borrowerId: "b2" });
    await expect(moved).rejects.toBeInstanceOf(SealedTextError);
    await expect(app.perform("borrowers.read", admin, { borrowerId: "b2" })).rejects.toThrow(
      /^borrowers\/t1\/b2\/name: the sealed value cannot be opened/,
    );
    // Copying b3's own sealed name back does not mend it either: b3's value is bound to b3.
    await app.perform("borrowers.create", admin, { borrowerId: "b3", name: "Li Wei" });
    await store.transaction((trx) =>
      sql`update borrowers set name = (select name from borrowers where borrower_id = 'b3') where borrower_id = 'b2'`.execute(
        trx,
      ),
    );
    await expect(app.perform("borrowers.read", admin, { borrowerId: "b2" })).rejects.toThrow(/b2\/name/);
    await store.transaction((trx) => sql`delete from borrowers where borrower_id = 'b2'`.execute(trx));
    await app.perform("borrowers.create", admin, { borrowerId: "b2", name: "Li Wei" });
    await store.close();
  });

  it("rotates the key: a new version added, resealed, and the old one dropped", async () => {
    const both = await open(`${KEY_1},${KEY_2}`);
    const app = new TenorApp(both);
    const admin = await adminOf(both, app);
    // Readable with both keys before the reseal (sealed with version 1).
    expect((await app.perform("borrowers.read", admin, { borrowerId: "b1" })).body).toMatchObject({
      name: NAME,
    });
    expect(await resealPersonalData(both)).toEqual({ borrowers: 3, answers: 1, version: 2 });
    expect(await resealPersonalData(both)).toEqual({ borrowers: 0, answers: 0, version: 2 });
    await both.close();

    const onlyNew = await open(KEY_2);
    const later = new TenorApp(onlyNew);
    const admin2 = await adminOf(onlyNew, later);
    expect((await later.perform("borrowers.read", admin2, { borrowerId: "b1" })).body).toMatchObject({
      name: NAME,
      profile: PROFILE,
    });
    const retried = await later.perform(
      "borrowers.create",
      admin2,
      { borrowerId: "b1", name: NAME, profile: PROFILE },
      { key: "create-b1", fingerprint: "f1" },
    );
    expect(retried.body).toEqual({ borrowerId: "b1", name: NAME, profile: PROFILE });
    const versions = await onlyNew.read((db) =>
      db.selectFrom("borrowers").select(["name", "profile"]).execute(),
    );
    expect(versions.map((v) => sealedVersion(v.name))).toEqual([2, 2, 2]);
    await onlyNew.close();

    // The old key alone no longer opens what was resealed, and says which version it lacks.
    const onlyOld = await open(KEY_1);
    const old = new TenorApp(onlyOld);
    await expect(
      old.perform("borrowers.read", await adminOf(onlyOld, old), { borrowerId: "b1" }),
    ).rejects.toThrow(
      "borrowers/t1/b1/name: sealed with key version 2, which the test's keys does not hold (it holds 1); add that key to open it",
    );
    await onlyOld.close();
  });

  it("reads a row written before sealing as it is, and reseal seals it and the sensitive answers of then", async () => {
    const store = await open(KEY_2);
    last = store;
    const oldKey = "tenor.t1.OldKeyId1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const answers: [string, unknown][] = [
      ["old-key", { key: oldKey, keyId: "OldKeyId1", role: "officer", borrowerId: null, note: "shown once" }],
      ["old-borrower", { borrowerId: "b-old", name: "Old Plain Name", profile: null }],
      ["old-profile", { borrowerId: "b-old", profile: PROFILE }],
      ["old-repayment", { loanId: "L1", name: "not a borrower's", profile: "x", status: "active" }],
    ];
    await store.transaction(async (trx) => {
      await sql`insert into borrowers (tenant_id, borrower_id, name, profile)
          values ('t1', 'b-old', 'Old Plain Name', ${JSON.stringify(PROFILE)})`.execute(trx);
      for (const [key, body] of answers)
        await sql`insert into idempotency_keys
                    (tenant_id, key_id, idempotency_key, request_hash, response_status, response_body)
                  values ('t1', 'k-old', ${key}, 'h', 201, ${JSON.stringify(body)})`.execute(trx);
    });
    const app = new TenorApp(store);
    const admin = await adminOf(store, app);
    const before = await app.perform("borrowers.read", admin, { borrowerId: "b-old" });
    expect(before.body).toMatchObject({ name: "Old Plain Name", profile: PROFILE });
    expect(await resealPersonalData(store)).toEqual({ borrowers: 1, answers: 3, version: 2 });
    const stored = await raw(store);
    expect(stored.borrowers).not.toContain("Old Plain Name");
    expect(stored.answers).not.toContain(oldKey);
    expect(stored.answers).not.toContain("2637.41");
    // The answer that holds neither is left as it was.
    expect(stored.answers).toContain('"loanId": "L1"');
    const replayed = await store.read((db) =>
      db
        .selectFrom("idempotency_keys")
        .select(["idempotency_key", "response_body"])
        .where("key_id", "=", "k-old")
        .execute(),
    );
    for (const row of replayed) {
      const place = { tenantId: "t1", keyId: "k-old", key: row.idempotency_key };
      expect(openAnswer(store.dataKeys, place, row.response_body)).toEqual(
        answers.find(([key]) => key === row.idempotency_key)?.[1],
      );
    }
    const after = await app.perform("borrowers.read", admin, { borrowerId: "b-old" });
    expect(after.body).toEqual(before.body);
  });
});

describe.each(STORE_KINDS)("a loan's health from the sealed profile on the $name database", (kind) => {
  let store: Store;
  afterAll(() => disposeStore(store));

  it("reads the borrower's profile opened: the same score as with the profile given in plain", async () => {
    store = await kind.open();
    const { app, admin, loanId } = await disbursedLoan(store, { businessDate: "2025-03-15" });
    const without = await app.perform("loans.health", admin, { loanId });
    // The plan example's borrower (2,600.00 a month against 950.00 of rent and a 210.00 car loan), in the loan's
    // currency.
    const example = JSON.parse(readFileSync("examples/planning/plan.json", "utf8")) as {
      borrower: Record<string, unknown>;
    };
    const profile = { ...example.borrower, currency: "USD" };
    await app.perform("borrowers.profile.write", admin, { borrowerId: "b1", profile });
    const stored = await store.read((db) =>
      db.selectFrom("borrowers").select("profile").executeTakeFirstOrThrow(),
    );
    expect(stored.profile).toMatch(/^sealed:1:/);
    const fromStore = await app.perform("loans.health", admin, { loanId });
    const given = await app.perform("loans.health", admin, { loanId, options: { borrower: profile } });
    expect(fromStore.body).toEqual(given.body);
    // The profile counts: without it the score is another.
    expect(fromStore.body).not.toEqual(without.body);
  });
});
