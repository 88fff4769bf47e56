// Values written into issue messages.
import { type Ratio, ratioToDecimalString } from "../../core/ratio.ts";

/** `"a", "b" or "c"` (strings quoted, numbers bare), prefixed with "one of" when there is a choice. */
export function listAllowed(allowed: readonly (string | number)[]): string {
  const quoted = allowed.map((item) => JSON.stringify(item));
  if (quoted.length === 1) return quoted[0] ?? "";
  return `one of ${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

/** A ratio as a short decimal for messages: up to 4 decimal places, trailing zeros dropped. */
export function decimalText(value: Ratio): string {
  return ratioToDecimalString(value, 4).replace(/\.?0+$/, "");
}
