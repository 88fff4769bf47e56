// Rate factors (docs/reference/schedule-rules.md §3): for each period, the exact fraction of the balance
// (percent rates) or the exact amount (amount rates) its interest is, plus what explains it.
// Factors carry `number` copies of their numerator and denominator when both are safe integers, so the
// hot loop computes interest with exact integer arithmetic on doubles and only falls back to bigint for
// huge values.
import { civilFromDay, dayFromCivil, daysInYear } from "../core/calendar-date.ts";
import { countDays, type DayCount, yearFraction } from "../core/day-count.ts";
import { mulRatio, type Ratio, ratio, ratioFromInt } from "../core/ratio.ts";
import { mulDivRound, type RoundingMode, roundDiv, roundDivBig, toSafeNumber } from "../core/rounding.ts";
import { type Periods, startDayOf } from "./due-dates.ts";
import type { Period, Terms, TimeUnit } from "./terms.ts";

export interface Factor {
  readonly ratio: Ratio;
  readonly num: number;
  readonly den: number;
  /** True when num and den are safe integers, so `number` arithmetic is exact. */
  readonly fast: boolean;
}

export interface PeriodRate {
  readonly factor: Factor;
  /** The period's length measured in the rate's unit. */
  readonly time: Ratio;
  readonly daysCounted: number;
  /** With daily rounding: groups of days sharing one daily factor. */
  readonly dailyGroups: readonly { readonly days: number; readonly factor: Factor }[] | undefined;
}

const ZERO = ratioFromInt(0);

export function makeFactor(value: Ratio): Factor {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  const fast = value.num <= max && value.num >= -max && value.den <= max;
  // float-ok: only when both are within ±(2^53 − 1): converts exactly
  return { ratio: value, num: fast ? Number(value.num) : 0, den: fast ? Number(value.den) : 1, fast };
}

export const ZERO_FACTOR: Factor = makeFactor(ZERO);

/** round(balance × factor), exactly. */
export function applyFactor(balanceMinor: number, factor: Factor, mode: RoundingMode): number {
  if (factor.fast) return mulDivRound(balanceMinor, factor.num, factor.den, mode);
  return toSafeNumber(roundDivBig(BigInt(balanceMinor) * factor.ratio.num, factor.ratio.den, mode));
}

/** Interest of one period on `balanceMinor` (percent rates) or its fixed amount (amount rates). */
export function periodInterest(
  balanceMinor: number,
  rate: PeriodRate,
  kind: "percent" | "amount",
  mode: RoundingMode,
): number {
  if (balanceMinor <= 0) return 0;
  if (kind === "amount") {
    if (rate.dailyGroups === undefined) return roundAmount(rate.factor, mode);
    let total = 0;
    for (const group of rate.dailyGroups) total += group.days * roundAmount(group.factor, mode);
    return total;
  }
  if (rate.dailyGroups === undefined) return applyFactor(balanceMinor, rate.factor, mode);
  let sum = 0;
  for (const group of rate.dailyGroups) sum += group.days * applyFactor(balanceMinor, group.factor, mode);
  return sum;
}

function roundAmount(f: Factor, mode: RoundingMode): number {
  return f.fast ? roundDiv(f.num, f.den, mode) : toSafeNumber(roundDivBig(f.ratio.num, f.ratio.den, mode));
}

/** Days in year as a number: `actual` counts as 365 for unit conversions (§3). */
export function nominalDaysInYear(dayCount: DayCount): number {
  return dayCount.daysInYear === "actual" ? 365 : dayCount.daysInYear;
}

/** How many of `unit` make one year. */
function unitsPerYear(unit: TimeUnit, daysInYearNominal: number): Ratio {
  switch (unit) {
    case "year":
      return ratioFromInt(1);
    case "month":
      return ratioFromInt(12);
    case "week":
      return ratio(BigInt(daysInYearNominal), 7n);
    case "day":
      return ratioFromInt(daysInYearNominal);
  }
}

/** A length of `count` units, in years. */
function unitsToYears(unit: TimeUnit, count: number, daysInYearNominal: number): Ratio {
  switch (unit) {
    case "year":
      return ratioFromInt(count);
    case "month":
      return ratio(BigInt(count), 12n);
    case "week":
      return ratio(BigInt(7 * count), BigInt(daysInYearNominal));
    case "day":
      return ratio(BigInt(count), BigInt(daysInYearNominal));
  }
}

/** The nominal length of one regular period, in years. */
export function regularPeriodYears(period: Period, daysInYearNominal: number): Ratio {
  switch (period.kind) {
    case "every":
      return unitsToYears(period.unit, period.every, daysInYearNominal);
    case "times":
      return ratio(1n, BigInt(period.per === "month" ? 12 * period.times : period.times));
    case "per-term": {
      const term = unitsToYears(period.term.unit, period.term.every, daysInYearNominal);
      return mulRatio(term, ratio(1n, BigInt(period.times)));
    }
  }
}

// A regular period's length in the rate's unit depends on a handful of settings; remembering the last few
// saves the bigint arithmetic on every schedule of the same product. Bounded, and a pure function's memo.
const REGULAR_TIME_CACHE = new Map<number, Ratio>();
const REGULAR_TIME_CACHE_SIZE = 64;

