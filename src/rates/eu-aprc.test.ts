// EU APRC, Directive 2008/48/EC Annex I.
//
// Directive 2008/48/EC contains no numerical example, and neither does Directive (EU) 2023/2225. Its predecessor,
// Directive 87/102/EEC as amended by Directive 98/7/EC, did: Annex III "Examples of calculation", part A
// "Calculation of the annual percentage rate of charge on a calendar basis (1 year = 365 days (or 366 days for
// leap years))", first to third examples (text e.g. at https://service.betterregulation.com/document/260747 and in
// COM(96) 79, https://parlementairemonitor.nl/9353000/1/j4nvirkkkr58fyw_j9tvgajcor7dxyk_j9vvij5epmj1ey0/vi8rm2xukhzg).
// The basic equation and remark (c) are the same in 2008/48/EC, so those examples are reproduced below with
// `timeBasis: "days"`. The Commission's guidelines (SWD(2012) 128, section 4.1.1) also work examples of the time
// measurement, but their text could not be retrieved here; the remaining tests are independent hand calculations.

import { describe, expect, it } from "vitest";
import { addMonthsAnchored, type DayNumber, dayFromCivil } from "../core/calendar-date.ts";
import { ratio } from "../core/ratio.ts";
import { type EuFlow, euAprc } from "./eu-aprc.ts";

const day = (year: number, month: number, dayOfMonth: number): DayNumber =>
  dayFromCivil(year, month, dayOfMonth);
const flow = (on: DayNumber, units: number): EuFlow => ({ day: on, amountMinor: units * 100 });

describe("Directive 98/7/EC Annex III, part A (calendar basis): the published examples", () => {
  it("first example: 1 000 on 1 January 1994, 1 200 on 1 July 1995 (546 = 365 + 181 days) → 13 % (12,96 %)", () => {
    const input = { drawdowns: [flow(day(1994, 1, 1), 1000)], payments: [flow(day(1995, 7, 1), 1200)] };
    const result = euAprc({ ...input, timeBasis: "days" });
    expect(result.payments[0]).toMatchObject({ wholePeriods: 1, remainingDays: 181, yearDays: 365 });
    expect(result.payments[0]?.years).toEqual(ratio(546n, 365n));
    expect(result.aprcText).toBe("13.0");
    expect(euAprc({ ...input, timeBasis: "days", decimals: 2 }).aprcText).toBe("12.96");
  });

  it("second example: the creditor keeps 50 of the 1 000, so 950 is lent; 1 200 on 1 July 1995 → 16,9 %", () => {
    const result = euAprc({
      drawdowns: [flow(day(1994, 1, 1), 950)],
      payments: [flow(day(1995, 7, 1), 1200)],
      timeBasis: "days",
    });
    expect(result.aprcText).toBe("16.9");
  });

  it("the same with the 50 as a charge paid at drawdown: the same equation, the same 16,9 %", () => {
    const result = euAprc({
      drawdowns: [flow(day(1994, 1, 1), 1000)],
      payments: [flow(day(1994, 1, 1), 50), flow(day(1995, 7, 1), 1200)],
      timeBasis: "days",
    });
    expect(result.aprcText).toBe("16.9");
  });

  it("third example: 1 000 on 1 January 1994, 600 after one and after two years → i = 0,1306623: 13,1 % (13,07 %)", () => {
    const input = {
      drawdowns: [flow(day(1994, 1, 1), 1000)],
      payments: [flow(day(1995, 1, 1), 600), flow(day(1996, 1, 1), 600)],
      timeBasis: "days" as const,
    };
    const result = euAprc(input);
    // 1 000·x² = 600·x + 600 with x = 1 + i: x = (600 + √2 760 000) / 2 000 = 1.13066238…; the Annex truncates.
    expect(result.rate).toBeCloseTo((600 + Math.sqrt(2_760_000)) / 2000 - 1, 12);
    expect(result.rate.toString().startsWith("0.1306623")).toBe(true);
    expect(result.aprcText).toBe("13.1");
    expect(euAprc({ ...input, decimals: 2 }).aprcText).toBe("13.07");
  });
});

