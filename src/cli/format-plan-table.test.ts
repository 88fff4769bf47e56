import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type PlanAnswer, planFromDocument } from "../index.ts";
import { formatPlanTable, PLAN_ROWS } from "./format-plan-table.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

function example(file: string): { request: Record<string, unknown> } & Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(ROOT, "examples/planning", file), "utf8"));
}

/** The plan document of examples/planning/plan.json with changes to its request. */
function planDocument(request: Record<string, unknown> = {}) {
  const document = example("plan.json");
  return { ...document, request: { ...document.request, ...request } };
}

const answer = planFromDocument(planDocument());
const text = formatPlanTable(answer);
const lines = text.split("\n");

// 60,000.00 at 8.9 % is out of reach for this borrower: capacity is 1,090.00 a month at the tightest, and even
// over the longest term (60 months) the level installment is 60,000 · 0.0074167 / (1 − 1.0074167^−60) ≈ 1,242.
const noAffordable = planFromDocument(planDocument({ amount: "60000.00" }));
const noAffordableText = formatPlanTable(noAffordable);
const noAffordableLines = noAffordableText.split("\n");

/** The index of the first line starting with `prefix`; fails when there is none. */
function lineIndex(all: readonly string[], prefix: string, from = 0): number {
  const index = all.findIndex((line, i) => i >= from && line.startsWith(prefix));
  expect(index, `a line starting with ${JSON.stringify(prefix)}`).toBeGreaterThanOrEqual(0);
  return index;
}

/**
 * The rows of the table whose header line starts at `headerIndex`: the lines after its dashed rule up to the
 * first line that is blank, less indented than the header, a "…" line or a heading ending with ":".
 */
function tableRows(all: readonly string[], headerIndex: number): string[] {
  const header = all[headerIndex] as string;
  const indent = header.length - header.trimStart().length;
  expect(all[headerIndex + 1]?.trim()).toMatch(/^-+$/);
  const rows: string[] = [];
  for (let i = headerIndex + 2; i < all.length; i++) {
    const line = all[i] as string;
    const cell = line.trim();
    if (cell === "" || line.length - line.trimStart().length < indent) break;
    if (cell.startsWith("…") || cell.endsWith(":")) break;
    rows.push(line);
  }
  return rows;
}

/** Checks that each row's cell under `column` is `cells[i]`, ending where the header ends (right-aligned). */
function expectRightAligned(
  header: string,
  rows: readonly string[],
  column: string,
  cells: readonly string[],
) {
  const start = header.indexOf(` ${column}`) + 1;
  expect(start, `column ${column}`).toBeGreaterThan(0);
  const end = start + column.length;
  expect(rows.length).toBe(cells.length);
  rows.forEach((row, i) => {
    const cell = cells[i] as string;
    // The cell ends exactly under the header's end, is preceded by a space, and followed by one (or the end).
    expect(row.slice(end - cell.length, end), `row ${i} of ${column}`).toBe(cell);
    expect(row[end - cell.length - 1]).toBe(" ");
    expect(row[end] ?? " ").toBe(" ");
  });
}

function recommended(plan: PlanAnswer): NonNullable<PlanAnswer["recommended"]> {
  if (plan.recommended === null) throw new Error("the example has a recommended plan");
  return plan.recommended;
}

