import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type DayNumber, formatIsoDate, parseIsoDate } from "../../core/calendar-date.ts";
import { ratio } from "../../core/ratio.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import { DEFAULT_SERVICING_RULES } from "../../servicing/default-rules.ts";
import { openLoan, replayLoan, type ServicedLoan } from "../../servicing/service-loan.ts";
import type { LoanEvent, LoanState } from "../../servicing/types.ts";
import { bucketIndexOf, DEFAULT_BUCKETS } from "./delinquency-buckets.ts";
import {
  burdenSignal,
  DEFAULT_SIGNAL_CONFIG,
  incomeDropSignal,
  loanSignals,
  type Signal,
  savingsSignal,
  tierOf,
} from "./early-warning.ts";

function day(iso: string): DayNumber {
  const parsed = parseIsoDate(iso);
  if (parsed === undefined) throw new Error(`bad date ${iso}`);
  return parsed;
}

/**
 * 6000.00 EUR at 0 % in 6 monthly installments: 1000.00 each, due on the 1st of February … July 2024. No late fee
 * and no past-due interest (the default servicing rules), so a payment of 1000.00 always clears one installment.
 */
const LOAN = openLoan(
  parseTerms({
    principal: "6000.00",
    currency: "EUR",
    disbursementDate: "2024-01-01",
    installments: 6,
    interest: { rate: "0" },
  }),
  DEFAULT_SERVICING_RULES,
);

const pay = (id: string, iso: string, amountMinor = 100000): LoanEvent => ({
  id,
  type: "repayment",
  day: day(iso),
  amountMinor,
  overpayment: undefined,
});

function signalsOf(events: LoanEvent[], asOf: string, loan: ServicedLoan = LOAN): Signal[] {
  const state = replayLoan(loan, events, day(asOf));
  return loanSignals(state, events, DEFAULT_SIGNAL_CONFIG, 2);
}

const codes = (signals: readonly Signal[]) => signals.map((signal) => `${signal.code}:${signal.severity}`);

describe("MISSED_PAYMENT", () => {
  it("is amber up to 30 days past due and red from 31", () => {
    // Installment 1 due 2024-02-01, unpaid: 2024-03-02 is 29 + 1 = 30 days later (February 2024 has 29 days).
    expect(codes(signalsOf([], "2024-03-02"))).toEqual(["MISSED_PAYMENT:amber"]);
    const red = signalsOf([], "2024-03-03");
    expect(codes(red)).toEqual(["MISSED_PAYMENT:red"]);
    // Installments 1 (due 02-01) and 2 (due 03-01) are both past due: 2 × 1000.00.
    expect(red[0]?.figures).toEqual({
      daysPastDue: 31,
      oldestDueDate: "2024-02-01",
      installmentsPastDue: 2,
      amountPastDue: "2000.00",
      redAfterDays: 30,
    });
  });

  it("does not fire on the due date itself, nor when the installment is paid on it", () => {
    expect(signalsOf([], "2024-02-01")).toEqual([]);
    expect(signalsOf([pay("p1", "2024-02-01")], "2024-02-20")).toEqual([]);
  });
});

describe("PARTIAL_PAYMENT", () => {
  it("fires when a past-due installment has been paid in part", () => {
    const signals = signalsOf([pay("p1", "2024-02-01", 40000)], "2024-02-10");
    expect(codes(signals)).toEqual(["MISSED_PAYMENT:amber", "PARTIAL_PAYMENT:amber"]);
    expect(signals[1]?.figures).toEqual({
      installments: [1],
      dueDates: ["2024-02-01"],
      paid: ["400.00"],
      outstanding: ["600.00"],
    });
  });

  it("does not fire once the installment is paid in full, even late (that is PAID_LATE, info)", () => {
    const signals = signalsOf([pay("p1", "2024-02-01", 40000), pay("p2", "2024-02-05", 60000)], "2024-02-10");
    expect(codes(signals)).toEqual(["PAID_LATE:info"]);
    expect(signals[0]?.figures.daysLate).toEqual([4]);
    expect(tierOf(signals)).toBe("green");
  });
});

describe("PAYING_LATER", () => {
  it("fires when each of the last 3 installments was paid later than the one before", () => {
    // Due 02-01 paid 02-01 (0 days), due 03-01 paid 03-03 (2), due 04-01 paid 04-06 (5): 0 < 2 < 5.
    const events = [pay("p1", "2024-02-01"), pay("p2", "2024-03-03"), pay("p3", "2024-04-06")];
    const signals = signalsOf(events, "2024-04-10");
    expect(codes(signals)).toEqual(["PAYING_LATER:amber"]);
    expect(signals[0]?.figures).toEqual({
      installments: [1, 2, 3],
      dueDates: ["2024-02-01", "2024-03-01", "2024-04-01"],
      paidDates: ["2024-02-01", "2024-03-03", "2024-04-06"],
      daysLate: [0, 2, 5],
    });
  });

  it("does not fire when the lateness does not rise every time", () => {
    // 0, 5, 2 days late: the last payment was late (PAID_LATE, info) but earlier than the one before.
    const events = [pay("p1", "2024-02-01"), pay("p2", "2024-03-06"), pay("p3", "2024-04-03")];
    expect(codes(signalsOf(events, "2024-04-10"))).toEqual(["PAID_LATE:info"]);
    // Rising but the last on time (early payments count as negative days): −3, −1, 0.
    const early = [pay("p1", "2024-01-29"), pay("p2", "2024-02-29"), pay("p3", "2024-04-01")];
    expect(signalsOf(early, "2024-04-10")).toEqual([]);
  });

  it("needs as many paid installments as the window", () => {
    const events = [pay("p1", "2024-02-01"), pay("p2", "2024-03-03")];
    expect(codes(signalsOf(events, "2024-03-10"))).toEqual(["PAID_LATE:info"]);
  });
});

