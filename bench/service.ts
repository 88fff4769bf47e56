// `npm run bench -- --sections=service`: the running service under load, measured with a load generator (wrk
// when installed, else autocannon: bench/load-generator.ts) over loopback against a server in another process
// (bench/service-server.ts): schedule quotes (no database) and repayments (a transaction each: row lock, replay, event, ledger, idempotency and audit
// records), on the embedded engine and on the PostgreSQL server. Figures: requests per second and latency
// percentiles; they belong to this machine (2 cores shared by the load generator, the API process and
// PostgreSQL), see docs/performance.md.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { chooseGenerator, type GeneratorName, runLoad } from "./load-generator.ts";

const SETUP_SCRIPT = fileURLToPath(new URL("./service-server.ts", import.meta.url));
const CLI = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));

export interface LoadResult {
  readonly engine: string;
  readonly generator: GeneratorName;
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

/** Runs the setup script to its end and returns what it printed. */
async function setUp(args: string[]): Promise<{ key: string; loanIds: string[] }> {
  const child = spawn(process.execPath, [SETUP_SCRIPT, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += String(chunk);
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`bench setup exited with ${code}`);
  return JSON.parse(output.trim().split("\n").at(-1) as string) as { key: string; loanIds: string[] };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `tenor serve` on the database the setup filled, in `processes` processes; resolves once it answers. */
async function serve(
  args: string[],
  processes: number,
  data: { key: string; loanIds: string[] },
): Promise<Served> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [CLI, "serve", "--port", String(port), "--processes", String(processes), ...args],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (attempt > 600) throw new Error("tenor serve did not start");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    ...data,
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

/**
 * Load for `seconds`, measured, after `warmup` seconds of the same load that are not: a fresh server's first
 * requests compile its code and read every loan once (a process keeps what it read), which is start-up, not the
 * steady state the figures describe.
 */
async function load(
  served: Served,
  request: "quote" | "repayment",
  timing: { readonly seconds: number; readonly warmup: number },
  connections: number,
  generator: GeneratorName,
): Promise<Omit<LoadResult, "engine">> {
  const run = (seconds: number) =>
    runLoad(generator, {
      url: served.url,
      connections,
      seconds,
      headers: { authorization: `Bearer ${served.key}`, "content-type": "application/json" },
      request:
        request === "quote"
          ? { kind: "fixed", method: "POST", path: "/v1/quotes/schedule", body: QUOTE_TERMS }
          : {
              kind: "repayments",
              loanIds: served.loanIds,
              keyPrefix: randomBytes(4).toString("hex"),
              body: JSON.stringify({ event: { type: "repayment", date: "2025-01-20", amount: "1.00" } }),
            },
    });
  if (timing.warmup > 0) await run(timing.warmup);
  const figures = await run(timing.seconds);
  return { request: request === "quote" ? "schedule quote (12 months)" : "repayment", ...figures };
}

export interface ServiceBenchOptions {
  readonly databaseUrl: string | undefined;
  readonly seconds: number;
  /** Seconds of the same load before each measured run, not measured. */
  readonly warmup: number;
  readonly connections: number;
  readonly loans: number;
  readonly generator: GeneratorName;
}

/** Quotes and repayments on each engine available (the server when a URL is given). */
export async function measureService(options: ServiceBenchOptions): Promise<LoadResult[]> {
  const results: LoadResult[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), "tenor-bench-"));
  const engines: { engine: string; args: string[]; processes: number[]; drop?: () => Promise<void> }[] = [
    { engine: "PGlite (embedded)", args: ["--data-dir", path.join(dataDir, "data")], processes: [1] },
  ];
  if (options.databaseUrl !== undefined) {
    const schema = `bench_${randomBytes(4).toString("hex")}`;
    engines.push({
      engine: "PostgreSQL server",
      args: ["--database-url", options.databaseUrl, "--schema", schema],
      processes: [1, 2],
      drop: async () => {
        const client = new pg.Client({ connectionString: options.databaseUrl });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.end();
      },
    });
  }
  try {
    for (const { engine, args, processes, drop } of engines) {
      process.stderr.write(`service bench: setting up ${options.loans} loans on ${engine}\n`);
      const data = await setUp([...args, "--loans", String(options.loans)]);
      try {
        for (const count of processes) {
          const served = await serve(args, count, data);
          const label = count === 1 ? engine : `${engine}, ${count} API processes`;
          try {
            for (const request of ["quote", "repayment"] as const) {
              process.stderr.write(
                `service bench: ${request}s on ${label} for ${options.warmup} + ${options.seconds} s\n`,
              );
              results.push({
                engine: label,
                ...(await load(served, request, options, options.connections, options.generator)),
              });
            }
          } finally {
            await served.stop();
          }
        }
      } finally {
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
    "| engine | request | requests/s | p50 ms | p99 ms | requests | errors | non-2xx | generator |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const r of results) {
    lines.push(
      `| ${r.engine} | ${r.request} | ${Math.round(r.requestsPerSecond)} | ${r.p50} | ${r.p99} | ${r.total} | ${r.errors} | ${r.non2xx} | ${r.generator} |`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      connections: { type: "string", default: "32" },
      loans: { type: "string", default: "500" },
      generator: { type: "string", default: "auto" },
    },
  });
  const results = await measureService({
    databaseUrl: process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL,
    seconds: Number(values.seconds),
    warmup: Number(values.warmup),
    connections: Number(values.connections),
    loans: Number(values.loans),
    generator: chooseGenerator(values.generator),
  });
  console.log(formatServiceResults(results));
}
