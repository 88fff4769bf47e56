// Pay-off and write-off (docs/reference/servicing-rules.md §9, with §5.1 for what is payable and §7 for the
// payoff and repayment events). Every expected figure is derived by hand in the comment next to it; amounts
// are in minor units (cents).
//
// Loan: 1,000.00 USD at 12 %/year, 3 monthly installments from 2024-01-01, installment based (ρ = 0.01):
// A = 1000 · 0.01 / (1 − 1.01^−3) = 340.0221 → 340.02 (schedule-rules.md §5.1)
//   1: 01-01 → 02-01 (31 days): I 10.00;         P 330.02; B 669.98
//   2: 02-01 → 03-01 (29 days): I 6.6998 → 6.70;  P 333.32; B 336.66
//   3: 03-01 → 04-01 (31 days): I 3.3666 → 3.37;  P 336.66; total 340.03
import { describe, expect, it } from "vitest";
import { formatIsoDate } from "../../src/core/calendar-date.ts";
import { TenorError } from "../../src/core/errors.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { DEFAULT_SERVICING_RULES } from "../../src/servicing/default-rules.ts";
import { openLoan, replayLoan, type ServicedLoan } from "../../src/servicing/service-loan.ts";
import type {
  ClosingRule,
  LoanEvent,
  LoanState,
  OverpaymentMode,
  ServicingRules,
} from "../../src/servicing/types.ts";
import { day, repayment } from "../support/servicing-events.ts";

const TERMS = parseTerms({
  principal: "1000.00",
  currency: "USD",
  disbursementDate: "2024-01-01",
  installments: 3,
  interest: { rate: "12", per: "year" },
});

function loanOf(rules: Partial<ServicingRules> = {}): ServicedLoan {
  return openLoan(TERMS, { ...DEFAULT_SERVICING_RULES, ...rules });
}

function payoff(id: string, iso: string, amountMinor?: number): LoanEvent {
  return { id, type: "payoff", day: day(iso), amountMinor };
}

/** Per installment: [scheduled I, paid P, paid I, written-off P, written-off I, closed on (or null)]. */
function rows(state: LoanState): unknown[] {
  return state.installments.map((i) => [
    i.scheduled.interest,
    i.paid.principal,
    i.paid.interest,
    i.writtenOff.principal,
    i.writtenOff.interest,
    i.closedDay === undefined ? null : formatIsoDate(i.closedDay),
  ]);
}

const ZERO = { principal: 0, interest: 0, fee: 0, penalty: 0 };

describe("the pay-off quote (§9) by date, closing rule and overpayment mode, with no payment made", () => {
  // payoff(d) = payable of past-due and due installments + for the not-yet-due ones: their payable amounts
  // (close-forward/close-backward) or their unpaid principal (reduce-term/reduce-installment). §5.1: under
  // rule scheduled the due installment's whole interest is payable; under rule accrued only what accrued by
  // d, and nothing but principal of a not-yet-due installment.
  const quote = (closing: ClosingRule, overpayment: OverpaymentMode, iso: string) =>
    replayLoan(loanOf({ closing, overpayment }), [], day(iso)).payoffMinor;

  it("on the disbursement date 2024-01-01", () => {
    // Installment 1 is due (the first due on or after 01-01), 2 and 3 not yet due; nothing has accrued.
    // scheduled, closing modes: 340.02 + 340.02 + 340.03 = 1,020.07
    // scheduled, reducing modes: 340.02 + 333.32 + 336.66 = 1,010.00
    // accrued (any mode): 330.02 + 0 interest + 333.32 + 336.66 = 1,000.00
    expect(quote("scheduled", "close-forward", "2024-01-01")).toBe(102007);
    expect(quote("scheduled", "close-backward", "2024-01-01")).toBe(102007);
    expect(quote("scheduled", "reduce-term", "2024-01-01")).toBe(101000);
    expect(quote("scheduled", "reduce-installment", "2024-01-01")).toBe(101000);
    expect(quote("accrued", "close-forward", "2024-01-01")).toBe(100000);
    expect(quote("accrued", "close-backward", "2024-01-01")).toBe(100000);
    expect(quote("accrued", "reduce-term", "2024-01-01")).toBe(100000);
    expect(quote("accrued", "reduce-installment", "2024-01-01")).toBe(100000);
  });

  it("on 2024-01-16, 15 days into installment 1", () => {
    // Accrued interest of installment 1: round(1000 · 15/31) = round(483.87) = 4.84.
    // scheduled: unchanged, 1,020.07 (closing) and 1,010.00 (reducing).
    // accrued: 1,000.00 + 4.84 = 1,004.84.
    expect(quote("scheduled", "close-forward", "2024-01-16")).toBe(102007);
    expect(quote("scheduled", "reduce-term", "2024-01-16")).toBe(101000);
    expect(quote("accrued", "close-backward", "2024-01-16")).toBe(100484);
    expect(quote("accrued", "reduce-installment", "2024-01-16")).toBe(100484);
  });

  it("on 2024-02-15, installment 1 past due and 14 days into installment 2", () => {
    // Installment 1 past due: 340.02 in full. Installment 2 due, accrued round(670 · 14/29) = round(323.45)
    // = 3.23.
    // scheduled, closing: 340.02 + 340.02 + 340.03 = 1,020.07
    // scheduled, reducing: 340.02 + 340.02 + 336.66 = 1,016.70
    // accrued: 340.02 + (333.32 + 3.23) + 336.66 = 1,013.23
    expect(quote("scheduled", "close-forward", "2024-02-15")).toBe(102007);
    expect(quote("scheduled", "reduce-installment", "2024-02-15")).toBe(101670);
    expect(quote("accrued", "close-forward", "2024-02-15")).toBe(101323);
    expect(quote("accrued", "reduce-term", "2024-02-15")).toBe(101323);
  });

  it("after maturity (2024-04-10) everything is past due and accrued: 1,020.07 under every rule", () => {
    for (const closing of ["scheduled", "accrued"] as const) {
      for (const mode of ["close-forward", "close-backward", "reduce-term", "reduce-installment"] as const) {
        expect(quote(closing, mode, "2024-04-10"), `${closing} ${mode}`).toBe(102007);
      }
    }
  });

  it("after installment 1 is paid on its due date, on 2024-03-10", () => {
    // 340.02 on 02-01 closes installment 1. On 03-10 installment 2 is past due (340.02), installment 3 due,
    // accrued round(337 · 9/31) = round(97.84) = 0.98.
    // scheduled: 340.02 + 340.03 = 680.05 (any mode: no installment is left not yet due)
    // accrued: 340.02 + 336.66 + 0.98 = 677.66
    const events = [repayment("feb", "2024-02-01", 34002)];
    expect(replayLoan(loanOf(), events, day("2024-03-10")).payoffMinor).toBe(68005);
    expect(replayLoan(loanOf({ closing: "accrued" }), events, day("2024-03-10")).payoffMinor).toBe(67766);
  });
});

