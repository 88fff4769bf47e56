// Serving the HTTP API (src/api/server.ts) over the opened database until the command is stopped. The app gets
// the end-of-day use case, so POST /v1/eod closes a tenant's day from this process.
import type { OpenedDatabase } from "./service-database.ts";
import type { ServeOptions } from "./service-options.ts";
import type { Stopped } from "./service-signals.ts";

/** Serves until `stopped`, then closes the server (requests in progress finish); the caller closes the store. */
export async function serve(
  database: OpenedDatabase,
  options: ServeOptions,
  stopped: Stopped,
  ready: (url: string) => void,
): Promise<void> {
  const [{ TenorApp }, { startServer }, { endOfDayUseCase }] = await Promise.all([
    import("../app/service.ts"),
    import("../api/server.ts"),
    import("../jobs/eod-use-case.ts"),
  ]);
  const app = new TenorApp(database.store, endOfDayUseCase());
  const server = await startServer({ app, port: options.port, host: options.host });
  try {
    ready(server.url);
    const signal = await stopped.promise;
    process.stdout.write(`${signal}: stopping\n`);
  } finally {
    await server.close();
  }
}
