// Issue 3, "Effective rates": XIRR over 61 dated flows for Tenor, @formulajs/formulajs `XIRR` and the `xirr` package,
// plus a robustness table of cases where the peers fail, and the Regulation Z APR of a 360-payment loan once
// src/rates/reg-z-apr.ts exists. `bench/run.ts` times the tasks below in a child process of their own; the
// robustness cells run here, formulajs's in a child process each (its Newton loop has no iteration cap).
// Flows: /work/shared/research/peer-bench.md §2.
//
//   node bench/rates-bench.ts --robust=<case> --impl=formulajs   (internal: one robustness cell, as JSON)
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { XIRR } from "@formulajs/formulajs";
import {
  addMonthsAnchored,
  type DayNumber,
  dayOfWeek,
  formatIsoDate,
  parseIsoDate,
} from "../src/core/calendar-date.ts";
import { TenorError } from "../src/core/errors.ts";
import type { DatedFlow } from "../src/rates/cash-flows.ts";
import { xirr } from "../src/rates/xirr.ts";

const require = createRequire(import.meta.url);
/** xirr 1.1.0: `xirr([{ amount, when: Date }])` (README); Newton via newton-raphson-method, throws on failure. */
const xirrPackage = require("xirr") as (
  transactions: ReadonlyArray<{ amount: number; when: Date }>,
) => number;

/** What every implementation returns on the 61 flows (peer-bench.md §2). */
export const REFERENCE_XIRR = 0.0736433478426871;
const MS_PER_DAY = 86_400_000;

function day(iso: string): DayNumber {
  const d = parseIsoDate(iso);
  if (d === undefined) throw new Error(`bad date ${iso}`);
  return d;
}

/**
 * peer-bench.md §2: 100,000 at 6.5 %/year over 60 months, disbursed net of a 1,500 fee (−98,500) on 2024-01-15,
 * then 60 repayments on the 15th, moved to the next Monday on weekends. Repayments of a cent ledger: 1,956.61 (half
 * up), interest rounded half up each month, the last one takes the rest. Amounts in minor units (cents).
 */
export function peerBenchFlows(): DatedFlow[] {
  const start = day("2024-01-15");
  const flows: DatedFlow[] = [{ day: start, amountMinor: -9_850_000 }];
  let balance = 10_000_000;
  for (let k = 1; k <= 60; k++) {
    let due = addMonthsAnchored(start, k);
    const weekday = dayOfWeek(due);
    if (weekday === 6) due += 2;
    else if (weekday === 7) due += 1;
    const interest = Math.floor((balance * 65 * 2 + 12_000) / 24_000); // half up of balance × 6.5 % / 12, exact
    const principal = k === 60 ? balance : 195_661 - interest;
    balance -= principal;
    flows.push({ day: due, amountMinor: principal + interest });
  }
  return flows;
}

/** A day number as the UTC-midnight `Date` the peers take. */
function toDate(d: DayNumber): Date {
  return new Date(d * MS_PER_DAY);
}

/** Each peer's documented input shape, built once outside the timed calls; amounts in currency units. */
export interface XirrInputs {
  readonly tenor: readonly DatedFlow[];
  readonly formulajs: { readonly values: number[]; readonly dates: Date[] };
  readonly xirrPackage: ReadonlyArray<{ amount: number; when: Date }>;
  readonly floor: { readonly years: Float64Array; readonly amounts: Float64Array };
}

export function xirrInputs(flows: readonly DatedFlow[] = peerBenchFlows()): XirrInputs {
  const units = flows.map((f) => Number(f.amountMinor) / 100);
  const first = flows[0]?.day ?? 0;
  return {
    tenor: flows,
    formulajs: { values: units, dates: flows.map((f) => toDate(f.day)) },
    xirrPackage: flows.map((f, i) => ({ amount: units[i] ?? 0, when: toDate(f.day) })),
    floor: {
      years: Float64Array.from(flows, (f) => (f.day - first) / 365),
      amounts: Float64Array.from(units),
    },
  };
}

