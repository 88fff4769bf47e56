// The other events of a loan (docs/reference/servicing-rules.md §7, §8): manual fees, fee waivers, returned
// payments (NSF), reversals, rate changes, tranches and reschedules. Every expected figure is derived by hand
// in the comment next to it; amounts are in minor units (cents).
//
// Loan: 1,000.00 USD at 12 %/year, monthly, installment based (ρ = 0.01 per regular period), disbursed
// 2024-01-01 (schedule-rules.md §5.1).
// Three installments: A = 1000 · 0.01 / (1 − 1.01^−3) = 340.0221 → 340.02
//   1: 01-01 → 02-01 (31 days): I 10.00;         P 330.02; B 669.98
//   2: 02-01 → 03-01 (29 days): I 6.6998 → 6.70;  P 333.32; B 336.66
//   3: 03-01 → 04-01 (31 days): I 3.3666 → 3.37;  P 336.66; total 340.03
// Four installments: A = 10 / 0.039019656 = 256.2811 → 256.28
//   1 due 02-01: I 10.00; P 246.28 · 2 due 03-01: I 7.54; P 248.74 · 3 due 04-01: I 5.05; P 251.23
//   · 4 due 05-01: I 2.54; P 253.75
import { describe, expect, it } from "vitest";
import { formatIsoDate } from "../../src/core/calendar-date.ts";
import { ratio } from "../../src/core/ratio.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { DEFAULT_SERVICING_RULES } from "../../src/servicing/default-rules.ts";
import { openLoan, replayLoan, type ServicedLoan } from "../../src/servicing/service-loan.ts";
import type { LoanEvent, LoanState, ServicingRules } from "../../src/servicing/types.ts";
import { day, repayment } from "../support/servicing-events.ts";

function loanOf(installments: number, rules: Partial<ServicingRules> = {}): ServicedLoan {
  return openLoan(
    parseTerms({
      principal: "1000.00",
      currency: "USD",
      disbursementDate: "2024-01-01",
      installments,
      interest: { rate: "12", per: "year" },
    }),
    { ...DEFAULT_SERVICING_RULES, ...rules },
  );
}

function fee(id: string, iso: string, amountMinor: number): LoanEvent {
  return { id, type: "fee", day: day(iso), amountMinor, name: "collection call" };
}

function waiver(
  id: string,
  iso: string,
  component: "fee" | "interest" | "penalty",
  amountMinor?: number,
): LoanEvent {
  return { id, type: "fee-waiver", day: day(iso), component, amountMinor };
}

function reschedule(
  id: string,
  iso: string,
  fields: Partial<Extract<LoanEvent, { type: "reschedule" }>>,
): LoanEvent {
  return {
    id,
    type: "reschedule",
    day: day(iso),
    installments: undefined,
    firstDueDay: undefined,
    holidayInstallments: 0,
    interestOnlyInstallments: 0,
    rate: undefined,
    ...fields,
  };
}

/** Per installment: [due date, scheduled P, scheduled I, scheduled fee, closed on (or null)]. */
function rows(state: LoanState): unknown[] {
  return state.installments.map((i) => [
    formatIsoDate(i.dueDay),
    i.scheduled.principal,
    i.scheduled.interest,
    i.scheduled.fee,
    i.closedDay === undefined ? null : formatIsoDate(i.closedDay),
  ]);
}

/** The scheduled fee of each installment. */
function fees(state: LoanState): number[] {
  return state.installments.map((i) => i.scheduled.fee);
}

