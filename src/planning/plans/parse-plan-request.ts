// Reads the loan request document (docs/reference/plan-request.md) into a `PlanRequest`. Same approach as the
// terms parser: every issue of the document is collected, each naming the dotted field, the value received and
// what is allowed. The product's rate, fees, rate cap and rate regime are checked by the terms parser itself —
// on a trial terms document built from them — so that a request is refused for exactly what a schedule would
// refuse, with the field named as the request spells it.
import type { Currency } from "../../core/currency.ts";
import { assert, type Issue, TenorError } from "../../core/errors.ts";
import { compareRatio, type Ratio, ratio } from "../../core/ratio.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import type { RateRegime } from "../../schedule/terms.ts";
import { readCurrency } from "../../schedule/terms-parser/read-currency.ts";
import { readTiers } from "../../schedule/terms-parser/read-tiers.ts";
import {
  allFieldsValid,
  type Fields,
  INVALID,
  type Parsed,
  TermsReader,
} from "../../schedule/terms-parser/terms-reader.ts";
import {
  type CustomPlanRequest,
  DEFAULT_OPPORTUNITY_RATE_PERCENT,
  PLAN_LOAN_TYPES,
  PLAN_METHODS,
  PLAN_PERIODS,
  type PlanGoal,
  type PlanPeriodName,
  type PlanPreferences,
  type PlanRequest,
  type ProductConstraints,
} from "./plan-request.ts";

const RATE_REGIMES: readonly RateRegime[] = ["us-regz", "eu-aprc", "cn-annualized"];

/** Every part as read, INVALID where it failed (the annotation keeps INVALID a unique symbol). */
type PartsOf<T> = { readonly [K in keyof T]: Parsed<T[K]> };

/** Longest term a request may ask for: 50 years. */
export const MAX_REQUEST_TERM_MONTHS = 600;

const REQUEST_FIELDS = [
  "amount",
  "currency",
  "purpose",
  "price",
  "startDate",
  "product",
  "preferences",
  "goal",
  "custom",
];
const PRODUCT_FIELDS = [
  "loanTypes",
  "periods",
  "term",
  "interest",
  "fees",
  "paymentMethods",
  "maxBalloonPercent",
  "maxGraceMonths",
  "freePrepayment",
  "portfolioBadRatePercent",
  "rateCap",
  "rateRegime",
];
const REQUEST_EXAMPLE =
  '{"amount": "12000.00", "currency": "EUR", "startDate": "2025-01-15", "product": {…}}';
const PRODUCT_EXAMPLE =
  '{"term": {"minMonths": 12, "maxMonths": 60}, "interest": {"ratePercent": "9.5"}, "periods": ["monthly"]}';

/**
 * Validates a loan request document and returns the request with every default applied. `profileCurrency`,
 * when given, is the borrower's currency: the request must be in it (Tenor converts no currency).
 * Throws `TenorError("INVALID_PLAN_REQUEST", issues)` listing every problem.
 */
export function parsePlanRequest(document: unknown, profileCurrency?: string | undefined): PlanRequest {
  const r = new TermsReader();
  const request = readRequest(r, document, profileCurrency);
  if (r.issues.length > 0) throw new TenorError("INVALID_PLAN_REQUEST", r.issues);
  assert(request !== INVALID, "parsePlanRequest: invalid request without an issue");
  return request;
}

function readRequest(
  r: TermsReader,
  document: unknown,
  profileCurrency: string | undefined,
): Parsed<PlanRequest> {
  const doc = r.object(document, "(document)", REQUEST_FIELDS, REQUEST_EXAMPLE);
  if (doc === INVALID) return INVALID;
  const currency = readCurrency(r, doc.currency);
  if (currency !== INVALID && profileCurrency !== undefined && currency.code !== profileCurrency) {
    r.report(
      "currency",
      doc.currency,
      `must be the borrower's currency (${profileCurrency}): Tenor compares income and installments in one currency and converts none`,
    );
  }
  const amountMinor = r.money(doc.amount, "amount", currency, "positive");
  const priceMinor = doc.price === undefined ? undefined : r.money(doc.price, "price", currency, "positive");
  const startDay = r.date(doc.startDate, "startDate");
  const purpose = readPurpose(r, doc.purpose);
  const product = readProduct(r, doc.product);
  const preferences = readPreferences(r, doc.preferences, currency);
  const goal = doc.goal === undefined ? undefined : readGoal(r, doc.goal, currency);
  const custom = doc.custom === undefined ? undefined : readCustom(r, doc.custom, currency, product);
  if (currency !== INVALID) checkWithTermsParser(r, doc.product, product, currency);
  const parts: PartsOf<PlanRequest> = {
    amountMinor,
    currency,
    purpose,
    priceMinor,
    startDay,
    product,
    preferences,
    goal,
    custom,
  };
  return allFieldsValid(parts) ? parts : INVALID;
}