describe("RETURNED_PAYMENT", () => {
  const events: LoanEvent[] = [
    pay("p1", "2024-02-01"),
    { id: "nsf1", type: "returned-payment", day: day("2024-02-04"), of: "p1", feeMinor: undefined },
  ];

  it("fires for a payment returned in the last 90 days (and the installment is unpaid again)", () => {
    const signals = signalsOf(events, "2024-02-10");
    expect(codes(signals)).toEqual(["MISSED_PAYMENT:amber", "RETURNED_PAYMENT:amber"]);
    expect(signals[1]?.figures).toEqual({ events: ["nsf1"], dates: ["2024-02-04"], lookbackDays: 90 });
  });

  it("counts the return for 90 days, the as-of date included", () => {
    // 2024-02-04 + 89 days = 2024-05-03 (25 days to 02-29, 31 to 03-31, 30 to 04-30, 3 more).
    const repaid = [
      ...events,
      pay("p1-again", "2024-02-05"),
      pay("p2", "2024-03-01"),
      pay("p3", "2024-04-01"),
      pay("p4", "2024-05-01"),
    ];
    expect(codes(signalsOf(repaid, "2024-05-03"))).toEqual(["RETURNED_PAYMENT:amber"]);
    expect(signalsOf(repaid, "2024-05-04")).toEqual([]);
  });

  it("does not fire for a returned payment that was itself reversed", () => {
    const reversed: LoanEvent[] = [
      ...events,
      { id: "rev", type: "reversal", day: day("2024-02-06"), of: "nsf1" },
    ];
    expect(signalsOf(reversed, "2024-02-10")).toEqual([]);
  });
});

describe("WRITTEN_OFF and closed loans", () => {
  it("a written-off loan carries one red signal; a paid-off loan none", () => {
    const writtenOff = signalsOf([{ id: "wo", type: "write-off", day: day("2024-06-01") }], "2024-06-02");
    expect(codes(writtenOff)).toEqual(["WRITTEN_OFF:red"]);
    expect(writtenOff[0]?.figures).toEqual({ writtenOff: "6000.00" });
    expect(signalsOf([pay("all", "2024-02-01", 600000)], "2024-03-01")).toEqual([]);
  });
});

describe("INCOME_DROP", () => {
  const config = DEFAULT_SIGNAL_CONFIG;

  it("fires above a 15 % drop, not at exactly 15 %", () => {
    // 3000.00 → 2550.00 is a drop of 450/3000 = 15 %: not more than 15 %.
    expect(incomeDropSignal(300000, 255000, config, 2)).toBeUndefined();
    // 3000.00 → 2500.00: 500/3000 = 16.666… % → "16.67".
    expect(incomeDropSignal(300000, 250000, config, 2)).toEqual({
      code: "INCOME_DROP",
      severity: "amber",
      message: "Income fell by 16.67 % (from 3000.00 to 2500.00), more than 15.00 %.",
      figures: {
        previousIncome: "3000.00",
        currentIncome: "2500.00",
        dropPercent: "16.67",
        thresholdPercent: "15.00",
      },
    });
    expect(incomeDropSignal(300000, 310000, config, 2)).toBeUndefined();
  });

  it("follows a configured threshold", () => {
    const strict = { ...config, incomeDrop: ratio(10n, 100n) };
    expect(incomeDropSignal(300000, 269999, strict, 2)?.figures.dropPercent).toBe("10.00");
    expect(incomeDropSignal(300000, 270000, strict, 2)).toBeUndefined();
  });
});

