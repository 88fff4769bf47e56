import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  addMonthsAnchored,
  civilFromDay,
  type DayNumber,
  dayFromCivil,
  parseIsoDate,
} from "./calendar-date.ts";
import {
  countDays,
  DAY_COUNT_NAMES,
  type DayCount,
  type DayCountName,
  dayCountFromName,
  describeDayCount,
  yearFraction,
} from "./day-count.ts";
import {
  addRatio,
  compareRatio,
  mulRatio,
  type Ratio,
  ratio,
  ratioFromInt,
  ratioToDecimalString,
} from "./ratio.ts";

/** Test shorthand: a day number from "YYYY-MM-DD". */
function day(text: string): DayNumber {
  const parsed = parseIsoDate(text);
  if (parsed === undefined) throw new Error(`bad test date ${text}`);
  return parsed;
}

function days(start: string, end: string, name: DayCountName): number {
  return countDays(day(start), day(end), dayCountFromName(name));
}

function fraction(start: string, end: string, dc: DayCount | DayCountName): Ratio {
  return yearFraction(day(start), day(end), typeof dc === "string" ? dayCountFromName(dc) : dc);
}

function r(num: number, den: number): Ratio {
  return ratio(BigInt(num), BigInt(den));
}

const FIRST_DAY = dayFromCivil(1900, 1, 1);
const LAST_DAY = dayFromCivil(2999, 12, 31);
const dayArb = fc.integer({ min: FIRST_DAY, max: LAST_DAY });
/** Three ordered days a ≤ b ≤ c at most ~10 years apart. */
const orderedTripleArb = fc
  .tuple(
    fc.integer({ min: FIRST_DAY, max: LAST_DAY - 8_000 }),
    fc.integer({ min: 0, max: 4_000 }),
    fc.integer({ min: 0, max: 4_000 }),
  )
  .map(([a, step1, step2]) => [a, a + step1, a + step1 + step2] as const);

describe("dayCountFromName", () => {
  it("maps every name to its convention", () => {
    expect(dayCountFromName("30/360")).toEqual({ daysInYear: 360, daysInMonth: 30, thirtyRule: "us" });
    expect(dayCountFromName("30E/360")).toEqual({ daysInYear: 360, daysInMonth: 30, thirtyRule: "eu" });
    expect(dayCountFromName("actual/360")).toEqual({
      daysInYear: 360,
      daysInMonth: "actual",
      thirtyRule: "us",
    });
    expect(dayCountFromName("actual/364")).toEqual({
      daysInYear: 364,
      daysInMonth: "actual",
      thirtyRule: "us",
    });
    expect(dayCountFromName("actual/365")).toEqual({
      daysInYear: 365,
      daysInMonth: "actual",
      thirtyRule: "us",
    });
    expect(dayCountFromName("actual/actual")).toEqual({
      daysInYear: "actual",
      daysInMonth: "actual",
      thirtyRule: "us",
    });
    expect(DAY_COUNT_NAMES).toHaveLength(6);
  });
});

describe("describeDayCount", () => {
  it("names the standard conventions and their variants", () => {
    expect(DAY_COUNT_NAMES.map((name) => describeDayCount(dayCountFromName(name)))).toEqual([
      "30/360 (US)",
      "30E/360",
      "actual/360",
      "actual/364",
      "actual/365 (Fixed)",
      "actual/actual (ISDA)",
    ]);
  });

  it("describes non-standard combinations in the same order", () => {
    expect(describeDayCount({ daysInYear: 365, daysInMonth: 30, thirtyRule: "us" })).toBe("30/365 (US)");
    expect(describeDayCount({ daysInYear: "actual", daysInMonth: 30, thirtyRule: "eu" })).toBe("30E/actual");
    expect(describeDayCount({ daysInYear: 360, daysInMonth: "actual", thirtyRule: "eu" })).toBe("actual/360");
  });
});

