// Reads the JSON terms document (docs/reference/terms.md) into normalized `Terms`.
//
// The checks are hand-written rather than a schema: most rules span several fields (a fee tier against
// `installments`, a placement against the loan type), every message must name the field, the value received
// and what is allowed, and every problem of the document is collected before failing, so that one round trip
// shows the user everything to fix. Each `read…` function validates one part of the document, reports its
// problems to the `TermsReader` and returns the normalized value or `INVALID`; the cross-field rules run
// afterwards on whatever parts were valid.
import { type DayNumber, formatIsoDate, parseIsoDate } from "../core/calendar-date.ts";
import { type Currency, currencyByCode } from "../core/currency.ts";
import { DAY_COUNT_NAMES, type DayCount, dayCountFromName } from "../core/day-count.ts";
import { assert, type Issue, TenorError } from "../core/errors.ts";
import { formatMinor, parseMoneyMinor } from "../core/money.ts";
import {
  compareRatio,
  mulRatio,
  parseDecimalRatio,
  type Ratio,
  ratio,
  ratioToDecimalString,
} from "../core/ratio.ts";
import { ROUNDING_MODES } from "../core/rounding.ts";
import type {
  FeeBase,
  FeeCharge,
  FeeTerms,
  FeeTier,
  FeeValue,
  GraceTerms,
  InterestTerms,
  LoanType,
  PaymentMethod,
  Period,
  PlanTier,
  Terms,
  TimeUnit,
} from "./terms.ts";

/** Most installments a loan may have. */
const MAX_INSTALLMENTS = 5000;
/** Largest amount, in minor units, that stays exact through the engine's `number` arithmetic. */
const MAX_AMOUNT_MINOR = 10n ** 15n;
/** Largest `every` of a period or fee: ten years of days. */
const MAX_PERIOD_EVERY = 3660;
/** Ceiling of a percent rate once annualized, to catch a rate typed per month that was meant per year. */
const MAX_ANNUAL_PERCENT = 10000n;

/** Marks a part of the document that failed validation (its issues are already reported). */
const INVALID = Symbol("invalid");
type Parsed<T> = T | typeof INVALID;

/** The own fields of a JSON object, on a prototype-less record so that "constructor" & co. read as absent. */
type Fields = Readonly<Record<string, unknown>>;

const LOAN_TYPES: readonly LoanType[] = [
  "annuity",
  "annuity-daily",
  "classic",
  "flat",
  "rule-of-78",
  "bullet",
  "interest-only",
  "payday",
];
const TIME_UNITS: readonly TimeUnit[] = ["day", "week", "month", "year"];
const PLACEMENTS = ["every", "first", "last"] as const;
const PAYMENT_TYPES = ["standard", "optimized", "balloon", "graduated", "plan"] as const;
type PaymentType = (typeof PAYMENT_TYPES)[number];
const FEE_BASES: readonly FeeBase[] = ["principal", "disbursed", "outstanding", "installment"];

const PERIOD_NAMES = [
  "weekly",
  "biweekly",
  "semi-monthly",
  "monthly",
  "quarterly",
  "semi-annual",
  "yearly",
] as const;
const NAMED_PERIODS: Readonly<Record<(typeof PERIOD_NAMES)[number], Period>> = {
  weekly: { kind: "every", every: 1, unit: "week" },
  biweekly: { kind: "every", every: 2, unit: "week" },
  "semi-monthly": { kind: "times", times: 2, per: "month" },
  monthly: { kind: "every", every: 1, unit: "month" },
  quarterly: { kind: "every", every: 3, unit: "month" },
  "semi-annual": { kind: "every", every: 6, unit: "month" },
  yearly: { kind: "every", every: 1, unit: "year" },
};

/** How many of a rate's unit make a year, for the annualized rate ceiling only. */
const PERIODS_PER_YEAR: Readonly<Record<TimeUnit, bigint>> = { year: 1n, month: 12n, week: 52n, day: 365n };

const GRACE_TYPES = ["no-interest", "interest-only", "capitalized"] as const;
const GRACE_PRESETS: Readonly<Record<(typeof GRACE_TYPES)[number], Omit<GraceTerms, "installments">>> = {
  "no-interest": { principal: "deferred", interest: "waived", fees: "waived" },
  "interest-only": { principal: "deferred", interest: "paid", fees: "charged" },
  capitalized: { principal: "deferred", interest: "capitalized", fees: "waived" },
};

/**
 * Validates a terms document and returns the normalized terms with every default applied.
 * Throws `TenorError("INVALID_TERMS", issues)` listing every problem found, each naming the dotted field
 * (`fees[1].percent`, 0-based indexes), the value received and what is allowed.
 */
export function parseTerms(document: unknown): Terms {
  const reader = new TermsReader();
  const terms = readTerms(reader, document);
  if (reader.issues.length > 0) throw new TenorError("INVALID_TERMS", reader.issues);
  assert(terms !== INVALID, "parseTerms: invalid terms without an issue");
  return terms;
}

// ---------------------------------------------------------------------------------------------------------
// The document

const TERMS_FIELDS = [
  "principal",
  "currency",
  "disbursementDate",
  "firstDueDate",
  "installments",
  "period",
  "loanType",
  "interestOnlyInstallments",
  "interest",
  "dayCount",
  "rounding",
  "firstPeriod",
  "placement",
  "paymentMethod",
  "grace",
  "fees",
];

