// Servicing: the repayment waterfall (servicing-rules.md §5.1, §5.3) with two overdue installments and a
// partial payment, every figure derived by hand from the spec. Amounts are in cents (minor units).
//
// Base loan: 1000.00 USD at 12 %/year, classic, 4 monthly installments from 2024-01-01 (ρ = 0.01 a month),
// a 5.00 fee per installment (timing end: accrues on the due date), a 15.00 late fee with no late grace days
// (charged on due + 1 while overdue), closing rule `scheduled`, no past-due interest.
//
// Nothing is paid until 2024-03-05. On that day (after its accruals, §2):
//   #1 due 02-01, past due: principal 250.00, interest 10.00, fee 5.00, penalty 15.00 (charged 02-02) = 280.00
//   #2 due 03-01, past due: principal 250.00, interest  7.50, fee 5.00, penalty 15.00 (charged 03-02) = 277.50
//   #3 due 04-01, the current installment ("due"); under `scheduled` it may pay its scheduled amounts:
//      principal 250.00, interest 5.00 (accrued so far 500 · 4/31 = 64.5… → 65 cents), fee 5.00 (not accrued),
//      penalty 0
//   #4 not yet due.
// The past-due total is 280.00 + 277.50 = 557.50.
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
import { day } from "../support/servicing-events.ts";

type Step = { buckets: string[]; components: string[]; direction: "horizontal" | "vertical" };

function loanOf(waterfall: Step[] | undefined): ServicedLoan {
  const terms = parseTerms({
    principal: "1000.00",
    currency: "USD",
    disbursementDate: "2024-01-01",
    installments: 4,
    loanType: "classic",
    interest: { rate: "12", per: "year" },
    fees: [{ name: "service", amount: "5.00", charge: "installment" }],
  });
  const rules: Record<string, unknown> = { lateFee: { amount: "15.00" }, overpayment: "close-forward" };
  if (waterfall !== undefined) rules.waterfall = waterfall;
  return openLoan(terms, parseServicingRules(rules, 2));
}

/** The state at the end of 2024-03-05 after one repayment of `amountMinor` that day. */
function payOnMarch5(waterfall: Step[] | undefined, amountMinor: number): LoanState {
  const event: LoanEvent = {
    id: "pay",
    type: "repayment",
    day: day("2024-03-05"),
    amountMinor,
    overpayment: undefined,
  };
  return replayLoan(loanOf(waterfall), [event], day("2024-03-05"));
}

/** [principal, interest, fee, penalty] paid on each installment. */
function paidBy(state: LoanState): number[][] {
  return state.installments.map((i) => [i.paid.principal, i.paid.interest, i.paid.fee, i.paid.penalty]);
}

/** The allocation lines of the repayment, in the order they were made: [installment, component, amount]. */
function allocation(state: LoanState): [number, string, number][] {
  return state.cashFlow
    .filter((line) => line.kind === "paid")
    .map((line) => [line.installment, line.component, line.amountMinor]);
}

const ALL = ["past-due", "due"];
const PENALTY_FIRST = ["penalty", "fee", "interest", "principal"];
const INTEREST_FIRST = ["interest", "principal", "fee", "penalty"];

describe("before the payment", () => {
  it("holds two overdue installments with every component, and a current one", () => {
    const state = replayLoan(loanOf(undefined), [], day("2024-03-05"));
    const outstanding = state.installments.map((i) => [
      i.outstanding.principal,
      i.outstanding.interest,
      i.outstanding.fee,
      i.outstanding.penalty,
    ]);
    expect(outstanding).toEqual([
      [25000, 1000, 500, 1500],
      [25000, 750, 500, 1500],
      [25000, 65, 0, 0], // interest accrued 4 of 31 days; fee accrues on 04-01
      [25000, 0, 0, 0],
    ]);
    expect(state.installments.map((i) => i.bucket)).toEqual(["past-due", "past-due", "due", "not-yet-due"]);
    expect(state.daysPastDue).toBe(33); // 03-05 − 02-01 = 29 + 4
  });
});

