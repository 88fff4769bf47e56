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

describe("tenor simulate", () => {
  const PAYOFF = "examples/servicing/payoff.json";

  it.each(readdirSync(path.join(ROOT, "examples/servicing")).filter((name) => name.endsWith(".json")))(
    "simulates examples/servicing/%s",
    (name) => {
      const run = tenor(["simulate", `examples/servicing/${name}`]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      const simulation = JSON.parse(run.stdout);
      expect(run.stdout).toBe(`${JSON.stringify(simulation, null, 2)}\n`);
      expect(simulation.installments.length).toBeGreaterThan(0);
      expect(simulation.ledger.balanced).toBe(true);
    },
  );

  it("pays the loan of examples/servicing/payoff.json off: 8415.14 principal and 14 days of interest", () => {
    const simulation = JSON.parse(tenor(["simulate", PAYOFF]).stdout);
    // Installment 3's interest, accrued 2024-03-01 … 03-15: round(84.15 · 14 / 31) = 38.00.
    expect(simulation).toMatchObject({ status: "closed", payoff: "0.00", asOf: "2024-03-15" });
    expect(simulation.installments[2]).toMatchObject({
      closedDate: "2024-03-15",
      paid: { principal: "8415.14", interest: "38.00", total: "8453.14" },
    });
    expect(simulation.totals.received).toBe("10230.12"); // 888.49 · 2 + 8453.14
  });

  it("prints a table with the installments, balances, days past due and pay-off", () => {
    const run = tenor(["simulate", "examples/servicing/late-payment.json", "--format", "table"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("Loan in EUR on 2024-04-15: active");
    expect(lines[2]).toMatch(
      /^No +Due date +Status +Principal +Interest +Fees +Penalties +Total +Paid +Outstanding$/,
    );
    // The March installment, paid 11 days late: 11 days of 0.52 past-due interest and the 15.00 late fee.
    expect(lines[5]).toMatch(
      /^ 2 {2}2024-03-01 {2}closed 2024-03-12 +796\.37 +92\.12 +0\.00 +20\.72 +909\.21 +909\.21 +0\.00$/,
    );
    expect(run.stdout).toMatch(/\nDays past due: 0 \(current\)\n/);
    expect(run.stdout).toMatch(/\nPay-off on 2024-04-15: \d+\.\d\d\n/);
    expect(run.stdout).toMatch(/\n {2}penalty-income +-20\.72\n/);
  });

  it.each([[["simulate", "-"]], [["simulate"]]])("reads standard input with %j", (args) => {
    const fromStdin = tenor(args, readFileSync(path.join(ROOT, PAYOFF), "utf8"));
    expect(fromStdin.stderr).toBe("");
    expect(fromStdin.status).toBe(0);
    expect(fromStdin.stdout).toBe(tenor(["simulate", PAYOFF]).stdout);
  });
});

describe("tenor simulate: errors", () => {
  const document = JSON.parse(readFileSync(path.join(ROOT, "examples/servicing/payoff.json"), "utf8"));

  it("rejects bad events with exit status 2, every issue on stderr and nothing on stdout", () => {
    const events = [
      { type: "repayment", date: "2023-12-31", amount: "0" },
      { type: "reversal", date: "2024-02-01", of: "e3" },
    ];
    const run = tenor(["simulate", "-"], JSON.stringify({ ...document, events }));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const error = JSON.parse(run.stderr).error;
    expect(error.code).toBe("INVALID_EVENT");
    expect(error.issues).toEqual([
      {
        field: "events[0].date",
        value: "2023-12-31",
        message: "must be on or after the disbursement date, 2024-01-01",
      },
      { field: "events[0].amount", value: "0", message: "must be greater than 0" },
      {
        field: "events[1].of",
        value: "e3",
        message:
          'must be the id of another event of the list, such as "e1": no event has this id (did you mean "e1"?)',
      },
    ]);
  });

  it("rejects bad servicing rules and bad terms under their own codes, fields prefixed", () => {
    const rules = tenor(["simulate"], JSON.stringify({ ...document, servicing: { lateGraceDays: 400 } }));
    expect(rules.status).toBe(2);
    expect(JSON.parse(rules.stderr).error).toMatchObject({
      code: "INVALID_SERVICING_RULES",
      issues: [
        { field: "servicing.lateGraceDays", value: 400, message: "must be a whole number between 0 and 365" },
      ],
    });
    const terms = tenor(
      ["simulate"],
      JSON.stringify({ ...document, terms: { ...document.terms, currency: "EUX" } }),
    );
    expect(terms.status).toBe(2);
    expect(JSON.parse(terms.stderr).error).toMatchObject({
      code: "INVALID_TERMS",
      issues: [{ field: "terms.currency" }],
    });
  });

  it("rejects invalid JSON and the csv format", () => {
    const json = tenor(["simulate"], '{"terms": ');
    expect(json.status).toBe(2);
    expect(json.stderr).toMatch(/^tenor: standard input is not valid JSON: .+\n$/);
    const csv = tenor(["simulate", "examples/servicing/payoff.json", "--format", "csv"]);
    expect(csv.status).toBe(2);
    expect(csv.stderr).toMatch(/'csv' is invalid\. Allowed choices are json, table/);
    expect(csv.stdout).toBe("");
  });
});
