// The load generators the service bench drives the API with, over loopback. On a 2-core machine the generator
// shares the cores with the API and PostgreSQL, so every microsecond it spends per request is taken from the
// system under test. wrk (C, Debian's `wrk` package) costs less than half of what autocannon (Node) does (21 µs
// against 50 µs of CPU per quote, measured), so it is used when it is installed, and autocannon (an npm
// dependency, always there) otherwise. The figures name the generator they came from.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";

export type GeneratorName = "wrk" | "autocannon";

/** A fixed request, or one per sequence number (paths and keys that must differ from request to request). */
export type LoadRequest =
  | { readonly kind: "fixed"; readonly method: string; readonly path: string; readonly body: string }
  | {
      readonly kind: "repayments";
      readonly loanIds: readonly string[];
      /** Prefix of the Idempotency-Key: `<prefix>-<n>`, n counting from 0. */
      readonly keyPrefix: string;
      readonly body: string;
    };

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly request: LoadRequest;
}

export interface LoadFigures {
  readonly generator: GeneratorName;
  readonly requestsPerSecond: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly total: number;
  readonly errors: number;
  readonly non2xx: number;
}

export function wrkInstalled(): boolean {
  return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
}

export function chooseGenerator(wanted: string | undefined): GeneratorName {
  if (wanted === "wrk" || wanted === "autocannon") return wanted;
  if (wanted !== undefined && wanted !== "auto")
    throw new Error(`--generator ${wanted}: must be wrk, autocannon or auto`);
  return wrkInstalled() ? "wrk" : "autocannon";
}

export function runLoad(generator: GeneratorName, options: LoadOptions): Promise<LoadFigures> {
  return generator === "wrk" ? runWrk(options) : runAutocannon(options);
}

async function runAutocannon(options: LoadOptions): Promise<LoadFigures> {
  const { request } = options;
  let sequence = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    headers: { ...options.headers },
    requests: [
      request.kind === "fixed"
        ? { method: request.method as "POST", path: request.path, body: request.body }
        : {
            method: "POST",
            setupRequest: (req: autocannon.Request) => {
              const k = sequence++;
              return {
                ...req,
                path: `/v1/loans/${request.loanIds[k % request.loanIds.length]}/events`,
                headers: { ...req.headers, "idempotency-key": `${request.keyPrefix}-${k}` },
                body: request.body,
              };
            },
          },
    ],
  });
  if (result.non2xx > 0)
    process.stderr.write(`load: non-2xx answers by status: ${JSON.stringify(result.statusCodeStats)}\n`);
  return {
    generator: "autocannon",
    requestsPerSecond: result.requests.total / options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** A Lua string literal. */
function lua(text: string): string {
  return JSON.stringify(text);
}

async function runWrk(options: LoadOptions): Promise<LoadFigures> {
  const { request } = options;
  const headerLines = Object.entries(options.headers)
    .map(([name, value]) => `wrk.headers[${lua(name)}] = ${lua(value)}`)
    .join("\n");
  // One wrk thread: a single Lua state, so the sequence numbers (and the Idempotency-Keys) never repeat.
  const requestScript =
    request.kind === "fixed"
      ? `wrk.method = ${lua(request.method)}\nwrk.path = ${lua(request.path)}\nwrk.body = ${lua(request.body)}`
      : `local loans = {${request.loanIds.map(lua).join(",")}}
local n = 0
request = function()
  local k = n
  n = n + 1
  local headers = {}
  for name, value in pairs(wrk.headers) do headers[name] = value end
  headers["Idempotency-Key"] = ${lua(request.keyPrefix)} .. "-" .. k
  return wrk.format("POST", "/v1/loans/" .. loans[(k % #loans) + 1] .. "/events", headers, ${lua(request.body)})
end`;
  // wrk's latency histogram is in microseconds; the summary is printed as one JSON line after a marker. No
  // `response` hook: with one, wrk would parse every answer in Lua and cost the machine more.
  const script = `${headerLines}
${requestScript}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write("TENOR-LOAD ", string.format('{"requests":%d,"seconds":%f,"p50":%f,"p99":%f,"socketErrors":%d,"status":%d,"timeouts":%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write, e.status, e.timeout))
end`;
  const dir = mkdtempSync(path.join(tmpdir(), "tenor-wrk-"));
  const scriptPath = path.join(dir, "load.lua");
  writeFileSync(scriptPath, script);
  try {
    const child = spawn(
      "wrk",
      [
        "-t1",
        `-c${options.connections}`,
        `-d${options.seconds}s`,
        "--timeout",
        "10s",
        "-s",
        scriptPath,
        options.url + (request.kind === "fixed" ? request.path : "/"),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const line = output.split("\n").find((l) => l.startsWith("TENOR-LOAD "));
    if (code !== 0 || line === undefined) throw new Error(`wrk exited with ${code}:\n${output}`);
    const figures = JSON.parse(line.slice("TENOR-LOAD ".length)) as {
      requests: number;
      seconds: number;
      p50: number;
      p99: number;
      socketErrors: number;
      status: number;
      timeouts: number;
    };
    return {
      generator: "wrk",
      requestsPerSecond: figures.requests / figures.seconds,
      p50: Math.round(figures.p50 * 10) / 10,
      p99: Math.round(figures.p99 * 10) / 10,
      total: figures.requests,
      errors: figures.socketErrors + figures.timeouts,
      non2xx: figures.status,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