describe("manual fee (§7): added to the first open installment due on or after its date", () => {
  it("charged mid-period goes to the current installment, even with an earlier one still open and past due", () => {
    // 02-15: installment 1 (due 02-01) is open but due before 02-15; installment 2 (due 03-01) is the first
    // open one due on or after 02-15 → it gets the 25.00, accrued on 02-15.
    const state = replayLoan(loanOf(3), [fee("call", "2024-02-15", 2500)], day("2024-02-15"));
    expect(fees(state)).toEqual([0, 2500, 0]);
    expect(state.installments[1]?.accrued.fee).toBe(2500);
    expect(state.installments[1]?.outstanding.fee).toBe(2500);
    expect(
      state.postings
        .filter((p) => p.event === "call")
        .map((p) => [formatIsoDate(p.day), p.debit, p.credit, p.amountMinor]),
    ).toEqual([["2024-02-15", "fee-receivable", "fee-income", 2500]]);
  });

  it("charged on a due date goes to the installment due that day", () => {
    // 02-01: installment 1 is due on 02-01 ≥ 02-01 → it gets the fee.
    const state = replayLoan(loanOf(3), [fee("call", "2024-02-01", 2500)], day("2024-02-01"));
    expect(fees(state)).toEqual([2500, 0, 0]);
  });

  it("charged after maturity goes to the last open installment", () => {
    // 04-10: no installment is due on or after it → the last open one, installment 3.
    const state = replayLoan(loanOf(3), [fee("call", "2024-04-10", 2500)], day("2024-04-10"));
    expect(fees(state)).toEqual([0, 0, 2500]);
  });

  it("skips a closed installment, and can be paid as soon as it is charged", () => {
    // 340.02 on 02-01 closes installment 1. The 25.00 fee of 02-15 goes to installment 2; a 25.00 repayment the
    // same day pays it (waterfall penalty, fee, interest, principal on the due installment 2).
    const state = replayLoan(
      loanOf(3),
      [
        repayment("feb", "2024-02-01", 34002),
        fee("call", "2024-02-15", 2500),
        repayment("pay-fee", "2024-02-15", 2500),
      ],
      day("2024-02-15"),
    );
    expect(fees(state)).toEqual([0, 2500, 0]);
    expect(state.installments[1]?.paid.fee).toBe(2500);
    expect(state.installments[1]?.paid.interest).toBe(0);
    expect(state.outstanding.fee).toBe(0);
  });
});

describe("fee waiver (§7): outstanding amounts of one component, oldest installment first", () => {
  // Fee a: 10.00 on 01-15 → installment 1 (due 02-01). Fee b: 20.00 on 02-15 → installment 2 (installment 1 is
  // past due on 02-15). Fee outstanding: 10.00 + 20.00 = 30.00.
  const charged = [fee("a", "2024-01-15", 1000), fee("b", "2024-02-15", 2000)];

  it("partially: 15.00 waives installment 1's 10.00, then 5.00 of installment 2's", () => {
    const state = replayLoan(
      loanOf(3),
      [...charged, waiver("w", "2024-02-20", "fee", 1500)],
      day("2024-02-20"),
    );
    expect(state.installments.map((i) => [i.waived.fee, i.outstanding.fee])).toEqual([
      [1000, 0],
      [500, 1500],
      [0, 0],
    ]);
    expect(
      state.postings.filter((p) => p.event === "w").map((p) => [p.debit, p.credit, p.amountMinor]),
    ).toEqual([
      ["waiver-expense", "fee-receivable", 1000],
      ["waiver-expense", "fee-receivable", 500],
    ]);
  });

  it("fully: a waiver without an amount waives the 15.00 left", () => {
    const state = replayLoan(
      loanOf(3),
      [...charged, waiver("w", "2024-02-20", "fee", 1500), waiver("all", "2024-02-25", "fee")],
      day("2024-02-25"),
    );
    expect(state.installments.map((i) => i.waived.fee)).toEqual([1000, 2000, 0]);
    expect(state.totals.waived.fee).toBe(3000);
    expect(state.outstanding.fee).toBe(0);
  });

  it("waives interest up to what has accrued: installment 1's 10.00, then 2.00 of installment 2's 4.39", () => {
    // On 02-20 interest outstanding: installment 1 (past due) 10.00; installment 2, 19 of 29 days:
    // round(670 · 19/29) = round(438.97) = 4.39. A 12.00 waiver: 10.00 + 2.00; installment 2 keeps 2.39.
    const state = replayLoan(loanOf(3), [waiver("w", "2024-02-20", "interest", 1200)], day("2024-02-20"));
    expect(state.installments.map((i) => [i.waived.interest, i.outstanding.interest])).toEqual([
      [1000, 0],
      [200, 239],
      [0, 0],
    ]);
  });

  it("is refused for more than is outstanding (30.01 of 30.00)", () => {
    let error: unknown;
    try {
      replayLoan(loanOf(3), [...charged, waiver("w", "2024-02-20", "fee", 3001)], day("2024-02-20"));
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ code: "INVALID_EVENT" });
    expect(
      (error as { issues: { field: string; value: unknown }[] }).issues.map((i) => [i.field, i.value]),
    ).toEqual([["events[2].amount", 3001]]);
  });
});

