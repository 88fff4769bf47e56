// `tenor eod [--tenant ID] [--workers N] [--days K] [--partition-size N]`: closes K business days of a tenant, one
// after another, with a progress bar on stderr (loans closed / loans planned, and partitions) and a summary
// line per day on stdout. The CLI (src/cli/) parses the flags, opens the store and calls eodCommand;
// `tenor eod-worker` calls eodWorkerCommand on each machine that should help.
import cliProgress from "cli-progress";
import { formatMinor } from "../core/money.ts";
import type { Store } from "../store/database.ts";
import { eodWorkerProcess } from "./eod-worker-main.ts";
import { type EndOfDayResult, runEndOfDay } from "./run-end-of-day.ts";

export interface EodCommandOptions {
  readonly store: Store;
  /** Required when the database holds more than one tenant. */
  readonly tenantId?: string | undefined;
  /** Workers on this machine (default 1; see runEndOfDay). Ignored on the embedded database. */
  readonly workers?: number | undefined;
  /** Business days to close, one after another (default 1). */
  readonly days?: number | undefined;
  readonly partitionSize?: number | undefined;
  readonly stdout?: NodeJS.WritableStream | undefined;
  readonly stderr?: NodeJS.WritableStream | undefined;
  /** Show the progress bar (default: when stderr is a terminal). */
  readonly progress?: boolean | undefined;
}

export async function eodCommand(options: EodCommandOptions): Promise<EndOfDayResult[]> {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const days = options.days ?? 1;
  if (!Number.isSafeInteger(days) || days < 1 || days > 3660)
    throw new Error(`--days must be a whole number from 1 to 3660 (got ${days})`);
  const tenantId = options.tenantId ?? (await onlyTenant(options.store));
  const showProgress = options.progress ?? (stderr as { isTTY?: boolean }).isTTY === true;
  const results: EndOfDayResult[] = [];
  for (let day = 0; day < days; day++) {
    const bar = showProgress
      ? new cliProgress.SingleBar(
          {
            stream: stderr,
            format:
              "closing {date} [{bar}] {value}/{total} loans | {partitionsDone}/{partitions} partitions | {duration_formatted}",
            hideCursor: true,
            etaBuffer: 20,
            // Asked for on a stream that is not a terminal (a log, a test): one line per update instead.
            noTTYOutput: true,
            notTTYSchedule: 1000,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    let started = false;
    try {
      const result = await runEndOfDay({
        store: options.store,
        tenantId,
        workers: options.workers,
        partitionSize: options.partitionSize,
        onProgress: (p) => {
          if (bar === undefined) return;
          const payload = {
            date: p.businessDate,
            partitionsDone: p.partitionsDone,
            partitions: p.partitions,
          };
          if (!started) {
            bar.start(p.loans, p.loansDone, payload);
            started = true;
          } else {
            bar.setTotal(Math.max(p.loans, p.loansDone));
            bar.update(p.loansDone, payload);
          }
        },
      });
      bar?.stop();
      results.push(result);
      stdout.write(`${summaryLine(result)}\n`);
    } catch (error) {
      bar?.stop();
      throw error;
    }
  }
  return results;
}

/** The database's one tenant; several (or none) need --tenant. */
async function onlyTenant(store: Store): Promise<string> {
  const rows = await store.read((db) =>
    db.selectFrom("tenants").select("tenant_id").orderBy("tenant_id").execute(),
  );
  const only = rows[0];
  if (rows.length === 1 && only !== undefined) return only.tenant_id;
  if (rows.length === 0) throw new Error("there is no tenant in this database (run `tenor seed` first)");
  throw new Error(`several tenants: choose one with --tenant (${rows.map((r) => r.tenant_id).join(", ")})`);
}

const count = (n: number) => n.toLocaleString("en-US");

/** One line saying what a closed day did. */
export function summaryLine(result: EndOfDayResult): string {
  const seconds = result.durationMs / 1000;
  const rate = seconds > 0 ? Math.round(result.loans / seconds) : result.loans;
  const entries = (record: Readonly<Record<string, number>>) =>
    Object.entries(record)
      .map(([key, n]) => `${key} ${count(n)}`)
      .join(", ") || "none";
  return [
    `${result.businessDate} closed, business date now ${result.nextBusinessDate}:`,
    `${count(result.loans)} loans in ${count(result.partitions)} partitions,`,
    `${formatMinor(BigInt(result.durationMs), 3)} s (${count(rate)} loans/s);`,
    `written off ${count(result.writtenOff)}; failed ${count(result.failed)};`,
    `delinquency: ${entries(result.delinquency)}; signals: ${entries(result.signals)};`,
    `workers: ${entries(result.workers)}`,
  ].join(" ");
}

export interface EodWorkerCommandOptions {
  readonly databaseUrl: string;
  readonly schema?: string | undefined;
  readonly workerName?: string | undefined;
  readonly concurrency?: number | undefined;
}

/** `tenor eod-worker`: a worker taking end-of-day partitions until SIGINT or SIGTERM. */
export function eodWorkerCommand(options: EodWorkerCommandOptions): Promise<void> {
  return eodWorkerProcess(options);
}