function readTerms(r: TermsReader, document: unknown): Parsed<Terms> {
  const doc = r.object(
    document,
    "(document)",
    TERMS_FIELDS,
    '{"principal": "10000.00", "currency": "EUR", …}',
  );
  if (doc === INVALID) return INVALID;

  const currency = readCurrency(r, doc.currency);
  const principalMinor = r.money(doc.principal, "principal", currency, "positive");
  const disbursementDay = r.date(doc.disbursementDate, "disbursementDate");
  const firstDueDay = doc.firstDueDate === undefined ? undefined : r.date(doc.firstDueDate, "firstDueDate");
  const loanType = r.oneOf(doc.loanType, "loanType", LOAN_TYPES, "annuity");
  const payment = readPaymentMethod(r, doc.paymentMethod, currency);
  const installmentCount = readInstallmentCount(r, doc.installments, payment);
  const period = readPeriod(r, doc.period);
  const interest = readInterest(r, doc.interest, currency, loanType, payment.type === "plan");
  const dayCount = readDayCount(r, doc.dayCount);
  const rounding = readRounding(r, doc.rounding, currency);
  const keepInstallmentsEqual = readFirstPeriod(r, doc.firstPeriod);
  const placement = readPlacement(r, doc.placement);
  const grace = readGrace(r, doc.grace, installmentCount);
  const fees = readFees(r, doc.fees, currency, installmentCount);
  const interestOnlyInstallments = readInterestOnlyInstallments(
    r,
    doc.interestOnlyInstallments,
    loanType,
    installmentCount,
    grace,
  );

  checkFirstDueDay(r, firstDueDay, disbursementDay, period);
  checkPerTermCount(r, period, installmentCount);
  checkLoanTypeRules(r, { loanType, paymentType: payment.type, installmentCount, placement });
  checkResidualRule(r, loanType, rounding);
  checkAmountRateMethod(r, interest, payment);

  if (
    currency === INVALID ||
    principalMinor === INVALID ||
    disbursementDay === INVALID ||
    firstDueDay === INVALID ||
    loanType === INVALID ||
    payment.method === INVALID ||
    installmentCount === INVALID ||
    period === INVALID ||
    interest === INVALID ||
    dayCount === INVALID ||
    rounding === INVALID ||
    keepInstallmentsEqual === INVALID ||
    placement === INVALID ||
    grace === INVALID ||
    fees === INVALID ||
    interestOnlyInstallments === INVALID
  ) {
    return INVALID;
  }
  return {
    currency,
    principalMinor,
    disbursementDay,
    firstDueDay,
    installmentCount,
    period,
    loanType,
    interestOnlyInstallments,
    interest,
    dayCount,
    rounding,
    keepInstallmentsEqual,
    placement,
    paymentMethod: payment.method,
    grace,
    fees,
  };
}

function readCurrency(r: TermsReader, value: unknown): Parsed<Currency> {
  const allowed = 'an ISO 4217 currency code such as "EUR"';
  if (value === undefined) return r.missing("currency", allowed);
  const currency = typeof value === "string" ? currencyByCode(value) : undefined;
  if (currency !== undefined) return currency;
  const upper = typeof value === "string" ? currencyByCode(value.toUpperCase()) : undefined;
  const hint = upper === undefined ? "" : ` (upper case: "${upper.code}")`;
  return r.report("currency", value, `must be ${allowed}${hint}`);
}

function readInstallmentCount(r: TermsReader, value: unknown, payment: PaymentMethodResult): Parsed<number> {
  const planCount =
    payment.method !== INVALID && payment.method.type === "plan" ? lastTierTo(payment.method) : undefined;
  if (value === undefined) {
    if (payment.type === "plan") return planCount ?? INVALID; // derived from the tiers (their issues are reported)
    return r.missing("installments", `a whole number between 1 and ${MAX_INSTALLMENTS}`);
  }
  const count = r.integer(value, "installments", 1, MAX_INSTALLMENTS);
  if (count !== INVALID && planCount !== undefined && count !== planCount) {
    return r.report(
      "installments",
      value,
      `must equal the last installment of paymentMethod.tiers (${planCount}), or be omitted to take it from the tiers`,
    );
  }
  return count;
}

function lastTierTo(plan: { readonly tiers: readonly PlanTier[] }): number {
  return Math.max(...plan.tiers.map((tier) => tier.to));
}

// ---------------------------------------------------------------------------------------------------------
// Period and day count

function readPeriod(r: TermsReader, value: unknown): Parsed<Period> {
  const field = "period";
  if (value === undefined) return NAMED_PERIODS.monthly;
  const name = PERIOD_NAMES.find((candidate) => candidate === value);
  if (name !== undefined) return NAMED_PERIODS[name];
  if (!isPlainObject(value) || (!("every" in value) && !("times" in value))) {
    const names = listAllowed(PERIOD_NAMES);
    const suggestion = typeof value === "string" ? didYouMean(value, PERIOD_NAMES) : "";
    return r.report(
      field,
      value,
      `must be ${names}, or an object such as {"every": 2, "unit": "week"} or {"times": 2, "per": "month"}${suggestion}`,
    );
  }
  return "every" in value ? readEveryPeriod(r, value, field) : readTimesPeriod(r, value, field);
}

/** `{"every": N, "unit": …}`, also the `term` of a per-term period. */
function readEveryPeriod(r: TermsReader, value: unknown, field: string): Parsed<Period & { kind: "every" }> {
  const fields = r.object(value, field, ["every", "unit"], '{"every": 2, "unit": "week"}');
  if (fields === INVALID) return INVALID;
  const every = r.integer(fields.every, `${field}.every`, 1, MAX_PERIOD_EVERY);
  const unit = r.oneOf(fields.unit, `${field}.unit`, TIME_UNITS);
  if (every === INVALID || unit === INVALID) return INVALID;
  return { kind: "every", every, unit };
}

/** `{"times": K, "per": "month" | "year"}` or `{"times": K, "per": "term", "term": {…}}`. */
function readTimesPeriod(r: TermsReader, value: unknown, field: string): Parsed<Period> {
  const fields = r.object(value, field, ["times", "per", "term"], '{"times": 2, "per": "month"}');
  if (fields === INVALID) return INVALID;
  const per = r.oneOf(fields.per, `${field}.per`, ["month", "year", "term"] as const);
  const maxTimes = per === "month" ? 31 : per === "year" ? 366 : MAX_INSTALLMENTS;
  const times = r.integer(fields.times, `${field}.times`, 1, maxTimes);
  if (per !== "term") {
    if (fields.term !== undefined && per !== INVALID) {
      r.report(`${field}.term`, fields.term, 'is allowed only with "per": "term"');
    }
    if (per === INVALID || times === INVALID) return INVALID;
    return { kind: "times", times, per };
  }
  if (fields.term === undefined) {
    return r.missing(`${field}.term`, 'the term to spread over, such as {"every": 6, "unit": "month"}');
  }
  const term = readEveryPeriod(r, fields.term, `${field}.term`);
  if (times === INVALID || term === INVALID) return INVALID;
  return { kind: "per-term", times, term: { every: term.every, unit: term.unit } };
}

