// End of day shared by worker processes through the pg-boss queue on one PostgreSQL server: ~2,000 loans, two
// worker processes and the orchestrator — every active loan closed exactly once, both workers did some of the
// work, the business date moved once. Then a worker killed (SIGKILL) while it holds a partition: the
// partition is retried by the other worker and the day completes with every loan exactly once.
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishEndOfDay } from "../../src/app/end-of-day.ts";
import { bossSchemaFor } from "../../src/jobs/eod-queue.ts";
import { runEndOfDay, spawnWorker, workerLine } from "../../src/jobs/run-end-of-day.ts";
import type { Store } from "../../src/store/database.ts";
import { disposeStore, SERVER, SERVER_URL } from "../support/test-store.ts";
import {
  businessDate,
  cloneLoans,
  type EodTenant,
  engineBalances,
  eodTenant,
  ledgerBalances,
  newLoan,
  recordEvent,
} from "./eod-fixtures.ts";

const HANGING_WORKER = fileURLToPath(new URL("./hanging-worker.ts", import.meta.url));

/** Four kinds of loan made through the app (one with a repayment), cloned `copies` times each. */
async function portfolio(store: Store, tenantId: string, copies: number): Promise<EodTenant> {
  const t = await eodTenant(store, tenantId, "2025-02-10");
  const templates = [
    await newLoan(t),
    await newLoan(t, { principal: "5000.00", installments: 24, rate: "18", disbursementDate: "2024-12-15" }),
    await newLoan(t, { installments: 6, disbursementDate: "2025-02-01" }),
    await newLoan(t),
  ];
  await recordEvent(t, templates[3] as string, { type: "repayment", date: "2025-02-01", amount: "88.85" });
  await cloneLoans(store, tenantId, templates, copies);
  return t;
}

async function activeLoans(store: Store, tenantId: string): Promise<string[]> {
  const rows = await store.read((db) =>
    db
      .selectFrom("loans")
      .select("loan_id")
      .where("tenant_id", "=", tenantId)
      .where("status", "=", "active")
      .orderBy("loan_id")
      .execute(),
  );
  return rows.map((r) => r.loan_id);
}

async function dayRecords(store: Store, tenantId: string, date: string) {
  return store.read((db) =>
    db
      .selectFrom("eod_loan_days")
      .select(["loan_id", "worker"])
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", date)
      .orderBy("loan_id")
      .execute(),
  );
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}

async function ready(child: ChildProcess): Promise<void> {
  await workerLine(child, (line) => "ready" in line);
}

describe.skipIf(SERVER_URL === undefined)(
  "end of day on worker processes (server only: TEST_DATABASE_URL is not set, and the queue needs PostgreSQL)",
  () => {
    let store: Store;
    const children: ChildProcess[] = [];
    beforeAll(async () => {
      store = await SERVER.open();
    });
    afterAll(async () => {
      await Promise.all(children.map((c) => stop(c, "SIGKILL")));
      const boss = bossSchemaFor(store);
      await disposeStore(store);
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      await client.query(`drop schema if exists ${boss} cascade`);
      await client.end();
    });

    it("two worker processes close ~2,000 loans, each exactly once, and the business date moves once", async () => {
      const t = await portfolio(store, "two-workers", 500);
      const before = await activeLoans(store, t.tenantId);
      expect(before).toHaveLength(2004);
      const a = spawnWorker(store, "worker-a");
      const b = spawnWorker(store, "worker-b");
      children.push(a, b);
      await Promise.all([ready(a), ready(b)]);
      a.stdout?.resume();
      b.stdout?.resume();
      try {
        const result = await runEndOfDay({ store, tenantId: t.tenantId, workers: 0, partitionSize: 50 });
        expect(result).toMatchObject({
          businessDate: "2025-02-10",
          status: "done",
          partitions: 41,
          loans: 2004,
        });
        const records = await dayRecords(store, t.tenantId, "2025-02-10");
        expect(records.map((r) => r.loan_id)).toEqual(before);
        expect(Object.keys(result.workers).sort()).toEqual(["worker-a", "worker-b"]);
        expect((result.workers["worker-a"] ?? 0) + (result.workers["worker-b"] ?? 0)).toBe(41);
        expect(new Set(records.map((r) => r.worker))).toEqual(new Set(["worker-a", "worker-b"]));
      } finally {
        await Promise.all([stop(a), stop(b)]);
      }
      expect(await businessDate(store, t.tenantId)).toBe("2025-02-11");
      expect(await finishEndOfDay(store, t.tenantId, "2025-02-10", "again")).toMatchObject({
        advanced: false,
      });
      expect(await businessDate(store, t.tenantId)).toBe("2025-02-11");
      for (const loanId of [...before.slice(0, 4), ...before.slice(-4)])
        expect(await ledgerBalances(store, t.tenantId, loanId)).toEqual(
          await engineBalances(store, t.tenantId, loanId, "2025-02-10"),
        );
    });

    it("retries the partition of a worker killed while holding it; every loan is still closed exactly once", async () => {
      const t = await portfolio(store, "crash", 250);
      const before = await activeLoans(store, t.tenantId);
      const hanging = spawnWorker(store, "hanging", { script: HANGING_WORKER });
      children.push(hanging);
      await ready(hanging);
      const run = runEndOfDay({ store, tenantId: t.tenantId, workers: 0, partitionSize: 100 });
      const holding = (await workerLine(hanging, (line) => "holding" in line)).holding as string[];
      expect(holding.length).toBeGreaterThan(0);
      const survivor = spawnWorker(store, "survivor");
      children.push(survivor);
      await ready(survivor);
      survivor.stdout?.resume();
      await stop(hanging, "SIGKILL");
      try {
        const result = await run;
        expect(result).toMatchObject({ status: "done", loans: before.length, workers: { survivor: 11 } });
      } finally {
        await stop(survivor);
      }
      const records = await dayRecords(store, t.tenantId, "2025-02-10");
      expect(records.map((r) => r.loan_id)).toEqual(before);
      expect(new Set(records.map((r) => r.worker))).toEqual(new Set(["survivor"]));
      // The partition the killed worker held: attempted twice (or more), finished by the survivor.
      const held = await store.read((db) =>
        db
          .selectFrom("eod_partitions")
          .select(["attempts", "worker", "status", "processed"])
          .where("tenant_id", "=", t.tenantId)
          .where("business_date", "=", "2025-02-10")
          .where((eb) => eb.or([eb("after_loan", "is", null), eb("after_loan", "<", holding[0] as string)]))
          .where((eb) => eb.or([eb("last_loan", "is", null), eb("last_loan", ">=", holding[0] as string)]))
          .execute(),
      );
      expect(held).toHaveLength(1);
      expect(held[0]).toMatchObject({ status: "done", worker: "survivor", processed: holding.length });
      expect(held[0]?.attempts).toBeGreaterThanOrEqual(2);
      expect(await businessDate(store, t.tenantId)).toBe("2025-02-11");
    });
  },
);
