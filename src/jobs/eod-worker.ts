// An end-of-day worker: takes partition jobs from the queue and processes each in one transaction
// (processPartition). Start one in every process that should share the work, on any machine that reaches the
// database (docs/guides/end-of-day.md); `concurrency` partitions run at a time in one process (they overlap
// one partition's database work with another's computation; for more CPU, start more processes).
import { hostname } from "node:os";
import type { PgBoss } from "pg-boss";
import { type PartitionOutcome, processPartition, type RangeHooks } from "../app/end-of-day.ts";
import type { Store } from "../store/database.ts";
import { EOD_QUEUE, type EodJob, openBoss, type QueueSettings } from "./eod-queue.ts";

export interface EodWorkerOptions extends QueueSettings {
  readonly store: Store;
  /** The server pg-boss connects to; defaults to the store's. */
  readonly databaseUrl?: string | undefined;
  /** Recorded with every loan and partition the worker closes; defaults to `host:pid`. */
  readonly workerName?: string | undefined;
  /** Partitions processed at once in this process (default DEFAULT_CONCURRENCY). */
  readonly concurrency?: number | undefined;
  /** Called inside a partition's transaction once its loans are locked (tests stop a worker there). */
  readonly hooks?: RangeHooks | undefined;
  /** Called after each partition this worker processed. */
  readonly onPartition?: ((job: EodJob, outcome: PartitionOutcome) => void) | undefined;
}

export interface EodWorker {
  readonly name: string;
  readonly boss: PgBoss;
  /** Stops taking jobs, lets the partitions in hand finish, and closes the queue's connections. */
  stop(): Promise<void>;
}

export const defaultWorkerName = (): string => `${hostname()}:${process.pid}`;

/**
 * Partitions a worker process has in hand by default: two, so that one partition is computed while the
 * database writes (and commits) the other's results — a pipeline. With one, the process and the database take
 * turns and each waits about half the time (bench/eod.ts: one worker closed 2,200 loans/s with one partition
 * at a time and 2,850 with two, 100,000 loans on a 2-core machine).
 */
export const DEFAULT_CONCURRENCY = 2;

export async function startEodWorker(options: EodWorkerOptions): Promise<EodWorker> {
  const { store } = options;
  const name = options.workerName ?? defaultWorkerName();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 64)
    throw new Error(`concurrency must be a whole number from 1 to 64 (got ${concurrency})`);
  const boss = await openBoss(store, { ...options, poolSize: concurrency + 2 });
  // One pg-boss worker per slot, each told to fetch again right after a partition: pg-boss would otherwise wait
  // out its polling interval between two jobs of a queue that is not empty.
  const ids: string[] = [];
  for (let slot = 0; slot < concurrency; slot++) {
    const id = await boss.work<EodJob>(
      EOD_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 2 },
      async (jobs) => {
        try {
          const outcomes: PartitionOutcome[] = [];
          for (const job of jobs) {
            const outcome = await processPartition(store, { ...job.data, worker: name }, options.hooks);
            options.onPartition?.(job.data, outcome);
            outcomes.push(outcome);
          }
          return outcomes;
        } finally {
          const self = ids[slot];
          if (self !== undefined) boss.notifyWorker(self);
        }
      },
    );
    ids.push(id);
  }
  let stopping: Promise<void> | undefined;
  return {
    name,
    boss,
    stop: () => {
      stopping ??= boss.stop({ graceful: true, timeout: 60_000 });
      return stopping;
    },
  };
}
