import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  amortizeLevel,
  amortizeWith,
  capitalize,
  dec,
  levelInstallment,
  minor,
  type Row,
  totalInterest,
} from "../../../test/reference/annuity-reference.ts";
import { refusalOf } from "../../../test/support/refusal.ts";
import { addMonthsAnchored, type DayNumber, formatIsoDate, parseIsoDate } from "../../core/calendar-date.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import { parseEvents } from "../../servicing/parse-events.ts";
import { parseServicingRules } from "../../servicing/parse-servicing-rules.ts";
import { simulateFromDocument } from "../../servicing/simulation-document.ts";
import {
  type AvailableOption,
  type RestructuringKind,
  type RestructuringOption,
  type RestructuringRules,
  restructuringOptions,
} from "./restructure.ts";
import type { RunningLoan } from "./running-loan.ts";
import { eventDocument } from "./simulator-documents.ts";

const day = (text: string) => parseIsoDate(text) as number;

/** 12,000.00 EUR at 12 % a year, 24 monthly annuity installments of 564.88 from 2024-02-01. */
const TERMS = {
  principal: "12000.00",
  currency: "EUR",
  disbursementDate: "2024-01-01",
  installments: 24,
  interest: { rate: "12", per: "year" },
};

function paidUpTo(count: number): { type: string; date: string; amount: string }[] {
  return Array.from({ length: count }, (_, k) => ({
    type: "repayment",
    date: `2024-${String(k + 2).padStart(2, "0")}-01`,
    amount: "564.88",
  }));
}

function loanOf(terms: unknown, events: unknown[]): RunningLoan {
  const parsed = parseTerms(terms);
  const rules = parseServicingRules(undefined, parsed.currency.digits);
  return {
    terms: parsed,
    rules,
    events: parseEvents(events, {
      currencyDigits: 2,
      disbursementDay: parsed.disbursementDay,
      maxEvents: 5000,
    }),
  };
}

const GENEROUS: RestructuringRules = {
  maxTermExtensionMonths: 24,
  maxInterestOnlyMonths: 6,
  maxPaymentHolidayMonths: 3,
  allowStepDown: true,
};

function option(options: readonly RestructuringOption[], kind: RestructuringKind): AvailableOption {
  const found = options.find((candidate) => candidate.kind === kind);
  if (found === undefined || !found.available)
    throw new Error(`${kind} is not available: ${JSON.stringify(found)}`);
  return found;
}

function reason(options: readonly RestructuringOption[], kind: RestructuringKind): string {
  const found = options.find((candidate) => candidate.kind === kind);
  if (found === undefined || found.available) throw new Error(`${kind} is available`);
  return found.reason;
}

/** The new schedule's principal parts and totals, as the reference table has them. */
function expectSchedule(actual: AvailableOption, rows: readonly Row[], from: DayNumber): void {
  expect(actual.installments.map((inst) => [inst.principalMinor, inst.interestMinor])).toEqual(
    rows.map((row) => [minor(row.principal), minor(row.interest)]),
  );
  expect(actual.installments.map((inst) => inst.totalMinor)).toEqual(rows.map((row) => minor(row.payment)));
  expect(actual.installments[0]?.dueDay).toBe(from);
}

function principalOf(actual: AvailableOption): number {
  return actual.installments.reduce((sum, inst) => sum + inst.principalMinor, 0);
}

