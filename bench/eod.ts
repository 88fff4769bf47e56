// `node bench/eod.ts [--loans 100000] [--partition-size N] [--workers 1,2] [--no-profile]` — issue 6, "Performance": end of day
// for 100,000 loans on the PostgreSQL server (DATABASE_URL, else TEST_DATABASE_URL) with one worker process
// and with two; loans per second.
//
// Method. A schema of its own (`bench_eod_<random>`, dropped at the end, with pg-boss's `<schema>_boss`). A
// template tenant is seeded through the service's operations the day before the business date (the demo
// seed: five products, a few hundred loans with histories — on time, late, past due in every bucket,
// prepaid, returned payments); its active loans are cloned set-based into one tenant per measured run
// (bench/eod-portfolio.ts), all on the same business date: each run closes the SAME loans in the SAME state,
// a fresh copy, so the runs compare. The worker processes (src/jobs/eod-worker-main.ts) are started and
// have reported ready BEFORE the clock starts: their start-up is not measured. The clock covers
// `runEndOfDay({ workers: 0 })` from this process: plan, enqueue, the workers' partitions, the finisher's
// sweep and date move, and the summary. A checkpoint before each run, so no run inherits another's WAL.
//
// Split of time: the CPU seconds the worker processes and the PostgreSQL server spent during the run (from
// /proc; Linux only, and only for a server on this machine). On this machine (2 cores) both share the same
// cores, so a second worker only helps as far as the first left a core idle. Then a partition's steps, one by
// one (bench/eod-profile.ts: compute, each statement, the server's CPU for each), on a small tenant of its
// own, rolled back. The results of the runs are compared (each loan's day record, the entries booked, the
// loan rows): they must be identical.
import { createHash, randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import pg from "pg";
import { DEFAULT_PARTITION_SIZE } from "../src/app/end-of-day.ts";
import { bossSchemaFor } from "../src/jobs/eod-queue.ts";
import { runEndOfDay, spawnWorker, workerLine } from "../src/jobs/run-end-of-day.ts";
import { openStore, type Store } from "../src/store/database.ts";
import { clonePortfolio, seedTemplates } from "./eod-portfolio.ts";
import { formatProfile, type PartitionProfile, profilePartitions } from "./eod-profile.ts";
import { formatServerReference, measureServerReference, type ServerReference } from "./server-reference.ts";

const BUSINESS_DATE = "2025-06-10";

export interface EodBenchOptions {
  readonly databaseUrl: string | undefined;
  /** Active loans closed in each run (default 100,000). */
  readonly loans?: number | undefined;
  /** Loans per partition (default: end of day's own default). */
  readonly partitionSize?: number | undefined;
  /** Worker processes of each run (default [1, 2]). */
  readonly workers?: readonly number[] | undefined;
  /** Also profile partitions step by step (rolled back, on a tenant of their own; default true). */
  readonly profile?: boolean | undefined;
  /** Progress lines (default: stderr). */
  readonly log?: ((line: string) => void) | undefined;
}

export interface EodRun {
  readonly loans: number;
  readonly workers: number;
  readonly partitions: number;
  readonly seconds: number;
  readonly loansPerSecond: number;
  /** CPU seconds of the worker processes during the run; undefined without /proc. */
  readonly workerCpu: number | undefined;
  /** CPU seconds of the PostgreSQL server's processes during the run (when it runs on this machine). */
  readonly databaseCpu: number | undefined;
  /** The 1-minute load average just before and just after the run. */
  readonly loadBefore: number;
  readonly loadAfter: number;
  /** A digest of the day's results (day records, booked entries, loan snapshots): equal across runs. */
  readonly digest: string;
  readonly delinquency: Readonly<Record<string, number>>;
  readonly signals: Readonly<Record<string, number>>;
  readonly writtenOff: number;
  readonly failed: number;
}

export interface EodBenchResult {
  readonly businessDate: string;
  readonly templates: number;
  readonly runs: readonly EodRun[];
  /** True when every run's digest is the same. */
  readonly identical: boolean;
  readonly profile: PartitionProfile | undefined;
  /** The server's small write transactions per second, measured before the runs (bench/server-reference.ts). */
  readonly reference: ServerReference;
}

/** Measures end of day; undefined when no PostgreSQL server is configured. */
export async function measureEndOfDay(options: EodBenchOptions): Promise<EodBenchResult | undefined> {
  const { databaseUrl } = options;
  if (databaseUrl === undefined || databaseUrl === "") return undefined;
  const loans = options.loans ?? 100_000;
  const workerCounts = options.workers ?? [1, 2];
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const schema = `bench_eod_${randomBytes(4).toString("hex")}`;
  const store = await openStore({ databaseUrl: withApplicationName(databaseUrl), schema });
  try {
    let started = performance.now();
    log(`eod bench: seeding the template loans (schema ${schema})`);
    const templates = await seedTemplates(store, BUSINESS_DATE);
    for (const workers of workerCounts) {
      log(`eod bench: cloning ${loans} loans for the run with ${workers} worker(s)`);
      await clonePortfolio(store, templates, tenantOf(workers), BUSINESS_DATE, loans);
    }
    // As a database that has held its loans a while: visibility map set, statistics fresh.
    await store.read((db) => sql`vacuum (analyze) loans, loan_events, ledger_entries`.execute(db));
    log(`eod bench: set up in ${seconds(started)} s`);
    const reference = await measureServerReference(databaseUrl);
    log(`eod bench: ${formatServerReference(reference)}`);
    const runs: EodRun[] = [];
    for (const workers of workerCounts) {
      started = performance.now();
      runs.push(await measureRun(store, workers, loans, options.partitionSize, log));
      log(`eod bench: ${workers} worker(s): ${JSON.stringify(runs.at(-1))} (${seconds(started)} s)`);
    }
    let profile: PartitionProfile | undefined;
    if (options.profile ?? true) {
      const size = options.partitionSize ?? DEFAULT_PARTITION_SIZE;
      const partitions = 4;
      log(`eod bench: profiling ${partitions} partitions of ${size} loans (rolled back)`);
      await clonePortfolio(store, templates, "eod-profile", BUSINESS_DATE, (partitions + 1) * size);
      await store.read((db) => sql`vacuum (analyze) loans, loan_events, ledger_entries`.execute(db));
      profile = await profilePartitions(databaseUrl, schema, "eod-profile", BUSINESS_DATE, size, partitions);
    }
    return {
      businessDate: BUSINESS_DATE,
      templates: templates.loans,
      runs,
      identical: runs.every((r) => r.digest === runs[0]?.digest),
      profile,
      reference,
    };
  } finally {
    await dropSchemas(store, databaseUrl);
  }
}

const tenantOf = (workers: number) => `eod-${workers}-workers`;
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

async function measureRun(
  store: Store,
  workers: number,
  loans: number,
  partitionSize: number | undefined,
  log: (line: string) => void,
): Promise<EodRun> {
  const tenantId = tenantOf(workers);
  const children = Array.from({ length: workers }, (_, k) => spawnWorker(store, `bench-${workers}-${k + 1}`));
  try {
    await Promise.all(children.map((child) => workerLine(child, (line) => "ready" in line)));
    for (const child of children) child.stdout?.resume();
    await store.read((db) => sql`checkpoint`.execute(db)).catch(() => undefined);
    const entriesBefore = await lastEntry(store, tenantId);
    log(`eod bench: ${workers} worker(s) ready; closing ${BUSINESS_DATE}`);
    const pids = children.flatMap((c) => (c.pid === undefined ? [] : [c.pid]));
    const loadBefore = loadavg()[0] ?? 0;
    const cpuBefore = await cpuSnapshot(store, pids);
    const started = performance.now();
    const result = await runEndOfDay({ store, tenantId, workers: 0, partitionSize, pollMs: 20 });
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = await cpuSnapshot(store, pids);
    const loadAfter = loadavg()[0] ?? 0;
    if (result.loans !== loans) throw new Error(`closed ${result.loans} loans, expected ${loans}`);
    return {
      loans: result.loans,
      workers,
      partitions: result.partitions,
      seconds: elapsed,
      loansPerSecond: result.loans / elapsed,
      workerCpu:
        cpuBefore.workers === undefined || cpuAfter.workers === undefined
          ? undefined
          : cpuAfter.workers - cpuBefore.workers,
      databaseCpu: databaseCpu(cpuBefore, cpuAfter),
      loadBefore,
      loadAfter,
      digest: await digestOf(store, tenantId, entriesBefore),
      delinquency: result.delinquency,
      signals: result.signals,
      writtenOff: result.writtenOff,
      failed: result.failed,
    };
  } finally {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }),
    );
  }
}

