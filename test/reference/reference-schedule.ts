/**
 * Independent REFERENCE implementation of Tenor's repayment schedule generator.
 *
 * Written only from docs/reference/schedule-rules.md and docs/reference/terms.md — it deliberately shares no
 * code and no technique with the production engine (src/): all arithmetic is decimal.js at 60 significant
 * digits (small exact rationals of decimal integers where the spec says "exact"), all calendar arithmetic is
 * Temporal.PlainDate, and every rule is a plain loop in the order the spec states it. Speed is not a goal.
 *
 * Section numbers (§n) refer to schedule-rules.md. Where the spec leaves a choice open, the reading taken here
 * is marked "READING:" — those are listed in the report to the lead.
 */
import { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";

const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -1000,
  toExpPos: 1000,
  modulo: Decimal.ROUND_DOWN,
});
type D = Decimal;
type PlainDate = Temporal.PlainDate;
type Mode = Decimal.Rounding;

const ZERO = new Dec(0);
const ONE = new Dec(1);

// ------------------------------------------------------------------------------------------------------------
// Output shape
// ------------------------------------------------------------------------------------------------------------

export interface ReferenceFee {
  name: string;
  amount: string;
}

export interface ReferenceInstallment {
  number: number;
  startDate: string;
  dueDate: string;
  days: number;
  principal: string;
  interest: string;
  /** Present only on grace rows whose interest is capitalized (§7), and only when not zero. */
  capitalized?: string;
  fees: ReferenceFee[];
  feesTotal: string;
  total: string;
  balance: string;
}

export interface ReferenceTotals {
  principal: string;
  interest: string;
  fees: string;
  total: string;
  installments: number;
  netDisbursement: string;
  financedFees: string;
  capitalizedInterest: string;
  maturityDate: string;
}

export interface ReferenceSchedule {
  currency: string;
  installments: ReferenceInstallment[];
  totals: ReferenceTotals;
}

/**
 * Terms the reference cannot turn into a schedule. `specified: true` — the spec says they are rejected (e.g.
 * NEGATIVE_PRINCIPAL_PART), so the engine must reject them too; `specified: false` — the spec does not say
 * what happens (e.g. a negative rule-of-78 interest part), so there is nothing to compare.
 */
export class ReferenceRejection extends Error {
  readonly code: string;
  readonly specified: boolean;
  constructor(code: string, message: string, specified: boolean) {
    super(`${code}: ${message}`);
    this.code = code;
    this.specified = specified;
    this.name = "ReferenceRejection";
  }
}

// ------------------------------------------------------------------------------------------------------------
// Small helpers
// ------------------------------------------------------------------------------------------------------------

function at<T>(list: readonly T[], index: number): T {
  const value = list[index];
  if (value === undefined) throw new Error(`reference: index ${index} out of range`);
  return value;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Decimal text of a JSON value (JSON numbers are read by their decimal text). */
function decimalText(value: unknown, field: string): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  throw new Error(`reference: ${field} must be a decimal`);
}

function integerOf(value: unknown, field: string): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  throw new Error(`reference: ${field} must be an integer`);
}

function sum(values: readonly D[]): D {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

// ------------------------------------------------------------------------------------------------------------
// Exact rationals of decimal integers (the spec: "rates and times are exact rationals")
// ------------------------------------------------------------------------------------------------------------

interface Rational {
  readonly n: D;
  readonly d: D;
}

function gcd(a: D, b: D): D {
  let x = a.abs();
  let y = b.abs();
  while (!y.isZero()) {
    const r = x.mod(y);
    x = y;
    y = r;
  }
  return x;
}

function rat(numerator: Decimal.Value, denominator: Decimal.Value = 1): Rational {
  let n = new Dec(numerator);
  let d = new Dec(denominator);
  if (!n.isInteger() || !d.isInteger() || d.isZero()) throw new Error("reference: bad rational");
  if (d.isNegative()) {
    n = n.neg();
    d = d.neg();
  }
  const g = gcd(n, d);
  return { n: n.div(g), d: d.div(g) };
}

function ratFromText(text: string): Rational {
  const x = new Dec(text);
  const scale = new Dec(10).pow(x.decimalPlaces());
  return rat(x.times(scale), scale);
}

function ratAdd(a: Rational, b: Rational): Rational {
  return rat(a.n.times(b.d).plus(b.n.times(a.d)), a.d.times(b.d));
}

/** Products are not reduced (their size stays small); sums are. */
function ratMul(a: Rational, b: Rational): Rational {
  return { n: a.n.times(b.n), d: a.d.times(b.d) };
}

function ratScale(a: Rational, k: Decimal.Value): Rational {
  return { n: a.n.times(k), d: a.d };
}

const RAT_ZERO = rat(0);

// ------------------------------------------------------------------------------------------------------------
// §1 Rounding
// ------------------------------------------------------------------------------------------------------------

const MODES: Record<string, Mode> = {
  "half-even": Decimal.ROUND_HALF_EVEN,
  "half-up": Decimal.ROUND_HALF_UP,
  "half-down": Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/**
 * round(x) of an exact rational: one single division at 60 digits. When the exact value is an integer or a
 * tie (a terminating decimal) the division is exact, so the rounding is exact.
 */
function roundRat(x: Rational, mode: Mode): D {
  return x.n.div(x.d).toDecimalPlaces(0, mode);
}

/** roundStep(x) of an exact rational x (minor units) to a multiple of s. */
function roundStepRat(x: Rational, s: D, mode: Mode): D {
  return roundRat({ n: x.n, d: x.d.times(s) }, mode).times(s);
}

/**
 * roundStep(x) of a 60-digit approximation of an exact rational (the level payment quotient, whose exact
 * denominator is astronomically large). A value within 1e-40 (relative) of a rounding boundary — a multiple of
 * s/2 — is taken to BE on it: the exact value lands exactly on a boundary in practice (rate 0, n = 2 with a
 * "nice" rate, …) but can never come that close to one without landing on it, while 60-digit arithmetic may
 * land a hair on either side.
 */
function roundStepApprox(x: D, s: D, mode: Mode): D {
  let y = x.div(s);
  const nearestHalf = y.times(2).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).div(2);
  if (y.minus(nearestHalf).abs().lte(Dec.max(ONE, y.abs()).times("1e-40"))) y = nearestHalf;
  return y.toDecimalPlaces(0, mode).times(s);
}

// ------------------------------------------------------------------------------------------------------------
// Currency
// ------------------------------------------------------------------------------------------------------------

const CURRENCY_DIGITS: Record<string, number> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  CAD: 2,
  AUD: 2,
  NZD: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  HUF: 2,
  MXN: 2,
  BRL: 2,
  CNY: 2,
  INR: 2,
  ZAR: 2,
  JPY: 0,
  KRW: 0,
  ISK: 0,
  CLP: 0,
  VND: 0,
  XOF: 0,
  XAF: 0,
  UGX: 0,
  PYG: 0,
  KWD: 3,
  BHD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
  LYD: 3,
  IQD: 3,
  CLF: 4,
  UYW: 4,
};

