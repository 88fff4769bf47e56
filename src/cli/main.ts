// The `tenor` command line (docs/guides/cli.md). Exit status: 0 on success; 2 when the input is at fault
// (bad terms, invalid JSON, an unreadable file, an unknown command or option); 1 for an internal error or a
// service command that could not run (a locked data directory, an unreachable database, a port in use).
// Nothing is printed on standard output unless the whole schedule could be computed.
import { readFile } from "node:fs/promises";
import { Command, CommanderError, Option } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import {
  healthFromDocument,
  monitorFromDocument,
  planFromDocument,
  prepaymentFromDocument,
  productRateLimits,
  rateFromDocument,
  refinanceFromDocument,
  restructureFromDocument,
  scheduleFromDocument,
  scoreFromDocument,
  simulateFromDocument,
  TenorError,
} from "../index.ts";
import { formatCsv } from "./format-csv.ts";
import { formatPlanTable } from "./format-plan-table.ts";
import { formatSimulationTable } from "./format-simulation-table.ts";
import { formatTable } from "./format-table.ts";
import { addServiceCommands, serviceFailure } from "./service-commands.ts";

const EXIT_OK = 0;
const EXIT_INTERNAL_ERROR = 1;
const EXIT_BAD_INPUT = 2;

const FORMATS = ["json", "table", "csv"] as const;
type Format = (typeof FORMATS)[number];
const SIMULATION_FORMATS = ["json", "table"] as const;
type SimulationFormat = (typeof SIMULATION_FORMATS)[number];
const PLAN_FORMATS = ["json", "table"] as const;
type PlanFormat = (typeof PLAN_FORMATS)[number];

/** A problem with the input that is not about the terms themselves (file, JSON syntax): a plain message. */
class InputError extends Error {
  override name = "InputError";
}

function buildProgram(): Command {
  const program = new Command("tenor")
    .description(
      "Exact, explainable loan schedules, effective rates and servicing; personalized repayment plans and risk.",
    )
    .version(packageJson.version)
    // Throw instead of exiting, so that every failure goes through one place that picks the exit status.
    .exitOverride();
  program
    .command("schedule")
    .description("compute the repayment schedule of a terms document (docs/reference/terms.md)")
    .argument("[file]", 'terms JSON file; "-" or none reads standard input')
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("json"))
    .action(async (file: string | undefined, options: { format: Format }) => {
      const document = parseJson(...(await readTerms(file)));
      process.stdout.write(render(scheduleFromDocument(document), options.format));
    });
  program
    .command("simulate")
    .description(
      "service a loan: its terms, servicing rules and events replayed to a date (docs/reference/servicing-events.md)",
    )
    .argument("[file]", 'simulate JSON file; "-" or none reads standard input')
    .addOption(
      new Option("-f, --format <format>", "output format").choices(SIMULATION_FORMATS).default("json"),
    )
    .action(async (file: string | undefined, options: { format: SimulationFormat }) => {
      const simulation = simulateFromDocument(parseJson(...(await readTerms(file))));
      process.stdout.write(
        options.format === "table"
          ? formatSimulationTable(simulation)
          : `${JSON.stringify(simulation, null, 2)}\n`,
      );
    });
  program
    .command("rate")
    .description("compute an effective rate (APR, APRC, annualized rate, XIRR, IRR) of cash flows")
    .argument("[file]", 'rate request JSON file; "-" or none reads standard input')
    .action(async (file: string | undefined) => {
      const document = parseJson(...(await readTerms(file)));
      process.stdout.write(`${JSON.stringify(rateFromDocument(document), null, 2)}\n`);
    });
  program
    .command("limits")
    .description(
      "the lowest and highest effective rate a product's ranges can produce (docs/reference/products.md)",
    )
    .argument("[file]", 'product JSON file; "-" or none reads standard input')
    .action(async (file: string | undefined) => {
      const document = parseJson(...(await readTerms(file)));
      process.stdout.write(`${JSON.stringify(productRateLimits(document), null, 2)}\n`);
    });
  program
    .command("plan")
    .description(
      "personalized repayment plans: capacity, candidate plans ranked, the recommendation with reasons and trade-offs (docs/reference/plan-request.md)",
    )
    .argument("[file]", 'plan JSON file; "-" or none reads standard input')
    .addOption(new Option("-f, --format <format>", "output format").choices(PLAN_FORMATS).default("json"))
    .action(async (file: string | undefined, options: { format: PlanFormat }) => {
      const answer = planFromDocument(parseJson(...(await readTerms(file))));
      process.stdout.write(
        options.format === "table" ? formatPlanTable(answer) : `${JSON.stringify(answer, null, 2)}\n`,
      );
    });
  for (const command of DOCUMENT_COMMANDS) {
    program
      .command(command.name)
      .description(command.description)
      .argument("[file]", `${command.input} JSON file; "-" or none reads standard input`)
      .action(async (file: string | undefined) => {
        const result = command.run(parseJson(...(await readTerms(file))));
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      });
  }
  addServiceCommands(program);
  return program;
}

