/**
 * Sanity tests of the servicing reference model itself. Every expected value below was worked out by hand from
 * docs/reference/servicing-rules.md (the working is in the comments), not by running code.
 */
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../../src/core/calendar-date.ts";
import { ratio } from "../../src/core/ratio.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { DEFAULT_SERVICING_RULES } from "../../src/servicing/default-rules.ts";
import type { LoanEvent, ServicingRules } from "../../src/servicing/types.ts";
import { type ReferenceResult, type ReferenceState, referenceServicing } from "./reference-servicing.ts";

function day(iso: string): number {
  const d = parseIsoDate(iso);
  if (d === undefined) throw new Error(iso);
  return d;
}

function state(result: ReferenceResult): ReferenceState {
  if (result.kind !== "state") throw new Error(`${result.kind}: ${result.reason}`);
  return result;
}

function repayment(
  id: string,
  iso: string,
  amountMinor: number,
  overpayment?: "reduce-installment",
): LoanEvent {
  return { id, type: "repayment", day: day(iso), amountMinor, overpayment };
}

/** [scheduled, paid, outstanding] as [P, I, F, penalty] rows, and the closing day, per installment. */
function rows(s: ReferenceState): unknown[] {
  const q = (a: { principal: number; interest: number; fee: number; penalty: number }) => [
    a.principal,
    a.interest,
    a.fee,
    a.penalty,
  ];
  return s.installments.map((i) => [q(i.scheduled), q(i.paid), q(i.outstanding), i.closedDay]);
}

// 1,000.00 EUR at 12 %/year, 3 monthly installments from 2024-01-15 (schedule-rules.md §5.1, hand-checked in
// reference-schedule.test.ts): 1: P 330.02 I 10.00 due 2024-02-15 (31 days); 2: P 333.32 I 6.70 due
// 2024-03-15 (29 days); 3: P 336.66 I 3.37 due 2024-04-15 (31 days).
const terms = parseTerms({
  principal: "1000.00",
  currency: "EUR",
  disbursementDate: "2024-01-15",
  installments: 3,
  interest: { rate: "12" },
});