/**
 * The day's results of a tenant, independent of which worker did what: day records, the entries booked by the
 * run (after `entriesBefore`), loan snapshots.
 */
/**
 * The booked postings as the engine reads them (src/app/posted-text.ts), whichever form the text has (a day
 * as its number or as `YYYY-MM-DD`, an amount as a number or as text): digests of two versions of the code
 * compare what they booked, not how they wrote it down.
 */
const POSTINGS_AS_READ = sql`(
  select coalesce(string_agg(concat_ws('|', e->>0,
      case json_typeof(e->1) when 'number' then (date '1970-01-01' + (e->>1)::int)::text else e->>1 end,
      e->>2, e->>3, e->>4, coalesce(e->>5, '-'), e->>6), ';' order by k), '')
  from json_array_elements(posted::json) with ordinality as x(e, k))`;

async function digestOf(store: Store, tenantId: string, entriesBefore: bigint): Promise<string> {
  const hash = createHash("sha256");
  await store.read(async (db) => {
    const queries = [
      sql<{ line: string }>`
        select concat_ws('|', loan_id, status, days_past_due, delinquency, outstanding_minor, wrote_off, tier,
          array_to_string(signal_codes, ','), error) as line
        from eod_loan_days where tenant_id = ${tenantId} and business_date = ${BUSINESS_DATE}::date
        order by loan_id`,
      sql<{ line: string }>`
        select concat_ws('|', loan_id, booking, day, debit, credit, amount_minor, reversal, posting_key, memo) as line
        from ledger_entries where tenant_id = ${tenantId} and entry_id > ${entriesBefore}::int8
        order by loan_id, entry_id`,
      sql<{ line: string }>`
        select concat_ws('|', loan_id, status, state_date, outstanding_minor, payoff_minor, days_past_due,
          delinquency, md5(${POSTINGS_AS_READ}), md5(signals::text), event_count, eod_date) as line
        from loans where tenant_id = ${tenantId} order by loan_id`,
    ];
    for (const query of queries)
      for (const row of (await query.execute(db)).rows) hash.update(`${row.line}\n`);
  });
  return hash.digest("hex").slice(0, 16);
}

