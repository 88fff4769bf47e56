import type { LoanType, Terms } from "../terms.ts";
import {
  checkAmountRateMethod,
  checkFirstDueDay,
  checkLoanTypeRules,
  checkPerTermCount,
  checkResidualRule,
} from "./cross-checks.ts";
import { readCurrency } from "./read-currency.ts";
import { readDayCount } from "./read-day-count.ts";
import { readFees } from "./read-fees.ts";
import { readFirstPeriod } from "./read-first-period.ts";
import { readGrace } from "./read-grace.ts";
import { readInstallmentCount } from "./read-installment-count.ts";
import { readInterest } from "./read-interest.ts";
import { readInterestOnlyInstallments } from "./read-interest-only-installments.ts";
import { readPaymentMethod } from "./read-payment-method.ts";
import { readPeriod } from "./read-period.ts";
import { readPlacement } from "./read-placement.ts";
import { readRateCap, readRateRegime } from "./read-rate-regime.ts";
import { readRounding } from "./read-rounding.ts";
import { allFieldsValid, INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

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
  "rateRegime",
  "rateCap",
];

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

/** The whole document: every part, then the rules across fields; `INVALID` when a part failed. */
export function readTerms(r: TermsReader, document: unknown): Parsed<Terms> {
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
  const rateRegime = readRateRegime(r, doc.rateRegime, currency);
  const rateCapPercent = readRateCap(r, doc.rateCap);
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

  // Every part as read, INVALID where it failed (its issues are reported). The annotation keeps INVALID a
  // unique symbol, which the object literal would otherwise widen to `symbol`.
  const terms: { readonly [K in keyof Terms]: Parsed<Terms[K]> } = {
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
    rateRegime,
    rateCapPercent,
  };
  return allFieldsValid(terms) ? terms : INVALID;
}
