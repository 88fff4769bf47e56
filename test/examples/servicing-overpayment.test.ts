// Overpayments (docs/reference/servicing-rules.md §5–§6, §8): what a repayment does with money left once the
// installment due is paid — closing later installments forward or backward (§6, §5.2), recalculating the rest
// with a shorter term or a lower installment (§6, §8), a balloon loan's final payment, and the credit balance
// (§6, §7 refund). Every expected figure is derived by hand in the comment next to it; amounts are in minor
// units (cents).
//
// Base loan: 1,000.00 USD at 12 %/year, monthly, installment based, disbursed 2024-01-01, so every regular
// period has the rate factor ρ = 0.12 / 12 = 0.01 (schedule-rules.md §3).
//
// Four installments (schedule-rules.md §5.1): A = 1000 · 0.01 / (1 − 1.01^−4) = 10 / 0.039019656 = 256.2811
// → 256.28.
//   1 due 02-01: I 10.00;                 P 246.28; B 753.72
//   2 due 03-01: I 7.5372 → 7.54;         P 248.74; B 504.98
//   3 due 04-01: I 5.0498 → 5.05;         P 251.23; B 253.75
//   4 due 05-01: I 2.5375 → 2.54;         P 253.75; total 256.29
// Three installments: A = 10 / 0.029409852 = 340.0221 → 340.02.
//   1 due 02-01: I 10.00; P 330.02 · 2 due 03-01: I 6.70; P 333.32 · 3 due 04-01: I 3.37; P 336.66 (340.03)
import { describe, expect, it } from "vitest";
import { formatIsoDate } from "../../src/core/calendar-date.ts";
import { TenorError } from "../../src/core/errors.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { DEFAULT_SERVICING_RULES } from "../../src/servicing/default-rules.ts";
import { openLoan, replayLoan, type ServicedLoan } from "../../src/servicing/service-loan.ts";
import type { LoanEvent, LoanState, ServicingRules } from "../../src/servicing/types.ts";
import { day, repayment } from "../support/servicing-events.ts";

function loanOf(
  installments: number,
  rules: Partial<ServicingRules> = {},
  terms: Record<string, unknown> = {},
): ServicedLoan {
  return openLoan(
    parseTerms({
      principal: "1000.00",
      currency: "USD",
      disbursementDate: "2024-01-01",
      installments,
      interest: { rate: "12", per: "year" },
      ...terms,
    }),
    { ...DEFAULT_SERVICING_RULES, ...rules },
  );
}

function refund(id: string, iso: string, amountMinor: number): LoanEvent {
  return { id, type: "refund", day: day(iso), amountMinor };
}

/** Per installment: [due date, scheduled P, scheduled I, paid P, paid I, closed on (or null)]. */
function rows(state: LoanState): unknown[] {
  return state.installments.map((i) => [
    formatIsoDate(i.dueDay),
    i.scheduled.principal,
    i.scheduled.interest,
    i.paid.principal,
    i.paid.interest,
    i.closedDay === undefined ? null : formatIsoDate(i.closedDay),
  ]);
}

/** The cash-flow lines of one kind, as [installment, component, amount]. */
function flows(state: LoanState, kind: string): unknown[] {
  return state.cashFlow
    .filter((f) => f.kind === kind)
    .map((f) => [f.installment, f.component, f.amountMinor]);
}

function refusal(run: () => unknown): TenorError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TenorError);
    return error as TenorError;
  }
  throw new Error("the events were accepted, expected a TenorError");
}