async function lastEntry(store: Store, tenantId: string): Promise<bigint> {
  const row = await store.read((db) =>
    db
      .selectFrom("ledger_entries")
      .select((eb) => eb.fn.max("entry_id").as("last"))
      .where("tenant_id", "=", tenantId)
      .executeTakeFirstOrThrow(),
  );
  return BigInt(row.last ?? 0);
}

const APPLICATION = "tenor-eod-bench";

/** The server's URL with the bench's application name, so that its connections can be told from others'. */
export function withApplicationName(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set("application_name", APPLICATION);
  return url.toString();
}

/** CPU seconds (user + system) of a process, from /proc (Linux); undefined when it cannot be read. */
function cpuOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return undefined;
  }
}

interface CpuSnapshot {
  readonly workers: number | undefined;
  /** By process id: the bench's server connections and the server's own background processes. */
  readonly database: ReadonlyMap<number, number>;
}

/**
 * The CPU time so far of the worker processes and of the PostgreSQL processes working for the bench: its
 * connections (by application name) and the server's background processes (WAL writer, checkpointer,
 * autovacuum…), which other users of the server share. Readable only when the server runs on this machine.
 */
export async function cpuSnapshot(store: Store, pids: readonly number[]): Promise<CpuSnapshot> {
  let workers: number | undefined = 0;
  for (const pid of pids) {
    const cpu = cpuOf(pid);
    workers = cpu === undefined || workers === undefined ? undefined : workers + cpu;
  }
  const backends = await store.read((db) =>
    sql<{ pid: number }>`
      select pid from pg_stat_activity
      where application_name = ${APPLICATION} or backend_type <> 'client backend'`.execute(db),
  );
  const database = new Map<number, number>();
  for (const { pid } of backends.rows) {
    const cpu = cpuOf(pid);
    if (cpu !== undefined) database.set(pid, cpu);
  }
  return { workers, database };
}

