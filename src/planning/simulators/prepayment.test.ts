import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  amortizeLevel,
  amortizeWith,
  dec,
  levelInstallment,
  minor,
  totalInterest,
} from "../../../test/reference/annuity-reference.ts";
import { refusalOf } from "../../../test/support/refusal.ts";
import { formatIsoDate, parseIsoDate } from "../../core/calendar-date.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import { parseEvents } from "../../servicing/parse-events.ts";
import { parseServicingRules } from "../../servicing/parse-servicing-rules.ts";
import { openLoan, replayLoan } from "../../servicing/service-loan.ts";
import { type PrepaymentComparison, simulatePrepayment } from "./prepayment.ts";
import type { RunningLoan } from "./running-loan.ts";

const day = (text: string) => parseIsoDate(text) as number;

function loanOf(terms: unknown, events: unknown[], servicing?: unknown): RunningLoan {
  const parsed = parseTerms(terms);
  const rules = parseServicingRules(servicing, parsed.currency.digits);
  return {
    terms: parsed,
    rules,
    events: parseEvents(events, {
      currencyDigits: parsed.currency.digits,
      disbursementDay: parsed.disbursementDay,
      maxEvents: rules.maxEvents,
    }),
  };
}

/** 12,000.00 EUR at 12 % a year, 24 monthly annuity installments from 2024-02-01. */
const TERMS = {
  principal: "12000.00",
  currency: "EUR",
  disbursementDate: "2024-01-01",
  installments: 24,
  interest: { rate: "12", per: "year" },
};

/** The first `count` installments paid on their due dates (564.88 each: see the first test). */
function paidUpTo(count: number): unknown[] {
  return Array.from({ length: count }, (_, k) => ({
    type: "repayment",
    date: `2024-${String(k + 2).padStart(2, "0")}-01`,
    amount: "564.88",
  }));
}