describe("close-forward and close-backward: 600.00 paid on 2024-01-15, inside installment 1 (4 installments)", () => {
  // On 01-15 installment 1 is the current one (the first due on or after 01-15, §5.1): it is "due"; 2–4 are
  // not yet due. Installment 1 has accrued round(1000 · 14/31) = round(451.61) = 4.52 of its 10.00 (§3).
  const asOf = day("2024-01-15");

  it("rule scheduled, close-forward: installments 1 and 2 close in full, 87.44 goes to installment 3", () => {
    // Waterfall (penalty, fee, interest, principal) on the due installment 1, scheduled amounts payable in
    // advance: 10.00 + 246.28 = 256.28 → closed. Left: 600.00 − 256.28 = 343.72.
    // Not yet due, next to last, order penalty, fee, interest, principal: installment 2 takes 7.54 + 248.74
    // = 256.28 → closed; left 87.44. Installment 3: interest 5.05, principal 87.44 − 5.05 = 82.39; open.
    // Nothing is cancelled under rule scheduled: the interest stays at its scheduled 10.00 and 7.54 (prepaid).
    const state = replayLoan(
      loanOf(4, { closing: "scheduled", overpayment: "close-forward" }),
      [repayment("p", "2024-01-15", 60000)],
      asOf,
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 24628, 1000, 24628, 1000, "2024-01-15"],
      ["2024-03-01", 24874, 754, 24874, 754, "2024-01-15"],
      ["2024-04-01", 25123, 505, 8239, 505, null],
      ["2024-05-01", 25375, 254, 0, 0, null],
    ]);
    expect(flows(state, "cancelled")).toEqual([]);
    expect(state.creditBalanceMinor).toBe(0);
  });

  it("rule accrued, close-forward: the same installments close, their unaccrued interest is cancelled", () => {
    // Installment 1 (due): principal 246.28 + accrued interest 4.52 = 250.80 → closed on 01-15, and its
    // unaccrued interest 10.00 − 4.52 = 5.48 is cancelled (scheduled interest := 4.52, §5.2). Left 349.20.
    // Installment 2 (not yet due, rule accrued: only principal is payable — its period starts 02-01, nothing
    // accrued): 248.74 → closed, its 7.54 interest cancelled (scheduled 0). Left 100.46.
    // Installment 3: principal 100.46 (its interest 5.05 has not accrued, not payable); open, interest kept.
    const state = replayLoan(
      loanOf(4, { closing: "accrued", overpayment: "close-forward" }),
      [repayment("p", "2024-01-15", 60000)],
      asOf,
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 24628, 452, 24628, 452, "2024-01-15"],
      ["2024-03-01", 24874, 0, 24874, 0, "2024-01-15"],
      ["2024-04-01", 25123, 505, 10046, 0, null],
      ["2024-05-01", 25375, 254, 0, 0, null],
    ]);
    expect(flows(state, "cancelled")).toEqual([
      [1, "interest", 548],
      [2, "interest", 754],
    ]);
  });

  it("rule scheduled, close-backward: installment 4 closes, installment 2 is untouched", () => {
    // Installment 1 as before: 256.28, left 343.72. Last to next: installment 4 takes 2.54 + 253.75 = 256.29
    // → closed; left 87.43. Installment 3: interest 5.05, principal 82.38; open. Installment 2: nothing.
    const state = replayLoan(
      loanOf(4, { closing: "scheduled", overpayment: "close-backward" }),
      [repayment("p", "2024-01-15", 60000)],
      asOf,
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 24628, 1000, 24628, 1000, "2024-01-15"],
      ["2024-03-01", 24874, 754, 0, 0, null],
      ["2024-04-01", 25123, 505, 8238, 505, null],
      ["2024-05-01", 25375, 254, 25375, 254, "2024-01-15"],
    ]);
    expect(flows(state, "cancelled")).toEqual([]);
  });

  it("rule accrued, close-backward: installment 4 closes on its principal, its 2.54 interest cancelled", () => {
    // Installment 1: 250.80 (5.48 cancelled), left 349.20. Installment 4: principal 253.75 → closed, interest
    // 2.54 cancelled; left 95.45. Installment 3: principal 95.45; open. Installment 2: nothing.
    const state = replayLoan(
      loanOf(4, { closing: "accrued", overpayment: "close-backward" }),
      [repayment("p", "2024-01-15", 60000)],
      asOf,
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 24628, 452, 24628, 452, "2024-01-15"],
      ["2024-03-01", 24874, 754, 0, 0, null],
      ["2024-04-01", 25123, 505, 9545, 0, null],
      ["2024-05-01", 25375, 0, 25375, 0, "2024-01-15"],
    ]);
    expect(flows(state, "cancelled")).toEqual([
      [1, "interest", 548],
      [4, "interest", 254],
    ]);
  });
});

