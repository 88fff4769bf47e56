// Reads the `tenor monitor` document (docs/reference/risk-monitoring.md, "The monitor document") into a
// `MonitorInput`. Every problem of the whole document — its own fields, the configuration, and each loan's terms,
// servicing rules, events and borrower — is collected and reported at once as INVALID_MONITORING, each issue
// naming its full path (`loans[2].terms.principal`, `loans[0].events[3].amount`, `ladder.steps[1].bucket`).
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import type { Currency } from "../../core/currency.ts";
import { prefixIssue, TenorError } from "../../core/errors.ts";
import { compareRatio, type Ratio } from "../../core/ratio.ts";
import { assessCapacity } from "../../planning/capacity.ts";
import { parseBorrowerProfile } from "../../planning/parse-borrower-profile.ts";
import { resolvePolicy } from "../../planning/policy-registry.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import type { Terms } from "../../schedule/terms.ts";
import { type Fields, INVALID, type Parsed, TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import { parseEvents } from "../../servicing/parse-events.ts";
import { parseServicingRules } from "../../servicing/parse-servicing-rules.ts";
import { readAmountMinor, readPercentFraction } from "../../servicing/read-amounts.ts";
import { openLoan } from "../../servicing/service-loan.ts";
import type { LoanEvent } from "../../servicing/types.ts";
import { MAX_BUCKET_DAYS, readBuckets } from "./delinquency-buckets.ts";
import { DEFAULT_SIGNAL_CONFIG, type SignalConfig } from "./early-warning.ts";
import {
  type BorrowerFigures,
  DEFAULT_PD_CONFIG,
  type MonitoredLoan,
  type MonitorInput,
  type PdConfig,
} from "./monitor-input.ts";
import { readLadder, readUniqueId } from "./parse-ladder.ts";

export const MAX_MONITOR_LOANS = 5000;
export const MAX_SNAPSHOT_DATES = 60;

const DOCUMENT_FIELDS = ["asOf", "dates", "loans", "buckets", "ladder", "signals", "pd"];
const LOAN_FIELDS = ["id", "terms", "servicing", "events", "borrower", "previousIncome", "currentIncome"];
const BORROWER_FIELDS = [
  "profile",
  "policy",
  "monthlyIncome",
  "monthlyDebtService",
  "monthlyEssentialSpending",
  "liquidSavings",
];
const FIGURE_FIELDS = ["monthlyIncome", "monthlyDebtService", "monthlyEssentialSpending", "liquidSavings"];
const SIGNAL_FIELDS = [
  "missedRedAfterDays",
  "latenessInstallments",
  "returnedPaymentDays",
  "incomeDropPercent",
  "comfortPercent",
  "maxPercent",
];
const PD_FIELDS = ["minObservations", "horizonMonths"];

const EXAMPLE =
  '{"asOf": "2024-06-30", "loans": [{"id": "L1", "terms": {…}, "events": [{"type": "repayment", "date": "2024-02-01", "amount": "340.02"}]}]}';
const LOAN_EXAMPLE = '{"id": "L1", "terms": {…}, "servicing": {…}, "events": […]}';

/** Validates the monitor document; throws TenorError("INVALID_MONITORING") listing every problem. */
export function readMonitorDocument(document: unknown): MonitorInput {
  const r = new TermsReader();
  const input = readDocument(r, document);
  if (r.issues.length > 0 || input === INVALID) throw new TenorError("INVALID_MONITORING", r.issues);
  return input;
}

function readDocument(r: TermsReader, document: unknown): Parsed<MonitorInput> {
  const fields = r.object(document, "(document)", DOCUMENT_FIELDS, EXAMPLE);
  if (fields === INVALID) return INVALID;
  const asOfDay = r.date(fields.asOf, "asOf");
  const buckets = readBuckets(r, fields.buckets, "buckets");
  const ladder = readLadder(r, fields.ladder, "ladder", buckets);
  const signals = readSignalConfig(r, fields.signals, "signals");
  const pd = readPdConfig(r, fields.pd, "pd");
  const dates = readDates(r, fields.dates, "dates", asOfDay);
  const loans = readLoans(r, fields.loans, asOfDay, signals);
  if (
    asOfDay === INVALID ||
    buckets === INVALID ||
    ladder === INVALID ||
    signals === INVALID ||
    pd === INVALID ||
    dates === INVALID ||
    loans === INVALID
  ) {
    return INVALID;
  }
  return { asOfDay, dates, buckets, ladder, signals, pd, currency: loans.currency, loans: loans.loans };
}

function readSignalConfig(r: TermsReader, value: unknown, field: string): Parsed<SignalConfig> {
  if (value === undefined) return DEFAULT_SIGNAL_CONFIG;
  const fields = r.object(value, field, SIGNAL_FIELDS, '{"incomeDropPercent": "20", "comfortPercent": "30"}');
  if (fields === INVALID) return INVALID;
  const d = DEFAULT_SIGNAL_CONFIG;
  const percent = (key: string, fallback: Ratio, maxPercent: bigint) =>
    fields[key] === undefined
      ? fallback
      : readPercentFraction(r, fields[key], `${field}.${key}`, "above-zero", maxPercent);
  const missedRedAfterDays = r.integer(
    fields.missedRedAfterDays,
    `${field}.missedRedAfterDays`,
    0,
    MAX_BUCKET_DAYS,
    d.missedRedAfterDays,
  );
  const latenessInstallments = r.integer(
    fields.latenessInstallments,
    `${field}.latenessInstallments`,
    2,
    24,
    d.latenessInstallments,
  );
  const returnedPaymentDays = r.integer(
    fields.returnedPaymentDays,
    `${field}.returnedPaymentDays`,
    1,
    MAX_BUCKET_DAYS,
    d.returnedPaymentDays,
  );
  const incomeDrop = percent("incomeDropPercent", d.incomeDrop, 100n);
  const comfortRatio = percent("comfortPercent", d.comfortRatio, 100n);
  const maxRatio = percent("maxPercent", d.maxRatio, 100n);
  if (comfortRatio !== INVALID && maxRatio !== INVALID && compareRatio(comfortRatio, maxRatio) > 0) {
    return r.report(
      `${field}.comfortPercent`,
      fields.comfortPercent,
      "must be at most maxPercent: the comfort level lies below the cap",
    );
  }
  if (
    missedRedAfterDays === INVALID ||
    latenessInstallments === INVALID ||
    returnedPaymentDays === INVALID ||
    incomeDrop === INVALID ||
    comfortRatio === INVALID ||
    maxRatio === INVALID
  ) {
    return INVALID;
  }
  return {
    missedRedAfterDays,
    latenessInstallments,
    returnedPaymentDays,
    incomeDrop,
    comfortRatio,
    maxRatio,
  };
}

function readPdConfig(r: TermsReader, value: unknown, field: string): Parsed<PdConfig> {
  if (value === undefined) return DEFAULT_PD_CONFIG;
  const fields = r.object(value, field, PD_FIELDS, '{"minObservations": 30, "horizonMonths": 12}');
  if (fields === INVALID) return INVALID;
  const minObservations = r.integer(
    fields.minObservations,
    `${field}.minObservations`,
    1,
    1_000_000,
    DEFAULT_PD_CONFIG.minObservations,
  );
  const horizonMonths = r.integer(
    fields.horizonMonths,
    `${field}.horizonMonths`,
    1,
    120,
    DEFAULT_PD_CONFIG.horizonMonths,
  );
  if (minObservations === INVALID || horizonMonths === INVALID) return INVALID;
  return { minObservations, horizonMonths };
}

/** `dates`: 2 or more snapshot dates, strictly ascending, none after asOf; absent → none. */
function readDates(
  r: TermsReader,
  value: unknown,
  field: string,
  asOfDay: Parsed<DayNumber>,
): Parsed<DayNumber[]> {
  if (value === undefined) return [];
  const example = '["2024-04-30", "2024-05-31", "2024-06-30"]';
  const items = r.array(value, field, example);
  if (items === INVALID) return INVALID;
  if (items.length < 2 || items.length > MAX_SNAPSHOT_DATES) {
    return r.report(
      field,
      value,
      `must hold 2 to ${MAX_SNAPSHOT_DATES} dates (roll rates compare consecutive dates), such as ${example}`,
    );
  }
  const before = r.issues.length;
  const days: DayNumber[] = [];
  items.forEach((item, index) => {
    const day = r.date(item, `${field}[${index}]`);
    if (day === INVALID) return;
    const previous = days.at(-1);
    if (previous !== undefined && day <= previous) {
      r.report(
        `${field}[${index}]`,
        item,
        `must be after ${formatIsoDate(previous)}: the dates are in ascending order`,
      );
    } else if (asOfDay !== INVALID && day > asOfDay) {
      r.report(`${field}[${index}]`, item, `must be on or before asOf (${formatIsoDate(asOfDay)})`);
    }
    days.push(day);
  });
  return r.issues.length > before ? INVALID : days;
}

function readLoans(
  r: TermsReader,
  value: unknown,
  asOfDay: Parsed<DayNumber>,
  signals: Parsed<SignalConfig>,
): Parsed<{ currency: Currency; loans: MonitoredLoan[] }> {
  const items = r.array(value, "loans", `[${LOAN_EXAMPLE}]`);
  if (items === INVALID) return INVALID;
  if (items.length < 1 || items.length > MAX_MONITOR_LOANS) {
    return r.report("loans", `${items.length} loans`, `must hold 1 to ${MAX_MONITOR_LOANS} loans`);
  }
  const before = r.issues.length;
  const ids = new Map<string, number>();
  const portfolio: PortfolioCurrency = { first: undefined };
  const loans: MonitoredLoan[] = [];
  items.forEach((item, index) => {
    const loan = readLoan(r, item, `loans[${index}]`, index, ids, portfolio, asOfDay, signals);
    if (loan !== INVALID) loans.push(loan);
  });
  const first = portfolio.first;
  if (r.issues.length > before || first === undefined) return INVALID;
  return { currency: first.currency, loans };
}

/** The portfolio's currency: that of the first loan whose terms are valid. */
interface PortfolioCurrency {
  first: { readonly currency: Currency; readonly index: number } | undefined;
}

function readLoan(
  r: TermsReader,
  value: unknown,
  field: string,
  index: number,
  ids: Map<string, number>,
  portfolio: PortfolioCurrency,
  asOfDay: Parsed<DayNumber>,
  signals: Parsed<SignalConfig>,
): Parsed<MonitoredLoan> {
  const fields = r.object(value, field, LOAN_FIELDS, LOAN_EXAMPLE);
  if (fields === INVALID) return INVALID;
  const id = readUniqueId(r, fields.id, `${field}.id`, index, ids, "loans", "L1");
  const terms = collect(r, `${field}.terms`, () => parseTerms(fields.terms));
  if (terms === INVALID) return INVALID;
  const { first } = portfolio;
  if (first === undefined) portfolio.first = { currency: terms.currency, index };
  else if (terms.currency.code !== first.currency.code) {
    return r.report(
      `${field}.terms.currency`,
      terms.currency.code,
      `must be ${first.currency.code}, the currency of loans[${first.index}]: a portfolio's balances add up in one currency (Tenor converts none)`,
    );
  }
  if (asOfDay !== INVALID && terms.disbursementDay > asOfDay) {
    return r.report(
      `${field}.terms.disbursementDate`,
      formatIsoDate(terms.disbursementDay),
      `must be on or before asOf (${formatIsoDate(asOfDay)}): a loan is monitored once disbursed`,
    );
  }
  const digits = terms.currency.digits;
  const rules = collect(r, `${field}.servicing`, () => parseServicingRules(fields.servicing, digits));
  const events =
    rules === INVALID ? INVALID : readLoanEvents(r, fields.events, field, terms, rules.maxEvents, asOfDay);
  const income = readIncomeChange(r, fields, field, digits);
  const borrower = readBorrower(r, fields.borrower, `${field}.borrower`, terms, asOfDay, signals);
  if (id === INVALID || rules === INVALID || events === INVALID || income === INVALID || borrower === INVALID)
    return INVALID;
  // The schedule is generated here: terms the schedule engine refuses are the loan's own problem.
  const loan = collect(r, `${field}.terms`, () => openLoan(terms, rules));
  if (loan === INVALID) return INVALID;
  return { id, loan, events, borrower, income };
}

/** The loan's events (`[]` when absent), none dated after asOf. */
function readLoanEvents(
  r: TermsReader,
  value: unknown,
  field: string,
  terms: Terms,
  maxEvents: number,
  asOfDay: Parsed<DayNumber>,
): Parsed<LoanEvent[]> {
  const events = collect(r, field, () =>
    parseEvents(value ?? [], {
      currencyDigits: terms.currency.digits,
      disbursementDay: terms.disbursementDay,
      maxEvents,
    }),
  );
  if (events === INVALID || asOfDay === INVALID) return events;
  const before = r.issues.length;
  events.forEach((event, index) => {
    if (event.day > asOfDay) {
      r.report(
        `${field}.events[${index}].date`,
        formatIsoDate(event.day),
        `must be on or before asOf (${formatIsoDate(asOfDay)}): the loan is looked at on asOf, and no event is ignored`,
      );
    }
  });
  return r.issues.length > before ? INVALID : events;
}

/** `previousIncome` and `currentIncome`: both or neither; the previous income above 0. */
function readIncomeChange(
  r: TermsReader,
  fields: Fields,
  field: string,
  digits: number,
): Parsed<MonitoredLoan["income"]> {
  const { previousIncome, currentIncome } = fields;
  if (previousIncome === undefined && currentIncome === undefined) return undefined;
  if (previousIncome === undefined || currentIncome === undefined) {
    const missing = previousIncome === undefined ? "previousIncome" : "currentIncome";
    return r.missing(
      `${field}.${missing}`,
      "an amount: a reported income change gives both previousIncome and currentIncome (for the same period)",
    );
  }
  const previousMinor = readAmountMinor(r, previousIncome, `${field}.previousIncome`, digits, "positive");
  const currentMinor = readAmountMinor(r, currentIncome, `${field}.currentIncome`, digits, "non-negative");
  if (previousMinor === INVALID || currentMinor === INVALID) return INVALID;
  return { previousMinor, currentMinor };
}

/**
 * `borrower`: plain monthly figures, or a borrower profile with a policy (preset id or document). The profile's
 * as-of month (assessCapacity) gives income, essential spending and the other debts' service; its savings the
 * liquid savings; the policy its comfort and maximum ratios.
 */
function readBorrower(
  r: TermsReader,
  value: unknown,
  field: string,
  terms: Terms,
  asOfDay: Parsed<DayNumber>,
  signals: Parsed<SignalConfig>,
): Parsed<BorrowerFigures | undefined> {
  if (value === undefined) return undefined;
  const fields = r.object(
    value,
    field,
    BORROWER_FIELDS,
    '{"monthlyIncome": "3000.00", "monthlyDebtService": "900.00", "monthlyEssentialSpending": "1200.00", "liquidSavings": "800.00"} or {"profile": {…}, "policy": "default"}',
  );
  if (fields === INVALID) return INVALID;
  if (fields.profile !== undefined) return readProfileBorrower(r, fields, field, terms, asOfDay);
  if (fields.policy !== undefined) {
    return r.report(
      `${field}.policy`,
      fields.policy,
      "must be absent without a profile: a policy applies to a borrower profile",
    );
  }
  const digits = terms.currency.digits;
  const figure = (key: string) =>
    fields[key] === undefined
      ? undefined
      : readAmountMinor(r, fields[key], `${field}.${key}`, digits, "non-negative");
  const monthlyIncomeMinor = figure("monthlyIncome");
  const monthlyDebtServiceMinor = figure("monthlyDebtService");
  const monthlyEssentialSpendingMinor = figure("monthlyEssentialSpending");
  const liquidSavingsMinor = figure("liquidSavings");
  if (
    signals === INVALID ||
    monthlyIncomeMinor === INVALID ||
    monthlyDebtServiceMinor === INVALID ||
    monthlyEssentialSpendingMinor === INVALID ||
    liquidSavingsMinor === INVALID
  ) {
    return INVALID;
  }
  return {
    source: "figures",
    monthlyIncomeMinor,
    monthlyDebtServiceMinor,
    otherDebtServiceMinor: 0,
    monthlyEssentialSpendingMinor,
    liquidSavingsMinor,
    comfortRatio: signals.comfortRatio,
    maxRatio: signals.maxRatio,
  };
}

function readProfileBorrower(
  r: TermsReader,
  fields: Fields,
  field: string,
  terms: Terms,
  asOfDay: Parsed<DayNumber>,
): Parsed<BorrowerFigures> {
  for (const key of FIGURE_FIELDS) {
    if (fields[key] !== undefined) {
      r.report(
        `${field}.${key}`,
        fields[key],
        "must be absent with a profile: the profile gives the borrower's figures (give one or the other)",
      );
    }
  }
  const profile = collect(r, `${field}.profile`, () => parseBorrowerProfile(fields.profile));
  const policy = collect(r, "", () => resolvePolicy(fields.policy, `${field}.policy`));
  if (profile === INVALID || policy === INVALID || asOfDay === INVALID) return INVALID;
  if (profile.currency.code !== terms.currency.code) {
    return r.report(
      `${field}.profile.currency`,
      profile.currency.code,
      `must be ${terms.currency.code}, the loan's currency (Tenor converts none)`,
    );
  }
  const assessment = collect(r, `${field}.policy`, () => assessCapacity(profile, policy, asOfDay, 1));
  if (assessment === INVALID) return INVALID;
  const month = assessment.months[0];
  if (month === undefined) return INVALID;
  return {
    source: `profile (policy ${policy.id})`,
    monthlyIncomeMinor: policy.incomeBasis === "gross" ? month.grossIncomeMinor : month.incomeMinor,
    monthlyDebtServiceMinor: undefined,
    otherDebtServiceMinor: month.existingDebtMinor,
    monthlyEssentialSpendingMinor: month.essentialExpensesMinor,
    liquidSavingsMinor: profile.liquidSavingsMinor,
    comfortRatio: policy.comfortRatio,
    maxRatio: policy.maxRatio,
  };
}

/**
 * Runs a parser of another document (terms, rules, events, profile, policy) and files its issues under `prefix`
 * (`principal` → `loans[0].terms.principal`; "(document)" → the prefix itself; an empty prefix keeps the fields).
 */
function collect<T>(r: TermsReader, prefix: string, parse: () => T): Parsed<T> {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    for (const issue of error.issues) r.issues.push(prefixIssue(issue, prefix));
    return INVALID;
  }
}