function readDayCount(r: TermsReader, value: unknown): Parsed<DayCount> {
  const field = "dayCount";
  if (value === undefined) return dayCountFromName("actual/365");
  const name = DAY_COUNT_NAMES.find((candidate) => candidate === value);
  if (name !== undefined) return dayCountFromName(name);
  if (!isPlainObject(value)) {
    const suggestion = typeof value === "string" ? didYouMean(value, DAY_COUNT_NAMES) : "";
    return r.report(
      field,
      value,
      `must be ${listAllowed(DAY_COUNT_NAMES)}, or an object such as {"daysInYear": 365, "daysInMonth": "actual"}${suggestion}`,
    );
  }
  const fields = r.object(
    value,
    field,
    ["daysInYear", "daysInMonth"],
    '{"daysInYear": 365, "daysInMonth": "actual"}',
  );
  if (fields === INVALID) return INVALID;
  const daysInYear = r.oneOf(fields.daysInYear, `${field}.daysInYear`, ["actual", 360, 364, 365] as const);
  const daysInMonth = r.oneOf(fields.daysInMonth, `${field}.daysInMonth`, ["actual", 30] as const);
  if (daysInYear === INVALID || daysInMonth === INVALID) return INVALID;
  // Only the named "30E/360" selects the EU end-of-month rule; the object form uses the US (bond basis) rule.
  return { daysInYear, daysInMonth, thirtyRule: "us" };
}

// ---------------------------------------------------------------------------------------------------------
// Interest

function readInterest(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
  loanType: Parsed<LoanType>,
  isPlan: boolean,
): Parsed<InterestTerms> {
  const field = "interest";
  const example = '{"rate": "12", "per": "year"}';
  const fields =
    value === undefined
      ? {}
      : r.object(value, field, ["rate", "kind", "per", "distribution", "dailyRounding"], example);
  if (fields === INVALID) return INVALID;
  const kind = r.oneOf(fields.kind, `${field}.kind`, ["percent", "amount"] as const, "percent");
  const per = r.oneOf(fields.per, `${field}.per`, TIME_UNITS, "year");
  const dailyBased = loanType === "annuity-daily" || loanType === "payday";
  const distribution = r.oneOf(
    fields.distribution,
    `${field}.distribution`,
    ["period", "day"] as const,
    dailyBased ? "day" : "period",
  );
  const dailyRounding = r.boolean(fields.dailyRounding, `${field}.dailyRounding`, false);
  if (dailyRounding === true && distribution === "period") {
    r.report(
      `${field}.dailyRounding`,
      true,
      'applies only with interest.distribution "day" (interest fixed per day)',
    );
  }
  const rate = readRate(r, fields.rate, { kind, per, currency, isPlan });
  if (
    kind === INVALID ||
    per === INVALID ||
    distribution === INVALID ||
    dailyRounding === INVALID ||
    rate === INVALID
  ) {
    return INVALID;
  }
  return { kind, rate, per, distribution, dailyRounding };
}

interface RateContext {
  readonly kind: Parsed<"percent" | "amount">;
  readonly per: Parsed<TimeUnit>;
  readonly currency: Parsed<Currency>;
  readonly isPlan: boolean;
}

/** A percent rate as a fraction (12 → 12/100), or an amount rate in minor units; undefined for a plan to derive. */
function readRate(r: TermsReader, value: unknown, context: RateContext): Parsed<Ratio | undefined> {
  const field = "interest.rate";
  if (value === undefined) {
    if (context.kind === INVALID) return INVALID; // which rate is missing depends on the kind, already reported
    if (context.isPlan && context.kind === "percent") return undefined; // derived from the plan's tiers
    if (context.isPlan) {
      return r.missing(field, "an amount: only a percent rate can be derived from a payment plan");
    }
    return r.missing(field, 'a percent such as "12.5" (or an amount with interest.kind "amount")');
  }
  if (context.kind === "amount") {
    const minor = r.money(value, field, context.currency, "non-negative");
    return minor === INVALID ? INVALID : ratio(BigInt(minor), 1n);
  }
  const percent = r.percent(value, field, "non-negative");
  if (percent === INVALID || context.per === INVALID) return INVALID;
  const annualPercent = mulRatio(percent, ratio(PERIODS_PER_YEAR[context.per], 1n));
  if (compareRatio(annualPercent, ratio(MAX_ANNUAL_PERCENT, 1n)) > 0) {
    const annualized =
      context.per === "year"
        ? ""
        : `; ${decimalText(percent)} % per ${context.per} is ${decimalText(annualPercent)} % a year`;
    return r.report(field, value, `must be at most ${MAX_ANNUAL_PERCENT} % a year${annualized}`);
  }
  return percentToFraction(percent);
}

// ---------------------------------------------------------------------------------------------------------
// Rounding, first period, placement

function readRounding(r: TermsReader, value: unknown, currency: Parsed<Currency>): Parsed<Terms["rounding"]> {
  const field = "rounding";
  const fields =
    value === undefined ? {} : r.object(value, field, ["mode", "step", "residual"], '{"mode": "half-even"}');
  if (fields === INVALID) return INVALID;
  const mode = r.oneOf(fields.mode, `${field}.mode`, ROUNDING_MODES, "half-even");
  const residual = r.oneOf(
    fields.residual,
    `${field}.residual`,
    ["last", "first", "spread", "none"] as const,
    "last",
  );
  const stepMinor = fields.step === undefined ? 1 : readStep(r, fields.step, currency);
  if (mode === INVALID || residual === INVALID || stepMinor === INVALID) return INVALID;
  return { mode, stepMinor, residual };
}

/** The rounding step in minor units: a positive multiple of the currency's minor unit. */
function readStep(r: TermsReader, value: unknown, currency: Parsed<Currency>): Parsed<number> {
  const field = "rounding.step";
  const text = r.decimalText(value, field, 'a positive amount such as "0.01", "1" or "100"');
  if (text === INVALID || currency === INVALID) return INVALID;
  const minor = parseMoneyMinor(text, currency.digits);
  if (minor === undefined || minor <= 0n || minor > MAX_AMOUNT_MINOR) {
    const unit = formatMinor(1, currency.digits);
    const examples = [1, 100, 10000].map((m) => `"${formatMinor(m, currency.digits)}"`).join(", ");
    return r.report(
      field,
      value,
      `must be a positive multiple of the minor unit ${unit} of ${currency.code}, such as ${examples}`,
    );
  }
  // float-ok: checked ≤ 10^15 minor units above: converts exactly
  return Number(minor);
}

function readFirstPeriod(r: TermsReader, value: unknown): Parsed<boolean> {
  if (value === undefined) return true;
  const fields = r.object(
    value,
    "firstPeriod",
    ["keepInstallmentsEqual"],
    '{"keepInstallmentsEqual": false}',
  );
  if (fields === INVALID) return INVALID;
  return r.boolean(fields.keepInstallmentsEqual, "firstPeriod.keepInstallmentsEqual", true);
}

