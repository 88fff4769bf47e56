import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonthsAnchored,
  addYearsAnchored,
  anchoredMonthDays,
  civilFromDay,
  type DayNumber,
  dayFromCivil,
  dayOfWeek,
  daysInMonth,
  daysInYear,
  formatIsoDate,
  isLeapYear,
  parseIsoDate,
} from "./calendar-date.ts";

/** Temporal is the independent oracle: a different implementation of the same proleptic Gregorian calendar. */
const TEMPORAL_EPOCH = Temporal.PlainDate.from("1970-01-01");

function toTemporal(d: DayNumber): Temporal.PlainDate {
  return TEMPORAL_EPOCH.add({ days: d });
}

function fromTemporal(date: Temporal.PlainDate): DayNumber {
  return TEMPORAL_EPOCH.until(date, { largestUnit: "days" }).days;
}

const FIRST_DAY = dayFromCivil(1900, 1, 1);
const LAST_DAY = dayFromCivil(2999, 12, 31);
const RUNS = 20_000;

/** Any date from 1900-01-01 to 2999-12-31. */
const dayArb = fc.integer({ min: FIRST_DAY, max: LAST_DAY });

/** Dates on the 28th–31st, where month arithmetic has to clamp. */
const monthEndDayArb = fc
  .record({ year: fc.integer({ min: 1900, max: 2999 }), month: fc.integer({ min: 1, max: 12 }) })
  .chain(({ year, month }) =>
    fc.integer({ min: 28, max: daysInMonth(year, month) }).map((day) => dayFromCivil(year, month, day)),
  );

/** The civil round trip over the whole 1900–2999 range, returned so callers can compare runs. */
function civilRoundTripDigest(): string {
  const parts: string[] = [];
  for (let d = FIRST_DAY; d <= LAST_DAY; d += 97) {
    const { year, month, day } = civilFromDay(d);
    expect(dayFromCivil(year, month, day)).toBe(d);
    parts.push(`${d}:${formatIsoDate(d)}:${dayOfWeek(d)}`);
  }
  return parts.join(",");
}

describe("dayFromCivil / civilFromDay", () => {
  it("puts the epoch at day 0", () => {
    expect(dayFromCivil(1970, 1, 1)).toBe(0);
    expect(dayFromCivil(1969, 12, 31)).toBe(-1);
    expect(dayFromCivil(2000, 3, 1)).toBe(11_017);
    expect(civilFromDay(0)).toEqual({ year: 1970, month: 1, day: 1 });
    expect(civilFromDay(-1)).toEqual({ year: 1969, month: 12, day: 31 });
  });

  it("matches Temporal for random dates (round trip both ways)", () => {
    fc.assert(
      fc.property(dayArb, (d) => {
        const expected = toTemporal(d);
        const civil = civilFromDay(d);
        expect(civil).toEqual({ year: expected.year, month: expected.month, day: expected.day });
        expect(dayFromCivil(civil.year, civil.month, civil.day)).toBe(d);
      }),
      { numRuns: RUNS },
    );
  });

  it("round-trips every day of 1999–2001 (century and leap boundaries)", () => {
    for (let d = dayFromCivil(1999, 1, 1); d <= dayFromCivil(2001, 12, 31); d++) {
      const { year, month, day } = civilFromDay(d);
      expect(dayFromCivil(year, month, day)).toBe(d);
    }
  });

  it("handles dates far from the epoch, including before year 0", () => {
    for (const text of ["0000-03-01", "-000001-12-31", "+010000-01-01", "1600-02-29"]) {
      const expected = Temporal.PlainDate.from(text);
      const d = fromTemporal(expected);
      expect(civilFromDay(d)).toEqual({ year: expected.year, month: expected.month, day: expected.day });
      expect(dayFromCivil(expected.year, expected.month, expected.day)).toBe(d);
      expect(formatIsoDate(d)).toBe(expected.toString());
    }
  });

  it("rejects dates that do not exist and non-integers", () => {
    expect(() => dayFromCivil(2023, 2, 29)).toThrow(Error);
    expect(() => dayFromCivil(2024, 13, 1)).toThrow(Error);
    expect(() => dayFromCivil(2024, 0, 1)).toThrow(Error);
    expect(() => dayFromCivil(2024, 4, 31)).toThrow(Error);
    expect(() => dayFromCivil(2024, 1, 0)).toThrow(Error);
    expect(() => dayFromCivil(2024.5, 1, 1)).toThrow(Error);
    expect(() => civilFromDay(1.5)).toThrow(Error);
    expect(() => civilFromDay(Number.NaN)).toThrow(Error);
  });

  it("does not depend on the process time zone", () => {
    const originalTz = process.env.TZ;
    try {
      const digests = ["UTC", "Pacific/Kiritimati", "America/St_Johns", "Asia/Kathmandu", "Etc/GMT+12"].map(
        (tz) => {
          process.env.TZ = tz;
          return civilRoundTripDigest();
        },
      );
      for (const digest of digests) {
        expect(digest).toBe(digests[0]);
      }
    } finally {
      if (originalTz === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = originalTz;
      }
    }
  });
});

