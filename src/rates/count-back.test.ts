// Counting months back: the bulk forms (`monthColumns`, `countBackTo`) against the
// definitions — the calendar conversion, and "the most whole months that fit" counted one month at a time.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { civilFromDay, type DayNumber, dayFromCivil, daysInMonth } from "../core/calendar-date.ts";
import {
  countBackTo,
  countingDayOfMonth,
  countingDayOfMonthIn,
  maxDayOfMonth,
  maxDayOfMonthIn,
  monthColumns,
  monthsBefore,
  wholeMonthsBack,
} from "./count-back.ts";

const FROM = dayFromCivil(1990, 1, 1);
const TO = dayFromCivil(2080, 12, 31);
const anyDay = fc.integer({ min: FROM, max: TO });

/** The definition: the most whole months m with `monthsBefore(later, m, dayOfMonth)` still on or after `earlier`. */
function countBackSlowly(later: DayNumber, earlier: DayNumber, dayOfMonth: number): [number, DayNumber] {
  let months = 0;
  while (later > earlier && monthsBefore(later, months + 1, dayOfMonth) >= earlier) months++;
  return [months, months === 0 ? later : monthsBefore(later, months, dayOfMonth)];
}

describe("monthColumns", () => {
  it("places days as the calendar does, in order, out of order and with long jumps", () => {
    fc.assert(
      fc.property(fc.array(anyDay, { maxLength: 40 }), fc.boolean(), (days, sorted) => {
        const list = sorted ? [...days].sort((a, b) => a - b) : days;
        const columns = monthColumns(list.map((day) => ({ day })));
        list.forEach((day, k) => {
          const { year, month, day: dayOfMonth } = civilFromDay(day);
          expect(columns.day[k]).toBe(day);
          expect(columns.monthIndex[k]).toBe(year * 12 + month - 1);
          expect(columns.dayOfMonth[k]).toBe(dayOfMonth);
          expect(columns.monthLength[k]).toBe(daysInMonth(year, month));
        });
        expect(maxDayOfMonthIn(columns)).toBe(maxDayOfMonth(list));
      }),
    );
  });

  it("walks a monthly schedule across leap Februaries", () => {
    const days = Array.from(
      { length: 120 },
      (_, k) => dayFromCivil(2023 + Math.floor(k / 12), (k % 12) + 1, 1) + 27,
    );
    const columns = monthColumns(days.map((day) => ({ day })));
    const february2024 = 13; // 2024-02-28
    expect(columns.monthLength[february2024]).toBe(29);
    expect(columns.dayOfMonth[february2024]).toBe(28);
    days.forEach((day, k) => {
      for (const seriesMax of [0, 28, 29, 30, 31]) {
        expect(countingDayOfMonthIn(columns, k, seriesMax)).toBe(countingDayOfMonth(day, seriesMax));
      }
    });
  });
});

describe("counting back from an origin", () => {
  it("agrees with counting one month at a time (and with wholeMonthsBack)", () => {
    fc.assert(
      fc.property(
        anyDay,
        fc.integer({ min: -40, max: 3000 }),
        fc.integer({ min: 1, max: 31 }),
        (earlier, gap, dom) => {
          const later = earlier + gap;
          // The day of month counted back on is the later day's own, or a later one when it is a month end.
          const dayOfMonth = countingDayOfMonth(later, dom);
          const [months, reached] = countBackSlowly(later, earlier, dayOfMonth);
          const back = countBackTo(earlier);
          const { year, month } = civilFromDay(later);
          const monthIndex = year * 12 + month - 1;
          expect(back.months(later, monthIndex, dayOfMonth)).toBe(months);
          expect(back.reached(later, monthIndex, months, dayOfMonth)).toBe(reached);
          expect(back.days30(later, monthIndex, dayOfMonth)).toBe(30 * months + (reached - earlier));
          expect(wholeMonthsBack(later, earlier, dayOfMonth)).toEqual({ months, reached });
        },
      ),
    );
  });

  it("counts month ends back to month ends (Appendix J (b)(3)(iv))", () => {
    const start = dayFromCivil(2024, 1, 31);
    const back = countBackTo(start);
    const end = (year: number, month: number): DayNumber =>
      dayFromCivil(year, month, daysInMonth(year, month));
    // 29 February 2024 in a series on the 31st: one whole month back, to 31 January.
    const february = end(2024, 2);
    expect(back.months(february, 2024 * 12 + 1, 31)).toBe(1);
    expect(back.reached(february, 2024 * 12 + 1, 1, 31)).toBe(start);
    // 30 April: three months back, to 31 January. 1 March: one month back to 1 February, then 1 day.
    expect(back.days30(end(2024, 4), 2024 * 12 + 3, 31)).toBe(90);
    expect(back.days30(dayFromCivil(2024, 3, 1), 2024 * 12 + 2, 1)).toBe(31);
  });
});