function readPlacement(r: TermsReader, value: unknown): Parsed<Terms["placement"]> {
  const fields =
    value === undefined
      ? {}
      : r.object(value, "placement", ["principal", "interest"], '{"principal": "last"}');
  if (fields === INVALID) return INVALID;
  const principal = r.oneOf(fields.principal, "placement.principal", PLACEMENTS, "every");
  const interest = r.oneOf(fields.interest, "placement.interest", PLACEMENTS, "every");
  if (principal === INVALID || interest === INVALID) return INVALID;
  return { principal, interest };
}

// ---------------------------------------------------------------------------------------------------------
// Payment method

interface PaymentMethodResult {
  /** The type even when its details are invalid, so that the cross-field rules can still check it. */
  readonly type: Parsed<PaymentType>;
  readonly method: Parsed<PaymentMethod>;
}

/** The fields each payment method type allows besides `type`. */
const PAYMENT_FIELDS: Readonly<Record<PaymentType, readonly string[]>> = {
  standard: [],
  optimized: [],
  balloon: ["payment", "balloon"],
  graduated: ["changePercent", "every"],
  plan: ["tiers"],
};

function readPaymentMethod(r: TermsReader, value: unknown, currency: Parsed<Currency>): PaymentMethodResult {
  const field = "paymentMethod";
  if (value === undefined) return { type: "standard", method: { type: "standard" } };
  const allFields = ["type", ...Object.values(PAYMENT_FIELDS).flat()];
  const fields = r.object(value, field, allFields, '{"type": "standard"}');
  if (fields === INVALID) return { type: INVALID, method: INVALID };
  const type = r.oneOf(fields.type, `${field}.type`, PAYMENT_TYPES);
  if (type === INVALID) return { type, method: INVALID };
  for (const key of allFields) {
    if (key !== "type" && fields[key] !== undefined && !PAYMENT_FIELDS[type].includes(key)) {
      r.report(`${field}.${key}`, fields[key], `is not a field of paymentMethod.type "${type}"`);
    }
  }
  return { type, method: readPaymentDetails(r, type, fields, currency) };
}

function readPaymentDetails(
  r: TermsReader,
  type: PaymentType,
  fields: Fields,
  currency: Parsed<Currency>,
): Parsed<PaymentMethod> {
  switch (type) {
    case "standard":
    case "optimized":
      return { type };
    case "balloon":
      return readBalloon(r, fields, currency);
    case "graduated":
      return readGraduated(r, fields);
    case "plan":
      return readPlan(r, fields.tiers, currency);
  }
}

function readBalloon(r: TermsReader, fields: Fields, currency: Parsed<Currency>): Parsed<PaymentMethod> {
  if ((fields.payment === undefined) === (fields.balloon === undefined)) {
    return r.report(
      "paymentMethod",
      { ...fields },
      'must have exactly one of "payment" (the periodic payment) or "balloon" (the final amount) for type "balloon"',
    );
  }
  const paymentMinor =
    fields.payment === undefined
      ? undefined
      : r.money(fields.payment, "paymentMethod.payment", currency, "positive");
  const balloonMinor =
    fields.balloon === undefined
      ? undefined
      : r.money(fields.balloon, "paymentMethod.balloon", currency, "positive");
  if (paymentMinor === INVALID || balloonMinor === INVALID) return INVALID;
  return { type: "balloon", paymentMinor, balloonMinor };
}

function readGraduated(r: TermsReader, fields: Fields): Parsed<PaymentMethod> {
  const changePercent = r.percent(fields.changePercent, "paymentMethod.changePercent", "above-minus-100");
  const every = r.integer(fields.every, "paymentMethod.every", 1, MAX_INSTALLMENTS);
  if (changePercent === INVALID || every === INVALID) return INVALID;
  return { type: "graduated", change: percentToFraction(changePercent), every };
}

function readPlan(r: TermsReader, value: unknown, currency: Parsed<Currency>): Parsed<PaymentMethod> {
  const tiers = readTiers(r, value, {
    field: "paymentMethod.tiers",
    valueKeys: ["amount"],
    example: '{"from": 1, "to": 12, "amount": "200.00"}',
    limit: { value: MAX_INSTALLMENTS, label: `${MAX_INSTALLMENTS}` },
    contiguousFromOne: true,
    readValue: (fields, tierField) => r.money(fields.amount, `${tierField}.amount`, currency, "non-negative"),
  });
  if (tiers === INVALID) return INVALID;
  return { type: "plan", tiers: tiers.map(({ from, to, value }) => ({ from, to, amountMinor: value })) };
}

// ---------------------------------------------------------------------------------------------------------
// Installment ranges (plan tiers and fee tiers)

interface InstallmentRange {
  readonly from: number;
  readonly to: number;
}

/** The last installment a tier may reach, and how to name it in a message ("installments (12)"). */
interface RangeLimit {
  readonly value: number;
  readonly label: string;
}

/** `from` and `to` of a tier: 1 ≤ from ≤ to ≤ the limit. */
function readRange(
  r: TermsReader,
  fields: Fields,
  field: string,
  limit: RangeLimit,
): Parsed<InstallmentRange> {
  const from = readTierBound(r, fields.from, `${field}.from`, limit);
  const to = readTierBound(r, fields.to, `${field}.to`, limit);
  if (from === INVALID || to === INVALID) return INVALID;
  if (to < from) return r.report(`${field}.to`, to, `must be at least from (${from})`);
  return { from, to };
}

function readTierBound(r: TermsReader, value: unknown, field: string, limit: RangeLimit): Parsed<number> {
  if (typeof value === "number" && Number.isInteger(value) && value > limit.value) {
    return r.report(field, value, `must be at most ${limit.label}`);
  }
  return r.integer(value, field, 1, limit.value);
}

interface TierRules<T> {
  readonly field: string;
  /** The keys a tier has besides `from` and `to`. */
  readonly valueKeys: readonly string[];
  readonly example: string;
  readonly limit: RangeLimit;
  /** Plan tiers must cover 1, 2, … without gaps; fee tiers need only not overlap. */
  readonly contiguousFromOne: boolean;
  readonly readValue: (fields: Fields, tierField: string) => Parsed<T>;
}

