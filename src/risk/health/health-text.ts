// The wording of the computed figures the health models show: months with one decimal ("1.8 months") and
// debt-service shares with one decimal ("32.5 %"). Money and given rates use the simulators' wording
// (src/planning/simulators/summary-text.ts: "2,340.00", "7.8 %").
import { type Ratio, ratioToNumber } from "../../core/ratio.ts";

/** A number with one decimal, trailing ".0" dropped: 1.83 → "1.8", 6 → "6". */
export function oneDecimal(value: number): string {
  const text = value.toFixed(1); // float-ok: display of a count of months or a share, not money
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}

/** A computed share (a debt-service ratio) as a percentage with one decimal: 0.32456 → "32.5 %". */
export function shareText(share: Ratio): string {
  return `${oneDecimal(ratioToNumber(share) * 100)} %`;
}
