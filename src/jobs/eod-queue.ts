// The end-of-day queue on pg-boss (a job queue kept in PostgreSQL tables: workers claim jobs with
// `for update skip locked`, so any number of processes on any number of machines share one queue). One job per
// planned partition; the job only names the partition — the range of loans is read from eod_partitions, so
// every attempt processes the same loans.
//
// Retries: the queue asks workers for a heartbeat every `heartbeatSeconds` (pg-boss sends it while the handler
// runs). A worker that dies — killed, its machine lost — stops beating; the supervisor of any live pg-boss
// instance then puts the job back (state `retry`) and another worker takes it. A job that throws is retried
// the same way, with backoff, up to `retryLimit` times; `expireInSeconds` bounds a worker that is alive but
// stuck. A retried partition is safe: its transaction either committed (the partition is `done` and the retry
// does nothing) or rolled back entirely.
import { PgBoss } from "pg-boss";
import { type EodPlan, planEndOfDay } from "../app/end-of-day.ts";
import type { Store } from "../store/database.ts";

export const EOD_QUEUE = "tenor-eod-partition";

/** What a job carries: which partition of which tenant's day. */
export interface EodJob {
  readonly tenantId: string;
  readonly businessDate: string;
  readonly partition: number;
}

export interface QueueSettings {
  /** Seconds without a heartbeat after which a job's worker is taken for dead (pg-boss minimum 10). */
  readonly heartbeatSeconds?: number | undefined;
  /** How often a pg-boss instance looks for dead or expired jobs (seconds). */
  readonly superviseIntervalSeconds?: number | undefined;
  /** Attempts after the first. */
  readonly retryLimit?: number | undefined;
  /** The longest one attempt at a partition may run (seconds). */
  readonly expireInSeconds?: number | undefined;
}

export const DEFAULT_QUEUE_SETTINGS = {
  heartbeatSeconds: 10,
  superviseIntervalSeconds: 5,
  retryLimit: 5,
  expireInSeconds: 900,
} as const;

/** pg-boss's own schema, beside the store's: `<schema>_boss`, or `pgboss` when the store uses the default. */
export function bossSchemaFor(store: Pick<Store, "schema">): string {
  return store.schema === undefined ? "pgboss" : `${store.schema}_boss`;
}

export interface BossOptions extends QueueSettings {
  /** Defaults to the store's server. */
  readonly databaseUrl?: string | undefined;
  /** Connections of pg-boss's own pool. */
  readonly poolSize?: number | undefined;
}

/** Starts a pg-boss instance for the store's database (creating its schema and the queue when missing). */
export async function openBoss(store: Store, options: BossOptions = {}): Promise<PgBoss> {
  const databaseUrl = options.databaseUrl ?? store.databaseUrl;
  if (store.kind !== "server" || databaseUrl === undefined)
    throw new Error(
      "the end-of-day queue needs a PostgreSQL server (DATABASE_URL); the embedded database runs end of day in-process",
    );
  const supervise = options.superviseIntervalSeconds ?? DEFAULT_QUEUE_SETTINGS.superviseIntervalSeconds;
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: bossSchemaFor(store),
    max: options.poolSize ?? 4,
    superviseIntervalSeconds: supervise,
    monitorIntervalSeconds: supervise,
    useListenNotify: true,
    openTelemetry: { enabled: false },
  });
  // pg-boss reports background failures (a lost connection while polling) as events; it retries them itself.
  boss.on("error", (error) => {
    process.emitWarning(`end-of-day queue: ${String(error)}`);
  });
  await boss.start();
  await boss.createQueue(EOD_QUEUE, {
    ...jobSettings({}),
    // At most one job per partition key waiting, retrying or running: enqueuing a run again while its jobs
    // are pending adds nothing.
    policy: "exclusive",
    notify: true,
  });
  return boss;
}

/** Retry and liveness settings, carried by each job (so the run that enqueues decides them, not the queue). */
function jobSettings(settings: QueueSettings) {
  return {
    retryLimit: settings.retryLimit ?? DEFAULT_QUEUE_SETTINGS.retryLimit,
    retryDelay: 1,
    retryBackoff: true,
    retryDelayMax: 30,
    expireInSeconds: settings.expireInSeconds ?? DEFAULT_QUEUE_SETTINGS.expireInSeconds,
    heartbeatSeconds: settings.heartbeatSeconds ?? DEFAULT_QUEUE_SETTINGS.heartbeatSeconds,
  };
}

export function partitionKey(job: EodJob): string {
  return `${job.tenantId}/${job.businessDate}/${job.partition}`;
}

/**
 * One job per partition not yet done, keyed by tenant, date and partition (re-enqueuing is harmless: a key
 * already waiting or running is not added again, and a partition done is not enqueued). Returns the jobs added.
 */
export async function enqueuePartitions(
  boss: PgBoss,
  plan: EodPlan,
  settings: QueueSettings = {},
): Promise<number> {
  const perJob = jobSettings(settings);
  const jobs = plan.partitions
    .filter((p) => p.status === "pending")
    .map((p) => {
      const data: EodJob = {
        tenantId: plan.tenantId,
        businessDate: plan.businessDate,
        partition: p.partition,
      };
      return { ...perJob, data, singletonKey: partitionKey(data) };
    });
  if (jobs.length === 0) return 0;
  // One statement; a key already waiting or running is skipped by the exclusive policy's unique index.
  const ids = await boss.insert(EOD_QUEUE, jobs, { returnId: true });
  return ids?.length ?? 0;
}

/** Plans the tenant's open day (or finds the plan already made) and enqueues its pending partitions. */
export async function planAndEnqueue(
  store: Store,
  boss: PgBoss,
  tenantId: string,
  options: { partitionSize?: number | undefined; queue?: QueueSettings | undefined } = {},
): Promise<{ plan: EodPlan; enqueued: number }> {
  const plan = await planEndOfDay(store, tenantId, { partitionSize: options.partitionSize });
  return { plan, enqueued: await enqueuePartitions(boss, plan, options.queue) };
}
