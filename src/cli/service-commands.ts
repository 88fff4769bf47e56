// The service's commands (docs/guides/running-the-service.md): `tenor migrate`, `tenor reseal`, `tenor seed`,
// `tenor serve`, `tenor start` (what `npm start` runs), and `tenor eod` / `tenor eod-worker`
// (service-eod-commands.ts). Each opens the database the options name (the embedded one by default), which runs
// the migrations; the long-running ones stop on SIGINT or SIGTERM by closing the HTTP server and then the
// store, which releases the data directory's lock.
import { type Command, Option } from "commander";
import { resealPersonalData } from "../app/reseal.ts";
import { isClusterWorker, leaveCluster, serveInProcesses } from "./service-cluster.ts";
import { credentialsFileFor } from "./service-credentials.ts";
import {
  addDatabaseOptions,
  appliedMigrations,
  type DatabaseOptions,
  describeDatabase,
  withDatabase,
} from "./service-database.ts";
import { DEMO_TENANT, ensureDemo, seedTenant, stoppedWhileSeeding } from "./service-demo.ts";
import { addEodCommands } from "./service-eod-commands.ts";
import {
  addSeedOptions,
  addServeOptions,
  type SeedOptions,
  type ServeOptions,
  wholeNumber,
} from "./service-options.ts";
import { printBanner, printCredentials, printDataKeys } from "./service-output.ts";
import { serve } from "./service-serve.ts";
import { untilStopped } from "./service-signals.ts";

export { serviceFailure } from "./service-failures.ts";

export function addServiceCommands(program: Command): void {
  addDatabaseOptions(
    program
      .command("migrate")
      .description("create or update the database's tables (the numbered migrations)"),
  ).action(async (options: DatabaseOptions) => {
    // Kysely records when each migration ran: those recorded after this moment ran now.
    const startedAt = Date.now();
    await withDatabase(options, async (database) => {
      const applied = await appliedMigrations(database.store);
      process.stdout.write(`database: ${describeDatabase(database)}\n`);
      for (const { name, at } of applied) {
        const when = at >= startedAt ? "applied now" : `already applied (${new Date(at).toISOString()})`;
        process.stdout.write(`  ${name}  ${when}\n`);
      }
      const ran = applied.filter((migration) => migration.at >= startedAt).length;
      process.stdout.write(ran === 0 ? "the schema was up to date\n" : `${ran} migration(s) applied\n`);
    });
  });

  addDatabaseOptions(
    program
      .command("reseal")
      .description(
        "seal borrowers' personal data with the current key (after adding a key version, or on a database from before sealing)",
      ),
  ).action(async (options: DatabaseOptions) => {
    await withDatabase(options, async (database) => {
      const outcome = await resealPersonalData(database.store);
      process.stdout.write(`database: ${describeDatabase(database)}\n`);
      process.stdout.write(
        `keys: ${database.store.dataKeys.source}; sealing with version ${outcome.version}\n` +
          `sealed again: ${outcome.borrowers} borrower(s), ${outcome.answers} stored answer(s); ` +
          "everything else was already on that version\n",
      );
    });
  });

  addSeedOptions(
    addDatabaseOptions(
      program
        .command("seed")
        .description("create a demo tenant: products, borrowers and loans with histories"),
    ),
    DEMO_TENANT,
  ).action(async (options: SeedOptions & DatabaseOptions) => {
    await untilStopped(async (stopped) => {
      await withDatabase(options, async (database) => {
        try {
          const { result, credentials } = await seedTenant(database, options, stopped.signal);
          const file = credentialsFileFor(database.dataDir);
          printCredentials(credentials, file, result.tenantId, result.businessDate);
        } catch (error) {
          if (!stopped.signal.aborted) throw error;
          process.stdout.write(stoppedWhileSeeding(options.tenant));
        }
      });
    });
  });

  addServeOptions(
    addDatabaseOptions(program.command("serve").description("serve the HTTP API until stopped (Ctrl+C)")),
  )
    .addOption(
      new Option("--processes <count>", "API processes sharing the port (a PostgreSQL server only)")
        .default(1)
        .argParser(wholeNumber("--processes", 64)),
    )
    .action(async (options: ServeOptions & DatabaseOptions) => {
      if ((options.processes ?? 1) > 1 && !isClusterWorker()) {
        await serveInProcesses(options.processes ?? 1, options.databaseUrl, (url) => {
          process.stdout.write(`Tenor is serving ${options.processes} API processes\n`);
          printBanner(url);
        });
        return;
      }
      await untilStopped(async (stopped) => {
        await withDatabase(options, async (database) => {
          await serve(database, options, stopped, (url) => {
            if (isClusterWorker()) return;
            process.stdout.write(`Tenor is serving ${describeDatabase(database)}\n`);
            printBanner(url);
            printDataKeys(database.store);
          });
        });
      });
      leaveCluster();
    });

  addServeOptions(
    addDatabaseOptions(
      program
        .command("start")
        .description(
          "migrate, seed the demo tenant the first time, and serve the API (what `npm start` runs)",
        ),
    ),
  ).action(async (options: ServeOptions & DatabaseOptions) => {
    await untilStopped(async (stopped) => {
      await withDatabase(options, async (database) => {
        const credentials = await ensureDemo(database, stopped.signal);
        if (credentials === "stopped") return;
        const { business_date: businessDate } = await database.store.read((db) =>
          db
            .selectFrom("tenants")
            .select("business_date")
            .where("tenant_id", "=", DEMO_TENANT)
            .executeTakeFirstOrThrow(),
        );
        await serve(database, options, stopped, (url) => {
          process.stdout.write(`Tenor is serving ${describeDatabase(database)}\n`);
          printBanner(url);
          printDataKeys(database.store);
          printCredentials(credentials, credentialsFileFor(database.dataDir), DEMO_TENANT, businessDate);
          process.stdout.write("Press Ctrl+C to stop.\n");
        });
      });
    });
  });

  addEodCommands(program);
}
