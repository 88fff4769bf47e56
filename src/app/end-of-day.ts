// Closing a tenant's business day (docs/guides/end-of-day.md). Closing D runs every active loan through the
// servicing engine at D — accrual, late fees after the late grace days, past-due interest, days past due and
// bucket, automatic write-off below tolerance, early-warning signals — and then moves the business date to
// D + 1. The work is planned as partitions of loans (end-of-day-plan.ts), each processed in one transaction
// by whichever worker takes it (processPartition; src/jobs/ runs them as queue jobs on any number of
// machines), and the day is finished once all are done (finishEndOfDay). Every step may be repeated safely:
// a partition already done, a loan already closed for D and a day already finished are each left alone.

import { sql } from "kysely";
import { addDays, type DayNumber, formatIsoDate, parseIsoDate } from "../core/calendar-date.ts";
import type { Store } from "../store/database.ts";
import { AppError, notFound } from "./app-error.ts";
import { closeLoansInRange, type RangeHooks } from "./end-of-day-range.ts";

export {
  DEFAULT_PARTITION_SIZE,
  type EodPlan,
  type PlannedPartition,
  planEndOfDay,
} from "./end-of-day-plan.ts";
export type { RangeHooks } from "./end-of-day-range.ts";

export interface PartitionWork {
  readonly tenantId: string;
  readonly businessDate: string;
  readonly partition: number;
  /** Who does it, recorded with each loan's day (e.g. `host:pid`). */
  readonly worker: string;
}

export interface PartitionOutcome {
  /** `already-done`: another attempt finished it first; nothing was changed. */
  readonly status: "done" | "already-done";
  readonly loans: number;
  readonly writtenOff: number;
  readonly failed: number;
}

/**
 * Processes one planned partition in one transaction. The partition's row is locked first, so two attempts at
 * the same partition take turns and the second finds it done.
 */
export async function processPartition(
  store: Store,
  work: PartitionWork,
  hooks: RangeHooks = {},
): Promise<PartitionOutcome> {
  const { tenantId, businessDate, partition } = work;
  // Counted in a transaction of its own, so that an attempt which dies (a killed worker) still shows.
  await store.transaction((trx) =>
    trx
      .updateTable("eod_partitions")
      .set((eb) => ({ attempts: eb("attempts", "+", 1) }))
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", businessDate)
      .where("partition", "=", partition)
      .where("status", "=", "pending")
      .execute(),
  );
  try {
    return await store.transaction(async (trx) => {
      const planned = await trx
        .selectFrom("eod_partitions")
        .select(["after_loan", "last_loan", "status"])
        .where("tenant_id", "=", tenantId)
        .where("business_date", "=", businessDate)
        .where("partition", "=", partition)
        .forUpdate()
        .executeTakeFirst();
      if (planned === undefined)
        throw notFound("end-of-day partition", `${tenantId}/${businessDate}/${partition}`);
      if (planned.status === "done") return { status: "already-done", loans: 0, writtenOff: 0, failed: 0 };
      const range = { afterLoan: planned.after_loan, lastLoan: planned.last_loan };
      const outcome = await closeLoansInRange(trx, tenantId, businessDate, range, work.worker, hooks);
      await trx
        .updateTable("eod_partitions")
        .set({
          status: "done",
          processed: outcome.loans,
          worker: work.worker,
          last_error: null,
          finished_at: new Date().toISOString(),
        })
        .where("tenant_id", "=", tenantId)
        .where("business_date", "=", businessDate)
        .where("partition", "=", partition)
        .execute();
      return { status: "done", ...outcome };
    });
  } catch (error) {
    await recordPartitionError(store, work, error);
    throw error;
  }
}

async function recordPartitionError(store: Store, work: PartitionWork, error: unknown): Promise<void> {
  try {
    await store.transaction((trx) =>
      trx
        .updateTable("eod_partitions")
        .set({ last_error: `${work.worker}: ${String(error)}`.slice(0, 2000) })
        .where("tenant_id", "=", work.tenantId)
        .where("business_date", "=", work.businessDate)
        .where("partition", "=", work.partition)
        .where("status", "=", "pending")
        .execute(),
    );
  } catch {
    // The error is rethrown by the caller either way; a lost note about it must not replace it.
  }
}

export interface FinishOutcome {
  /** True when this call advanced the business date; false when the day was already finished. */
  readonly advanced: boolean;
  /** Partitions not done yet (then nothing happened). */
  readonly pending: number;
  /** Loans no partition covered (made active after the run was planned), closed by the finisher. */
  readonly swept: number;
  readonly nextBusinessDate: string;
}

/**
 * Finishes the day once every partition is done: loans that became active after the plan was made are closed
 * too, then the business date moves to D + 1 and the run is marked done — in one transaction, with the run's
 * row locked, so that of two finishers exactly one advances the date.
 */
