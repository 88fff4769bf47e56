// A reschedule with `tiers` (docs/reference/servicing-events.md, `reschedule`): the new installments' amounts
// given per range — the terms' `plan` payment method, the last installment repaying what remains. Every
// expected figure is derived by hand in the comment next to it; amounts are in minor units (cents).
//
// Loan: 1,000.00 USD at 12 %/year, monthly, installment based (ρ = 0.01 per regular period), disbursed
// 2024-01-01, 4 installments: A = 1000 · 0.01 / (1 − 1.01^−4) = 256.2811 → 256.28
//   1 due 02-01: I 10.00; P 246.28 · 2 due 03-01: I 7.54; P 248.74 · 3 due 04-01: I 5.05; P 251.23
//   · 4 due 05-01: I 2.54; P 253.75
// 256.28 on 02-01 closes installment 1. On 02-15 the open installments 2–4 are replaced: their unpaid principal
// 248.74 + 251.23 + 253.75 = 753.72 is the new principal, disbursed 02-15, due 03-15, 04-15, … (every period
// regular: ρ = 0.01). Installment 2 had accrued round(754 · 14/29) = round(364.0) = 3.64 of interest by 02-15,
// unpaid: carried to the first new installment.
import { describe, expect, it } from "vitest";
import { formatIsoDate } from "../../src/core/calendar-date.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { DEFAULT_SERVICING_RULES } from "../../src/servicing/default-rules.ts";
import { parseEvents } from "../../src/servicing/parse-events.ts";
import { openLoan, replayLoan, type ServicedLoan } from "../../src/servicing/service-loan.ts";
import type { LoanEvent, LoanState } from "../../src/servicing/types.ts";
import { day, repayment } from "../support/servicing-events.ts";

function loanOf(loanType = "annuity"): ServicedLoan {
  return openLoan(
    parseTerms({
      principal: "1000.00",
      currency: "USD",
      disbursementDate: "2024-01-01",
      installments: 4,
      loanType,
      interest: { rate: "12", per: "year" },
    }),
    DEFAULT_SERVICING_RULES,
  );
}

/** The events of a document, read as a caller's would be. */
function events(documents: readonly Record<string, unknown>[]): LoanEvent[] {
  return parseEvents(documents, {
    currencyDigits: 2,
    disbursementDay: day("2024-01-01"),
    maxEvents: 100,
  });
}

const FEB = { id: "feb", type: "repayment", date: "2024-02-01", amount: "256.28" };
const TWO_TIERS = [
  { from: 1, to: 2, amount: "100.00" },
  { from: 3, to: 5, amount: "200.00" },
];
const RESCHEDULE = { id: "rs", type: "reschedule", date: "2024-02-15", tiers: TWO_TIERS };

/** Per installment: [due date, scheduled P, scheduled I, closed on (or null)]. */
function rows(state: LoanState): unknown[] {
  return state.installments.map((i) => [
    formatIsoDate(i.dueDay),
    i.scheduled.principal,
    i.scheduled.interest,
    i.closedDay === undefined ? null : formatIsoDate(i.closedDay),
  ]);
}

function errorOf(run: () => unknown): {
  code: string;
  issues: { field: string; value: unknown; message: string }[];
} {
  try {
    run();
  } catch (caught) {
    return caught as { code: string; issues: { field: string; value: unknown; message: string }[] };
  }
  throw new Error("expected a refusal");
}