/** Commands that read one JSON document and print one JSON result (issue 5: planning and risk). */
const DOCUMENT_COMMANDS: readonly {
  name: string;
  description: string;
  input: string;
  run: (document: unknown) => unknown;
}[] = [
  {
    name: "monitor",
    description:
      "days past due, buckets, roll rates, early-warning signals and overdue-handling steps of a portfolio (docs/reference/risk-monitoring.md)",
    input: "monitor",
    run: monitorFromDocument,
  },
  {
    name: "score",
    description:
      "an indicative credit risk score: points, probability of default, band and reason codes (docs/reference/credit-scorecard.md)",
    input: "score",
    run: scoreFromDocument,
  },
  {
    name: "health",
    description:
      "the loan health score, 0–100: classic four-factor or improved model, with components and actions (docs/reference/health-score.md)",
    input: "health",
    run: healthFromDocument,
  },
  {
    name: "simulate-prepayment",
    description:
      "an extra payment on a date: reduce the term or the installment, interest saved and new end date (docs/guides/after-the-loan-starts.md)",
    input: "prepayment",
    run: prepaymentFromDocument,
  },
  {
    name: "refinance",
    description:
      "refinancing at a market rate: net saving and break-even after switching costs (docs/guides/after-the-loan-starts.md)",
    input: "refinance",
    run: refinanceFromDocument,
  },
  {
    name: "restructure",
    description:
      "hardship restructuring options (longer term, interest-only, payment holiday, step-down) with their cost and events (docs/guides/after-the-loan-starts.md)",
    input: "restructure",
    run: restructureFromDocument,
  },
];

function render(schedule: ReturnType<typeof scheduleFromDocument>, format: Format): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(schedule, null, 2)}\n`;
    case "table":
      return formatTable(schedule);
    case "csv":
      return formatCsv(schedule);
  }
}

/** The terms text and where it came from (for messages). */
async function readTerms(file: string | undefined): Promise<[text: string, source: string]> {
  if (file === undefined || file === "-") {
    // Without a file and without a pipe, reading would wait silently for typing: say what is expected instead.
    if (file === undefined && process.stdin.isTTY) {
      throw new InputError("no input given: pass a JSON file, or pipe one to standard input");
    }
    return [await readStdin(), "standard input"];
  }
  try {
    return [await readFile(file, "utf8"), file];
  } catch (error) {
    throw new InputError(`cannot read ${file}: ${errorMessage(error)}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

function parseJson(text: string, source: string): unknown {
  try {
    // A byte order mark is legal in a UTF-8 file (some editors write one) but not in JSON.
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new InputError(`${source} is not valid JSON: ${errorMessage(error)}`);
  }
}

/** Runs the CLI on `argv` (as `process.argv`) and returns the exit status. */
async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help or version, whose exit code is 0).
    return error.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  }
  if (error instanceof TenorError) {
    process.stderr.write(`${JSON.stringify(error.toJSON(), null, 2)}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof InputError) {
    process.stderr.write(`tenor: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  // The service commands' expected failures (a locked data directory, an unreachable database, a port in use,
  // a refused operation): one line, no stack trace.
  const failure = serviceFailure(error);
  if (failure !== undefined) {
    process.stderr.write(`tenor: ${failure.message}\n`);
    return failure.exitCode === 2 ? EXIT_BAD_INPUT : EXIT_INTERNAL_ERROR;
  }
  process.stderr.write(
    `tenor: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT_INTERNAL_ERROR;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// A reader that stops early (`tenor schedule … | head`) closes the pipe; that is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});

process.exitCode = await main(process.argv);
