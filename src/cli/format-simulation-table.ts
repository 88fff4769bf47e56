// `tenor simulate --format table`: a loan's state on its as-of date for people — one line per installment,
// then the balances, days past due, pay-off amount and ledger balances. Amounts are printed exactly as the
// simulation document has them (decimal strings).

import { layOutTable, type TextColumn } from "./text-table.ts";

/** The parts of the simulation document (docs/reference/servicing-events.md) the table prints. */
export interface SimulationView {
  readonly currency: string;
  readonly asOf: string;
  readonly status: string;
  readonly installments: readonly SimulatedInstallmentView[];
  readonly outstanding: AmountsView;
  readonly creditBalance: string;
  readonly daysPastDue: number;
  readonly delinquency: string;
  readonly payoff: string;
  readonly totals: { readonly disbursed: string; readonly received: string };
  readonly ledger: { readonly balances: Readonly<Record<string, string>>; readonly balanced: boolean };
}

export interface SimulatedInstallmentView {
  readonly number: number;
  readonly dueDate: string;
  readonly bucket: string;
  readonly closedDate: string | null;
  readonly scheduled: AmountsView;
  readonly paid: AmountsView;
  readonly outstanding: AmountsView;
}

export interface AmountsView {
  readonly principal: string;
  readonly interest: string;
  readonly fee: string;
  readonly penalty: string;
  readonly total: string;
}

interface Column extends TextColumn {
  readonly cell: (row: SimulatedInstallmentView) => string;
}

const COLUMNS: readonly Column[] = [
  { header: "No", align: "right", cell: (row) => String(row.number) },
  { header: "Due date", align: "left", cell: (row) => row.dueDate },
  // A closed installment shows when it closed; an open one where it stands (past due, due, not yet due).
  {
    header: "Status",
    align: "left",
    cell: (row) => (row.closedDate === null ? row.bucket : `closed ${row.closedDate}`),
  },
  { header: "Principal", align: "right", cell: (row) => row.scheduled.principal },
  { header: "Interest", align: "right", cell: (row) => row.scheduled.interest },
  { header: "Fees", align: "right", cell: (row) => row.scheduled.fee },
  { header: "Penalties", align: "right", cell: (row) => row.scheduled.penalty },
  { header: "Total", align: "right", cell: (row) => row.scheduled.total },
  { header: "Paid", align: "right", cell: (row) => row.paid.total },
  { header: "Outstanding", align: "right", cell: (row) => row.outstanding.total },
];

/** The whole table as text ending with a newline. */
export function formatSimulationTable(simulation: SimulationView): string {
  const rows = simulation.installments.map((row) => COLUMNS.map((column) => column.cell(row)));
  const table = layOutTable(COLUMNS, rows);
  const { outstanding } = simulation;
  const lines = [
    `Loan in ${simulation.currency} on ${simulation.asOf}: ${simulation.status}`,
    "",
    table.header,
    table.rule,
    ...table.body,
    table.rule,
    "",
    `Outstanding: ${outstanding.total} (principal ${outstanding.principal}, interest ${outstanding.interest}, fees ${outstanding.fee}, penalties ${outstanding.penalty})`,
    `Days past due: ${simulation.daysPastDue} (${simulation.delinquency})`,
    `Pay-off on ${simulation.asOf}: ${simulation.payoff}`,
    `Disbursed: ${simulation.totals.disbursed}, received: ${simulation.totals.received}`,
  ];
  if (!isZero(simulation.creditBalance)) lines.push(`Credit balance: ${simulation.creditBalance}`);
  lines.push(...balanceLines(simulation.ledger));
  return `${lines.join("\n")}\n`;
}

/** The accounts with a balance (debits minus credits), and whether the journal agrees with them. */
function balanceLines(ledger: SimulationView["ledger"]): string[] {
  const nonZero = Object.entries(ledger.balances).filter(([, amount]) => !isZero(amount));
  const width = Math.max(0, ...nonZero.map(([account]) => account.length));
  const amountWidth = Math.max(0, ...nonZero.map(([, amount]) => amount.length));
  return [
    "",
    `Ledger balances (debit − credit)${ledger.balanced ? "" : " — NOT BALANCED: the journal differs from the postings"}:`,
    ...nonZero.map(([account, amount]) => `  ${account.padEnd(width)}  ${amount.padStart(amountWidth)}`),
  ];
}

function isZero(amount: string): boolean {
  return /^-?0+(\.0+)?$/.test(amount);
}