describe("reduce-term and reduce-installment: 556.28 paid on 2024-02-01 (4 installments)", () => {
  // On 02-01 installment 1 is due; the waterfall pays it (10.00 + 246.28 = 256.28) and closes it; the
  // overpayment is 300.00. F = installments 2–4, B = 248.74 + 251.23 + 253.75 = 753.72, r = min(300.00, B)
  // = 300.00 is paid as principal on installment 1 (scheduled and paid principal 246.28 + 300.00 = 546.28).
  // F is recalculated from 02-01 with 453.72 (§6, §8); 02-01 is the regular start of installment 2's period,
  // so every period is regular (ρ = 0.01).
  const asOf = day("2024-02-01");

  it("reduce-installment keeps the three due dates with a lower installment: 154.27", () => {
    // A = 453.72 · 0.01 / (1 − 1.01^−3) = 453.72 · 0.340022115 = 154.2748 → 154.27
    //   03-01: I 4.5372 → 4.54; P 149.73; B 303.99
    //   04-01: I 3.0399 → 3.04; P 151.23; B 152.76
    //   05-01: I 1.5276 → 1.53; P 152.76; total 154.29
    const state = replayLoan(
      loanOf(4, { overpayment: "reduce-installment" }),
      [repayment("p", "2024-02-01", 55628)],
      asOf,
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 54628, 1000, 54628, 1000, "2024-02-01"],
      ["2024-03-01", 14973, 454, 0, 0, null],
      ["2024-04-01", 15123, 304, 0, 0, null],
      ["2024-05-01", 15276, 153, 0, 0, null],
    ]);
    // Pay-off (§9, a reducing mode): the unpaid principal of the not-yet-due installments, 453.72.
    expect(state.payoffMinor).toBe(45372);
  });

  it("reduce-term keeps the 256.28 installment over fewer installments, with a smaller last one", () => {
    // The current regular installment is F's first before recalculation: 248.74 + 7.54 = 256.28.
    //   m = 1: 453.72 + 4.54 = 458.26 > 256.28
    //   m = 2: A = 453.72 · 0.01 / (1 − 1.01^−2) = 4.5372 / 0.019703951 = 230.2685 → 230.27 ≤ 256.28 → m = 2
    // An annuity pays exactly 256.28 over those 2 periods, the last smaller (a balloon of 2 periods):
    //   03-01: I 4.54; P 256.28 − 4.54 = 251.74; B 201.98
    //   04-01: I 2.0198 → 2.02; P 201.98; total 204.00
    // Installment 4 (05-01) is truncated with nothing paid: removed (§8.1).
    const state = replayLoan(
      loanOf(4, { overpayment: "reduce-term" }),
      [repayment("p", "2024-02-01", 55628)],
      asOf,
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 54628, 1000, 54628, 1000, "2024-02-01"],
      ["2024-03-01", 25174, 454, 0, 0, null],
      ["2024-04-01", 20198, 202, 0, 0, null],
    ]);
    expect(state.payoffMinor).toBe(45372); // 251.74 + 201.98
  });

  it("records the prepaid 300.00 on installment 1 as paid, with a recalculated line for its grown principal", () => {
    // §6: "its scheduled and paid principal both grow by r; cash-flow kind paid with the extra recalculated
    // line on the installment": installment 1 shows paid 246.28 (waterfall) and 300.00 (overpayment), and
    // a recalculated +300.00 for its scheduled principal.
    const state = replayLoan(loanOf(4), [repayment("p", "2024-02-01", 55628)], asOf);
    const first = state.cashFlow.filter((f) => f.installment === 1 && f.component === "principal");
    expect(first.map((f) => [f.kind, f.amountMinor])).toEqual(
      expect.arrayContaining([
        ["paid", 24628],
        ["paid", 30000],
        ["recalculated", 30000],
      ]),
    );
  });
});

