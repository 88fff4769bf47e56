// Reads a product's servicing rules document (docs/reference/servicing-events.md, "Servicing rules") into
// `ServicingRules`. Same approach as the terms parser (src/schedule/parse-terms.ts): hand-written readers that
// collect every issue of the document, each naming the dotted field, the value received and what is allowed.
import { assert, TenorError } from "../core/errors.ts";
import { allFieldsValid, INVALID, type Parsed, TermsReader } from "../schedule/terms-parser/terms-reader.ts";
import { DEFAULT_SERVICING_RULES } from "./default-rules.ts";
import { readAmountMinor } from "./read-amounts.ts";
import { readComponentOrder } from "./rules-parser/read-component-order.ts";
import { readLateFee, readPastDueInterest } from "./rules-parser/read-late-charges.ts";
import { readWaterfall } from "./rules-parser/read-waterfall.ts";
import { MAX_EVENTS_LIMIT, MAX_LATE_GRACE_DAYS } from "./servicing-limits.ts";
import type { ClosingRule, OverpaymentMode, ServicingRules } from "./types.ts";

const RULE_FIELDS = [
  "accrualPriority",
  "waterfall",
  "notYetDueOrder",
  "closing",
  "overpayment",
  "lateGraceDays",
  "pastDueInterest",
  "lateFee",
  "nsfFee",
  "writeOffTolerance",
  "maxEvents",
];

const CLOSING_RULES: readonly ClosingRule[] = ["scheduled", "accrued"];
export const OVERPAYMENT_MODES: readonly OverpaymentMode[] = [
  "close-forward",
  "close-backward",
  "reduce-term",
  "reduce-installment",
];

/**
 * Validates a servicing rules document for a loan whose currency has `currencyDigits` minor-unit digits and
 * returns the rules with every default of DEFAULT_SERVICING_RULES applied (`undefined` gives the defaults).
 * Throws `TenorError("INVALID_SERVICING_RULES", issues)` listing every problem, each naming the dotted field
 * (`waterfall[1].components[2]`, 0-based indexes), the value received and what is allowed.
 */
export function parseServicingRules(document: unknown, currencyDigits: number): ServicingRules {
  assert(
    Number.isSafeInteger(currencyDigits) && currencyDigits >= 0 && currencyDigits <= 18,
    `parseServicingRules: invalid currency digits ${currencyDigits}`,
  );
  if (document === undefined) return DEFAULT_SERVICING_RULES;
  const reader = new TermsReader();
  const rules = readServicingRules(reader, document, currencyDigits);
  if (reader.issues.length > 0) throw new TenorError("INVALID_SERVICING_RULES", reader.issues);
  assert(rules !== INVALID, "parseServicingRules: invalid rules without an issue");
  return rules;
}

function readServicingRules(r: TermsReader, document: unknown, digits: number): Parsed<ServicingRules> {
  const doc = r.object(
    document,
    "(document)",
    RULE_FIELDS,
    '{"overpayment": "reduce-term", "lateGraceDays": 5}',
  );
  if (doc === INVALID) return INVALID;
  const defaults = DEFAULT_SERVICING_RULES;
  const rules: { readonly [K in keyof ServicingRules]: Parsed<ServicingRules[K]> } = {
    accrualPriority: readComponentOrder(r, doc.accrualPriority, "accrualPriority", defaults.accrualPriority),
    waterfall: readWaterfall(r, doc.waterfall, defaults.waterfall),
    notYetDueOrder: readComponentOrder(r, doc.notYetDueOrder, "notYetDueOrder", defaults.notYetDueOrder),
    closing: r.oneOf(doc.closing, "closing", CLOSING_RULES, defaults.closing),
    overpayment: r.oneOf(doc.overpayment, "overpayment", OVERPAYMENT_MODES, defaults.overpayment),
    lateGraceDays: r.integer(
      doc.lateGraceDays,
      "lateGraceDays",
      0,
      MAX_LATE_GRACE_DAYS,
      defaults.lateGraceDays,
    ),
    pastDueInterest: readPastDueInterest(r, doc.pastDueInterest),
    lateFee: readLateFee(r, doc.lateFee, digits),
    nsfFeeMinor: optionalAmount(r, doc.nsfFee, "nsfFee", digits, defaults.nsfFeeMinor),
    writeOffToleranceMinor: optionalAmount(
      r,
      doc.writeOffTolerance,
      "writeOffTolerance",
      digits,
      defaults.writeOffToleranceMinor,
    ),
    maxEvents: r.integer(doc.maxEvents, "maxEvents", 1, MAX_EVENTS_LIMIT, defaults.maxEvents),
  };
  return allFieldsValid(rules) ? rules : INVALID;
}

/** An amount of 0 or more (0 turns the rule off), `fallback` when absent. */
function optionalAmount(
  r: TermsReader,
  value: unknown,
  field: string,
  digits: number,
  fallback: number,
): Parsed<number> {
  return value === undefined ? fallback : readAmountMinor(r, value, field, digits, "non-negative");
}
