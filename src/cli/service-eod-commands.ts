// `tenor eod` and `tenor eod-worker` (docs/guides/running-the-service.md): the CLI side of end of day, which
// src/jobs/eod-command.ts runs.
import { type Command, Option } from "commander";
import { addDatabaseOptions, type DatabaseOptions, withDatabase } from "./service-database.ts";
import { asServiceFailure, ServiceError } from "./service-failures.ts";
import { wholeNumber } from "./service-options.ts";

interface EodOptions extends DatabaseOptions {
  readonly tenant?: string | undefined;
  readonly days: number;
  readonly workers: number;
  readonly partitionSize?: number | undefined;
}

interface EodWorkerOptions extends DatabaseOptions {
  readonly workerName?: string | undefined;
  readonly concurrency: number;
}

export function addEodCommands(program: Command): void {
  addDatabaseOptions(
    program
      .command("eod")
      .description("close the tenant's business day: accrual, late fees, days past due, write-offs, signals"),
  )
    .addOption(new Option("--tenant <id>", "the tenant (needed when the database holds several)"))
    .addOption(
      new Option("--days <count>", "business days to close, one after another")
        .default(1)
        .argParser(wholeNumber("--days")),
    )
    .addOption(
      new Option("--workers <count>", "server only: worker processes on this machine, this one included")
        .default(1)
        .argParser(wholeNumber("--workers")),
    )
    .addOption(
      new Option("--partition-size <loans>", "loans per partition (default 2500)").argParser(
        wholeNumber("--partition-size"),
      ),
    )
    .action(async (options: EodOptions) => {
      const { eodCommand } = await import("../jobs/eod-command.ts");
      await withDatabase(options, async (database) => {
        await asServiceFailure(() =>
          eodCommand({
            store: database.store,
            tenantId: options.tenant,
            days: options.days,
            workers: options.workers,
            partitionSize: options.partitionSize,
          }),
        );
      });
    });

  addDatabaseOptions(
    program
      .command("eod-worker")
      .description("take end-of-day partitions from the queue until stopped (PostgreSQL server only)"),
  )
    .addOption(
      new Option("--worker-name <name>", "recorded with the partitions it closes (default host:pid)"),
    )
    .addOption(
      new Option("--concurrency <count>", "partitions processed at once in this process")
        .default(1)
        .argParser(wholeNumber("--concurrency")),
    )
    .action(async (options: EodWorkerOptions) => {
      const databaseUrl = options.databaseUrl;
      if (databaseUrl === undefined || databaseUrl === "")
        throw new ServiceError(
          "an end-of-day worker needs a PostgreSQL server: give --database-url or DATABASE_URL",
        );
      const { eodWorkerCommand } = await import("../jobs/eod-command.ts");
      // The worker stops itself on SIGINT or SIGTERM, after the partitions in hand.
      await asServiceFailure(() =>
        eodWorkerCommand({
          databaseUrl,
          schema: options.schema,
          workerName: options.workerName,
          concurrency: options.concurrency,
        }),
      );
    });
}
