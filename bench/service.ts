// `npm run bench -- --sections=service`: the running service under load, measured with a load generator
// (autocannon) over loopback against a server in another process (bench/service-server.ts): schedule quotes
// (no database) and repayments (a transaction each: row lock, replay, event, ledger, idempotency and audit
// records), on the embedded engine and on the PostgreSQL server. Figures: requests per second and latency
// percentiles; they belong to this machine (2 cores shared by the load generator, the API process and
// PostgreSQL), see docs/performance.md.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";

const SERVER_SCRIPT = fileURLToPath(new URL("./service-server.ts", import.meta.url));

export interface LoadResult {
  readonly engine: string;
  readonly request: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
  readonly total: number;
}

interface Served {
  readonly url: string;
  readonly key: string;
  readonly loanIds: string[];
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [SERVER_SCRIPT, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const ready = JSON.parse(line) as { url: string; key: string; loanIds: string[] };
  return {
    ...ready,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

const QUOTE_TERMS = JSON.stringify({
  principal: "10000.00",
  currency: "USD",
  disbursementDate: "2025-01-01",
  installments: 12,
  interest: { rate: "12", per: "year" },
});

async function load(
  served: Served,
  request: "quote" | "repayment",
  seconds: number,
  connections: number,
): Promise<Omit<LoadResult, "engine">> {
  let sequence = 0;
  const run = randomBytes(4).toString("hex");
  const result = await autocannon({
    url: served.url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${served.key}`, "content-type": "application/json" },
    requests: [
      request === "quote"
        ? { method: "POST", path: "/v1/quotes/schedule", body: QUOTE_TERMS }
        : {
            method: "POST",
            setupRequest: (req: autocannon.Request) => {
              const k = sequence++;
              const loanId = served.loanIds[k % served.loanIds.length];
              return {
                ...req,
                path: `/v1/loans/${loanId}/events`,
                headers: { ...req.headers, "idempotency-key": `${run}-${k}` },
                body: JSON.stringify({ event: { type: "repayment", date: "2025-01-20", amount: "1.00" } }),
              };
            },
          },
    ],
  });
  return {
    request: request === "quote" ? "schedule quote (12 months)" : "repayment",
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

export interface ServiceBenchOptions {
  readonly databaseUrl: string | undefined;
  readonly seconds: number;
  readonly connections: number;
  readonly loans: number;
}

/** Quotes and repayments on each engine available (the server when a URL is given). */
export async function measureService(options: ServiceBenchOptions): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), "tenor-bench-"));
  const engines: { engine: string; args: string[]; drop?: () => Promise<void> }[] = [
    { engine: "PGlite (embedded)", args: ["--data-dir", path.join(dataDir, "data")] },
  ];
  if (options.databaseUrl !== undefined) {
    const schema = `bench_${randomBytes(4).toString("hex")}`;
    engines.push({
      engine: "PostgreSQL server",
      args: ["--database-url", options.databaseUrl, "--schema", schema],
      drop: async () => {
        const client = new pg.Client({ connectionString: options.databaseUrl });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      },
    });
  }
  try {
    for (const { engine, args, drop } of engines) {
      process.stderr.write(`service bench: setting up ${options.loans} loans on ${engine}\n`);
      const served = await serve([...args, "--loans", String(options.loans)]);
      try {
        for (const request of ["quote", "repayment"] as const) {
          process.stderr.write(`service bench: ${request}s on ${engine} for ${options.seconds} s\n`);
          results.push({ engine, ...(await load(served, request, options.seconds, options.connections)) });
        }
      } finally {
        await served.stop();
        await drop?.();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

export function formatServiceResults(results: readonly LoadResult[]): string {
  const lines = [
    "| engine | request | requests/s | p50 ms | p99 ms | requests | errors | non-2xx |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.engine} | ${r.request} | ${Math.round(r.requestsPerSecond)} | ${r.p50} | ${r.p99} | ${r.total} | ${r.errors} | ${r.non2xx} |`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "32" },
      loans: { type: "string", default: "500" },
    },
  });
  const results = await measureService({
    databaseUrl: process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL,
    seconds: Number(values.seconds),
    connections: Number(values.connections),
    loans: Number(values.loans),
  });
  console.log(formatServiceResults(results));
}
