// The health document `tenor health` reads and prints (docs/reference/health-score.md, "The health document"):
// a serviced loan, the date to look at it, and optionally the market rate, the borrower's profile and policy,
// switching costs and a prepayment to check; out comes the loan's health score by the improved model (default)
// or the seed article's classic model, as a JSON-ready object.

import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { type Issue, TenorError, withFieldPrefix } from "../../core/errors.ts";
import { formatMinor } from "../../core/money.ts";
import { compareRatio, type Ratio, ratio } from "../../core/ratio.ts";
import type { BorrowerProfile } from "../../planning/borrower-profile.ts";
import { parseBorrowerProfile } from "../../planning/parse-borrower-profile.ts";
import { DEFAULT_OPPORTUNITY_RATE_PERCENT } from "../../planning/plans/plan-request.ts";
import { resolvePolicy } from "../../planning/policy-registry.ts";
import type { PrepaymentAdvice } from "../../planning/simulators/prepayment-advice.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import type { Terms } from "../../schedule/terms.ts";
import { percentDecimalText } from "../../schedule/terms-parser/message-text.ts";
import { type Fields, INVALID, type Parsed, TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import { parseEvents } from "../../servicing/parse-events.ts";
import { parseServicingRules } from "../../servicing/parse-servicing-rules.ts";
import type { DelinquencyBucket, LoanEvent, ServicingRules } from "../../servicing/types.ts";
import { type ClassicFactor, type ClassicGrade, classicHealthScore } from "./classic-health-score.ts";
import type { HealthBand } from "./dpd-cap.ts";
import type { HealthAction } from "./health-actions.ts";
import { classicFactsOf, type HealthRequest, improvedFactsOf } from "./health-inputs.ts";
import { type HealthComponent, healthScore } from "./health-score.ts";
import { readLoan } from "./loan-readings.ts";

const FIELDS = [
  "model",
  "loan",
  "asOf",
  "marketRatePercent",
  "borrower",
  "policy",
  "switchingCost",
  "safeReturnPercent",
  "prepaymentAmount",
  "prepaymentFee",
  "variableRate",
];
const LOAN_FIELDS = ["terms", "servicing", "events"];
const EXAMPLE = '{"loan": {"terms": {…}, "events": […]}, "asOf": "2025-06-30", "marketRatePercent": "7.8"}';
const LOAN_EXAMPLE = '{"terms": {…}, "servicing": {…}, "events": […]}';

export type HealthModel = "improved" | "classic";

/** The loan's own figures, shown with either model. */
export interface HealthLoanDocument {
  currency: string;
  status: string;
  daysPastDue: number;
  delinquency: DelinquencyBucket;
  /** Principal still owed, and what the original schedule planned for the as-of date. */
  balance: string;
  scheduledBalance: string;
  /** The rate in force a year, in percent; null when the loan charges an amount. */
  ratePercent: string | null;
  monthsCompleted: number;
  totalMonths: number;
  remainingMonths: number;
  dueDatesPassed: number;
  latePayments: number;
  defaults: number;
  prepayments: { eventId: string; date: string; amount: string; early: boolean }[];
}

export interface ImprovedHealthDocument {
  model: "improved";
  asOf: string;
  policy: string;
  score: number;
  band: HealthBand;
  uncappedScore: number;
  cap: number;
  capApplied: boolean;
  components: HealthComponent[];
  actions: HealthAction[];
  prepaymentAdvice: PrepaymentAdvice | null;
  loan: HealthLoanDocument;
}

export interface ClassicHealthDocument {
  model: "classic";
  asOf: string;
  score: number;
  grade: ClassicGrade;
  factors: ClassicFactor[];
  loan: HealthLoanDocument;
}

export type HealthDocument = ImprovedHealthDocument | ClassicHealthDocument;

interface Envelope {
  readonly model: HealthModel;
  readonly loan: Fields;
  readonly asOfDay: DayNumber;
  readonly marketRate: Ratio | undefined;
  readonly safeReturn: Ratio;
  readonly variableRate: boolean | undefined;
  readonly fields: Fields;
}

/**
 * Validates the health document and scores the loan. The document's own fields are reported as
 * INVALID_HEALTH_INPUT; the parts keep their own codes with their fields prefixed by where they sit:
 * INVALID_TERMS (`loan.terms.principal`), INVALID_SERVICING_RULES (`loan.servicing.lateFee`), INVALID_EVENT
 * (`loan.events[2].amount`), INVALID_PROFILE (`borrower.incomes[0].amount`) and INVALID_POLICY (`policy`).
 */
export function healthFromDocument(document: unknown): HealthDocument {
  const envelope = readEnvelope(document);
  const terms = withFieldPrefix("loan.terms", () => parseTerms(envelope.loan.terms));
  const rules = withFieldPrefix("loan.servicing", () =>
    parseServicingRules(envelope.loan.servicing, terms.currency.digits),
  );
  const events = readEvents(envelope, terms, rules);
  const amounts = readAmounts(envelope.fields, terms);
  const borrower =
    envelope.fields.borrower === undefined
      ? undefined
      : withFieldPrefix("borrower", () => parseBorrowerProfile(envelope.fields.borrower));
  checkBorrowerCurrency(borrower, terms);
  const policy = resolvePolicy(envelope.fields.policy, "policy");
  const readings = readLoan({ terms, rules, events }, envelope.asOfDay);
  if (readings.state.status === "written-off") {
    throw new TenorError("INVALID_HEALTH_INPUT", [
      {
        field: "loan.events",
        value: "write-off",
        message:
          "hold a write-off: a written-off loan has no health to score (its arrears were written off, so it would look current)",
      },
    ]);
  }
  const loanDocument = loanToDocument(readings, terms);
  const asOf = formatIsoDate(envelope.asOfDay);
  if (envelope.model === "classic") {
    const market = envelope.marketRate;
    const rate = readings.annualRate;
    const issues: Issue[] = [];
    if (market === undefined || market.num === 0n) {
      issues.push({
        field: "marketRatePercent",
        value: envelope.fields.marketRatePercent,
        message:
          'is required by the classic model: the market\'s average rate a year, greater than 0, such as "7.8"',
      });
    }
    if (rate === undefined) {
      issues.push({
        field: "loan.terms.interest",
        value: terms.interest.kind,
        message: "must be a percent rate for the classic model, which compares it with the market rate",
      });
    }
    if (market === undefined || rate === undefined || issues.length > 0)
      throw new TenorError("INVALID_HEALTH_INPUT", issues);
    const result = classicHealthScore(classicFactsOf(readings, rate, market));
    return {
      model: "classic",
      asOf,
      score: result.score,
      grade: result.grade,
      factors: [...result.factors],
      loan: loanDocument,
    };
  }
  const request: HealthRequest = {
    loan: { terms, rules, events },
    asOfDay: envelope.asOfDay,
    marketRate: envelope.marketRate,
    borrower,
    policy,
    switchingCostMinor: amounts.switchingCostMinor,
    safeReturn: envelope.safeReturn,
    prepaymentAmountMinor: amounts.prepaymentAmountMinor,
    prepaymentFeeMinor: amounts.prepaymentFeeMinor,
    variableRate: envelope.variableRate,
  };
  const result = healthScore(improvedFactsOf(request, readings));
  return {
    model: "improved",
    asOf,
    policy: policy.id,
    score: result.score,
    band: result.band,
    uncappedScore: result.uncappedScore,
    cap: result.cap,
    capApplied: result.capApplied,
    components: result.components.map((component) => ({
      ...component,
      effectiveWeight: Math.round(component.effectiveWeight * 10_000) / 10_000, // float-ok: a weight, shown to 4 decimals
    })),
    actions: [...result.actions],
    prepaymentAdvice: result.prepaymentAdvice ?? null,
    loan: loanDocument,
  };
}

function readEnvelope(document: unknown): Envelope {
  const r = new TermsReader();
  const fields = r.object(document, "(document)", FIELDS, EXAMPLE);
  if (fields === INVALID) throw new TenorError("INVALID_HEALTH_INPUT", r.issues);
  const model = r.oneOf<HealthModel>(fields.model, "model", ["improved", "classic"], "improved");
  const loan = r.object(fields.loan, "loan", LOAN_FIELDS, LOAN_EXAMPLE);
  const asOfDay = r.date(fields.asOf, "asOf");
  const marketRate = optionalPercent(r, fields.marketRatePercent, "marketRatePercent");
  const safeReturn = r.percent(
    fields.safeReturnPercent ?? DEFAULT_OPPORTUNITY_RATE_PERCENT,
    "safeReturnPercent",
    "non-negative",
  );
  const variableRate =
    fields.variableRate === undefined ? undefined : r.boolean(fields.variableRate, "variableRate", false);
  if (
    r.issues.length > 0 ||
    model === INVALID ||
    loan === INVALID ||
    asOfDay === INVALID ||
    marketRate === INVALID ||
    safeReturn === INVALID ||
    variableRate === INVALID
  ) {
    throw new TenorError("INVALID_HEALTH_INPUT", r.issues);
  }
  return { model, loan, asOfDay, marketRate, safeReturn: fractionOf(safeReturn), variableRate, fields };
}

/** Rates a year above this are not market or savings rates: refused rather than scored as "not assessed". */
const MAX_PERCENT = 1000n;

function optionalPercent(r: TermsReader, value: unknown, field: string): Parsed<Ratio | undefined> {
  if (value === undefined) return undefined;
  const percent = r.percent(value, field, "non-negative");
  if (percent === INVALID) return INVALID;
  if (compareRatio(percent, ratio(MAX_PERCENT, 1n)) > 0)
    return r.report(field, value, `must be at most ${MAX_PERCENT} (a percent a year)`);
  return fractionOf(percent);
}

function fractionOf(percent: Ratio): Ratio {
  return ratio(percent.num, percent.den * 100n);
}

/** The events, then `asOf` against them: on or after the disbursement and every event (none is ignored). */
function readEvents(envelope: Envelope, terms: Terms, rules: ServicingRules): LoanEvent[] {
  const events = withFieldPrefix("loan", () =>
    parseEvents(envelope.loan.events, {
      currencyDigits: terms.currency.digits,
      disbursementDay: terms.disbursementDay,
      maxEvents: rules.maxEvents,
    }),
  );
  const asOf = formatIsoDate(envelope.asOfDay);
  const issue = (message: string): TenorError =>
    new TenorError("INVALID_HEALTH_INPUT", [{ field: "asOf", value: asOf, message }]);
  if (envelope.asOfDay < terms.disbursementDay) {
    throw issue(`must be on or after the disbursement date, ${formatIsoDate(terms.disbursementDay)}`);
  }
  const later = events.findIndex((event) => event.day > envelope.asOfDay);
  const event = events[later];
  if (event !== undefined) {
    throw issue(
      `must be on or after the date of every event: loan.events[${later}] ("${event.id}") is dated ${formatIsoDate(event.day)}`,
    );
  }
  return events;
}

/** The amounts, in the loan's currency. */
function readAmounts(
  fields: Fields,
  terms: Terms,
): { switchingCostMinor: number; prepaymentAmountMinor: number | undefined; prepaymentFeeMinor: number } {
  const r = new TermsReader();
  const money = (value: unknown, field: string, sign: "positive" | "non-negative") =>
    value === undefined ? undefined : r.money(value, field, terms.currency, sign);
  const switching = money(fields.switchingCost, "switchingCost", "non-negative");
  const amount = money(fields.prepaymentAmount, "prepaymentAmount", "positive");
  const fee = money(fields.prepaymentFee, "prepaymentFee", "non-negative");
  if (r.issues.length > 0 || switching === INVALID || amount === INVALID || fee === INVALID) {
    throw new TenorError("INVALID_HEALTH_INPUT", r.issues);
  }
  return { switchingCostMinor: switching ?? 0, prepaymentAmountMinor: amount, prepaymentFeeMinor: fee ?? 0 };
}

function checkBorrowerCurrency(borrower: BorrowerProfile | undefined, terms: Terms): void {
  if (borrower === undefined || borrower.currency.code === terms.currency.code) return;
  throw new TenorError("INVALID_HEALTH_INPUT", [
    {
      field: "borrower.currency",
      value: borrower.currency.code,
      message: `must be the loan's currency, ${terms.currency.code}: Tenor does not convert currencies`,
    },
  ]);
}

function loanToDocument(readings: ReturnType<typeof readLoan>, terms: Terms): HealthLoanDocument {
  const digits = terms.currency.digits;
  const { state } = readings;
  const rate = readings.annualRate;
  return {
    currency: terms.currency.code,
    status: state.status,
    daysPastDue: state.daysPastDue,
    delinquency: state.delinquency,
    balance: formatMinor(readings.balanceMinor, digits),
    scheduledBalance: formatMinor(readings.scheduledBalanceMinor, digits),
    ratePercent: rate === undefined ? null : percentDecimal(rate),
    monthsCompleted: readings.monthsCompleted,
    totalMonths: readings.totalMonths,
    remainingMonths: readings.remainingMonths,
    dueDatesPassed: readings.dueDates.length,
    latePayments: readings.latePayments,
    defaults: readings.defaults,
    prepayments: readings.prepayments.map((prepayment) => ({
      eventId: prepayment.eventId,
      date: formatIsoDate(prepayment.day),
      amount: formatMinor(prepayment.amountMinor, digits),
      early: prepayment.early,
    })),
  };
}

/** A fraction as percent text with up to 6 decimals, trailing zeros dropped: 17/200 → "8.5". */
function percentDecimal(rate: Ratio): string {
  return percentDecimalText(rate, 6);
}
