// `tenor start` (what `npm start` runs) as a real process on an embedded database in a fresh directory: it
// migrates, seeds the demo tenant, serves the API and prints where to go and the demo keys; the keys work with
// their roles; a second process on the same data directory is refused by the lock; SIGTERM stops it cleanly
// (exit 0, lock released); a restart serves the same data and prints the saved keys again.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliProcess, runCli, startOutput } from "./cli-process.ts";

interface LoanItem {
  loanId: string;
  borrowerId: string;
  status: string;
  delinquency: string;
  daysPastDue: number;
}

describe("tenor start on the embedded database", () => {
  let dir: string;
  let dataDir: string;
  let first: CliProcess;
  let printed: ReturnType<typeof startOutput>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "tenor-start-"));
    dataDir = path.join(dir, "data");
    first = runCli(["start", "--port", "0", "--data-dir", dataDir]);
    await first.waitFor(/Press Ctrl\+C to stop/);
    printed = startOutput(first.stdout());
  });

  afterAll(() => {
    if (first !== undefined && first.child.exitCode === null) first.child.kill("SIGKILL");
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  const get = (url: string, key?: string) =>
    fetch(url, key === undefined ? {} : { headers: { Authorization: `Bearer ${key}` } });

  async function allLoans(key: string): Promise<LoanItem[]> {
    const items: LoanItem[] = [];
    let after: string | null = null;
    do {
      const query: string = after === null ? "limit=200" : `limit=200&after=${after}`;
      const response = await get(`${printed.url}/v1/loans?${query}`, key);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: LoanItem[]; next: string | null };
      items.push(...page.items);
      after = page.next;
    } while (after !== null);
    return items;
  }

  it("prints the API's URL, its reference, the demo keys, and answers /health", async () => {
    expect(printed.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.stdout()).toContain(`${printed.url}/v1`);
    expect(first.stdout()).toMatch(/Seeded tenant "demo" \(business date \d{4}-\d{2}-\d{2}\)/);
    // The key that seals the borrowers' personal data: a file beside the data directory, created owner-only.
    expect(first.stdout()).toContain(
      `Personal data is sealed with key version 1 from key file ${path.resolve(dataDir)}.keys\n`,
    );
    expect(statSync(`${dataDir}.keys`).mode & 0o777).toBe(0o600);
    const health = await get(`${printed.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: "embedded" });
  });

  it("lets the officer key list the demo's few hundred loans, some of them past due", async () => {
    const loans = await allLoans(printed.officer);
    expect(loans).toHaveLength(300); // `tenor start` seeds the documented 300 loans
    const pastDue = loans.filter((loan) => loan.status === "active" && loan.delinquency !== "current");
    expect(pastDue.length).toBeGreaterThan(0);
    expect(pastDue.every((loan) => loan.daysPastDue > 0)).toBe(true);
    expect(new Set(loans.map((loan) => loan.borrowerId)).size).toBeGreaterThan(1);
  });

  it("lets the borrower key see only that borrower's loans, a late one among them", async () => {
    const loans = await allLoans(printed.borrower);
    expect(loans.length).toBeGreaterThan(0);
    expect(loans.every((loan) => loan.borrowerId === printed.borrowerId)).toBe(true);
    expect(loans.some((loan) => loan.delinquency !== "current")).toBe(true);
    const officerView = (await allLoans(printed.officer)).filter(
      (loan) => loan.borrowerId === printed.borrowerId,
    );
    expect(loans.map((loan) => loan.loanId).sort()).toEqual(officerView.map((loan) => loan.loanId).sort());
    // The admin key reads the tenant.
    const tenant = await get(`${printed.url}/v1/tenant`, printed.admin);
    expect(await tenant.json()).toMatchObject({ tenantId: "demo", you: { role: "admin" } });
  });

  it("serves the API reference page as HTML", async () => {
    const page = await get(`${printed.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await page.text()).toMatch(/<html/i);
  });

  it("keeps the demo keys in a file only the user can read", () => {
    const file = path.join(dir, "demo-credentials.json");
    expect(first.stdout()).toContain(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = readFileSync(file, "utf8");
    for (const key of [printed.admin, printed.officer, printed.borrower]) expect(saved).toContain(key);
  });

  it("refuses a second process on the same data directory with the lock's message, exit status 1", async () => {
    const second = runCli(["start", "--port", "0", "--data-dir", dataDir]);
    const { code } = await second.exited;
    expect(code).toBe(1);
    expect(second.stderr()).toMatch(/^tenor: the database directory .* is in use by process \d+/);
    expect(second.stderr()).not.toMatch(/\n\s+at /); // no stack trace
    expect(second.stdout()).not.toContain("http://");
    // The first one is unaffected.
    expect((await get(`${printed.url}/health`)).status).toBe(200);
  });

  it("stops on SIGTERM: exit status 0 and the lock released", async () => {
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    first.child.kill("SIGTERM");
    const { code, signal } = await first.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("restarts on the same data without seeding again and prints the saved keys", async () => {
    const again = runCli(["start", "--port", "0", "--data-dir", dataDir]);
    try {
      await again.waitFor(/Press Ctrl\+C to stop/);
      const reprinted = startOutput(again.stdout());
      expect(again.stdout()).not.toContain("Seeded tenant");
      expect([reprinted.admin, reprinted.officer, reprinted.borrower]).toEqual([
        printed.admin,
        printed.officer,
        printed.borrower,
      ]);
      const loans = await fetch(`${reprinted.url}/v1/loans?limit=1`, {
        headers: { Authorization: `Bearer ${reprinted.officer}` },
      });
      expect(loans.status).toBe(200);
    } finally {
      again.child.kill("SIGINT");
    }
    expect((await again.exited).code).toBe(0);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
