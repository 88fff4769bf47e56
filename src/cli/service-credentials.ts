// The demo credentials file. API keys are stored hashed, so the keys `tenor seed` issues can be printed only
// once; the CLI keeps them in a file readable by the user alone (mode 0600) beside the data directory
// (`.tenor/demo-credentials.json` by default), so that a later `tenor start` can print them again. The file is
// keyed by database, then tenant: a key is only ever shown for the database it was issued in.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface DemoCredentials {
  readonly businessDate: string;
  readonly seededAt: string;
  readonly admin: string;
  readonly officer: string;
  readonly borrower: string;
  readonly borrowerId: string;
}

interface CredentialsFile {
  readonly about: string;
  readonly databases: Record<string, Record<string, DemoCredentials>>;
}

const ABOUT =
  "API keys issued by `tenor seed`/`tenor start` for demo tenants. Tenor stores only their hashes: this file is " +
  "the only copy. Keep it private; delete it (and the data) to start over.";

/** Where the credentials are kept: beside the data directory, or in `.tenor/` for a server. */
export function credentialsFileFor(dataDir: string | undefined): string {
  return dataDir === undefined
    ? path.resolve(".tenor", "demo-credentials.json")
    : path.join(path.dirname(path.resolve(dataDir)), "demo-credentials.json");
}

export function readCredentials(
  file: string,
  database: string,
  tenantId: string,
): DemoCredentials | undefined {
  return readFile(file)?.databases[database]?.[tenantId];
}

export function saveCredentials(
  file: string,
  database: string,
  tenantId: string,
  keys: DemoCredentials,
): void {
  const current = readFile(file);
  const databases = { ...(current?.databases ?? {}) };
  databases[database] = { ...(databases[database] ?? {}), [tenantId]: keys };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ about: ABOUT, databases }, null, 2)}\n`, { mode: 0o600 });
  // The mode applies only when the file is created; an older file is narrowed too.
  chmodSync(file, 0o600);
}

function readFile(file: string): CredentialsFile | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as Partial<CredentialsFile>;
    return typeof parsed.databases === "object" && parsed.databases !== null
      ? { about: ABOUT, databases: parsed.databases }
      : undefined;
  } catch {
    return undefined;
  }
}
