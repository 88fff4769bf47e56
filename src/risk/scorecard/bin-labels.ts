// Plain labels of bins for the points table and reason codes: "12.5 % to under 30 %", "under 2 years",
// "part-time, other", "not given".
import type { BinRule } from "./binning.ts";
import type { CharacteristicFormat } from "./characteristic.ts";
import { decimalText } from "./rounding.ts";

export function binLabel(rule: BinRule, format: CharacteristicFormat): string {
  if (rule.kind === "missing") return "not given";
  if (rule.kind === "levels") return rule.levels.join(", ");
  const { lower, upper } = rule;
  const text = (value: number) =>
    format === "percent" ? decimalText(value * 100, 1) : decimalText(value, 3);
  const unit = (value: number): string => {
    if (format === "percent") return " %";
    if (format === "years") return value === 1 ? " year" : " years";
    if (format === "months") return value === 1 ? " month" : " months";
    return "";
  };
  if (lower === null && upper === null) return "any";
  if (lower === null) return `under ${text(upper as number)}${unit(upper as number)}`;
  if (upper === null) return `${text(lower)}${unit(lower)} or more`;
  const lowerUnit = format === "percent" ? " %" : "";
  return `${text(lower)}${lowerUnit} to under ${text(upper)}${unit(upper)}`;
}
