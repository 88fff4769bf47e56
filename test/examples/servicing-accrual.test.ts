// Servicing: scheduled accrual (servicing-rules.md §2, §3), days past due and delinquency buckets (§4), every
// figure derived by hand from the spec. Amounts are in cents (minor units).
//
// Base loan: 1000.00 USD at 12 %/year, classic (equal principal), 4 monthly installments from 2024-01-01,
// installment based → ρ = 0.01 a month (schedule-rules.md §3, §5.2):
//   #  start       due         days  principal  interest
//   1  2024-01-01  2024-02-01  31    250.00     1000.00 · 0.01 = 10.00
//   2  2024-02-01  2024-03-01  29    250.00      750.00 · 0.01 =  7.50
//   3  2024-03-01  2024-04-01  31    250.00      500.00 · 0.01 =  5.00
//   4  2024-04-01  2024-05-01  30    250.00      250.00 · 0.01 =  2.50
// Interest of installment i accrues as accrued(i, t) = round(I · (t − start) / (due − start)) (§3).
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
import { day, repayment } from "../support/servicing-events.ts";

/** The base loan (overridden by `terms`) under the servicing rules document `rules` (defaults when absent). */
function loanOf(terms: Record<string, unknown> = {}, rules?: Record<string, unknown>): ServicedLoan {
  const parsed = parseTerms({
    principal: "1000.00",
    currency: "USD",
    disbursementDate: "2024-01-01",
    installments: 4,
    loanType: "classic",
    interest: { rate: "12", per: "year" },
    ...terms,
  });
  return openLoan(parsed, parseServicingRules(rules, 2));
}

function stateOn(loan: ServicedLoan, asOf: string, events: readonly LoanEvent[] = []): LoanState {
  return replayLoan(loan, events, day(asOf));
}

/** The cash-flow lines of one day as [installment, component, kind, amount]. */
function linesOn(state: LoanState, date: string): [number, string, string, number][] {
  return state.cashFlow
    .filter((line) => formatIsoDate(line.day) === date)
    .map((line) => [line.installment, line.component, line.kind, line.amountMinor]);
}

const FEE_5 = { name: "service", amount: "5.00", charge: "installment" };

describe("interest accrues pro rata within its period (§3)", () => {
  const loan = loanOf();
  const accruedInterest = (asOf: string, installment: number) =>
    stateOn(loan, asOf).installments[installment - 1]?.accrued.interest;

  it("installment 1 (10.00 over the 31 days of January), half-even", () => {
    // t = start: 0
    expect(accruedInterest("2024-01-01", 1)).toBe(0);
    // 1 day:  1000 · 1/31  = 32.258…  → 32
    expect(accruedInterest("2024-01-02", 1)).toBe(32);
    // 15 days: 1000 · 15/31 = 483.870… → 484
    expect(accruedInterest("2024-01-16", 1)).toBe(484);
    // 30 days: 1000 · 30/31 = 967.741… → 968
    expect(accruedInterest("2024-01-31", 1)).toBe(968);
    // t = due: the whole 10.00
    expect(accruedInterest("2024-02-01", 1)).toBe(1000);
    // and it stays there after the due date
    expect(accruedInterest("2024-02-20", 1)).toBe(1000);
  });

  it("installment 2 accrues nothing before its period starts, then 7.50 over 29 days", () => {
    expect(accruedInterest("2024-01-16", 2)).toBe(0);
    expect(accruedInterest("2024-02-01", 2)).toBe(0); // t = start(2)
    // 14 days: 750 · 14/29 = 362.068… → 362
    expect(accruedInterest("2024-02-15", 2)).toBe(362);
    // 28 days: 750 · 28/29 = 724.137… → 724
    expect(accruedInterest("2024-02-29", 2)).toBe(724);
    expect(accruedInterest("2024-03-01", 2)).toBe(750);
  });

  it("reports the accrued interest, the outstanding interest and the ledger posting at the as-of date", () => {
    const state = stateOn(loan, "2024-01-16");
    const first = state.installments[0];
    expect(first?.accrued.interest).toBe(484);
    expect(first?.outstanding.interest).toBe(484); // accrued − paid (nothing paid)
    // 484 + 0 for installments 2–4 (not started)
    expect(state.outstanding.interest).toBe(484);
    // §10: interest accrued is debited to interest-receivable and credited to interest-income, at the as-of date
    const interestPostings = state.postings
      .filter((p) => p.debit === "interest-receivable" && p.credit === "interest-income")
      .map((p) => [formatIsoDate(p.day), p.amountMinor]);
    expect(interestPostings).toEqual([["2024-01-16", 484]]);
  });
});