// ------------------------------------------------------------------------------------------------------------
// §2 Dates
// ------------------------------------------------------------------------------------------------------------

const yearLengths = new Map<number, number>();

/** Days in a calendar year, from Temporal. */
function daysInYearOf(year: number): number {
  let length = yearLengths.get(year);
  if (length === undefined) {
    length = Temporal.PlainDate.from({ year, month: 1, day: 1 }).daysInYear;
    yearLengths.set(year, length);
  }
  return length;
}

/**
 * Calendar days from a to b, from Temporal's calendar fields (day of year, days in year). Same result as
 * `a.until(b, { largestUnit: "day" }).days` — which the polyfill computes ~50× slower; a test checks both agree.
 */
export function daysBetween(a: PlainDate, b: PlainDate): number {
  if (Temporal.PlainDate.compare(a, b) > 0) return -daysBetween(b, a);
  if (a.year === b.year) return b.dayOfYear - a.dayOfYear;
  let days = a.daysInYear - a.dayOfYear + b.dayOfYear;
  for (let year = a.year + 1; year < b.year; year++) days += daysInYearOf(year);
  return days;
}

function addDays(a: PlainDate, days: number): PlainDate {
  return a.add({ days });
}

/** Anchored month arithmetic: Temporal clamps the day to the target month's length. */
function addMonthsAnchored(anchor: PlainDate, months: number): PlainDate {
  return anchor.add({ months });
}

type Unit = "day" | "week" | "month" | "year";

type Period =
  | { kind: "days"; days: number }
  | { kind: "months"; months: number }
  | { kind: "times"; k: number; blockMonths: 1 | 12 }
  | { kind: "term"; k: number; every: number; unit: Unit };

function readPeriod(value: unknown): Period {
  const p = value ?? "monthly";
  if (typeof p === "string") {
    switch (p) {
      case "weekly":
        return { kind: "days", days: 7 };
      case "biweekly":
        return { kind: "days", days: 14 };
      case "semi-monthly":
        return { kind: "times", k: 2, blockMonths: 1 };
      case "monthly":
        return { kind: "months", months: 1 };
      case "quarterly":
        return { kind: "months", months: 3 };
      case "semi-annual":
        return { kind: "months", months: 6 };
      case "yearly":
        return { kind: "months", months: 12 };
      default:
        throw new Error(`reference: unknown period ${p}`);
    }
  }
  const o = record(p);
  if (o === undefined) throw new Error("reference: bad period");
  if (o.every !== undefined) {
    const every = integerOf(o.every, "period.every");
    switch (o.unit) {
      case "day":
        return { kind: "days", days: every };
      case "week":
        return { kind: "days", days: 7 * every };
      case "month":
        return { kind: "months", months: every };
      case "year":
        return { kind: "months", months: 12 * every };
      default:
        throw new Error("reference: bad period unit");
    }
  }
  const k = integerOf(o.times, "period.times");
  if (o.per === "month") return { kind: "times", k, blockMonths: 1 };
  if (o.per === "year") return { kind: "times", k, blockMonths: 12 };
  if (o.per === "term") {
    const term = record(o.term);
    if (term === undefined) throw new Error("reference: per term needs a term");
    const unit = term.unit;
    if (unit !== "day" && unit !== "week" && unit !== "month" && unit !== "year") {
      throw new Error("reference: bad term unit");
    }
    return { kind: "term", k, every: integerOf(term.every, "term.every"), unit };
  }
  throw new Error("reference: bad period");
}

/** The point sequence t(m) of §2 for an anchor A (not used for "per term"). */
function point(period: Period, anchor: PlainDate, m: number, cache: Map<number, PlainDate>): PlainDate {
  const monthsFromAnchor = (months: number): PlainDate => {
    let date = cache.get(months);
    if (date === undefined) {
      date = addMonthsAnchored(anchor, months);
      cache.set(months, date);
    }
    return date;
  };
  switch (period.kind) {
    case "days":
      return addDays(anchor, m * period.days);
    case "months":
      return monthsFromAnchor(m * period.months);
    case "times": {
      const q = Math.floor(m / period.k);
      const j = m - q * period.k;
      const b0 = monthsFromAnchor(q * period.blockMonths);
      const b1 = monthsFromAnchor((q + 1) * period.blockMonths);
      return addDays(b0, Math.floor((j * daysBetween(b0, b1)) / period.k));
    }
    case "term":
      throw new Error("reference: no point sequence for per term");
  }
}

// ------------------------------------------------------------------------------------------------------------
// §4 Day count
// ------------------------------------------------------------------------------------------------------------

interface DayCount {
  daysInYear: "actual" | 360 | 364 | 365;
  daysInMonth: "actual" | 30;
  rule: "US" | "EU";
}