function readPurpose(r: TermsReader, value: unknown): Parsed<string | undefined> {
  if (value === undefined) return undefined;
  if (typeof value === "string" && value.trim().length >= 1 && value.length <= 200) return value;
  return r.report("purpose", value, 'must be a text of 1 to 200 characters such as "car"');
}

function readProduct(r: TermsReader, value: unknown): Parsed<ProductConstraints> {
  const fields = r.object(value, "product", PRODUCT_FIELDS, PRODUCT_EXAMPLE);
  if (fields === INVALID) return INVALID;
  const loanTypes = readList(r, fields.loanTypes, "product.loanTypes", PLAN_LOAN_TYPES, ["annuity"]);
  const periods = readList(r, fields.periods, "product.periods", PLAN_PERIODS, ["monthly"]);
  const paymentMethods = readList(r, fields.paymentMethods, "product.paymentMethods", PLAN_METHODS, [
    "standard",
  ]);
  const term = readTerm(r, fields.term);
  const interest = readInterest(r, fields.interest);
  const fees =
    fields.fees === undefined
      ? []
      : r.array(fields.fees, "product.fees", '[{"name": "admin", "amount": "5.00"}]');
  const maxBalloonPercent =
    fields.maxBalloonPercent === undefined
      ? ratio(0n, 1n)
      : r.percent(fields.maxBalloonPercent, "product.maxBalloonPercent", "non-negative");
  if (maxBalloonPercent !== INVALID && compareRatio(maxBalloonPercent, ratio(100n, 1n)) >= 0) {
    r.report("product.maxBalloonPercent", fields.maxBalloonPercent, 'must be below 100, such as "30"');
  }
  const maxGraceMonths = r.integer(
    fields.maxGraceMonths,
    "product.maxGraceMonths",
    0,
    MAX_REQUEST_TERM_MONTHS - 1,
    0,
  );
  const freePrepayment = r.boolean(fields.freePrepayment, "product.freePrepayment", false);
  const portfolioBadRatePercent =
    fields.portfolioBadRatePercent === undefined
      ? undefined
      : readBadRate(r, fields.portfolioBadRatePercent, "product.portfolioBadRatePercent");
  // The rate cap and regime are judged by the terms parser (checkWithTermsParser); here they are only carried.
  const rateCapText =
    typeof fields.rateCap === "string" || typeof fields.rateCap === "number"
      ? String(fields.rateCap)
      : undefined;
  const rateRegime = RATE_REGIMES.find((regime) => regime === fields.rateRegime);
  checkMethodSettings(r, fields, paymentMethods, maxBalloonPercent, maxGraceMonths, term);
  if (term === INVALID) return INVALID;
  const parts: PartsOf<Omit<ProductConstraints, "minTermMonths" | "maxTermMonths">> = {
    loanTypes,
    periods,
    interest,
    fees,
    paymentMethods,
    maxBalloonPercent,
    maxGraceMonths,
    freePrepayment,
    portfolioBadRatePercent,
    rateCapText,
    rateRegime,
  };
  if (!allFieldsValid(parts)) return INVALID;
  return { ...parts, minTermMonths: term.min, maxTermMonths: term.max };
}

/** A bad rate in percent, above 0 and below 100 (the scorecard calibrates its probability of default to it). */
function readBadRate(r: TermsReader, value: unknown, field: string): Parsed<Ratio> {
  const percent = r.percent(value, field, "non-negative");
  if (percent === INVALID) return INVALID;
  if (percent.num === 0n || compareRatio(percent, ratio(100n, 1n)) >= 0)
    return r.report(field, value, 'must be above 0 and below 100, such as "4.5"');
  return percent;
}

/** A non-empty list of distinct allowed names; `fallback` when absent. */
function readList<T extends string>(
  r: TermsReader,
  value: unknown,
  field: string,
  allowed: readonly T[],
  fallback: readonly T[],
): Parsed<readonly T[]> {
  if (value === undefined) return fallback;
  const items = r.array(value, field, JSON.stringify(allowed));
  if (items === INVALID) return INVALID;
  if (items.length === 0) return r.report(field, value, `must list at least one of ${allowed.join(", ")}`);
  const read = items.map((item, index) => r.oneOf(item, `${field}[${index}]`, allowed));
  let valid = true;
  read.forEach((item, index) => {
    if (item === INVALID) valid = false;
    else if (read.indexOf(item) !== index) {
      valid = false;
      r.report(`${field}[${index}]`, item, "is listed twice");
    }
  });
  return valid ? (read as T[]) : INVALID;
}