/** A non-empty array of `{from, to, …value}` tiers with valid, non-overlapping ranges. */
function readTiers<T>(
  r: TermsReader,
  value: unknown,
  rules: TierRules<T>,
): Parsed<readonly (InstallmentRange & { readonly value: T })[]> {
  const items = r.array(value, rules.field, `[${rules.example}]`);
  if (items === INVALID) return INVALID;
  if (items.length === 0) {
    return r.report(rules.field, value, `must have at least one tier such as ${rules.example}`);
  }
  // Ranges and values are read independently so that overlaps are found even when an amount is wrong.
  const read = items.map((item, index): { range: Parsed<InstallmentRange>; value: Parsed<T> } => {
    const tierField = `${rules.field}[${index}]`;
    const fields = r.object(item, tierField, ["from", "to", ...rules.valueKeys], rules.example);
    if (fields === INVALID) return { range: INVALID, value: INVALID };
    return { range: readRange(r, fields, tierField, rules.limit), value: rules.readValue(fields, tierField) };
  });
  const rangesValid = checkRanges(
    r,
    items,
    read.map((tier) => tier.range),
    rules,
  );
  const tiers = read.map(({ range, value }) =>
    range === INVALID || value === INVALID ? INVALID : { ...range, value },
  );
  return rangesValid && allValid(tiers) ? tiers : INVALID;
}

/**
 * Reports overlapping tiers and, for contiguous tiers, gaps and a first tier that does not start at 1.
 * Tiers are compared in installment order (the document may list them in any order); each issue names the
 * later tier by its index in the document. Ranges that are themselves invalid are skipped (already reported).
 * Returns whether every range is valid.
 */
function checkRanges(
  r: TermsReader,
  items: readonly unknown[],
  ranges: readonly Parsed<InstallmentRange>[],
  rules: Pick<TierRules<unknown>, "field" | "contiguousFromOne">,
): boolean {
  const issuesBefore = r.issues.length;
  const ordered = ranges
    .map((range, index) => ({ range, index }))
    .filter((tier): tier is { range: InstallmentRange; index: number } => tier.range !== INVALID)
    .sort((a, b) => a.range.from - b.range.from);
  // Gaps are only meaningful once every range is known.
  const checkGaps = rules.contiguousFromOne && ordered.length === ranges.length;
  const first = ordered[0];
  if (first === undefined) return false;
  if (checkGaps && first.range.from !== 1) {
    r.report(
      `${rules.field}[${first.index}]`,
      items[first.index],
      `must start at installment 1: the first tier is ${rangeText(first.range)}`,
    );
  }
  // The tier reaching furthest so far: a later tier overlaps it when it starts at or before its end.
  let reach = first;
  for (const current of ordered.slice(1)) {
    const tierField = `${rules.field}[${current.index}]`;
    if (current.range.from <= reach.range.to) {
      r.report(
        tierField,
        items[current.index],
        `tier ${rangeText(current.range)} overlaps tier ${rangeText(reach.range)}`,
      );
    } else if (checkGaps && current.range.from > reach.range.to + 1) {
      const gap = { from: reach.range.to + 1, to: current.range.from - 1 };
      r.report(
        tierField,
        items[current.index],
        `leaves installments ${rangeText(gap)} without a tier: tiers must follow each other from 1 with no gap`,
      );
    }
    if (current.range.to > reach.range.to) reach = current;
  }
  return r.issues.length === issuesBefore && ordered.length === ranges.length;
}

function rangeText(range: InstallmentRange): string {
  return range.from === range.to ? `${range.from}` : `${range.from}–${range.to}`;
}

// ---------------------------------------------------------------------------------------------------------
// Grace and interest-only

function readGrace(
  r: TermsReader,
  value: unknown,
  installmentCount: Parsed<number>,
): Parsed<GraceTerms | undefined> {
  const field = "grace";
  if (value === undefined) return undefined;
  const advanced = ["principal", "interest", "fees"] as const;
  const fields = r.object(
    value,
    field,
    ["installments", "type", ...advanced],
    '{"installments": 2, "type": "interest-only"}',
  );
  if (fields === INVALID) return INVALID;
  const installments = readGraceInstallments(r, fields.installments, installmentCount);
  const type = r.oneOf(fields.type, `${field}.type`, GRACE_TYPES, "interest-only");
  if (fields.type !== undefined) {
    for (const key of advanced) {
      if (fields[key] !== undefined) {
        r.report(
          `${field}.${key}`,
          fields[key],
          'cannot be combined with grace.type: give either "type" or the advanced fields principal, interest and fees',
        );
      }
    }
  }
  if (type === INVALID) return INVALID;
  const preset = GRACE_PRESETS[type];
  const principal = r.oneOf(
    fields.principal,
    `${field}.principal`,
    ["deferred", "due"] as const,
    preset.principal,
  );
  const interest = r.oneOf(
    fields.interest,
    `${field}.interest`,
    ["paid", "waived", "capitalized", "spread"] as const,
    preset.interest,
  );
  const fees = r.oneOf(fields.fees, `${field}.fees`, ["charged", "waived"] as const, preset.fees);
  if (principal === "due" && (interest === "capitalized" || interest === "spread")) {
    r.report(
      `${field}.interest`,
      interest,
      `"${interest}" needs grace.principal "deferred": interest can only be deferred while principal is`,
    );
  }
  if (installments === INVALID || principal === INVALID || interest === INVALID || fees === INVALID) {
    return INVALID;
  }
  // No grace installment means no grace: the generator then has a single case to handle.
  return installments === 0 ? undefined : { installments, principal, interest, fees };
}

function readGraceInstallments(
  r: TermsReader,
  value: unknown,
  installmentCount: Parsed<number>,
): Parsed<number> {
  const field = "grace.installments";
  const count = r.integer(value, field, 0, MAX_INSTALLMENTS - 1);
  if (count === INVALID || installmentCount === INVALID || count < installmentCount) return count;
  return r.report(
    field,
    value,
    `must be less than installments (${installmentCount}): at least one installment repays the loan`,
  );
}

/** The interest-only installments after grace: `interest-only` loans only, 0 … M − 1, default M − 1. */
function readInterestOnlyInstallments(
  r: TermsReader,
  value: unknown,
  loanType: Parsed<LoanType>,
  installmentCount: Parsed<number>,
  grace: Parsed<GraceTerms | undefined>,
): Parsed<number | undefined> {
  const field = "interestOnlyInstallments";
  if (loanType === INVALID) return INVALID;
  if (loanType !== "interest-only") {
    if (value === undefined) return undefined;
    return r.report(field, value, `applies only to loanType "interest-only" (got loanType "${loanType}")`);
  }
  if (installmentCount === INVALID || grace === INVALID) {
    if (value !== undefined) r.integer(value, field, 0, MAX_INSTALLMENTS - 1);
    return INVALID;
  }
  // M: the amortizing installments, which an interest-only loan splits into interest-only and amortizing ones.
  // Grace with principal "due" amortizes over all installments (schedule-rules.md §7), so it does not count.
  const deferred = grace !== undefined && grace.principal === "deferred" ? grace.installments : 0;
  const amortizingCount = installmentCount - deferred;
  return r.integer(value, field, 0, amortizingCount - 1, amortizingCount - 1);
}

