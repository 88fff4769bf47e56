// `npm run bench` — issue 2, "Performance": the time per schedule of a 360- and a 12-installment monthly annuity
// (300,000 at 6.5 %/year) for Tenor, loanjs, amortizejs, @formulajs/formulajs and a plain floating-point floor,
// in one run, with the ratios and whether the goal holds in this run. Method: docs/performance.md.
// Issue 3, "Effective rates": XIRR of 61 dated flows for Tenor, @formulajs/formulajs and the xirr package, a
// robustness table and the Reg Z APR of 360 payments (bench/rates-bench.ts; docs/performance.md, "Effective rates").
// Servicing: replaying a 360-installment loan with 1,000 events after a backdated insert, the journal delta of that
// insert, and one day's accrual for 100,000 loans in memory (bench/servicing.ts); no npm package services loans, so
// these figures stand alone.
// Planning: one request of each personalized-repayment and risk command on its example document
// (bench/planning.ts); no npm package does this either.
// Each loan size, the rates section and each servicing part is measured in a fresh child process (same flags), so
// what V8 learnt from one (optimised code, allocation-site pretenuring) cannot slow down another; within one every
// implementation shares the process.
//
//   node bench/run.ts [--quick] [--time=ms] [--warmup=ms] [--rounds=k] [--sizes=360,12]
//                     [--sections=schedules,rates,servicing,planning,service]
// Service: the HTTP API under load (wrk when installed, else autocannon; --generator) on PGlite and on the PostgreSQL server named by DATABASE_URL or
// TEST_DATABASE_URL (bench/service.ts).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Bench } from "tinybench";
import { formatIsoDate } from "../src/core/calendar-date.ts";
import { generateSchedule, parseTerms, scheduleFromDocument } from "../src/index.ts";
import { chooseGenerator } from "./load-generator.ts";
import {
  amortizejsSchedule,
  DISBURSEMENT_DATE,
  floatFloor,
  formulajsSchedule,
  loanjsSchedule,
  PRINCIPAL,
  peerInputs,
  type ScheduleSummary,
  summarizeAmortizejs,
  summarizeFloor,
  summarizeFormulajs,
  summarizeLoanjs,
  summarizeTenor,
  tenorDocument,
} from "./peers.ts";
import { planningTasks } from "./planning.ts";
import {
  describeFlows,
  loadRegZ,
  peerBenchFlows,
  REFERENCE_XIRR,
  ratesTasks,
  robustnessTable,
  spotResults,
} from "./rates-bench.ts";
import { formatServerReference, measureServerReference } from "./server-reference.ts";
import { formatServiceResults, measureService } from "./service.ts";
import {
  ACCRUAL_DAY,
  type AccrualRound,
  accrualRound,
  BENCH_RULES,
  describeScenario,
  PORTFOLIO_BOOKS,
  REPLAY_EVENTS,
  replayScenario,
  replayTasks,
} from "./servicing.ts";

// ---------------------------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    time: { type: "string" },
    warmup: { type: "string" },
    rounds: { type: "string" },
    sizes: { type: "string" },
    sections: { type: "string" },
    generator: { type: "string" }, // service section: wrk, autocannon or auto (wrk when installed)
    worker: { type: "string" }, // internal: measure this one loan size (or "rates", "servicing-…") and print the results as JSON
  },
});

const QUICK = flags.quick === true;
const settings = {
  /** Sampling time per task, split over the rounds (ms). */
  timeMs: numberFlag(flags.time, QUICK ? 100 : 1_000),
  /** tinybench warm-up per task and round (ms). */
  warmupMs: numberFlag(flags.warmup, QUICK ? 20 : 200),
  /** Rounds over all tasks; even rounds run the tasks in reverse order. */
  rounds: numberFlag(flags.rounds, QUICK ? 1 : 2),
  /** Calibration (and first warm-up) per task, to choose the batch size (ms). */
  calibrationMs: QUICK ? 10 : 50,
  /** Each sample times a batch of calls lasting at least this long (ns), so timer overhead is negligible. */
  sampleNs: 50_000,
  sizes: (flags.sizes ?? "360,12").split(",").map((s) => numberFlag(s, Number.NaN)),
  /** "schedules" (issue 2), "rates" (issue 3) and "servicing". */
  sections: new Set((flags.sections ?? "schedules,rates,servicing,planning,service").split(",")),
};