function readTerm(r: TermsReader, value: unknown): Parsed<{ min: number; max: number }> {
  const fields = r.object(
    value,
    "product.term",
    ["minMonths", "maxMonths"],
    '{"minMonths": 12, "maxMonths": 60}',
  );
  if (fields === INVALID) return INVALID;
  const min = r.integer(fields.minMonths, "product.term.minMonths", 1, MAX_REQUEST_TERM_MONTHS);
  const max = r.integer(fields.maxMonths, "product.term.maxMonths", 1, MAX_REQUEST_TERM_MONTHS);
  if (min === INVALID || max === INVALID) return INVALID;
  if (max < min) return r.report("product.term.maxMonths", max, `must be at least minMonths (${min})`);
  return { min, max };
}

function readInterest(r: TermsReader, value: unknown): Parsed<ProductConstraints["interest"]> {
  const fields = r.object(
    value,
    "product.interest",
    ["ratePercent", "per", "type"],
    '{"ratePercent": "9.5", "per": "year", "type": "fixed"}',
  );
  if (fields === INVALID) return INVALID;
  const field = "product.interest.ratePercent";
  const ratePercent = r.percent(fields.ratePercent, field, "non-negative");
  const rateText =
    ratePercent === INVALID ? INVALID : r.decimalText(fields.ratePercent, field, 'a percent such as "9.5"');
  const per = r.oneOf(fields.per, "product.interest.per", ["year", "month"] as const, "year");
  const type = r.oneOf(fields.type, "product.interest.type", ["fixed", "variable"] as const, "fixed");
  const parts: PartsOf<ProductConstraints["interest"]> = { ratePercent, rateText, per, type };
  return allFieldsValid(parts) ? parts : INVALID;
}

/** Balloon and grace need their limits; the limits need their method. */
function checkMethodSettings(
  r: TermsReader,
  fields: Fields,
  methods: Parsed<readonly string[]>,
  maxBalloonPercent: Parsed<Ratio>,
  maxGraceMonths: Parsed<number>,
  term: Parsed<{ min: number; max: number }>,
): void {
  if (methods === INVALID) return;
  if (methods.includes("balloon") && maxBalloonPercent !== INVALID && maxBalloonPercent.num === 0n) {
    r.report(
      "product.maxBalloonPercent",
      fields.maxBalloonPercent,
      'must be above 0 (such as "30") when paymentMethods includes "balloon"',
    );
  }
  if (methods.includes("grace") && maxGraceMonths === 0) {
    r.report(
      "product.maxGraceMonths",
      fields.maxGraceMonths,
      'must be at least 1 when paymentMethods includes "grace"',
    );
  }
  if (maxGraceMonths !== INVALID && term !== INVALID && maxGraceMonths >= term.max) {
    r.report("product.maxGraceMonths", maxGraceMonths, `must be below term.maxMonths (${term.max})`);
  }
}

function readPreferences(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
): Parsed<PlanPreferences> {
  const fields =
    value === undefined
      ? {}
      : r.object(
          value,
          "preferences",
          ["maxInstallment", "period", "opportunityRatePercent"],
          '{"maxInstallment": "400.00", "period": "monthly", "opportunityRatePercent": "3"}',
        );
  if (fields === INVALID) return INVALID;
  const maxInstallmentMinor =
    fields.maxInstallment === undefined
      ? undefined
      : r.money(fields.maxInstallment, "preferences.maxInstallment", currency, "positive");
  const period =
    fields.period === undefined
      ? undefined
      : r.oneOf<PlanPeriodName>(fields.period, "preferences.period", PLAN_PERIODS);
  const percent = r.percent(
    fields.opportunityRatePercent ?? DEFAULT_OPPORTUNITY_RATE_PERCENT,
    "preferences.opportunityRatePercent",
    "non-negative",
  );
  if (percent !== INVALID && compareRatio(percent, ratio(100n, 1n)) > 0) {
    r.report("preferences.opportunityRatePercent", fields.opportunityRatePercent, "must be at most 100");
  }
  const opportunityRate = percent === INVALID ? INVALID : ratio(percent.num, percent.den * 100n);
  const parts: PartsOf<PlanPreferences> = { maxInstallmentMinor, period, opportunityRate };
  return allFieldsValid(parts) ? parts : INVALID;
}

