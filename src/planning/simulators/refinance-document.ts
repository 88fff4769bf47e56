// The refinance check as one JSON document: either a running loan (`loan`: terms, servicing, events — its
// balance, remaining installments, installment and rate read from the servicing engine on `asOf`) or the
// figures themselves (`current`), plus the market rate and the switching costs (an amount, a percent of the
// balance, or both). Returns the check with amounts as decimal strings and rates as percents.
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { currencyByCode } from "../../core/currency.ts";
import { TenorError } from "../../core/errors.ts";
import { formatMinor } from "../../core/money.ts";
import { mulRatio, type Ratio, ratio } from "../../core/ratio.ts";
import { roundDivBig } from "../../core/rounding.ts";
import {
  allFieldsValid,
  type Fields,
  INVALID,
  type Parsed,
  TermsReader,
} from "../../schedule/terms-parser/terms-reader.ts";
import { readPercentFraction } from "../../servicing/read-amounts.ts";
import { MAX_RATE_PERCENT } from "../../servicing/servicing-limits.ts";
import { annualRateOn } from "./loan-rate.ts";
import { checkRefinance, MAX_REFINANCE_INSTALLMENTS, type RefinanceInput } from "./refinance.ts";
import {
  lastEventDay,
  openInstallmentsAfter,
  openRunningLoan,
  periodsPerYear,
  type RunningLoan,
  remaining,
  replayWith,
} from "./running-loan.ts";
import {
  LOAN_FIELDS,
  percentString,
  readCurrencyAt,
  readEnvelope,
  readLoanParts,
} from "./simulator-documents.ts";

const FIELDS = ["asOf", "loan", "current", "marketRate", "switchingCost", "discountRate"];
const EXAMPLE =
  '{"asOf": "2025-01-01", "loan": {"terms": {…}, "events": […]}, "marketRate": "7.8", "switchingCost": {"percent": "1"}}';
const CURRENT_FIELDS = [
  "currency",
  "balance",
  "rate",
  "remainingInstallments",
  "installment",
  "periodsPerYear",
];
const CURRENT_EXAMPLE =
  '{"currency": "INR", "balance": "3000000.00", "rate": "8.5", "remainingInstallments": 180, "installment": "29542.00"}';

export interface RefinanceDocument {
  readonly currency: string;
  readonly asOf: string;
  readonly balance: string;
  readonly currentRate: string;
  readonly marketRate: string;
  readonly discountRate: string;
  readonly remainingInstallments: number;
  readonly periodsPerYear: number;
  readonly currentInstallment: string;
  readonly newInstallment: string;
  readonly savingPerInstallment: string;
  readonly grossSaving: string;
  readonly switchingCost: string;
  readonly netSaving: string;
  readonly presentValueSaving: string;
  readonly breakEvenInstallments: number | null;
  readonly breakEvenMonths: number | null;
  readonly worthIt: boolean;
  readonly currentRemaining: string;
  readonly newRemaining: string;
  readonly newTotalInterest: string;
  readonly summary: string;
}

interface Costs {
  readonly amountMinor: number;
  readonly percent: Ratio | undefined;
}

/**
 * Validates the document and runs the check. The document's own fields and everything but a loan's parts are
 * refused under INVALID_REFINANCE; a `loan`'s parts under their own codes (`loan.terms.principal`, …).
 */
