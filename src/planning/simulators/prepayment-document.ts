// The prepayment simulator as one JSON document (what `tenor simulate-prepayment` reads and prints): a loan —
// `terms`, `servicing`, `events` as in the simulate document — and the prepayment, in; the three outcomes side
// by side, the events to record and the summary, out. With an `advice` part, the prepayment advice rule
// (research §2.2) is checked too.
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { TenorError } from "../../core/errors.ts";
import { formatMinor } from "../../core/money.ts";
import type { Ratio } from "../../core/ratio.ts";
import type { Currency } from "../../schedule/terms.ts";
import { percentToFraction } from "../../schedule/terms-parser/percent-to-fraction.ts";
import { type Fields, INVALID, type Parsed, TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import { resolvePolicy } from "../policy-registry.ts";
import { annualRateOn } from "./loan-rate.ts";
import { type PrepaymentOutcome, simulatePrepayment } from "./prepayment.ts";
import { type PrepaymentAdvice, prepaymentAdvice } from "./prepayment-advice.ts";
import type { RunningLoan } from "./running-loan.ts";
import {
  eventDocument,
  type InstallmentDocument,
  installmentDocument,
  LOAN_FIELDS,
  percentString,
  readEnvelope,
  readLoanParts,
} from "./simulator-documents.ts";

const FIELDS = [...LOAN_FIELDS, "prepayment", "advice"];
const EXAMPLE = '{"terms": {…}, "events": [], "prepayment": {"date": "2024-07-01", "amount": "3000.00"}}';
const PREPAYMENT_FIELDS = ["date", "amount", "fee"];
const ADVICE_FIELDS = [
  "safeReturn",
  "liquidSavings",
  "monthlyOutgoings",
  "requiredBufferMonths",
  "dearerDebt",
  "policy",
];
const MAX_BUFFER_MONTHS = 120;

export interface PrepaymentOutcomeDocument {
  readonly totalInterest: string;
  readonly interestSaved: string;
  readonly netSaving: string;
  readonly endDate: string;
  readonly monthsEarlier: number;
  readonly regularInstallment: string | null;
  readonly installmentsLeft: number;
  readonly totalToPay: string;
  readonly closesLoan: boolean;
  readonly installments: readonly InstallmentDocument[];
}

export interface PrepaymentDocument {
  readonly currency: string;
  readonly date: string;
  readonly amount: string;
  readonly due: string;
  readonly payment: string;
  readonly payoff: string;
  readonly maxAmount: string;
  readonly fee: string;
  readonly baseline: PrepaymentOutcomeDocument;
  readonly reduceTerm: PrepaymentOutcomeDocument;
  readonly reduceInstallment: PrepaymentOutcomeDocument;
  readonly events: {
    readonly reduceTerm: Record<string, unknown>;
    readonly reduceInstallment: Record<string, unknown>;
  };
  readonly advice: AdviceDocument | null;
  readonly summary: string;
}

export interface AdviceDocument {
  readonly advisable: boolean;
  readonly loanRate: string;
  readonly safeReturn: string;
  readonly bufferMonthsAfter: number;
  readonly checks: PrepaymentAdvice["checks"];
  readonly summary: string;
}

interface AdviceInput {
  /** A fraction a year. */
  readonly safeReturn: Ratio;
  readonly liquidSavingsMinor: number;
  readonly monthlyOutgoingsMinor: number;
  readonly requiredBufferMonths: number;
  readonly dearerDebt: boolean;
}

/**
 * Validates the document and simulates the prepayment. The loan's parts are refused under their own codes
 * (INVALID_TERMS, INVALID_SERVICING_RULES, INVALID_EVENT, fields `terms.…`, `servicing.…`, `events[…]`); the
 * document's shape, the `prepayment` and `advice` parts and the simulator's refusals under INVALID_PREPAYMENT.
 */
export function prepaymentFromDocument(document: unknown): PrepaymentDocument {
  const fields = readEnvelope(document, "INVALID_PREPAYMENT", FIELDS, EXAMPLE);
  const loan = readLoanParts(fields);
  const r = new TermsReader();
  const prepayment = readPrepayment(r, fields.prepayment, loan.terms.currency);
  const advice = fields.advice === undefined ? undefined : readAdvice(r, fields.advice, loan.terms.currency);
  if (r.issues.length > 0 || prepayment === INVALID || advice === INVALID) {
    throw new TenorError("INVALID_PREPAYMENT", r.issues);
  }
  const comparison = simulatePrepayment(loan, prepayment);
  const digits = loan.terms.currency.digits;
  const money = (minor: number) => formatMinor(minor, digits);
  return {
    currency: loan.terms.currency.code,
    date: formatIsoDate(comparison.day),
    amount: money(comparison.amountMinor),
    due: money(comparison.dueMinor),
    payment: money(comparison.paymentMinor),
    payoff: money(comparison.payoffMinor),
    maxAmount: money(comparison.maxAmountMinor),
    fee: money(comparison.feeMinor),
    baseline: outcomeDocument(comparison.baseline, digits),
    reduceTerm: outcomeDocument(comparison.reduceTerm, digits),
    reduceInstallment: outcomeDocument(comparison.reduceInstallment, digits),
    events: {
      reduceTerm: eventDocument(comparison.events.reduceTerm, digits),
      reduceInstallment: eventDocument(comparison.events.reduceInstallment, digits),
    },
    advice:
      advice === undefined
        ? null
        : adviceDocument(loan, prepayment.day, advice, {
            amountMinor: comparison.amountMinor,
            feeMinor: comparison.feeMinor,
            interestSavedMinor: comparison.reduceTerm.interestSavedMinor,
          }),
    summary: comparison.summary,
  };
}

function readPrepayment(
  r: TermsReader,
  value: unknown,
  currency: Currency,
): Parsed<{ day: DayNumber; amountMinor: number; feeMinor: number }> {
  const doc = r.object(value, "prepayment", PREPAYMENT_FIELDS, '{"date": "2024-07-01", "amount": "3000.00"}');
  if (doc === INVALID) return INVALID;
  const day = r.date(doc.date, "prepayment.date");
  const amountMinor = r.money(doc.amount, "prepayment.amount", currency, "positive");
  const feeMinor = doc.fee === undefined ? 0 : r.money(doc.fee, "prepayment.fee", currency, "non-negative");
  if (day === INVALID || amountMinor === INVALID || feeMinor === INVALID) return INVALID;
  return { day, amountMinor, feeMinor };
}

function readAdvice(r: TermsReader, value: unknown, currency: Currency): Parsed<AdviceInput> {
  const doc: Parsed<Fields> = r.object(
    value,
    "advice",
    ADVICE_FIELDS,
    '{"safeReturn": "3.5", "liquidSavings": "20000.00", "monthlyOutgoings": "2500.00"}',
  );
  if (doc === INVALID) return INVALID;
  const safeReturn = r.percent(doc.safeReturn, "advice.safeReturn", "non-negative");
  const liquidSavingsMinor = r.money(doc.liquidSavings, "advice.liquidSavings", currency, "non-negative");
  const monthlyOutgoingsMinor = r.money(
    doc.monthlyOutgoings,
    "advice.monthlyOutgoings",
    currency,
    "positive",
  );
  // Months of outgoings to keep: as given, else the policy's (research §2.2: 3 to 6; every preset says 3).
  const requiredBufferMonths =
    doc.requiredBufferMonths === undefined
      ? resolvePolicy(doc.policy, "advice.policy").prepaymentBufferMonths
      : r.integer(doc.requiredBufferMonths, "advice.requiredBufferMonths", 0, MAX_BUFFER_MONTHS);
  const dearerDebt = r.boolean(doc.dearerDebt, "advice.dearerDebt", false);
  if (
    safeReturn === INVALID ||
    liquidSavingsMinor === INVALID ||
    monthlyOutgoingsMinor === INVALID ||
    requiredBufferMonths === INVALID ||
    dearerDebt === INVALID
  ) {
    return INVALID;
  }
  return {
    safeReturn: percentToFraction(safeReturn),
    liquidSavingsMinor,
    monthlyOutgoingsMinor,
    requiredBufferMonths,
    dearerDebt,
  };
}

function adviceDocument(
  loan: RunningLoan,
  day: DayNumber,
  input: AdviceInput,
  prepayment: { amountMinor: number; feeMinor: number; interestSavedMinor: number },
): AdviceDocument {
  const rate = annualRateOn(loan, day);
  if ("problem" in rate) {
    throw new TenorError("INVALID_PREPAYMENT", [
      {
        field: "advice",
        value: loan.terms.interest.kind,
        message: `cannot be given: the loan ${rate.problem}`,
      },
    ]);
  }
  const left = input.liquidSavingsMinor - prepayment.amountMinor - prepayment.feeMinor;
  // float-ok: months of outgoings covered is a statistic for the advice, not an amount of money
  const bufferMonthsAfter = Math.max(0, left) / input.monthlyOutgoingsMinor;
  const advice = prepaymentAdvice({
    loanRate: rate.rate,
    safeReturn: input.safeReturn,
    bufferMonthsAfter,
    requiredBufferMonths: input.requiredBufferMonths,
    dearerDebt: input.dearerDebt,
    feeMinor: prepayment.feeMinor,
    interestSavedMinor: prepayment.interestSavedMinor,
    currencyDigits: loan.terms.currency.digits,
  });
  return {
    advisable: advice.advisable,
    loanRate: percentString(rate.rate),
    safeReturn: percentString(input.safeReturn),
    // float-ok: shown to two decimals, a statistic
    bufferMonthsAfter: Math.round(bufferMonthsAfter * 100) / 100,
    checks: advice.checks,
    summary: advice.summary,
  };
}

function outcomeDocument(outcome: PrepaymentOutcome, digits: number): PrepaymentOutcomeDocument {
  const money = (minor: number) => formatMinor(minor, digits);
  return {
    totalInterest: money(outcome.totalInterestMinor),
    interestSaved: money(outcome.interestSavedMinor),
    netSaving: money(outcome.netSavingMinor),
    endDate: formatIsoDate(outcome.endDay),
    monthsEarlier: outcome.monthsEarlier,
    regularInstallment:
      outcome.regularInstallmentMinor === undefined ? null : money(outcome.regularInstallmentMinor),
    installmentsLeft: outcome.installmentsLeft,
    totalToPay: money(outcome.totalToPayMinor),
    closesLoan: outcome.closesLoan,
    installments: outcome.installments.map((inst) => installmentDocument(inst, digits)),
  };
}