describe("reference servicing — hand-checked examples", () => {
  it("an installment paid on its due date; interest of the next accrues pro rata (§3, §9)", () => {
    // 340.02 on 2024-02-15 pays installment 1 exactly (penalty 0, fee 0, interest 10.00, principal 330.02) → closed.
    // As of 2024-03-01, installment 2 (670 over 29 days from 02-15) has accrued round(670 · 15/29) =
    // round(346.55…) = 347. Pay-off (rule scheduled, reduce-term): the due installment 2 in full
    // (333.32 + 6.70 = 340.02) + the unpaid principal of installment 3 (336.66) = 676.68.
    const s = state(
      referenceServicing(
        terms,
        DEFAULT_SERVICING_RULES,
        [repayment("p", "2024-02-15", 34002)],
        day("2024-03-01"),
      ),
    );
    expect(rows(s)).toEqual([
      [[33002, 1000, 0, 0], [33002, 1000, 0, 0], [0, 0, 0, 0], day("2024-02-15")],
      [[33332, 670, 0, 0], [0, 0, 0, 0], [33332, 347, 0, 0], undefined],
      [[33666, 337, 0, 0], [0, 0, 0, 0], [33666, 0, 0, 0], undefined],
    ]);
    expect(s.outstanding).toEqual({ principal: 66998, interest: 347, fee: 0, penalty: 0 });
    expect(s.payoffMinor).toBe(67668);
    expect([s.daysPastDue, s.delinquency, s.status]).toEqual([0, "current", "active"]);
  });

  it("a payment 10 days late: 24 % past-due interest held through a 3-day grace, a 5.00 late fee (§4)", () => {
    // T = due + g + 1 = 02-15 + 4 = 02-19. Daily past-due interest on principal 330.02:
    // 33002 · 0.24 / 365 = 21.699… → 22. Days 02-16, 02-17, 02-18 are held (3 · 22 = 66); on 02-19 the
    // installment is still overdue: 66 + 22 = 88 and the late fee 500 are charged. 02-20 … 02-25 (the payment
    // day's accruals come before the payment, §2): 6 · 22 = 132. Penalty = 88 + 500 + 132 = 720.
    // 340.02 (waterfall penalty, fee, interest, principal): 720 penalty, 1000 interest, 32282 principal;
    // 720 of principal is left. From 02-26 the base is 720: 720 · 0.24 / 365 = 0.47 → 0 a day.
    // As of 2024-03-01: days past due = 03-01 − 02-15 = 15 (2024 is a leap year) → "1-30".
    // Pay-off: 7.20 (past due) + 340.02 (due) + 336.66 (not yet due, principal) = 683.88.
    const rules: ServicingRules = {
      ...DEFAULT_SERVICING_RULES,
      lateGraceDays: 3,
      pastDueInterest: { rate: ratio(24n, 100n), daysInYear: 365, base: "principal" },
      lateFee: { amountMinor: 500 },
    };
    const s = state(
      referenceServicing(terms, rules, [repayment("p", "2024-02-25", 34002)], day("2024-03-01")),
    );
    expect(rows(s)[0]).toEqual([[33002, 1000, 0, 720], [32282, 1000, 0, 720], [720, 0, 0, 0], undefined]);
    expect([s.daysPastDue, s.delinquency, s.payoffMinor]).toEqual([15, "1-30", 68388]);

    // Paid 2 days late instead (02-17, inside the grace): days 02-16 and 02-17 are held (44), the installment
    // stops being overdue before T, so nothing is charged and there is no late fee.
    const onTime = state(
      referenceServicing(terms, rules, [repayment("p", "2024-02-17", 34002)], day("2024-03-01")),
    );
    expect(rows(onTime)[0]).toEqual([
      [33002, 1000, 0, 0],
      [33002, 1000, 0, 0],
      [0, 0, 0, 0],
      day("2024-02-17"),
    ]);
    expect(onTime.daysPastDue).toBe(0);
  });

  it("overpayment at 0 %: reduce-term shortens, reduce-installment lowers (§6, §8)", () => {
    // 1,000.00 at 0 %, 4 monthly installments of 250.00. 600.00 on the first due date: 250.00 pays
    // installment 1, the overpayment is 350.00. F = installments 2–4, B = 750.00, r = 350.00 is added to
    // installment 1's principal (scheduled and paid 600.00); F is recalculated with 400.00.
    // reduce-term: R = 250.00; m = 1 → first 400.00 > R; m = 2 → 200.00 ≤ R, so m = 2, and an annuity pays
    // exactly R with a smaller last: 250.00, 150.00; installment 4 is truncated with nothing paid → removed.
    const t0 = parseTerms({
      principal: "1000.00",
      currency: "EUR",
      disbursementDate: "2024-01-15",
      installments: 4,
      interest: { rate: "0" },
    });
    const term = state(
      referenceServicing(
        t0,
        DEFAULT_SERVICING_RULES,
        [repayment("p", "2024-02-15", 60000)],
        day("2024-02-20"),
      ),
    );
    expect(term.installments.map((i) => [i.number, i.scheduled.principal, i.paid.principal])).toEqual([
      [1, 60000, 60000],
      [2, 25000, 0],
      [3, 15000, 0],
    ]);
    expect(term.payoffMinor).toBe(40000);
    // reduce-installment: 400.00 over the 3 due dates: roundStep(400/3) = 133.33, last 133.34.
    const inst = state(
      referenceServicing(
        t0,
        DEFAULT_SERVICING_RULES,
        [repayment("p", "2024-02-15", 60000, "reduce-installment")],
        day("2024-02-20"),
      ),
    );
    expect(inst.installments.map((i) => i.scheduled.principal)).toEqual([60000, 13333, 13333, 13334]);
  });

  it("pay-off under rule accrued with close-forward cancels the interest not accrued (§5.2, §9)", () => {
    // On 2024-01-25, 10 of installment 1's 31 days: accrued round(1000 · 10/31) = round(322.58) = 323.
    // Pay-off = due (principal 33002 + accrued interest 323) + not-yet-due payable under rule accrued
    // (principal only: 33332 + 33666) = 100323. Every installment closes on 01-25 and its interest is cut to
    // what had accrued: 323, 0, 0. A pay-off naming another amount (1,003.22) is refused (§7).
    const rules: ServicingRules = {
      ...DEFAULT_SERVICING_RULES,
      closing: "accrued",
      overpayment: "close-forward",
    };
    const payoff = (amountMinor: number | undefined): LoanEvent => ({
      id: "x",
      type: "payoff",
      day: day("2024-01-25"),
      amountMinor,
    });
    const s = state(referenceServicing(terms, rules, [payoff(undefined)], day("2024-05-01")));
    expect(s.installments.map((i) => [i.scheduled.interest, i.paid.principal, i.closedDay])).toEqual([
      [323, 33002, day("2024-01-25")],
      [0, 33332, day("2024-01-25")],
      [0, 33666, day("2024-01-25")],
    ]);
    expect([s.status, s.payoffMinor, s.totals.receivedMinor, s.creditBalanceMinor]).toEqual([
      "closed",
      0,
      100323,
      0,
    ]);
    expect(referenceServicing(terms, rules, [payoff(100322)], day("2024-05-01"))).toMatchObject({
      kind: "refused",
      eventId: "x",
    });
  });

  it("returned payment with an NSF fee, a fee waiver, a refund above the credit balance (§7)", () => {
    // 340.02 on 02-15 is returned on 02-20 with the product's NSF fee 25.00: the repayment never happened;
    // the fee goes to the installment current on 02-20 (installment 2) and accrues then. As of 03-01,
    // installment 1 is past due by 15 days with 330.02 + 10.00 outstanding; installment 2 has fee 25.00.
    // Waiving 10.00 of fees on 02-25 leaves 15.00. A refund of 0.01 with no credit balance is refused.
    const rules: ServicingRules = { ...DEFAULT_SERVICING_RULES, nsfFeeMinor: 2500 };
    const events: LoanEvent[] = [
      repayment("p", "2024-02-15", 34002),
      { id: "n", type: "returned-payment", day: day("2024-02-20"), of: "p", feeMinor: undefined },
      { id: "w", type: "fee-waiver", day: day("2024-02-25"), component: "fee", amountMinor: 1000 },
    ];
    const s = state(referenceServicing(terms, rules, events, day("2024-03-01")));
    expect(rows(s).slice(0, 2)).toEqual([
      [[33002, 1000, 0, 0], [0, 0, 0, 0], [33002, 1000, 0, 0], undefined],
      [[33332, 670, 2500, 0], [0, 0, 0, 0], [33332, 347, 1500, 0], undefined],
    ]);
    expect([s.daysPastDue, s.totals.receivedMinor, s.totals.waived.fee]).toEqual([15, 0, 1000]);
    const refund: LoanEvent = { id: "r", type: "refund", day: day("2024-02-26"), amountMinor: 1 };
    expect(referenceServicing(terms, rules, [...events, refund], day("2024-03-01"))).toMatchObject({
      kind: "refused",
      eventId: "r",
    });
  });

  it("§7 refusals of the revised spec: waivers, reversal dates, a second reversal; a zero NSF fee", () => {
    // On 2024-01-20 installment 1 has accrued round(1000 · 5/31) = round(161.29) = 161 of interest, no fee.
    const at = (events: LoanEvent[]) =>
      referenceServicing(terms, DEFAULT_SERVICING_RULES, events, day("2024-03-01"));
    const waiver = (component: "fee" | "interest", amountMinor?: number): LoanEvent => ({
      id: "w",
      type: "fee-waiver",
      day: day("2024-01-20"),
      component,
      amountMinor,
    });
    // nothing of the component outstanding, or more than is: refused
    expect(at([waiver("fee")])).toMatchObject({ kind: "refused", eventId: "w" });
    expect(at([waiver("interest", 162)])).toMatchObject({ kind: "refused", eventId: "w" });
    expect(state(at([waiver("interest", 161)])).installments[0]?.waived.interest).toBe(161);
    // a reversal dated before its target, and a second reversal of the same event: refused
    const p = repayment("p", "2024-02-15", 34002);
    const early: LoanEvent = { id: "x", type: "reversal", day: day("2024-02-14"), of: "p" };
    expect(at([p, early])).toMatchObject({ kind: "refused", eventId: "x" });
    const once: LoanEvent = { id: "x", type: "reversal", day: day("2024-02-15"), of: "p" };
    const twice: LoanEvent = {
      id: "y",
      type: "returned-payment",
      day: day("2024-02-16"),
      of: "p",
      feeMinor: 0,
    };
    expect(at([p, once, twice])).toMatchObject({ kind: "refused", eventId: "y" });
    // a returned payment with its own fee 0 charges nothing, even with a product NSF fee
    const rules: ServicingRules = { ...DEFAULT_SERVICING_RULES, nsfFeeMinor: 2500 };
    const returned = state(referenceServicing(terms, rules, [p, { ...twice, id: "n" }], day("2024-03-01")));
    expect([returned.totals.receivedMinor, returned.outstanding.fee]).toEqual([0, 0]);
  });

  it("§7 a manual fee after maturity goes to the last open installment", () => {
    // Installment 3 (due 04-15) is the last open one on 05-01; installment 1 was paid.
    const s = state(
      referenceServicing(
        terms,
        DEFAULT_SERVICING_RULES,
        [
          repayment("p", "2024-02-15", 34002),
          { id: "f", type: "fee", day: day("2024-05-01"), amountMinor: 700, name: "manual" },
        ],
        day("2024-05-01"),
      ),
    );
    expect(s.installments.map((i) => i.scheduled.fee)).toEqual([0, 0, 700]);
  });

  it("§8.3 a reschedule carries accrued interest and fees; §9 the reduce-mode pay-off counts them", () => {
    // A 5.00 fee charged at the start of every period. Installment 1's fee accrues on 01-15, installment 2's on
    // 02-15. Reschedule on 02-20 into 2 installments: replaced are 2 (started 02-15) and 3 (starts 03-15).
    // Installment 2 has accrued round(670 · 5/29) = round(115.52) = 116 of interest and its fee 500: both are
    // carried. New principal 333.32 + 336.66 = 669.98 from 02-20, monthly at 1 %: A = roundHalfEven(66998 /
    // (1/1.01 + 1/1.01²)) = round(34002.3) = 34002; new 1: I = round(669.98) = 670, P = 33332; new 2: P =
    // 33666, I = round(336.66) = 337. New 1 gets 670 + 116 = 786 of interest and 500 + 500 = 1000 of fee.
    // The old installments 2 and 3 are truncated with nothing settled: removed.
    const withFee = parseTerms({
      principal: "1000.00",
      currency: "EUR",
      disbursementDate: "2024-01-15",
      installments: 3,
      interest: { rate: "12" },
      fees: [{ name: "service", amount: "5.00", charge: "installment", timing: "start" }],
    });
    const s = state(
      referenceServicing(
        withFee,
        DEFAULT_SERVICING_RULES,
        [
          {
            id: "r",
            type: "reschedule",
            day: day("2024-02-20"),
            installments: 2,
            firstDueDay: undefined,
            holidayInstallments: 0,
            interestOnlyInstallments: 0,
            rate: undefined,
          },
        ],
        day("2024-02-20"),
      ),
    );
    expect(
      s.installments.map((i) => [i.dueDay, i.scheduled.principal, i.scheduled.interest, i.scheduled.fee]),
    ).toEqual([
      [day("2024-02-15"), 33002, 1000, 500],
      [day("2024-03-20"), 33332, 786, 1000],
      [day("2024-04-20"), 33666, 337, 500],
    ]);
    // Pay-off on 02-20 (reduce-term): installment 1 past due 33002 + 1000 + 500; the current new 1 payable in
    // full 33332 + 786 + 1000; new 2 not yet due: principal 33666 and nothing accrued (its fee starts 03-20).
    expect(s.payoffMinor).toBe(34502 + 35118 + 33666);
  });

  it("§8 grace and interest-only installments continue where they left off in a rate change", () => {
    // An interest-only loan of 1,000.00 at 12 %, 6 monthly installments from 01-15 with a grace of 2
    // (interest paid) and the default interest-only count: interest 10.00 in 1–5, all principal in 6.
    // Rate change to 24 % on 02-20: k = installment 2 (due 03-15, q = 1), s = 02-20. The tail over 03-15 …
    // 07-15 keeps 1 grace installment and (the default for the tail) all but its last interest-only.
    // Installment 2 accrued round(1000 · 5/29) = 172 by 02-20; the tail's broken first period 02-20 → 03-15 is
    // 24 of the 29 days of a regular period: round(2000 · 24/29) = round(1655.17) = 1655; then 2000 a month.
    const io = parseTerms({
      principal: "1000.00",
      currency: "EUR",
      disbursementDate: "2024-01-15",
      installments: 6,
      loanType: "interest-only",
      interest: { rate: "12" },
      grace: { installments: 2, type: "interest-only" },
    });
    const s = state(
      referenceServicing(
        io,
        DEFAULT_SERVICING_RULES,
        [{ id: "c", type: "rate-change", day: day("2024-02-20"), rate: ratio(24n, 100n) }],
        day("2024-02-20"),
      ),
    );
    expect(s.installments.map((i) => [i.scheduled.principal, i.scheduled.interest])).toEqual([
      [0, 1000],
      [0, 172 + 1655],
      [0, 2000],
      [0, 2000],
      [0, 2000],
      [100000, 2000],
    ]);
  });
});
