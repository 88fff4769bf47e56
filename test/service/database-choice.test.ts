// Which database a service command opens when the command line and the environment both name one: an explicit
// `--data-dir` argument beats a DATABASE_URL the shell exports (it once silently served the server instead),
// and `--database-url` with `--data-dir` on one command line is refused as a contradiction.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-process.ts";

// Nothing listens on port 1: a command that used this URL would fail to connect, not succeed.
const UNREACHABLE = "postgres://postgres@127.0.0.1:1/nowhere";

describe("choosing the database", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tenor-db-choice-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("uses --data-dir given as an argument although DATABASE_URL is set in the environment", async () => {
    const dataDir = path.join(dir, "data");
    const cli = runCli(["migrate", "--data-dir", dataDir], { DATABASE_URL: UNREACHABLE });
    const { code } = await cli.exited;
    expect(cli.stderr()).toBe("");
    expect(code).toBe(0);
    expect(cli.stdout()).toContain(`database: embedded (PGlite) in ${dataDir}`);
  });

  it("uses DATABASE_URL when no --data-dir is given (the server is asked for, here unreachable)", async () => {
    const cli = runCli(["migrate"], { DATABASE_URL: UNREACHABLE });
    const { code } = await cli.exited;
    expect(code).toBe(1);
    expect(cli.stderr()).toMatch(/cannot reach the PostgreSQL server/);
  });

  it("refuses a pool size out of 1 to 1000 (exit 2), and a pool size for the embedded database (exit 1)", async () => {
    const zero = runCli(["migrate", "--pool-size", "0", "--data-dir", path.join(dir, "pool")]);
    expect((await zero.exited).code).toBe(2);
    expect(zero.stderr()).toMatch(/--pool-size must be a whole number from 1 to 1000/);
    const embedded = runCli(["migrate", "--pool-size", "4", "--data-dir", path.join(dir, "pool")]);
    expect((await embedded.exited).code).toBe(1);
    expect(embedded.stderr()).toMatch(/--pool-size \(TENOR_POOL_SIZE\) applies to a PostgreSQL server only/);
  });

  it("refuses --database-url and --data-dir together", async () => {
    const cli = runCli(["migrate", "--database-url", UNREACHABLE, "--data-dir", path.join(dir, "other")]);
    const { code } = await cli.exited;
    expect(code).toBe(1);
    expect(cli.stderr()).toMatch(/give --database-url or --data-dir, not both/);
  });
});