describe("returned payment (NSF, §7): the payment is undone and the NSF fee charged", () => {
  // Rules: past-due interest 24 %/year on principal, 365 days, no late grace days; NSF fee 15.00.
  // 340.02 on 02-01 pays installment 1 on its due date; it bounces, returned on 02-06.
  const rules: Partial<ServicingRules> = {
    pastDueInterest: { rate: ratio(24n, 100n), daysInYear: 365, base: "principal" },
    nsfFeeMinor: 1500,
  };
  const feb = repayment("feb", "2024-02-01", 34002);
  const nsf = (feeMinor?: number): LoanEvent => ({
    id: "nsf",
    type: "returned-payment",
    day: day("2024-02-06"),
    of: "feb",
    feeMinor,
  });

  it("without the return, installment 1 is closed on 02-01 and nothing is late", () => {
    const state = replayLoan(loanOf(3, rules), [feb], day("2024-02-10"));
    expect(rows(state)[0]).toEqual(["2024-02-01", 33002, 1000, 0, "2024-02-01"]);
    expect(state.installments[0]?.scheduled.penalty).toBe(0);
    expect(state.daysPastDue).toBe(0);
  });

  it("with it, installment 1 was never paid: penalties from 02-02 and the 15.00 fee on installment 2", () => {
    // Treated as never paid, installment 1 is overdue from 02-02 (T = due + 0 + 1 = 02-02, §4) with principal
    // 330.02: each day round(33002 · 0.24 / 365) = round(21.70) = 0.22. Days 02-02 … 02-10: 9 · 0.22 = 1.98.
    // The NSF fee (the product's 15.00) is a manual fee on 02-06: the first open installment due on or after
    // 02-06 is installment 2.
    // Days past due on 02-10: 02-10 − 02-01 = 9 → "1-30". Nothing received.
    // Pay-off (rule scheduled, reduce-term): installment 1 past due 330.02 + 10.00 + 1.98 = 342.00;
    // installment 2 due 333.32 + 6.70 + 15.00 = 355.02; installment 3 principal 336.66 → 1,033.68.
    const state = replayLoan(loanOf(3, rules), [feb, nsf()], day("2024-02-10"));
    expect(state.installments.map((i) => [i.paid.principal, i.paid.interest, i.scheduled.penalty])).toEqual([
      [0, 0, 198],
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(state.installments[0]?.closedDay).toBeUndefined();
    expect(fees(state)).toEqual([0, 1500, 0]);
    expect([state.daysPastDue, state.delinquency]).toEqual([9, "1-30"]);
    expect(state.totals.receivedMinor).toBe(0);
    expect(state.payoffMinor).toBe(103368);
  });

  it("charges the event's own fee instead of the product's", () => {
    const state = replayLoan(loanOf(3, rules), [feb, nsf(2500)], day("2024-02-10"));
    expect(fees(state)).toEqual([0, 2500, 0]);
  });

  it('charges nothing when the event\'s fee is "0" (servicing-events.md, returned-payment)', () => {
    // "fee (money ≥ 0; "0" charges nothing)": the payment is still undone (penalty 1.98), no fee anywhere.
    const state = replayLoan(loanOf(3, rules), [feb, nsf(0)], day("2024-02-10"));
    expect(fees(state)).toEqual([0, 0, 0]);
    expect(state.installments[0]?.scheduled.penalty).toBe(198);
  });

  it("reversing the return makes the payment stand again and drops the NSF fee", () => {
    const reversal: LoanEvent = { id: "undo", type: "reversal", day: day("2024-02-08"), of: "nsf" };
    const state = replayLoan(loanOf(3, rules), [feb, nsf(), reversal], day("2024-02-10"));
    expect(rows(state)[0]).toEqual(["2024-02-01", 33002, 1000, 0, "2024-02-01"]);
    expect(fees(state)).toEqual([0, 0, 0]);
    expect(state.installments[0]?.scheduled.penalty).toBe(0);
    expect(state.totals.receivedMinor).toBe(34002);
  });
});

describe("reversal of a fee (§7)", () => {
  it("treats the fee as never charged: no fee on installment 2, no fee posting", () => {
    const events: LoanEvent[] = [
      fee("call", "2024-02-15", 2500),
      { id: "undo", type: "reversal", day: day("2024-02-20"), of: "call" },
    ];
    const state = replayLoan(loanOf(3), events, day("2024-02-20"));
    expect(fees(state)).toEqual([0, 0, 0]);
    expect(state.outstanding.fee).toBe(0);
    expect(state.postings.filter((p) => p.debit === "fee-receivable" || p.credit === "fee-income")).toEqual(
      [],
    );
  });
});

describe("rate change mid-period (§7, §8.1, §8.2): 12 % → 24 % on 2024-02-15", () => {
  // 340.02 on 02-01 closes installment 1. On 02-15, k = installment 2 (the first open one due on or after
  // 02-15); s = max(02-15, start 02-01) = 02-15; B = 333.32 + 336.66 = 669.98 over 03-01 and 04-01, the
  // regular start of period 1 being 02-01 (§8).
  // The new tail (schedule-rules.md §3, §5.1) at 24 % (regular ρ = 0.02): period 1 is broken (short): 02-15 →
  // 03-01 is 15 days of a 29-day regular period (02-01 → 03-01), so ρ(1) = 0.02 · 15/29 = 0.0103448;
  // keepInstallmentsEqual (default) → payment rates ρ*(1) = ρ(1), ρ*(2) = 0.02:
  //   v1 = 1/1.0103448 = 0.98976109, v2 = v1/1.02 = 0.97035401; A = 669.98 / 1.96011510 = 341.8065 → 341.81
  //   03-01: I = 669.98 · 0.0103448 = 6.9308 → 6.93; P 334.88; B 335.10
  //   04-01: I = 335.10 · 0.02 = 6.702 → 6.70;     P 335.10
  // §8.1: installment 2 had accrued round(670 · 14/29) = round(323.45) = 3.23 by 02-15 at the old rate, so its
  // interest is 3.23 + 6.93 = 10.16, accruing from (02-15, 3.23). Installment 3 (starts 03-01): 6.70.
  const events: LoanEvent[] = [
    repayment("feb", "2024-02-01", 34002),
    { id: "rate", type: "rate-change", day: day("2024-02-15"), rate: ratio(24n, 100n) },
  ];

  it("splits installment 2's interest: 3.23 at the old rate to 02-15 + 6.93 at the new rate after", () => {
    const state = replayLoan(loanOf(3), events, day("2024-02-15"));
    expect(rows(state)).toEqual([
      ["2024-02-01", 33002, 1000, 0, "2024-02-01"],
      ["2024-03-01", 33488, 1016, 0, null],
      ["2024-04-01", 33510, 670, 0, null],
    ]);
    expect(state.installments[1]?.accrued.interest).toBe(323);
    // The recalculation's cash-flow lines: installment 2 +1.56 principal (334.88 − 333.32), +3.46 interest
    // (10.16 − 6.70); installment 3 −1.56 principal (335.10 − 336.66), +3.33 interest (6.70 − 3.37).
    expect(
      state.cashFlow
        .filter((f) => f.kind === "recalculated")
        .map((f) => [f.installment, f.component, f.amountMinor]),
    ).toEqual([
      [2, "principal", 156],
      [2, "interest", 346],
      [3, "principal", -156],
      [3, "interest", 333],
    ]);
  });

  it("accrues the new part evenly from the change date: 6.46 by 02-22", () => {
    // §3 with origin (02-15, 3.23), 7 of the 15 days from 02-15 to 03-01:
    // 323 + round((1016 − 323) · 7/15) = 323 + round(323.4) = 323 + 323 = 6.46.
    // Pay-off (scheduled, reduce-term): 334.88 + 10.16 (due, payable in full) + 335.10 = 680.14.
    const state = replayLoan(loanOf(3), events, day("2024-02-22"));
    expect(state.installments[1]?.accrued.interest).toBe(646);
    expect(state.payoffMinor).toBe(68014);
  });
});

describe("tranche disbursement (§7, §8.2): 500.00 more on 2024-02-01", () => {
  it("recalculates the open installments on their due dates with 1,169.98", () => {
    // 340.02 on 02-01 closes installment 1 first (recorded first, same day). The tranche: k = installment 2,
    // s = max(02-01, 02-01) = 02-01 (a regular period), B = 669.98 + 500.00 = 1,169.98 over 03-01, 04-01:
    //   A = 1169.98 · 0.01 / (1 − 1.01^−2) = 11.6998 / 0.019703951 = 593.7794 → 593.78
    //   03-01: I 11.6998 → 11.70; P 582.08; B 587.90
    //   04-01: I 5.879 → 5.88;    P 587.90; total 593.78
    const events: LoanEvent[] = [
      repayment("feb", "2024-02-01", 34002),
      { id: "tr", type: "disbursement", day: day("2024-02-01"), amountMinor: 50000 },
    ];
    const state = replayLoan(loanOf(3), events, day("2024-02-01"));
    expect(rows(state)).toEqual([
      ["2024-02-01", 33002, 1000, 0, "2024-02-01"],
      ["2024-03-01", 58208, 1170, 0, null],
      ["2024-04-01", 58790, 588, 0, null],
    ]);
    expect(state.totals.disbursedMinor).toBe(150000);
    expect(state.outstanding.principal).toBe(116998);
    expect(
      state.postings.filter((p) => p.event === "tr").map((p) => [p.debit, p.credit, p.amountMinor]),
    ).toEqual([["loan-principal", "cash", 50000]]);
  });
});

describe("reschedule (§8.3) on 2024-02-15 of a 4-installment loan whose installment 1 is paid", () => {
  // 256.28 on 02-01 closes installment 1. On 02-15 the open installments due after it (2–4) are replaced:
  // their unpaid principal 248.74 + 251.23 + 253.75 = 753.72 is the new principal, disbursed 02-15, first due
  // date derived from the period: 03-15, then 04-15, 05-15, … Every new period is regular (ρ = 0.01).
  // Carried: installment 2 had accrued round(754 · 14/29) = round(364.0) = 3.64 of interest, unpaid → added
  // to the first new installment's interest. The old installments 2–4 had nothing paid: removed.
  const feb = repayment("feb", "2024-02-01", 25628);
  const first = ["2024-02-01", 24628, 1000, 0, "2024-02-01"];

  it("with a payment holiday of 1 (of 3): the holiday's interest is capitalized", () => {
    // New schedule, grace 1 capitalized: 03-15: I = 753.72 · 0.01 = 7.5372 → 7.54 capitalized, nothing due
    // (principal 0, interest 0); balance 761.26 amortizes over 2: A = 761.26 · 0.507512438 = 386.3489 → 386.35
    //   04-15: I 7.6126 → 7.61; P 378.74; B 382.52
    //   05-15: I 3.8252 → 3.83; P 382.52
    // The holiday installment carries the 3.64: interest 0 + 3.64.
    const state = replayLoan(
      loanOf(4),
      [feb, reschedule("rs", "2024-02-15", { installments: 3, holidayInstallments: 1 })],
      day("2024-02-15"),
    );
    expect(rows(state)).toEqual([
      first,
      ["2024-03-15", 0, 364, 0, null],
      ["2024-04-15", 37874, 761, 0, null],
      ["2024-05-15", 38252, 383, 0, null],
    ]);
  });

  it("with 1 interest-only installment (of 3): interest paid, principal deferred", () => {
    // 03-15: I 7.54, P 0 (+ 3.64 carried = 11.18); 753.72 amortizes over 2: A = 753.72 · 0.507512438
    // = 382.5223 → 382.52
    //   04-15: I 7.5372 → 7.54; P 374.98; B 378.74
    //   05-15: I 3.7874 → 3.79; P 378.74
    const state = replayLoan(
      loanOf(4),
      [feb, reschedule("rs", "2024-02-15", { installments: 3, interestOnlyInstallments: 1 })],
      day("2024-02-15"),
    );
    expect(rows(state)).toEqual([
      first,
      ["2024-03-15", 0, 1118, 0, null],
      ["2024-04-15", 37498, 754, 0, null],
      ["2024-05-15", 37874, 379, 0, null],
    ]);
  });

  it("with nothing given: as many installments as were replaced (3), due a month apart from 02-15", () => {
    // A = 753.72 · 0.340022115 = 256.2814 → 256.28
    //   03-15: I 7.5372 → 7.54; P 248.74; B 504.98   (+ 3.64 carried: interest 11.18)
    //   04-15: I 5.0498 → 5.05; P 251.23; B 253.75
    //   05-15: I 2.5375 → 2.54; P 253.75
    const state = replayLoan(loanOf(4), [feb, reschedule("rs", "2024-02-15", {})], day("2024-02-15"));
    expect(rows(state)).toEqual([
      first,
      ["2024-03-15", 24874, 1118, 0, null],
      ["2024-04-15", 25123, 505, 0, null],
      ["2024-05-15", 25375, 254, 0, null],
    ]);
  });

  it("with a new term of 4 installments, the first carrying the accrued 3.64", () => {
    // A = 753.72 · 0.01 / (1 − 1.01^−4) = 753.72 · 0.256281094 = 193.1642 → 193.16
    //   03-15: I 7.5372 → 7.54; P 185.62; B 568.10   (+ 3.64 carried: interest 11.18)
    //   04-15: I 5.681 → 5.68;  P 187.48; B 380.62
    //   05-15: I 3.8062 → 3.81; P 189.35; B 191.27
    //   06-15: I 1.9127 → 1.91; P 191.27
    const state = replayLoan(
      loanOf(4),
      [feb, reschedule("rs", "2024-02-15", { installments: 4 })],
      day("2024-02-15"),
    );
    expect(rows(state)).toEqual([
      first,
      ["2024-03-15", 18562, 1118, 0, null],
      ["2024-04-15", 18748, 568, 0, null],
      ["2024-05-15", 18935, 381, 0, null],
      ["2024-06-15", 19127, 191, 0, null],
    ]);
    // The carried 3.64 has accrued already (on 02-15); the unpaid principal is unchanged.
    expect(state.installments[1]?.accrued.interest).toBe(364);
    expect(state.outstanding.principal).toBe(75372);
  });
});