describe("reschedule with two tiers on 2024-02-15 (100.00 for 2 installments, then 200.00)", () => {
  // Tier 1 (installments 1–2 of the new schedule) pays 100.00 of principal and interest:
  //   1 due 03-15: I = 753.72 · 0.01 = 7.5372 → 7.54; P = 100.00 − 7.54 = 92.46; B 661.26 (+ 3.64 carried:
  //     interest 11.18)
  //   2 due 04-15: I = 6.6126 → 6.61; P = 100.00 − 6.61 = 93.39; B 567.87
  // Tier 2 (installments 3–5) pays 200.00, the last repaying what remains:
  //   3 due 05-15: I = 5.6787 → 5.68; P = 194.32; B 373.55
  //   4 due 06-15: I = 3.7355 → 3.74; P = 196.26; B 177.29
  //   5 due 07-15: I = 1.7729 → 1.77; P = 177.29 (the rest); total 179.06
  // Principal: 92.46 + 93.39 + 194.32 + 196.26 + 177.29 = 753.72, the balance rescheduled.
  const expected = [
    ["2024-02-01", 24628, 1000, "2024-02-01"],
    ["2024-03-15", 9246, 1118, null],
    ["2024-04-15", 9339, 661, null],
    ["2024-05-15", 19432, 568, null],
    ["2024-06-15", 19626, 374, null],
    ["2024-07-15", 17729, 177, null],
  ];

  it("builds the tiers' installments, the installment count taken from the last tier", () => {
    const state = replayLoan(loanOf(), events([FEB, RESCHEDULE]), day("2024-02-15"));
    expect(rows(state)).toEqual(expected);
    const newPrincipal = state.installments.slice(1).reduce((sum, i) => sum + i.scheduled.principal, 0);
    expect(newPrincipal).toBe(248_74 + 251_23 + 253_75);
    // Tier 1's installments are its amount, plus the carried interest on the first.
    expect(state.installments.slice(1, 3).map((i) => i.scheduled.principal + i.scheduled.interest)).toEqual([
      10000 + 364,
      10000,
    ]);
  });

  it("gives the same schedule when installments is given and equals the last tier's end", () => {
    const state = replayLoan(loanOf(), events([FEB, { ...RESCHEDULE, installments: 5 }]), day("2024-02-15"));
    expect(rows(state)).toEqual(expected);
  });

  it("closes the loan with nothing left when every new installment is paid as scheduled", () => {
    // 103.64 (100.00 + 3.64 carried), 100.00, 200.00, 200.00 and the last 177.29 + 1.77 = 179.06.
    const paid = [
      repayment("p1", "2024-03-15", 10364),
      repayment("p2", "2024-04-15", 10000),
      repayment("p3", "2024-05-15", 20000),
      repayment("p4", "2024-06-15", 20000),
      repayment("p5", "2024-07-15", 17906),
    ];
    const state = replayLoan(loanOf(), [...events([FEB, RESCHEDULE]), ...paid], day("2024-07-15"));
    expect(state.status).toBe("closed");
    expect(state.outstanding.principal).toBe(0);
    expect(state.installments.every((i) => i.closedDay !== undefined)).toBe(true);
  });
});

describe("after a reschedule with tiers", () => {
  it("a rate change spreads what is left in level installments over the remaining dates, principal conserved", () => {
    // Installment 1 of the new schedule paid (100.00 + 3.64): 753.72 − 92.46 = 661.26 left over 4 installments
    // (04-15 … 07-15). The rate change on 03-15 recalculates them: a plan's tiers are not kept by a
    // recalculation (servicing-rules.md §8), so the 4 become level; their principal parts still add up to 661.26.
    const state = replayLoan(
      loanOf(),
      [
        ...events([FEB, RESCHEDULE, { id: "rc", type: "rate-change", date: "2024-03-15", rate: "24" }]),
        repayment("p1", "2024-03-15", 10364),
      ],
      day("2024-03-15"),
    );
    const open = state.installments.filter((i) => i.closedDay === undefined);
    expect(open.map((i) => formatIsoDate(i.dueDay))).toEqual([
      "2024-04-15",
      "2024-05-15",
      "2024-06-15",
      "2024-07-15",
    ]);
    expect(open.reduce((sum, i) => sum + i.scheduled.principal, 0)).toBe(66126);
    expect(state.outstanding.principal).toBe(66126);
  });
});

