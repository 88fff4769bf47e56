// Closing one business day for a tenant, start to end: plan the partitions, enqueue them, work on them here
// and/or let workers elsewhere take them, wait until every partition is done, then finish the day (the
// business date moves to D + 1). Running it again for a day left half-done resumes it: the plan is the one
// recorded, only partitions not done are enqueued, and loans already closed for the day are skipped.
//
// On the embedded database (PGlite: one connection inside this process, no server other processes could reach)
// pg-boss has nothing to share, so the partitions are processed here one after another by the same partition
// function — the same transactions, the same results.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { PgBoss } from "pg-boss";
import {
  type EodProgress,
  type EodSummary,
  endOfDayProgress,
  endOfDaySummary,
  finishEndOfDay,
  planEndOfDay,
  processPartition,
} from "../app/end-of-day.ts";
import type { Store } from "../store/database.ts";
import { EOD_QUEUE, type EodJob, openBoss, planAndEnqueue, type QueueSettings } from "./eod-queue.ts";
import { defaultWorkerName, type EodWorker, startEodWorker } from "./eod-worker.ts";

export interface RunEndOfDayOptions {
  readonly store: Store;
  readonly tenantId: string;
  /**
   * Workers on this machine (default 1): this process works on partitions too, and `workers - 1` worker
   * processes are started for the run and stopped after it. 0: only workers started elsewhere
   * (`node src/jobs/eod-worker-main.ts`) do the work; this process plans, waits and finishes.
   */
  readonly workers?: number | undefined;
  /** Loans per partition (default DEFAULT_PARTITION_SIZE, src/app/end-of-day-plan.ts). */
  readonly partitionSize?: number | undefined;
  readonly onProgress?: ((progress: EodProgress & { businessDate: string }) => void) | undefined;
  /** How often progress is read while waiting (ms, default 250). */
  readonly pollMs?: number | undefined;
  /** Gives up waiting after this long (ms); the run stays resumable. Default: no limit. */
  readonly timeoutMs?: number | undefined;
  readonly workerName?: string | undefined;
  readonly queue?: QueueSettings | undefined;
}

export interface EndOfDayResult extends EodSummary {
  /** Loans that became active after the plan was made, closed by the finisher. */
  readonly swept: number;
  readonly durationMs: number;
}

export async function runEndOfDay(options: RunEndOfDayOptions): Promise<EndOfDayResult> {
  const started = performance.now();
  const { store, tenantId } = options;
  const workers = options.workers ?? 1;
  if (!Number.isSafeInteger(workers) || workers < 0 || workers > 64)
    throw new Error(`workers must be a whole number from 0 to 64 (got ${workers})`);
  const name = options.workerName ?? defaultWorkerName();
  const businessDate =
    store.kind === "embedded" ? await runInProcess(options, name) : await runOnQueue(options, workers, name);
  const finish = await finishEndOfDay(store, tenantId, businessDate, name);
  if (finish.pending > 0)
    throw new Error(`end of day ${businessDate}: ${finish.pending} partitions are not done`);
  const summary = await endOfDaySummary(store, tenantId, businessDate);
  return { ...summary, swept: finish.swept, durationMs: Math.round(performance.now() - started) };
}

/** The embedded database: every partition here, one after another. */
async function runInProcess(options: RunEndOfDayOptions, name: string): Promise<string> {
  const { store, tenantId } = options;
  const plan = await planEndOfDay(store, tenantId, { partitionSize: options.partitionSize });
  const { businessDate } = plan;
  options.onProgress?.({ ...(await endOfDayProgress(store, tenantId, businessDate)), businessDate });
  for (const partition of plan.partitions) {
    if (partition.status === "done") continue;
    await processPartition(store, { tenantId, businessDate, partition: partition.partition, worker: name });
    options.onProgress?.({ ...(await endOfDayProgress(store, tenantId, businessDate)), businessDate });
  }
  return businessDate;
}

/** Plans and enqueues the day, runs the local workers, and waits until every partition is done. */
async function runOnQueue(options: RunEndOfDayOptions, workers: number, name: string): Promise<string> {
  const { store, tenantId } = options;
  // The worker processes start first: their start-up (a second or so) overlaps planning and enqueuing.
  const children: ChildProcess[] = [];
  for (let k = 1; k < workers; k++) {
    const child = spawnWorker(store, `${name}/${k}`);
    child.stdout?.resume();
    children.push(child);
  }
  let boss: PgBoss | undefined;
  let local: EodWorker | undefined;
  try {
    boss = await openBoss(store, options.queue);
    const { plan } = await planAndEnqueue(store, boss, tenantId, {
      partitionSize: options.partitionSize,
      queue: options.queue,
    });
    const { businessDate } = plan;
    if (workers > 0) local = await startEodWorker({ ...options.queue, store, workerName: name });
    await waitForPartitions(options, boss, businessDate);
    return businessDate;
  } finally {
    await Promise.allSettled([local?.stop(), ...children.map(stopChild)]);
    await boss?.stop({ graceful: false, timeout: 5_000 });
  }
}