describe("restructuringOptions: six installments paid, the borrower can now pay 400.00", () => {
  // After the 6th installment (2024-07-01) the table leaves 9,263.10 of principal over 18 installments of 564.88
  // (prepayment.test.ts shows the arithmetic). i = 1 % a month throughout.
  const i = dec("0.01");
  const original = amortizeLevel(dec(12000), i, 24);
  const balance = (original[5] as Row).balance;
  const currentRows = original.slice(6);
  const currentInterest = totalInterest(currentRows);
  const loan = loanOf(TERMS, paidUpTo(6));
  const result = restructuringOptions(loan, {
    day: day("2024-07-01"),
    affordableInstallmentMinor: 40_000,
    product: GENEROUS,
  });

  it("describes the current schedule", () => {
    expect(balance.toString()).toBe("9263.1");
    expect(result.current).toMatchObject({
      balanceMinor: 926_310,
      installmentMinor: 56_488,
      installmentsLeft: 18,
      endDay: day("2026-01-01"),
      arrearsMinor: 0,
      fits: false,
    });
    expect(result.current.totalInterestMinor).toBe(minor(totalInterest(original)));
    expect(result.reliefMonths).toBe(6);
  });

  it("extend-term: the fewest installments whose installment fits, 27 of 393.18", () => {
    // n = −ln(1 − 9263.10 × 0.01 / 400) / ln 1.01 = −ln(0.768422) / 0.0099503 = 26.47 → 27:
    // 26 installments would be 92.631 / (1 − 1.01^−26) = 92.631 / 0.22795 = 406.36; 27 are 92.631 / 0.23560 = 393.18.
    expect(levelInstallment(balance, i, 26).toString()).toBe("406.36");
    expect(levelInstallment(balance, i, 27).toString()).toBe("393.18");
    const extend = option(result.options, "extend-term");
    const rows = amortizeLevel(balance, i, 27);
    expectSchedule(extend, rows, day("2024-08-01"));
    expect(extend.newInstallmentMinor).toBe(39_318);
    expect(extend.fits).toBe(true);
    expect(extend.fitsAfterRelief).toBe(true);
    expect(extend.endDay).toBe(day("2026-10-01"));
    expect(extend.extensionMonths).toBe(9);
    expect(extend.extraInterestMinor).toBe(minor(totalInterest(rows).minus(currentInterest)));
    expect(extend.extraFeesMinor).toBe(0);
    expect(principalOf(extend)).toBe(926_310);
    expect(extend.events).toEqual([
      {
        id: "restructure",
        type: "reschedule",
        day: day("2024-07-01"),
        installments: 27,
        firstDueDay: day("2024-08-01"),
        holidayInstallments: 0,
        interestOnlyInstallments: 0,
        rate: undefined,
      },
    ]);
    expect(extend.summary).toBe(
      `Spread the 9,263.10 still owed over 27 installments instead of 18 (to 2026-10-01): the installment falls from 564.88 to 393.18, within the 400.00 affordable. It costs ${(extend.extraInterestMinor / 100).toFixed(2)} more interest.`,
    );
  });

  it("interest-only: 6 installments of 92.63, then the same 18 installments as now; it costs 6 × 92.63", () => {
    const interestOnly = option(result.options, "interest-only");
    // 9263.10 × 1 % = 92.63 a month; afterwards the balance is still 9263.10 over 18 installments: 564.88 again.
    const after = amortizeLevel(balance, i, 18);
    const relief = Array.from({ length: 6 }, () => ({
      interest: dec("92.63"),
      principal: dec(0),
      payment: dec("92.63"),
      balance,
    }));
    expectSchedule(interestOnly, [...relief, ...after], day("2024-08-01"));
    expect(interestOnly.reliefInstallments).toBe(6);
    expect(interestOnly.reliefInstallmentMinor).toBe(9_263);
    expect(interestOnly.newInstallmentMinor).toBe(56_488);
    expect(interestOnly.fits).toBe(true);
    expect(interestOnly.fitsAfterRelief).toBe(false);
    expect(interestOnly.extraInterestMinor).toBe(6 * 9_263);
    expect(interestOnly.endDay).toBe(day("2026-07-01"));
    expect(principalOf(interestOnly)).toBe(926_310);
  });

  it("payment-holiday: 3 installments of nothing, the interest capitalized, then 18 of 582.00", () => {
    const holiday = option(result.options, "payment-holiday");
    // 9263.10 → +92.63 = 9355.73 → +93.56 = 9449.29 → +94.49 = 9543.78; 9543.78 × 0.0609820 = 582.00.
    const capitalized = capitalize(balance, i, 3);
    expect(capitalized.toString()).toBe("9543.78");
    const after = amortizeLevel(capitalized, i, 18);
    const relief = Array.from({ length: 3 }, () => ({
      interest: dec(0),
      principal: dec(0),
      payment: dec(0),
      balance,
    }));
    expectSchedule(holiday, [...relief, ...after], day("2024-08-01"));
    expect(holiday.reliefInstallmentMinor).toBe(0);
    expect(holiday.newInstallmentMinor).toBe(58_200);
    // The cost counts the 280.68 of interest capitalized as interest, not as principal.
    const cost = capitalized.minus(balance).plus(totalInterest(after)).minus(currentInterest);
    expect(holiday.extraInterestMinor).toBe(minor(cost));
    // Principal conserved: the new principal parts are the old balance plus what was capitalized.
    expect(principalOf(holiday)).toBe(minor(capitalized));
    expect(holiday.events[0]).toMatchObject({
      installments: 21,
      holidayInstallments: 3,
      interestOnlyInstallments: 0,
    });
  });

  it("step-down: 6 installments of the affordable 400.00, then back to at most today's installment, one event", () => {
    const stepDown = option(result.options, "step-down");
    // Tier 1: 400.00 (no fee, and 2024-07-01 is a due date, so nothing is carried) for 6 installments, interest
    // first: 08-01 I = 9263.10 · 0.01 = 92.631 → 92.63, P 307.37, B 8955.73; … (the reference table).
    const tier1 = amortizeWith(balance, i, dec("400.00")).slice(0, 6);
    expect(tier1[0]).toMatchObject({ interest: dec("92.63"), principal: dec("307.37") });
    const left = (tier1[5] as Row).balance;
    // Tier 2 from 2025-02-01: the level installment over the 12 installments to today's end, plus the fewest
    // more (the product allows 24) that bring it to at most today's 564.88; the last repays what remains.
    const extra = [...Array(25).keys()].find((k) =>
      levelInstallment(left, i, 12 + k).lessThanOrEqualTo("564.88"),
    ) as number;
    const tier2 = amortizeLevel(left, i, 12 + extra);
    expectSchedule(stepDown, [...tier1, ...tier2], day("2024-08-01"));
    expect(stepDown.reliefInstallmentMinor).toBe(40_000);
    expect(stepDown.newInstallmentMinor).toBe(minor(levelInstallment(left, i, 12 + extra)));
    expect(stepDown.fits).toBe(true);
    expect(stepDown.installmentsLeft).toBe(18 + extra);
    expect(stepDown.endDay).toBe(addMonthsAnchored(day("2024-07-01"), 18 + extra));
    // Principal conserved: the new principal parts repay the 9,263.10 rescheduled.
    expect(principalOf(stepDown)).toBe(926_310);
    expect(stepDown.extraInterestMinor).toBe(
      minor(totalInterest(tier1).plus(totalInterest(tier2)).minus(currentInterest)),
    );
    // One reschedule with the two tiers: nothing to record later.
    expect(stepDown.events).toEqual([
      {
        id: "restructure",
        type: "reschedule",
        day: day("2024-07-01"),
        installments: 18 + extra,
        firstDueDay: day("2024-08-01"),
        holidayInstallments: 0,
        interestOnlyInstallments: 0,
        rate: undefined,
        tiers: [
          { from: 1, to: 6, amountMinor: 40_000 },
          { from: 7, to: 18 + extra, amountMinor: minor(levelInstallment(left, i, 12 + extra)) },
        ],
      },
    ]);
    expect(stepDown.summary).not.toMatch(/recorded on/);
  });

  it("recording an option's events on the loan gives the new schedule shown", () => {
    for (const kind of ["extend-term", "interest-only", "payment-holiday", "step-down"] as const) {
      const chosen = option(result.options, kind);
      const recorded = chosen.events;
      const asOf = recorded.reduce((last, event) => Math.max(last, event.day), day("2024-07-01"));
      const simulated = simulateFromDocument({
        terms: TERMS,
        events: [...paidUpTo(6), ...recorded.map((event) => eventDocument(event, 2))],
        asOf: formatIsoDate(asOf),
      });
      const ahead = simulated.installments.filter((inst) => inst.dueDate > "2024-07-01");
      expect(ahead.map((inst) => [inst.dueDate, inst.scheduled.principal, inst.scheduled.interest])).toEqual(
        chosen.installments.map((inst) => [
          formatIsoDate(inst.dueDay),
          (inst.principalMinor / 100).toFixed(2),
          (inst.interestMinor / 100).toFixed(2),
        ]),
      );
    }
  });

  it("sorts the options into lasting and temporary relief in the summary", () => {
    const cost = (kind: RestructuringKind) =>
      (option(result.options, kind).extraInterestMinor / 100).toFixed(2);
    const temporary = (["interest-only", "payment-holiday", "step-down"] as const).reduce((best, kind) =>
      option(result.options, kind).extraInterestMinor < option(result.options, best).extraInterestMinor
        ? kind
        : best,
    );
    expect(result.summary).toBe(
      `The current installment, 564.88, is above the 400.00 affordable. Fits for good: extend-term; the cheapest is extend-term (${cost("extend-term")} more). Fits only while the relief lasts: interest-only, payment-holiday, step-down; the cheapest is ${temporary} (${cost(temporary)} more).`,
    );
  });
});

