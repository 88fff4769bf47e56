// What the service commands print: where the API is, the demo credentials and a progress bar while seeding
// (on a terminal only; a pipe or a log gets the one-line summary).
import cliProgress from "cli-progress";
import type { Store } from "../store/database.ts";
import type { DemoCredentials } from "./service-credentials.ts";

export function printBanner(url: string): void {
  process.stdout.write(
    [
      `  API            ${url}/v1`,
      `  API reference  ${url}/docs`,
      `  OpenAPI        ${url}/openapi.json`,
      `  Health         ${url}/health`,
      "",
    ].join("\n"),
  );
}

/** Which keys seal personal data (docs/guides/personal-data.md): they must be kept, and shared by every process. */
export function printDataKeys(store: Store): void {
  const { current, source } = store.dataKeys;
  const shared =
    store.kind === "server" && source !== "TENOR_DATA_KEYS"
      ? "; every process sharing this database needs the same keys: set TENOR_DATA_KEYS in production"
      : "";
  process.stdout.write(`Personal data is sealed with key version ${current} from ${source}${shared}\n`);
}

/** The demo keys and where they are kept; or why they cannot be shown. */
export function printCredentials(
  credentials: DemoCredentials | undefined,
  file: string,
  tenantId: string,
  businessDate: string,
): void {
  if (credentials === undefined) {
    process.stdout.write(
      [
        `Tenant "${tenantId}" (business date ${businessDate}) exists, but its demo keys are not in ${file}.`,
        "Keys are stored hashed and cannot be shown again: seed another tenant (tenor seed --tenant demo2),",
        "or stop Tenor, delete the data directory (or use another database) and start again.",
        "",
      ].join("\n"),
    );
    return;
  }
  process.stdout.write(
    [
      `Demo tenant "${tenantId}" (business date ${businessDate}). API keys, sent as "Authorization: Bearer <key>":`,
      `  admin     ${credentials.admin}`,
      `  officer   ${credentials.officer}`,
      `  borrower  ${credentials.borrower}  (borrower ${credentials.borrowerId}, who has a loan past due)`,
      `Keys are stored hashed, so they cannot be shown again from the database: they are kept in ${file}`,
      "(readable by you only), from where later starts print them.",
      "",
    ].join("\n"),
  );
}

export interface SeedProgress {
  update(done: number, total: number): void;
  stop(): void;
}

/** Shown from the first update on, so that nothing is printed for a seed refused before it starts. */
export function seedProgress(tenantId: string): SeedProgress {
  let bar: cliProgress.SingleBar | undefined;
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        started = true;
        if (!process.stderr.isTTY) {
          process.stdout.write(`Seeding tenant "${tenantId}" with ${total} loans…\n`);
        } else {
          bar = new cliProgress.SingleBar(
            {
              format: `Seeding "${tenantId}" {bar} {value}/{total} loans, {eta_formatted} left`,
              stream: process.stderr,
              hideCursor: true,
              clearOnComplete: true,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, done);
        }
      }
      bar?.update(done);
    },
    stop: () => bar?.stop(),
  };
}