describe("reduce-installment in the middle of a period under rule accrued: 556.28 on 2024-01-15", () => {
  it("closes installment 1 on its accrued interest, then recalculates the rest from 02-01 with 448.24", () => {
    // Installment 1 (due): principal 246.28 + interest accrued round(1000 · 14/31) = 4.52 → 250.80, closed,
    // 10.00 − 4.52 = 5.48 cancelled (§5.2). Overpayment 556.28 − 250.80 = 305.48 = r (B = 753.72), paid as
    // principal on installment 1: 246.28 + 305.48 = 551.76. F (installments 2–4) is recalculated from the
    // current installment's due date 02-01 (§6) with 753.72 − 305.48 = 448.24 over 03-01, 04-01, 05-01:
    //   A = 448.24 · 0.340022115 = 152.4115 → 152.41
    //   03-01: I 4.4824 → 4.48; P 147.93; B 300.31
    //   04-01: I 3.0031 → 3.00; P 149.41; B 150.90
    //   05-01: I 1.509 → 1.51;  P 150.90; total 152.41
    const state = replayLoan(
      loanOf(4, { closing: "accrued", overpayment: "reduce-installment" }),
      [repayment("p", "2024-01-15", 55628)],
      day("2024-01-15"),
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 55176, 452, 55176, 452, "2024-01-15"],
      ["2024-03-01", 14793, 448, 0, 0, null],
      ["2024-04-01", 14941, 300, 0, 0, null],
      ["2024-05-01", 15090, 151, 0, 0, null],
    ]);
    expect(flows(state, "cancelled")).toEqual([[1, "interest", 548]]);
  });
});

describe("a repayment's own overpayment mode overrides the product's", () => {
  it("a close-backward product, one repayment asking reduce-installment: recalculated like reduce-installment", () => {
    // Same as the reduce-installment case above: 154.27 over 03-01, 04-01, 05-01.
    const state = replayLoan(
      loanOf(4, { overpayment: "close-backward" }),
      [repayment("p", "2024-02-01", 55628, "reduce-installment")],
      day("2024-02-01"),
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 54628, 1000, 54628, 1000, "2024-02-01"],
      ["2024-03-01", 14973, 454, 0, 0, null],
      ["2024-04-01", 15123, 304, 0, 0, null],
      ["2024-05-01", 15276, 153, 0, 0, null],
    ]);
  });

  it("the same product without the override closes backward", () => {
    // 300.00 left after installment 1: installment 4 takes 2.54 + 253.75 = 256.29 → closed; left 43.71;
    // installment 3: interest 5.05, principal 38.66. Installment 1's principal stays 246.28 (no recalculation).
    const state = replayLoan(
      loanOf(4, { overpayment: "close-backward" }),
      [repayment("p", "2024-02-01", 55628)],
      day("2024-02-01"),
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 24628, 1000, 24628, 1000, "2024-02-01"],
      ["2024-03-01", 24874, 754, 0, 0, null],
      ["2024-04-01", 25123, 505, 3866, 505, null],
      ["2024-05-01", 25375, 254, 25375, 254, "2024-02-01"],
    ]);
  });
});

describe("balloon loan (payment 300.00, 3 installments): the final payment is recalculated", () => {
  // Schedule (payment-methods.test.ts): 01: I 10.00; P 290.00; B 710.00 · 02: I 7.10; P 292.90; B 417.10
  // · 03: I 4.17; P 417.10; total 421.27.
  // 400.00 on 02-01: installment 1 takes 300.00 and closes; the overpayment is 100.00. F = installments 2–3,
  // B = 292.90 + 417.10 = 710.00, r = 100.00 → installment 1's principal 290.00 + 100.00 = 390.00.
  // §6 balloon: the due dates and the regular payment (F's first before recalculation: 300.00) are kept and
  // the final payment is recalculated on 610.00:
  //   03-01: I 6.10; P 293.90; B 316.10
  //   04-01: I 3.161 → 3.16; P 316.10; total 319.26 (was 421.27)
  const balloon = { paymentMethod: { type: "balloon", payment: "300.00" } };
  const expected = [
    ["2024-02-01", 39000, 1000, 39000, 1000, "2024-02-01"],
    ["2024-03-01", 29390, 610, 0, 0, null],
    ["2024-04-01", 31610, 316, 0, 0, null],
  ];

  it("under the product's reduce-term", () => {
    const state = replayLoan(
      loanOf(3, {}, balloon),
      [repayment("p", "2024-02-01", 40000)],
      day("2024-02-01"),
    );
    expect(rows(state)).toEqual(expected);
  });

  it("under reduce-installment too: a balloon keeps its payment whatever the reducing mode", () => {
    const state = replayLoan(
      loanOf(3, { overpayment: "reduce-installment" }, balloon),
      [repayment("p", "2024-02-01", 40000)],
      day("2024-02-01"),
    );
    expect(rows(state)).toEqual(expected);
  });
});

