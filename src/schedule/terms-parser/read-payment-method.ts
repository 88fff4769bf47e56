import type { Currency } from "../../core/currency.ts";
import type { PaymentMethod } from "../terms.ts";
import { MAX_INSTALLMENTS } from "./limits.ts";
import { percentToFraction } from "./percent-to-fraction.ts";
import { readTiers } from "./read-tiers.ts";
import { type Fields, INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

const PAYMENT_TYPES = ["standard", "optimized", "balloon", "graduated", "plan"] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

export interface PaymentMethodResult {
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

/** `paymentMethod`, "standard" by default; its details are read by type. */
export function readPaymentMethod(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
): PaymentMethodResult {
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