describe("reschedule tiers refused", () => {
  const reschedule = (fields: Record<string, unknown>) =>
    errorOf(() => events([FEB, { ...RESCHEDULE, ...fields }])).issues.map((issue) => [
      issue.field,
      issue.value,
    ]);

  it("refuses tiers with a gap, an overlap, or not starting at 1, naming the tier", () => {
    expect(
      reschedule({
        tiers: [
          { from: 1, to: 2, amount: "100.00" },
          { from: 4, to: 5, amount: "200.00" },
        ],
      }),
    ).toEqual([["events[1].tiers[1]", { from: 4, to: 5, amount: "200.00" }]]);
    expect(
      reschedule({
        tiers: [
          { from: 1, to: 3, amount: "100.00" },
          { from: 3, to: 5, amount: "200.00" },
        ],
      }),
    ).toEqual([["events[1].tiers[1]", { from: 3, to: 5, amount: "200.00" }]]);
    expect(reschedule({ tiers: [{ from: 2, to: 5, amount: "100.00" }] })).toEqual([
      ["events[1].tiers[0]", { from: 2, to: 5, amount: "100.00" }],
    ]);
  });

  it("refuses tiers past installments, or ending before it", () => {
    const past = errorOf(() => events([FEB, { ...RESCHEDULE, installments: 4 }])).issues;
    expect(past.map((issue) => [issue.field, issue.value, issue.message])).toEqual([
      ["events[1].tiers[1].to", 5, "must be at most installments (4)"],
    ]);
    const short = errorOf(() => events([FEB, { ...RESCHEDULE, installments: 6 }])).issues;
    expect(short.map((issue) => [issue.field, issue.value])).toEqual([["events[1].tiers", TWO_TIERS]]);
    expect(short[0]?.message).toContain("the last tier ends at 5 but installments is 6");
  });

  it("refuses tiers with a payment holiday or interest-only installments", () => {
    expect(reschedule({ holidayInstallments: 1 })).toEqual([["events[1].holidayInstallments", 1]]);
    expect(reschedule({ interestOnlyInstallments: 0 })).toEqual([["events[1].interestOnlyInstallments", 0]]);
  });

  it("refuses a tier amount that is not money of the currency", () => {
    expect(reschedule({ tiers: [{ from: 1, to: 5, amount: "100.001" }] })).toEqual([
      ["events[1].tiers[0].amount", "100.001"],
    ]);
  });

  it("refuses, at the tier, an amount below an installment's interest (the engine's check)", () => {
    // Tier 2 at 5.00: installment 3's interest is 5.68 (above), more than it pays.
    const low = errorOf(() =>
      replayLoan(
        loanOf(),
        events([
          FEB,
          {
            ...RESCHEDULE,
            tiers: [
              { from: 1, to: 2, amount: "100.00" },
              { from: 3, to: 5, amount: "5.00" },
            ],
          },
        ]),
        day("2024-02-15"),
      ),
    );
    expect(low.code).toBe("INVALID_EVENT");
    expect(low.issues.map((issue) => [issue.field, issue.value])).toEqual([
      ["events[1].tiers[1].amount", 500],
    ]);
    expect(low.issues[0]?.message).toContain("installment 3 pays 500 minor units but its interest is 568");
    // Tier 1 at 7.00: installment 1's interest is 7.54.
    const first = errorOf(() =>
      replayLoan(
        loanOf(),
        events([FEB, { ...RESCHEDULE, tiers: [{ from: 1, to: 3, amount: "7.00" }] }]),
        day("2024-02-15"),
      ),
    );
    expect(first.issues.map((issue) => [issue.field, issue.value])).toEqual([
      ["events[1].tiers[0].amount", 700],
    ]);
  });

  it("refuses tiers on a loan whose installments are not level payments (classic)", () => {
    const classic = errorOf(() =>
      replayLoan(loanOf("classic"), events([FEB, RESCHEDULE]), day("2024-02-15")),
    );
    expect(classic.issues.map((issue) => [issue.field, issue.value])).toEqual([
      ["events[1].tiers", "classic"],
    ]);
  });
});
