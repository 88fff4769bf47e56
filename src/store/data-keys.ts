// The keys that seal borrowers' personal data (ARCHITECTURE.md, "security": personal data encrypted per field
// with AES-256-GCM and key versions; docs/guides/personal-data.md). Keys are numbered: the highest version seals
// new values, and every version listed opens what it sealed, so a key is rotated by adding a higher version,
// re-sealing (`tenor reseal`) and only then dropping the old one.
//
// Where the keys come from, first match wins:
//  1. TENOR_DATA_KEYS: `version:key[,version:key…]`, each key 32 bytes in base64 — what production sets, from
//     its secret store, the same in every process that shares the database;
//  2. a key file: TENOR_DATA_KEYS_FILE if set; else, for an embedded database in a directory, the file beside
//     that directory (`<dir>.keys`, like its lock: a copy of the directory alone does not carry the key); else,
//     for a PostgreSQL server, `~/.tenor/data-keys`. A missing file is created with a new key (mode 0600), so
//     `npm start` and a developer's server need no setup;
//  3. an in-memory database (tests): a new key for the process's lifetime.
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";

export interface DataKeys {
  /** The version new values are sealed with: the highest listed. */
  readonly current: number;
  readonly keys: ReadonlyMap<number, Buffer>;
  /** Where they came from, for people (never the keys themselves). */
  readonly source: string;
}

export const KEY_BYTES = 32;
export const MAX_KEY_VERSION = 65_535;

export class DataKeysError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataKeysError";
  }
}

/** Parses `version:key[,version:key…]` (whitespace and newlines around entries are ignored). */
export function parseDataKeys(text: string, source: string): DataKeys {
  const keys = new Map<number, Buffer>();
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0)
    throw new DataKeysError(`${source}: no key; expected version:key pairs such as 1:<32 bytes in base64>`);
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const versionText = colon < 0 ? "" : entry.slice(0, colon);
    // The entry is not echoed whole: it holds a key.
    if (!/^[1-9]\d{0,4}$/.test(versionText) || Number(versionText) > MAX_KEY_VERSION)
      throw new DataKeysError(
        `${source}: key version "${versionText.slice(0, 8)}" must be a whole number from 1 to ${MAX_KEY_VERSION}, written version:key`,
      );
    const version = Number(versionText);
    const encoded = entry.slice(colon + 1);
    const key = Buffer.from(encoded, "base64");
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length !== KEY_BYTES)
      throw new DataKeysError(
        `${source}: key version ${version} must be ${KEY_BYTES} bytes in base64 (44 characters; got ${encoded.length} characters)`,
      );
    if (keys.has(version)) throw new DataKeysError(`${source}: key version ${version} is listed twice`);
    keys.set(version, key);
  }
  return { current: Math.max(...keys.keys()), keys, source };
}

/** `version:key` text of a set of keys, as TENOR_DATA_KEYS and key files hold them. */
export function formatDataKeys(keys: DataKeys): string {
  return [...keys.keys]
    .sort(([a], [b]) => a - b)
    .map(([version, key]) => `${version}:${key.toString("base64")}`)
    .join(",");
}

export function newDataKeys(source: string): DataKeys {
  return { current: 1, keys: new Map([[1, randomBytes(KEY_BYTES)]]), source };
}

export interface KeySourceOptions {
  /** Explicit keys (tests, tools); beats everything else. */
  readonly dataKeys?: DataKeys | undefined;
  readonly kind: "embedded" | "server";
  /** The embedded database's directory, if any. */
  readonly dataDir?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
}

export function dataKeysFor(options: KeySourceOptions): DataKeys {
  if (options.dataKeys !== undefined) return options.dataKeys;
  const env = options.env ?? process.env;
  const inline = env.TENOR_DATA_KEYS;
  if (inline !== undefined && inline !== "") return parseDataKeys(inline, "TENOR_DATA_KEYS");
  const file =
    env.TENOR_DATA_KEYS_FILE ||
    (options.kind === "embedded"
      ? options.dataDir === undefined
        ? undefined
        : `${path.resolve(options.dataDir)}.keys`
      : path.join(homedir(), ".tenor", "data-keys"));
  if (file === undefined) return newDataKeys("a new key for this in-memory database");
  return keyFile(file);
}

/** The keys in `file`, which is created with a new key if it does not exist. */
function keyFile(file: string): DataKeys {
  const source = `key file ${file}`;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const created = newDataKeys(source);
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside, then linked into place: `link` fails if the file exists, so of two processes creating it
    // at once one wins and the other reads the winner's whole file, never a half-written one.
    const aside = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
    writeFileSync(aside, `${formatDataKeys(created)}\n`, { mode: 0o600 });
    try {
      linkSync(aside, file);
      return created;
    } catch (raced) {
      if ((raced as NodeJS.ErrnoException).code !== "EEXIST") throw raced;
      text = readFileSync(file, "utf8");
    } finally {
      rmSync(aside, { force: true });
    }
  }
  return parseDataKeys(text, source);
}