describe("formatPlanTable on examples/planning/plan.json", () => {
  it("starts with the amount, currency and policy, then the tightest month's capacity and its explanation", () => {
    expect(lines[0]).toMatch(/^Plan for 12000\.00 EUR under policy "default" /);
    const capacity = lineIndex(lines, "Capacity for new installments: 1090.00 EUR a month");
    expect(lines[capacity]).toContain("(2025-03)");
    expect(lines[capacity]).toContain("829.00 EUR under stress");
    answer.capacity.explanation.forEach((sentence, i) => {
      expect(lines[capacity + 1 + i]).toBe(`  - ${sentence}`);
    });
  });

  it("has its sections in order", () => {
    const order = [
      "Plan for ",
      "Capacity for new installments:",
      "Recommended plan:",
      "Trade-offs:",
      "All plans, ranked",
      "Goal:",
    ].map((prefix) => lineIndex(lines, prefix));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // Nothing about a custom plan or an unaffordable request: the example has neither.
    expect(text).not.toContain("Custom plan");
    expect(text).not.toContain("No affordable plan");
    expect(text.endsWith("\n")).toBe(true);
    expect(lines.some((line) => line !== line.trimEnd())).toBe(false);
  });

  it("shows the recommended plan's label, installments, figures and every reason verbatim", () => {
    const plan = recommended(answer);
    const at = lineIndex(lines, "Recommended plan: ");
    expect(lines[at]).toBe(`Recommended plan: ${plan.label}`);
    // By hand from the example's answer: 375.51 at first, rising to 387.00.
    const installment = lines[lineIndex(lines, "  Installment ", at)];
    expect(installment).toContain("375.51 EUR first");
    expect(installment).toContain("387.00 EUR largest");
    expect(lines[lineIndex(lines, "  Term ", at)]).toContain("36 months");
    expect(lines[lineIndex(lines, "  Term ", at)]).toContain(plan.maturityDate);
    const cost = lines[lineIndex(lines, "  Cost ", at)];
    for (const amount of [plan.totals.cost, plan.totals.interest, plan.totals.fees])
      expect(cost).toContain(amount);
    expect(lines[lineIndex(lines, "  Effective rate ", at)]).toContain("10.1 %");
    expect(lines[lineIndex(lines, "  PV cost ", at)]).toContain(plan.pvCost);
    const burden = lines[lineIndex(lines, "  Burden ", at)];
    expect(burden).toContain(`peak ${plan.burden.peakPercent} %`);
    expect(burden).toContain(`average ${plan.burden.averagePercent} %`);
    expect(lines[lineIndex(lines, "  Stress test ", at)]?.trimEnd()).toMatch(/ pass$/);
    expect(lines[lineIndex(lines, "  Default risk ", at)]).toContain(`band ${plan.risk?.band}`);
    const why = lineIndex(lines, "  Why:", at);
    expect(plan.reasons.length).toBeGreaterThan(0);
    plan.reasons.forEach((reason, i) => {
      expect(lines[why + 1 + i]).toBe(`    - ${reason}`);
    });
  });

  it("lists every schedule row of the recommended plan, numbers right-aligned", () => {
    const schedule = recommended(answer).schedule ?? [];
    expect(schedule.length).toBe(36);
    const header = lineIndex(lines, "  Schedule:") + 1;
    const rows = tableRows(lines, header);
    const headerLine = lines[header] as string;
    expectRightAligned(
      headerLine,
      rows,
      "No",
      schedule.map((row) => String(row.number)),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Principal",
      schedule.map((row) => row.principal),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Interest",
      schedule.map((row) => row.interest),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Fees",
      schedule.map((row) => row.fees),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Total",
      schedule.map((row) => row.total),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Balance",
      schedule.map((row) => row.balance),
    );
    rows.forEach((row, i) => {
      expect(row).toContain(`  ${schedule[i]?.dueDate}  `);
    });
    // The last row by hand: installment 36 on 2028-02-27 pays 387.00 and leaves nothing.
    expect(rows[35]).toMatch(/^ {2}36 {2}2028-02-27 .* 387\.00 +0\.00$/);
  });

  it("gives each trade-off a row: its labels, figures and plan label", () => {
    const header = lineIndex(lines, "Trade-offs:") + 1;
    const rows = tableRows(lines, header);
    expect(rows.length).toBe(answer.tradeOffs.length);
    answer.tradeOffs.forEach((entry, i) => {
      expect(rows[i]?.startsWith(`  ${entry.labels.join(", ")} `)).toBe(true);
      expect(rows[i]?.endsWith(entry.plan.label)).toBe(true);
      expect(rows[i]).toContain(` ${entry.plan.stress.result} `);
    });
    const plans = answer.tradeOffs.map((entry) => entry.plan);
    const headerLine = lines[header] as string;
    expectRightAligned(
      headerLine,
      rows,
      "Largest",
      plans.map((plan) => plan.installment.largest),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Months",
      plans.map((plan) => String(plan.termMonths)),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Cost",
      plans.map((plan) => plan.totals.cost),
    );
    expectRightAligned(
      headerLine,
      rows,
      "PV cost",
      plans.map((plan) => plan.pvCost),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Peak burden",
      plans.map((plan) => `${plan.burden.peakPercent} %`),
    );
  });

  it("ranks the first 20 plans, right-aligned, and counts the rest", () => {
    expect(PLAN_ROWS).toBe(20);
    expect(answer.plans.length).toBeGreaterThan(20);
    const heading = lineIndex(lines, "All plans, ranked");
    const rows = tableRows(lines, heading + 1);
    const shown = answer.plans.slice(0, 20);
    expect(rows.length).toBe(20);
    const headerLine = lines[heading + 1] as string;
    expectRightAligned(
      headerLine,
      rows,
      "Rank",
      shown.map((plan) => String(plan.rank)),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Largest",
      shown.map((plan) => plan.installment.largest),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Months",
      shown.map((plan) => String(plan.termMonths)),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Cost",
      shown.map((plan) => plan.totals.cost),
    );
    expectRightAligned(
      headerLine,
      rows,
      "PV cost",
      shown.map((plan) => plan.pvCost),
    );
    shown.forEach((plan, i) => {
      expect(rows[i]?.endsWith(plan.label)).toBe(true);
      expect(rows[i]).toContain(` ${plan.affordable ? "yes" : "no"} `);
    });
    expect(rows[0]).toMatch(/^ {5}1 /);
    expect(lines[heading + 2 + 1 + 20]).toBe(
      `  … and ${answer.plans.length - 20} more (--format json shows all)`,
    );
  });

  it("answers the goal: solved, with its explanation and the plan that meets it", () => {
    const at = lineIndex(lines, "Goal: ");
    expect(lines[at]).toBe("Goal: installments of at most 300.00 EUR — solved");
    answer.goal?.explanation.forEach((sentence, i) => {
      expect(lines[at + 1 + i]).toBe(`  - ${sentence}`);
    });
    const goalPlan = answer.goal?.plan;
    expect(goalPlan).toBeDefined();
    const row = lines.slice(at).find((line) => line.startsWith("  meets the goal "));
    expect(row).toContain(` ${goalPlan?.installment.largest} `);
    expect(row?.endsWith(goalPlan?.label ?? "?")).toBe(true);
  });

  it("shows a plan without schedule rows by its runs of equal installments", () => {
    const { schedule: _schedule, ...plan } = recommended(answer);
    const runs = plan.installments;
    const lines = formatPlanTable({ ...answer, recommended: { ...plan, moreRuns: 3 } }).split("\n");
    expect(lines.some((line) => line.startsWith("  Schedule:"))).toBe(false);
    const header = lineIndex(lines, "  Installments:") + 1;
    const rows = tableRows(lines, header);
    const headerLine = lines[header] as string;
    expectRightAligned(
      headerLine,
      rows,
      "From",
      runs.map((run) => String(run.from)),
    );
    expectRightAligned(
      headerLine,
      rows,
      "To",
      runs.map((run) => String(run.to)),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Amount",
      runs.map((run) => run.amount),
    );
    runs.forEach((run, i) => {
      expect(rows[i]).toContain(`  ${run.firstDueDate}  ${run.lastDueDate}  `);
    });
    expect(lines[header + 2 + runs.length]).toBe("  … and 3 more runs (--format json shows all)");
  });
});