describe("simulatePrepayment: 12,000.00 at 12 % over 24 months, 3,000.00 extra with the 6th installment", () => {
  // Hand arithmetic (i = 1 % a month):
  //   installment  = 12000 × 0.01 / (1 − 1.01^−24) = 12000 × 0.0470735 = 564.8817 → 564.88
  //   balance after 6 installments: closed form 12000 × 1.01^6 − 564.88 × (1.01^6 − 1)/0.01
  //     = 12738.2418 − 3475.1503 = 9263.09; with each month's interest rounded to the cent the table gives 9263.10
  //   reduce-installment: 6263.10 over the 18 months left: 6263.10 × 0.01 / (1 − 1.01^−18) = 6263.10 × 0.0609820
  //     = 381.9369 → 381.94
  //   reduce-term: keep 564.88 on 6263.10: n = −ln(1 − 6263.10 × 0.01 / 564.88) / ln 1.01 = 0.117516 / 0.0099503
  //     = 11.81 → 12 installments, the last one smaller: the loan ends 2025-07-01 instead of 2026-01-01 (6 months)
  // The totals of interest come from the independent decimal.js table (test/reference/annuity-reference.ts).
  const i = dec("0.01");
  const original = amortizeLevel(dec(12000), i, 24);
  const firstSix = original.slice(0, 6);
  const balance6 = (firstSix[5] as { balance: ReturnType<typeof dec> }).balance;
  const paidInterest = totalInterest(firstSix);
  const lowered = amortizeLevel(balance6.minus(3000), i, 18);
  const shortened = amortizeWith(balance6.minus(3000), i, dec("564.88"));
  const baselineInterest = minor(totalInterest(original));
  const termInterest = minor(paidInterest.plus(totalInterest(shortened)));
  const installmentInterest = minor(paidInterest.plus(totalInterest(lowered)));

  const loan = loanOf(TERMS, paidUpTo(5));
  const result = simulatePrepayment(loan, { day: day("2024-07-01"), amountMinor: 300_000 });

  it("checks the reference against the hand arithmetic first", () => {
    expect(levelInstallment(dec(12000), i, 24).toString()).toBe("564.88");
    expect(balance6.toString()).toBe("9263.1");
    expect(levelInstallment(balance6.minus(3000), i, 18).toString()).toBe("381.94");
    expect(shortened).toHaveLength(12);
  });

  it("pays the 6th installment first and puts the 3,000.00 to principal", () => {
    expect(result.dueMinor).toBe(56_488);
    expect(result.paymentMinor).toBe(356_488);
    // Pay-off on that day: the due installment plus the 9,263.10 of principal after it.
    expect(result.payoffMinor).toBe(56_488 + minor(balance6));
    expect(result.maxAmountMinor).toBe(minor(balance6));
    expect(result.feeMinor).toBe(0);
  });

  it("keeps the loan as it is in the baseline", () => {
    expect(result.baseline.totalInterestMinor).toBe(baselineInterest);
    expect(result.baseline.endDay).toBe(day("2026-01-01"));
    expect(result.baseline.installmentsLeft).toBe(18);
    expect(result.baseline.regularInstallmentMinor).toBe(56_488);
    expect(result.baseline.interestSavedMinor).toBe(0);
  });

  it("reduce-term: same installment, 12 installments left, ends 6 months earlier", () => {
    const term = result.reduceTerm;
    expect(term.totalInterestMinor).toBe(termInterest);
    expect(term.interestSavedMinor).toBe(baselineInterest - termInterest);
    expect(term.endDay).toBe(day("2025-07-01"));
    expect(term.monthsEarlier).toBe(6);
    expect(term.regularInstallmentMinor).toBe(56_488);
    expect(term.installmentsLeft).toBe(12);
    expect(term.installments.map((inst) => inst.totalMinor)).toEqual(
      shortened.map((row) => minor(row.payment)),
    );
    expect(term.totalToPayMinor).toBe(minor(balance6.minus(3000)) + minor(totalInterest(shortened)));
  });

  it("reduce-installment: same end date, installment 381.94", () => {
    const lower = result.reduceInstallment;
    expect(lower.totalInterestMinor).toBe(installmentInterest);
    expect(lower.interestSavedMinor).toBe(baselineInterest - installmentInterest);
    expect(lower.endDay).toBe(day("2026-01-01"));
    expect(lower.monthsEarlier).toBe(0);
    expect(lower.regularInstallmentMinor).toBe(38_194);
    expect(lower.installmentsLeft).toBe(18);
    expect(lower.installments.map((inst) => inst.totalMinor)).toEqual(
      lowered.map((row) => minor(row.payment)),
    );
  });

  it("says it in one paragraph", () => {
    const saved = (value: number) => (value / 100).toFixed(2);
    expect(result.summary).toBe(
      `Paying 3,000.00 on 2024-07-01, on top of the 564.88 of installments payable that day, saves ${saved(baselineInterest - termInterest)} of interest and ends the loan 6 months earlier (2025-07-01); or keeps the term and lowers the installment from 564.88 to 381.94, saving ${saved(baselineInterest - installmentInterest)}. No prepayment fee is charged (the product's servicing rules have none).`,
    );
  });

  it("gives the repayment events that record each choice, and recording one gives the same loan", () => {
    expect(result.events.reduceTerm).toEqual({
      id: "prepayment",
      type: "repayment",
      day: day("2024-07-01"),
      amountMinor: 356_488,
      overpayment: "reduce-term",
    });
    expect(
      result.events.reduceInstallment.type === "repayment" && result.events.reduceInstallment.overpayment,
    ).toBe("reduce-installment");
    const state = replayLoan(
      openLoan(loan.terms, loan.rules),
      [...loan.events, result.events.reduceTerm],
      day("2026-12-31"),
    );
    expect(state.installments.at(-1)?.dueDay).toBe(day("2025-07-01"));
  });

  it("reports a prepayment fee against the saving", () => {
    const withFee = simulatePrepayment(loan, {
      day: day("2024-07-01"),
      amountMinor: 300_000,
      feeMinor: 10_000,
    });
    expect(withFee.reduceTerm.netSavingMinor).toBe(result.reduceTerm.interestSavedMinor - 10_000);
    expect(withFee.reduceInstallment.netSavingMinor).toBe(
      result.reduceInstallment.interestSavedMinor - 10_000,
    );
    expect(withFee.summary).toMatch(/The 100\.00 prepayment fee leaves a net saving of /);
  });
});

