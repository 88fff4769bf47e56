// Plain-language pieces of the plan answers: amounts with their currency, percentages, month names, and the
// one-line description of a plan ("Monthly, 36 months, level installments").
import { formatIsoDate } from "../../core/calendar-date.ts";
import { formatMinor } from "../../core/money.ts";
import { type Ratio, ratio, ratioToDecimalString } from "../../core/ratio.ts";
import { monthName } from "../capacity-explanation.ts";
import type { CapacityAssessment } from "../capacity-types.ts";
import type { PlanSpec } from "./plan-spec.ts";
import { percentText } from "./plan-terms.ts";

export function moneyText(
  minor: number,
  currency: { readonly code: string; readonly digits: number },
): string {
  return `${formatMinor(minor, currency.digits)} ${currency.code}`;
}

/** A fraction as a percent with one decimal: 7/25 → "28.0 %". */
export function percentOf(fraction: Ratio): string {
  return `${ratioToDecimalString(ratio(fraction.num * 100n, fraction.den), 1)} %`;
}

/** A percent as written: 19/2 → "9.5 %". */
export function percentValue(percent: Ratio): string {
  return `${percentText(percent)} %`;
}

/** "March 2026" for month `index` of the capacity assessment. */
export function monthText(capacity: CapacityAssessment, index: number): string {
  const row = capacity.months[index];
  return row === undefined ? `month ${index}` : monthName(row);
}

export function dateText(day: number): string {
  return formatIsoDate(day);
}

/** "Monthly, 36 months, level installments (annuity)". */
export function planLabel(spec: PlanSpec): string {
  const period =
    spec.shape.name === "pay-day"
      ? `Aligned to pay dates (${spec.shape.termsPeriod === "biweekly" ? "every two weeks" : spec.shape.termsPeriod})`
      : capitalized(spec.shape.name);
  return `${period}, ${spec.termMonths} months, ${methodLabel(spec)}`;
}

export function methodLabel(spec: PlanSpec): string {
  const method = spec.method;
  const type = spec.loanType === "classic" ? "equal principal (classic)" : "level installments";
  switch (method.kind) {
    case "standard":
      return type;
    case "step-up":
      return `installments rising ${percentValue(method.changePercent)} a year`;
    case "step-down":
      return `installments falling ${percentValue(ratio(-method.changePercent.num, method.changePercent.den))} a year`;
    case "seasonal":
      return "seasonal installments following your capacity";
    case "balloon":
      return `level installments with a ${percentValue(method.percent)} balloon at the end`;
    case "grace":
      return `${type} after ${method.installments} interest-only installments`;
    case "custom":
      return "your own installments";
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
