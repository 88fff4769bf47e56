// `tenor reseal` as an operator runs it: on a seeded embedded database, the key file beside the data directory
// (created by the first command, readable by its owner only) seals everything, so a reseal finds nothing to do;
// after a new key version is added it seals every borrower again, and a second run finds nothing; malformed
// keys are refused before any database is opened (docs/guides/personal-data.md).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli-process.ts";

describe("tenor reseal", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tenor-reseal-"));
  const dataDir = path.join(dir, "data");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("finds nothing to do on a database sealed with its key file, and reseals after a key is added", async () => {
    const seed = runCli(["seed", "--data-dir", dataDir, "--loans", "6", "--business-date", "2025-06-01"]);
    expect((await seed.exited).code).toBe(0);
    const keyFile = `${dataDir}.keys`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const original = readFileSync(keyFile, "utf8").trim();
    expect(original).toMatch(/^1:[A-Za-z0-9+/]{43}=$/);

    const first = runCli(["reseal", "--data-dir", dataDir]);
    expect((await first.exited).code).toBe(0);
    expect(first.stdout()).toContain(`keys: key file ${keyFile}; sealing with version 1`);
    expect(first.stdout()).toContain("sealed again: 0 borrower(s), 0 stored answer(s)");

    // Six loans: the seed makes one borrower for every three (demo-seed-borrowers.ts).
    const rotated = { TENOR_DATA_KEYS: `2:${Buffer.alloc(32, 7).toString("base64")},${original}` };
    const second = runCli(["reseal", "--data-dir", dataDir], rotated);
    expect((await second.exited).code).toBe(0);
    expect(second.stdout()).toContain("keys: TENOR_DATA_KEYS; sealing with version 2");
    expect(second.stdout()).toContain("sealed again: 2 borrower(s), 0 stored answer(s)");
    const again = runCli(["reseal", "--data-dir", dataDir], rotated);
    expect((await again.exited).code).toBe(0);
    expect(again.stdout()).toContain("sealed again: 0 borrower(s), 0 stored answer(s)");

    // The key file alone (version 1) no longer opens the borrowers: the command says which version is missing.
    const withoutNew = runCli(["reseal", "--data-dir", dataDir]);
    expect((await withoutNew.exited).code).toBe(1);
    expect(withoutNew.stderr()).toMatch(
      new RegExp(
        `^tenor: borrowers/demo/[\\w-]+/(name|profile): sealed with key version 2, which key file ${keyFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} does not hold \\(it holds 1\\); add that key to open it\n$`,
      ),
    );
  });

  it("refuses malformed keys with exit status 2, naming the variable, before opening any database", async () => {
    const elsewhere = path.join(dir, "never");
    const cli = runCli(["migrate", "--data-dir", elsewhere], { TENOR_DATA_KEYS: "1:dG9vIHNob3J0" });
    expect((await cli.exited).code).toBe(2);
    expect(cli.stderr()).toBe(
      "tenor: TENOR_DATA_KEYS: key version 1 must be 32 bytes in base64 (44 characters; got 12 characters)\n",
    );
    expect(existsSync(elsewhere)).toBe(false);
    expect(existsSync(`${elsewhere}.keys`)).toBe(false);
  });
});
