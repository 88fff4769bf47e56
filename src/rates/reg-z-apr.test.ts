// Regulation Z APR by the actuarial method of 12 CFR 1026 Appendix J.
//
// The published examples are those of Appendix J paragraph (c), "Examples for the actuarial method",
// https://www.consumerfinance.gov/rules-policy/regulations/1026/j/ (the figures as in the appendix; each test cites
// its paragraph). The appendix computed them "by using a 10 digit programmable calculator" ((b)(9)); each APR is
// reproduced to its two published decimals, and where the appendix states the unit-period and the first period's
// t and f, those are checked too.
// Provenance: the paragraph (c) figures were transcribed from the test suite of the FSharp.Finance.Personal
// library, which cites each Appendix J paragraph; only the opening of the appendix (paragraphs (a) and (b)) could
// be read from here, so a paragraph (c) example not in that suite is not covered. (c)(1)(i) — $5,000 repaid by 24
// monthly payments of $230, 9.69 % — is also the example in this project's issue.

import { describe, expect, it } from "vitest";
import { addMonthsAnchored, type DayNumber, dayFromCivil } from "../core/calendar-date.ts";
import { ratio, ratioToNumber } from "../core/ratio.ts";
import { type RegZAprResult, type RegZFlow, regZApr } from "./reg-z-apr.ts";

const day = (year: number, month: number, dayOfMonth: number): DayNumber =>
  dayFromCivil(year, month, dayOfMonth);
const cents = (dollars: number): number => Math.round(dollars * 100); // float-ok: test literals in dollars

/** `count` payments of `dollars` every `months` months from `first`. */
function monthly(first: DayNumber, count: number, dollars: number, months = 1): RegZFlow[] {
  return Array.from({ length: count }, (_, k) => ({
    day: addMonthsAnchored(first, k * months),
    amountMinor: cents(dollars),
  }));
}

/** `count` payments of `dollars` every `days` days from `first`. */
function everyDays(first: DayNumber, count: number, dollars: number, days: number): RegZFlow[] {
  return Array.from({ length: count }, (_, k) => ({ day: first + k * days, amountMinor: cents(dollars) }));
}

/** Semimonthly payments on the 1st and the 16th, starting on the 1st of `first`'s month. */
function firstAndSixteenth(first: DayNumber, count: number, dollars: number): RegZFlow[] {
  return Array.from({ length: count }, (_, k) => ({
    day: addMonthsAnchored(first, Math.floor(k / 2)) + (k % 2 === 0 ? 0 : 15),
    amountMinor: cents(dollars),
  }));
}

const advance = (on: DayNumber, dollars: number): RegZFlow[] => [{ day: on, amountMinor: cents(dollars) }];
const payment = (on: DayNumber, dollars: number): RegZFlow => ({ day: on, amountMinor: cents(dollars) });

function firstPayment(result: RegZAprResult): { t: number; f: string } {
  const first = result.payments[0];
  if (first === undefined) throw new Error("no payment");
  return { t: first.t, f: `${first.f.num}/${first.f.den}` };
}