function regularTimeInUnit(terms: Terms, yearDays: number, perYear: Ratio): Ratio {
  const period = terms.period;
  // Per-term periods are rare and carry two numbers: they are not cached.
  if (period.kind === "per-term") return mulRatio(regularPeriodYears(period, yearDays), perYear);
  // A numeric key (building a string costs as much as the lookup saves): the period's count (≤ 3660) and
  // kind/unit, the rate's unit and the days in year (≤ 365) each in their own digits.
  const count = period.kind === "every" ? period.every : period.times;
  const shape = period.kind === "every" ? UNIT_CODES[period.unit] : period.per === "month" ? 4 : 5;
  const key = ((count * 8 + shape) * 4 + UNIT_CODES[terms.interest.per]) * 400 + yearDays;
  let time = REGULAR_TIME_CACHE.get(key);
  if (time === undefined) {
    time = mulRatio(regularPeriodYears(period, yearDays), perYear);
    if (REGULAR_TIME_CACHE.size >= REGULAR_TIME_CACHE_SIZE) REGULAR_TIME_CACHE.clear();
    REGULAR_TIME_CACHE.set(key, time);
  }
  return time;
}

const UNIT_CODES: Readonly<Record<TimeUnit, number>> = { day: 0, week: 1, month: 2, year: 3 };

export interface Rates {
  /** The actual rate of each period under distribution `day`; undefined under `period`, where every
   * period but a broken first one has the regular rate (no array of n equal entries is built). */
  readonly periods: readonly PeriodRate[] | undefined;
  /** The rate of period 1 (differs from `regular` when the first period is broken). */
  readonly first: PeriodRate;
  /** The rate a regular period has under distribution `period` (used by standard level payments). */
  readonly regular: PeriodRate;
}

/** The actual rate of period `index` (0-based). */
export function rateOf(rates: Rates, index: number): PeriodRate {
  if (rates.periods !== undefined) return rates.periods[index] as PeriodRate;
  return index === 0 ? rates.first : rates.regular;
}

export function buildRates(terms: Terms, periods: Periods, rate: Ratio): Rates {
  const yearDays = nominalDaysInYear(terms.dayCount);
  const perYear = unitsPerYear(terms.interest.per, yearDays);
  const regularTime = regularTimeInUnit(terms, yearDays, perYear);
  const regularDays = (periods.dueDays[0] as number) - periods.regularStartDay;
  const regular = periodRate(rate, regularTime, regularDays, undefined);
  const n = periods.dueDays.length;
  if (terms.interest.distribution === "period") {
    const firstDays = (periods.dueDays[0] as number) - periods.disbursementDay;
    const broken = firstDays !== regularDays;
    const firstTime = broken
      ? mulRatio(regularTime, ratio(BigInt(firstDays), BigInt(regularDays)))
      : regularTime;
    const first = broken ? periodRate(rate, firstTime, firstDays, undefined) : regular;
    return { periods: undefined, first, regular };
  }
  const result: PeriodRate[] = new Array(n);
  const cache = new Map<string, PeriodRate>();
  for (let i = 0; i < n; i++) {
    const start = startDayOf(periods, i);
    const end = periods.dueDays[i] as number;
    const key = cacheKey(start, end, terms.dayCount);
    let value = cache.get(key);
    if (value === undefined) {
      value = dailyPeriodRate(terms, start, end, rate, perYear);
      cache.set(key, value);
    }
    result[i] = value;
  }
  return { periods: result, first: result[0] as PeriodRate, regular };
}

function periodRate(
  rate: Ratio,
  time: Ratio,
  daysCounted: number,
  dailyGroups: PeriodRate["dailyGroups"],
): PeriodRate {
  return { factor: makeFactor(mulRatio(rate, time)), time, daysCounted, dailyGroups };
}

/** Time of [start, end) in the rate's unit under distribution `day` (§3). */
function dayTime(start: number, end: number, dayCount: DayCount, unit: TimeUnit, perYear: Ratio): Ratio {
  if (unit === "day") return ratioFromInt(countDays(start, end, dayCount));
  if (unit === "week") return ratio(BigInt(countDays(start, end, dayCount)), 7n);
  return mulRatio(yearFraction(start, end, dayCount), perYear);
}

function dailyPeriodRate(terms: Terms, start: number, end: number, rate: Ratio, perYear: Ratio): PeriodRate {
  const { dayCount, interest } = terms;
  const time = dayTime(start, end, dayCount, interest.per, perYear);
  const daysCounted = countDays(start, end, dayCount);
  const groups = interest.dailyRounding
    ? dailyGroups(start, end, dayCount, interest.per, rate, perYear)
    : undefined;
  return periodRate(rate, time, daysCounted, groups);
}

/** Splits a period into runs of days that share one daily factor (they differ only by year length). */
function dailyGroups(
  start: number,
  end: number,
  dayCount: DayCount,
  unit: TimeUnit,
  rate: Ratio,
  perYear: Ratio,
) {
  if (dayCount.daysInMonth === 30 || dayCount.daysInYear !== "actual" || unit === "day" || unit === "week") {
    const oneDay =
      unit === "day"
        ? ratioFromInt(1)
        : unit === "week"
          ? ratio(1n, 7n)
          : mulRatio(ratio(1n, BigInt(nominalDaysInYear(dayCount))), perYear);
    return [{ days: countDays(start, end, dayCount), factor: makeFactor(mulRatio(rate, oneDay)) }];
  }
  const groups: { days: number; factor: Factor }[] = [];
  let cursor = start;
  while (cursor < end) {
    const year = civilFromDay(cursor).year;
    const nextYear = Math.min(end, dayFromCivil(year + 1, 1, 1));
    const oneDay = mulRatio(ratio(1n, BigInt(daysInYear(year))), perYear);
    groups.push({ days: nextYear - cursor, factor: makeFactor(mulRatio(rate, oneDay)) });
    cursor = nextYear;
  }
  return groups;
}

function cacheKey(start: number, end: number, dayCount: DayCount): string {
  // Fixed-length years with calendar days: the factor depends on the number of days only.
  if (dayCount.daysInYear !== "actual" && dayCount.daysInMonth === "actual") return `${end - start}`;
  return `${start}:${end}`;
}