describe("an overpayment beyond everything owed becomes a credit balance (3 installments)", () => {
  it("reduce-term: 1,100.00 on 02-01 repays the loan, 90.00 is held as credit", () => {
    // Installment 1 (due): 10.00 + 330.02 = 340.02; overpayment 759.98. F = installments 2–3,
    // B = 333.32 + 336.66 = 669.98; r = 669.98 → installment 1's principal 330.02 + 669.98 = 1,000.00.
    // Balance 0: installments 2 and 3 are truncated with nothing paid → removed. Left: 759.98 − 669.98 = 90.00,
    // the credit balance; every installment is closed → the loan is closed.
    const state = replayLoan(loanOf(3), [repayment("p", "2024-02-01", 110000)], day("2024-02-01"));
    expect(rows(state)).toEqual([["2024-02-01", 100000, 1000, 100000, 1000, "2024-02-01"]]);
    expect(state.creditBalanceMinor).toBe(9000);
    expect(state.status).toBe("closed");
    expect(state.payoffMinor).toBe(0);
    expect(state.totals.receivedMinor).toBe(110000);
    expect(
      state.postings.filter((p) => p.credit === "overpayment").map((p) => [p.debit, p.amountMinor]),
    ).toEqual([["cash", 9000]]);
  });

  it("close-forward: the later installments are closed with their scheduled interest, 79.93 is credit", () => {
    // Installment 1: 340.02; then 2: 6.70 + 333.32 = 340.02; 3: 3.37 + 336.66 = 340.03 (rule scheduled: the
    // future interest is payable in advance). Paid 1,020.07; credit 1,100.00 − 1,020.07 = 79.93.
    const state = replayLoan(
      loanOf(3, { overpayment: "close-forward" }),
      [repayment("p", "2024-02-01", 110000)],
      day("2024-02-01"),
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 33002, 1000, 33002, 1000, "2024-02-01"],
      ["2024-03-01", 33332, 670, 33332, 670, "2024-02-01"],
      ["2024-04-01", 33666, 337, 33666, 337, "2024-02-01"],
    ]);
    expect(state.creditBalanceMinor).toBe(7993);
    expect(state.status).toBe("closed");
  });

  it("after maturity there is nothing to recalculate: reduce-term leaves 79.93 as credit", () => {
    // On 04-10 every installment is past due (no current installment, so F is empty, §6): the waterfall pays
    // 340.02 + 340.02 + 340.03 = 1,020.07 and the rest, 1,100.00 − 1,020.07 = 79.93, is the credit balance.
    const state = replayLoan(loanOf(3), [repayment("p", "2024-04-10", 110000)], day("2024-04-10"));
    expect(rows(state)).toEqual([
      ["2024-02-01", 33002, 1000, 33002, 1000, "2024-04-10"],
      ["2024-03-01", 33332, 670, 33332, 670, "2024-04-10"],
      ["2024-04-01", 33666, 337, 33666, 337, "2024-04-10"],
    ]);
    expect([state.creditBalanceMinor, state.status]).toEqual([7993, "closed"]);
  });

  it("is refunded in parts, and a refund above what is left of it is refused", () => {
    // 90.00 credit; refund 40.00 on 02-10 leaves 50.00 (a closed loan still takes refunds, §7).
    const loan = loanOf(3);
    const events = [repayment("p", "2024-02-01", 110000), refund("r1", "2024-02-10", 4000)];
    const after = replayLoan(loan, events, day("2024-02-20"));
    expect([after.creditBalanceMinor, after.totals.refundedMinor]).toEqual([5000, 4000]);
    expect(
      after.postings.filter((p) => p.debit === "overpayment").map((p) => [p.credit, p.amountMinor]),
    ).toEqual([["cash", 4000]]);

    // 50.01 > 50.00: refused, naming the refund's amount (§7); the list without it replays as before.
    const error = refusal(() =>
      replayLoan(loan, [...events, refund("r2", "2024-02-20", 5001)], day("2024-02-20")),
    );
    expect(error.code).toBe("INVALID_EVENT");
    expect(error.issues.map((i) => [i.field, i.value])).toEqual([["events[2].amount", 5001]]);
    expect(replayLoan(loan, events, day("2024-02-20"))).toEqual(after);

    // Exactly 50.00 is accepted and empties the credit balance.
    const emptied = replayLoan(loan, [...events, refund("r2", "2024-02-20", 5000)], day("2024-02-20"));
    expect([emptied.creditBalanceMinor, emptied.totals.refundedMinor]).toEqual([0, 9000]);
  });

  it("refuses a refund above the whole credit balance (90.01 of 90.00)", () => {
    const error = refusal(() =>
      replayLoan(
        loanOf(3),
        [repayment("p", "2024-02-01", 110000), refund("r", "2024-02-05", 9001)],
        day("2024-02-05"),
      ),
    );
    expect(error.code).toBe("INVALID_EVENT");
    expect(error.issues.map((i) => [i.field, i.value])).toEqual([["events[1].amount", 9001]]);
  });
});

