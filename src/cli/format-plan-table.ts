// `tenor plan --format table`: the plan answer (docs/reference/plan-request.md, "The answer") for a borrower or
// a loan officer — the request and the capacity, the recommended plan with its reasons and schedule, the
// trade-offs, every plan ranked (the first PLAN_ROWS), then the goal, the custom plan and, when nothing is
// affordable, what would make a plan affordable. Amounts and percentages are printed exactly as the answer has
// them (decimal strings); sentences (explanations, reasons, suggestions) one per line, never re-wrapped.

import type { PlanAnswer } from "../planning/plans/plan-document.ts";
import type { PlanOutput } from "../planning/plans/plan-output.ts";
import { layOutTable, type TextColumn } from "./text-table.ts";

/** Ranked plans the table lists; `--format json` has them all. */
export const PLAN_ROWS = 20;

const INDENT = "  ";
const NONE = "-";

interface PlanColumn extends TextColumn {
  readonly cell: (plan: PlanOutput) => string;
}

const AMOUNT: PlanColumn = { header: "Amount", align: "right", cell: (plan) => plan.amount };
const LARGEST: PlanColumn = { header: "Largest", align: "right", cell: (plan) => plan.installment.largest };
const MONTHS: PlanColumn = { header: "Months", align: "right", cell: (plan) => String(plan.termMonths) };
const COST: PlanColumn = { header: "Cost", align: "right", cell: (plan) => plan.totals.cost };
const PV_COST: PlanColumn = { header: "PV cost", align: "right", cell: (plan) => plan.pvCost };
const PEAK_BURDEN: PlanColumn = {
  header: "Peak burden",
  align: "right",
  cell: (plan) => percent(plan.burden.peakPercent),
};
const AFFORDABLE: PlanColumn = {
  header: "Affordable",
  align: "left",
  cell: (plan) => (plan.affordable ? "yes" : "no"),
};
const STRESS: PlanColumn = { header: "Stress", align: "left", cell: (plan) => plan.stress.result };
// The label last: it is the widest cell, and the figures stay together on the left.
const LABEL: PlanColumn = { header: "Plan", align: "left", cell: (plan) => plan.label };