// ---------------------------------------------------------------------------------------------------------
// Fees

const FEE_FIELDS = ["name", "amount", "percent", "base", "tiers", "charge", "timing", "origination"];
const FEE_VALUE_FIELDS = ["amount", "percent", "tiers"] as const;

function readFees(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
  installmentCount: Parsed<number>,
): Parsed<readonly FeeTerms[]> {
  if (value === undefined) return [];
  const items = r.array(value, "fees", '[{"name": "admin", "amount": "5.00"}]');
  if (items === INVALID) return INVALID;
  const fees = items.map((item, index) => readFee(r, item, `fees[${index}]`, currency, installmentCount));
  checkUniqueFeeNames(r, items);
  return allValid(fees) ? fees : INVALID;
}

function readFee(
  r: TermsReader,
  value: unknown,
  field: string,
  currency: Parsed<Currency>,
  installmentCount: Parsed<number>,
): Parsed<FeeTerms> {
  const fields = r.object(value, field, FEE_FIELDS, '{"name": "admin", "amount": "5.00"}');
  if (fields === INVALID) return INVALID;
  const name = readFeeName(r, fields.name, `${field}.name`);
  const charge = readFeeCharge(r, fields.charge, `${field}.charge`);
  const atDisbursement = charge !== INVALID && charge.kind === "disbursement";
  const base = r.oneOf(fields.base, `${field}.base`, FEE_BASES, "principal");
  if (atDisbursement && (base === "outstanding" || base === "installment")) {
    r.report(`${field}.base`, base, 'must be "principal" or "disbursed" for a fee charged at disbursement');
  }
  const timing = r.oneOf(fields.timing, `${field}.timing`, ["start", "end"] as const, "end");
  const origination = r.oneOf(
    fields.origination,
    `${field}.origination`,
    ["deducted", "financed", "first-installment"] as const,
    "deducted",
  );
  if (fields.origination !== undefined && charge !== INVALID && !atDisbursement) {
    r.report(`${field}.origination`, fields.origination, 'applies only to fees with charge "disbursement"');
  }
  if (atDisbursement && fields.tiers !== undefined) {
    r.report(
      `${field}.tiers`,
      fields.tiers,
      'apply only to fees charged with installments: a "disbursement" fee has one amount or percent',
    );
  }
  const tiers = readFeeTiers(r, fields, field, currency, installmentCount);
  if (
    name === INVALID ||
    charge === INVALID ||
    base === INVALID ||
    timing === INVALID ||
    origination === INVALID ||
    tiers === INVALID
  ) {
    return INVALID;
  }
  return { name, tiers, base, charge, timing, origination };
}

function readFeeName(r: TermsReader, value: unknown, field: string): Parsed<string> {
  const allowed = 'a name of 1 to 64 characters such as "admin"';
  if (value === undefined) return r.missing(field, allowed);
  if (typeof value !== "string" || value.length === 0 || value.length > 64) {
    return r.report(field, value, `must be ${allowed}`);
  }
  return value;
}

function checkUniqueFeeNames(r: TermsReader, items: readonly unknown[]): void {
  const firstIndexByName = new Map<string, number>();
  items.forEach((item, index) => {
    const name = isPlainObject(item) ? item.name : undefined;
    if (typeof name !== "string") return;
    const firstIndex = firstIndexByName.get(name);
    if (firstIndex === undefined) firstIndexByName.set(name, index);
    else r.report(`fees[${index}].name`, name, `must be unique: fees[${firstIndex}] is also named "${name}"`);
  });
}

function readFeeCharge(r: TermsReader, value: unknown, field: string): Parsed<FeeCharge> {
  if (value === undefined || value === "installment") return { kind: "installment" };
  if (value === "disbursement") return { kind: "disbursement" };
  const allowed = '"disbursement", "installment", {"everyInstallments": N} or {"everyDays": N}';
  if (!isPlainObject(value) || Object.keys(value).length !== 1) {
    return r.report(field, value, `must be ${allowed}`);
  }
  if ("everyInstallments" in value) {
    const every = r.integer(value.everyInstallments, `${field}.everyInstallments`, 1, MAX_INSTALLMENTS);
    return every === INVALID ? INVALID : { kind: "every-installments", every };
  }
  if ("everyDays" in value) {
    const every = r.integer(value.everyDays, `${field}.everyDays`, 1, MAX_PERIOD_EVERY);
    return every === INVALID ? INVALID : { kind: "every-days", every };
  }
  return r.report(field, value, `must be ${allowed}`);
}

/** The fee's tiers; a fee with a single amount or percent gets one tier covering every installment. */
function readFeeTiers(
  r: TermsReader,
  fields: Fields,
  field: string,
  currency: Parsed<Currency>,
  installmentCount: Parsed<number>,
): Parsed<readonly FeeTier[]> {
  const given = FEE_VALUE_FIELDS.filter((key) => fields[key] !== undefined);
  if (given.length !== 1) {
    return r.report(
      field,
      { ...fields },
      `must have exactly one of "amount", "percent" or "tiers"${given.length > 1 ? ` (got ${given.join(", ")})` : ""}`,
    );
  }
  if (fields.tiers === undefined) {
    const value = readFeeValue(r, fields, field, currency);
    if (value === INVALID || installmentCount === INVALID) return INVALID;
    return [{ from: 1, to: installmentCount, value }];
  }
  const limit =
    installmentCount === INVALID
      ? { value: MAX_INSTALLMENTS, label: `${MAX_INSTALLMENTS}` }
      : { value: installmentCount, label: `installments (${installmentCount})` };
  const tiers = readTiers(r, fields.tiers, {
    field: `${field}.tiers`,
    valueKeys: ["amount", "percent"],
    example: '{"from": 1, "to": 6, "amount": "5.00"}',
    limit,
    contiguousFromOne: false,
    readValue: (tierFields, tierField) => {
      if ((tierFields.amount === undefined) === (tierFields.percent === undefined)) {
        return r.report(tierField, { ...tierFields }, 'must have exactly one of "amount" or "percent"');
      }
      return readFeeValue(r, tierFields, tierField, currency);
    },
  });
  return tiers;
}

