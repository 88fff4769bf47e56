import type { Currency } from "../../core/currency.ts";
import type { FeeBase, FeeCharge, FeeTerms } from "../terms.ts";
import { MAX_INSTALLMENTS, MAX_PERIOD_EVERY } from "./limits.ts";
import { readFeeTiers } from "./read-fee-tiers.ts";
import { allValid, INVALID, isPlainObject, type Parsed, type TermsReader } from "./terms-reader.ts";

const FEE_FIELDS = [
  "name",
  "amount",
  "percent",
  "base",
  "tiers",
  "charge",
  "timing",
  "origination",
  "financeCharge",
];
const FEE_BASES: readonly FeeBase[] = ["principal", "disbursed", "outstanding", "installment"];

/** `fees`: an array of uniquely named fees, none by default. */
export function readFees(
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
  const financeCharge = r.boolean(fields.financeCharge, `${field}.financeCharge`, true);
  if (
    financeCharge === INVALID ||
    name === INVALID ||
    charge === INVALID ||
    base === INVALID ||
    timing === INVALID ||
    origination === INVALID ||
    tiers === INVALID
  ) {
    return INVALID;
  }
  return { name, tiers, base, charge, timing, origination, financeCharge };
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