describe("Appendix J (c)(1): single advance, with or without an odd first period, otherwise regular", () => {
  it("(c)(1)(i) monthly payments, regular first period: $5,000, 24 × $230 → 9.69 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 1, 10), 5000),
      payments: monthly(day(1978, 2, 10), 24, 230),
    });
    expect(result.aprText).toBe("9.69");
    expect(result.unitPeriod).toEqual({ kind: "month", months: 1 });
    expect(result.unitPeriodsPerYear).toEqual(ratio(12n, 1n));
    expect(firstPayment(result)).toEqual({ t: 1, f: "0/1" });
    expect(result.regular).toBe(true);
  });

  it("(c)(1)(ii) monthly payments, long first period: $6,000, 36 × $200, first payment 19 days + 1 month out → 11.82 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 2, 10), 6000),
      payments: monthly(day(1978, 4, 1), 36, 200),
    });
    expect(result.aprText).toBe("11.82");
    // Counting back from 1 April: one month to 1 March, then 19 days to 10 February (1978 is not a leap year).
    expect(firstPayment(result)).toEqual({ t: 1, f: "19/30" });
    expect(result.regular).toBe(true);
  });

  it("(c)(1)(iii) semimonthly payments, short first period: $5,000, 24 × $219.17 on the 1st and 16th → 10.34 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 2, 23), 5000),
      payments: firstAndSixteenth(day(1978, 3, 1), 24, 219.17),
    });
    expect(result.aprText).toBe("10.34");
    expect(result.unitPeriod).toEqual({ kind: "semimonth" });
    expect(result.unitPeriodsPerYear).toEqual(ratio(24n, 1n));
    expect(firstPayment(result)).toEqual({ t: 0, f: "2/5" }); // 6/15
    // The second payment, 16 March: no whole month back to 23 February, 21 days = 1 semimonth + 6 days.
    expect(result.payments[1]?.t).toBe(1);
    expect(result.payments[1]?.f).toEqual(ratio(6n, 15n));
  });

  it("(c)(1)(iv) quarterly payments, long first period: $10,000, 40 × $385 → 8.97 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 5, 23), 10000),
      payments: monthly(day(1978, 10, 1), 40, 385, 3),
    });
    expect(result.aprText).toBe("8.97");
    expect(result.unitPeriod).toEqual({ kind: "month", months: 3 });
    expect(result.unitPeriodsPerYear).toEqual(ratio(4n, 1n));
    // 4 whole months back to 1 June, then 9 days: 4·30 + 9 = 129 days = 1 quarter of 90 days + 39 days.
    expect(firstPayment(result)).toEqual({ t: 1, f: "13/30" }); // 39/90
  });

  it("(c)(1)(v) weekly payments, long first period: $500, 30 × $17.60 → 14.96 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 3, 20), 500),
      payments: everyDays(day(1978, 4, 21), 30, 17.6, 7),
    });
    expect(result.aprText).toBe("14.96");
    expect(result.unitPeriod).toEqual({ kind: "week", weeks: 1 });
    expect(result.unitPeriodsPerYear).toEqual(ratio(52n, 1n));
    expect(firstPayment(result)).toEqual({ t: 4, f: "4/7" }); // 32 days
  });
});

describe("Appendix J (c)(2): single advance, odd first payment, with or without an odd first period", () => {
  it("(c)(2)(i) monthly payments, regular first period, irregular first payment: $250 then 23 × $230 → 10.08 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 1, 10), 5000),
      payments: [payment(day(1978, 2, 10), 250), ...monthly(day(1978, 3, 10), 23, 230)],
    });
    expect(result.aprText).toBe("10.08");
    expect(result.regular).toBe(true); // an irregular first payment keeps the transaction regular
  });

  it("(c)(2)(ii) payments every 4 weeks, long first period, irregular first payment: $400, $39.50 then 11 × $38.31 → 28.50 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 3, 18), 400),
      payments: [payment(day(1978, 4, 20), 39.5), ...everyDays(day(1978, 5, 18), 11, 38.31, 28)],
    });
    expect(result.aprText).toBe("28.50");
    expect(result.unitPeriod).toEqual({ kind: "week", weeks: 4 });
    expect(result.unitPeriodsPerYear).toEqual(ratio(13n, 1n));
    expect(firstPayment(result)).toEqual({ t: 1, f: "5/28" }); // 33 days
  });
});

describe("Appendix J (c)(3): single advance, odd final payment, with or without an odd first period", () => {
  it("(c)(3)(i) monthly payments, regular first period, irregular final payment: 23 × $230 then $280 → 10.50 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 1, 10), 5000),
      payments: [...monthly(day(1978, 2, 10), 23, 230), payment(day(1980, 1, 10), 280)],
    });
    expect(result.aprText).toBe("10.50");
    expect(result.regular).toBe(true);
  });

  it("(c)(3)(ii) payments every 2 weeks, short first period, irregular final payment: $200, 19 × $9.50 then $30 → 12.22 %", () => {
    const first = day(1978, 4, 11);
    const result = regZApr({
      advances: advance(day(1978, 4, 3), 200),
      payments: [...everyDays(first, 19, 9.5, 14), payment(first + 19 * 14, 30)],
    });
    expect(result.aprText).toBe("12.22");
    expect(result.unitPeriod).toEqual({ kind: "week", weeks: 2 });
    expect(result.unitPeriodsPerYear).toEqual(ratio(26n, 1n));
    expect(firstPayment(result)).toEqual({ t: 0, f: "4/7" }); // 8/14
  });
});