/** `amount` (money ≥ 0) or `percent` (≥ 0, of the fee's base), whichever `fields` has. */
function readFeeValue(
  r: TermsReader,
  fields: Fields,
  field: string,
  currency: Parsed<Currency>,
): Parsed<FeeValue> {
  if (fields.amount !== undefined) {
    const amountMinor = r.money(fields.amount, `${field}.amount`, currency, "non-negative");
    return amountMinor === INVALID ? INVALID : { amountMinor };
  }
  const percent = r.percent(fields.percent, `${field}.percent`, "non-negative");
  return percent === INVALID ? INVALID : { percent: percentToFraction(percent) };
}

// ---------------------------------------------------------------------------------------------------------
// Rules across fields

function checkFirstDueDay(
  r: TermsReader,
  firstDueDay: Parsed<DayNumber | undefined>,
  disbursementDay: Parsed<DayNumber>,
  period: Parsed<Period>,
): void {
  if (firstDueDay === undefined || firstDueDay === INVALID) return;
  const text = formatIsoDate(firstDueDay);
  if (period !== INVALID && period.kind === "per-term") {
    r.report(
      "firstDueDate",
      text,
      'is not allowed with a period {"times": K, "per": "term"}: its due dates are spread over the term',
    );
  } else if (disbursementDay !== INVALID && firstDueDay <= disbursementDay) {
    r.report("firstDueDate", text, `must be after disbursementDate ${formatIsoDate(disbursementDay)}`);
  }
}

function checkPerTermCount(r: TermsReader, period: Parsed<Period>, installmentCount: Parsed<number>): void {
  if (period === INVALID || period.kind !== "per-term" || installmentCount === INVALID) return;
  if (installmentCount !== period.times) {
    r.report(
      "installments",
      installmentCount,
      `must equal period.times (${period.times}) for a period {"times": K, "per": "term"}`,
    );
  }
}

interface LoanTypeContext {
  readonly loanType: Parsed<LoanType>;
  readonly paymentType: Parsed<PaymentType>;
  readonly installmentCount: Parsed<number>;
  readonly placement: Parsed<Terms["placement"]>;
}

function checkLoanTypeRules(
  r: TermsReader,
  { loanType, paymentType, installmentCount, placement }: LoanTypeContext,
): void {
  if (loanType === INVALID) return;
  if (loanType === "payday" && installmentCount !== INVALID && installmentCount !== 1) {
    r.report("installments", installmentCount, 'must be 1 for loanType "payday"');
  }
  const isAnnuity = loanType === "annuity" || loanType === "annuity-daily";
  if (paymentType !== INVALID && paymentType !== "standard" && !isAnnuity) {
    r.report(
      "paymentMethod.type",
      paymentType,
      `"${paymentType}" applies only to loanType "annuity" and "annuity-daily" (got loanType "${loanType}")`,
    );
  }
  if (placement === INVALID || placement.principal === "every") return;
  if (loanType === "flat" || loanType === "rule-of-78") {
    r.report(
      "placement.principal",
      placement.principal,
      `must be "every" for loanType "${loanType}", whose shape fixes each principal part`,
    );
  } else if (paymentType !== INVALID && paymentType !== "standard") {
    r.report(
      "placement.principal",
      placement.principal,
      `must be "every" with paymentMethod.type "${paymentType}", which fixes each payment`,
    );
  }
}

/**
 * With an amount rate the interest does not depend on the balance, so a level payment is (principal + interest)
 * divided evenly; a target balloon or a graduated payment has no meaning there.
 */
function checkAmountRateMethod(
  r: TermsReader,
  interest: Parsed<Terms["interest"]>,
  payment: PaymentMethodResult,
): void {
  if (interest === INVALID || interest.kind !== "amount" || payment.method === INVALID) return;
  const method = payment.method;
  const target = method.type === "balloon" && method.balloonMinor !== undefined;
  if (method.type === "graduated" || target) {
    r.report(
      "paymentMethod.type",
      method.type,
      `"${method.type}"${target ? " with a target balloon" : ""} needs interest.kind "percent": with an amount rate the interest does not depend on the balance`,
    );
  }
}