describe("formatPlanTable with a custom plan", () => {
  it("shows an accepted custom plan with its notes and reasons", () => {
    const custom = { installments: [{ from: 1, to: 36, amount: "380.00" }], period: "monthly" };
    const result = planFromDocument(planDocument({ custom }));
    if (result.custom?.status !== "accepted") throw new Error("380.00 a month covers the interest");
    const customPlan = result.custom.plan;
    const lines = formatPlanTable(result).split("\n");
    const at = lineIndex(lines, "Custom plan: accepted");
    expect(at).toBeGreaterThan(lineIndex(lines, "Goal:"));
    result.custom.notes.forEach((note, i) => {
      expect(lines[at + 1 + i]).toBe(`  - ${note}`);
    });
    expect(lines.some((line) => line.startsWith("  custom ") && line.endsWith(customPlan.label))).toBe(true);
    for (const reason of customPlan.reasons) expect(lines).toContain(`    - ${reason}`);
  });

  it("lists the issues of a refused custom plan", () => {
    // 50.00 a month does not cover the first month's interest on 12,000.00 at 8.9 % (about 89.00).
    const custom = { installments: [{ from: 1, to: 36, amount: "50.00" }], period: "monthly" };
    const result = planFromDocument(planDocument({ custom }));
    if (result.custom?.status !== "refused") throw new Error("50.00 a month does not cover the interest");
    const lines = formatPlanTable(result).split("\n");
    const at = lineIndex(lines, "Custom plan: refused (INVALID_PLAN_REQUEST)");
    expect(result.custom.issues.length).toBeGreaterThan(0);
    result.custom.issues.forEach((issue, i) => {
      expect(lines[at + 1 + i]).toBe(`  - ${issue.field}: ${issue.message}`);
    });
  });
});