describe("leap years and month lengths", () => {
  it("applies the Gregorian century rule", () => {
    expect(isLeapYear(1900)).toBe(false);
    expect(isLeapYear(2000)).toBe(true);
    expect(isLeapYear(2023)).toBe(false);
    expect(isLeapYear(2024)).toBe(true);
    expect(isLeapYear(2100)).toBe(false);
    expect(daysInYear(1900)).toBe(365);
    expect(daysInYear(2000)).toBe(366);
  });

  it("gives February 28 or 29 days and the other months their fixed lengths", () => {
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2024, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect(() => daysInMonth(2024, 13)).toThrow(Error);
  });

  it("matches Temporal for every year 1900–2999", () => {
    for (let year = 1900; year <= 2999; year++) {
      const firstOfYear = Temporal.PlainDate.from({ year, month: 1, day: 1 });
      expect(isLeapYear(year)).toBe(firstOfYear.inLeapYear);
      expect(daysInYear(year)).toBe(firstOfYear.daysInYear);
      for (let month = 1; month <= 12; month++) {
        expect(daysInMonth(year, month)).toBe(firstOfYear.with({ month }).daysInMonth);
      }
    }
  });
});

describe("dayOfWeek", () => {
  it("knows some weekdays", () => {
    expect(dayOfWeek(0)).toBe(4); // 1970-01-01 was a Thursday
    expect(dayOfWeek(dayFromCivil(2024, 2, 29))).toBe(4);
    expect(dayOfWeek(dayFromCivil(2024, 3, 4))).toBe(1); // Monday
    expect(dayOfWeek(dayFromCivil(2024, 3, 10))).toBe(7); // Sunday
    expect(dayOfWeek(dayFromCivil(1900, 1, 1))).toBe(1); // Monday, before the epoch
  });

  it("matches Temporal for random dates", () => {
    fc.assert(
      fc.property(dayArb, (d) => {
        expect(dayOfWeek(d)).toBe(toTemporal(d).dayOfWeek);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("addDays", () => {
  it("matches Temporal for random dates and offsets", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => {
        expect(addDays(d, n)).toBe(fromTemporal(toTemporal(d).add({ days: n })));
      }),
      { numRuns: RUNS },
    );
  });

  it("rejects non-integer offsets", () => {
    expect(() => addDays(0, 0.5)).toThrow(Error);
  });
});

describe("addMonthsAnchored", () => {
  const jan31 = dayFromCivil(2024, 1, 31);

  it("clamps to the month end but keeps the anchor's day afterwards", () => {
    expect(formatIsoDate(addMonthsAnchored(jan31, 1))).toBe("2024-02-29");
    expect(formatIsoDate(addMonthsAnchored(jan31, 2))).toBe("2024-03-31");
    expect(formatIsoDate(addMonthsAnchored(jan31, 3))).toBe("2024-04-30");
    expect(formatIsoDate(addMonthsAnchored(jan31, 12))).toBe("2025-01-31");
    expect(formatIsoDate(addMonthsAnchored(jan31, 13))).toBe("2025-02-28");
    expect(formatIsoDate(addMonthsAnchored(dayFromCivil(2023, 1, 31), 1))).toBe("2023-02-28");
    expect(formatIsoDate(addMonthsAnchored(dayFromCivil(2023, 1, 30), 1))).toBe("2023-02-28");
  });

  it("goes backwards across year boundaries", () => {
    expect(formatIsoDate(addMonthsAnchored(jan31, -1))).toBe("2023-12-31");
    expect(formatIsoDate(addMonthsAnchored(jan31, -2))).toBe("2023-11-30");
    expect(formatIsoDate(addMonthsAnchored(dayFromCivil(2024, 3, 31), -1))).toBe("2024-02-29");
    expect(formatIsoDate(addMonthsAnchored(dayFromCivil(2024, 3, 15), -27))).toBe("2021-12-15");
  });

  it("is the identity for 0 months", () => {
    expect(addMonthsAnchored(jan31, 0)).toBe(jan31);
  });

  it("matches Temporal's constrained add from the anchor (random dates)", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -240, max: 240 }), (anchor, months) => {
        const expected = toTemporal(anchor).add({ months }, { overflow: "constrain" });
        fc.pre(expected.year >= 1900 && expected.year <= 2999);
        expect(addMonthsAnchored(anchor, months)).toBe(fromTemporal(expected));
      }),
      { numRuns: RUNS },
    );
  });

  it("matches Temporal's constrained add from the anchor (month-end anchors)", () => {
    fc.assert(
      fc.property(monthEndDayArb, fc.integer({ min: -36, max: 36 }), (anchor, months) => {
        const expected = toTemporal(anchor).add({ months }, { overflow: "constrain" });
        expect(addMonthsAnchored(anchor, months)).toBe(fromTemporal(expected));
      }),
      { numRuns: RUNS },
    );
  });

  it("rejects non-integer month counts", () => {
    expect(() => addMonthsAnchored(jan31, 1.5)).toThrow(Error);
  });
});