describe("BURDEN_OVER_COMFORT and BURDEN_OVER_MAX", () => {
  const config = DEFAULT_SIGNAL_CONFIG; // comfort 35 %, cap 50 %

  it("uses the comfort level and the cap as upper bounds that are still allowed", () => {
    // 1050.00 / 3000.00 = 35 % exactly: comfortable.
    expect(burdenSignal(300000, 105000, config, 2)).toBeUndefined();
    // 1050.01 / 3000.00 = 35.0003 %: above comfort.
    expect(burdenSignal(300000, 105001, config, 2)?.code).toBe("BURDEN_OVER_COMFORT");
    // 1500.00 / 3000.00 = 50 % exactly: above comfort, not above the cap.
    const atCap = burdenSignal(300000, 150000, config, 2);
    expect([atCap?.code, atCap?.severity, atCap?.figures.burdenPercent]).toEqual([
      "BURDEN_OVER_COMFORT",
      "amber",
      "50.00",
    ]);
    // 1800.00 / 3000.00 = 60 %: above the cap, red.
    expect(burdenSignal(300000, 180000, config, 2)).toEqual({
      code: "BURDEN_OVER_MAX",
      severity: "red",
      message: "Debt service takes 60.00 % of income, above the 50.00 % cap.",
      figures: {
        monthlyIncome: "3000.00",
        monthlyDebtService: "1800.00",
        comfortPercent: "35.00",
        maxPercent: "50.00",
        burdenPercent: "60.00",
      },
    });
  });

  it("treats debt service against no income as over the cap, and nothing against nothing as fine", () => {
    const noIncome = burdenSignal(0, 10000, config, 2);
    expect([noIncome?.code, noIncome?.figures.burdenPercent]).toEqual(["BURDEN_OVER_MAX", null]);
    expect(burdenSignal(0, 0, config, 2)).toBeUndefined();
  });
});

describe("SAVINGS_GONE", () => {
  it("fires when savings cover less than one month of essential spending plus debt service", () => {
    // One month: 1000.00 + 500.00 = 1500.00.
    expect(savingsSignal(150000, 100000, 50000, 2)).toBeUndefined();
    expect(savingsSignal(30000, 100000, 50000, 2)).toEqual({
      code: "SAVINGS_GONE",
      severity: "amber",
      message:
        "Liquid savings of 300.00 cover less than one month of essential spending and debt service (1500.00).",
      figures: {
        liquidSavings: "300.00",
        monthlyEssentialSpending: "1000.00",
        monthlyDebtService: "500.00",
        monthsCovered: "0.20",
      },
    });
  });
});

describe("tierOf", () => {
  const signal = (severity: Signal["severity"]): Signal => ({
    code: "PAID_LATE",
    severity,
    message: "",
    figures: {},
  });
  it("is red with any red signal, amber with any amber, else green", () => {
    expect(tierOf([])).toBe("green");
    expect(tierOf([signal("info")])).toBe("green");
    expect(tierOf([signal("info"), signal("amber")])).toBe("amber");
    expect(tierOf([signal("amber"), signal("red"), signal("info")])).toBe("red");
  });
});

describe("property: a loan with no past-due installment", () => {
  const terms = fc.record({
    principal: fc.integer({ min: 1000, max: 5_000_000 }),
    installments: fc.integer({ min: 1, max: 12 }),
    rate: fc.integer({ min: 0, max: 3000 }),
    disbursement: fc.integer({ min: 0, max: 3000 }),
  });

  it("is always current, with no missed or partial payment signal", () => {
    fc.assert(
      fc.property(
        terms,
        fc.nat(),
        fc.array(fc.nat({ max: 20 }), { minLength: 12, maxLength: 12 }),
        (t, at, early) => {
          const loan = openLoan(
            parseTerms({
              principal: (t.principal / 100).toFixed(2),
              currency: "EUR",
              disbursementDate: formatIsoDate(addDays(day("2020-01-01"), t.disbursement)),
              installments: t.installments,
              interest: { rate: (t.rate / 100).toFixed(2) },
            }),
            DEFAULT_SERVICING_RULES,
          );
          const opening = replayLoan(loan, [], loan.terms.disbursementDay);
          // Each installment paid in full (its scheduled total), on its due date or up to 20 days before it, but
          // after the previous due date: it is then the installment due, and the payment closes it.
          const events: LoanEvent[] = opening.installments.map((inst, index) => {
            const previousDue =
              index === 0 ? loan.terms.disbursementDay : (opening.installments[index - 1]?.dueDay ?? 0);
            const payDay = Math.max(previousDue + 1, inst.dueDay - (early[index] ?? 0));
            const s = inst.scheduled;
            return pay(
              `p${inst.number}`,
              formatIsoDate(payDay),
              s.principal + s.interest + s.fee + s.penalty,
            );
          });
          const last = opening.installments.at(-1)?.dueDay ?? loan.terms.disbursementDay;
          const asOf = loan.terms.disbursementDay + (at % (last - loan.terms.disbursementDay + 60));
          // Only the events up to the as-of date happen; every installment due before it has then been paid.
          const happened = events.filter((event) => event.day <= asOf);
          const state: LoanState = replayLoan(loan, happened, asOf);
          expect(state.daysPastDue).toBe(0);
          expect(DEFAULT_BUCKETS[bucketIndexOf(state.daysPastDue, DEFAULT_BUCKETS)]?.label).toBe("current");
          const found = codes(loanSignals(state, happened, DEFAULT_SIGNAL_CONFIG, 2));
          expect(found.filter((code) => code.startsWith("MISSED") || code.startsWith("PARTIAL"))).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
