// What the simulators' JSON documents share: the loan parts (`terms`, `servicing`, `events`, read by the
// schedule and servicing parsers under their own codes, fields prefixed by where they sit), the envelope check,
// and the output forms — amounts as decimal strings with the currency's digits, dates as YYYY-MM-DD, events as
// the documents `tenor simulate` reads (docs/reference/servicing-events.md).

import { formatIsoDate } from "../../core/calendar-date.ts";
import { type Currency, currencyByCode } from "../../core/currency.ts";
import { type ErrorCode, TenorError, withFieldPrefix } from "../../core/errors.ts";
import { formatMinor } from "../../core/money.ts";
import type { Ratio } from "../../core/ratio.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import { percentDecimalText } from "../../schedule/terms-parser/message-text.ts";
import { type Fields, INVALID, type Parsed, TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import { parseEvents } from "../../servicing/parse-events.ts";
import { parseServicingRules } from "../../servicing/parse-servicing-rules.ts";
import type { LoanEvent } from "../../servicing/types.ts";
import type { RemainingInstallment, RunningLoan } from "./running-loan.ts";

/** The fields of a loan inside a simulator document. */
export const LOAN_FIELDS = ["terms", "servicing", "events"] as const;

/** The document's own shape: an object with only the `allowed` fields; issues under `code`. */
export function readEnvelope(
  document: unknown,
  code: ErrorCode,
  allowed: readonly string[],
  example: string,
): Fields {
  const r = new TermsReader();
  const fields = r.object(document, "(document)", allowed, example);
  if (r.issues.length > 0 || fields === INVALID) throw new TenorError(code, r.issues);
  return fields;
}

/**
 * The loan of `fields` (`terms`, `servicing`, `events`): each part read by its own parser and reported under
 * its own code (INVALID_TERMS, INVALID_SERVICING_RULES, INVALID_EVENT), its fields prefixed by `prefix` and the
 * part's name (`terms.principal`, `loan.events[2].amount`).
 */
export function readLoanParts(fields: Fields, prefix?: string): RunningLoan {
  const under = (name: string) => (prefix === undefined ? name : `${prefix}.${name}`);
  const terms = withFieldPrefix(under("terms"), () => parseTerms(fields.terms));
  const rules = withFieldPrefix(under("servicing"), () =>
    parseServicingRules(fields.servicing, terms.currency.digits),
  );
  const read = () =>
    parseEvents(fields.events, {
      currencyDigits: terms.currency.digits,
      disbursementDay: terms.disbursementDay,
      maxEvents: rules.maxEvents,
    });
  // parseEvents already names its fields from `events` (`events[3].amount`).
  const events = prefix === undefined ? read() : withFieldPrefix(prefix, read);
  return { terms, rules, events };
}

/** A fraction as the percent a document writes: 78/1000 → "7.8" (up to 10 decimals, no trailing zeros). */
export function percentString(fraction: Ratio): string {
  return percentDecimalText(fraction, 10);
}

export interface InstallmentDocument {
  readonly number: number;
  readonly dueDate: string;
  readonly principal: string;
  readonly interest: string;
  readonly fee: string;
  readonly total: string;
}

export function installmentDocument(inst: RemainingInstallment, digits: number): InstallmentDocument {
  return {
    number: inst.number,
    dueDate: formatIsoDate(inst.dueDay),
    principal: formatMinor(inst.principalMinor, digits),
    interest: formatMinor(inst.interestMinor, digits),
    fee: formatMinor(inst.feeMinor, digits),
    total: formatMinor(inst.totalMinor, digits),
  };
}

/**
 * An event as the event document `parseEvents` reads back into the same event. Rates are written as the
 * percent per the terms' `interest.per` that the event holds as a fraction.
 */
export function eventDocument(event: LoanEvent, digits: number): Record<string, unknown> {
  const head = { id: event.id, type: event.type, date: formatIsoDate(event.day) };
  const money = (minor: number) => formatMinor(minor, digits);
  switch (event.type) {
    case "repayment":
      return {
        ...head,
        amount: money(event.amountMinor),
        ...(event.overpayment === undefined ? {} : { overpayment: event.overpayment }),
      };
    case "disbursement":
    case "refund":
      return { ...head, amount: money(event.amountMinor) };
    case "fee":
      return { ...head, amount: money(event.amountMinor), name: event.name };
    case "fee-waiver":
      return {
        ...head,
        component: event.component,
        ...(event.amountMinor === undefined ? {} : { amount: money(event.amountMinor) }),
      };
    case "payoff":
      return { ...head, ...(event.amountMinor === undefined ? {} : { amount: money(event.amountMinor) }) };
    case "returned-payment":
      return {
        ...head,
        of: event.of,
        ...(event.feeMinor === undefined ? {} : { fee: money(event.feeMinor) }),
      };
    case "reversal":
      return { ...head, of: event.of };
    case "rate-change":
      return { ...head, rate: percentString(event.rate) };
    case "write-off":
      return head;
    case "reschedule":
      return {
        ...head,
        ...(event.installments === undefined ? {} : { installments: event.installments }),
        ...(event.firstDueDay === undefined ? {} : { firstDueDate: formatIsoDate(event.firstDueDay) }),
        // The parser refuses both graces given together, even at 0: only one that is used is written.
        ...(event.holidayInstallments > 0 ? { holidayInstallments: event.holidayInstallments } : {}),
        ...(event.interestOnlyInstallments > 0
          ? { interestOnlyInstallments: event.interestOnlyInstallments }
          : {}),
        ...(event.rate === undefined ? {} : { rate: percentString(event.rate) }),
        ...(event.tiers === undefined
          ? {}
          : {
              tiers: event.tiers.map((tier) => ({
                from: tier.from,
                to: tier.to,
                amount: money(tier.amountMinor),
              })),
            }),
      };
  }
}

/** A currency code at `field`, exactly as written (the terms parser's rule, for a field of another name). */
export function readCurrencyAt(r: TermsReader, value: unknown, field: string): Parsed<Currency> {
  const allowed = 'an ISO 4217 currency code such as "EUR"';
  if (value === undefined) return r.missing(field, allowed);
  const currency = typeof value === "string" ? currencyByCode(value) : undefined;
  if (currency !== undefined) return currency;
  const upper = typeof value === "string" ? currencyByCode(value.toUpperCase()) : undefined;
  const hint = upper === undefined ? "" : ` (upper case: "${upper.code}")`;
  return r.report(field, value, `must be ${allowed}${hint}`);
}