describe("the rounding mode rounds the pro rata accrual (§3, notation)", () => {
  // Same loan disbursed 2023-01-01: installment 2 runs 2023-02-01 → 2023-03-01, 28 days, interest 7.50 (the
  // classic schedule is exact in every mode: 250.00 parts, 10.00/7.50/5.00/2.50 interest).
  //   1 day:   750 · 1/28  = 26.785…  (not a tie)
  //   7 days:  750 · 7/28  = 187.5    (a tie)
  //   21 days: 750 · 21/28 = 562.5    (a tie)
  const cases: [string, number, number, number][] = [
    // mode         1 day  7 days  21 days
    ["half-even", 27, 188, 562], // ties to even: 187.5 → 188, 562.5 → 562
    ["half-up", 27, 188, 563], // ties away from zero
    ["half-down", 27, 187, 562], // ties toward zero
    ["up", 27, 188, 563], // away from zero
    ["down", 26, 187, 562], // toward zero
    ["ceiling", 27, 188, 563],
    ["floor", 26, 187, 562],
  ];
  for (const [mode, oneDay, sevenDays, twentyOneDays] of cases) {
    it(`${mode}: ${oneDay}, ${sevenDays}, ${twentyOneDays} cents after 1, 7 and 21 days`, () => {
      const loan = loanOf({ disbursementDate: "2023-01-01", rounding: { mode } });
      const accrued = (asOf: string) => stateOn(loan, asOf).installments[1]?.accrued.interest;
      expect(accrued("2023-02-02")).toBe(oneDay);
      expect(accrued("2023-02-08")).toBe(sevenDays);
      expect(accrued("2023-02-22")).toBe(twentyOneDays);
      expect(accrued("2023-03-01")).toBe(750);
    });
  }
});

describe("principal falls due on the due date (§1, §3)", () => {
  const loan = loanOf();

  it("is owed from the start but accrues (falls due) only on the due date", () => {
    const before = stateOn(loan, "2024-01-31").installments[0];
    expect(before?.accrued.principal).toBe(0);
    expect(before?.outstanding.principal).toBe(25000); // principal is owed from the start
    expect(before?.bucket).toBe("due");

    const onDue = stateOn(loan, "2024-02-01");
    expect(onDue.installments[0]?.accrued.principal).toBe(25000);
    // On its due date the installment is still the current one (due, not past due), DPD 0.
    expect(onDue.installments[0]?.bucket).toBe("due");
    expect(onDue.installments[1]?.bucket).toBe("not-yet-due");
    expect(onDue.daysPastDue).toBe(0);
    // The cash flow of 2024-02-01: principal 250.00 falls due, interest 10.00 accrued (one line at the due
    // date, no event before it), in the default priority principal, interest, fee, penalty.
    expect(linesOn(onDue, "2024-02-01")).toEqual([
      [1, "principal", "accrued", 25000],
      [1, "interest", "accrued", 1000],
    ]);

    const after = stateOn(loan, "2024-02-02");
    expect(after.installments[0]?.bucket).toBe("past-due");
    expect(after.installments[1]?.bucket).toBe("due");
    // Total principal outstanding is the whole 1000.00 throughout: nothing was paid.
    expect(after.outstanding.principal).toBe(100000);
  });
});

