// Amounts, rates and counts as the simulators' plain-language summaries write them: "5,000.00", "7.8 %",
// "14 months". The JSON documents keep plain decimal strings ("5000.00"); only sentences group thousands.

import { formatMinor } from "../../core/money.ts";

/** Minor units as text with thousands separators: (500000, 2) → "5,000.00", (-123456789, 0) → "-123,456,789". */
export function moneyText(minor: number, digits: number): string {
  const plain = formatMinor(minor, digits);
  const negative = plain.startsWith("-");
  const unsigned = negative ? plain.slice(1) : plain;
  const point = unsigned.indexOf(".");
  const whole = point === -1 ? unsigned : unsigned.slice(0, point);
  const fraction = point === -1 ? "" : unsigned.slice(point);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${negative ? "-" : ""}${grouped}${fraction}`;
}

/** A fraction as a percent with at most 4 decimals and no trailing zeros: 78/1000 → "7.8 %", 1/12 → "8.3333 %". */
export { percentText } from "../capacity-explanation.ts";

/** "1 month", "14 months"; the unit given in the singular. */
export function countText(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? "" : "s"}`;
}