/** formulajs returns error values (and NaN) instead of throwing; a timed call must not carry them silently. */
export function formulajsXirr(input: XirrInputs["formulajs"]): number {
  const result: unknown = XIRR(input.values, input.dates, 0.1);
  if (typeof result !== "number") throw new Error(`formulajs XIRR returned ${String(result)}`);
  return result;
}

/**
 * The floor: bare Newton from 10 % on pre-normalised `Float64Array`s, discount factors exp(−t·ln(1 + r)), no
 * validation, bracketing or result object — what the arithmetic alone costs (peer-bench.md §2, first row).
 */
export function floorXirr(input: XirrInputs["floor"]): number {
  const { years, amounts } = input;
  let rate = 0.1;
  for (let iteration = 0; iteration < 50; iteration++) {
    const logFactor = Math.log1p(rate);
    let value = 0;
    let slope = 0;
    for (let i = 0; i < years.length; i++) {
      const t = years[i] as number;
      const term = (amounts[i] as number) * Math.exp(-t * logFactor);
      value += term;
      slope -= (t * term) / (1 + rate);
    }
    const step = value / slope;
    rate -= step;
    if (Math.abs(step) < 1e-12) break;
  }
  return rate;
}

export interface RatesTask {
  readonly id: string;
  readonly name: string;
  readonly fn: () => unknown;
}

/** The Reg Z APR once src/rates/reg-z-apr.ts exports `regZApr` (another part of issue 3); undefined until then. */
export async function loadRegZ(): Promise<((input: unknown) => unknown) | undefined> {
  const url = new URL("../src/rates/reg-z-apr.ts", import.meta.url);
  if (!existsSync(url)) return undefined;
  const module = (await import(url.href)) as { regZApr?: unknown };
  return typeof module.regZApr === "function" ? (module.regZApr as (input: unknown) => unknown) : undefined;
}

/** A 300,000 loan at 6.5 % with 360 monthly payments of 1,896.20 (the last 1,900.91), from 2024-01-15. */
export function regZInput(): unknown {
  const start = day("2024-01-15");
  const payments = Array.from({ length: 360 }, (_, k) => ({
    day: addMonthsAnchored(start, k + 1),
    amountMinor: k === 359 ? 190_091 : 189_620,
  }));
  return { advances: [{ day: start, amountMinor: 30_000_000 }], payments };
}

interface RegZInput {
  readonly advances: readonly DatedFlow[];
  readonly payments: readonly DatedFlow[];
}

/** The Reg Z loan as signed dated flows: the advance paid out, then the payments. */
function regZFlows(input: RegZInput): DatedFlow[] {
  return [
    ...input.advances.map((a) => ({ day: a.day, amountMinor: -Number(a.amountMinor) })),
    ...input.payments,
  ];
}

/** The timed tasks, cheapest first. */
export function ratesTasks(regZ: ((input: unknown) => unknown) | undefined): RatesTask[] {
  const inputs = xirrInputs();
  const tasks: RatesTask[] = [
    {
      id: "xirr-floor",
      name: "floor: bare Newton, exp/log1p, `Float64Array`s",
      fn: () => floorXirr(inputs.floor),
    },
    { id: "xirr-tenor", name: "**Tenor `xirr(flows)`**", fn: () => xirr(inputs.tenor) },
    {
      id: "xirr-package",
      name: "xirr 1.1.0 `xirr(transactions)`",
      fn: () => xirrPackage(inputs.xirrPackage),
    },
    { id: "xirr-formulajs", name: "@formulajs/formulajs `XIRR`", fn: () => formulajsXirr(inputs.formulajs) },
  ];
  if (regZ !== undefined) {
    const input = regZInput();
    tasks.push({ id: "regz-360", name: "Tenor `regZApr`, 360 payments", fn: () => regZ(input) });
    // No peer computes a Reg Z APR; the nearest thing they offer is an XIRR of the same 361 flows.
    const same = xirrInputs(regZFlows(input as RegZInput));
    tasks.push(
      {
        id: "xirr-package-361",
        name: "xirr 1.1.0 `xirr`, the same 361 flows",
        fn: () => xirrPackage(same.xirrPackage),
      },
      {
        id: "xirr-formulajs-361",
        name: "@formulajs/formulajs `XIRR`, the same 361 flows",
        fn: () => formulajsXirr(same.formulajs),
      },
    );
  }
  return tasks;
}

