// Values written into issue messages.
import { mulRatio, type Ratio, ratioFromInt, ratioToDecimalString } from "../../core/ratio.ts";

/** `"a", "b" or "c"` (strings quoted, numbers bare), prefixed with "one of" when there is a choice. */
export function listAllowed(allowed: readonly (string | number)[]): string {
  const quoted = allowed.map((item) => JSON.stringify(item));
  if (quoted.length === 1) return quoted[0] ?? "";
  return `one of ${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

/** A ratio as a short decimal: up to `maxDecimals` (4) decimal places, trailing zeros dropped: 39/5 → "7.8". */
export function decimalText(value: Ratio, maxDecimals = 4): string {
  const text = ratioToDecimalString(value, maxDecimals);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** A fraction as a percent, up to `maxDecimals` (4) decimal places, trailing zeros dropped: 78/1000 → "7.8". */
export function percentDecimalText(fraction: Ratio, maxDecimals = 4): string {
  return decimalText(mulRatio(fraction, ratioFromInt(100)), maxDecimals);
}