describe("addYearsAnchored", () => {
  it("clamps 29 February in common years and keeps it in leap years", () => {
    const leapDay = dayFromCivil(2024, 2, 29);
    expect(formatIsoDate(addYearsAnchored(leapDay, 1))).toBe("2025-02-28");
    expect(formatIsoDate(addYearsAnchored(leapDay, 4))).toBe("2028-02-29");
    expect(formatIsoDate(addYearsAnchored(leapDay, -4))).toBe("2020-02-29");
    expect(formatIsoDate(addYearsAnchored(leapDay, 76))).toBe("2100-02-28");
  });

  it("matches Temporal's constrained add from the anchor", () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: -50, max: 50 }), (anchor, years) => {
        const expected = toTemporal(anchor).add({ years }, { overflow: "constrain" });
        fc.pre(expected.year >= 1900 && expected.year <= 2999);
        expect(addYearsAnchored(anchor, years)).toBe(fromTemporal(expected));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("parseIsoDate / formatIsoDate", () => {
  it("parses and formats valid dates", () => {
    expect(parseIsoDate("1970-01-01")).toBe(0);
    expect(parseIsoDate("2024-02-29")).toBe(dayFromCivil(2024, 2, 29));
    expect(parseIsoDate("1900-01-01")).toBe(FIRST_DAY);
    expect(parseIsoDate("2999-12-31")).toBe(LAST_DAY);
    expect(formatIsoDate(dayFromCivil(2024, 2, 29))).toBe("2024-02-29");
    expect(formatIsoDate(dayFromCivil(1905, 3, 7))).toBe("1905-03-07");
  });

  it.each([
    "2024-2-1",
    "2024-02-30",
    "2023-02-29",
    "20240201",
    "",
    "2024-02-01T00:00",
    " 2024-02-01",
    "2024-02-01 ",
    "2024/02/01",
    "2024-13-01",
    "2024-00-10",
    "2024-01-00",
    "1899-12-31",
    "3000-01-01",
    "+002024-02-01",
    "٢٠٢٤-٠٢-٠١", // Arabic-Indic digits must not pass as \d
    "2024-02-01\n",
  ])("rejects %j", (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });

  it("round-trips format → parse and agrees with Temporal's formatting", () => {
    fc.assert(
      fc.property(dayArb, (d) => {
        const text = formatIsoDate(d);
        expect(text).toBe(toTemporal(d).toString());
        expect(parseIsoDate(text)).toBe(d);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("anchoredMonthDays", () => {
  it("walks anchored months exactly like addMonthsAnchored, forward and backward", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayFromCivil(1900, 1, 1), max: dayFromCivil(2899, 12, 31) }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: -2, max: 3 }),
        fc.integer({ min: 1, max: 60 }),
        (anchor, step, firstIndex, count) => {
          const walked = anchoredMonthDays(anchor, step, firstIndex, count);
          const direct = Array.from({ length: count }, (_, k) =>
            addMonthsAnchored(anchor, (firstIndex + k) * step),
          );
          expect(walked).toEqual(direct);
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
