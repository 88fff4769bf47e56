// Servicing: late payment — late grace days, past-due interest and the late fee (servicing-rules.md §4), every
// figure derived by hand from the spec. Amounts are in cents (minor units).
//
// Base loan: 1000.00 USD at 12 %/year, classic, 4 monthly installments from 2024-01-01 (ρ = 0.01 a month).
// Installment 1: principal 250.00, interest 1000.00 · 0.01 = 10.00, due 2024-02-01; 260.00 in all.
//
// Rules: 5 late grace days → trigger day T = due + g + 1 = 02-01 + 6 = 2024-02-07; past-due interest 24 %/year
// on 365 days; a late fee of 15.00 (or 5 %).
// Daily past-due interest, round(B · 24/100 / 365), half-even:
//   B = 250.00 (principal)              → 25000 · 24 / 36500 = 16.438… → 16
//   B = 260.00 (principal + interest)   → 26000 · 24 / 36500 = 17.095… → 17
//   B = 160.00                          → 16000 · 24 / 36500 = 10.520… → 11
// Each day t > due is charged on the base at the end of day t − 1; days 02-02 … 02-06 are held and charged on
// T together with T's own day, if the installment is still overdue then.
import { describe, expect, it } from "vitest";
import {
  type LoanEvent,
  type LoanState,
  openLoan,
  parseServicingRules,
  parseTerms,
  replayLoan,
  type ServicedLoan,
} from "../../src/index.ts";
import { day, repayment } from "../support/servicing-events.ts";

function loanOf(rules: Record<string, unknown>): ServicedLoan {
  const terms = parseTerms({
    principal: "1000.00",
    currency: "USD",
    disbursementDate: "2024-01-01",
    installments: 4,
    loanType: "classic",
    interest: { rate: "12", per: "year" },
  });
  return openLoan(terms, parseServicingRules(rules, 2));
}

function stateOn(loan: ServicedLoan, asOf: string, events: readonly LoanEvent[] = []): LoanState {
  return replayLoan(loan, events, day(asOf));
}

const PAST_DUE = { rate: "24", daysInYear: 365, base: "principal" };
const RULES = { lateGraceDays: 5, pastDueInterest: PAST_DUE, lateFee: { amount: "15.00" } };

/** The penalty charged so far on installment 1. */
function penalty1(state: LoanState): number | undefined {
  return state.installments[0]?.scheduled.penalty;
}

describe("nothing paid: held during the grace days, charged on the trigger day (§4)", () => {
  const loan = loanOf(RULES);

  it("charges nothing up to T − 1 = 02-06 (the amounts are held)", () => {
    expect(penalty1(stateOn(loan, "2024-02-01"))).toBe(0);
    expect(penalty1(stateOn(loan, "2024-02-02"))).toBe(0);
    expect(penalty1(stateOn(loan, "2024-02-06"))).toBe(0);
  });

  it("charges on T = 02-07 the 5 held days, T's own day and the 15.00 late fee: 15.96", () => {
    // held 02-02 … 02-06: 5 · 16 = 80; 02-07: 16; late fee 1500 → 80 + 16 + 1500 = 1596
    expect(penalty1(stateOn(loan, "2024-02-07"))).toBe(1596);
  });

  it("then 16 cents every day: 02-08 → 16.12, 02-10 → 16.44", () => {
    expect(penalty1(stateOn(loan, "2024-02-08"))).toBe(1612); // 1596 + 16
    expect(penalty1(stateOn(loan, "2024-02-10"))).toBe(1644); // 9 days · 16 = 144, + 1500
    const state = stateOn(loan, "2024-02-10");
    expect(state.installments[0]?.outstanding.penalty).toBe(1644);
    expect(state.outstanding.penalty).toBe(1644); // installment 2 is not overdue yet
  });
});

