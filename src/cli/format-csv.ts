// `tenor schedule --format csv`: one row per installment for spreadsheets, as RFC 4180 CSV (comma separated,
// CRLF line ends, fields quoted when they hold a comma, a quote or a line break). Each fee gets its own
// column, named after the fee, so a spreadsheet can sum it.
import type { InstallmentView, ScheduleView } from "./format-table.ts";

const LINE_END = "\r\n";

/** The CSV text: a header row, then one row per installment; ends with a line break. */
export function formatCsv(schedule: ScheduleView): string {
  const feeNames = feeColumnNames(schedule.installments);
  const header = [
    "number",
    "startDate",
    "dueDate",
    "days",
    "principal",
    "interest",
    ...feeNames.map((name) => `fee:${name}`),
    "feesTotal",
    "total",
    "balance",
  ];
  const rows = schedule.installments.map((row) => [
    String(row.number),
    row.startDate,
    row.dueDate,
    String(row.days),
    row.principal,
    row.interest,
    ...feeNames.map((name) => feeAmount(row, name)),
    row.feesTotal,
    row.total,
    row.balance,
  ]);
  return [header, ...rows].map((cells) => cells.map(quoteField).join(",") + LINE_END).join("");
}

/** Every fee name in the order it first appears, so columns follow the terms' fee order. */
function feeColumnNames(installments: readonly InstallmentView[]): string[] {
  const names = new Set<string>();
  for (const row of installments) for (const fee of row.fees) names.add(fee.name);
  return [...names];
}

/** The row's amount of fee `name`, or zero written with the currency's digits when it has none. */
function feeAmount(row: InstallmentView, name: string): string {
  const fee = row.fees.find((candidate) => candidate.name === name);
  return fee?.amount ?? zeroLike(row.total);
}

/** "0.00" for an amount written "893.49", "0" for "893": a zero with the same decimal places. */
function zeroLike(amount: string): string {
  const fractionDigits = amount.split(".")[1]?.length ?? 0;
  return fractionDigits === 0 ? "0" : `0.${"0".repeat(fractionDigits)}`;
}

/** RFC 4180: a field with a comma, quote or line break is enclosed in quotes, its quotes doubled. */
function quoteField(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}
