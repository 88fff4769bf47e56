// This machine's PostgreSQL server, measured in the same run as the figures it puts in context: how many small
// write transactions per second it commits — update one row, insert one, as issue 6 and pgbench's simple
// mode count them (four statements, each a round trip) — with one client and with eight. The service and end
// of day figures depend on the machine (the same code has measured 1,000–1,500 and 2,000–2,150 repayments/s on
// two machines of this workplace); this line says which kind of machine a table came from. The issue's
// orientation for the machine: about 1,300–3,000 such transactions per second.
//
// Tables of its own in a schema of its own (`bench_ref_<random>`), dropped at the end.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";

export interface ServerReference {
  /** Transactions per second with one client, and with `clients`. */
  readonly oneClient: number;
  readonly manyClients: number;
  readonly clients: number;
  /** The server's `synchronous_commit` (on: every commit waits for its WAL flush). */
  readonly synchronousCommit: string;
}

const ACCOUNTS = 100_000;

/** Runs for `seconds` with one client, then with `clients` (default 8). */
export async function measureServerReference(
  databaseUrl: string,
  options: { readonly seconds?: number; readonly clients?: number } = {},
): Promise<ServerReference> {
  const seconds = options.seconds ?? 3;
  const clients = options.clients ?? 8;
  const schema = `bench_ref_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    await admin.query(`
      create schema ${schema};
      create table ${schema}.accounts (id int4 primary key, balance int8 not null default 0);
      insert into ${schema}.accounts (id) select generate_series(1, ${ACCOUNTS});
      create table ${schema}.history (id int8 generated always as identity, account int4, amount int8,
                                      at timestamptz not null default now());`);
    await admin.query(`vacuum analyze ${schema}.accounts`);
    const setting = await admin.query<{ synchronous_commit: string }>("show synchronous_commit");
    const oneClient = await transactionsPerSecond(databaseUrl, schema, 1, seconds);
    const manyClients = await transactionsPerSecond(databaseUrl, schema, clients, seconds);
    return {
      oneClient,
      manyClients,
      clients,
      synchronousCommit: setting.rows[0]?.synchronous_commit ?? "unknown",
    };
  } finally {
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
}

async function transactionsPerSecond(
  databaseUrl: string,
  schema: string,
  clients: number,
  seconds: number,
): Promise<number> {
  const connections = await Promise.all(
    Array.from({ length: clients }, async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      return client;
    }),
  );
  let committed = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  try {
    await Promise.all(
      connections.map(async (client) => {
        while (performance.now() < deadline) {
          const account = 1 + Math.floor(Math.random() * ACCOUNTS);
          await client.query("begin");
          await client.query(`update ${schema}.accounts set balance = balance + 1 where id = $1`, [account]);
          await client.query(`insert into ${schema}.history (account, amount) values ($1, 1)`, [account]);
          await client.query("commit");
          committed++;
        }
      }),
    );
  } finally {
    await Promise.all(connections.map((client) => client.end()));
  }
  return committed / ((performance.now() - started) / 1000);
}

export function formatServerReference(reference: ServerReference): string {
  const rate = (n: number) => Math.round(n).toLocaleString("en-US");
  return (
    `This machine's PostgreSQL server, measured in this run: ${rate(reference.oneClient)} small write ` +
    `transactions/s with 1 client, ${rate(reference.manyClients)}/s with ${reference.clients} (update one row, ` +
    `insert one; synchronous_commit ${reference.synchronousCommit}). Issue 6's orientation for the machine: ` +
    "about 1,300–3,000/s."
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (url === undefined) throw new Error("set DATABASE_URL or TEST_DATABASE_URL");
  console.log(formatServerReference(await measureServerReference(url)));
}