describe("formatPlanTable when no plan is affordable", () => {
  it("says there is no recommendation and no trade-off, and still ranks the plans", () => {
    expect(noAffordable.recommended).toBeNull();
    expect(noAffordableLines[0]).toMatch(/^Plan for 60000\.00 EUR under policy "default" /);
    expect(noAffordableLines[lineIndex(noAffordableLines, "Recommended plan:")]).toMatch(
      /^Recommended plan: none/,
    );
    expect(noAffordableLines).toContain("Trade-offs: none");
    const heading = lineIndex(noAffordableLines, "All plans, ranked");
    const rows = tableRows(noAffordableLines, heading + 1);
    expect(rows.length).toBe(Math.min(20, noAffordable.plans.length));
    for (const row of rows) expect(row).toMatch(/ no {10}fail /);
    expect(noAffordableText).toContain(
      `… and ${noAffordable.plans.length - 20} more (--format json shows all)`,
    );
  });

  it("prints the message, every suggestion and the plans they point to, after the goal", () => {
    const none = noAffordable.noAffordable;
    if (none === null) throw new Error("60000.00 is not affordable");
    const at = lineIndex(noAffordableLines, "No affordable plan:");
    expect(at).toBeGreaterThan(lineIndex(noAffordableLines, "Goal:"));
    expect(noAffordableLines[at + 1]).toBe(`  ${none.message}`);
    expect(noAffordableLines[at + 2]).toBe("  Suggestions:");
    expect(none.suggestions.length).toBeGreaterThan(0);
    none.suggestions.forEach((suggestion, i) => {
      expect(noAffordableLines[at + 3 + i]).toBe(`    - ${suggestion}`);
    });
    expect(noAffordableText).toContain("Borrow less: ");
    const header = lineIndex(noAffordableLines, "  Option ", at);
    const rows = tableRows(noAffordableLines, header);
    const options = [
      ["closest", none.closest],
      ["largest amount", none.largestAmount],
      ["longer term", none.longerTerm],
    ].filter((entry): entry is [string, NonNullable<typeof none.closest>] => entry[1] !== null);
    expect(rows.map((row) => row.trimStart().split("  ")[0])).toEqual(options.map(([name]) => name));
    const headerLine = noAffordableLines[header] as string;
    const plans = options.map(([, plan]) => plan);
    expectRightAligned(
      headerLine,
      rows,
      "Amount",
      plans.map((plan) => plan.amount),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Largest",
      plans.map((plan) => plan.installment.largest),
    );
    expectRightAligned(
      headerLine,
      rows,
      "Months",
      plans.map((plan) => String(plan.termMonths)),
    );
    // The closest plan borrows the whole 60,000.00 and is not affordable; a smaller amount is.
    expect(rows[0]).toMatch(/^ {2}closest +60000\.00 /);
    expect(none.largestAmount?.affordable).toBe(true);
  });
});