describe("hand calculations", () => {
  it("1 000 repaid with 1 100 after exactly one non-leap year → 10.0 %, on every time basis", () => {
    for (const timeBasis of ["days", "equal-months"] as const) {
      const result = euAprc({
        drawdowns: [flow(day(2023, 3, 1), 1000)],
        payments: [flow(day(2024, 3, 1), 1100)],
        timeBasis,
      });
      expect(result.payments[0]?.years).toEqual(ratio(1n, 1n));
      expect(result.aprcText).toBe("10.0");
    }
  });

  it("equal months: the first example's 18 months are exactly 1.5 years → 1.2^(1/1.5) − 1 = 12.92 %", () => {
    const result = euAprc({
      drawdowns: [flow(day(1994, 1, 1), 1000)],
      payments: [flow(day(1995, 7, 1), 1200)],
      decimals: 2,
    });
    expect(result.timeBasis).toBe("equal-months");
    expect(result.payments[0]?.years).toEqual(ratio(3n, 2n));
    expect(result.aprcText).toBe((((1.2 ** (1 / 1.5) - 1) * 100) as number).toFixed(2)); // float-ok: test oracle
  });

  it("a leap year: the days are divided by 366 when the year counted back contains 29 February", () => {
    const drawdowns = [flow(day(2024, 1, 15), 1000)];
    const payments = [flow(day(2024, 7, 15), 1050)];
    const days = euAprc({ drawdowns, payments, timeBasis: "days", decimals: 4 });
    expect(days.payments[0]).toMatchObject({ wholePeriods: 0, remainingDays: 182, yearDays: 366 });
    expect(days.rate).toBeCloseTo(1.05 ** (366 / 182) - 1, 12); // float-ok: test oracle
    // The same six months as equal months: exactly half a year, X = 1.05² − 1 = 10.25 %, rounded half up.
    const months = euAprc({ drawdowns, payments });
    expect(months.payments[0]?.years).toEqual(ratio(1n, 2n));
    expect(months.aprcText).toBe("10.3");
  });

  it("the same days in a common year are divided by 365", () => {
    const result = euAprc({
      drawdowns: [flow(day(2023, 1, 15), 1000)],
      payments: [flow(day(2023, 7, 15), 1050)],
      timeBasis: "days",
    });
    expect(result.payments[0]).toMatchObject({ remainingDays: 181, yearDays: 365 });
  });

  it("months and days: 1 month and 10 days counted back = 1/12 + 10/365", () => {
    const result = euAprc({
      drawdowns: [flow(day(2023, 1, 5), 1000)],
      payments: [flow(day(2023, 2, 15), 1010)],
    });
    expect(result.payments[0]).toMatchObject({ wholePeriods: 1, remainingDays: 10, yearDays: 365 });
    expect(result.payments[0]?.years).toEqual(ratio(1n * 365n + 10n * 12n, 12n * 365n));
  });

  it("weeks: 10 weeks and 3 days = 10/52 + 3/365", () => {
    const start = day(2023, 3, 6);
    const result = euAprc({
      drawdowns: [flow(start, 1000)],
      payments: [flow(start + 73, 1020)],
      timeBasis: "weeks",
    });
    expect(result.payments[0]).toMatchObject({ wholePeriods: 10, remainingDays: 3, yearDays: 365 });
    expect(result.payments[0]?.years).toEqual(ratio(10n * 365n + 3n * 52n, 52n * 365n));
  });

  it("12 monthly instalments with a fee at drawdown: the rate solves the basic equation with times k/12", () => {
    const start = day(2023, 1, 31);
    const payments = Array.from({ length: 12 }, (_, k) => flow(addMonthsAnchored(start, k + 1), 90));
    const result = euAprc({
      drawdowns: [flow(start, 1000)],
      payments: [flow(start, 25), ...payments],
      decimals: 4,
    });
    // Month ends count back to month ends: 28 February is one month after 31 January.
    expect(result.payments.slice(1).map((p) => p.years)).toEqual(
      payments.map((_, k) => ratio(BigInt(k + 1), 12n)),
    );
    const presentValue = (x: number): number =>
      25 + payments.reduce((sum, _, k) => sum + 90 / (1 + x) ** ((k + 1) / 12), 0) - 1000; // float-ok: test oracle
    expect(Math.abs(presentValue(result.rate))).toBeLessThan(1e-9);
  });

  it("several drawdowns: each is timed from the first", () => {
    const result = euAprc({
      drawdowns: [flow(day(2023, 1, 1), 500), flow(day(2023, 4, 1), 500)],
      payments: [flow(day(2024, 1, 1), 1080)],
      decimals: 2,
    });
    expect(result.drawdowns.map((d) => d.years)).toEqual([ratio(0n, 1n), ratio(1n, 4n)]);
    const presentValue = (x: number): number => 1080 / (1 + x) - 500 - 500 / (1 + x) ** 0.25; // float-ok: test oracle
    expect(Math.abs(presentValue(result.rate))).toBeLessThan(1e-9);
  });
});

describe("invalid input", () => {
  it("rejects a payment before the first drawdown and non-positive amounts", () => {
    expect(() =>
      euAprc({ drawdowns: [flow(day(2023, 1, 1), 1000)], payments: [flow(day(2022, 12, 1), 1100)] }),
    ).toThrowError(/must not precede the first drawdown/);
    expect(() =>
      euAprc({ drawdowns: [flow(day(2023, 1, 1), 0)], payments: [flow(day(2024, 1, 1), 1100)] }),
    ).toThrowError(/positive/);
  });

  it("rejects fewer than one decimal (remark (d))", () => {
    expect(() =>
      euAprc({
        drawdowns: [flow(day(2023, 1, 1), 1000)],
        payments: [flow(day(2024, 1, 1), 1100)],
        decimals: 0,
      }),
    ).toThrowError(/at least one/);
  });
});
