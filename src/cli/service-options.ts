// Options shared by the service commands (the database options are in service-database.ts).
import { type Command, InvalidArgumentError, Option } from "commander";

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  /** API processes sharing the port (a PostgreSQL server only). */
  readonly processes?: number | undefined;
}

export interface SeedOptions {
  readonly tenant: string;
  readonly loans: number;
  readonly seed: number;
  readonly businessDate?: string | undefined;
}

export function addServeOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--port <port>", "the port to listen on (0: any free port)")
        .env("PORT")
        .default(3000)
        .argParser(wholeNumber("--port", 65_535)),
    )
    .addOption(
      new Option("--host <host>", "the address to listen on (0.0.0.0: every interface)").default("127.0.0.1"),
    );
}

export function addSeedOptions(command: Command, defaultTenant: string): Command {
  return command
    .addOption(new Option("--tenant <id>", "the tenant to create").default(defaultTenant))
    .addOption(new Option("--loans <count>", "how many loans").default(300).argParser(wholeNumber("--loans")))
    .addOption(
      new Option("--seed <number>", "the random generator's seed (same seed, same portfolio)")
        .default(1)
        .argParser(wholeNumber("--seed")),
    )
    .addOption(new Option("--business-date <date>", "the tenant's business date (default: today)"));
}

/** A parser refusing anything but a whole number from `least` to `most` (commander reports it, exit status 2). */
export function wholeNumber(option: string, most = 0xffffffff, least = 0): (value: string) => number {
  return (value) => {
    const number = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!(number >= least && number <= most))
      throw new InvalidArgumentError(`${option} must be a whole number from ${least} to ${most}.`);
    return number;
  };
}
