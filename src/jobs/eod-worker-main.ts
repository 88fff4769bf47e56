// An end-of-day worker process: `node src/jobs/eod-worker-main.ts` (or `tenor eod-worker`), on any machine that
// reaches the database.
//   DATABASE_URL      the PostgreSQL server (required)
//   DATABASE_SCHEMA   the schema Tenor's tables are in, when not the default (tests use their own)
//   EOD_WORKER_NAME   recorded with the partitions and loans it closes (default host:pid)
//   EOD_CONCURRENCY   partitions processed at once in this process (default 2: one computed while the other
//                     is written)
// It prints one line `{"ready":"<name>"}` once it takes jobs, and one `{"partition":…,"outcome":…}` line per
// partition it processed, on stdout; it stops on SIGTERM or SIGINT after finishing the partitions in hand.
import { openStore } from "../store/database.ts";
import { DEFAULT_CONCURRENCY, startEodWorker } from "./eod-worker.ts";

export interface WorkerProcessOptions {
  readonly databaseUrl: string;
  readonly schema?: string | undefined;
  readonly workerName?: string | undefined;
  readonly concurrency?: number | undefined;
}

/** Runs a worker until SIGTERM or SIGINT; resolves once it has stopped and closed its connections. */
export async function eodWorkerProcess(options: WorkerProcessOptions): Promise<void> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const store = await openStore({
    databaseUrl: options.databaseUrl,
    schema: options.schema,
    poolSize: concurrency + 2,
  });
  let worker: Awaited<ReturnType<typeof startEodWorker>>;
  try {
    worker = await startEodWorker({
      store,
      workerName: options.workerName,
      concurrency,
      onPartition: (job, outcome) => {
        process.stdout.write(`${JSON.stringify({ partition: job, outcome })}\n`);
      },
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const signalled = new Promise<void>((resolve) => {
    process.once("SIGTERM", () => resolve());
    process.once("SIGINT", () => resolve());
  });
  process.stdout.write(`${JSON.stringify({ ready: worker.name })}\n`);
  await signalled;
  await worker.stop();
  await store.close();
}

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl === "") {
    process.stderr.write("eod worker: DATABASE_URL is required (a PostgreSQL server)\n");
    process.exitCode = 2;
    return;
  }
  const concurrency = Number(env.EOD_CONCURRENCY || DEFAULT_CONCURRENCY);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) {
    process.stderr.write(
      `eod worker: EOD_CONCURRENCY must be a whole number of 1 or more (got ${env.EOD_CONCURRENCY})\n`,
    );
    process.exitCode = 2;
    return;
  }
  await eodWorkerProcess({
    databaseUrl,
    schema: env.DATABASE_SCHEMA || undefined,
    workerName: env.EOD_WORKER_NAME || undefined,
    concurrency,
  });
}

if (import.meta.main) await main();
