// The end-of-day orchestrator and its doors, on PGlite (partitions processed in-process) and on the PostgreSQL
// server (through the pg-boss queue, a worker in this process): runEndOfDay with progress, `tenor eod`'s
// command with its progress bar and summary, and the `eod.run` operation with an idempotency key.
import { Writable } from "node:stream";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TenorApp } from "../../src/app/service.ts";
import { eodCommand } from "../../src/jobs/eod-command.ts";
import { bossSchemaFor } from "../../src/jobs/eod-queue.ts";
import { endOfDayUseCase } from "../../src/jobs/eod-use-case.ts";
import { runEndOfDay } from "../../src/jobs/run-end-of-day.ts";
import type { Store } from "../../src/store/database.ts";
import { disposeStore, SERVER, SERVER_URL, STORE_KINDS } from "../support/test-store.ts";
import { businessDate, engineBalances, eodTenant, ledgerBalances, newLoan } from "./eod-fixtures.ts";

function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

describe.each(STORE_KINDS)("running end of day on $name", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await kind.open();
  });
  afterAll(async () => {
    const boss = bossSchemaFor(store);
    await disposeStore(store);
    if (kind.name === "server" && SERVER_URL !== undefined) {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      await client.query(`drop schema if exists ${boss} cascade`);
      await client.end();
    }
  });

  it("closes a day in partitions, reporting progress, and answers what it did", async () => {
    const t = await eodTenant(store, "run", "2025-02-05");
    const loans = [];
    for (let k = 0; k < 5; k++) loans.push(await newLoan(t));
    const progress: { partitionsDone: number; loansDone: number }[] = [];
    const result = await runEndOfDay({
      store,
      tenantId: t.tenantId,
      partitionSize: 2,
      workerName: "here",
      onProgress: (p) => progress.push({ partitionsDone: p.partitionsDone, loansDone: p.loansDone }),
    });
    // Five loans in partitions of two: 2 + 2 + 1. All five missed their first installment (due 02-01): on
    // 02-05, 4 days past due, late fee charged (02-01 + 3 grace days + 1).
    expect(result).toMatchObject({
      businessDate: "2025-02-05",
      nextBusinessDate: "2025-02-06",
      status: "done",
      partitions: 3,
      loans: 5,
      writtenOff: 0,
      failed: 0,
      swept: 0,
      delinquency: { "1-30": 5 },
      signals: { MISSED_PAYMENT: 5 },
      workers: { here: 3 },
    });
    expect(progress.at(-1)).toEqual({ partitionsDone: 3, loansDone: 5 });
    expect(await businessDate(store, t.tenantId)).toBe("2025-02-06");
    for (const loanId of loans)
      expect(await ledgerBalances(store, t.tenantId, loanId)).toEqual(
        await engineBalances(store, t.tenantId, loanId, "2025-02-05"),
      );
  });

  it("`tenor eod --days 2` closes two days with a progress bar and a summary line each", async () => {
    const t = await eodTenant(store, "command", "2025-01-30");
    await newLoan(t);
    await newLoan(t);
    const out = capture();
    const err = capture();
    const results = await eodCommand({
      store,
      tenantId: t.tenantId,
      days: 2,
      partitionSize: 1,
      stdout: out.stream,
      stderr: err.stream,
      progress: true,
    });
    expect(results.map((r) => r.businessDate)).toEqual(["2025-01-30", "2025-01-31"]);
    expect(await businessDate(store, t.tenantId)).toBe("2025-02-01");
    const lines = out.text().trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^2025-01-30 closed, business date now 2025-01-31: 2 loans in 2 partitions, /);
    expect(lines[1]).toMatch(/delinquency: current 2; signals: none;/);
    expect(err.text()).toMatch(/closing 2025-01-31 \[.*\] 2\/2 loans \| 2\/2 partitions/);
  });

  it("eod.run closes the actor's tenant's day once per idempotency key", async () => {
    const t = await eodTenant(store, "operation", "2025-03-03");
    await newLoan(t, { disbursementDate: "2025-03-01" });
    const app = new TenorApp(store, endOfDayUseCase({ partitionSize: 10 }));
    const key = { key: "close-2025-03-03", fingerprint: "eod.run" };
    const first = await app.perform("eod.run", t.admin, {}, key);
    expect(first.body).toMatchObject({
      businessDate: "2025-03-03",
      nextBusinessDate: "2025-03-04",
      loans: 1,
      partitions: 1,
      writtenOff: 0,
    });
    const retry = await app.perform("eod.run", t.admin, {}, key);
    expect(retry).toMatchObject({ replayed: true, body: first.body });
    expect(await businessDate(store, t.tenantId)).toBe("2025-03-04");
    const next = await app.perform("eod.run", t.admin, {});
    expect(next.body).toMatchObject({ businessDate: "2025-03-04", loans: 1 });
    const audit = await app.perform("audit.list", t.admin, {});
    const actions = (audit.body as { items: { action: string; objectId: string }[] }).items
      .filter((i) => i.action === "eod.run")
      .map((i) => i.objectId);
    expect(actions).toEqual(["2025-03-03", "2025-03-04"]);
  });

  it("eod.run sent twice at once with one key closes one day: the second is refused while the first runs", async () => {
    const t = await eodTenant(store, "twice", "2025-03-03");
    await newLoan(t, { disbursementDate: "2025-03-01" });
    const app = new TenorApp(store, endOfDayUseCase({ partitionSize: 10 }));
    const key = { key: "close-once", fingerprint: "eod.run" };
    const [a, b] = await Promise.allSettled([
      app.perform("eod.run", t.admin, {}, key),
      app.perform("eod.run", t.admin, {}, key),
    ]);
    const answered = [a, b].filter((s) => s.status === "fulfilled");
    const refused = [a, b].filter(
      (s) => s.status === "rejected" && (s.reason as { code?: string }).code === "IDEMPOTENCY_KEY_IN_USE",
    );
    expect(answered).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(answered[0]?.status === "fulfilled" && answered[0].value.body).toMatchObject({
      businessDate: "2025-03-03",
      nextBusinessDate: "2025-03-04",
    });
    expect(await businessDate(store, t.tenantId)).toBe("2025-03-04");
    // Once the first has finished, the key is free again: the retry gets the recorded answer, not a new day.
    const retry = await app.perform("eod.run", t.admin, {}, key);
    expect(retry).toMatchObject({ replayed: true, body: { businessDate: "2025-03-03" } });
    expect(await businessDate(store, t.tenantId)).toBe("2025-03-04");
  });
});

