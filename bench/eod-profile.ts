// Where a partition's time goes: the steps of `closeLoansInRange` (src/app/end-of-day-range.ts) timed one by
// one, on partitions of a tenant of its own, each in a transaction that is ROLLED BACK (the loans stay open for
// the day; nothing is measured twice). For every statement: its time as this process sees it (driver work,
// the round trip and the server's work) and, when the server runs on this machine, the server's CPU time for
// it (the backend process's, from /proc). Computing is what is left of the partition's time, between the
// statements: replaying every loan through the servicing engine and building the statements' parameters.
import { readFileSync } from "node:fs";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { closeLoansInRange } from "../src/app/end-of-day-range.ts";
import type { Schema } from "../src/store/schema.ts";
import { TEXT_PARSERS } from "../src/store/type-parsers.ts";

export interface StepTime {
  readonly step: string;
  /** Milliseconds per partition. */
  readonly ms: number;
  /** Server CPU milliseconds per partition (undefined when the server's process cannot be read). */
  readonly serverCpuMs: number | undefined;
}

export interface PartitionProfile {
  readonly loans: number;
  readonly partitions: number;
  readonly totalMs: number;
  readonly steps: readonly StepTime[];
}

const STEPS: readonly [RegExp, string][] = [
  [/^select "tenant_id", "loan_id"/, "read and lock the loans"],
  [/^select loan_id, json_agg/, "read their events"],
  [/^insert into "?loan_events"?/, "insert write-off events"],
  [/^insert into ledger_entries/, "insert ledger entries"],
  [/^update loans as/, "update the loans"],
  [/^update loans set eod_date/, "mark failed loans"],
  [/^insert into eod_loan_days/, "insert day records"],
];

/**
 * Profiles `partitions` partitions of `size` loans (after one of warm-up) of a tenant whose loans are ids
 * `L000001`… (bench/eod-portfolio.ts), closing `businessDate`.
 */
export async function profilePartitions(
  databaseUrl: string,
  schema: string,
  tenantId: string,
  businessDate: string,
  size: number,
  partitions: number,
): Promise<PartitionProfile> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    options: `-c search_path=${schema}`,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        TEXT_PARSERS[oid] ?? pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
  let backend = 0;
  const serverCpu = (): number | undefined => {
    try {
      const stat = readFileSync(`/proc/${backend}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return (Number(fields[11]) + Number(fields[12])) * 10; // ticks of 10 ms
    } catch {
      return undefined;
    }
  };
  let lastCpu: number | undefined;
  let recording = false;
  const sums = new Map<string, { ms: number; cpu: number | undefined }>();
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      const cpu = serverCpu();
      const step = STEPS.find(([pattern]) => pattern.test(event.query.sql.trim()))?.[1];
      if (recording && step !== undefined) {
        const sum = sums.get(step) ?? { ms: 0, cpu: 0 };
        sum.ms += event.queryDurationMillis;
        sum.cpu =
          cpu === undefined || lastCpu === undefined || sum.cpu === undefined
            ? undefined
            : sum.cpu + cpu - lastCpu;
        sums.set(step, sum);
      }
      lastCpu = cpu;
    },
  });
  try {
    backend = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid ?? 0;
    let totalMs = 0;
    let loans = 0;
    let computeMs = 0;
    for (let k = 0; k <= partitions; k++) {
      const id = (n: number) => `L${String(n).padStart(6, "0")}`;
      recording = k > 0;
      const started = performance.now();
      let queriesMs = 0;
      await db
        .transaction()
        .execute(async (trx) => {
          const before = new Map([...sums].map(([step, sum]) => [step, sum.ms]));
          const outcome = await closeLoansInRange(
            trx,
            tenantId,
            businessDate,
            { afterLoan: id(k * size), lastLoan: id((k + 1) * size) },
            "profile",
          );
          if (recording) {
            const ms = performance.now() - started;
            for (const [step, sum] of sums) queriesMs += sum.ms - (before.get(step) ?? 0);
            loans += outcome.loans;
            totalMs += ms;
            computeMs += ms - queriesMs;
          }
          throw new RolledBack();
        })
        .catch((error: unknown) => {
          if (!(error instanceof RolledBack)) throw error;
        });
    }
    const steps: StepTime[] = [
      {
        step: "compute: replay every loan, build the writes",
        ms: computeMs / partitions,
        serverCpuMs: undefined,
      },
    ];
    for (const [, step] of STEPS) {
      const sum = sums.get(step);
      if (sum !== undefined)
        steps.push({
          step,
          ms: sum.ms / partitions,
          serverCpuMs: sum.cpu === undefined ? undefined : sum.cpu / partitions,
        });
    }
    return { loans: loans / partitions, partitions, totalMs: totalMs / partitions, steps };
  } finally {
    await db.destroy();
  }
}

class RolledBack extends Error {}

export function formatProfile(profile: PartitionProfile): string {
  const lines = [
    `One partition of ${Math.round(profile.loans).toLocaleString("en-US")} loans, mean of ${profile.partitions} (rolled back): ${profile.totalMs.toFixed(0)} ms.`,
    "",
    "| step | ms per partition | server CPU ms |",
    "| --- | ---: | ---: |",
  ];
  for (const s of profile.steps)
    lines.push(
      `| ${s.step} | ${s.ms.toFixed(0)} | ${s.serverCpuMs === undefined ? "–" : s.serverCpuMs.toFixed(0)} |`,
    );
  return lines.join("\n");
}