describe("reduce-installment on a due date a reschedule's new installment shares with one closed ahead (§5.1, §6)", () => {
  it("pays the new installment and grows its principal, not the closed one's with the same date", () => {
    // Classic (equal principal) 1,000.00 over 4 months, ρ = 0.01: P = 1000 / 4 = 250.00 each;
    //   1 due 02-01: I 1000 · 0.01 = 10.00 · 2 due 03-01: I 750 · 0.01 = 7.50
    //   3 due 04-01: I 500 · 0.01 = 5.00   · 4 due 05-01: I 250 · 0.01 = 2.50
    // 02-01, 517.50 close-forward: the waterfall pays installment 1 (10.00 + 250.00 = 260.00, closed); the
    //   257.50 left closes installment 2 ahead (rule scheduled: 7.50 + 250.00, closed 02-01).
    // 02-01, reschedule into 2: it replaces the open installments due after 02-01 (3 and 4; 2 is closed),
    //   principal 250.00 + 250.00 = 500.00, nothing carried (installment 3's period starts 03-01); 3 and 4,
    //   nothing settled, are removed (§8.1). New classic schedule from 02-01, first due 03-01 — the date of the
    //   closed installment 2: 03-01 P 250.00, I 500 · 0.01 = 5.00; 04-01 P 250.00, I 250 · 0.01 = 2.50.
    // 03-01, 355.00 reduce-installment: the current installment (§5.1) skips the closed 03-01 one (it shares its
    //   due date with the next) and is the new 03-01 one. The waterfall pays it 5.00 + 250.00 = 255.00 and
    //   closes it; rest 100.00. F = the new 04-01 installment, B = 250.00, r = min(100.00, 250.00) = 100.00 is
    //   added to the current installment's principal (scheduled and paid 250.00 + 100.00 = 350.00), and F is
    //   recalculated from 03-01 with 250.00 − 100.00 = 150.00 over 1 installment: P 150.00, I 150 · 0.01 = 1.50.
    const state = replayLoan(
      loanOf(4, {}, { loanType: "classic" }),
      [
        repayment("p1", "2024-02-01", 51750, "close-forward"),
        {
          id: "rs",
          type: "reschedule",
          day: day("2024-02-01"),
          installments: 2,
          firstDueDay: undefined,
          holidayInstallments: 0,
          interestOnlyInstallments: 0,
          rate: undefined,
        },
        repayment("p2", "2024-03-01", 35500, "reduce-installment"),
      ],
      day("2024-03-01"),
    );
    expect(rows(state)).toEqual([
      ["2024-02-01", 25000, 1000, 25000, 1000, "2024-02-01"],
      ["2024-03-01", 25000, 750, 25000, 750, "2024-02-01"], // closed ahead, untouched
      ["2024-03-01", 35000, 500, 35000, 500, "2024-03-01"],
      ["2024-04-01", 15000, 150, 0, 0, null],
    ]);
    // Pay-off (§9, a reducing mode): the 150.00 unpaid principal; no interest has accrued on the day its period starts.
    expect(state.payoffMinor).toBe(15000);
    expect(state.creditBalanceMinor).toBe(0);
  });
});