describe("restructuringOptions: what the product and the engine allow", () => {
  const loan = loanOf(TERMS, paidUpTo(6));
  const on = day("2024-07-01");

  it("lists every option as not available when the product allows none, with the reason", () => {
    const none = {
      maxTermExtensionMonths: 0,
      maxInterestOnlyMonths: 0,
      maxPaymentHolidayMonths: 0,
      allowStepDown: false,
    };
    const result = restructuringOptions(loan, { day: on, affordableInstallmentMinor: 40_000, product: none });
    expect(result.options.map((candidate) => candidate.available)).toEqual([false, false, false, false]);
    expect(reason(result.options, "extend-term")).toBe("the product allows no longer term");
    expect(reason(result.options, "interest-only")).toBe("the product allows no interest-only months");
    expect(reason(result.options, "payment-holiday")).toBe("the product allows no payment holiday");
    expect(reason(result.options, "step-down")).toBe(
      "the product does not allow reduced installments (step-down tiers)",
    );
    expect(result.summary).toMatch(/No option the product allows brings the installment within it\.$/);
  });

  it("does not offer a longer term or a step-down when the installment already fits", () => {
    const result = restructuringOptions(loan, {
      day: on,
      affordableInstallmentMinor: 60_000,
      product: GENEROUS,
    });
    expect(reason(result.options, "extend-term")).toBe(
      "not needed: the current installment, 564.88, already fits the 600.00 affordable",
    );
    expect(reason(result.options, "step-down")).toMatch(/^not needed/);
    expect(result.current.fits).toBe(true);
  });

  it("takes the longest extension allowed when none fits, and says so", () => {
    const short = { ...GENEROUS, maxTermExtensionMonths: 3 };
    const result = restructuringOptions(loan, {
      day: on,
      affordableInstallmentMinor: 40_000,
      product: short,
    });
    const extend = option(result.options, "extend-term");
    // 21 installments: 92.631 / (1 − 1.01^−21) = 92.631 / 0.18857 = 491.23, above 400.00.
    expect(extend.installmentsLeft).toBe(21);
    expect(extend.newInstallmentMinor).toBe(minor(levelInstallment(dec("9263.10"), dec("0.01"), 21)));
    expect(extend.newInstallmentMinor).toBe(49_123);
    expect(extend.fits).toBe(false);
    expect(extend.summary).toMatch(
      /still above the 400\.00 affordable even at the longest term the product allows/,
    );
    // Interest-only months then fit only within the term: 6 of them, with 3 more installments (the limit).
    expect(option(result.options, "interest-only").installmentsLeft).toBe(21);
  });

  it("refuses a step-down whose reduced installment would not even cover the interest", () => {
    const result = restructuringOptions(loan, {
      day: on,
      affordableInstallmentMinor: 5_000,
      product: GENEROUS,
    });
    expect(reason(result.options, "step-down")).toMatch(
      /^the 50\.00 affordable does not cover even the interest of an installment/,
    );
    // Only the payment holiday (nothing to pay) fits; interest-only asks for 92.63.
    expect(
      result.options.filter((candidate) => candidate.available && candidate.fits).map((c) => c.kind),
    ).toEqual(["payment-holiday"]);
  });

  it("passes on the servicing engine's refusal: no reschedule while a grace period capitalizes interest", () => {
    const grace = loanOf({ ...TERMS, grace: { installments: 3, type: "capitalized" } }, []);
    const result = restructuringOptions(grace, {
      day: day("2024-02-15"),
      affordableInstallmentMinor: 40_000,
      product: GENEROUS,
    });
    for (const kind of ["extend-term", "interest-only", "payment-holiday", "step-down"] as const) {
      expect(reason(result.options, kind)).toMatch(/^the servicing engine refuses it: .*capitalize/);
    }
  });

  it("leaves arrears as they are and says so", () => {
    const behind = loanOf(TERMS, paidUpTo(5));
    const result = restructuringOptions(behind, {
      day: day("2024-07-10"),
      affordableInstallmentMinor: 40_000,
      product: GENEROUS,
    });
    expect(result.current.arrearsMinor).toBe(56_488);
    expect(result.current.balanceMinor).toBe(926_310);
    expect(result.summary).toMatch(
      /564\.88 due on or before 2024-07-10 stays due: a reschedule does not touch it\.$/,
    );
  });

  it("counts the product's months in installments of the loan's period", () => {
    const quarterly = loanOf({ ...TERMS, period: "quarterly", installments: 8 }, []);
    const result = restructuringOptions(quarterly, {
      day: day("2024-01-01"),
      affordableInstallmentMinor: 100_000,
      product: { ...GENEROUS, maxTermExtensionMonths: 12 },
    });
    // 6 months of interest-only are 2 quarterly installments; 3 months of holiday, 1; 12 months of extension, 4.
    expect(option(result.options, "interest-only").reliefInstallments).toBe(2);
    expect(option(result.options, "payment-holiday").reliefInstallments).toBe(1);
    expect(option(result.options, "extend-term").installmentsLeft).toBeLessThanOrEqual(12);
  });
});

