// Small builders shared by the servicing tests: ISO dates to day numbers, and repayment events.
import { type DayNumber, type LoanEvent, parseIsoDate } from "../../src/index.ts";
import type { OverpaymentMode } from "../../src/servicing/types.ts";

/** The day number of an ISO date; a typo in a test's date fails loudly. */
export function day(iso: string): DayNumber {
  const parsed = parseIsoDate(iso);
  if (parsed === undefined) throw new Error(`bad date ${iso}`);
  return parsed;
}

/** A repayment event, with the product's overpayment mode unless one is given. */
export function repayment(
  id: string,
  iso: string,
  amountMinor: number,
  overpayment?: OverpaymentMode,
): LoanEvent {
  return { id, type: "repayment", day: day(iso), amountMinor, overpayment };
}
