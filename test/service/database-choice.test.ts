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

  it("refuses --database-url and --data-dir together", async () => {
    const cli = runCli(["migrate", "--database-url", UNREACHABLE, "--data-dir", path.join(dir, "other")]);
    const { code } = await cli.exited;
    expect(code).toBe(1);
    expect(cli.stderr()).toMatch(/give --database-url or --data-dir, not both/);
  });
});