export function refinanceFromDocument(document: unknown): RefinanceDocument {
  const fields = readEnvelope(document, "INVALID_REFINANCE", FIELDS, EXAMPLE);
  const r = new TermsReader();
  if ((fields.loan === undefined) === (fields.current === undefined)) {
    r.report(
      fields.loan === undefined ? "loan" : "current",
      undefined,
      "give exactly one of `loan` (a running loan: terms, servicing, events) or `current` (its figures)",
    );
  }
  const asOfDay = r.date(fields.asOf, "asOf");
  const marketRate = readPercentFraction(r, fields.marketRate, "marketRate", "zero", MAX_RATE_PERCENT);
  const discountRate =
    fields.discountRate === undefined
      ? undefined
      : readPercentFraction(r, fields.discountRate, "discountRate", "zero", MAX_RATE_PERCENT);
  const loanFields =
    fields.loan === undefined
      ? undefined
      : r.object(fields.loan, "loan", LOAN_FIELDS, '{"terms": {…}, "events": []}');
  const figures = fields.current === undefined ? undefined : readCurrent(r, fields.current);
  if (
    r.issues.length > 0 ||
    asOfDay === INVALID ||
    marketRate === INVALID ||
    discountRate === INVALID ||
    loanFields === INVALID ||
    figures === INVALID
  ) {
    throw new TenorError("INVALID_REFINANCE", r.issues);
  }
  // Exactly one of the two was given (checked above).
  const base =
    loanFields === undefined
      ? (figures as CurrentFigures)
      : fromLoan(readLoanParts(loanFields, "loan"), asOfDay);
  // The costs need the currency, which a loan's terms give: they are read once the loan is.
  const costs = readCosts(fields.switchingCost, base.digits, base.currency);
  const switchingCostMinor = costs.amountMinor + percentOf(base.balanceMinor, costs.percent);
  const input: RefinanceInput = {
    ...base.input(asOfDay),
    marketAnnualRate: marketRate,
    switchingCostMinor,
    discountAnnualRate: discountRate,
  };
  const result = checkRefinance(input);
  const money = (minor: number) => formatMinor(minor, base.digits);
  return {
    currency: base.currency,
    asOf: formatIsoDate(input.asOf),
    balance: money(input.balanceMinor),
    currentRate: percentString(input.currentAnnualRate),
    marketRate: percentString(input.marketAnnualRate),
    discountRate: percentString(result.discountAnnualRate),
    remainingInstallments: input.remainingInstallments,
    periodsPerYear: input.periodsPerYear,
    currentInstallment: money(input.currentInstallmentMinor),
    newInstallment: money(result.newInstallmentMinor),
    savingPerInstallment: money(result.savingPerInstallmentMinor),
    grossSaving: money(result.grossSavingMinor),
    switchingCost: money(switchingCostMinor),
    netSaving: money(result.netSavingMinor),
    presentValueSaving: money(result.presentValueSavingMinor),
    breakEvenInstallments: result.breakEvenInstallments ?? null,
    breakEvenMonths: result.breakEvenMonths ?? null,
    worthIt: result.worthIt,
    currentRemaining: money(result.currentRemainingMinor),
    newRemaining: money(result.newRemainingMinor),
    newTotalInterest: money(result.newTotalInterestMinor),
    summary: result.summary,
  };
}

/** The current loan's side of the check, from figures or from a running loan. */
interface CurrentFigures {
  readonly currency: string;
  readonly digits: number;
  readonly balanceMinor: number;
  readonly input: (
    asOf: DayNumber,
  ) => Omit<RefinanceInput, "marketAnnualRate" | "switchingCostMinor" | "discountAnnualRate">;
}

function readCurrent(r: TermsReader, value: unknown): Parsed<CurrentFigures> {
  const doc = r.object(value, "current", CURRENT_FIELDS, CURRENT_EXAMPLE);
  if (doc === INVALID) return INVALID;
  const currency = readCurrencyAt(r, doc.currency, "current.currency");
  const parts = {
    currency,
    balance: r.money(doc.balance, "current.balance", currency, "positive"),
    rate: readPercentFraction(r, doc.rate, "current.rate", "zero", MAX_RATE_PERCENT),
    remainingInstallments: r.integer(
      doc.remainingInstallments,
      "current.remainingInstallments",
      1,
      MAX_REFINANCE_INSTALLMENTS,
    ),
    installment: r.money(doc.installment, "current.installment", currency, "positive"),
    periodsPerYear: r.integer(doc.periodsPerYear, "current.periodsPerYear", 1, 366, 12),
  } as const; // keeps INVALID's unique symbol type, which a mutable property would widen to `symbol`
  if (!allFieldsValid(parts)) return INVALID;
  return {
    currency: parts.currency.code,
    digits: parts.currency.digits,
    balanceMinor: parts.balance,
    input: (asOf) => ({
      currencyDigits: parts.currency.digits,
      currency: parts.currency.code,
      asOf,
      balanceMinor: parts.balance,
      currentAnnualRate: parts.rate,
      remainingInstallments: parts.remainingInstallments,
      currentInstallmentMinor: parts.installment,
      periodsPerYear: parts.periodsPerYear,
    }),
  };
}