describe("a payoff event (§7, §9)", () => {
  it("closes the loan on 02-15 (rule scheduled, reduce-term) with nothing outstanding and no credit", () => {
    // Quote on 02-15: 1,016.70 (above). Allocation: past-due installment 1: 10.00 + 330.02; due installment 2
    // (scheduled interest payable in advance): 6.70 + 333.32; left 336.66 is the overpayment: reduce-term
    // pays it as principal on installment 2 (333.32 + 336.66 = 669.98), installment 3 is left with nothing and
    // is removed (§8.1).
    const state = replayLoan(loanOf(), [payoff("off", "2024-02-15")], day("2024-03-31"));
    expect(rows(state)).toEqual([
      [1000, 33002, 1000, 0, 0, "2024-02-15"],
      [670, 66998, 670, 0, 0, "2024-02-15"],
    ]);
    expect(state.status).toBe("closed");
    expect(state.outstanding).toEqual(ZERO);
    expect([state.creditBalanceMinor, state.payoffMinor, state.totals.receivedMinor]).toEqual([0, 0, 101670]);
  });

  it("under rule accrued with close-forward it takes 1,013.23 and cancels the interest not accrued", () => {
    // Installment 1: 340.02; installment 2: principal 333.32 + accrued interest 3.23, closed, its 6.70 − 3.23
    // = 3.47 unaccrued interest cancelled; installment 3: principal 336.66, its 3.37 interest cancelled.
    const state = replayLoan(
      loanOf({ closing: "accrued", overpayment: "close-forward" }),
      [payoff("off", "2024-02-15", 101323)],
      day("2024-03-31"),
    );
    expect(rows(state)).toEqual([
      [1000, 33002, 1000, 0, 0, "2024-02-15"],
      [323, 33332, 323, 0, 0, "2024-02-15"],
      [0, 33666, 0, 0, 0, "2024-02-15"],
    ]);
    expect(state.status).toBe("closed");
    expect(state.outstanding).toEqual(ZERO);
    expect([state.creditBalanceMinor, state.payoffMinor, state.totals.receivedMinor]).toEqual([0, 0, 101323]);
  });

  it("is refused when its amount differs from the quote (1,016.69 against 1,016.70)", () => {
    let error: unknown;
    try {
      replayLoan(loanOf(), [payoff("off", "2024-02-15", 101669)], day("2024-02-15"));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TenorError);
    const refusal = error as TenorError;
    expect(refusal.code).toBe("INVALID_EVENT");
    expect(refusal.issues.map((i) => [i.field, i.value])).toEqual([["events[0].amount", 101669]]);
    // The list without it is unchanged: the quote is still 1,016.70.
    expect(replayLoan(loanOf(), [], day("2024-02-15")).payoffMinor).toBe(101670);
  });
});