describe("restructuringOptions: refusals", () => {
  const loan = loanOf(TERMS, paidUpTo(6));

  it("refuses bad amounts and product rules, naming each field", () => {
    const error = refusalOf(() =>
      restructuringOptions(loan, {
        day: day("2024-07-01"),
        affordableInstallmentMinor: -1,
        product: {
          maxTermExtensionMonths: -1,
          maxInterestOnlyMonths: 1.5,
          maxPaymentHolidayMonths: 2000,
          allowStepDown: true,
        },
        reliefMonths: -3,
      }),
    );
    expect(error.code).toBe("INVALID_RESTRUCTURE");
    expect(error.issues.map((issue) => issue.field)).toEqual([
      "affordable",
      "product.maxTermExtensionMonths",
      "product.maxInterestOnlyMonths",
      "product.maxPaymentHolidayMonths",
      "reliefMonths",
    ]);
  });

  it("refuses a day before the last event, a closed loan, and a day with nothing ahead", () => {
    const before = refusalOf(() =>
      restructuringOptions(loan, {
        day: day("2024-06-15"),
        affordableInstallmentMinor: 1,
        product: GENEROUS,
      }),
    );
    expect(before.issues[0]?.message).toMatch(/last event recorded on the loan \(2024-07-01\)/);
    const closed = loanOf(TERMS, [{ type: "payoff", date: "2024-03-01" }]);
    const closedError = refusalOf(() =>
      restructuringOptions(closed, {
        day: day("2024-04-01"),
        affordableInstallmentMinor: 1,
        product: GENEROUS,
      }),
    );
    expect(closedError.issues[0]?.message).toMatch(/is a day the loan is closed/);
    const late = refusalOf(() =>
      restructuringOptions(loan, {
        day: day("2026-01-01"),
        affordableInstallmentMinor: 1,
        product: GENEROUS,
      }),
    );
    expect(late.issues[0]?.message).toMatch(/leaves no principal due after it/);
  });
});