describe("countDays with 30-day months", () => {
  // Each line: start, end, 30/360 (US) count, 30E/360 count, with the hand calculation
  // 360·ΔY + 30·ΔM + (D2 − D1) after the adjustments.
  it.each([
    // Ordinary mid-month dates: no adjustment. 30·0 + (30 − 15) = 15.
    ["2007-01-15", "2007-01-30", 15, 15],
    // 30·1 + 0 = 30.
    ["2007-01-15", "2007-02-15", 30, 30],
    // 30·6 + 0 = 180.
    ["2007-01-15", "2007-07-15", 180, 180],
    // D1 = 30, D2 = 31 → 30 in both (US because D1 ≥ 30): 360·1 + 30·(3 − 9) + 0 = 180.
    ["2007-09-30", "2008-03-31", 180, 180],
    // D1 = 30, D2 = 31 → 30: 30·1 + 0 = 30.
    ["2007-09-30", "2007-10-31", 30, 30],
    // D2 = 31 with D1 = 15: US keeps 31 → 16; EU makes it 30 → 15.
    ["2007-01-15", "2007-01-31", 16, 15],
    // No February adjustment: D1 = 28. US: 30·6 + (31 − 28) = 183; EU: 30·6 + (30 − 28) = 182.
    ["2007-02-28", "2007-08-31", 183, 182],
    // D1 = 31 → 30: 30·1 + (28 − 30) = 28.
    ["2007-01-31", "2007-02-28", 28, 28],
    // Leap day start, D1 = 29 < 30. US: 30·6 + (31 − 29) = 182; EU: 30·6 + (30 − 29) = 181.
    ["2008-02-29", "2008-08-31", 182, 181],
    // D1 = 31 → 30: 360·1 + 30·(2 − 8) + (29 − 30) = 179.
    ["2007-08-31", "2008-02-29", 179, 179],
    // The example from the file comment: 30·1 + (31 − 28) = 33 (US), 30·1 + (30 − 28) = 32 (EU).
    ["2023-02-28", "2023-03-31", 33, 32],
    // Both 31sts → 30: 30·2 + 0 = 60.
    ["2024-01-31", "2024-03-31", 60, 60],
    // D1 = 30, D2 = 31 → 30 in both: 0 days although one calendar day passes.
    ["2024-01-30", "2024-01-31", 0, 0],
    // D1 = 31 → 30: 30·1 + (1 − 30) = 1.
    ["2024-01-31", "2024-02-01", 1, 1],
    // Same day: 0.
    ["2024-05-17", "2024-05-17", 0, 0],
  ] as const)("%s → %s: 30/360 %i, 30E/360 %i", (start, end, usDays, euDays) => {
    expect(days(start, end, "30/360")).toBe(usDays);
    expect(days(start, end, "30E/360")).toBe(euDays);
  });

  it("counts 30 for every one-month step from a day ≤ 28, and 30·k for k months", () => {
    const earlyDayArb = fc
      .record({
        year: fc.integer({ min: 1900, max: 2989 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
      })
      .map(({ year, month, day: d }) => dayFromCivil(year, month, d));
    fc.assert(
      fc.property(
        earlyDayArb,
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom("30/360", "30E/360"),
        (start, k, name) => {
          const dc = dayCountFromName(name);
          expect(countDays(start, addMonthsAnchored(start, 1), dc)).toBe(30);
          expect(countDays(start, addMonthsAnchored(start, k), dc)).toBe(30 * k);
        },
      ),
      { numRuns: 5_000 },
    );
  });

  it("30/360 US and 30E/360 differ by one day exactly when the end is a 31st and the start is before the 30th", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 800 }), (start, length) => {
        const end = start + length;
        const startDayOfMonth = civilFromDay(start).day;
        const endDayOfMonth = civilFromDay(end).day;
        const expectedDifference = endDayOfMonth === 31 && startDayOfMonth < 30 ? 1 : 0;
        const usDays = countDays(start, end, dayCountFromName("30/360"));
        const euDays = countDays(start, end, dayCountFromName("30E/360"));
        expect(usDays - euDays).toBe(expectedDifference);
        expect(euDays).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("countDays with actual days", () => {
  it("counts calendar days end − start", () => {
    expect(days("2024-01-31", "2024-03-01", "actual/365")).toBe(30);
    expect(days("2023-12-12", "2024-01-12", "actual/actual")).toBe(31);
    expect(days("2024-02-28", "2024-03-01", "actual/360")).toBe(2);
  });

  it("agrees with Temporal's until in days", () => {
    fc.assert(
      fc.property(
        dayArb,
        dayArb,
        fc.constantFrom("actual/360", "actual/364", "actual/365", "actual/actual"),
        (a, b, name) => {
          const [start, end] = a <= b ? [a, b] : [b, a];
          const startDate = Temporal.PlainDate.from(civilFromDay(start));
          const endDate = Temporal.PlainDate.from(civilFromDay(end));
          expect(countDays(start, end, dayCountFromName(name))).toBe(
            startDate.until(endDate, { largestUnit: "days" }).days,
          );
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it("rejects a period that ends before it starts or has non-integer bounds", () => {
    for (const name of DAY_COUNT_NAMES) {
      expect(() => countDays(day("2024-01-02"), day("2024-01-01"), dayCountFromName(name))).toThrow(Error);
      expect(() => yearFraction(day("2024-01-02"), day("2024-01-01"), dayCountFromName(name))).toThrow(Error);
      expect(() => countDays(0.5, 3, dayCountFromName(name))).toThrow(Error);
    }
  });
});

describe("yearFraction with a fixed year length", () => {
  it("divides the counted days by 360, 364 or 365", () => {
    // 31 calendar days / 360.
    expect(fraction("2024-01-15", "2024-02-15", "actual/360")).toEqual(r(31, 360));
    // 91 days / 364 = 1/4.
    expect(fraction("2024-01-01", "2024-04-01", "actual/364")).toEqual(r(1, 4));
    // Actual/365 Fixed: a leap year is 366/365.
    expect(fraction("2024-01-01", "2025-01-01", "actual/365")).toEqual(r(366, 365));
    // 30/360: 180/360 = 1/2.
    expect(fraction("2007-01-15", "2007-07-15", "30/360")).toEqual(r(1, 2));
    // 30/360 US 183 days (see above) / 360 = 61/120; 30E/360 182/360 = 91/180.
    expect(fraction("2007-02-28", "2007-08-31", "30/360")).toEqual(r(61, 120));
    expect(fraction("2007-02-28", "2007-08-31", "30E/360")).toEqual(r(91, 180));
    // 30-day months over 365: 30/365 = 6/73.
    expect(
      fraction("2024-01-15", "2024-02-15", { daysInYear: 365, daysInMonth: 30, thirtyRule: "us" }),
    ).toEqual(r(6, 73));
  });

  it("is 0 for an empty period", () => {
    for (const name of DAY_COUNT_NAMES) {
      expect(fraction("2024-02-29", "2024-02-29", name)).toEqual(ratioFromInt(0));
    }
  });
});

describe("yearFraction actual/actual (ISDA)", () => {
  it.each([
    // 2007 has Dec 28–31 = 4 days; 2008 (leap) has Jan 1–31 + Feb 1–27 = 31 + 27 = 58 days.
    ["2007-12-28", "2008-02-28", addRatio(r(4, 365), r(58, 366))],
    // As above plus Feb 28 and 29: 4/365 + 60/366.
    ["2007-12-28", "2008-03-01", addRatio(r(4, 365), r(60, 366))],
    // 2023: Dec 12–31 = 20 days; 2024: Jan 1–11 = 11 days.
    ["2023-12-12", "2024-01-12", addRatio(r(20, 365), r(11, 366))],
    // ISDA's published example: Nov + Dec 2003 = 30 + 31 = 61; Jan–Apr 2004 = 31 + 29 + 31 + 30 = 121.
    ["2003-11-01", "2004-05-01", addRatio(r(61, 365), r(121, 366))],
    // Within one common year: Feb–Jun 1999 = 28 + 31 + 30 + 31 + 30 = 150.
    ["1999-02-01", "1999-07-01", r(150, 365)],
    // 2002: Aug 15–31 + Sep–Dec = 17 + 30 + 31 + 30 + 31 = 139; 2003: Jan 1–Jul 14 = 181 + 14 = 195.
    ["2002-08-15", "2003-07-15", r(334, 365)],
    // 1999: Jul–Dec = 184; 2000 (leap): Jan–Jun = 31 + 29 + 31 + 30 + 31 + 30 = 182.
    ["1999-07-01", "2000-07-01", addRatio(r(184, 365), r(182, 366))],
    // Several years: 2023 Jun–Dec = 214, 2024 and 2025 whole (= 1 each), 2026 Jan–May = 151 → 2 + 365/365 = 3.
    ["2023-06-01", "2026-06-01", ratioFromInt(3)],
    // 1900 is not a leap year: 1900-02-01 → 1900-03-01 is 28/365.
    ["1900-02-01", "1900-03-01", r(28, 365)],
  ] as const)("%s → %s", (start, end, expected) => {
    expect(fraction(start, end, "actual/actual")).toEqual(expected);
  });

  it("matches the published decimal value of the ISDA example", () => {
    expect(ratioToDecimalString(fraction("2003-11-01", "2004-05-01", "actual/actual"), 10)).toBe(
      "0.4977243806",
    );
  });

  it("is exactly 1 for every full calendar year and n for n full years", () => {
    for (let year = 1900; year < 2999; year++) {
      expect(
        yearFraction(
          dayFromCivil(year, 1, 1),
          dayFromCivil(year + 1, 1, 1),
          dayCountFromName("actual/actual"),
        ),
      ).toEqual(ratioFromInt(1));
    }
    expect(fraction("1996-01-01", "2006-01-01", "actual/actual")).toEqual(ratioFromInt(10));
  });

  it("lies between days/366 and days/365", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 3_000 }), (start, length) => {
        fc.pre(start + length <= LAST_DAY);
        const yf = yearFraction(start, start + length, dayCountFromName("actual/actual"));
        expect(compareRatio(r(length, 366), yf)).toBeLessThanOrEqual(0);
        expect(compareRatio(yf, r(length, 365))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 5_000 },
    );
  });
});

describe("yearFraction actual/actual with 30-day months", () => {
  it("divides by the length of the year in which the period starts", () => {
    const dc: DayCount = { daysInYear: "actual", daysInMonth: 30, thirtyRule: "us" };
    // Starts in leap year 2024: 180 / 366.
    expect(fraction("2024-01-15", "2024-07-15", dc)).toEqual(r(180, 366));
    // Starts in 2023 although it mostly lies in 2024: 180 / 365.
    expect(fraction("2023-12-15", "2024-06-15", dc)).toEqual(r(180, 365));
  });
});

describe("yearFraction additivity", () => {
  // 30/360 US is deliberately missing: its D2 adjustment depends on D1, so it is not additive
  // (Jan 15 → Jan 31 → Feb 1 counts 16 + 1, but Jan 15 → Feb 1 counts 16).
  it.each(["actual/actual", "actual/360", "actual/364", "actual/365", "30E/360"] as const)(
    "%s: yf(a, c) = yf(a, b) + yf(b, c)",
    (name) => {
      const dc = dayCountFromName(name);
      fc.assert(
        fc.property(orderedTripleArb, ([a, b, c]) => {
          expect(yearFraction(a, c, dc)).toEqual(addRatio(yearFraction(a, b, dc), yearFraction(b, c, dc)));
        }),
        { numRuns: 3_000 },
      );
    },
  );

  it("30/360 US is indeed not additive", () => {
    const dc = dayCountFromName("30/360");
    const [a, b, c] = [day("2024-01-15"), day("2024-01-31"), day("2024-02-01")];
    expect(countDays(a, b, dc) + countDays(b, c, dc)).toBe(17);
    expect(countDays(a, c, dc)).toBe(16);
  });

  it("fixed year lengths scale the day count: yf × daysInYear = countDays", () => {
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: 0, max: 3_000 }),
        fc.constantFrom("30/360", "30E/360", "actual/360", "actual/364", "actual/365"),
        (start, length, name) => {
          const dc = dayCountFromName(name);
          const yf = yearFraction(start, start + length, dc);
          expect(mulRatio(yf, ratioFromInt(Number(dc.daysInYear)))).toEqual(
            ratioFromInt(countDays(start, start + length, dc)),
          );
        },
      ),
      { numRuns: 3_000 },
    );
  });
});
