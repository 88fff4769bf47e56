// Runs the real `tenor` CLI (node src/cli/main.ts …) as a child process, as a user would, and watches its
// output. No timers: waiting for a line ends when the line appears or the process exits without it (the test
// runner's timeout covers a hang).
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MAIN = path.join(REPO, "src/cli/main.ts");

export interface CliProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in standard output; rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  /** The exit: its code (null when killed by a signal) and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runCli(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliProcess {
  // The database is chosen by the arguments alone, whatever the developer's shell exports.
  const {
    DATABASE_URL: _url,
    TENOR_DATA_DIR: _dir,
    TENOR_DATABASE_SCHEMA: _schema,
    PORT: _port,
    // And the data keys by the test's own choice, or the key file the database's place implies.
    TENOR_DATA_KEYS: _keys,
    TENOR_DATA_KEYS_FILE: _keysFile,
    ...inherited
  } = process.env;
  const child = spawn(process.execPath, [MAIN, ...args], {
    cwd: REPO,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void; reject: (e: Error) => void }[] =
    [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = out.match(waiter.pattern);
      if (match !== null) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    out += chunk;
    check();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("close", (code, signal) => {
      for (const waiter of waiters.splice(0))
        waiter.reject(
          new Error(
            `tenor ${args.join(" ")} exited (${code ?? signal}) before printing ${waiter.pattern}:\n${out}\n${err}`,
          ),
        );
      resolve({ code, signal });
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const match = out.match(pattern);
        if (match !== null) resolve(match);
        else if (child.exitCode !== null || child.signalCode !== null)
          reject(
            new Error(`tenor ${args.join(" ")} has exited without printing ${pattern}:\n${out}\n${err}`),
          );
        else waiters.push({ pattern, resolve, reject });
      }),
    exited,
  };
}

/** The base URL and the demo keys `tenor start` printed. */
export function startOutput(stdout: string) {
  const field = (pattern: RegExp) => {
    const match = stdout.match(pattern);
    if (match?.[1] === undefined) throw new Error(`no ${pattern} in the output:\n${stdout}`);
    return match[1];
  };
  return {
    url: field(/API reference +(http:\/\/\S+)\/docs/),
    admin: field(/admin +(tenor\.\S+)/),
    officer: field(/officer +(tenor\.\S+)/),
    borrower: field(/borrower +(tenor\.\S+)/),
    borrowerId: field(/\(borrower (\S+),/),
  };
}