describe("paid within the grace days: no penalty at all (§4)", () => {
  it("260.00 on T − 1 = 02-06 closes installment 1; the held 5 · 16 = 80 cents are dropped", () => {
    const loan = loanOf(RULES);
    const state = stateOn(loan, "2024-02-20", [repayment("late", "2024-02-06", 26000)]);
    const first = state.installments[0];
    // The waterfall (penalty, fee, interest, principal) pays 0, 0, 10.00, 250.00.
    expect(first?.paid).toEqual({ principal: 25000, interest: 1000, fee: 0, penalty: 0 });
    expect(first?.scheduled.penalty).toBe(0);
    expect(first?.closedDay).toBe(day("2024-02-06"));
    expect(state.cashFlow.filter((line) => line.component === "penalty")).toEqual([]);
    expect(state.totals.paid.penalty).toBe(0);
    expect(state.daysPastDue).toBe(0);
  });
});

describe("paid after the grace days: past-due interest for every day since the due date, plus the fee", () => {
  it("on T = 02-07 the day's charges come first (§2): 275.96 = 250.00 + 10.00 + 15.96 closes it", () => {
    const loan = loanOf(RULES);
    const state = stateOn(loan, "2024-02-20", [repayment("late", "2024-02-07", 27596)]);
    const first = state.installments[0];
    // penalty 80 (held) + 16 + 1500 = 1596, paid first by the waterfall
    expect(first?.scheduled.penalty).toBe(1596);
    expect(first?.paid).toEqual({ principal: 25000, interest: 1000, fee: 0, penalty: 1596 });
    expect(first?.closedDay).toBe(day("2024-02-07"));
    expect(state.creditBalanceMinor).toBe(0);
    expect(state.installments[1]?.paid).toEqual({ principal: 0, interest: 0, fee: 0, penalty: 0 });
  });

  it("on 02-10: 9 days (02-02 … 02-10) · 16 + 15.00 = 16.44; 276.44 closes it and nothing more accrues", () => {
    const loan = loanOf(RULES);
    const state = stateOn(loan, "2024-02-20", [repayment("late", "2024-02-10", 27644)]);
    const first = state.installments[0];
    expect(first?.scheduled.penalty).toBe(1644);
    expect(first?.paid).toEqual({ principal: 25000, interest: 1000, fee: 0, penalty: 1644 });
    expect(first?.closedDay).toBe(day("2024-02-10"));
    expect(state.outstanding.penalty).toBe(0);
    expect(state.totals.paid.penalty).toBe(1644);
  });

  it("base principal-interest: 17 a day on 260.00 → 02-07: 6 · 17 + 15.00 = 16.02; 02-10: 9 · 17 + 15.00", () => {
    const loan = loanOf({ ...RULES, pastDueInterest: { ...PAST_DUE, base: "principal-interest" } });
    expect(penalty1(stateOn(loan, "2024-02-06"))).toBe(0);
    expect(penalty1(stateOn(loan, "2024-02-07"))).toBe(1602); // 102 + 1500
    expect(penalty1(stateOn(loan, "2024-02-10"))).toBe(1653); // 153 + 1500
  });

  it("percent late fee: 5 % of principal + interest outstanding at the end of 02-06 = 5 % · 260.00 = 13.00", () => {
    const loan = loanOf({ ...RULES, lateFee: { percent: "5" } });
    // 96 of past-due interest (base principal) + 1300
    expect(penalty1(stateOn(loan, "2024-02-07"))).toBe(1396);
    expect(penalty1(stateOn(loan, "2024-02-08"))).toBe(1412);
  });

  it("past-due interest only (no late fee): 6 · 16 = 96 on T", () => {
    const loan = loanOf({ lateGraceDays: 5, pastDueInterest: PAST_DUE });
    expect(penalty1(stateOn(loan, "2024-02-06"))).toBe(0);
    expect(penalty1(stateOn(loan, "2024-02-07"))).toBe(96);
  });

  it("late fee only, no grace: 15.00 on 02-02 (T = due + 1), once", () => {
    const loan = loanOf({ lateFee: { amount: "15.00" } });
    expect(penalty1(stateOn(loan, "2024-02-01"))).toBe(0);
    expect(penalty1(stateOn(loan, "2024-02-02"))).toBe(1500);
    expect(penalty1(stateOn(loan, "2024-02-25"))).toBe(1500);
  });
});

