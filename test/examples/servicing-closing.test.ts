// Servicing: the closing rule, `scheduled` vs `accrued`, for a payment in the middle of a period
// (servicing-rules.md §5.1, §5.2, §6 close-forward), every figure derived by hand from the spec. Amounts are in
// cents (minor units).
//
// Base loan: 1000.00 USD at 12 %/year, classic, 4 monthly installments from 2024-01-01 (ρ = 0.01 a month), a
// 5.00 fee per installment (timing end), default waterfall (penalty, fee, interest, principal), overpayment
// `close-forward` (no recalculation):
//   #  due         principal  interest  fee
//   1  2024-02-01  250.00     10.00     5.00   = 265.00
//   2  2024-03-01  250.00      7.50     5.00
//   3  2024-04-01  250.00      5.00     5.00
//   4  2024-05-01  250.00      2.50     5.00
// The payment is on 2024-01-16, day 15 of installment 1's 31-day period: interest accrued
// round(1000 · 15/31) = round(483.87…) = 4.84; the fee (timing end) has not accrued (it accrues on 02-01).
// Installment 1 is the current one ("due"); 2–4 are not yet due.
//   scheduled: payable = scheduled − paid → fee 5.00, interest 10.00, principal 250.00 (265.00)
//   accrued:   payable = principal 250.00; interest and fee what accrued → fee 0, interest 4.84 (254.84)
import { describe, expect, it } from "vitest";
import {
  formatIsoDate,
  type LoanEvent,
  type LoanState,
  openLoan,
  parseServicingRules,
  parseTerms,
  replayLoan,
  type ServicedLoan,
} from "../../src/index.ts";
import { day } from "../support/servicing-events.ts";

function loanOf(closing: "scheduled" | "accrued"): ServicedLoan {
  const terms = parseTerms({
    principal: "1000.00",
    currency: "USD",
    disbursementDate: "2024-01-01",
    installments: 4,
    loanType: "classic",
    interest: { rate: "12", per: "year" },
    fees: [{ name: "service", amount: "5.00", charge: "installment" }],
  });
  return openLoan(terms, parseServicingRules({ closing, overpayment: "close-forward" }, 2));
}

function payOnJanuary16(closing: "scheduled" | "accrued", amountMinor: number, asOf: string): LoanState {
  const event: LoanEvent = {
    id: "mid",
    type: "repayment",
    day: day("2024-01-16"),
    amountMinor,
    overpayment: undefined,
  };
  return replayLoan(loanOf(closing), [event], day(asOf));
}

/** [principal, interest, fee, penalty] of one group of amounts of each installment. */
function each(state: LoanState, group: "scheduled" | "paid" | "outstanding" | "accrued"): number[][] {
  return state.installments.map((i) => [
    i[group].principal,
    i[group].interest,
    i[group].fee,
    i[group].penalty,
  ]);
}

function cancelled(state: LoanState): [string, number, string, number, string | undefined][] {
  return state.cashFlow
    .filter((line) => line.kind === "cancelled")
    .map((line) => [formatIsoDate(line.day), line.installment, line.component, line.amountMinor, line.event]);
}

const UNTOUCHED = [
  [25000, 750, 500, 0],
  [25000, 500, 500, 0],
  [25000, 250, 500, 0],
];

