import { describe, expect, it } from "vitest";
import { formatCsv } from "./format-csv.ts";
import type { ScheduleView } from "./format-table.ts";

/** A hand-built two-installment schedule with a different fee in each installment. */
const SMALL_SCHEDULE: ScheduleView = {
  currency: "EUR",
  installments: [
    {
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
    },
    {
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
    },
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

describe("formatCsv", () => {
  it("prints a header and one row per installment, one column per fee, CRLF line ends", () => {
    expect(formatCsv(SMALL_SCHEDULE)).toBe(
      [
        'number,startDate,dueDate,days,principal,interest,fee:admin,"fee:late, ""manual""",feesTotal,total,balance',
        "1,2024-01-01,2024-02-01,31,495.00,10.00,5.00,0.00,5.00,510.00,505.00",
        "2,2024-02-01,2024-03-01,29,505.00,5.05,0.00,1.50,1.50,511.55,0.00",
        "",
      ].join("\r\n"),
    );
  });

  it("writes a missing fee as zero with the currency's decimal places", () => {
    const yen: ScheduleView = {
      ...SMALL_SCHEDULE,
      currency: "JPY",
      installments: [
        { ...first(SMALL_SCHEDULE), fees: [{ name: "admin", amount: "500" }], total: "10500" },
        { ...first(SMALL_SCHEDULE), number: 2, fees: [], total: "10000" },
      ],
    };
    const rows = formatCsv(yen).split("\r\n");
    expect(rows[0]).toBe(
      "number,startDate,dueDate,days,principal,interest,fee:admin,feesTotal,total,balance",
    );
    expect(rows[2]?.split(",")[6]).toBe("0");
  });

  it("has only the fixed columns without fees", () => {
    const noFees: ScheduleView = {
      ...SMALL_SCHEDULE,
      installments: SMALL_SCHEDULE.installments.map((row) => ({ ...row, fees: [], feesTotal: "0.00" })),
    };
    expect(formatCsv(noFees).split("\r\n")[0]).toBe(
      "number,startDate,dueDate,days,principal,interest,feesTotal,total,balance",
    );
  });

  it("quotes fields with line breaks", () => {
    const named: ScheduleView = {
      ...SMALL_SCHEDULE,
      installments: [{ ...first(SMALL_SCHEDULE), fees: [{ name: "two\nlines", amount: "1.00" }] }],
    };
    expect(formatCsv(named)).toContain('"fee:two\nlines"');
  });
});

function first(schedule: ScheduleView) {
  const row = schedule.installments[0];
  if (row === undefined) throw new Error("the test schedule has installments");
  return row;
}
