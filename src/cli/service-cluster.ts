// `tenor serve --processes N`: N API processes sharing one port (node:cluster), for a PostgreSQL server. The API
// keeps no state between requests — loans are serialized by the database's row locks, idempotency keys by its
// advisory locks — so the processes need nothing from each other, and more of them (here or on other machines
// behind a load balancer) serve more requests. The embedded database belongs to one process, so it runs one.
import cluster from "node:cluster";
import type { AddressInfo } from "node:net";
import { ServiceError } from "./service-failures.ts";

/** True in a process cluster.fork() started: it serves like a single `tenor serve`, but prints nothing. */
export const isClusterWorker = (): boolean => cluster.isWorker;

/** A worker that has closed its server and store ends its IPC channel, which would otherwise keep it alive. */
export function leaveCluster(): void {
  cluster.worker?.disconnect();
}

/**
 * Starts `processes` copies of this command and resolves when they have all exited. The first one to listen
 * gives the URL for `ready`; SIGINT and SIGTERM are passed on, so each closes its server and store.
 */
export async function serveInProcesses(
  processes: number,
  databaseUrl: string | undefined,
  ready: (url: string) => void,
): Promise<void> {
  if (databaseUrl === undefined || databaseUrl === "")
    throw new ServiceError("--processes above 1 needs a PostgreSQL server (--database-url or DATABASE_URL)");
  const workers = Array.from({ length: processes }, () => cluster.fork());
  let announced = false;
  cluster.on("listening", (_worker, address: AddressInfo | { address: string; port: number }) => {
    if (announced) return;
    announced = true;
    const host = address.address === "0.0.0.0" || address.address === null ? "127.0.0.1" : address.address;
    ready(`http://${host}:${address.port}`);
  });
  const stop = (signal: NodeJS.Signals) => {
    for (const worker of workers) if (!worker.isDead()) worker.process.kill(signal);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  let failed = false;
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker.once("exit", (code) => {
            if (code !== 0) failed = true;
            resolve();
          });
        }),
    ),
  );
  process.off("SIGINT", stop);
  process.off("SIGTERM", stop);
  if (failed) throw new ServiceError("an API process stopped with an error (see above)");
}