describe.skipIf(SERVER_URL === undefined)(
  "a partition that keeps failing (server only: the queue needs PostgreSQL)",
  () => {
    let store: Store;
    beforeAll(async () => {
      store = await SERVER.open();
    });
    afterAll(async () => {
      const boss = bossSchemaFor(store);
      await disposeStore(store);
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      await client.query(`drop schema if exists ${boss} cascade`);
      await client.end();
    });

    it("stops the run with the partition's error once its retries are used, and a later run resumes it", async () => {
      const t = await eodTenant(store, "failing", "2025-02-05");
      const loans = [await newLoan(t), await newLoan(t), await newLoan(t)];
      const refused = [...loans].sort()[1] as string;
      // A failure that repeats on every attempt: the database refuses the day's record of one loan.
      await store.read(async (db) => {
        await sql
          .raw(`create function refuse_day() returns trigger language plpgsql as $$
        begin if new.loan_id = '${refused}' then raise exception 'refused for the test'; end if; return new; end $$`)
          .execute(db);
        await sql
          .raw(`create trigger refuse_day before insert on eod_loan_days
        for each row execute function refuse_day()`)
          .execute(db);
      });
      const run = runEndOfDay({ store, tenantId: t.tenantId, partitionSize: 1, queue: { retryLimit: 1 } });
      await expect(run).rejects.toThrow(/partition 1 failed after 2 attempts \(.*refused for the test/);
      expect(await businessDate(store, t.tenantId)).toBe("2025-02-05");
      await store.read((db) => sql.raw("drop trigger refuse_day on eod_loan_days").execute(db));
      const resumed = await runEndOfDay({ store, tenantId: t.tenantId, partitionSize: 1 });
      expect(resumed).toMatchObject({ businessDate: "2025-02-05", loans: 3, partitions: 3 });
      expect(await businessDate(store, t.tenantId)).toBe("2025-02-06");
    });
  },
);