function numberFlag(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number.parseInt(text, 10);
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`expected a positive integer, got "${text}"`);
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// Environment

function packageVersion(name: string): string {
  try {
    const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

function printEnvironment(): void {
  const cpus = os.cpus();
  const load = os.loadavg().map((x) => x.toFixed(2));
  console.log("# Tenor benchmark: schedules (issue 2), effective rates (issue 3), servicing and planning");
  console.log("");
  console.log(`- when: ${new Date().toISOString()}`);
  console.log(
    `- node ${process.version} (V8 ${process.versions.v8}), ${process.platform} ${process.arch}, ` +
      `tinybench ${packageVersion("tinybench")}`,
  );
  console.log(
    `- CPU: ${cpus[0]?.model.trim() ?? "unknown"}, ${cpus.length} logical cores ` +
      `(available parallelism ${os.availableParallelism()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ` +
      `load average ${load.join(" / ")}`,
  );
  console.log(
    `- peers: loanjs ${packageVersion("loanjs")}, amortizejs ${packageVersion("amortizejs")}, ` +
      `@formulajs/formulajs ${packageVersion("@formulajs/formulajs")}, xirr ${packageVersion("xirr")}`,
  );
  console.log(
    `- method: one child process per loan size, one for the rates and one per servicing part; per task ${settings.calibrationMs} ms calibration, then ` +
      `${settings.rounds} round(s) (alternating task order) of ` +
      `${settings.warmupMs} ms warm-up + ≥ ${Math.ceil(settings.timeMs / settings.rounds)} ms of samples ` +
      `(batches of ≥ ${settings.sampleNs / 1000} µs); median over all samples${QUICK ? " — QUICK (smoke) run" : ""}`,
  );
  console.log(
    `- loan: ${PRINCIPAL.toLocaleString("en-US")} at 6.5 %/year, monthly annuity, disbursed ${DISBURSEMENT_DATE}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Harness

interface TaskSpec {
  /** Schedules: "tenor" | "tenor-rows" | "tenor-doc" | "loanjs" | "amortizejs" | "amortizejs-dated" | "formulajs" | "floor"; rates: see rates-bench.ts. */
  readonly id: string;
  readonly name: string;
  readonly fn: () => unknown;
}

interface Measurement {
  readonly spec: TaskSpec;
  readonly batch: number;
  /** ns per call of every sample, over all rounds. */
  readonly samples: number[];
  /** Median ns per call in each round. */
  readonly roundMedians: number[];
}

/** What a worker reports for one task. */
interface TaskResult {
  readonly id: TaskSpec["id"];
  readonly name: string;
  readonly batch: number;
  readonly samples: number;
  /** Median ns per call over all samples. */
  readonly medianNs: number;
  /** Mean ns per call: unlike the median, it carries the garbage collections the task causes. */
  readonly meanNs: number;
  readonly roundMediansNs: readonly number[];
}

type Batch = () => void;

/**
 * A batch runner of its own for every task (compiled with `new Function`), so the tasks do not share the loop's
 * call-site type feedback. The last result stays reachable until the next batch, like a caller keeping it.
 */
function makeBatch(fn: () => unknown, k: number): Batch {
  const sink: { last: unknown } = { last: undefined };
  const factory = new Function(
    "fn",
    "k",
    "sink",
    "return function batch() { let last; for (let i = 0; i < k; i++) last = fn(); sink.last = last; };",
  ) as (fn: () => unknown, k: number, sink: { last: unknown }) => Batch;
  return factory(fn, k, sink);
}

/**
 * Runs `fn` for about `ms` and returns the batch size that makes one sample last at least settings.sampleNs. The
 * first half only warms up (the first calls run unoptimised code); the second half times chunks of calls lasting
 * ≥ 10 µs and keeps the fastest chunk, so a burst of load from elsewhere does not shrink the batch.
 */
function calibrate(fn: () => unknown, ms: number): number {
  const half = BigInt(Math.round((ms / 2) * 1e6));
  const warmUntil = process.hrtime.bigint() + half;
  while (process.hrtime.bigint() < warmUntil) fn();
  const deadline = process.hrtime.bigint() + half;
  let chunk = 1;
  let bestPerCall = Number.POSITIVE_INFINITY;
  for (;;) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < chunk; i++) fn();
    const end = process.hrtime.bigint();
    const ns = Number(end - start);
    if (ns >= 10_000) bestPerCall = Math.min(bestPerCall, ns / chunk);
    else chunk *= 2;
    if (end >= deadline && Number.isFinite(bestPerCall)) break;
  }
  return Math.max(1, Math.ceil(settings.sampleNs / bestPerCall));
}

function sampleRound(batch: Batch, k: number, timeMs: number): number[] {
  const bench = new Bench({
    time: timeMs,
    iterations: 10,
    warmupTime: settings.warmupMs,
    warmupIterations: 3,
    retainSamples: true,
    timestampProvider: "hrtimeNow",
    throws: true,
  });
  bench.add("batch", batch);
  const [task] = bench.runSync();
  const result = task?.result;
  if (result?.state !== "completed") throw new Error(`benchmark task ended in state ${result?.state}`);
  const samples = result.latency.samples ?? [];
  return samples.map((ms) => (ms * 1e6) / k);
}

function measure(specs: readonly TaskSpec[]): Map<TaskSpec["id"], Measurement> {
  const batches = new Map<TaskSpec["id"], { batch: Batch; k: number }>();
  const results = new Map<TaskSpec["id"], Measurement>();
  const perRoundMs = Math.max(1, Math.ceil(settings.timeMs / settings.rounds));
  for (let round = 0; round < settings.rounds; round++) {
    const order = round % 2 === 0 ? specs : [...specs].reverse();
    for (const spec of order) {
      let entry = batches.get(spec.id);
      if (!entry) {
        const k = calibrate(spec.fn, settings.calibrationMs);
        entry = { batch: makeBatch(spec.fn, k), k };
        batches.set(spec.id, entry);
      }
      const samples = sampleRound(entry.batch, entry.k, perRoundMs);
      const previous = results.get(spec.id);
      results.set(spec.id, {
        spec,
        batch: entry.k,
        samples: [...(previous?.samples ?? []), ...samples],
        roundMedians: [...(previous?.roundMedians ?? []), median(samples)],
      });
      process.stderr.write(".");
    }
  }
  process.stderr.write("\n");
  return results;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

// ---------------------------------------------------------------------------------------------------------------
// Tasks

function tasksFor(periods: number): TaskSpec[] {
  const inputs = peerInputs(periods);
  const document = tenorDocument(periods);
  const terms = parseTerms(document);
  // Cheapest first, so the slow, allocation-heavy peers do not leave garbage behind for the fast ones; even rounds
  // run the list backwards.
  return [
    { id: "floor", name: "float floor (unrounded, no rows)", fn: () => floatFloor(inputs.floor) },
    { id: "loanjs", name: "loanjs `new Loan(…, 'annuity')`", fn: () => loanjsSchedule(inputs.loanjs) },
    { id: "amortizejs", name: "amortizejs `mortgage`", fn: () => amortizejsSchedule(inputs.amortizejs) },
    { id: "tenor", name: "**Tenor `generateSchedule(terms)`**", fn: () => generateSchedule(terms) },
    {
      // The schedule keeps its numbers by column; this is the cost when a caller also wants row objects.
      id: "tenor-rows",
      name: "Tenor `generateSchedule(terms).installments` (row objects)",
      fn: () => generateSchedule(terms).installments,
    },
    {
      id: "tenor-doc",
      name: "Tenor `scheduleFromDocument(document)`",
      fn: () => scheduleFromDocument(document),
    },
    {
      id: "amortizejs-dated",
      name: "amortizejs `mortgage` + `startDate`",
      fn: () => amortizejsSchedule(inputs.amortizejsDated),
    },
    {
      id: "formulajs",
      name: "formulajs PMT+IPMT+PPMT per row",
      fn: () => formulajsSchedule(inputs.formulajs),
    },
  ];
}

const DISPLAY_ORDER: readonly TaskSpec["id"][] = [
  "tenor",
  "tenor-rows",
  "tenor-doc",
  "loanjs",
  "amortizejs",
  "amortizejs-dated",
  "formulajs",
  "floor",
];

// ---------------------------------------------------------------------------------------------------------------
// Report

interface SizeResult {
  readonly periods: number;
  readonly medians: Map<TaskSpec["id"], number>;
}

function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return "–";
  if (value >= 10 ** digits) return Math.round(value).toLocaleString("en-US");
  return value.toPrecision(digits);
}

function ratio(value: number, base: number | undefined): string {
  if (base === undefined || !Number.isFinite(base) || base <= 0) return "–";
  return `${fmt(value / base)}×`;
}

function printTable(periods: number, results: readonly TaskResult[]): SizeResult {
  const medians = new Map<TaskSpec["id"], number>(results.map((r) => [r.id, r.medianNs]));
  const floor = medians.get("floor");
  const tenor = medians.get("tenor");
  console.log("");
  console.log(`## ${periods} installments`);
  console.log("");
  console.log(
    "| implementation | µs per schedule (median) | ns per installment | vs floor | vs Tenor | round medians (µs) | mean µs (with GC) | batch × samples |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const id of DISPLAY_ORDER) {
    const r = results.find((x) => x.id === id);
    if (!r) continue;
    const ns = r.medianNs;
    const rounds = r.roundMediansNs.map((x) => fmt(x / 1000)).join(" / ");
    console.log(
      `| ${r.name} | ${fmt(ns / 1000)} | ${fmt(ns / periods)} | ${ratio(ns, floor)} | ${ratio(ns, tenor)} | ` +
        `${rounds} | ${fmt(r.meanNs / 1000)} | ${r.batch} × ${r.samples} |`,
    );
  }
  return { periods, medians };
}

/** The goal of issue 2: Tenor faster than loanjs and amortizejs, and within 10× of the floor, at every size. */
function printGoal(sizes: readonly SizeResult[]): void {
  console.log("");
  console.log(
    "## Goal: Tenor faster than loanjs and amortizejs in the same run, and within 10× of the floor",
  );
  console.log("");
  const failures: string[] = [];
  for (const { periods, medians } of sizes) {
    const tenor = medians.get("tenor") ?? Number.NaN;
    const loanjs = medians.get("loanjs") ?? Number.NaN;
    const amortizejs = medians.get("amortizejs") ?? Number.NaN;
    const floor = medians.get("floor") ?? Number.NaN;
    const checks = [
      { ok: tenor < loanjs, text: `vs loanjs ${fmt(tenor / loanjs)}×` },
      { ok: tenor < amortizejs, text: `vs amortizejs ${fmt(tenor / amortizejs)}×` },
      { ok: tenor <= 10 * floor, text: `vs floor ${fmt(tenor / floor)}× (≤ 10×)` },
    ];
    const line = checks.map((c) => `${c.text} ${c.ok ? "✔" : "✘"}`).join(", ");
    console.log(`- n = ${periods}: Tenor ${fmt(tenor / 1000)} µs per schedule — ${line}`);
    for (const c of checks) if (!c.ok) failures.push(`n = ${periods}: ${c.text}`);
  }
  console.log("");
  console.log(
    failures.length === 0
      ? "GOAL HOLDS in this run."
      : `GOAL DOES NOT HOLD in this run: ${failures.join("; ")}${QUICK ? " (quick run: timings are rough)" : ""}.`,
  );
}

/** One spot-check row: the values exactly as the implementation returns them (JS numbers or decimal strings). */
interface SpotRow {
  readonly name: string;
  readonly rows: number;
  readonly cells: readonly string[];
  readonly note: string;
}

function spotRow(name: string, s: ScheduleSummary): SpotRow {
  const values = [s.firstInstallment, s.lastInstallment, s.totalInterest, s.principalResidue, s.lastBalance];
  return { name, rows: s.rows, cells: values.map((v) => String(v)), note: noteFor(values, s) };
}

function noteFor(values: readonly number[], s: ScheduleSummary): string {
  const onGrid = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) <= 1e-6;
  const offGrid = values.some((v) => !onGrid(v));
  const noisy = values.some(
    (v) => onGrid(v) && Math.abs(v) >= 0.005 && !/^-?\d+(\.\d{1,2})?$/.test(String(v)),
  );
  const notes: string[] = [];
  if (offGrid) notes.push("unrounded (off the cent grid)");
  if (noisy) notes.push("binary noise in cent values");
  if (Math.abs(s.principalResidue) >= 0.005) {
    notes.push(
      `rows repay ${(-s.principalResidue).toFixed(2)} less than the principal; last row says balance 0`,
    );
  }
  if (!offGrid && !noisy && Math.abs(s.principalResidue) < 0.005 && s.lastBalance === 0)
    notes.push("exact cents");
  return notes.join("; ");
}

function printSpotCheck(periods: number): void {
  const inputs = peerInputs(periods);
  const document = tenorDocument(periods);
  const schedule = generateSchedule(parseTerms(document));
  const output = scheduleFromDocument(document);
  const lastRow = output.installments.at(-1);
  const principalSum = schedule.installments.reduce((sum, row) => sum + row.principalMinor, 0);
  const rows: SpotRow[] = [
    spotRow("Tenor `generateSchedule` (minor units ÷ 100)", summarizeTenor(schedule)),
    {
      name: "Tenor `scheduleFromDocument` (decimal strings)",
      rows: output.installments.length,
      cells: [
        output.installments[0]?.total ?? "–",
        lastRow?.total ?? "–",
        output.totals.interest,
        `${principalSum - schedule.terms.principalMinor} (minor units)`,
        lastRow?.balance ?? "–",
      ],
      note: `exact decimal strings, due dates ${output.installments[0]?.dueDate ?? "?"} … ${lastRow?.dueDate ?? "?"}`,
    },
    spotRow("loanjs", summarizeLoanjs(loanjsSchedule(inputs.loanjs))),
    spotRow("amortizejs", summarizeAmortizejs(amortizejsSchedule(inputs.amortizejs))),
    spotRow("amortizejs + startDate", summarizeAmortizejs(amortizejsSchedule(inputs.amortizejsDated))),
    spotRow("formulajs", summarizeFormulajs(formulajsSchedule(inputs.formulajs), inputs.formulajs)),
    spotRow("float floor", summarizeFloor(inputs.floor)),
  ];
  console.log("");
  console.log(
    `## Correctness spot-check, ${periods} installments (values exactly as each implementation returns them)`,
  );
  console.log("");
  console.log(
    "Cent-ledger reference (peer-bench.md §3): installment 1,896.20, last installment 1,900.91, " +
      "total interest 382,636.71, last balance 0. Unrounded theory: 1,896.2040704789, total interest 382,633.4654.",
  );
  console.log("");
  console.log(
    "| implementation | rows | 1st installment | last installment | total interest | Σ principal − P | last balance | note |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---|");
  for (const row of rows)
    console.log(`| ${row.name} | ${row.rows} | ${row.cells.join(" | ")} | ${row.note} |`);
}

// ---------------------------------------------------------------------------------------------------------------

/** Child process: measure one loan size (or the rates tasks, or a servicing part), print the results as one JSON line. */
async function worker(which: string): Promise<void> {
  if (which === "servicing-accrual") {
    process.stdout.write(`${JSON.stringify(servicingAccrualRounds())}\n`);
    return;
  }
  const specs =
    which === "rates"
      ? ratesTasks(await loadRegZ())
      : which === "servicing-replay"
        ? replayTasks(replayScenario())
        : which === "planning"
          ? planningTasks()
          : tasksFor(numberFlag(which, Number.NaN));
  const results: TaskResult[] = [...measure(specs).values()].map((m) => ({
    id: m.spec.id,
    name: m.spec.name,
    batch: m.batch,
    samples: m.samples.length,
    medianNs: median(m.samples),
    meanNs: m.samples.reduce((sum, x) => sum + x, 0) / m.samples.length,
    roundMediansNs: m.roundMedians,
  }));
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

type Worker = number | "rates" | "servicing-replay" | "servicing-accrual" | "planning";

function measureInChild(which: number | "rates" | "servicing-replay" | "planning"): TaskResult[] {
  return runChild(which) as TaskResult[];
}

/** Runs a worker in a fresh child process (same flags, plus `nodeFlags`) and returns the JSON it printed last. */
function runChild(which: Worker, nodeFlags: readonly string[] = []): unknown {
  const args = [
    ...process.execArgv,
    ...nodeFlags,
    fileURLToPath(import.meta.url),
    `--worker=${which}`,
    `--time=${settings.timeMs}`,
    `--warmup=${settings.warmupMs}`,
    `--rounds=${settings.rounds}`,
    ...(QUICK ? ["--quick"] : []),
  ];
  const child = spawnSync(process.execPath, args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`the worker for ${which} failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "[]") as unknown;
}

// ---------------------------------------------------------------------------------------------------------------
// Issue 3: effective rates

const RATES_DISPLAY_ORDER: readonly string[] = ["xirr-tenor", "xirr-package", "xirr-formulajs", "xirr-floor"];

/** XIRR table, the goal "Tenor faster than both", the Reg Z row (or "pending") and the robustness table. */
async function printRatesSection(): Promise<void> {
  const flows = peerBenchFlows();
  const regZ = await loadRegZ();
  const spot = spotResults(ratesTasks(regZ));
  process.stderr.write("measuring rates ");
  const results = measureInChild("rates");
  const medians = new Map(results.map((r) => [r.id, r.medianNs]));
  const tenor = medians.get("xirr-tenor") ?? Number.NaN;
  const floor = medians.get("xirr-floor");
  console.log("");
  console.log(`## XIRR, ${describeFlows(flows)} (peer-bench.md §2)`);
  console.log("");
  console.log(`Every implementation should return ${REFERENCE_XIRR} (peer-bench.md §2).`);
  console.log("");
  console.log(
    "| implementation | µs per call (median) | ns per flow | vs floor | vs Tenor | round medians (µs) | mean µs (with GC) | batch × samples | result |",
  );
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const id of RATES_DISPLAY_ORDER) {
    const r = results.find((x) => x.id === id);
    if (!r) continue;
    const rounds = r.roundMediansNs.map((x) => fmt(x / 1000)).join(" / ");
    console.log(
      `| ${r.name} | ${fmt(r.medianNs / 1000)} | ${fmt(r.medianNs / flows.length)} | ${ratio(r.medianNs, floor)} | ` +
        `${ratio(r.medianNs, tenor)} | ${rounds} | ${fmt(r.meanNs / 1000)} | ${r.batch} × ${r.samples} | ${spot.get(r.id) ?? "?"} |`,
    );
  }
  const regZResult = results.find((x) => x.id === "regz-360");
  console.log("");
  console.log("| other rate | µs per call (median) | mean µs (with GC) | batch × samples | result |");
  console.log("|---|---:|---:|---:|---|");
  console.log(
    regZResult === undefined
      ? "| Reg Z APR, 360 payments | pending | | | src/rates/reg-z-apr.ts does not export `regZApr` yet |"
      : `| **Tenor Reg Z APR, 360 payments** | ${fmt(regZResult.medianNs / 1000)} | ${fmt(regZResult.meanNs / 1000)} | ` +
          `${regZResult.batch} × ${regZResult.samples} | ${spot.get("regz-360") ?? "?"} |`,
  );
  for (const id of ["xirr-package-361", "xirr-formulajs-361"]) {
    const r = results.find((x) => x.id === id);
    if (r === undefined) continue;
    console.log(
      `| ${r.name} | ${fmt(r.medianNs / 1000)} | ${fmt(r.meanNs / 1000)} | ${r.batch} × ${r.samples} | ${spot.get(id) ?? "?"} |`,
    );
  }
  const regZMedian = regZResult?.medianNs ?? Number.NaN;
  const peer361 = ["xirr-package-361", "xirr-formulajs-361"].map((id) => medians.get(id) ?? Number.NaN);
  if (regZResult !== undefined) {
    const faster = peer361.every((peer) => regZMedian < peer);
    console.log("");
    console.log(
      `Reg Z APR of 360 payments vs the peers' XIRR of the same flows: ${peer361.map((p) => `${fmt(regZMedian / p)}×`).join(", ")} — ${faster ? "faster than both ✔" : "NOT faster than both ✘"}`,
    );
  }

  const xirrPackage = medians.get("xirr-package") ?? Number.NaN;
  const formulajs = medians.get("xirr-formulajs") ?? Number.NaN;
  const checks = [
    { ok: tenor < xirrPackage, text: `vs xirr ${fmt(tenor / xirrPackage)}×` },
    { ok: tenor < formulajs, text: `vs formulajs ${fmt(tenor / formulajs)}×` },
  ];
  console.log("");
  console.log(
    "## Goal: Tenor's XIRR faster than both (the xirr package and @formulajs/formulajs) in the same run",
  );
  console.log("");
  console.log(
    `- Tenor ${fmt(tenor / 1000)} µs per XIRR of ${flows.length} flows — ` +
      checks.map((c) => `${c.text} ${c.ok ? "✔" : "✘"}`).join(", "),
  );
  console.log("");
  const failures = checks.filter((c) => !c.ok).map((c) => c.text);
  console.log(
    failures.length === 0
      ? "GOAL HOLDS in this run."
      : `GOAL DOES NOT HOLD in this run: ${failures.join("; ")}${QUICK ? " (quick run: timings are rough)" : ""}.`,
  );

  console.log("");
  console.log("## XIRR robustness (each formulajs call in a child process killed after 3 s)");
  console.log("");
  for (const line of robustnessTable()) console.log(line);
}

// ---------------------------------------------------------------------------------------------------------------
// Servicing

/** The portfolio rounds: each builds 100,000 books afresh (untimed), then times consecutive one-day advances. */
function servicingAccrualRounds(): AccrualRound[] {
  const rounds = QUICK ? 1 : 3;
  const days = QUICK ? 2 : 3;
  const results: AccrualRound[] = [];
  for (let r = 0; r < rounds; r++) {
    results.push(accrualRound(PORTFOLIO_BOOKS, days));
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  return results;
}

const SERVICING_DISPLAY_ORDER = ["replay-insert", "postings-insert", "journal-delta", "journal-between"];

function printServicingSection(): void {
  const scenario = replayScenario();
  const facts = describeScenario(scenario);
  const kinds = Object.entries(scenario.counts)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
  process.stderr.write("measuring servicing replay ");
  const results = measureInChild("servicing-replay");
  console.log("");
  console.log("## Servicing: replay after a backdated event, and its journal delta");
  console.log("");
  console.log(
    `A 360-installment monthly annuity of 300,000 at 6.5 %/year (disbursed 2024-01-15; 5 grace days, then ` +
      `24 %/year past-due interest and a 15.00 late fee; NSF fee 25.00; close-forward prepayments) with ` +
      `${REPLAY_EVENTS.toLocaleString("en-US")} events: ${kinds}; then a repayment of 250.00 backdated to ` +
      `${formatDay(scenario.inserted.day)} is recorded. Replayed up to ${formatDay(scenario.asOf)}: ` +
      `${facts.postings.toLocaleString("en-US")} postings, ${facts.state.installments.length} installments ` +
      `(reduce-term prepayments shortened the term), status ${facts.state.status}; recording the insert books ` +
      `${facts.delta.toLocaleString("en-US")} journal entries (the 250.00 shifts every later allocation).`,
  );
  console.log("");
  console.log(
    "| task | ms per call (median) | µs per event | round medians (ms) | mean ms (with GC) | batch × samples |",
  );
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const id of SERVICING_DISPLAY_ORDER) {
    const r = results.find((x) => x.id === id);
    if (!r) continue;
    const rounds = r.roundMediansNs.map((x) => fmt(x / 1e6)).join(" / ");
    console.log(
      `| ${r.name} | ${fmt(r.medianNs / 1e6)} | ${fmt(r.medianNs / 1000 / (REPLAY_EVENTS + 1))} | ${rounds} | ` +
        `${fmt(r.meanNs / 1e6)} | ${r.batch} × ${r.samples} |`,
    );
  }

  process.stderr.write("measuring servicing accrual ");
  // 100,000 books take about 1 GiB of heap.
  const rounds = runChild("servicing-accrual", ["--max-old-space-size=6144"]) as AccrualRound[];
  const first = rounds[0];
  console.log("");
  console.log(
    `## Servicing: one day's accrual for ${PORTFOLIO_BOOKS.toLocaleString("en-US")} loans in memory`,
  );
  console.log("");
  if (first !== undefined) {
    console.log(
      `Books of 12–36 monthly installments (8 products, 1,500–40,000 at 4.9–29.9 %, a 2.50 fee per installment), ` +
        `built with \`openBook\` and advanced with \`accrueTo\` to ${formatDay(ACCRUAL_DAY - 1)}; ` +
        `${first.overdue.toLocaleString("en-US")} overdue (nothing paid, past-due interest and late fees ` +
        `charged day by day, ${BENCH_RULES.lateGraceDays} grace days), ${first.dueThatDay.toLocaleString("en-US")} ` +
        `with a due date on ${formatDay(ACCRUAL_DAY)}, ${first.installments.toLocaleString("en-US")} installments ` +
        `in all, ${fmt(first.heapMiB)} MiB of heap. Timed: every book one day forward (\`accrueTo(book, day)\`), ` +
        `garbage collections included (none forced); each round builds a fresh portfolio (untimed, ` +
        `${fmt(first.buildMs / 1000)} s) and advances it ${first.dayMs.length} consecutive days.`,
    );
  }
  console.log("");
  console.log("| round | day 1: ms for all books | ns per book | next days (ms) |");
  console.log("|---:|---:|---:|---:|");
  rounds.forEach((round, index) => {
    const [day1 = Number.NaN, ...next] = round.dayMs;
    console.log(
      `| ${index + 1} | ${fmt(day1)} | ${fmt((day1 * 1e6) / PORTFOLIO_BOOKS)} | ${next.map((x) => fmt(x)).join(" / ")} |`,
    );
  });
  const firstDays = rounds.map((round) => round.dayMs[0] ?? Number.NaN);
  const best = median(firstDays);
  console.log("");
  console.log(
    `One day's accrual: **${fmt(best)} ms for ${PORTFOLIO_BOOKS.toLocaleString("en-US")} loans** ` +
      `(${fmt((best * 1e6) / PORTFOLIO_BOOKS)} ns per loan, median of the rounds' first day).`,
  );
  console.log("");
  console.log(
    "No peer: no npm package services loans (events, waterfall, penalties, a ledger) — the registry's loan " +
      "packages (loanjs, amortizejs, amortize, fundamental-js, …) only build schedules — so no peer servicing " +
      "library was found and these figures stand alone.",
  );
}

function printPlanningSection(): void {
  process.stderr.write("measuring planning ");
  const results = measureInChild("planning");
  console.log("");
  console.log("## Personalized repayment and risk: one request each");
  console.log("");
  console.log("| task | ms per call (median) | round medians (ms) | mean ms (with GC) | batch × samples |");
  console.log("|---|---:|---:|---:|---:|");
  for (const r of results) {
    const rounds = r.roundMediansNs.map((x) => fmt(x / 1e6)).join(" / ");
    console.log(
      `| ${r.name} | ${fmt(r.medianNs / 1e6)} | ${rounds} | ${fmt(r.meanNs / 1e6)} | ${r.batch} × ${r.samples} |`,
    );
  }
  console.log("");
  console.log(
    "No peer: no npm package assesses affordability, generates and ranks repayment plans, scores loans' health " +
      "or monitors delinquency, so these figures stand alone.",
  );
}

function formatDay(d: number): string {
  return formatIsoDate(d);
}

async function printServiceSection(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  console.log("");
  const generator = chooseGenerator(flags.generator);
  console.log(
    `## Service: the HTTP API under load (${generator} over loopback, 32 connections, after ${QUICK ? 1 : 3} s of warm-up)`,
  );
  console.log("");
  if (generator === "autocannon")
    console.log(
      "wrk is not installed (`apt-get install wrk`): autocannon, which costs the shared cores more per request.",
    );
  console.log(
    databaseUrl === undefined
      ? "No PostgreSQL server (DATABASE_URL or TEST_DATABASE_URL): the embedded engine only."
      : "The embedded engine, then the PostgreSQL server with one and with two API processes.",
  );
  console.log("");
  if (databaseUrl !== undefined) {
    console.log(formatServerReference(await measureServerReference(databaseUrl)));
    console.log("");
  }
  const results = await measureService({
    databaseUrl,
    seconds: QUICK ? 3 : 10,
    warmup: QUICK ? 1 : 3,
    connections: 32,
    loans: QUICK ? 100 : 500,
    generator,
  });
  console.log(formatServiceResults(results));
}

async function main(): Promise<void> {
  if (flags.worker !== undefined) {
    await worker(flags.worker);
    return;
  }
  const started = process.hrtime.bigint();
  printEnvironment();
  if (settings.sections.has("schedules")) {
    if (settings.sizes.includes(360)) printSpotCheck(360);
    const sizes: SizeResult[] = [];
    for (const periods of settings.sizes) {
      process.stderr.write(`measuring n = ${periods} `);
      sizes.push(printTable(periods, measureInChild(periods)));
    }
    printGoal(sizes);
  }
  if (settings.sections.has("rates")) await printRatesSection();
  if (settings.sections.has("servicing")) printServicingSection();
  if (settings.sections.has("planning")) printPlanningSection();
  if (settings.sections.has("service")) await printServiceSection();
  console.log("");
  console.log(`(whole run: ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s)`);
}

await main();