/** Database CPU seconds between two snapshots (a process that started in between counts from zero). */
export function databaseCpu(before: CpuSnapshot, after: CpuSnapshot): number | undefined {
  if (after.database.size === 0) return undefined;
  let total = 0;
  for (const [pid, cpu] of after.database) total += cpu - (before.database.get(pid) ?? 0);
  return total;
}

async function dropSchemas(store: Store, databaseUrl: string): Promise<void> {
  await store.close();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${bossSchemaFor(store)} cascade`);
    await client.query(`drop schema if exists ${store.schema} cascade`);
  } finally {
    await client.end();
  }
}

const count = (n: number) => Math.round(n).toLocaleString("en-US");

export function formatEodResults(result: EodBenchResult): string {
  const lines = [
    "| loans | workers | partitions | seconds | loans/s | worker CPU s | PostgreSQL CPU s | load avg (1 min) before → after |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  const cpu = (s: number | undefined) => (s === undefined ? "n/a" : s.toFixed(1));
  for (const r of result.runs) {
    lines.push(
      `| ${count(r.loans)} | ${r.workers} | ${r.partitions} | ${r.seconds.toFixed(1)} | ${count(r.loansPerSecond)} | ${cpu(r.workerCpu)} | ${cpu(r.databaseCpu)} | ${r.loadBefore.toFixed(2)} → ${r.loadAfter.toFixed(2)} |`,
    );
  }
  const first = result.runs[0];
  if (first !== undefined) {
    const buckets = Object.entries(first.delinquency)
      .map(([k, v]) => `${k} ${count(v)}`)
      .join(", ");
    const signals = Object.entries(first.signals)
      .map(([k, v]) => `${k} ${count(v)}`)
      .join(", ");
    lines.push(
      "",
      `Closing ${result.businessDate}: clones of ${result.templates} template loans; buckets: ${buckets}; ` +
        `signals: ${signals}; written off ${first.writtenOff}, failed ${first.failed}. ` +
        `Results identical across runs: ${result.identical ? "yes" : "NO"} (digest ${first.digest}).`,
    );
  }
  lines.push("", formatServerReference(result.reference));
  if (result.profile !== undefined) lines.push("", formatProfile(result.profile));
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      loans: { type: "string", default: "100000" },
      "partition-size": { type: "string" },
      workers: { type: "string", default: "1,2" },
      "no-profile": { type: "boolean", default: false },
    },
  });
  const databaseUrl = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl === "") {
    console.log("skipped: no PostgreSQL server (set DATABASE_URL or TEST_DATABASE_URL)");
  } else {
    const partitionSize = values["partition-size"];
    const result = await measureEndOfDay({
      databaseUrl,
      loans: Number(values.loans),
      partitionSize: partitionSize === undefined ? undefined : Number(partitionSize),
      workers: values.workers.split(",").map(Number),
      profile: !values["no-profile"],
    });
    if (result !== undefined) console.log(formatEodResults(result));
  }
}