describe("a partial payment during the grace days changes the daily base (§4)", () => {
  // 100.00 on 02-04 (the installment is past due): penalty 0 (nothing charged yet), fee 0, interest 10.00,
  // principal 90.00 → principal outstanding 160.00. Still overdue, so on T everything held is charged:
  //   02-02, 02-03, 02-04: base at the end of the day before = 250.00 → 16 each = 48
  //   02-05, 02-06, 02-07: base 160.00 → 11 each = 33
  const partial = [repayment("part", "2024-02-04", 10000)];

  it("fixed fee: 48 + 33 + 15.00 = 15.81 on 02-07, then 11 a day", () => {
    const loan = loanOf(RULES);
    expect(stateOn(loan, "2024-02-04", partial).installments[0]?.paid).toEqual({
      principal: 9000,
      interest: 1000,
      fee: 0,
      penalty: 0,
    });
    expect(penalty1(stateOn(loan, "2024-02-06", partial))).toBe(0);
    expect(penalty1(stateOn(loan, "2024-02-07", partial))).toBe(1581);
    expect(penalty1(stateOn(loan, "2024-02-08", partial))).toBe(1592); // + 11
  });

  it("percent fee: 5 % of the 160.00 left at the end of 02-06 = 8.00 → 48 + 33 + 800 = 8.81", () => {
    const loan = loanOf({ ...RULES, lateFee: { percent: "5" } });
    expect(penalty1(stateOn(loan, "2024-02-07", partial))).toBe(881);
  });

  it("base principal-interest: 17 · 3 on 260.00, then 11 · 3 on 160.00 (interest paid) → 51 + 33 + 15.00", () => {
    const loan = loanOf({ ...RULES, pastDueInterest: { ...PAST_DUE, base: "principal-interest" } });
    expect(penalty1(stateOn(loan, "2024-02-07", partial))).toBe(1584);
  });

  it("paying the rest (160.00) on 02-06, still within grace, drops everything held", () => {
    const loan = loanOf(RULES);
    const state = stateOn(loan, "2024-02-20", [...partial, repayment("rest", "2024-02-06", 16000)]);
    expect(state.installments[0]?.paid).toEqual({ principal: 25000, interest: 1000, fee: 0, penalty: 0 });
    expect(state.installments[0]?.closedDay).toBe(day("2024-02-06"));
    expect(state.totals.paid.penalty).toBe(0);
    expect(state.outstanding.penalty).toBe(0);
  });
});

describe("an installment with only its penalty unpaid is not overdue (§4)", () => {
  // Interest-first waterfall: 260.00 on 02-10 pays interest 10.00 and principal 250.00 and leaves the
  // 16.44 penalty (9 · 16 + 1500). From then on nothing of principal, interest or fee is outstanding, so no
  // past-due interest accrues and the installment does not count for days past due.
  it("stops the past-due interest and the days past due, and keeps the penalty owed", () => {
    const loan = loanOf({
      ...RULES,
      waterfall: [
        {
          buckets: ["past-due", "due"],
          components: ["interest", "principal", "fee", "penalty"],
          direction: "horizontal",
        },
      ],
    });
    const events = [repayment("late", "2024-02-10", 26000)];
    const state = stateOn(loan, "2024-02-20", events);
    const first = state.installments[0];
    expect(first?.paid).toEqual({ principal: 25000, interest: 1000, fee: 0, penalty: 0 });
    expect(first?.scheduled.penalty).toBe(1644); // no day after 02-10 was charged
    expect(first?.outstanding.penalty).toBe(1644);
    expect(first?.closedDay).toBeUndefined();
    expect(state.daysPastDue).toBe(0);
    expect(state.delinquency).toBe("current");
  });
});