/** Each task's result once, for the table: the rate as the implementation returns it. */
export function spotResults(tasks: readonly RatesTask[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const task of tasks) {
    try {
      const value = task.fn();
      if (typeof value === "number") out.set(task.id, String(value));
      else if (value !== null && typeof value === "object" && "rate" in value)
        out.set(task.id, String(value.rate));
      else if (value !== null && typeof value === "object" && "aprText" in value)
        out.set(task.id, `APR ${String(value.aprText)} %`);
      else out.set(task.id, "?");
    } catch (error) {
      out.set(task.id, `throws: ${(error as Error).message.slice(0, 60)}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Robustness

export interface RobustnessCase {
  readonly id: string;
  readonly label: string;
  readonly flows: readonly DatedFlow[];
  /** What is right, to judge each cell. */
  readonly expected: string;
}

const D0 = day("2024-01-01");
export const ROBUSTNESS_CASES: readonly RobustnessCase[] = [
  {
    id: "reference",
    label: "reference: 61 flows (peer-bench §2)",
    flows: peerBenchFlows(),
    expected: "0.0736433478…",
  },
  {
    id: "minus-90",
    label: "IRR −90 %: −1000 → +100 after 366 days",
    flows: [
      { day: D0, amountMinor: -100_000 },
      { day: D0 + 366, amountMinor: 10_000 },
    ],
    expected: "−0.8993688953",
  },
  {
    id: "fast-monthly",
    label: "500 % a month: −100, then +60 every 30 days for 2 years",
    flows: [
      { day: D0, amountMinor: -10_000 },
      ...Array.from({ length: 24 }, (_, k) => ({ day: D0 + 30 * (k + 1), amountMinor: 6_000 })),
    ],
    expected: "303.393081 (30,339 % a year)",
  },
  {
    id: "late-outflow",
    label: "+100 now, −10 after 30 days, −1,000,000 after 10 years",
    flows: [
      { day: D0, amountMinor: 10_000 },
      { day: D0 + 30, amountMinor: -1_000 },
      { day: D0 + 3_650, amountMinor: -100_000_000 },
    ],
    expected: "1.5364237424",
  },
  {
    id: "slow-loss",
    label: "−1000, then +5 a year for 10 years (a 95 % loss)",
    flows: [
      { day: D0, amountMinor: -100_000 },
      ...Array.from({ length: 10 }, (_, k) => ({ day: D0 + 365 * (k + 1), amountMinor: 500 })),
    ],
    expected: "−0.3463911602",
  },
  {
    id: "huge",
    label: "IRR ≈ 1.5 × 10¹²: ×10 in 30 days",
    flows: [
      { day: D0, amountMinor: -100_000 },
      { day: D0 + 30, amountMinor: 1_000_000 },
    ],
    expected: "1.4677992676 × 10¹²",
  },
  {
    id: "no-rate",
    label: "no rate at all: −100, +300, −250 a year apart (NPV < 0 everywhere)",
    flows: [
      { day: D0, amountMinor: -10_000 },
      { day: D0 + 365, amountMinor: 30_000 },
      { day: D0 + 730, amountMinor: -25_000 },
    ],
    expected: "an error",
  },
  {
    id: "two-roots",
    label: "two roots (11.27 % and 88.73 %): −1000, +3000, −2100 a year apart",
    flows: [
      { day: D0, amountMinor: -100_000 },
      { day: D0 + 365, amountMinor: 300_000 },
      { day: D0 + 730, amountMinor: -210_000 },
    ],
    expected: "either, and say there are two",
  },
  {
    id: "unsorted",
    label: "first flow not the earliest (+3000 on 2024-07-01 listed first)",
    flows: [
      { day: day("2024-07-01"), amountMinor: 300_000 },
      { day: D0, amountMinor: -1_000_000 },
      { day: day("2025-01-01"), amountMinor: 400_000 },
      { day: day("2025-07-01"), amountMinor: 400_000 },
    ],
    expected: "Excel's docs: #NUM!; Office: the rate",
  },
  {
    id: "all-positive",
    label: "all flows positive",
    flows: [
      { day: D0, amountMinor: 100_000 },
      { day: D0 + 365, amountMinor: 110_000 },
    ],
    expected: "an error",
  },
];

export type RobustImpl = "tenor" | "formulajs" | "xirr-package";

/** One robustness cell, in this process. */
export function robustCell(testCase: RobustnessCase, impl: RobustImpl): string {
  const inputs = xirrInputs(testCase.flows);
  try {
    if (impl === "tenor") {
      const result = xirr(testCase.flows);
      const extra = result.multipleRoots
        ? ` (multipleRoots: ${result.roots.map((r) => r.toPrecision(6)).join(", ")})`
        : "";
      return `${result.rate.toPrecision(11)}${extra}`;
    }
    if (impl === "xirr-package") return xirrPackage(inputs.xirrPackage).toPrecision(11);
    const result: unknown = XIRR(inputs.formulajs.values, inputs.formulajs.dates, 0.1);
    return typeof result === "number" ? result.toPrecision(11) : `returns ${String(result)}`;
  } catch (error) {
    if (error instanceof TenorError) {
      if (impl === "tenor" && error.code === "INVALID_CASH_FLOWS") {
        const allowed = xirr(testCase.flows, { datesBeforeFirst: "allow" });
        return `${error.code}; with \`datesBeforeFirst: "allow"\`: ${allowed.rate.toPrecision(11)}`;
      }
      return error.code;
    }
    return `throws (${(error as Error).message.slice(0, 40)})`;
  }
}