describe("simulatePrepayment: days and amounts", () => {
  const loan = loanOf(TERMS, paidUpTo(5));

  it("between due dates, pays the overdue July and the August installment first (closing rule scheduled)", () => {
    const result = simulatePrepayment(loan, { day: day("2024-07-15"), amountMinor: 100_000 });
    // July (due 07-01, unpaid) is past due; August is the current installment, payable in full ahead of accrual.
    expect(result.dueMinor).toBe(2 * 56_488);
    // The engine quotes the same pay-off for this product (reduce-term): due + the principal after August.
    const state = replayLoan(openLoan(loan.terms, loan.rules), loan.events, day("2024-07-15"));
    expect(result.payoffMinor).toBe(state.payoffMinor);
  });

  it("a prepayment of exactly the pay-off less what is due closes the loan, either way", () => {
    const first = simulatePrepayment(loan, { day: day("2024-07-01"), amountMinor: 100 });
    const result = simulatePrepayment(loan, { day: day("2024-07-01"), amountMinor: first.maxAmountMinor });
    for (const outcome of [result.reduceTerm, result.reduceInstallment]) {
      expect(outcome.closesLoan).toBe(true);
      expect(outcome.installmentsLeft).toBe(0);
      expect(outcome.totalToPayMinor).toBe(0);
      expect(outcome.endDay).toBe(day("2024-07-01"));
      // Only the interest of the six installments paid remains: 120.00 + 114.35 + … (the reference table).
      expect(outcome.totalInterestMinor).toBe(
        minor(totalInterest(amortizeLevel(dec(12000), dec("0.01"), 24).slice(0, 6))),
      );
    }
    expect(result.summary).toMatch(
      /^Paying 9,263\.10 on 2024-07-01, .* pays the loan off: it saves .* ends the loan 18 months earlier \(2024-07-01\)\./,
    );
  });

  it("with a close-forward product, still quotes what closes the loan when the extra reduces principal", () => {
    const closeForward = loanOf(TERMS, paidUpTo(5), { overpayment: "close-forward" });
    const result = simulatePrepayment(closeForward, { day: day("2024-07-01"), amountMinor: 100 });
    const product = replayLoan(
      openLoan(closeForward.terms, closeForward.rules),
      closeForward.events,
      day("2024-07-01"),
    );
    // The product's own quote includes the future installments' interest; the simulator's does not.
    expect(result.payoffMinor).toBeLessThan(product.payoffMinor);
    const max = simulatePrepayment(closeForward, {
      day: day("2024-07-01"),
      amountMinor: result.maxAmountMinor,
    });
    expect(max.reduceTerm.closesLoan).toBe(true);
  });

  it("refuses a date before the disbursement or before the last event recorded", () => {
    const early = refusalOf(() => simulatePrepayment(loan, { day: day("2023-12-31"), amountMinor: 100 }));
    expect(early.code).toBe("INVALID_PREPAYMENT");
    expect(early.issues[0]).toMatchObject({ field: "prepayment.date", value: "2023-12-31" });
    expect(early.issues[0]?.message).toMatch(/on or after the disbursement date, 2024-01-01/);
    const rewrite = refusalOf(() => simulatePrepayment(loan, { day: day("2024-05-15"), amountMinor: 100 }));
    expect(rewrite.issues[0]?.message).toMatch(/last event recorded on the loan \(2024-06-01\)/);
  });

  it("refuses a date after the maturity, and the maturity date itself (nothing left to reduce)", () => {
    const late = refusalOf(() => simulatePrepayment(loan, { day: day("2026-02-01"), amountMinor: 100 }));
    expect(late.issues[0]?.field).toBe("prepayment.date");
    expect(late.issues[0]?.message).toMatch(
      /after the loan's maturity \(its last installment was due 2026-01-01/,
    );
    const last = refusalOf(() => simulatePrepayment(loan, { day: day("2026-01-01"), amountMinor: 100 }));
    expect(last.issues[0]?.field).toBe("prepayment.amount");
    expect(last.issues[0]?.message).toMatch(/has nothing to reduce: on 2026-01-01 the pay-off is /);
  });

  it("refuses an amount of 0 or less, above the pay-off, and a negative fee, naming each field", () => {
    const zero = refusalOf(() =>
      simulatePrepayment(loan, { day: day("2024-07-01"), amountMinor: 0, feeMinor: -1 }),
    );
    expect(zero.issues.map((issue) => issue.field)).toEqual(["prepayment.amount", "prepayment.fee"]);
    const above = refusalOf(() => simulatePrepayment(loan, { day: day("2024-07-01"), amountMinor: 926_311 }));
    expect(above.issues[0]).toMatchObject({ field: "prepayment.amount", value: "9263.11" });
    expect(above.issues[0]?.message).toBe(
      "is more than the loan's pay-off allows: on 2024-07-01 the pay-off is 9,827.98, of which 564.88 is due anyway, so the extra payment can be at most 9,263.10",
    );
  });

  it("refuses a loan already paid off", () => {
    const paidOff = loanOf(TERMS, [{ type: "payoff", date: "2024-03-10" }]);
    const error = refusalOf(() => simulatePrepayment(paidOff, { day: day("2024-04-01"), amountMinor: 100 }));
    expect(error.issues[0]?.message).toMatch(/is a day the loan is closed/);
  });

  it("passes on the servicing engine's refusal: no recalculation while a grace period capitalizes interest", () => {
    const grace = loanOf({ ...TERMS, grace: { installments: 3, type: "capitalized" } }, []);
    const error = refusalOf(() =>
      simulatePrepayment(grace, { day: day("2024-02-15"), amountMinor: 100_000 }),
    );
    expect(error.code).toBe("INVALID_PREPAYMENT");
    expect(error.issues[0]?.field).toBe("prepayment");
    expect(error.issues[0]?.message).toMatch(/cannot be applied by the servicing engine: .*capitalize/);
  });
});