async function waitForPartitions(
  options: RunEndOfDayOptions,
  boss: PgBoss,
  businessDate: string,
): Promise<void> {
  const { store, tenantId } = options;
  const deadline = options.timeoutMs === undefined ? Infinity : Date.now() + options.timeoutMs;
  let lastCheck = 0;
  for (;;) {
    const progress = await endOfDayProgress(store, tenantId, businessDate);
    options.onProgress?.({ ...progress, businessDate });
    if (progress.partitionsDone >= progress.partitions) return;
    if (Date.now() - lastCheck > 2_000) {
      lastCheck = Date.now();
      await failOnDeadPartitions(boss, options, businessDate);
    }
    if (Date.now() > deadline)
      throw new Error(
        `end of day ${businessDate}: gave up waiting after ${options.timeoutMs} ms with ${progress.partitions - progress.partitionsDone} partitions left (run it again to resume)`,
      );
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 250));
  }
}

/**
 * A partition whose job failed for good (every retry used) and that has no job waiting, retrying or running
 * will never be done: the run stops with its last error instead of waiting forever.
 */
async function failOnDeadPartitions(boss: PgBoss, options: RunEndOfDayOptions, businessDate: string) {
  const jobs = await boss.findJobs<EodJob>(EOD_QUEUE, {
    data: { tenantId: options.tenantId, businessDate },
    limit: 100_000,
  });
  const live = new Set<number>();
  const failed = new Set<number>();
  for (const job of jobs) {
    if (job.state === "failed") failed.add(job.data.partition);
    else if (job.state === "created" || job.state === "retry" || job.state === "active")
      live.add(job.data.partition);
  }
  const dead = [...failed].filter((p) => !live.has(p));
  if (dead.length === 0) return;
  const pending = await options.store.read((db) =>
    db
      .selectFrom("eod_partitions")
      .select(["partition", "attempts", "last_error"])
      .where("tenant_id", "=", options.tenantId)
      .where("business_date", "=", businessDate)
      .where("status", "=", "pending")
      .where("partition", "in", dead)
      .orderBy("partition")
      .execute(),
  );
  const first = pending[0];
  if (first === undefined) return;
  throw new Error(
    `end of day ${businessDate}: partition ${first.partition} failed after ${first.attempts} attempts` +
      ` (${first.last_error ?? "its worker stopped answering"}); fix the cause and run end of day again to resume`,
  );
}

/** The worker process's entry script. */
export const WORKER_SCRIPT = fileURLToPath(new URL("./eod-worker-main.ts", import.meta.url));

export interface SpawnOptions {
  /** Another entry script (tests use one that stops inside a partition); default WORKER_SCRIPT. */
  readonly script?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/**
 * Starts a worker process on this machine for the store's database. Its stdout (one JSON line per event) is
 * piped: read it, or call `child.stdout.resume()`, so the pipe never fills.
 */
export function spawnWorker(store: Store, name: string, options: SpawnOptions = {}): ChildProcess {
  if (store.databaseUrl === undefined) throw new Error("worker processes need a PostgreSQL server");
  return spawn(process.execPath, [options.script ?? WORKER_SCRIPT], {
    env: {
      ...process.env,
      ...options.env,
      DATABASE_URL: store.databaseUrl,
      DATABASE_SCHEMA: store.schema ?? "",
      EOD_WORKER_NAME: name,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/** Resolves with the first stdout line of a worker that matches `test` (parsed JSON), e.g. its `ready` line. */
export function workerLine(
  child: ChildProcess,
  test: (line: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const stdout = child.stdout;
    if (stdout === null) return reject(new Error("the worker's stdout is not piped"));
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let end = buffered.indexOf("\n");
      while (end >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 1);
        end = buffered.indexOf("\n");
        let parsed: unknown;
        try {
          parsed = JSON.parse(line);
        } catch {
          continue;
        }
        if (typeof parsed === "object" && parsed !== null && test(parsed as Record<string, unknown>)) {
          cleanup();
          return resolve(parsed as Record<string, unknown>);
        }
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`the worker exited (${signal ?? code}) before the line expected`));
    };
    const cleanup = () => {
      stdout.off("data", onData);
      child.off("exit", onExit);
    };
    stdout.on("data", onData);
    child.on("exit", onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await exited;
}