describe("scheduled fees accrue whole, at the start or at the end of the period (§3)", () => {
  it("timing end: 5.00 on each due date", () => {
    const loan = loanOf({ fees: [FEE_5] });
    const fees = (asOf: string) => stateOn(loan, asOf).installments.map((i) => i.accrued.fee);
    expect(fees("2024-01-01")).toEqual([0, 0, 0, 0]);
    expect(fees("2024-01-31")).toEqual([0, 0, 0, 0]);
    expect(fees("2024-02-01")).toEqual([500, 0, 0, 0]); // due(1)
    expect(fees("2024-02-29")).toEqual([500, 0, 0, 0]);
    expect(fees("2024-03-01")).toEqual([500, 500, 0, 0]); // due(2)
    const state = stateOn(loan, "2024-03-01");
    expect(linesOn(state, "2024-02-01")).toEqual([
      [1, "principal", "accrued", 25000],
      [1, "interest", "accrued", 1000],
      [1, "fee", "accrued", 500],
    ]);
    expect(linesOn(state, "2024-03-01")).toEqual([
      [2, "principal", "accrued", 25000],
      [2, "interest", "accrued", 750],
      [2, "fee", "accrued", 500],
    ]);
    expect(state.outstanding.fee).toBe(1000); // 5.00 + 5.00, nothing paid
  });

  it("timing start: 5.00 on each period's start (the disbursement date, then the previous due date)", () => {
    const loan = loanOf({ fees: [{ ...FEE_5, timing: "start" }] });
    const fees = (asOf: string) => stateOn(loan, asOf).installments.map((i) => i.accrued.fee);
    expect(fees("2024-01-01")).toEqual([500, 0, 0, 0]); // start(1) = the disbursement date
    expect(fees("2024-01-31")).toEqual([500, 0, 0, 0]);
    expect(fees("2024-02-01")).toEqual([500, 500, 0, 0]); // start(2) = due(1)
    expect(fees("2024-03-01")).toEqual([500, 500, 500, 0]); // start(3) = due(2)
    // Installment 1's principal and interest fall due, installment 2's fee starts (principal, interest, fee).
    expect(linesOn(stateOn(loan, "2024-02-01"), "2024-02-01")).toEqual([
      [1, "principal", "accrued", 25000],
      [1, "interest", "accrued", 1000],
      [2, "fee", "accrued", 500],
    ]);
  });

  it("timing start: installment 1's fee is a cash-flow line and a ledger posting on the disbursement date", () => {
    // §3: the fee accrues on start(1) = 2024-01-01; §10: "fee accrued (scheduled …)" debits fee-receivable and
    // credits fee-income. So as of 01-01 there is one accrued fee line of 5.00 and one posting of 5.00, and by
    // 05-01 the four fees (4 · 5.00 = 20.00) have all been posted, matching the 20.00 of fees outstanding.
    const loan = loanOf({ fees: [{ ...FEE_5, timing: "start" }] });
    const onDisbursement = stateOn(loan, "2024-01-01");
    expect(linesOn(onDisbursement, "2024-01-01")).toEqual([[1, "fee", "accrued", 500]]);
    const feePostings = (state: LoanState) =>
      state.postings
        .filter((p) => p.debit === "fee-receivable" && p.credit === "fee-income")
        .map((p) => [formatIsoDate(p.day), p.amountMinor]);
    expect(feePostings(onDisbursement)).toEqual([["2024-01-01", 500]]);
    const atMaturity = stateOn(loan, "2024-05-01");
    expect(atMaturity.outstanding.fee).toBe(2000);
    expect(feePostings(atMaturity)).toEqual([
      ["2024-01-01", 500],
      ["2024-02-01", 500],
      ["2024-03-01", 500],
      ["2024-04-01", 500],
    ]);
  });

  it("a start fee with an end fee in the same installment: the whole 7.00 accrues on the due date", () => {
    // "on start(i) when every fee of the installment is charged at the start … otherwise on due(i)"
    const loan = loanOf({
      fees: [
        { ...FEE_5, timing: "start" },
        { name: "insurance", amount: "2.00", charge: "installment", timing: "end" },
      ],
    });
    const fees = (asOf: string) => stateOn(loan, asOf).installments.map((i) => i.accrued.fee);
    expect(fees("2024-01-31")).toEqual([0, 0, 0, 0]);
    expect(fees("2024-02-01")).toEqual([700, 0, 0, 0]); // 5.00 + 2.00
  });
});