describe("Appendix J (c)(4): single advance, odd first and final payments, with or without an odd first period", () => {
  it("(c)(4)(i) monthly payments, regular first period: $250, 22 × $230, $280 → 10.90 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 1, 10), 5000),
      payments: [
        payment(day(1978, 2, 10), 250),
        ...monthly(day(1978, 3, 10), 22, 230),
        payment(day(1980, 1, 10), 280),
      ],
    });
    expect(result.aprText).toBe("10.90");
    expect(result.regular).toBe(true);
  });

  it("(c)(4)(ii) payments every two months, short first period: $8,000, $449.36, 18 × $465, $200 → 7.30 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 1, 10), 8000),
      payments: [
        payment(day(1978, 3, 1), 449.36),
        ...monthly(day(1978, 5, 1), 18, 465, 2),
        payment(day(1981, 5, 1), 200),
      ],
    });
    expect(result.aprText).toBe("7.30");
    expect(result.unitPeriod).toEqual({ kind: "month", months: 2 });
    expect(result.unitPeriodsPerYear).toEqual(ratio(6n, 1n));
    // 1 whole month back to 1 February, then 22 days: 30 + 22 = 52 days of a 60-day unit-period.
    expect(firstPayment(result)).toEqual({ t: 0, f: "13/15" }); // 52/60
  });
});

