// The issue-5 commands of the real `tenor` CLI, run as child processes: monitor and score (plan, health and the
// simulators are added beside them). Expected figures are worked out by hand from the example files.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

function tenor(args: readonly string[], stdin = "") {
  const result = spawnSync(process.execPath, ["src/cli/main.ts", ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: "utf8",
    timeout: 60_000,
  });
  if (result.error !== undefined) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("tenor monitor", () => {
  it("puts loan L1 of examples/risk/portfolio.json 14 days past due on 2024-05-15", () => {
    // L1: 6,000.00 at 0 % in 6 monthly installments of 1,000.00 due on the 1st from 2024-02-01. Paid 1,000.00 on
    // 2024-02-01, 2024-03-03 and 2024-04-06: installments 1–3 are settled, the one due 2024-05-01 is not.
    // 2024-05-15 − 2024-05-01 = 14 days past due → bucket "1-30". L2 has paid nothing: its oldest unpaid
    // installment fell due on 2024-02-01, 104 days before 2024-05-15 (29 + 31 + 30 + 14) → "90+".
    const run = tenor(["monitor", "examples/risk/portfolio.json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    const byId = new Map(result.loans.map((loan: { id: string }) => [loan.id, loan]));
    expect(byId.get("L1")).toMatchObject({ daysPastDue: 14, bucket: "1-30" });
    expect(byId.get("L2")).toMatchObject({ daysPastDue: 104, bucket: "90+" });
  });

  it("refuses a document without loans, naming the fields, with exit status 2 and nothing on stdout", () => {
    const run = tenor(["monitor", "-"], JSON.stringify({ asOf: "2024-02-30" }));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    const error = JSON.parse(run.stderr).error;
    expect(error.code).toBe("INVALID_MONITORING");
    expect(error.issues.map((issue: { field: string }) => issue.field).sort()).toEqual(["asOf", "loans"]);
  });
});

describe("tenor score", () => {
  it("scores examples/risk/score.json: the points add up and the score follows the published scaling", () => {
    const run = tenor(["score", "examples/risk/score.json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    const sum = result.points.reduce((total: number, p: { points: number }) => total + p.points, 0);
    expect(result.score).toBe(sum);
    // Scaling (600 points at 50:1 good:bad, 20 points to double the odds): score = Offset + Factor · ln(odds),
    // Factor = 20 / ln 2 = 28.8539, Offset = 600 − 28.8539 · ln 50 = 487.123. Whole points per characteristic
    // round, so allow the rounding of each of the characteristics.
    const odds = (1 - result.probabilityOfDefault) / result.probabilityOfDefault;
    const scaled = 487.123 + 28.8539 * Math.log(odds);
    expect(Math.abs(result.score - scaled)).toBeLessThanOrEqual(result.points.length * 0.5);
    expect(["A", "B", "C", "D", "E"]).toContain(result.band);
    const lost = result.reasons.map((reason: { pointsLost: number }) => reason.pointsLost);
    expect(lost).toEqual([...lost].sort((a, b) => b - a));
  });

  it("refuses a protected attribute as an input", () => {
    const run = tenor(["score", "-"], JSON.stringify({ age: 40, termMonths: 12 }));
    expect(run.status).toBe(2);
    const error = JSON.parse(run.stderr).error;
    expect(error.code).toBe("INVALID_SCORE_INPUT");
    expect(error.issues.map((issue: { field: string }) => issue.field)).toContain("age");
  });
});