describe("simulatePrepayment: properties", () => {
  /** A monthly loan, some installments paid on time, and a prepayment on a later day. */
  const scenario = fc
    .record({
      principal: fc.integer({ min: 100_000, max: 50_000_000 }),
      ratePercent: fc.integer({ min: 0, max: 3000 }).map((hundredths) => (hundredths / 100).toFixed(2)),
      installments: fc.integer({ min: 2, max: 48 }),
      loanType: fc.constantFrom("annuity", "classic"),
      paidShare: fc.double({ min: 0, max: 0.95, noNaN: true }),
      offsetDays: fc.integer({ min: 0, max: 27 }),
      amountShare: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .map((draw) => ({ ...draw, paid: Math.floor(draw.paidShare * (draw.installments - 1)) }));

  function scenarioValue(draw: {
    principal: number;
    ratePercent: string;
    installments: number;
    loanType: string;
    paid: number;
    offsetDays: number;
    amountShare: number;
  }): { loan: RunningLoan; result: PrepaymentComparison; max: PrepaymentComparison } {
    const terms = {
      principal: (draw.principal / 100).toFixed(2),
      currency: "EUR",
      disbursementDate: "2024-01-15",
      installments: draw.installments,
      loanType: draw.loanType,
      interest: { rate: draw.ratePercent, per: "year" },
    };
    const bare = loanOf(terms, []);
    const schedule = openLoan(bare.terms, bare.rules).schedule;
    const events = schedule.installments.slice(0, draw.paid).map((inst) => ({
      type: "repayment",
      date: formatIsoDate(inst.dueDay),
      amount: ((inst.totalMinor as number) / 100).toFixed(2),
    }));
    const loan = loanOf(terms, events);
    const start =
      draw.paid === 0 ? bare.terms.disbursementDay : (schedule.installments[draw.paid - 1]?.dueDay as number);
    const prepaymentDay = start + draw.offsetDays;
    const probe = simulatePrepayment(loan, { day: prepaymentDay, amountMinor: 1 });
    const amount = Math.max(1, Math.floor(draw.amountShare * probe.maxAmountMinor));
    return {
      loan,
      result: simulatePrepayment(loan, { day: prepaymentDay, amountMinor: amount }),
      max: simulatePrepayment(loan, { day: prepaymentDay, amountMinor: probe.maxAmountMinor }),
    };
  }

  it("reduce-term never ends later and, for an annuity, never costs more interest; reduce-installment keeps the end and does not raise the installment; the pay-off closes the loan", () => {
    fc.assert(
      fc.property(scenario, (draw) => {
        const { result, max } = scenarioValue(draw);
        const { baseline, reduceTerm, reduceInstallment } = result;
        expect(reduceTerm.endDay).toBeLessThanOrEqual(baseline.endDay);
        if (draw.loanType === "annuity") {
          // The annuity keeps paying exactly its installment on a smaller balance, so every period's interest,
          // rounded the same way, is at most the baseline's. (A classic loan re-splits its principal parts and
          // rounds them again: a prepayment of a few cents can cost a cent of interest, as can lowering the
          // installment, which is rounded to the cent and leaves its rounding to the last installment.)
          expect(reduceTerm.interestSavedMinor).toBeGreaterThanOrEqual(0);
          expect(reduceTerm.totalToPayMinor).toBeLessThanOrEqual(
            baseline.totalToPayMinor - result.amountMinor,
          );
        }
        if (!reduceInstallment.closesLoan) {
          expect(reduceInstallment.endDay).toBe(baseline.endDay);
          // Rounding can put the new installment a little above the regular one when the extra is tiny. An
          // annuity's last installment carries the rounding of every earlier one (≤ ½ cent each) and
          // re-levelling spreads it, but never above the largest installment left; a classic loan re-splits its
          // principal into equal parts, spreading the old split's residual the same way. From one currency unit
          // per installment left, the extra outweighs the spread.
          const newInstallment = reduceInstallment.regularInstallmentMinor ?? 0;
          const largestLeft = Math.max(...baseline.installments.map((inst) => inst.totalMinor));
          if (draw.loanType === "annuity") expect(newInstallment).toBeLessThanOrEqual(largestLeft);
          if (result.amountMinor >= 100 * baseline.installmentsLeft) {
            expect(newInstallment).toBeLessThanOrEqual(baseline.regularInstallmentMinor ?? 0);
          }
        }
        for (const outcome of [max.reduceTerm, max.reduceInstallment]) {
          expect(outcome.closesLoan).toBe(true);
          expect(outcome.totalToPayMinor).toBe(0);
          expect(outcome.installmentsLeft).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