describe("restructuringOptions: properties", () => {
  const scenario = fc.record({
    principal: fc.integer({ min: 100_000, max: 20_000_000 }),
    rateHundredths: fc.integer({ min: 100, max: 3000 }),
    installments: fc.integer({ min: 6, max: 48 }),
    paidShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
    affordableShare: fc.double({ min: 0, max: 1.2, noNaN: true }),
    maxTermExtensionMonths: fc.integer({ min: 0, max: 36 }),
    maxInterestOnlyMonths: fc.integer({ min: 0, max: 12 }),
    maxPaymentHolidayMonths: fc.integer({ min: 0, max: 6 }),
    allowStepDown: fc.boolean(),
    reliefMonths: fc.integer({ min: 1, max: 12 }),
  });

  it("every available option conserves principal, ends within the product's extension and costs no less than nothing", () => {
    fc.assert(
      fc.property(scenario, (draw) => {
        const rate = (draw.rateHundredths / 100).toFixed(2);
        const terms = {
          principal: (draw.principal / 100).toFixed(2),
          currency: "EUR",
          // Mid-month: a reschedule anchors its dates on its first due date, which for a loan paid on the 31st
          // can be a clamped 29th (see the guide); mid-month dates keep every new period a whole month.
          disbursementDate: "2024-01-15",
          installments: draw.installments,
          interest: { rate, per: "year" },
        };
        const bare = loanOf(terms, []);
        const schedule = simulateFromDocument({ terms, events: [], asOf: "2024-01-15" });
        const paid = Math.floor(draw.paidShare * (draw.installments - 2));
        const events = schedule.installments.slice(0, paid).map((inst) => ({
          type: "repayment",
          date: inst.dueDate,
          amount: inst.scheduled.total,
        }));
        const loan = loanOf(terms, events);
        // On a due date (or the disbursement), so that every new period is a whole month.
        const on =
          paid === 0 ? bare.terms.disbursementDay : day(schedule.installments[paid - 1]?.dueDate as string);
        const current = Math.round(Number(schedule.installments[paid]?.scheduled.total) * 100);
        const product = {
          maxTermExtensionMonths: draw.maxTermExtensionMonths,
          maxInterestOnlyMonths: draw.maxInterestOnlyMonths,
          maxPaymentHolidayMonths: draw.maxPaymentHolidayMonths,
          allowStepDown: draw.allowStepDown,
        };
        const result = restructuringOptions(loan, {
          day: on,
          affordableInstallmentMinor: Math.round(draw.affordableShare * current),
          product,
          reliefMonths: draw.reliefMonths,
        });
        const i = dec(rate).div(1200);
        const latestEnd = addMonthsAnchored(result.current.endDay, draw.maxTermExtensionMonths);
        for (const candidate of result.options) {
          if (!candidate.available) continue;
          for (const inst of candidate.installments) {
            expect(inst.totalMinor).toBe(inst.principalMinor + inst.interestMinor + inst.feeMinor);
          }
          // The new principal parts repay exactly what was owed (plus, for a holiday, the interest capitalized):
          // the new schedule ends at zero.
          const owed =
            candidate.kind === "payment-holiday"
              ? minor(capitalize(dec(result.current.balanceMinor).div(100), i, candidate.reliefInstallments))
              : result.current.balanceMinor;
          expect(principalOf(candidate)).toBe(owed);
          if (candidate.kind !== "step-down") expect(candidate.endDay).toBeLessThanOrEqual(latestEnd);
          expect(candidate.extraInterestMinor).toBeGreaterThanOrEqual(0);
          expect(candidate.fits).toBe(
            (candidate.reliefInstallmentMinor ?? candidate.newInstallmentMinor) <=
              result.affordableInstallmentMinor,
          );
        }
        const stepDown = result.options.find((candidate) => candidate.kind === "step-down");
        if (stepDown?.available) expect(stepDown.endDay).toBeLessThanOrEqual(latestEnd);
      }),
      { numRuns: 200 },
    );
  });
});