function readDayCount(value: unknown): DayCount {
  const v = value ?? "actual/365";
  if (typeof v === "string") {
    switch (v) {
      case "30/360":
        return { daysInYear: 360, daysInMonth: 30, rule: "US" };
      case "30E/360":
        return { daysInYear: 360, daysInMonth: 30, rule: "EU" };
      case "actual/360":
        return { daysInYear: 360, daysInMonth: "actual", rule: "US" };
      case "actual/364":
        return { daysInYear: 364, daysInMonth: "actual", rule: "US" };
      case "actual/365":
        return { daysInYear: 365, daysInMonth: "actual", rule: "US" };
      case "actual/actual":
        return { daysInYear: "actual", daysInMonth: "actual", rule: "US" };
      default:
        throw new Error(`reference: unknown day count ${v}`);
    }
  }
  const o = record(v);
  if (o === undefined) throw new Error("reference: bad day count");
  const y = o.daysInYear;
  const m = o.daysInMonth;
  const daysInYear = y === "actual" ? "actual" : integerOf(y, "daysInYear");
  if (daysInYear !== "actual" && daysInYear !== 360 && daysInYear !== 364 && daysInYear !== 365) {
    throw new Error("reference: bad daysInYear");
  }
  const daysInMonth = m === "actual" ? "actual" : integerOf(m, "daysInMonth");
  if (daysInMonth !== "actual" && daysInMonth !== 30) throw new Error("reference: bad daysInMonth");
  // READING: the object form has no field for the 30-day-month adjustment; it takes the US (bond basis) rule,
  // like the name "30/360".
  return { daysInYear, daysInMonth, rule: "US" };
}

/** Y of §3: `actual` counts as 365. */
function nominalDaysInYear(dc: DayCount): number {
  return dc.daysInYear === "actual" ? 365 : dc.daysInYear;
}

function countDays(dc: DayCount, a: PlainDate, b: PlainDate): number {
  if (dc.daysInMonth === "actual") return daysBetween(a, b);
  let d1 = a.day;
  let d2 = b.day;
  if (dc.rule === "US") {
    if (d1 === 31) d1 = 30;
    if (d2 === 31 && d1 >= 30) d2 = 30;
  } else {
    if (d1 === 31) d1 = 30;
    if (d2 === 31) d2 = 30;
  }
  return 360 * (b.year - a.year) + 30 * (b.month - a.month) + (d2 - d1);
}

function yearFraction(dc: DayCount, a: PlainDate, b: PlainDate): Rational {
  if (dc.daysInYear !== "actual") return rat(countDays(dc, a, b), dc.daysInYear);
  if (dc.daysInMonth === 30) return rat(countDays(dc, a, b), a.inLeapYear ? 366 : 365);
  // Actual/Actual ISDA: split at each 1 January.
  let total = RAT_ZERO;
  let pieceStart = a;
  while (Temporal.PlainDate.compare(pieceStart, b) < 0) {
    const nextNewYear = Temporal.PlainDate.from({ year: pieceStart.year + 1, month: 1, day: 1 });
    const pieceEnd = Temporal.PlainDate.compare(nextNewYear, b) < 0 ? nextNewYear : b;
    total = ratAdd(total, rat(daysBetween(pieceStart, pieceEnd), pieceStart.inLeapYear ? 366 : 365));
    pieceStart = pieceEnd;
  }
  return total;
}

// ------------------------------------------------------------------------------------------------------------
// Terms (defaults from terms.md)
// ------------------------------------------------------------------------------------------------------------

type Method =
  | { type: "standard" }
  | { type: "optimized" }
  | { type: "balloon"; payment: D | undefined; balloon: D | undefined }
  | { type: "graduated"; change: D; every: number }
  | { type: "plan"; tiers: { from: number; to: number; amount: D }[] };

interface Grace {
  k: number;
  principal: "deferred" | "due";
  interest: "paid" | "waived" | "capitalized" | "spread";
  fees: "charged" | "waived";
}

type FeeValue = { kind: "amount"; minor: D } | { kind: "percent"; percent: Rational };

type FeeCharge =
  | { kind: "disbursement" }
  | { kind: "installment" }
  | { kind: "everyInstallments"; every: number }
  | { kind: "everyDays"; every: number };

interface Fee {
  name: string;
  value: FeeValue | { kind: "tiers"; tiers: { from: number; to: number; value: FeeValue }[] };
  base: "principal" | "disbursed" | "outstanding" | "installment";
  charge: FeeCharge;
  timing: "start" | "end";
  origination: "deducted" | "financed" | "first-installment";
}

function toMinor(value: unknown, digits: number, field: string): D {
  const minor = new Dec(decimalText(value, field)).times(new Dec(10).pow(digits));
  if (!minor.isInteger()) throw new Error(`reference: ${field} has more digits than the currency`);
  return minor;
}

function readFeeValue(o: Record<string, unknown>, digits: number, field: string): FeeValue {
  if (o.amount !== undefined) return { kind: "amount", minor: toMinor(o.amount, digits, field) };
  if (o.percent !== undefined) {
    return { kind: "percent", percent: ratFromText(decimalText(o.percent, field)) };
  }
  throw new Error(`reference: ${field} needs amount or percent`);
}

function readFee(value: unknown, digits: number): Fee {
  const o = record(value);
  if (o === undefined) throw new Error("reference: bad fee");
  const name = String(o.name);
  let feeValue: Fee["value"];
  if (Array.isArray(o.tiers)) {
    feeValue = {
      kind: "tiers",
      tiers: o.tiers.map((t) => {
        const tier = record(t);
        if (tier === undefined) throw new Error("reference: bad fee tier");
        return {
          from: integerOf(tier.from, "tier.from"),
          to: integerOf(tier.to, "tier.to"),
          value: readFeeValue(tier, digits, `fee ${name} tier`),
        };
      }),
    };
  } else {
    feeValue = readFeeValue(o, digits, `fee ${name}`);
  }
  let charge: FeeCharge;
  const c = o.charge ?? "installment";
  if (c === "disbursement") charge = { kind: "disbursement" };
  else if (c === "installment") charge = { kind: "installment" };
  else {
    const co = record(c);
    if (co?.everyInstallments !== undefined) {
      charge = { kind: "everyInstallments", every: integerOf(co.everyInstallments, "everyInstallments") };
    } else if (co?.everyDays !== undefined) {
      charge = { kind: "everyDays", every: integerOf(co.everyDays, "everyDays") };
    } else throw new Error("reference: bad fee charge");
  }
  const base = (o.base ?? "principal") as Fee["base"];
  const timing = (o.timing ?? "end") as Fee["timing"];
  const origination = (o.origination ?? "deducted") as Fee["origination"];
  return { name, value: feeValue, base, charge, timing, origination };
}