describe("Appendix J (c)(5): single advance, single payment", () => {
  it("(c)(5)(i) term of less than a year, measured in days: $1,000, $1,080 after 255 days → 11.45 %", () => {
    const result = regZApr({
      advances: advance(day(1978, 1, 3), 1000),
      payments: [payment(day(1978, 9, 15), 1080)],
    });
    expect(result.aprText).toBe("11.45");
    expect(result.unitPeriod).toEqual({ kind: "term", days: 255 });
    expect(result.unitPeriodsPerYear).toEqual(ratio(365n, 255n));
    expect(result.unitPeriodRate).toBeCloseTo(0.08, 12);
    expect(firstPayment(result)).toEqual({ t: 1, f: "0/1" });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Independent hand calculations for the rules without a published example among those reproduced above.

/** Bisection on an increasing function, for the independent checks below. */
function bisect(f: (x: number) => number, low: number, high: number): number {
  let a = low;
  let b = high;
  for (let k = 0; k < 200; k++) {
    const m = (a + b) / 2;
    if (f(m) < 0) a = m;
    else b = m;
  }
  return (a + b) / 2;
}

describe("single advance, single payment: the term as unit-period ((b)(4)(ii), (b)(5)(v)–(vii))", () => {
  it("a whole number of months: 6 months, $1,000 → $1,044: i = 4.4 %, 2 unit-periods a year → 8.80 %", () => {
    const result = regZApr({
      advances: advance(day(2023, 7, 15), 1000),
      payments: [payment(day(2024, 1, 15), 1044)],
    });
    expect(result.unitPeriod).toEqual({ kind: "term", days: 184, months: 6 });
    expect(result.unitPeriodsPerYear).toEqual(ratio(2n, 1n));
    expect(result.aprText).toBe("8.80");
  });

  it("the same term in days at the creditor's choice ((b)(5)(vi)): 4.4 % × 365/184 → 8.73 %", () => {
    const result = regZApr({
      advances: advance(day(2023, 7, 15), 1000),
      payments: [payment(day(2024, 1, 15), 1044)],
      singlePaymentTerm: "days",
    });
    expect(result.unitPeriodsPerYear).toEqual(ratio(365n, 184n));
    expect(result.aprText).toBe(((4.4 * 365) / 184).toFixed(2)); // float-ok: test oracle
  });

  it("exactly two years: the unit-period is a year, (1 + i)² = 1.24 → 11.36 %", () => {
    const result = regZApr({
      advances: advance(day(2021, 3, 1), 1000),
      payments: [payment(day(2023, 3, 1), 1240)],
    });
    expect(result.unitPeriod).toEqual({ kind: "month", months: 12 });
    expect(firstPayment(result)).toEqual({ t: 2, f: "0/1" });
    expect(result.aprText).toBe("11.36");
  });

  it("two years and 15 days: (1 + 15/365·i)(1 + i)² = 1.24 — simple interest for the fraction, not (1 + i)^(2 + 15/365)", () => {
    const result = regZApr({
      advances: advance(day(2021, 3, 1), 1000),
      payments: [payment(day(2023, 3, 16), 1240)],
    });
    expect(firstPayment(result)).toEqual({ t: 2, f: "3/73" }); // 15/365
    const simple = bisect((i) => (1 + (15 / 365) * i) * (1 + i) ** 2 - 1.24, 0, 1); // float-ok: test oracle
    const compound = bisect((i) => (1 + i) ** (2 + 15 / 365) - 1.24, 0, 1); // float-ok: test oracle
    expect(result.unitPeriodRate).toBeCloseTo(simple, 10);
    expect(Math.abs(simple - compound)).toBeGreaterThan(1e-6);
  });

  it("two years and 3 months: the remainder is whole months, 3/12 of a year ((b)(5)(v)(A))", () => {
    const result = regZApr({
      advances: advance(day(2021, 3, 1), 1000),
      payments: [payment(day(2023, 6, 1), 1300)],
    });
    expect(firstPayment(result)).toEqual({ t: 2, f: "1/4" });
  });
});

describe("time counted back from each payment ((b)(3)(iv), (b)(5)(ii))", () => {
  it("payments on the last day of each month count back month end to month end", () => {
    const ends = [day(2023, 2, 28), day(2023, 3, 31), day(2023, 4, 30), day(2023, 5, 31)];
    const result = regZApr({
      advances: advance(day(2023, 1, 15), 1000),
      payments: ends.map((on) => payment(on, 260)),
    });
    expect(result.unitPeriod).toEqual({ kind: "month", months: 1 });
    // 28 Feb → 31 Jan (one month), then 16 days to 15 Jan; every later payment keeps the same 16 days.
    expect(result.payments.map((p) => [p.t, `${p.f.num}/${p.f.den}`])).toEqual([
      [1, "8/15"],
      [2, "8/15"],
      [3, "8/15"],
      [4, "8/15"],
    ]);
  });

  it("payments on the 30th count back to the 30th, also from 28 February", () => {
    const result = regZApr({
      advances: advance(day(2023, 1, 20), 1000),
      payments: [day(2023, 2, 28), day(2023, 3, 30), day(2023, 4, 30)].map((on) => payment(on, 350)),
    });
    expect(result.payments.map((p) => [p.t, `${p.f.num}/${p.f.den}`])).toEqual([
      [1, "1/3"],
      [2, "1/3"],
      [3, "1/3"],
    ]);
  });
});

describe("multiple advances ((b)(8))", () => {
  it("advances of $1,000 now and $500 after 2 months, 12 monthly payments priced at 1 % a month → 12.00 %", () => {
    const start = day(2024, 1, 10);
    const annuity = (1 - 1.01 ** -12) / 0.01; // float-ok: test oracle
    const dollars = Math.round(((1000 + 500 / 1.01 ** 2) / annuity) * 100) / 100; // float-ok: test oracle
    const result = regZApr({
      advances: [...advance(start, 1000), ...advance(addMonthsAnchored(start, 2), 500)],
      payments: monthly(addMonthsAnchored(start, 1), 12, dollars),
    });
    expect(result.aprText).toBe("12.00");
    expect(result.advances.map((a) => [a.t, ratioToNumber(a.f)])).toEqual([
      [0, 0],
      [2, 0],
    ]);
    expect(result.regular).toBe(false);
    expect(result.irregularities).toEqual(["multiple-advances"]);
  });

  it("a later term start ((b)(2)): flows are timed from it", () => {
    const result = regZApr({
      advances: advance(day(2024, 1, 10), 1000),
      payments: monthly(day(2024, 3, 1), 12, 90),
      termStartDay: day(2024, 2, 1),
    });
    expect(firstPayment(result)).toEqual({ t: 1, f: "0/1" });
    expect(result.advances[0]).toMatchObject({ t: 0 });
  });
});

describe("the unit-period ((b)(4))", () => {
  it("with no common period, the average period rounded to the nearest standard interval", () => {
    // Periods of 20, 45 and 80 days: average 48.3 days, nearest 7 weeks (49 days).
    const start = day(2024, 1, 1);
    const result = regZApr({
      advances: advance(start, 1000),
      payments: [payment(start + 20, 300), payment(start + 65, 400), payment(start + 145, 400)],
    });
    expect(result.unitPeriodRule).toBe("average-period");
    expect(result.unitPeriod).toEqual({ kind: "week", weeks: 7 });
  });

  it("biweekly payments are 2 weeks, not semimonths (the more frequent common period)", () => {
    const result = regZApr({
      advances: advance(day(2024, 1, 1), 1000),
      payments: everyDays(day(2024, 1, 15), 10, 105, 14),
    });
    expect(result.unitPeriod).toEqual({ kind: "week", weeks: 2 });
  });

  it("payments on the 1st and the 15th are semimonthly", () => {
    const result = regZApr({
      advances: advance(day(2024, 1, 1), 1000),
      payments: Array.from({ length: 12 }, (_, k) =>
        payment(addMonthsAnchored(k % 2 === 0 ? day(2024, 1, 15) : day(2024, 2, 1), Math.floor(k / 2)), 90),
      ),
    });
    expect(result.unitPeriod).toEqual({ kind: "semimonth" });
  });

  it("a given unit-period overrides the rule", () => {
    const result = regZApr({
      advances: advance(day(1978, 1, 10), 5000),
      payments: monthly(day(1978, 2, 10), 24, 230),
      unitPeriod: { kind: "month", months: 1 },
    });
    expect(result.unitPeriodRule).toBe("given");
    expect(result.aprText).toBe("9.69");
  });
});

describe("§1026.22(a)(3) irregular transactions", () => {
  it("a skipped payment makes the payment periods irregular", () => {
    const payments = monthly(day(2024, 2, 1), 12, 95).filter((_, k) => k !== 5);
    const result = regZApr({ advances: advance(day(2024, 1, 1), 1000), payments });
    expect(result.irregularities).toEqual(["irregular-payment-periods"]);
  });

  it("a different payment amount in the middle makes the amounts irregular", () => {
    const payments = monthly(day(2024, 2, 1), 12, 90).map((p, k) =>
      k === 6 ? { ...p, amountMinor: 5000 } : p,
    );
    const result = regZApr({ advances: advance(day(2024, 1, 1), 1000), payments });
    expect(result.irregularities).toEqual(["irregular-payment-amounts"]);
    expect(result.regular).toBe(false);
  });
});

describe("invalid input", () => {
  it("rejects missing flows, non-positive amounts and flows before the term", () => {
    expect(() => regZApr({ advances: [], payments: [] })).toThrowError(/advances: needs at least one flow/);
    expect(() =>
      regZApr({
        advances: advance(day(2024, 1, 1), 1000),
        payments: [{ day: day(2024, 2, 1), amountMinor: 0 }],
      }),
    ).toThrowError(/positive whole number/);
    expect(() =>
      regZApr({ advances: advance(day(2024, 1, 1), 1000), payments: [payment(day(2023, 12, 1), 1100)] }),
    ).toThrowError(/must not precede the start of the term/);
  });

  it("reports the error code", () => {
    try {
      regZApr({ advances: [], payments: [] });
      expect.unreachable();
    } catch (error) {
      expect((error as { code: string }).code).toBe("INVALID_CASH_FLOWS");
    }
  });
});

describe("the start of the term before the first advance ((b)(2), (b)(3)(i))", () => {
  it("times the advance from the start, like a payment", () => {
    const result = regZApr({
      advances: advance(day(2024, 1, 20), 1000),
      payments: monthly(day(2024, 2, 10), 12, 90),
      termStartDay: day(2024, 1, 10),
    });
    expect(result.advances[0]).toMatchObject({ t: 0, f: ratio(1n, 3n) }); // 10 days of 30
    expect(firstPayment(result)).toEqual({ t: 1, f: "0/1" });
  });
});

describe("single payments on month ends", () => {
  it("31 January to 28 February is one whole month", () => {
    const result = regZApr({
      advances: advance(day(2023, 1, 31), 1000),
      payments: [payment(day(2023, 2, 28), 1010)],
    });
    expect(result.unitPeriod).toEqual({ kind: "term", days: 28, months: 1 });
    expect(result.aprText).toBe("12.00");
  });

  it("31 January 2023 to 28 February 2025 is two years and one month", () => {
    const result = regZApr({
      advances: advance(day(2023, 1, 31), 1000),
      payments: [payment(day(2025, 2, 28), 1300)],
    });
    expect(firstPayment(result)).toEqual({ t: 2, f: "1/12" });
  });
});
