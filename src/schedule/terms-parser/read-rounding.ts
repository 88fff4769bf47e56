import type { Currency } from "../../core/currency.ts";
import { formatMinor, parseMoneyMinor } from "../../core/money.ts";
import { ROUNDING_MODES } from "../../core/rounding.ts";
import type { Terms } from "../terms.ts";
import { MAX_AMOUNT_MINOR } from "./limits.ts";
import { INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

/** `rounding`: mode (default "half-even"), step (default the minor unit) and residual (default "last"). */
export function readRounding(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency>,
): Parsed<Terms["rounding"]> {
  const field = "rounding";
  const fields =
    value === undefined ? {} : r.object(value, field, ["mode", "step", "residual"], '{"mode": "half-even"}');
  if (fields === INVALID) return INVALID;
  const mode = r.oneOf(fields.mode, `${field}.mode`, ROUNDING_MODES, "half-even");
  const residual = r.oneOf(
    fields.residual,
    `${field}.residual`,
    ["last", "first", "spread", "none"] as const,
    "last",
  );
  const stepMinor = fields.step === undefined ? 1 : readStep(r, fields.step, currency);
  if (mode === INVALID || residual === INVALID || stepMinor === INVALID) return INVALID;
  return { mode, stepMinor, residual };
}

/** The rounding step in minor units: a positive multiple of the currency's minor unit. */
function readStep(r: TermsReader, value: unknown, currency: Parsed<Currency>): Parsed<number> {
  const field = "rounding.step";
  const text = r.decimalText(value, field, 'a positive amount such as "0.01", "1" or "100"');
  if (text === INVALID || currency === INVALID) return INVALID;
  const minor = parseMoneyMinor(text, currency.digits);
  if (minor === undefined || minor <= 0n || minor > MAX_AMOUNT_MINOR) {
    const unit = formatMinor(1, currency.digits);
    const examples = [1, 100, 10000].map((m) => `"${formatMinor(m, currency.digits)}"`).join(", ");
    return r.report(
      field,
      value,
      `must be a positive multiple of the minor unit ${unit} of ${currency.code}, such as ${examples}`,
    );
  }
  // float-ok: checked ≤ 10^15 minor units above: converts exactly
  return Number(minor);
}