function readGrace(value: unknown): Grace | undefined {
  const o = record(value);
  if (o === undefined) return undefined;
  const k = integerOf(o.installments, "grace.installments");
  switch (o.type) {
    case "no-interest":
      return { k, principal: "deferred", interest: "waived", fees: "waived" };
    case "interest-only":
      return { k, principal: "deferred", interest: "paid", fees: "charged" };
    case "capitalized":
      return { k, principal: "deferred", interest: "capitalized", fees: "waived" };
    case undefined:
      return {
        k,
        principal: (o.principal ?? "deferred") as Grace["principal"],
        interest: (o.interest ?? "paid") as Grace["interest"],
        fees: (o.fees ?? "charged") as Grace["fees"],
      };
    default:
      throw new Error("reference: bad grace type");
  }
}

function readMethod(value: unknown, digits: number): Method {
  const o = record(value) ?? { type: "standard" };
  switch (o.type ?? "standard") {
    case "standard":
      return { type: "standard" };
    case "optimized":
      return { type: "optimized" };
    case "balloon":
      return {
        type: "balloon",
        payment: o.payment === undefined ? undefined : toMinor(o.payment, digits, "paymentMethod.payment"),
        balloon: o.balloon === undefined ? undefined : toMinor(o.balloon, digits, "paymentMethod.balloon"),
      };
    case "graduated":
      return {
        type: "graduated",
        change: new Dec(decimalText(o.changePercent, "changePercent")).div(100),
        every: integerOf(o.every, "paymentMethod.every"),
      };
    case "plan": {
      if (!Array.isArray(o.tiers)) throw new Error("reference: plan needs tiers");
      return {
        type: "plan",
        tiers: o.tiers.map((t) => {
          const tier = record(t);
          if (tier === undefined) throw new Error("reference: bad plan tier");
          return {
            from: integerOf(tier.from, "tier.from"),
            to: integerOf(tier.to, "tier.to"),
            amount: toMinor(tier.amount, digits, "tier.amount"),
          };
        }),
      };
    }
    default:
      throw new Error("reference: bad payment method");
  }
}

// ------------------------------------------------------------------------------------------------------------
// The schedule
// ------------------------------------------------------------------------------------------------------------