function readGoal(r: TermsReader, value: unknown, currency: Parsed<Currency>): Parsed<PlanGoal> {
  const example = '{"finishBy": "2028-12-31"}, {"maxInstallment": "350.00"} or {"lowestInterest": true}';
  const fields = r.object(value, "goal", ["finishBy", "maxInstallment", "lowestInterest"], example);
  if (fields === INVALID) return INVALID;
  const given = Object.keys(fields);
  if (given.length !== 1) {
    return r.report(
      "goal",
      value,
      `must have exactly one of finishBy, maxInstallment or lowestInterest: ${example}`,
    );
  }
  if (fields.finishBy !== undefined) {
    const day = r.date(fields.finishBy, "goal.finishBy");
    return day === INVALID ? INVALID : { kind: "finish-by", day };
  }
  if (fields.maxInstallment !== undefined) {
    const amountMinor = r.money(fields.maxInstallment, "goal.maxInstallment", currency, "positive");
    return amountMinor === INVALID ? INVALID : { kind: "max-installment", amountMinor };
  }
  if (fields.lowestInterest !== true) {
    return r.report(
      "goal.lowestInterest",
      fields.lowestInterest,
      "must be true (leave the goal out for none)",
    );
  }
  return { kind: "lowest-interest" };
}

function readCustom(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
  product: Parsed<ProductConstraints>,
): Parsed<CustomPlanRequest> {
  const fields = r.object(
    value,
    "custom",
    ["installments", "period"],
    '{"installments": [{"from": 1, "to": 6, "amount": "200.00"}, {"from": 7, "to": 24, "amount": "450.00"}]}',
  );
  if (fields === INVALID) return INVALID;
  const tiers = readTiers(r, fields.installments, {
    field: "custom.installments",
    valueKeys: ["amount"],
    example: '{"from": 1, "to": 6, "amount": "200.00"}',
    limit: { value: MAX_REQUEST_TERM_MONTHS * 3, label: `${MAX_REQUEST_TERM_MONTHS * 3}` },
    contiguousFromOne: true,
    readValue: (tier, tierField) => r.money(tier.amount, `${tierField}.amount`, currency, "non-negative"),
  });
  const fallback = product === INVALID ? "monthly" : (product.periods[0] ?? "monthly");
  const period = r.oneOf<PlanPeriodName>(fields.period, "custom.period", PLAN_PERIODS, fallback);
  if (period !== INVALID && product !== INVALID && !product.periods.includes(period)) {
    r.report("custom.period", period, `must be one of the product's periods (${product.periods.join(", ")})`);
  }
  if (tiers === INVALID || period === INVALID) return INVALID;
  return {
    tiers: tiers.map(({ from, to, value: amountMinor }) => ({ from, to, amountMinor })),
    period,
    loanType: "annuity",
  };
}

/**
 * Builds a trial terms document from the product's rate, fees, cap and regime and lets the terms parser judge
 * them; its issues are reported under the request's own field names (`interest.rate` → `product.interest.ratePercent`).
 */
function checkWithTermsParser(
  r: TermsReader,
  productValue: unknown,
  product: Parsed<ProductConstraints>,
  currency: Currency,
): void {
  if (typeof productValue !== "object" || productValue === null) return;
  const raw = productValue as Fields;
  // Principal, dates and counts are read elsewhere; the trial fixes them so that only the product's parts can
  // fail. A rate that failed its own check above is left at 0 here rather than reported twice.
  const valid = product !== INVALID;
  const document: Record<string, unknown> = {
    principal: "1",
    currency: currency.code,
    disbursementDate: "2000-01-01",
    installments: valid ? product.maxTermMonths : 12,
    interest: valid ? { rate: product.interest.rateText, per: product.interest.per } : { rate: "0" },
  };
  for (const key of ["fees", "rateCap", "rateRegime"]) if (raw[key] !== undefined) document[key] = raw[key];
  try {
    parseTerms(document);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    for (const issue of error.issues) {
      const renamed = renameIssue(issue);
      if (!r.issues.some((known) => known.field === renamed.field)) r.issues.push(renamed);
    }
  }
}

const RENAMED_FIELDS: readonly (readonly [string, string])[] = [
  ["interest.rate", "product.interest.ratePercent"],
  ["interest", "product.interest"],
  ["fees", "product.fees"],
  ["rateCap", "product.rateCap"],
  ["rateRegime", "product.rateRegime"],
];

function renameIssue(issue: Issue): Issue {
  for (const [from, to] of RENAMED_FIELDS) {
    if (issue.field === from || issue.field.startsWith(`${from}.`) || issue.field.startsWith(`${from}[`)) {
      return { ...issue, field: to + issue.field.slice(from.length) };
    }
  }
  return { ...issue, field: "product", message: `${issue.field} ${issue.message}` };
}