describe("manual write-off (§9)", () => {
  // 340.02 on 02-01 closes installment 1; the loan is written off on 02-15.
  // Outstanding on 02-15: installment 2 principal 333.32 + interest accrued round(670 · 14/29) = 3.23;
  // installment 3 principal 336.66, no interest accrued (its period starts 03-01).
  // Written off: principal 333.32 + 336.66 = 669.98, interest 3.23. Cancelled (not accrued): installment 2
  // 6.70 − 3.23 = 3.47, installment 3 3.37.
  const events = [
    repayment("feb", "2024-02-01", 34002),
    { id: "wo", type: "write-off", day: day("2024-02-15") },
  ] as const;

  it("writes off everything outstanding and cancels the future interest", () => {
    const state = replayLoan(loanOf(), events, day("2024-03-31"));
    expect(state.status).toBe("written-off");
    expect(rows(state)).toEqual([
      [1000, 33002, 1000, 0, 0, "2024-02-01"],
      [323, 0, 0, 33332, 323, "2024-02-15"],
      [0, 0, 0, 33666, 0, "2024-02-15"],
    ]);
    expect(state.totals.writtenOff).toEqual({ principal: 66998, interest: 323, fee: 0, penalty: 0 });
    expect(state.outstanding).toEqual(ZERO);
    expect(state.payoffMinor).toBe(0);
    expect(
      state.cashFlow
        .filter((f) => f.kind === "cancelled")
        .map((f) => [f.installment, f.component, f.amountMinor]),
    ).toEqual([
      [2, "interest", 347],
      [3, "interest", 337],
    ]);
    // Ledger: write-off-expense against the component accounts.
    const writeOffs = state.postings.filter((p) => p.debit === "write-off-expense");
    expect(writeOffs.map((p) => [p.credit, p.amountMinor])).toEqual([
      ["loan-principal", 33332],
      ["interest-receivable", 323],
      ["loan-principal", 33666],
    ]);
  });

  it("counts a later repayment as a recovery, allocated to no installment", () => {
    // 100.00 on 03-10 after the write-off: cash in, recoveries income; the installments' paid amounts are
    // those of before (only 340.02 from 02-01).
    const state = replayLoan(
      loanOf(),
      [...events, repayment("late", "2024-03-10", 10000)],
      day("2024-03-31"),
    );
    expect(state.status).toBe("written-off");
    expect(state.totals.recoveredMinor).toBe(10000);
    expect(state.totals.receivedMinor).toBe(44002); // 340.02 + 100.00
    expect(state.totals.paid).toEqual({ principal: 33002, interest: 1000, fee: 0, penalty: 0 });
    expect(
      state.postings.filter((p) => p.event === "late").map((p) => [p.debit, p.credit, p.amountMinor]),
    ).toEqual([["cash", "recoveries", 10000]]);
  });
});

describe("automatic write-off below the tolerance (§7: 0 < payoff(d) < writeOffTolerance after a repayment)", () => {
  // Tolerance 5.00. Installments 1 and 2 paid on their due dates (340.02 each); on 04-01 installment 3 is due
  // with 3.37 + 336.66 = 340.03.
  const rules = { writeOffToleranceMinor: 500 };
  const paid = (lastAmount: number) => [
    repayment("feb", "2024-02-01", 34002),
    repayment("mar", "2024-03-01", 34002),
    repayment("apr", "2024-04-01", lastAmount),
  ];

  it("writes off 4.99 left after a 335.04 payment", () => {
    // 335.04: interest 3.37, principal 331.67 → 336.66 − 331.67 = 4.99 left; payoff 4.99 < 5.00 → written off.
    const state = replayLoan(loanOf(rules), paid(33504), day("2024-04-30"));
    expect(state.status).toBe("written-off");
    expect(state.totals.writtenOff).toEqual({ principal: 499, interest: 0, fee: 0, penalty: 0 });
    expect(state.outstanding).toEqual(ZERO);
    expect(
      state.postings
        .filter((p) => p.debit === "write-off-expense")
        .map((p) => [p.credit, p.amountMinor, p.event]),
    ).toEqual([["loan-principal", 499, "apr"]]);
  });

  it("does not write off 5.00 left after a 335.03 payment (equal to the tolerance)", () => {
    // 335.03: interest 3.37, principal 331.66 → 5.00 left; 5.00 is not below 5.00 → still active.
    const state = replayLoan(loanOf(rules), paid(33503), day("2024-04-30"));
    expect(state.status).toBe("active");
    expect(state.totals.writtenOff).toEqual(ZERO);
    expect(state.payoffMinor).toBe(500);
    expect(state.outstanding.principal).toBe(500);
  });
});
