// One typed SQL layer (Kysely) over the two PostgreSQL engines Tenor runs on: PGlite, embedded in the process
// with its data in a directory (the default: nothing to install), and a PostgreSQL server (DATABASE_URL) for
// production, several processes and scale. Both speak the same dialect and return the same value types
// (type-parsers.ts), so the app layer and its tests do not know which one they use.
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import { type DataDirectoryLock, lockDataDirectory } from "./data-dir-lock.ts";
import { type DataKeys, dataKeysFor } from "./data-keys.ts";
import { migrateToLatest } from "./migrate.ts";
import type { Schema } from "./schema.ts";
import { TEXT_PARSERS } from "./type-parsers.ts";

export type Db = Kysely<Schema> | Transaction<Schema>;

export interface StoreOptions {
  /** A PostgreSQL server (`postgres://…`); without it the embedded engine is used. */
  readonly databaseUrl?: string | undefined;
  /** Embedded only: the data directory; without it the database lives in memory (tests). */
  readonly dataDir?: string | undefined;
  /** Server only: the schema to use (created if missing), so tests and tenants' sandboxes stay apart. */
  readonly schema?: string | undefined;
  /** Server only: connections in the pool. */
  readonly poolSize?: number | undefined;
  /** The keys that seal personal data; by default from the environment or a key file (data-keys.ts). */
  readonly dataKeys?: DataKeys | undefined;
}

export interface Store {
  readonly kind: "embedded" | "server";
  /** Where the data is, for people: a directory, "memory" or the server's address without the password. */
  readonly location: string;
  readonly schema: string | undefined;
  readonly databaseUrl: string | undefined;
  /** The keys that seal personal data (sealed-text.ts). */
  readonly dataKeys: DataKeys;
  /** Runs `work` in one transaction: it all commits or none of it does. */
  transaction<T>(work: (db: Transaction<Schema>) => Promise<T>): Promise<T>;
  /** Runs reads outside a transaction (on the embedded engine, one unit of work at a time). */
  read<T>(work: (db: Kysely<Schema>) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on one connection of its own (on the embedded engine: with the database to itself), for the
   * hot paths that send several statements in one round trip (`BEGIN; SELECT …`). The caller ends any
   * transaction it opens; a connection is handed back with a ROLLBACK when `work` fails.
   */
  session<T>(work: (session: Session) => Promise<T>): Promise<T>;
  /**
   * Calls `onNotify` with the payload of every notification on `channel` (PostgreSQL's LISTEN/NOTIFY; a NOTIFY
   * sent in a transaction arrives when it commits). On the server it listens on a connection of its own.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<Listening>;
  close(): Promise<void>;
}

/** A subscription to a notification channel. */
export interface Listening {
  /** False once its connection is lost: notifications sent since may never arrive. */
  healthy(): boolean;
  stop(): Promise<void>;
}

const CHANNEL_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): void {
  if (!CHANNEL_PATTERN.test(channel))
    throw new Error(`channel "${channel}" must be a lower-case SQL identifier`);
}

export type Row = Record<string, unknown>;

export interface Session {
  /**
   * Sends one or more SQL statements, separated by semicolons, in one round trip (PostgreSQL's simple query
   * protocol: no parameters, values are written into the text with `literal`). Returns the rows of each
   * statement, in order. A failing statement stops the rest; inside a transaction, it leaves it aborted.
   */
  statements(text: string): Promise<Row[][]>;
}

/** A value written into SQL text: quoted and escaped as PostgreSQL reads it (standard_conforming_strings). */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value)) throw new Error(`literal: ${value} is not a safe integer`);
    return String(value);
  }
  // What pg.escapeLiteral writes (a backslash makes it an E'' string, so that the text means the same whatever
  // standard_conforming_strings says), by two replaces instead of a loop over every character: the documents
  // a command saves are several kilobytes.
  const quoted = `'${value.replaceAll("'", "''")}'`;
  return value.includes("\\") ? ` E${quoted.replaceAll("\\", "\\\\")}` : quoted;
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  // The keys first: a malformed TENOR_DATA_KEYS is refused before any database is opened.
  const dataKeys = dataKeysFor({
    dataKeys: options.dataKeys,
    kind: options.databaseUrl ? "server" : "embedded",
    dataDir: options.dataDir,
  });
  const store = options.databaseUrl
    ? await openServer(options.databaseUrl, options, dataKeys)
    : await openEmbedded(options, dataKeys);
  try {
    await store.read((db) => migrateToLatest(db as Kysely<unknown>, store.schema));
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

async function openServer(databaseUrl: string, options: StoreOptions, dataKeys: DataKeys): Promise<Store> {
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`schema "${schema}" must be a lower-case SQL identifier`);
  if (schema !== undefined) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolSize ?? 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        TEXT_PARSERS[oid] ?? pg.types.getTypeParser(oid, format ?? "text")) as typeof pg.types.getTypeParser,
    },
  });
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<Listening>();
  const session = async <T>(work: (session: Session) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let healthy = true;
    try {
      return await work({
        statements: async (text) => {
          const result = (await client.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
          return (Array.isArray(result) ? result : [result]).map((r) => r.rows as Row[]);
        },
      });
    } catch (error) {
      // Whatever the work left open is rolled back; a connection that cannot even do that is not reused.
      await client.query("rollback").catch(() => {
        healthy = false;
      });
      throw error;
    } finally {
      client.release(!healthy);
    }
  };
  return {
    kind: "server",
    location: redactPassword(databaseUrl) + (schema === undefined ? "" : ` (schema ${schema})`),
    schema,
    databaseUrl,
    dataKeys,
    transaction: (work) => withDeadlockRetry(() => db.transaction().execute(work)),
    read: (work) => work(db),
    session: (work) => withDeadlockRetry(() => session(work)),
    listen: async (channel, onNotify) => {
      checkChannel(channel);
      // Named, so that an operator (or a test) can tell the listening connections of a schema apart.
      const client = new pg.Client({
        connectionString: databaseUrl,
        application_name: schema === undefined ? "tenor-listen" : `tenor-listen ${schema}`,
      });
      let healthy = true;
      // A lost connection is reported by healthy(), not thrown: an unhandled 'error' would end the process.
      client.on("error", () => {
        healthy = false;
      });
      client.on("end", () => {
        healthy = false;
      });
      client.on("notification", (message) => {
        if (message.channel === channel) onNotify(message.payload ?? "");
      });
      await client.connect();
      await client.query(`listen ${channel}`);
      const listening: Listening = {
        healthy: () => healthy,
        stop: async () => {
          healthy = false;
          listeners.delete(listening);
          await client.end().catch(() => undefined);
        },
      };
      listeners.add(listening);
      return listening;
    },
    close: async () => {
      await Promise.all([...listeners].map((listening) => listening.stop()));
      await db.destroy();
    },
  };
}