describe("days past due and delinquency buckets (§4)", () => {
  const loan = loanOf();
  // Nothing paid: the oldest unpaid installment is #1, due 2024-02-01. February 2024 has 29 days.
  const cases: [string, number, string][] = [
    ["2024-02-01", 0, "current"], // the due date itself is not past due
    ["2024-02-02", 1, "1-30"],
    ["2024-03-02", 30, "1-30"], // 29 (to 03-01) + 1
    ["2024-03-03", 31, "31-60"],
    ["2024-04-01", 60, "31-60"], // 29 + 31
    ["2024-04-02", 61, "61-90"],
    ["2024-05-01", 90, "61-90"], // 29 + 31 + 30
    ["2024-05-02", 91, "90+"],
  ];
  for (const [asOf, dpd, bucket] of cases) {
    it(`nothing paid, as of ${asOf}: ${dpd} days, ${bucket}`, () => {
      const state = stateOn(loan, asOf);
      expect(state.daysPastDue).toBe(dpd);
      expect(state.delinquency).toBe(bucket);
    });
  }

  it("counts from the oldest installment with something unpaid", () => {
    // 260.00 on 2024-02-01 pays installment 1 in full (interest 10.00, principal 250.00).
    const paid = [repayment("feb", "2024-02-01", 26000)];
    expect(stateOn(loan, "2024-02-15", paid).daysPastDue).toBe(0);
    // Installment 2 (due 03-01) unpaid: 03-02 − 03-01 = 1 day.
    expect(stateOn(loan, "2024-03-02", paid).daysPastDue).toBe(1);
    expect(stateOn(loan, "2024-03-02", paid).delinquency).toBe("1-30");

    // 255.00 instead: interest 10.00, principal 245.00 → 5.00 of installment 1's principal left, so the
    // count still runs from 02-01: 03-02 is 30 days, 03-03 is 31 days.
    const short = [repayment("feb", "2024-02-01", 25500)];
    expect(stateOn(loan, "2024-03-02", short).installments[0]?.outstanding.principal).toBe(500);
    expect(stateOn(loan, "2024-03-02", short).daysPastDue).toBe(30);
    expect(stateOn(loan, "2024-03-03", short).daysPastDue).toBe(31);
    expect(stateOn(loan, "2024-03-03", short).delinquency).toBe("31-60");
  });
});

describe("accrual priority orders one day's accrual lines and nothing else (§2)", () => {
  // Fee 5.00 per installment (end) and a 15.00 late fee with 28 late grace days: installment 1 (due 02-01,
  // unpaid) triggers on 02-01 + 28 + 1 = 03-01, the due date of installment 2. So on 2024-03-01 one day holds
  // principal 250.00, interest 7.50, fee 5.00 (installment 2) and the 15.00 late fee (installment 1).
  const terms = { fees: [FEE_5] };
  const late = { lateGraceDays: 28, lateFee: { amount: "15.00" } };
  const standard = stateOn(loanOf(terms, late), "2024-03-01");
  const reversed = stateOn(
    loanOf(terms, { ...late, accrualPriority: ["penalty", "fee", "interest", "principal"] }),
    "2024-03-01",
  );

  it("default principal, interest, fee, penalty", () => {
    expect(linesOn(standard, "2024-03-01")).toEqual([
      [2, "principal", "accrued", 25000],
      [2, "interest", "accrued", 750],
      [2, "fee", "accrued", 500],
      [1, "penalty", "accrued", 1500],
    ]);
    // The ledger's accrual postings of the day follow the same order (principal falling due posts nothing).
    expect(
      standard.postings
        .filter((p) => formatIsoDate(p.day) === "2024-03-01")
        .map((p) => [p.credit, p.amountMinor]),
    ).toEqual([
      ["interest-income", 750],
      ["fee-income", 500],
      ["penalty-income", 1500],
    ]);
  });

  it("penalty, fee, interest, principal reverses them", () => {
    expect(linesOn(reversed, "2024-03-01")).toEqual([
      [1, "penalty", "accrued", 1500],
      [2, "fee", "accrued", 500],
      [2, "interest", "accrued", 750],
      [2, "principal", "accrued", 25000],
    ]);
    expect(
      reversed.postings
        .filter((p) => formatIsoDate(p.day) === "2024-03-01")
        .map((p) => [p.credit, p.amountMinor]),
    ).toEqual([
      ["penalty-income", 1500],
      ["fee-income", 500],
      ["interest-income", 750],
    ]);
  });

  it("leaves the installments, balances, DPD and the set of lines unchanged", () => {
    expect(reversed.installments).toEqual(standard.installments);
    expect(reversed.outstanding).toEqual(standard.outstanding);
    // Outstanding on 03-01: principal 1000.00; interest 10.00 + 7.50; fees 5.00 + 5.00; penalty 15.00.
    expect(standard.outstanding).toEqual({ principal: 100000, interest: 1750, fee: 1000, penalty: 1500 });
    expect(reversed.daysPastDue).toBe(standard.daysPastDue);
    expect(standard.daysPastDue).toBe(29); // 03-01 − 02-01
    const key = (line: LoanState["cashFlow"][number]) =>
      `${line.day}:${line.installment}:${line.component}:${line.kind}:${line.amountMinor}`;
    expect(reversed.cashFlow.map(key).sort()).toEqual(standard.cashFlow.map(key).sort());
  });
});
