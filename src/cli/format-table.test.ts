import { describe, expect, it } from "vitest";
import { formatTable, type InstallmentView, type ScheduleView } from "./format-table.ts";

function installment(overrides: Partial<InstallmentView> & Pick<InstallmentView, "number">): InstallmentView {
  return {
    startDate: "2024-01-01",
    dueDate: "2024-02-01",
    days: 31,
    principal: "0.00",
    interest: "0.00",
    fees: [],
    feesTotal: "0.00",
    total: "0.00",
    balance: "0.00",
    ...overrides,
  };
}

/** A hand-built two-installment schedule: 1000.00 EUR with an admin fee on the first installment. */
const SMALL_SCHEDULE: ScheduleView = {
  currency: "EUR",
  installments: [
    installment({
      number: 1,
      startDate: "2024-01-01",
      dueDate: "2024-02-01",
      days: 31,
      principal: "495.00",
      interest: "10.00",
      fees: [{ name: "admin", amount: "5.00" }],
      feesTotal: "5.00",
      total: "510.00",
      balance: "505.00",
    }),
    installment({
      number: 2,
      startDate: "2024-02-01",
      dueDate: "2024-03-01",
      days: 29,
      principal: "505.00",
      interest: "5.05",
      fees: [{ name: 'late, "manual"', amount: "1.50" }],
      feesTotal: "1.50",
      total: "511.55",
      balance: "0.00",
    }),
  ],
  totals: {
    principal: "1000.00",
    interest: "15.05",
    fees: "6.50",
    total: "1021.55",
    installments: 2,
    netDisbursement: "1000.00",
    maturityDate: "2024-03-01",
  },
  derived: { levelInstallment: "505.00", rate: null },
  warnings: [],
};

describe("formatTable", () => {
  it("prints a fixed-width table with right-aligned amounts and a totals line", () => {
    expect(formatTable(SMALL_SCHEDULE)).toBe(
      [
        "Schedule in EUR: 2 installments, maturity 2024-03-01",
        "",
        "No  Due date    Days  Principal  Interest  Fees    Total  Balance",
        "-----------------------------------------------------------------",
        " 1  2024-02-01    31     495.00     10.00  5.00   510.00   505.00",
        " 2  2024-03-01    29     505.00      5.05  1.50   511.55     0.00",
        "-----------------------------------------------------------------",
        "    Total         60    1000.00     15.05  6.50  1021.55",
        "",
        "Level installment: 505.00",
        "",
      ].join("\n"),
    );
  });

  it("widens columns for long amounts", () => {
    const wide: ScheduleView = {
      ...SMALL_SCHEDULE,
      installments: [installment({ number: 1, principal: "123456789.00", balance: "0.00" })],
    };
    const lines = formatTable(wide).split("\n");
    expect(lines[2]).toBe("No  Due date    Days     Principal  Interest  Fees    Total  Balance");
    expect(lines[4]).toBe(" 1  2024-02-01    31  123456789.00      0.00  0.00     0.00     0.00");
  });

  it("lists warnings and their fixes below the table", () => {
    const warned: ScheduleView = {
      ...SMALL_SCHEDULE,
      totals: { ...SMALL_SCHEDULE.totals, netDisbursement: "990.00" },
      derived: { levelInstallment: null, rate: "9.5" },
      warnings: [
        {
          code: "RESIDUAL_NOT_ALLOWED",
          message: "the amounts do not divide",
          fixes: ["use residual last", "use 10 installments"],
        },
        { code: "PAID_OFF_EARLY", message: "installment 2 carries nothing" },
      ],
    };
    expect(formatTable(warned).split("\n").slice(-10)).toEqual([
      "",
      "Net disbursement: 990.00",
      "Derived rate: 9.5 %",
      "",
      "Warnings:",
      "  RESIDUAL_NOT_ALLOWED: the amounts do not divide",
      "    - use residual last",
      "    - use 10 installments",
      "  PAID_OFF_EARLY: installment 2 carries nothing",
      "",
    ]);
  });

  it("prints the effective rate below the table when the schedule has one", () => {
    const table = formatTable({
      ...SMALL_SCHEDULE,
      rates: {
        name: "APR (Regulation Z)",
        disclosed: "12.68",
        xirr: "13.412345",
        amountFinanced: "1000.00",
        financeCharge: "20.07",
      },
    });
    expect(table).toContain("\nAPR (Regulation Z): 12.68 %  (XIRR 13.412345 %)\n");
    expect(table).toContain("\nAmount financed: 1000.00, finance charge: 20.07\n");
    expect(formatTable({ ...SMALL_SCHEDULE, rates: null })).not.toContain("finance charge");
  });

  it("says installment in the singular for one", () => {
    const one: ScheduleView = {
      ...SMALL_SCHEDULE,
      installments: [installment({ number: 1 })],
      totals: { ...SMALL_SCHEDULE.totals, installments: 1 },
    };
    expect(formatTable(one)).toMatch(/^Schedule in EUR: 1 installment, maturity/);
  });
});