describe("one step over both buckets, 300.00 paid on 2024-03-05", () => {
  it("horizontal, penalty first (the default): #1 in full, then #2's penalty and fee", () => {
    // #1: penalty 1500 (left 28500), fee 500 (28000), interest 1000 (27000), principal 25000 (2000)
    // #2: penalty 1500 (500), fee 500 (0)
    const state = payOnMarch5(undefined, 30000);
    expect(paidBy(state)).toEqual([
      [25000, 1000, 500, 1500],
      [0, 0, 500, 1500],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(allocation(state)).toEqual([
      [1, "penalty", 1500],
      [1, "fee", 500],
      [1, "interest", 1000],
      [1, "principal", 25000],
      [2, "penalty", 1500],
      [2, "fee", 500],
    ]);
    expect(state.installments[0]?.closedDay).toBe(day("2024-03-05"));
    expect(state.installments[1]?.closedDay).toBeUndefined();
    // #2 (due 03-01) is now the oldest with principal, interest or fee unpaid: 4 days.
    expect(state.daysPastDue).toBe(4);
  });

  it("horizontal, interest first: #1 in full, then #2's interest and 12.50 of its principal", () => {
    // #1: interest 1000 (29000), principal 25000 (4000), fee 500 (3500), penalty 1500 (2000)
    // #2: interest 750 (1250), principal 1250 (0)
    const state = payOnMarch5([{ buckets: ALL, components: INTEREST_FIRST, direction: "horizontal" }], 30000);
    expect(paidBy(state)).toEqual([
      [25000, 1000, 500, 1500],
      [1250, 750, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(state.installments[0]?.closedDay).toBe(day("2024-03-05"));
    // #2 keeps principal 237.50, fee 5.00 and penalty 15.00
    const second = state.installments[1];
    expect([second?.outstanding.principal, second?.outstanding.fee, second?.outstanding.penalty]).toEqual([
      23750, 500, 1500,
    ]);
    expect(state.daysPastDue).toBe(4);
  });

  it("vertical, penalty first: each component across #1, #2, #3 before the next component", () => {
    // penalty:   #1 1500, #2 1500, #3 0          → 30000 − 3000 = 27000
    // fee:       #1 500,  #2 500,  #3 500 (due: its scheduled fee is payable ahead of accrual) → 25500
    // interest:  #1 1000, #2 750,  #3 500 (its scheduled interest) → 25500 − 2250 = 23250
    // principal: #1 23250 → 0
    const state = payOnMarch5([{ buckets: ALL, components: PENALTY_FIRST, direction: "vertical" }], 30000);
    expect(paidBy(state)).toEqual([
      [23250, 1000, 500, 1500],
      [0, 750, 500, 1500],
      [0, 500, 500, 0],
      [0, 0, 0, 0],
    ]);
    expect(allocation(state)).toEqual([
      [1, "penalty", 1500],
      [2, "penalty", 1500],
      [1, "fee", 500],
      [2, "fee", 500],
      [3, "fee", 500],
      [1, "interest", 1000],
      [2, "interest", 750],
      [3, "interest", 500],
      [1, "principal", 23250],
    ]);
    // Nothing closes: #1 still owes 17.50 of principal, so days past due still count from 02-01.
    expect(state.installments.map((i) => i.closedDay)).toEqual([undefined, undefined, undefined, undefined]);
    expect(state.installments[0]?.outstanding.principal).toBe(1750);
    expect(state.daysPastDue).toBe(33);
    expect(state.delinquency).toBe("31-60");
  });

  it("vertical, interest first: interest of all three, then principal of #1 and #2", () => {
    // interest:  #1 1000, #2 750, #3 500 → 30000 − 2250 = 27750
    // principal: #1 25000 (2750), #2 2750 (0)
    const state = payOnMarch5([{ buckets: ALL, components: INTEREST_FIRST, direction: "vertical" }], 30000);
    expect(paidBy(state)).toEqual([
      [25000, 1000, 0, 0],
      [2750, 750, 0, 0],
      [0, 500, 0, 0],
      [0, 0, 0, 0],
    ]);
    // #1's fee and penalty are unpaid, so it stays open and overdue (its fee is outstanding).
    expect(state.installments[0]?.closedDay).toBeUndefined();
    expect(state.daysPastDue).toBe(33);
  });
});

describe("split steps: past due and due separately, with different component orders", () => {
  const SPLIT: Step[] = [
    { buckets: ["past-due"], components: PENALTY_FIRST, direction: "horizontal" },
    { buckets: ["due"], components: INTEREST_FIRST, direction: "horizontal" },
  ];

  it("700.00: past due in full (557.50), then #3 interest first: interest 5.00, principal 137.50", () => {
    // step 1: #1 1500 + 500 + 1000 + 25000 = 28000, #2 1500 + 500 + 750 + 25000 = 27750 → 70000 − 55750 = 14250
    // step 2 (#3): interest 500 (13750), principal 13750 (0), fee 0, penalty 0
    const state = payOnMarch5(SPLIT, 70000);
    expect(paidBy(state)).toEqual([
      [25000, 1000, 500, 1500],
      [25000, 750, 500, 1500],
      [13750, 500, 0, 0],
      [0, 0, 0, 0],
    ]);
    expect(state.installments.map((i) => i.closedDay)).toEqual([
      day("2024-03-05"),
      day("2024-03-05"),
      undefined,
      undefined,
    ]);
    expect(state.daysPastDue).toBe(0);
  });

  it("the same 700.00 under the single penalty-first step pays #3's fee before its principal", () => {
    // #1 28000, #2 27750 → 14250; #3: penalty 0, fee 500 (13750), interest 500 (13250), principal 13250
    const state = payOnMarch5(undefined, 70000);
    expect(paidBy(state)[2]).toEqual([13250, 500, 500, 0]);
  });

  it("300.00 with the split steps: the due step is never reached", () => {
    // step 1 as in the default horizontal case: #1 28000 (2000 left), #2 penalty 1500, fee 500
    const state = payOnMarch5(SPLIT, 30000);
    expect(paidBy(state)).toEqual([
      [25000, 1000, 500, 1500],
      [0, 0, 500, 1500],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
  });

  it("three steps: past-due interest and principal vertically, then past-due penalty and fee, then due", () => {
    const steps: Step[] = [
      { buckets: ["past-due"], components: ["interest", "principal"], direction: "vertical" },
      { buckets: ["past-due"], components: ["penalty", "fee"], direction: "horizontal" },
      { buckets: ["due"], components: ["fee", "interest", "principal", "penalty"], direction: "horizontal" },
    ];
    // 300.00: step 1 interest #1 1000, #2 750 (28250); principal #1 25000 (3250), #2 3250 (0).
    expect(paidBy(payOnMarch5(steps, 30000))).toEqual([
      [25000, 1000, 0, 0],
      [3250, 750, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    // 600.00: step 1 interest 1750 (58250), principal 25000 + 25000 (8250);
    //         step 2 #1 penalty 1500, fee 500 (6250), #2 penalty 1500, fee 500 (4250);
    //         step 3 #3 fee 500 (3750), interest 500 (3250), principal 3250 (0).
    const state = payOnMarch5(steps, 60000);
    expect(paidBy(state)).toEqual([
      [25000, 1000, 500, 1500],
      [25000, 750, 500, 1500],
      [3250, 500, 500, 0],
      [0, 0, 0, 0],
    ]);
    expect(allocation(state)).toEqual([
      [1, "interest", 1000],
      [2, "interest", 750],
      [1, "principal", 25000],
      [2, "principal", 25000],
      [1, "penalty", 1500],
      [1, "fee", 500],
      [2, "penalty", 1500],
      [2, "fee", 500],
      [3, "fee", 500],
      [3, "interest", 500],
      [3, "principal", 3250],
    ]);
  });
});