async function openEmbedded(options: StoreOptions, dataKeys: DataKeys): Promise<Store> {
  const lock: DataDirectoryLock | undefined =
    options.dataDir === undefined ? undefined : lockDataDirectory(options.dataDir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(options.dataDir ?? "memory://", { parsers: { ...TEXT_PARSERS } });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const db = new Kysely<Schema>({ dialect: new PGliteDialect({ pglite }) });
  // PGlite is one connection: two interleaved units of work would share its transaction, so they take turns.
  const exclusive = serializer();
  let closed = false;
  return {
    kind: "embedded",
    location: options.dataDir ?? "memory",
    schema: undefined,
    databaseUrl: undefined,
    dataKeys,
    transaction: (work) => exclusive(() => db.transaction().execute(work)),
    read: (work) => exclusive(() => work(db)),
    session: (work) =>
      exclusive(async () => {
        try {
          return await work({
            statements: async (text) => (await pglite.exec(text)).map((r) => r.rows as Row[]),
          });
        } catch (error) {
          // The work's own failure is the one to report, even if the rollback fails too.
          await pglite.exec("rollback").catch(() => undefined);
          throw error;
        }
      }),
    listen: async (channel, onNotify) => {
      checkChannel(channel);
      const unlisten = await exclusive(() => pglite.listen(channel, onNotify));
      let stopped = false;
      return {
        healthy: () => !stopped && !closed,
        stop: async () => {
          if (stopped || closed) return;
          stopped = true;
          await exclusive(() => unlisten());
        },
      };
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await exclusive(() => db.destroy());
      lock?.release();
    },
  };
}

/** A queue of async units of work, each starting when the previous one has settled. */
function serializer(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
}

/** A deadlock aborts one of the transactions involved; running it again is safe (it never committed). */
async function withDeadlockRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || (code !== "40P01" && code !== "40001")) throw error;
    }
  }
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(a PostgreSQL server)";
  }
}

/** `select 1` through the store: true when the database answers. */
export async function ping(store: Store): Promise<boolean> {
  const result = await store.read((db) => sql<{ one: number }>`select 1 as one`.execute(db));
  return result.rows[0]?.one === 1;
}