export async function finishEndOfDay(
  store: Store,
  tenantId: string,
  businessDate: string,
  worker: string,
): Promise<FinishOutcome> {
  const nextBusinessDate = formatIsoDate(addDays(parseIsoDate(businessDate) as DayNumber, 1));
  return store.transaction(async (trx) => {
    const run = await trx
      .selectFrom("eod_runs")
      .select("status")
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", businessDate)
      .forUpdate()
      .executeTakeFirst();
    if (run === undefined) throw notFound("end-of-day run", `${tenantId}/${businessDate}`);
    if (run.status === "done") return { advanced: false, pending: 0, swept: 0, nextBusinessDate };
    const pending = await trx
      .selectFrom("eod_partitions")
      .select((eb) => eb.fn.countAll<bigint>().as("n"))
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", businessDate)
      .where("status", "<>", "done")
      .executeTakeFirstOrThrow();
    if (pending.n > 0n) return { advanced: false, pending: Number(pending.n), swept: 0, nextBusinessDate };
    const sweep = await closeLoansInRange(
      trx,
      tenantId,
      businessDate,
      { afterLoan: null, lastLoan: null },
      worker,
    );
    const moved = await trx
      .updateTable("tenants")
      .set({ business_date: nextBusinessDate })
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", businessDate)
      .executeTakeFirst();
    if (moved.numUpdatedRows !== 1n)
      throw new AppError(
        "CONFLICT",
        `tenant "${tenantId}" is no longer on the business date ${businessDate}; the run was not finished`,
      );
    await trx
      .updateTable("eod_runs")
      .set({ status: "done", finished_at: new Date().toISOString(), finished_by: worker })
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", businessDate)
      .execute();
    return { advanced: true, pending: 0, swept: sweep.loans, nextBusinessDate };
  });
}

export interface EodProgress {
  readonly partitions: number;
  readonly partitionsDone: number;
  /** Loans planned, and loans closed for the day so far. */
  readonly loans: number;
  readonly loansDone: number;
  readonly status: "running" | "done";
  /** Partitions whose last attempt failed, with the error (they are retried by the queue). */
  readonly errors: readonly { partition: number; attempts: number; error: string }[];
}

export async function endOfDayProgress(
  store: Store,
  tenantId: string,
  businessDate: string,
): Promise<EodProgress> {
  return store.read(async (db) => {
    const run = await db
      .selectFrom("eod_runs")
      .select(["partitions", "loans", "status"])
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", businessDate)
      .executeTakeFirst();
    if (run === undefined) throw notFound("end-of-day run", `${tenantId}/${businessDate}`);
    const parts = await db
      .selectFrom("eod_partitions")
      .select(["partition", "status", "processed", "attempts", "last_error"])
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", businessDate)
      .execute();
    const done = parts.filter((p) => p.status === "done");
    return {
      partitions: run.partitions,
      partitionsDone: done.length,
      loans: run.loans,
      loansDone: done.reduce((sum, p) => sum + p.processed, 0),
      status: run.status,
      errors: parts.flatMap((p) =>
        p.status === "pending" && p.last_error !== null
          ? [{ partition: p.partition, attempts: p.attempts, error: p.last_error }]
          : [],
      ),
    };
  });
}

export interface EodSummary {
  readonly businessDate: string;
  readonly nextBusinessDate: string;
  readonly status: "running" | "done";
  readonly partitions: number;
  /** Loans closed for the day (one eod_loan_days record each). */
  readonly loans: number;
  readonly writtenOff: number;
  /** Loans the engine could not replay (left unchanged; see eod_loan_days.error). */
  readonly failed: number;
  readonly delinquency: Readonly<Record<string, number>>;
  /** Loans by early-warning tier, and how many loans each signal fired for. */
  readonly tiers: Readonly<Record<string, number>>;
  readonly signals: Readonly<Record<string, number>>;
  /** Partitions done by each worker (the finisher's sweep is not a partition). */
  readonly workers: Readonly<Record<string, number>>;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** What a closed (or running) day did, from its records. */
export async function endOfDaySummary(
  store: Store,
  tenantId: string,
  businessDate: string,
): Promise<EodSummary> {
  return store.read(async (db) => {
    const run = await db
      .selectFrom("eod_runs")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", businessDate)
      .executeTakeFirst();
    if (run === undefined) throw notFound("end-of-day run", `${tenantId}/${businessDate}`);
    const counts = await sql<{ kind: string; key: string; n: bigint }>`
      select 'delinquency' as kind, delinquency as key, count(*) as n from eod_loan_days
        where tenant_id = ${tenantId} and business_date = ${businessDate}::date and error is null
        group by delinquency
      union all
      select 'tier', tier, count(*) from eod_loan_days
        where tenant_id = ${tenantId} and business_date = ${businessDate}::date and error is null group by tier
      union all
      select 'signal', code, count(*) from eod_loan_days, unnest(signal_codes) as code
        where tenant_id = ${tenantId} and business_date = ${businessDate}::date group by code
      union all
      select 'total', '', count(*) from eod_loan_days
        where tenant_id = ${tenantId} and business_date = ${businessDate}::date
      union all
      select 'written-off', '', count(*) from eod_loan_days
        where tenant_id = ${tenantId} and business_date = ${businessDate}::date and wrote_off
      union all
      select 'failed', '', count(*) from eod_loan_days
        where tenant_id = ${tenantId} and business_date = ${businessDate}::date and error is not null
      union all
      select 'worker', worker, count(*) from eod_partitions
        where tenant_id = ${tenantId} and business_date = ${businessDate}::date and status = 'done'
        group by worker`.execute(db);
    const group = (kind: string) =>
      Object.fromEntries(
        counts.rows
          .filter((r) => r.kind === kind)
          .sort((a, b) => a.key.localeCompare(b.key))
          .map((r) => [r.key, Number(r.n)]),
      );
    const single = (kind: string) => Number(counts.rows.find((r) => r.kind === kind)?.n ?? 0n);
    return {
      businessDate,
      nextBusinessDate: formatIsoDate(addDays(parseIsoDate(businessDate) as DayNumber, 1)),
      status: run.status,
      partitions: run.partitions,
      loans: single("total"),
      writtenOff: single("written-off"),
      failed: single("failed"),
      delinquency: group("delinquency"),
      tiers: group("tier"),
      signals: group("signal"),
      workers: group("worker"),
      startedAt: run.started_at,
      finishedAt: run.finished_at,
    };
  });
}
