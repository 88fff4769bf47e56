// `tenor schedule --format table`: the schedule as a fixed-width table for people, with a totals line and the
// warnings below it. Amounts are printed exactly as the schedule document has them (decimal strings).

import { layOutTable, type TextColumn } from "./text-table.ts";

/**
 * The parts of the schedule document (docs/reference/terms.md, "The schedule document") that the table and
 * CSV formats print. Declared structurally so that the formats depend only on what they read: the library's
 * full schedule document is assignable to it, and tests can build small documents by hand.
 */
export interface ScheduleView {
  readonly currency: string;
  readonly installments: readonly InstallmentView[];
  readonly totals: {
    readonly principal: string;
    readonly interest: string;
    readonly fees: string;
    readonly total: string;
    readonly installments: number;
    /** What the borrower receives: the principal less fees deducted at disbursement. */
    readonly netDisbursement: string;
    readonly maturityDate: string;
  };
  readonly derived: { readonly levelInstallment: string | null; readonly rate: string | null };
  /** The schedule's effective rates (absent or null when not computed). */
  readonly rates?: {
    readonly name: string;
    readonly disclosed: string;
    readonly xirr: string;
    readonly amountFinanced: string;
    readonly financeCharge: string;
  } | null;
  readonly warnings: readonly WarningView[];
}

export interface InstallmentView {
  readonly number: number;
  readonly startDate: string;
  readonly dueDate: string;
  readonly days: number;
  /** Amounts are decimal strings with the currency's digits, such as "788.49". */
  readonly principal: string;
  readonly interest: string;
  readonly fees: readonly { readonly name: string; readonly amount: string }[];
  readonly feesTotal: string;
  readonly total: string;
  readonly balance: string;
}

export interface WarningView {
  readonly code: string;
  readonly message: string;
  readonly fixes?: readonly string[];
}

const COLUMNS: readonly TextColumn[] = [
  { header: "No", align: "right" },
  { header: "Due date", align: "left" },
  { header: "Days", align: "right" },
  { header: "Principal", align: "right" },
  { header: "Interest", align: "right" },
  { header: "Fees", align: "right" },
  { header: "Total", align: "right" },
  { header: "Balance", align: "right" },
];

/** The whole table as text ending with a newline. */
export function formatTable(schedule: ScheduleView): string {
  const rows = schedule.installments.map((row) => [
    String(row.number),
    row.dueDate,
    String(row.days),
    row.principal,
    row.interest,
    row.feesTotal,
    row.total,
    row.balance,
  ]);
  const { totals } = schedule;
  const totalDays = schedule.installments.reduce((sum, row) => sum + row.days, 0);
  const totalsRow = [
    "",
    "Total",
    String(totalDays),
    totals.principal,
    totals.interest,
    totals.fees,
    totals.total,
    "",
  ];
  const table = layOutTable(COLUMNS, rows, [totalsRow]);
  const lines = [
    summaryLine(schedule),
    "",
    table.header,
    table.rule,
    ...table.body,
    table.rule,
    ...table.footer,
    ...noteLines(schedule),
    ...warningLines(schedule.warnings),
  ];
  return `${lines.join("\n")}\n`;
}

function summaryLine(schedule: ScheduleView): string {
  const count = schedule.totals.installments;
  return `Schedule in ${schedule.currency}: ${count} installment${count === 1 ? "" : "s"}, maturity ${schedule.totals.maturityDate}`;
}

/** What the rows do not show: the amount paid out when fees were deducted, and derived amounts. */
function noteLines(schedule: ScheduleView): string[] {
  const lines: string[] = [];
  const { netDisbursement, principal } = schedule.totals;
  if (netDisbursement !== principal) lines.push(`Net disbursement: ${netDisbursement}`);
  if (schedule.derived.levelInstallment !== null)
    lines.push(`Level installment: ${schedule.derived.levelInstallment}`);
  if (schedule.derived.rate !== null) lines.push(`Derived rate: ${schedule.derived.rate} %`);
  const rates = schedule.rates;
  if (rates !== undefined && rates !== null) {
    lines.push(`${rates.name}: ${rates.disclosed} %  (XIRR ${rates.xirr} %)`);
    lines.push(`Amount financed: ${rates.amountFinanced}, finance charge: ${rates.financeCharge}`);
  }
  return lines.length === 0 ? [] : ["", ...lines];
}

function warningLines(warnings: readonly WarningView[]): string[] {
  if (warnings.length === 0) return [];
  const lines = ["", "Warnings:"];
  for (const warning of warnings) {
    lines.push(`  ${warning.code}: ${warning.message}`);
    for (const fix of warning.fixes ?? []) lines.push(`    - ${fix}`);
  }
  return lines;
}