/** A formulajs cell in a child process killed after `timeoutMs` (its loop has no iteration cap). */
function isolatedCell(testCase: RobustnessCase, impl: RobustImpl, timeoutMs: number): string {
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), `--robust=${testCase.id}`, `--impl=${impl}`],
    { encoding: "utf8", timeout: timeoutMs, stdio: ["ignore", "pipe", "pipe"] },
  );
  if (child.error !== undefined || child.signal !== null) return `hangs (killed after ${timeoutMs / 1000} s)`;
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  return (JSON.parse(line) as { cell: string }).cell;
}

/** The robustness table as Markdown lines. */
export function robustnessTable(timeoutMs = 3_000): string[] {
  const lines = [
    "| case | right answer | Tenor `xirr` | xirr 1.1.0 | @formulajs/formulajs `XIRR` |",
    "|---|---|---|---|---|",
  ];
  for (const testCase of ROBUSTNESS_CASES) {
    const cells = [
      robustCell(testCase, "tenor"),
      robustCell(testCase, "xirr-package"),
      isolatedCell(testCase, "formulajs", timeoutMs),
    ];
    lines.push(`| ${testCase.label} | ${testCase.expected} | ${cells.join(" | ")} |`);
  }
  return lines;
}

/** A short description of the flows' dates, for the report. */
export function describeFlows(flows: readonly DatedFlow[]): string {
  const first = flows[0];
  const last = flows.at(-1);
  return first === undefined || last === undefined
    ? "no flows"
    : `${flows.length} flows, ${formatIsoDate(first.day)} … ${formatIsoDate(last.day)}`;
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { robust: { type: "string" }, impl: { type: "string" } } });
  const testCase = ROBUSTNESS_CASES.find((c) => c.id === values.robust);
  if (testCase === undefined) throw new Error(`unknown case ${String(values.robust)}`);
  process.stdout.write(
    `${JSON.stringify({ cell: robustCell(testCase, (values.impl ?? "formulajs") as RobustImpl) })}\n`,
  );
}