/** The whole answer as text ending with a newline. */
export function formatPlanTable(answer: PlanAnswer): string {
  const sections = [
    headerLines(answer),
    recommendedLines(answer),
    tradeOffLines(answer),
    allPlanLines(answer),
    goalLines(answer),
    customLines(answer),
    noAffordableLines(answer),
  ].filter((lines) => lines.length > 0);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

function headerLines(answer: PlanAnswer): string[] {
  const { request, policy, capacity, currency } = answer;
  return [
    `Plan for ${request.amount} ${currency} under policy "${policy.id}" (${policy.name}, version ${policy.version})`,
    `Starting ${request.startDate}; terms of ${request.termMonths.min} to ${request.termMonths.max} months; interest ${request.interest}${request.freePrepayment ? "; free prepayment" : ""}`,
    ...answer.summary,
    "",
    `Capacity for new installments: ${capacity.lowest} ${currency} a month at the tightest (${capacity.lowestMonth}); ${capacity.lowestStressed} ${currency} under stress`,
    ...bullets(capacity.explanation),
  ];
}

function recommendedLines(answer: PlanAnswer): string[] {
  const plan = answer.recommended;
  if (plan === null) {
    return ['Recommended plan: none — no plan is affordable (see "No affordable plan" below)'];
  }
  const lines = [`Recommended plan: ${plan.label}`, ...planFacts(plan, answer.currency), `${INDENT}Why:`];
  lines.push(...bullets(plan.reasons, 2));
  if (answer.recommendationNotes.length > 0) {
    lines.push(`${INDENT}Notes:`, ...bullets(answer.recommendationNotes, 2));
  }
  lines.push("", ...installmentLines(plan));
  return lines;
}

/** The recommended plan's figures, one "name  value" line each. */
function planFacts(plan: PlanOutput, currency: string): string[] {
  const money = (amount: string) => `${amount} ${currency}`;
  const { installment, totals, burden, stress, risk } = plan;
  const facts: [string, string][] = [
    [
      "Installment",
      `${money(installment.first)} first, ${money(installment.largest)} largest, ${money(installment.last)} last`,
    ],
    [
      "Term",
      `${plan.termMonths} months, ${plan.installmentCount} installments (${plan.paymentPeriod}), first due ${plan.firstDueDate}, maturity ${plan.maturityDate}`,
    ],
    [
      "Cost",
      `${money(totals.cost)}: interest ${money(totals.interest)}, fees ${money(totals.fees)}; ${money(totals.paid)} paid in all`,
    ],
  ];
  if (plan.effectiveRate !== null) {
    facts.push(["Effective rate", `${plan.effectiveRate.disclosed} % (${plan.effectiveRate.regime})`]);
  }
  facts.push(["PV cost", money(plan.pvCost)]);
  facts.push([
    "Burden",
    `peak ${percent(burden.peakPercent)}${burden.peakMonth === null ? "" : ` (${burden.peakMonth})`}, average ${percent(burden.averagePercent)}, stressed peak ${percent(burden.stressedPeakPercent)} of income`,
  ]);
  facts.push(["Stress test", stressText(stress, currency)]);
  if (risk !== null) {
    facts.push([
      "Default risk",
      `probability ${risk.probabilityOfDefault}, score ${risk.score}, band ${risk.band}`,
    ]);
  }
  const width = Math.max(...facts.map(([name]) => name.length));
  return facts.map(([name, value]) => `${INDENT}${name.padEnd(width)}  ${value}`);
}

function stressText(stress: PlanOutput["stress"], currency: string): string {
  const rate =
    stress.stressedRatePercent === null ? "" : ` at a stressed rate of ${stress.stressedRatePercent} %`;
  if (stress.shortfallMonths === 0) return `${stress.result}${rate}`;
  const month = stress.largestShortfallMonth === null ? "" : ` (${stress.largestShortfallMonth})`;
  return `${stress.result}${rate}: short in ${stress.shortfallMonths} months, by up to ${stress.largestShortfall} ${currency}${month}; savings needed ${stress.savingsNeeded} ${currency} of ${stress.savingsAvailable} ${currency} available`;
}

/** Every schedule row when the plan has them (a full plan), else its runs of equal installments. */
function installmentLines(plan: PlanOutput): string[] {
  if (plan.schedule !== undefined) {
    const rows = plan.schedule;
    const columns: (TextColumn & { cell: (row: (typeof rows)[number]) => string })[] = [
      { header: "No", align: "right", cell: (row) => String(row.number) },
      { header: "Due date", align: "left", cell: (row) => row.dueDate },
      { header: "Principal", align: "right", cell: (row) => row.principal },
      { header: "Interest", align: "right", cell: (row) => row.interest },
      { header: "Fees", align: "right", cell: (row) => row.fees },
      { header: "Total", align: "right", cell: (row) => row.total },
      { header: "Balance", align: "right", cell: (row) => row.balance },
    ];
    return [`${INDENT}Schedule:`, ...indented(table(columns, rows))];
  }
  const runs = plan.installments;
  const columns: (TextColumn & { cell: (run: (typeof runs)[number]) => string })[] = [
    { header: "From", align: "right", cell: (run) => String(run.from) },
    { header: "To", align: "right", cell: (run) => String(run.to) },
    { header: "First due", align: "left", cell: (run) => run.firstDueDate },
    { header: "Last due", align: "left", cell: (run) => run.lastDueDate },
    { header: "Amount", align: "right", cell: (run) => run.amount },
  ];
  const lines = [`${INDENT}Installments:`, ...indented(table(columns, runs))];
  if (plan.moreRuns !== undefined && plan.moreRuns > 0) {
    lines.push(`${INDENT}… and ${plan.moreRuns} more runs (--format json shows all)`);
  }
  return lines;
}

function tradeOffLines(answer: PlanAnswer): string[] {
  if (answer.tradeOffs.length === 0) return ["Trade-offs: none"];
  const labels: TextColumn & { cell: (entry: PlanAnswer["tradeOffs"][number]) => string } = {
    header: "Trade-off",
    align: "left",
    cell: (entry) => entry.labels.join(", "),
  };
  const figures = [LARGEST, MONTHS, COST, PV_COST, PEAK_BURDEN, STRESS, LABEL];
  const columns = [
    labels,
    ...figures.map((column) => onPlan(column, (entry: PlanAnswer["tradeOffs"][number]) => entry.plan)),
  ];
  return ["Trade-offs:", ...indented(table(columns, answer.tradeOffs))];
}

function allPlanLines(answer: PlanAnswer): string[] {
  const { plans } = answer;
  const rank: PlanColumn = {
    header: "Rank",
    align: "right",
    cell: (plan) => (plan.rank === null ? NONE : String(plan.rank)),
  };
  const columns = [rank, LARGEST, MONTHS, COST, PV_COST, PEAK_BURDEN, AFFORDABLE, STRESS, LABEL];
  const lines = [
    `All plans, ranked (${plans.length}):`,
    ...indented(table(columns, plans.slice(0, PLAN_ROWS))),
  ];
  if (plans.length > PLAN_ROWS) {
    lines.push(`${INDENT}… and ${plans.length - PLAN_ROWS} more (--format json shows all)`);
  }
  if (answer.skipped.length > 0) {
    lines.push(
      `${INDENT}Not considered:`,
      ...bullets(
        answer.skipped.map((entry) => `${entry.family}: ${entry.reason}`),
        2,
      ),
    );
  }
  return lines;
}

function goalLines(answer: PlanAnswer): string[] {
  const { goal, currency } = answer;
  if (goal === null) return [];
  const options: { option: string; plan: PlanOutput }[] = [];
  if (goal.plan !== null)
    options.push({ option: goal.solved ? "meets the goal" : "nearest", plan: goal.plan });
  if (goal.alternative !== null) options.push({ option: "alternative", plan: goal.alternative });
  return [
    `Goal: ${goalText(goal.goal, currency)} — ${goal.solved ? "solved" : "not solved"}`,
    ...bullets(goal.explanation),
    ...optionTable(options),
  ];
}

function goalText(goal: Record<string, unknown>, currency: string): string {
  if (typeof goal.finishBy === "string") return `finish by ${goal.finishBy}`;
  if (typeof goal.maxInstallment === "string") {
    return `installments of at most ${goal.maxInstallment} ${currency}`;
  }
  if (goal.lowestInterest === true) return "the lowest interest";
  return JSON.stringify(goal);
}

function customLines(answer: PlanAnswer): string[] {
  const { custom } = answer;
  if (custom === null) return [];
  if (custom.status === "refused") {
    return [
      `Custom plan: refused (${custom.code})`,
      ...bullets(custom.issues.map((issue) => `${issue.field}: ${issue.message}`)),
    ];
  }
  const { plan, notes } = custom;
  return [
    `Custom plan: accepted — ${plan.affordable ? "affordable" : "not affordable"}, stress test ${plan.stress.result}`,
    ...bullets(notes),
    ...optionTable([{ option: "custom", plan }]),
    `${INDENT}Why:`,
    ...bullets(plan.reasons, 2),
  ];
}

function noAffordableLines(answer: PlanAnswer): string[] {
  const none = answer.noAffordable;
  if (none === null) return [];
  const options: { option: string; plan: PlanOutput }[] = [];
  if (none.closest !== null) options.push({ option: "closest", plan: none.closest });
  if (none.largestAmount !== null) options.push({ option: "largest amount", plan: none.largestAmount });
  if (none.longerTerm !== null) options.push({ option: "longer term", plan: none.longerTerm });
  return [
    "No affordable plan:",
    `${INDENT}${none.message}`,
    `${INDENT}Suggestions:`,
    ...bullets(none.suggestions, 2),
    ...optionTable(options),
  ];
}

/** Named plans with their amount (a goal or a suggestion may borrow less than asked). */
function optionTable(options: readonly { option: string; plan: PlanOutput }[]): string[] {
  if (options.length === 0) return [];
  const option: TextColumn & { cell: (entry: (typeof options)[number]) => string } = {
    header: "Option",
    align: "left",
    cell: (entry) => entry.option,
  };
  const figures = [AMOUNT, LARGEST, MONTHS, COST, PV_COST, PEAK_BURDEN, AFFORDABLE, STRESS, LABEL];
  const columns = [
    option,
    ...figures.map((column) => onPlan(column, (entry: (typeof options)[number]) => entry.plan)),
  ];
  return ["", ...indented(table(columns, options))];
}

/** A plan column read through the plan of an entry. */
function onPlan<T>(
  column: PlanColumn,
  planOf: (entry: T) => PlanOutput,
): TextColumn & { cell: (entry: T) => string } {
  return { header: column.header, align: column.align, cell: (entry) => column.cell(planOf(entry)) };
}

function table<T>(
  columns: readonly (TextColumn & { cell: (row: T) => string })[],
  rows: readonly T[],
): string[] {
  const laidOut = layOutTable(
    columns,
    rows.map((row) => columns.map((column) => column.cell(row))),
  );
  return [laidOut.header, laidOut.rule, ...laidOut.body];
}

function bullets(sentences: readonly string[], depth = 1): string[] {
  return sentences.map((sentence) => `${INDENT.repeat(depth)}- ${sentence}`);
}

function indented(lines: readonly string[]): string[] {
  return lines.map((line) => `${INDENT}${line}`);
}

function percent(value: string | null): string {
  return value === null ? NONE : `${value} %`;
}