/**
 * The figures of a running loan on `asOf`: the installments due after it (arrears and an installment due that
 * day are paid anyway), their unpaid principal, their principal and interest one by one, the first one's
 * scheduled amount as the installment, the rate in force, and the new loan's first due date on the next one.
 */
function fromLoan(loan: RunningLoan, asOf: DayNumber): CurrentFigures {
  const refuse = (field: string, value: unknown, message: string): never => {
    throw new TenorError("INVALID_REFINANCE", [{ field, value, message }]);
  };
  const date = formatIsoDate(asOf);
  if (asOf < lastEventDay(loan)) {
    refuse(
      "asOf",
      date,
      `must be on or after the last event recorded on the loan (${formatIsoDate(lastEventDay(loan))})`,
    );
  }
  const state = replayWith(openRunningLoan(loan), [], asOf);
  if (state.status !== "active")
    refuse("asOf", date, `is a day the loan is ${state.status}: there is nothing to refinance`);
  const ahead = openInstallmentsAfter(state, asOf);
  if (ahead.length === 0)
    refuse("asOf", date, "leaves no installment of the loan after it: there is nothing to refinance");
  const rate = annualRateOn(loan, asOf);
  if ("problem" in rate)
    return refuse(
      "loan.terms.interest",
      loan.terms.interest.kind,
      `cannot be refinanced by rate: the loan ${rate.problem}`,
    );
  const perYear = periodsPerYear(loan.terms.period);
  if (perYear.den !== 1n) {
    refuse(
      "loan.terms.period",
      formatIsoDate(asOf),
      "has no whole number of installments a year: give the loan's figures as `current` instead",
    );
  }
  const payments = ahead.map((inst) => {
    const left = remaining(inst);
    return left.principal + left.interest;
  });
  const first = ahead[0] as (typeof ahead)[number];
  const digits = loan.terms.currency.digits;
  const balanceMinor = ahead.reduce((sum, inst) => sum + remaining(inst).principal, 0);
  return {
    currency: loan.terms.currency.code,
    digits,
    balanceMinor,
    input: () => ({
      currencyDigits: digits,
      currency: loan.terms.currency.code,
      asOf,
      balanceMinor,
      currentAnnualRate: rate.rate,
      remainingInstallments: ahead.length,
      currentInstallmentMinor: first.scheduled.principal + first.scheduled.interest,
      // float-ok: a bigint count of installments a year (checked whole above), at most a few hundred
      periodsPerYear: Number(perYear.num),
      currentPaymentsMinor: payments,
      firstDueDay: first.dueDay,
    }),
  };
}

function readCosts(value: unknown, digits: number, code: string): Costs {
  if (value === undefined) return { amountMinor: 0, percent: undefined };
  const r = new TermsReader();
  const doc: Parsed<Fields> = r.object(
    value,
    "switchingCost",
    ["amount", "percent"],
    '{"amount": "500.00", "percent": "1"}',
  );
  let costs: Costs = { amountMinor: 0, percent: undefined };
  if (doc !== INVALID) {
    if (doc.amount === undefined && doc.percent === undefined) {
      r.report("switchingCost", value, "must give `amount` (money), `percent` (of the balance) or both");
    }
    const currency = currencyByCode(code) ?? { code, digits };
    const amount =
      doc.amount === undefined ? 0 : r.money(doc.amount, "switchingCost.amount", currency, "non-negative");
    const percent =
      doc.percent === undefined
        ? undefined
        : readPercentFraction(r, doc.percent, "switchingCost.percent", "zero", 100n);
    if (amount !== INVALID && percent !== INVALID) costs = { amountMinor: amount, percent };
  }
  if (r.issues.length > 0) throw new TenorError("INVALID_REFINANCE", r.issues);
  return costs;
}

/** `percent` (a fraction) of the balance, rounded half-even to a minor unit. */
function percentOf(balanceMinor: number, percent: Ratio | undefined): number {
  if (percent === undefined) return 0;
  const exact = mulRatio(ratio(BigInt(balanceMinor), 1n), percent);
  // float-ok: a bigint of at most the balance (≤ 10^15 minor units), converted back exactly
  return Number(roundDivBig(exact.num, exact.den, "half-even"));
}