export function referenceSchedule(document: Record<string, unknown>): ReferenceSchedule {
  // ---- terms -----------------------------------------------------------------------------------------------
  const currency = String(document.currency);
  const digits = CURRENCY_DIGITS[currency];
  if (digits === undefined) throw new Error(`reference: unknown currency ${currency}`);
  const P = toMinor(document.principal, digits, "principal");
  const disbursement = Temporal.PlainDate.from(String(document.disbursementDate));
  const firstDue =
    document.firstDueDate === undefined ? undefined : Temporal.PlainDate.from(String(document.firstDueDate));
  const period = readPeriod(document.period);
  const loanType = String(document.loanType ?? "annuity");
  const method = readMethod(document.paymentMethod, digits);
  let n: number;
  if (document.installments !== undefined) n = integerOf(document.installments, "installments");
  else if (method.type === "plan") n = Math.max(...method.tiers.map((t) => t.to));
  else throw new Error("reference: installments missing");

  const interestDoc = record(document.interest) ?? {};
  if (interestDoc.rate === undefined) throw new Error("reference: rate derivation is not implemented");
  const rateKind = (interestDoc.kind ?? "percent") as "percent" | "amount";
  const per = (interestDoc.per ?? "year") as Unit;
  const distribution = (interestDoc.distribution ??
    (loanType === "annuity-daily" || loanType === "payday" ? "day" : "period")) as "period" | "day";
  const dailyRounding = interestDoc.dailyRounding === true;
  // r: percent ÷ 100, or the amount in minor units.
  const r =
    rateKind === "percent"
      ? ratMul(ratFromText(decimalText(interestDoc.rate, "interest.rate")), rat(1, 100))
      : rat(toMinor(interestDoc.rate, digits, "interest.rate"));

  const dc = readDayCount(document.dayCount);
  const Y = nominalDaysInYear(dc);
  const roundingDoc = record(document.rounding) ?? {};
  const mode = MODES[String(roundingDoc.mode ?? "half-even")];
  if (mode === undefined) throw new Error("reference: bad rounding mode");
  const s = roundingDoc.step === undefined ? ONE : toMinor(roundingDoc.step, digits, "rounding.step");
  const residual = String(roundingDoc.residual ?? "last");
  const keepEqual = record(document.firstPeriod)?.keepInstallmentsEqual !== false;
  const placementDoc = record(document.placement) ?? {};
  const placePrincipal = String(placementDoc.principal ?? "every");
  const placeInterest = String(placementDoc.interest ?? "every");
  const grace = readGrace(document.grace);
  const fees = (Array.isArray(document.fees) ? document.fees : []).map((f) => readFee(f, digits));

  // READING: "`first` is not accepted for level payments" — taken to mean the annuity loan types.
  if (
    residual === "first" &&
    (loanType === "annuity" || loanType === "annuity-daily") &&
    placePrincipal === "every"
  ) {
    throw new ReferenceRejection(
      "INVALID_TERMS",
      "rounding.residual first is not accepted for level payments",
      true,
    );
  }

  const round = (x: Rational): D => roundRat(x, mode);
  const formatMoney = (minor: D): string => {
    const text = minor.toFixed(0).padStart(digits + 1, "0");
    return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
  };

  // ---- §2 due dates -------------------------------------------------------------------------------------------
  const due: PlainDate[] = [disbursement]; // due[0] is only a placeholder: start(1) is the disbursement date
  let regularStart1: PlainDate;
  if (period.kind === "term") {
    const T =
      period.unit === "day"
        ? addDays(disbursement, period.every)
        : period.unit === "week"
          ? addDays(disbursement, 7 * period.every)
          : addMonthsAnchored(disbursement, (period.unit === "month" ? 1 : 12) * period.every);
    const length = daysBetween(disbursement, T);
    for (let i = 1; i <= n; i++) due.push(addDays(disbursement, Math.floor((i * length) / period.k)));
    regularStart1 = disbursement;
  } else if (firstDue === undefined) {
    const cache = new Map<number, PlainDate>();
    for (let i = 1; i <= n; i++) due.push(point(period, disbursement, i, cache));
    regularStart1 = point(period, disbursement, 0, cache);
  } else {
    const cache = new Map<number, PlainDate>();
    for (let i = 1; i <= n; i++) due.push(point(period, firstDue, i - 1, cache));
    regularStart1 = point(period, firstDue, -1, cache);
  }
  const start = (i: number): PlainDate => (i === 1 ? disbursement : at(due, i - 1));
  const dueOf = (i: number): PlainDate => at(due, i);
  const broken = !disbursement.equals(regularStart1);

  // ---- §3 time and rate factor --------------------------------------------------------------------------------
  /** A time given in years, converted to the rate's unit (a period of N months = N/12 years = N·Y/12 days…). */
  const yearsToUnit = (years: Rational): Rational => {
    switch (per) {
      case "year":
        return years;
      case "month":
        return ratScale(years, 12);
      case "week":
        return ratMul(years, rat(Y, 7));
      case "day":
        return ratScale(years, Y);
    }
  };
  /** The nominal length of a regular period, in years. */
  const regularYears = ((): Rational => {
    switch (period.kind) {
      case "days":
        return rat(period.days, Y);
      case "months":
        return rat(period.months, 12);
      case "times":
        return period.blockMonths === 1 ? rat(1, 12 * period.k) : rat(1, period.k);
      case "term": {
        const termYears =
          period.unit === "day"
            ? rat(period.every, Y)
            : period.unit === "week"
              ? rat(7 * period.every, Y)
              : period.unit === "month"
                ? rat(period.every, 12)
                : rat(period.every);
        return ratMul(termYears, rat(1, period.k));
      }
    }
  })();
  const regularTime = yearsToUnit(regularYears);

  /** Time of [a, b) under distribution `day`. */
  const dayBasedTime = (a: PlainDate, b: PlainDate): Rational => {
    switch (per) {
      case "year":
        return yearFraction(dc, a, b);
      case "month":
        return ratScale(yearFraction(dc, a, b), 12);
      case "week":
        return rat(countDays(dc, a, b), 7);
      case "day":
        return rat(countDays(dc, a, b));
    }
  };

  /**
   * Time of a one-day interval [d, d+1) under distribution `day` with actual days in month, for a day d in a
   * calendar year of `calendarYearLength` days: countDays is 1, and for Actual/Actual ISDA the day lies in
   * d's year.
   */
  const oneDayTime = (calendarYearLength: number): Rational => {
    const yearLength = dc.daysInYear === "actual" ? calendarYearLength : dc.daysInYear;
    switch (per) {
      case "year":
        return rat(1, yearLength);
      case "month":
        return rat(12, yearLength);
      case "week":
        return rat(1, 7);
      case "day":
        return rat(1);
    }
  };

  const graceK = grace?.k ?? 0;
  const waived = (i: number): boolean => grace !== undefined && grace.interest === "waived" && i <= graceK;

  // time(i) and ρ(i) of every period, computed once.
  const times: Rational[] = [RAT_ZERO];
  const factors: Rational[] = [RAT_ZERO];
  for (let i = 1; i <= n; i++) {
    let t: Rational;
    if (distribution === "day") t = dayBasedTime(start(i), dueOf(i));
    else if (i === 1 && broken) {
      t = ratMul(regularTime, rat(daysBetween(start(1), dueOf(1)), daysBetween(regularStart1, dueOf(1))));
    } else t = regularTime;
    times.push(t);
    factors.push(waived(i) ? RAT_ZERO : ratMul(r, t)); // ρ(i): 0 in a waived grace period
  }
  const rateFactor = (i: number): Rational => at(factors, i);
  const regularRateFactor = ratMul(r, regularTime);

  /** Interest of period i on balance B (§3), before any placement. */
  const interest = (B: D, i: number): D => {
    if (waived(i)) return ZERO;
    const onBalance = (factor: Rational): D =>
      rateKind === "percent" ? round(ratScale(factor, B)) : B.gt(0) ? round(factor) : ZERO;
    if (dailyRounding) {
      if (dc.daysInMonth === 30) {
        // READING: "one counted day = 1/Y years" with Y = 365 for days in year `actual` (§3's Y).
        const oneCountedDay =
          per === "year" ? rat(1, Y) : per === "month" ? rat(12, Y) : per === "week" ? rat(1, 7) : rat(1);
        return onBalance(ratMul(r, oneCountedDay)).times(countDays(dc, start(i), dueOf(i)));
      }
      // Each calendar day of [start, due), walked as (year, day of year) from Temporal's calendar fields.
      let total = ZERO;
      const byYearLength = new Map<number, D>(); // days with the same time have the same interest
      let year = start(i).year;
      let dayOfYear = start(i).dayOfYear;
      for (let day = 0; day < daysBetween(start(i), dueOf(i)); day++) {
        const yearLength = daysInYearOf(year);
        let dayInterest = byYearLength.get(yearLength);
        if (dayInterest === undefined) {
          dayInterest = onBalance(ratMul(r, oneDayTime(yearLength)));
          byYearLength.set(yearLength, dayInterest);
        }
        total = total.plus(dayInterest);
        dayOfYear++;
        if (dayOfYear > yearLength) {
          year++;
          dayOfYear = 1;
        }
      }
      return total;
    }
    return onBalance(rateFactor(i));
  };

  // ---- §8 disbursement fees ------------------------------------------------------------------------------------
  const feeOn = (value: FeeValue, base: D): D =>
    value.kind === "amount" ? value.minor : round(ratMul(ratScale(value.percent, base), rat(1, 100)));
  const disbursementFee = new Map<Fee, D>();
  // READING: `disbursed` as the base of a disbursement fee is P minus the deducted fees that do not themselves
  // depend on `disbursed` (otherwise it is circular).
  let deductedFirst = ZERO;
  for (const fee of fees) {
    if (fee.charge.kind !== "disbursement" || fee.base === "disbursed") continue;
    if (fee.value.kind === "tiers") throw new Error("reference: tiers on a disbursement fee");
    const amount = feeOn(fee.value, P);
    disbursementFee.set(fee, amount);
    if (fee.origination === "deducted") deductedFirst = deductedFirst.plus(amount);
  }
  for (const fee of fees) {
    if (fee.charge.kind !== "disbursement" || fee.base !== "disbursed") continue;
    if (fee.value.kind === "tiers") throw new Error("reference: tiers on a disbursement fee");
    disbursementFee.set(fee, feeOn(fee.value, P.minus(deductedFirst)));
  }
  let deducted = ZERO;
  let financed = ZERO;
  for (const [fee, amount] of disbursementFee) {
    if (fee.origination === "deducted") deducted = deducted.plus(amount);
    if (fee.origination === "financed") financed = financed.plus(amount);
  }
  const netDisbursement = P.minus(deducted);

  // ---- rows (index 1..n) -------------------------------------------------------------------------------------
  const principalPart: D[] = new Array<D>(n + 1).fill(ZERO);
  const accrued: D[] = new Array<D>(n + 1).fill(ZERO); // each period's own interest
  const dueInterest: D[] = new Array<D>(n + 1).fill(ZERO); // interest due with the installment
  const capitalized: D[] = new Array<D>(n + 1).fill(ZERO);
  const balanceStart: D[] = new Array<D>(n + 1).fill(ZERO);
  const balanceEnd: D[] = new Array<D>(n + 1).fill(ZERO);

  // ---- §7 grace installments (principal deferred) --------------------------------------------------------------
  const deferred = grace !== undefined && grace.principal === "deferred";
  const k = deferred ? graceK : 0; // installments 1..k are the (deferred) grace installments
  const M = n - k;
  let B = P.plus(financed);
  let spreadTotal = ZERO;
  for (let i = 1; i <= k; i++) {
    const I = interest(B, i);
    balanceStart[i] = B;
    accrued[i] = I;
    switch (grace?.interest) {
      case "paid":
        dueInterest[i] = I;
        break;
      case "capitalized":
        capitalized[i] = I;
        B = B.plus(I);
        break;
      case "spread":
        spreadTotal = spreadTotal.plus(I);
        break;
      default: // waived: I is 0
        break;
    }
    balanceEnd[i] = B;
  }
  const B0 = B;

  /** Record amortizing period i: interest I accrued and due, principal p. */
  const book = (i: number, I: D, p: D): void => {
    balanceStart[i] = B;
    accrued[i] = I;
    dueInterest[i] = I;
    principalPart[i] = p;
    B = B.minus(p);
    balanceEnd[i] = B;
  };

  // ---- §6 splits ------------------------------------------------------------------------------------------------
  const split = (X: D, count: number): D[] => {
    const spread = (): D[] => {
      const a = X.div(s.times(count)).floor().times(s);
      const e = X.minus(a.times(count)).div(s).floor().toNumber();
      const parts: D[] = [];
      for (let j = 0; j < count; j++) parts.push(j < e ? a.plus(s) : a);
      const left = X.minus(a.times(count)).minus(s.times(e));
      parts[count - 1] = at(parts, count - 1).plus(left);
      return parts;
    };
    if (residual === "spread") return spread();
    const a = roundStepRat(rat(X, count), s, mode);
    if (a.times(count - 1).gt(X)) return spread(); // ROUNDING_STEP_TOO_LARGE
    const parts: D[] = new Array<D>(count).fill(a);
    const rest = X.minus(a.times(count));
    const index = residual === "first" ? 0 : count - 1;
    parts[index] = at(parts, index).plus(rest);
    return parts;
  };
  const splitMinor = (X: D, count: number): D[] => {
    const a = X.div(count).floor();
    const parts: D[] = new Array<D>(count).fill(a);
    parts[count - 1] = a.plus(X.minus(a.times(count)));
    return parts;
  };

  // ---- §5.1 level payment from installment `first` to n --------------------------------------------------------
  const level = (first: number): void => {
    const count = n - first + 1;
    const paymentRate = (j: number): Rational => {
      if (waived(j)) return RAT_ZERO;
      if (method.type === "optimized") return rateFactor(j);
      if (j === 1 && broken && keepEqual) return rateFactor(1);
      return regularRateFactor;
    };
    const weight = (i: number): D =>
      method.type === "graduated" ? method.change.plus(1).pow(Math.floor((i - first) / method.every)) : ONE;
    const F = method.type === "balloon" && method.balloon !== undefined ? method.balloon : ZERO;

    let amountAt: (i: number) => D;
    if (method.type === "plan") {
      amountAt = (i) => {
        const tier = method.tiers.find((t) => t.from <= i && i <= t.to);
        if (tier === undefined) throw new Error(`reference: no plan tier for installment ${i}`);
        return tier.amount;
      };
    } else if (method.type === "balloon" && method.payment !== undefined) {
      const payment = method.payment;
      amountAt = () => payment;
    } else if (rateKind === "amount") {
      // The interest does not depend on the balance: (B₀ + Σ interest) / M.
      let totalInterest = ZERO;
      for (let i = first; i <= n; i++) totalInterest = totalInterest.plus(interest(B, i));
      if (method.type === "graduated" || F.gt(0)) {
        // READING (not in the spec): graduated / balloon target with amount rates use the same quotient with
        // F subtracted and the weights summed in place of M.
        let weights = ZERO;
        for (let i = first; i <= n; i++) weights = weights.plus(weight(i));
        const exact = B.minus(F).plus(totalInterest).div(weights);
        amountAt = (i) => roundStepApprox(exact.times(weight(i)), s, mode);
      } else {
        const A = roundStepRat(rat(B.plus(totalInterest), count), s, mode);
        amountAt = () => A;
      }
    } else {
      let v = ONE;
      let denominator = ZERO;
      for (let i = first; i <= n; i++) {
        const rho = paymentRate(i);
        v = v.times(rho.d).div(rho.d.plus(rho.n)); // × 1 / (1 + ρ*(i))
        denominator = denominator.plus(weight(i).times(v));
      }
      const exact = B.minus(F.times(v)).div(denominator);
      if (method.type === "graduated") {
        amountAt = (i) => roundStepApprox(exact.times(weight(i)), s, mode);
      } else {
        const A = roundStepApprox(exact, s, mode);
        amountAt = () => A;
      }
    }

    const givenPayments =
      method.type === "plan" || (method.type === "balloon" && method.payment !== undefined);
    const balanceBefore = B;
    /** Books installments first..n with the amounts A(i); returns L, the last installment's principal + interest. */
    const run = (amount: (i: number) => D): D => {
      B = balanceBefore;
      for (let i = first; i <= n; i++) {
        const I = interest(B, i);
        let p: D;
        if (i === n) p = B;
        else if (method.type === "standard" && broken && !keepEqual && i === 1) {
          const regularInterest =
            rateKind === "percent"
              ? round(ratScale(regularRateFactor, B))
              : B.gt(0)
                ? round(regularRateFactor)
                : ZERO;
          p = Dec.min(B, Dec.max(ZERO, amount(i).minus(regularInterest)));
        } else {
          if (givenPayments && amount(i).lt(I)) {
            throw new ReferenceRejection(
              "PAYMENT_BELOW_INTEREST",
              `installment ${i}: payment ${amount(i)} below the interest ${I} (minor units)`,
              true,
            );
          }
          p = Dec.min(B, Dec.max(ZERO, amount(i).minus(I)));
        }
        book(i, I, p);
      }
      return at(principalPart, n).plus(at(accrued, n));
    };

    const L = run(amountAt);
    // READING: L is the last installment's principal + its own interest (before interest placement and spread
    // grace interest); M is the number of level installments (the annuity part of an interest-only loan).
    // Residual `spread` of level payments (standard and optimized): one retry with A' = A + roundStep((L − A) / M),
    // kept when its last installment is closer to its level amount.
    if (residual === "spread" && (method.type === "standard" || method.type === "optimized") && count > 1) {
      const A = amountAt(first);
      if (!L.eq(A)) {
        const retried = A.plus(roundStepRat(rat(L.minus(A), count), s, mode));
        const retriedL = run(() => retried);
        if (!retriedL.minus(retried).abs().lt(L.minus(A).abs())) run(amountAt);
      }
    }
  };

  /** Interest only for `count` amortizing installments, then a standard annuity (§5.4). */
  const interestOnlyThenLevel = (count: number): void => {
    for (let i = k + 1; i <= k + count; i++) book(i, interest(B, i), ZERO);
    level(k + count + 1);
  };

  // ---- §5 amortization --------------------------------------------------------------------------------------
  // READING: with deferred grace, placement `first` puts all principal in the first AMORTIZING installment.
  if (placePrincipal === "last") {
    interestOnlyThenLevel(M - 1);
  } else if (placePrincipal === "first") {
    for (let i = k + 1; i <= n; i++) book(i, interest(B, i), i === k + 1 ? B : ZERO);
  } else {
    switch (loanType) {
      case "annuity":
      case "annuity-daily":
      case "payday":
        level(k + 1);
        break;
      case "bullet":
        interestOnlyThenLevel(M - 1);
        break;
      case "interest-only": {
        // READING: with grace principal `due` the amortization runs over all n installments, so M = n and the
        // default is n − 1 interest-only installments (the grace ones included).
        const count =
          document.interestOnlyInstallments === undefined
            ? M - 1
            : integerOf(document.interestOnlyInstallments, "interestOnlyInstallments");
        interestOnlyThenLevel(count);
        break;
      }
      case "classic": {
        const parts = split(B0, M);
        for (let i = k + 1; i <= n; i++) book(i, interest(B, i), at(parts, i - k - 1));
        break;
      }
      case "flat":
      case "rule-of-78": {
        let totalInterest: D;
        if (rateKind === "percent" && !dailyRounding) {
          let factors = RAT_ZERO;
          for (let i = k + 1; i <= n; i++) factors = ratAdd(factors, rateFactor(i));
          totalInterest = round(ratScale(factors, B0));
        } else {
          // Amount rates: the sum of the rounded period interests. READING: also for daily rounding.
          totalInterest = ZERO;
          for (let i = k + 1; i <= n; i++) totalInterest = totalInterest.plus(interest(B0, i));
        }
        const amounts = split(B0.plus(totalInterest), M);
        let interestParts: D[];
        if (loanType === "flat") interestParts = splitMinor(totalInterest, M);
        else {
          // Cumulative: part j = round(I·S_j) − round(I·S_{j−1}), S_j = (sum of the first j weights) / digitsSum.
          interestParts = [];
          const digitsSum = (M * (M + 1)) / 2;
          let weightsSoFar = 0;
          let previous = ZERO;
          for (let j = 1; j <= M; j++) {
            weightsSoFar += M - j + 1;
            const cumulative =
              j === M ? totalInterest : round(rat(totalInterest.times(weightsSoFar), digitsSum));
            interestParts.push(cumulative.minus(previous));
            previous = cumulative;
          }
        }
        for (let i = k + 1; i <= n; i++) {
          const I = at(interestParts, i - k - 1);
          const p = at(amounts, i - k - 1).minus(I);
          if (I.isNegative()) {
            // READING: not in the spec — with `up`/`ceiling` rounding the first M − 1 rounded parts can exceed
            // I_total, leaving a negative remainder for the last part.
            throw new ReferenceRejection(
              "RULE_OF_78_NEGATIVE_INTEREST",
              `interest part of installment ${i} would be negative`,
              false,
            );
          }
          if (p.isNegative()) {
            // Rule of 78, and a flat loan whose rounded installment is below its interest part.
            throw new ReferenceRejection(
              "NEGATIVE_PRINCIPAL_PART",
              `principal of installment ${i} would be negative`,
              true,
            );
          }
          book(i, I, p);
        }
        break;
      }
      default:
        throw new Error(`reference: unknown loan type ${loanType}`);
    }
  }

  // ---- §7 spread grace interest --------------------------------------------------------------------------------
  if (spreadTotal.gt(0)) {
    const parts = splitMinor(spreadTotal, M);
    for (let i = k + 1; i <= n; i++) dueInterest[i] = at(dueInterest, i).plus(at(parts, i - k - 1));
  }

  // ---- §9 interest placement -----------------------------------------------------------------------------------
  if (placeInterest !== "every") {
    const totalDue = sum(dueInterest);
    dueInterest.fill(ZERO);
    dueInterest[placeInterest === "first" ? 1 : n] = totalDue;
  }

  // ---- §8 installment fees ---------------------------------------------------------------------------------------
  const graceWaivesFees = (i: number): boolean =>
    grace !== undefined && grace.fees === "waived" && i <= graceK;
  /** Occurrences of a fee in installment i (0, 1, or more for everyDays). */
  const occurrences = (fee: Fee): number[] => {
    const count: number[] = new Array<number>(n + 1).fill(0);
    const charge = fee.charge;
    switch (charge.kind) {
      case "disbursement":
        break;
      case "installment":
        for (let i = 1; i <= n; i++) count[i] = 1;
        break;
      case "everyInstallments":
        for (let i = 1; i <= n; i++) {
          const hit = fee.timing === "start" ? (i - 1) % charge.every === 0 : i % charge.every === 0;
          if (hit) count[i] = 1;
        }
        break;
      case "everyDays": {
        // Occurrences at D + j·N days. end: j ≥ 1, counted in the period (start, due] that contains them, i.e.
        // daysFromD(start) < j·N ≤ daysFromD(due); start: j ≥ 0 in [start, due), i.e. daysFromD(start) ≤ j·N <
        // daysFromD(due). (The periods tile (D, last due], so the "≤ / before the last due date" limits hold.)
        const every = charge.every;
        for (let i = 1; i <= n; i++) {
          const a = daysBetween(disbursement, start(i));
          const b = daysBetween(disbursement, dueOf(i));
          count[i] =
            fee.timing === "end"
              ? Math.floor(b / every) - Math.floor(a / every)
              : Math.ceil(b / every) - Math.ceil(a / every);
        }
        break;
      }
    }
    for (let i = 1; i <= n; i++) if (graceWaivesFees(i)) count[i] = 0;
    return count;
  };
  const feeRows: ReferenceFee[][] = [];
  const feeTotals: D[] = [ZERO];
  for (let i = 1; i <= n; i++) {
    feeRows[i] = [];
    feeTotals[i] = ZERO;
  }
  for (const fee of fees) {
    const perInstallment: D[] = new Array<D>(n + 1).fill(ZERO);
    if (fee.charge.kind === "disbursement") {
      // READING: a first-installment origination fee is due with installment 1 even in a grace that waives fees.
      if (fee.origination === "first-installment") perInstallment[1] = disbursementFee.get(fee) ?? ZERO;
    } else {
      const count = occurrences(fee);
      for (let i = 1; i <= n; i++) {
        if (at(count, i) === 0) continue;
        let value: FeeValue | undefined;
        if (fee.value.kind === "tiers") value = fee.value.tiers.find((t) => t.from <= i && i <= t.to)?.value;
        else value = fee.value;
        if (value === undefined) continue;
        // READING: the `installment` base is the row's principal + interest as due (after interest placement
        // and spread grace interest).
        const base =
          fee.base === "principal"
            ? P
            : fee.base === "disbursed"
              ? netDisbursement
              : fee.base === "outstanding"
                ? at(balanceStart, i)
                : at(principalPart, i).plus(at(dueInterest, i));
        perInstallment[i] = feeOn(value, base).times(at(count, i));
      }
    }
    // READING: several everyDays occurrences in one period make one entry with their sum; fees stay due after
    // the balance reached 0 (PAID_OFF_EARLY) — only principal and interest stop.
    for (let i = 1; i <= n; i++) {
      const amount = at(perInstallment, i);
      if (amount.isZero()) continue;
      at(feeRows, i).push({ name: fee.name, amount: formatMoney(amount) });
      feeTotals[i] = at(feeTotals, i).plus(amount);
    }
  }

  // ---- output ----------------------------------------------------------------------------------------------
  const installments: ReferenceInstallment[] = [];
  let totalPrincipal = ZERO;
  let totalInterest = ZERO;
  let totalFees = ZERO;
  let totalCapitalized = ZERO;
  for (let i = 1; i <= n; i++) {
    const p = at(principalPart, i);
    const I = at(dueInterest, i);
    const f = at(feeTotals, i);
    const row: ReferenceInstallment = {
      number: i,
      startDate: start(i).toString(),
      dueDate: dueOf(i).toString(),
      days: daysBetween(start(i), dueOf(i)),
      principal: formatMoney(p),
      interest: formatMoney(I),
      fees: at(feeRows, i),
      feesTotal: formatMoney(f),
      total: formatMoney(p.plus(I).plus(f)),
      balance: formatMoney(at(balanceEnd, i)),
    };
    if (!at(capitalized, i).isZero()) row.capitalized = formatMoney(at(capitalized, i));
    installments.push(row);
    totalPrincipal = totalPrincipal.plus(p);
    totalInterest = totalInterest.plus(I);
    totalFees = totalFees.plus(f);
    totalCapitalized = totalCapitalized.plus(at(capitalized, i));
  }
  return {
    currency,
    installments,
    totals: {
      principal: formatMoney(totalPrincipal),
      interest: formatMoney(totalInterest),
      fees: formatMoney(totalFees),
      total: formatMoney(totalPrincipal.plus(totalInterest).plus(totalFees)),
      installments: n,
      netDisbursement: formatMoney(netDisbursement),
      financedFees: formatMoney(financed),
      capitalizedInterest: formatMoney(totalCapitalized),
      maturityDate: dueOf(n).toString(),
    },
  };
}