/** Level installments absorb their residual in the last installment; "first" would need another solver. */
function checkResidualRule(
  r: TermsReader,
  loanType: Parsed<LoanType>,
  rounding: Parsed<Terms["rounding"]>,
): void {
  if (loanType === INVALID || rounding === INVALID || rounding.residual !== "first") return;
  if (loanType === "annuity" || loanType === "annuity-daily" || loanType === "interest-only") {
    r.report(
      "rounding.residual",
      "first",
      `must be "last", "spread" or "none" for loanType "${loanType}": level installments absorb their residual in the last one ("first" applies to classic, flat and rule-of-78)`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading single values

/** Collects the issues of one document; each method validates one value and returns it or `INVALID`. */
class TermsReader {
  readonly issues: Issue[] = [];

  report(field: string, value: unknown, message: string): typeof INVALID {
    this.issues.push({ field, value, message });
    return INVALID;
  }

  missing(field: string, allowed: string): typeof INVALID {
    return this.report(field, undefined, `is required: ${allowed}`);
  }

  /** A JSON object whose keys are all in `allowedKeys`; each unknown key is reported and skipped. */
  object(value: unknown, field: string, allowedKeys: readonly string[], example: string): Parsed<Fields> {
    if (value === undefined) return this.missing(field, `an object such as ${example}`);
    if (!isPlainObject(value)) return this.report(field, value, `must be an object such as ${example}`);
    const fields: Record<string, unknown> = Object.create(null);
    for (const [key, item] of Object.entries(value)) {
      if (allowedKeys.includes(key)) fields[key] = item;
      else
        this.report(
          joinField(field, key),
          item,
          `is not a known field${didYouMean(key, allowedKeys)}; allowed: ${allowedKeys.join(", ")}`,
        );
    }
    return fields;
  }

  array(value: unknown, field: string, example: string): Parsed<readonly unknown[]> {
    if (value === undefined) return this.missing(field, `an array such as ${example}`);
    return Array.isArray(value) ? value : this.report(field, value, `must be an array such as ${example}`);
  }

  /** One of `allowed` (compared exactly: "Monthly" is not "monthly"); `fallback` when absent, else required. */
  oneOf<T extends string | number>(
    value: unknown,
    field: string,
    allowed: readonly T[],
    fallback?: T,
  ): Parsed<T> {
    const found = allowed.find((candidate) => candidate === value);
    if (found !== undefined) return found;
    if (value === undefined) return fallback ?? this.missing(field, listAllowed(allowed));
    const suggestion = typeof value === "string" ? didYouMean(value, allowed.map(String)) : "";
    return this.report(field, value, `must be ${listAllowed(allowed)}${suggestion}`);
  }

  /** A JSON integer in min … max (strings such as "12" are not integers). */
  integer(value: unknown, field: string, min: number, max: number, fallback?: number): Parsed<number> {
    const allowed = min === max ? `${min}` : `a whole number between ${min} and ${max}`;
    if (value === undefined) return fallback ?? this.missing(field, allowed);
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
    return this.report(field, value, `must be ${allowed}`);
  }

  boolean(value: unknown, field: string, fallback: boolean): Parsed<boolean> {
    if (value === undefined) return fallback;
    return typeof value === "boolean" ? value : this.report(field, value, "must be true or false");
  }

  date(value: unknown, field: string): Parsed<DayNumber> {
    const allowed = "a date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31";
    if (value === undefined) return this.missing(field, allowed);
    const day = typeof value === "string" ? parseIsoDate(value) : undefined;
    return day ?? this.report(field, value, `must be ${allowed}, that exists in the calendar`);
  }

  /**
   * The decimal text of an amount or rate: a string as given, or a JSON number's own decimal text
   * (`String(12.5)` = "12.5"). A number JavaScript writes in exponent form (1e21, 1e-7) has no exact plain
   * decimal text, so it is refused rather than guessed.
   */
  decimalText(value: unknown, field: string, allowed: string): Parsed<string> {
    if (typeof value === "string") return value;
    if (typeof value !== "number") return this.report(field, value, `must be ${allowed}`);
    if (!Number.isFinite(value)) {
      return this.report(field, String(value), `must be a finite number: ${allowed}`);
    }
    const text = String(value);
    if (/e/i.test(text)) {
      return this.report(
        field,
        value,
        `is a JSON number written ${text}, which has no exact decimal reading: write ${allowed} as a string`,
      );
    }
    return text;
  }

  /**
   * An amount of money in minor units: a decimal with at most the currency's digits, positive or ≥ 0, at
   * most 10^15 minor units. With an invalid currency only the syntax and the sign are checked.
   */
  money(
    value: unknown,
    field: string,
    currency: Parsed<Currency>,
    sign: "positive" | "non-negative",
  ): Parsed<number> {
    const digits = currency === INVALID ? 2 : currency.digits;
    const example = `"${formatMinor(10000n * 10n ** BigInt(digits), digits)}"`;
    const allowed = `an amount ${sign === "positive" ? "greater than 0" : "of 0 or more"} such as ${example}`;
    if (value === undefined) return this.missing(field, allowed);
    const text = this.decimalText(value, field, allowed);
    if (text === INVALID) return INVALID;
    const exact = parseDecimalRatio(text);
    if (exact === undefined) return this.report(field, value, `must be ${allowed}`);
    if (sign === "positive" ? exact.num <= 0n : exact.num < 0n) {
      return this.report(field, value, sign === "positive" ? "must be greater than 0" : "must be 0 or more");
    }
    if (currency === INVALID) return INVALID;
    const minor = parseMoneyMinor(text, currency.digits);
    if (minor === undefined) {
      const places =
        currency.digits === 0 ? "no decimal places" : `at most ${currency.digits} decimal places`;
      return this.report(field, value, `must have ${places} for ${currency.code}`);
    }
    if (minor > MAX_AMOUNT_MINOR) {
      return this.report(
        field,
        value,
        `must be at most ${formatMinor(MAX_AMOUNT_MINOR, currency.digits)} (10^15 minor units of ${currency.code})`,
      );
    }
    // float-ok: checked ≤ 10^15 minor units above: converts exactly
    return Number(minor);
  }

  /** A percent as written (12.5 → 25/2): ≥ 0, or (for a payment change) greater than −100. */
  percent(value: unknown, field: string, range: "non-negative" | "above-minus-100"): Parsed<Ratio> {
    const allowed =
      range === "non-negative"
        ? 'a decimal number such as "12.5"'
        : 'a decimal number greater than -100 such as "5" or "-2.5"';
    if (value === undefined) return this.missing(field, allowed);
    const text = this.decimalText(value, field, allowed);
    if (text === INVALID) return INVALID;
    const percent = parseDecimalRatio(text);
    if (percent === undefined) return this.report(field, value, `must be ${allowed}`);
    if (range === "non-negative" && percent.num < 0n) return this.report(field, value, "must be 0 or more");
    if (range === "above-minus-100" && compareRatio(percent, ratio(-100n, 1n)) <= 0) {
      return this.report(field, value, "must be greater than -100 (a payment cannot fall to 0 or below)");
    }
    return percent;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Small helpers

function allValid<T>(items: readonly Parsed<T>[]): items is readonly T[] {
  return items.every((item) => item !== INVALID);
}

function isPlainObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function joinField(parent: string, key: string): string {
  return parent === "(document)" ? key : `${parent}.${key}`;
}

function percentToFraction(percent: Ratio): Ratio {
  return ratio(percent.num, percent.den * 100n);
}

/** A ratio as a short decimal for messages: up to 4 decimal places, trailing zeros dropped. */
function decimalText(value: Ratio): string {
  return ratioToDecimalString(value, 4).replace(/\.?0+$/, "");
}

/** `"a", "b" or "c"` (strings quoted, numbers bare), prefixed with "one of" when there is a choice. */
function listAllowed(allowed: readonly (string | number)[]): string {
  const quoted = allowed.map((item) => JSON.stringify(item));
  if (quoted.length === 1) return quoted[0] ?? "";
  return `one of ${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

/**
 * ` (did you mean "x"?)` for the closest candidate within two edits, differing only in case, or that starts the
 * word ("interestRate" → "interest"); else "".
 */
function didYouMean(word: string, candidates: readonly string[]): string {
  let best: { candidate: string; distance: number } | undefined;
  const lowerWord = word.toLowerCase();
  for (const candidate of candidates) {
    const lowerCandidate = candidate.toLowerCase();
    const isPrefix = lowerCandidate.length >= 4 && lowerWord.startsWith(lowerCandidate);
    const distance = lowerCandidate === lowerWord || isPrefix ? 0 : editDistance(word, candidate);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best === undefined ? "" : ` (did you mean "${best.candidate}"?)`;
}

/** Levenshtein distance, for suggestions only (inputs are short field and option names). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
