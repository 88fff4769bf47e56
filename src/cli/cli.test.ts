// Runs the real `tenor` command as a child process, with the Node binary running the tests.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMoneyMinor } from "../core/money.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EXAMPLE = "examples/annuity-monthly.json";

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function tenor(args: readonly string[], stdin = ""): Run {
  const result = spawnSync(process.execPath, ["src/cli/main.ts", ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function minor(amount: string): bigint {
  const value = parseMoneyMinor(amount, 2);
  if (value === undefined) throw new Error(`not an amount with 2 decimals: ${amount}`);
  return value;
}

describe("tenor schedule", () => {
  it("prints the schedule of a file as JSON with a 2-space indent", () => {
    const run = tenor(["schedule", EXAMPLE]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const schedule = JSON.parse(run.stdout);
    expect(run.stdout).toBe(`${JSON.stringify(schedule, null, 2)}\n`);
    expect(schedule.currency).toBe("EUR");
    expect(schedule.installments).toHaveLength(12);
    expect(schedule.installments[0]).toMatchObject({
      number: 1,
      startDate: "2024-01-01",
      dueDate: "2024-02-01",
      fees: [{ name: "admin", amount: "5.00" }],
    });
    expect(schedule.totals).toMatchObject({ principal: "10000.00", fees: "60.00", installments: 12 });
    for (const row of schedule.installments) {
      expect(minor(row.total)).toBe(minor(row.principal) + minor(row.interest) + minor(row.feesTotal));
    }
    expect(schedule.installments.at(-1).balance).toBe("0.00");
  });

  it("prints a table", () => {
    const run = tenor(["schedule", EXAMPLE, "--format", "table"]);
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("Schedule in EUR: 12 installments, maturity 2025-01-01");
    expect(lines[2]).toMatch(/^No +Due date +Days +Principal +Interest +Fees +Total +Balance$/);
    expect(lines[4]).toMatch(/^ 1 {2}2024-02-01 +31 +\d+\.\d\d +100\.00 +5\.00 +\d+\.\d\d +\d+\.\d\d$/);
    expect(run.stdout).toMatch(/\n {4}Total +366 +10000\.00 /);
  });

  it("prints CSV", () => {
    const run = tenor(["schedule", EXAMPLE, "-f", "csv"]);
    expect(run.status).toBe(0);
    const rows = run.stdout.split("\r\n");
    expect(rows[0]).toBe(
      "number,startDate,dueDate,days,principal,interest,fee:admin,feesTotal,total,balance",
    );
    expect(rows).toHaveLength(14); // header, 12 installments, and the empty string after the last CRLF
    expect(rows[1]).toMatch(/^1,2024-01-01,2024-02-01,31,[\d.]+,100\.00,5\.00,5\.00,[\d.]+,[\d.]+$/);
  });

  it.each([[["schedule", "-"]], [["schedule"]]])("reads standard input with %j", (args) => {
    const fromStdin = tenor(args, readFileSync(path.join(ROOT, EXAMPLE), "utf8"));
    expect(fromStdin.stderr).toBe("");
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout).toBe(tenor(["schedule", EXAMPLE]).stdout);
  });

  it.each(readdirSync(path.join(ROOT, "examples")).filter((name) => name.endsWith(".json")))(
    "computes examples/%s",
    (name) => {
      const run = tenor(["schedule", `examples/${name}`]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).installments.length).toBeGreaterThan(0);
    },
  );
});

describe("tenor schedule: errors", () => {
  it("rejects bad terms with exit status 2, the issues on stderr and nothing on stdout", () => {
    const terms = {
      ...JSON.parse(readFileSync(path.join(ROOT, EXAMPLE), "utf8")),
      principal: "-5",
      currency: "EUX",
    };
    const run = tenor(["schedule", "-"], JSON.stringify(terms));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const error = JSON.parse(run.stderr).error;
    expect(error.code).toBe("INVALID_TERMS");
    expect(error.issues).toEqual([
      { field: "currency", value: "EUX", message: 'must be an ISO 4217 currency code such as "EUR"' },
      { field: "principal", value: "-5", message: "must be greater than 0" },
    ]);
  });

  it("rejects invalid JSON with the parse error", () => {
    const run = tenor(["schedule"], '{"principal": "10000.00",');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^tenor: standard input is not valid JSON: .+\n$/);
  });

  it("names the file that is not valid JSON", () => {
    const run = tenor(["schedule", "src/cli/main.ts", "--format", "csv"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^tenor: src\/cli\/main\.ts is not valid JSON: .+\n$/);
    expect(run.stdout).toBe("");
  });

  it("reports a missing file", () => {
    const run = tenor(["schedule", "examples/missing.json"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^tenor: cannot read examples\/missing\.json: .*no such file/);
    expect(run.stdout).toBe("");
  });

  it("rejects an unknown format with commander's message", () => {
    const run = tenor(["schedule", EXAMPLE, "--format", "xml"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/'xml' is invalid\. Allowed choices are json, table, csv/);
    expect(run.stdout).toBe("");
  });

  it("rejects an unknown option and an unknown command", () => {
    const option = tenor(["schedule", EXAMPLE, "--fromat", "csv"]);
    expect(option.status).toBe(2);
    expect(option.stderr).toMatch(/unknown option '--fromat'/);
    const command = tenor(["schedul", EXAMPLE]);
    expect(command.status).toBe(2);
    expect(command.stderr).toMatch(/unknown command 'schedul'/);
  });

  it("prints help with exit status 0", () => {
    const run = tenor(["schedule", "--help"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: tenor schedule \[options\] \[file\]/);
  });
});

describe("tenor rate", () => {
  it("prints the Reg Z APR of examples/rates/reg-z.json (hand calculation: 31.86 %)", () => {
    // 2600·(v + v²) = 5000 → i = 2.65508 % a month → APR 31.86 %.
    const run = tenor(["rate", "examples/rates/reg-z.json"]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ method: "us-regz", rate: "31.86" });
  });

  it("reads standard input and rejects flows of one sign with exit status 2", () => {
    const run = tenor(
      ["rate"],
      JSON.stringify({
        method: "xirr",
        flows: [
          { date: "2026-01-01", amount: "5" },
          { date: "2026-02-01", amount: "5" },
        ],
      }),
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(JSON.parse(run.stderr).error.code).toBe("NO_SIGN_CHANGE");
  });
});

describe("tenor limits", () => {
  it("prints a product's lowest and highest rate, and refuses it above a cap", () => {
    const run = tenor(["limits", "examples/products/installment-loan.json"]);
    expect(run.status).toBe(0);
    const limits = JSON.parse(run.stdout);
    expect(limits.highest.at).toMatchObject({ principal: "500.00", installments: 3, interestRate: "30" });
    const product = JSON.parse(
      readFileSync(path.join(ROOT, "examples/products/installment-loan.json"), "utf8"),
    );
    const capped = tenor(["limits", "-"], JSON.stringify({ ...product, rateCap: "36" }));
    expect(capped.status).toBe(2);
    expect(JSON.parse(capped.stderr).error.issues[0].message).toContain("above the cap of 36 %");
  });
});
