// The issue-5 commands of the real `tenor` CLI, run as child processes: monitor, score, health, the simulators and
// plan. Expected figures are worked out by hand (or by the textbook formula, in floating point, rounded to the
// cent) from the example files.
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

/** The level installment of the textbook annuity formula, P = L·i / (1 − (1 + i)^−n), rounded to the cent. */
function annuityInstallment(principal: number, periodicRate: number, count: number): string {
  return (Math.round(((principal * periodicRate) / (1 - (1 + periodicRate) ** -count)) * 100) / 100).toFixed(
    2,
  );
}

function run(args: readonly string[]) {
  const result = tenor(args);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe("tenor simulate-prepayment", () => {
  it("prepays 3,000.00 on a 12,000.00 loan at 12 % over 24 months: 6 months earlier, or a lower installment", () => {
    const result = run(["simulate-prepayment", "examples/planning/prepayment.json"]);
    // 12,000.00 at 1 % a month over 24 months: P = 120 / (1 − 1.01^−24) = 564.88.
    expect(result.due).toBe(annuityInstallment(12000, 0.01, 24));
    // After the 6th installment 9,263.10 is owed (result.maxAmount); 3,000.00 more leaves B = 6,263.10, and
    // keeping P the term left is n = −ln(1 − B·i/P) / ln 1.01 = −ln(1 − 62.631/564.88) / 0.0099503 = 11.81 → 12
    // installments instead of 18: 6 months earlier, the last one due 2025-07-01 instead of 2026-01-01.
    expect(result.maxAmount).toBe("9263.10");
    expect(result.reduceTerm).toMatchObject({
      monthsEarlier: 6,
      endDate: "2025-07-01",
      installmentsLeft: 12,
    });
    // Keeping the 18 installments: P = 6,263.10 · 0.01 / (1 − 1.01^−18) = 381.94.
    expect(result.reduceInstallment.regularInstallment).toBe(annuityInstallment(6263.1, 0.01, 18));
    expect(Number(result.reduceTerm.interestSaved)).toBeGreaterThan(
      Number(result.reduceInstallment.interestSaved),
    );
  });
});

describe("tenor refinance", () => {
  it("reproduces the research's ₹30 lakh example: 8.5 % → 7.8 % over 180 months, 1 % switching cost", () => {
    const result = run(["refinance", "examples/planning/refinance-figures.json"]);
    const current = annuityInstallment(3_000_000, 0.085 / 12, 180);
    const market = annuityInstallment(3_000_000, 0.078 / 12, 180);
    expect(result.currentInstallment).toBe(current);
    expect(result.newInstallment).toBe(market);
    // 29,542.19 − 28,324.26 = 1,217.93 a month; 30,000.00 of costs / 1,217.93 = 24.63 → recovered by the 25th.
    const saving = Number(current) - Number(market);
    expect(Number(result.savingPerInstallment)).toBeCloseTo(saving, 2);
    expect(result.breakEvenInstallments).toBe(Math.ceil(30_000 / saving));
    expect(result.worthIt).toBe(true);
  });
});

describe("tenor restructure", () => {
  it("offers a longer term whose installment follows the annuity formula, and every option repays what is owed", () => {
    const result = run(["restructure", "examples/planning/restructure.json"]);
    const extend = result.options.find((option: { kind: string }) => option.kind === "extend-term");
    // 9,263.10 owed, spread over 27 monthly installments at 1 %: 92.631 / (1 − 1.01^−27) = 393.18 ≤ 400.00.
    expect(extend.newInstallment).toBe(annuityInstallment(9263.1, 0.01, 27));
    expect(extend.fits).toBe(true);
    for (const option of result.options.filter((o: { available: boolean }) => o.available)) {
      const cents = option.installments.reduce(
        (sum: number, row: { principal: string }) => sum + Math.round(Number(row.principal) * 100),
        0,
      );
      // Principal repaid over the new schedule = what was owed + any interest capitalized by a holiday.
      expect(cents).toBeGreaterThanOrEqual(926_310);
    }
  });
});

describe("tenor health", () => {
  it("scores examples/risk/health.json within its cap, with a band that matches the score", () => {
    const result = run(["health", "examples/risk/health.json"]);
    expect(result.score).toBeLessThanOrEqual(result.cap);
    const band =
      result.score >= 75
        ? "Healthy"
        : result.score >= 50
          ? "Watch"
          : result.score >= 25
            ? "Stressed"
            : "Critical";
    expect(result.band).toBe(band);
    const points = result.components.reduce((sum: number, c: { points: number }) => sum + c.points, 0);
    expect(points).toBeCloseTo(result.uncappedScore, 1);
  });
});

describe("tenor plan", () => {
  it("plans examples/planning/plan.json: capacity by hand, a recommendation within it, the goal solved", () => {
    const result = run(["plan", "examples/planning/plan.json"]);
    // March 2025, default policy: income 2,600.00, rent 950.00, car 210.00.
    //   capacity = min(50 % × 2,600 − 210, 2,600 − 950 − 210 − 10 % × 2,600) = min(1,090, 1,180) = 1,090.00 (ratio)
    //   comfort  = min(35 % × 2,600 − 210, 1,180) = 700.00
    //   stressed: income 2,600 × 85 % = 2,210: min(60 % × 2,210 − 210, 2,210 − 950 − 210 − 221) = min(1,116, 829)
    //             = 829.00 (the residual floor binds)
    expect(result.capacity.months[0]).toMatchObject({
      month: "2025-03",
      capacity: "1090.00",
      comfortCapacity: "700.00",
      stressedCapacity: "829.00",
      binding: "ratio",
    });
    const chosen = result.recommended;
    expect(chosen.affordable).toBe(true);
    // The borrower's own preference caps installments at 400.00, under the comfort capacity of 700.00.
    expect(Number(chosen.installment.largest)).toBeLessThanOrEqual(400);
    // Goal "never more than 300.00 a period": 12,000.00 at 8.9 %/12 a month over 48 months is
    // 12,000 · 0.0074167 / (1 − 1.0074167^−48) = 298.05 with regular periods (a few cents either way with the
    // short first period to the first pay-day due date), under 300.00; 42 months would need 333.57.
    expect(result.goal.solved).toBe(true);
    expect(Number(result.goal.plan.installment.largest)).toBeLessThanOrEqual(300);
    expect(result.goal.plan.termMonths).toBe(48);
  });

  it("finds plans for a seasonal earner whose lean months spend more than they earn", () => {
    const result = run(["plan", "examples/planning/plan-seasonal.json"]);
    // January's income is 0.3 × 2,000.00 = 600.00 (seasonality rescaled to average 1: the twelve weights sum to
    // 12) against 700.00 of household spending: no month-by-month test could pass, the harvest months carry it.
    const january = result.capacity.months.find((m: { month: string }) => m.month === "2026-01");
    expect(january.income).toBe("600.00");
    expect(Number(january.capacity)).toBeLessThan(0);
    expect(result.recommended).not.toBeNull();
    expect(result.recommended.reasons[0]).toContain("seasonal");
  });
});

describe("tenor plan --format table", () => {
  it("prints the plan answer as text for people, and refuses an unknown format with exit status 2", () => {
    const table = tenor(["plan", "examples/planning/plan.json", "--format", "table"]);
    expect(table.stderr).toBe("");
    expect(table.status).toBe(0);
    const lines = table.stdout.split("\n");
    // examples/planning/plan.json asks for 12,000.00 EUR under the "default" policy (version 2026.1).
    expect(lines[0]).toBe(
      'Plan for 12000.00 EUR under policy "default" (Tenor generic affordability policy, version 2026.1)',
    );
    expect(lines).toContain(
      "Recommended plan: Aligned to pay dates (monthly), 36 months, installments rising 1.5 % a year",
    );
    // The JSON answer is still the default.
    expect(run(["plan", "examples/planning/plan.json"]).request.amount).toBe("12000.00");

    const csv = tenor(["plan", "examples/planning/plan.json", "--format", "csv"]);
    expect(csv.status).toBe(2);
    expect(csv.stdout).toBe("");
    expect(csv.stderr).toContain("csv");
  });
});

describe("tenor plan: impossible profiles", () => {
  it("names every impossible value at once — negative income, 31 February, an expense in another currency, a misspelt policy", () => {
    const document = {
      borrower: {
        currency: "EUR",
        incomes: [{ name: "salary", amount: "-100", payDate: "2026-02-31" }],
        expenses: [{ name: "rent", amount: "500", currency: "XYZ" }],
      },
      request: {
        amount: "1000.00",
        currency: "EUR",
        startDate: "2026-01-01",
        product: { term: { minMonths: 6, maxMonths: 12 }, interest: { ratePercent: "10" } },
      },
      policy: "defualt",
    };
    const result = tenor(["plan", "-"], JSON.stringify(document));
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    const error = JSON.parse(result.stderr).error;
    expect(error.code).toBe("INVALID_PROFILE");
    const byField = Object.fromEntries(
      error.issues.map((issue: { field: string; message: string }) => [issue.field, issue.message]),
    );
    expect(byField["borrower.incomes[0].amount"]).toMatch(/greater than 0/);
    expect(byField["borrower.incomes[0].payDate"]).toMatch(/exists in the calendar/);
    // Amounts are in the profile's currency: a per-expense currency is not a field at all.
    expect(byField["borrower.expenses[0].currency"]).toMatch(/not a known field/);
    expect(byField.policy).toMatch(/did you mean "default"/);
  });
});