describe("closing rule scheduled: the current installment's interest and fee are payable ahead of accrual", () => {
  it("265.00 on 01-16 closes installment 1 in full; nothing is cancelled", () => {
    const state = payOnJanuary16("scheduled", 26500, "2024-01-16");
    expect(each(state, "paid")[0]).toEqual([25000, 1000, 500, 0]);
    expect(each(state, "scheduled")[0]).toEqual([25000, 1000, 500, 0]); // unchanged
    expect(state.installments[0]?.closedDay).toBe(day("2024-01-16"));
    expect(cancelled(state)).toEqual([]);
    // Interest paid ahead of accrual is prepaid: accrued 4.84, paid 10.00, outstanding max(0, 484 − 1000) = 0.
    expect(state.installments[0]?.accrued.interest).toBe(484);
    expect(state.installments[0]?.outstanding.interest).toBe(0);
    // Installments 2–4 are untouched, and nothing is left over.
    expect(each(state, "scheduled").slice(1)).toEqual(UNTOUCHED);
    expect(each(state, "paid").slice(1)).toEqual([
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(state.creditBalanceMinor).toBe(0);
    expect(state.outstanding.principal).toBe(75000);
  });

  it("254.84 on 01-16 pays fee 5.00, interest 10.00, principal 239.84 and leaves 10.16 of principal open", () => {
    // 25484 − 500 − 1000 = 23984 of principal; 25000 − 23984 = 1016 still owed → not closed
    const state = payOnJanuary16("scheduled", 25484, "2024-02-01");
    expect(each(state, "paid")[0]).toEqual([23984, 1000, 500, 0]);
    expect(state.installments[0]?.closedDay).toBeUndefined();
    // On its due date everything has accrued: only the 10.16 of principal is outstanding.
    expect(each(state, "outstanding")[0]).toEqual([1016, 0, 0, 0]);
    expect(cancelled(state)).toEqual([]);
  });

  it("a partial 100.00 on 01-16 pays fee 5.00, interest 10.00, principal 85.00", () => {
    const state = payOnJanuary16("scheduled", 10000, "2024-01-16");
    expect(each(state, "paid")[0]).toEqual([8500, 1000, 500, 0]);
    expect(state.installments[0]?.closedDay).toBeUndefined();
  });
});

describe("closing rule accrued: only what has accrued is payable; closing cancels the rest", () => {
  it("254.84 on 01-16 closes installment 1 and cancels interest 5.16 and the 5.00 fee", () => {
    // pays fee 0, interest 484, principal 25000; cancels 1000 − 484 = 516 of interest and the whole fee 500
    const state = payOnJanuary16("accrued", 25484, "2024-01-16");
    expect(each(state, "paid")[0]).toEqual([25000, 484, 0, 0]);
    expect(state.installments[0]?.closedDay).toBe(day("2024-01-16"));
    expect(each(state, "scheduled")[0]).toEqual([25000, 484, 0, 0]); // reduced to what accrued
    expect(cancelled(state)).toEqual([
      ["2024-01-16", 1, "interest", 516, "mid"],
      ["2024-01-16", 1, "fee", 500, "mid"],
    ]);
    expect(each(state, "outstanding")[0]).toEqual([0, 0, 0, 0]);
    // Installments 2–4 keep their schedule; nothing was paid on them.
    expect(each(state, "scheduled").slice(1)).toEqual(UNTOUCHED);
    expect(state.creditBalanceMinor).toBe(0);
  });

  it("after closing, installment 1 accrues nothing more: on 02-01 its interest is 4.84 and its fee 0", () => {
    const state = payOnJanuary16("accrued", 25484, "2024-02-01");
    expect(each(state, "accrued")[0]).toEqual([25000, 484, 0, 0]);
    expect(each(state, "outstanding")[0]).toEqual([0, 0, 0, 0]);
    expect(state.outstanding).toEqual({ principal: 75000, interest: 0, fee: 0, penalty: 0 });
    expect(state.daysPastDue).toBe(0);
    // §5.1: the current installment is the first with due ≥ d. On 02-01 that is still installment 1 (closed),
    // so installment 2 is not yet due; from 02-02 it is the current one.
    expect(state.installments[1]?.bucket).toBe("not-yet-due");
    expect(payOnJanuary16("accrued", 25484, "2024-02-02").installments[1]?.bucket).toBe("due");
  });

  it("265.00 on 01-16 (the whole installment): 10.16 left over goes to installment 2's principal", () => {
    // waterfall: fee 0, interest 484, principal 25000 → 26500 − 25484 = 1016 left; #1 closes, cancelling
    // 516 of interest and 500 of fee. close-forward: #2 is not yet due, and under `accrued` only its
    // principal is payable (no interest or fee of a future period has accrued) → principal 1016.
    const state = payOnJanuary16("accrued", 26500, "2024-01-16");
    expect(each(state, "paid")).toEqual([
      [25000, 484, 0, 0],
      [1016, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(state.installments.map((i) => i.closedDay)).toEqual([
      day("2024-01-16"),
      undefined,
      undefined,
      undefined,
    ]);
    // #2 keeps its scheduled interest and fee (not cancelled: it did not close); 239.84 of principal remains.
    expect(each(state, "scheduled")[1]).toEqual([25000, 750, 500, 0]);
    expect(state.installments[1]?.outstanding.principal).toBe(23984);
    expect(cancelled(state)).toEqual([
      ["2024-01-16", 1, "interest", 516, "mid"],
      ["2024-01-16", 1, "fee", 500, "mid"],
    ]);
    expect(state.creditBalanceMinor).toBe(0);
    // 1000.00 − 250.00 − 10.16 = 739.84 of principal outstanding
    expect(state.outstanding.principal).toBe(73984);
  });

  it("a partial 100.00 on 01-16 pays interest 4.84 and principal 95.16 (no fee: it has not accrued)", () => {
    const state = payOnJanuary16("accrued", 10000, "2024-01-16");
    expect(each(state, "paid")[0]).toEqual([9516, 484, 0, 0]);
    expect(state.installments[0]?.closedDay).toBeUndefined();
    expect(cancelled(state)).toEqual([]);
  });
});
