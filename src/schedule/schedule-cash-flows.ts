// The cash flows between lender and borrower that a schedule implies, as effective rates see them
// (docs/reference/effective-rates.md): the amount financed on the disbursement date, then each installment's
// principal, interest and finance-charge fees on its due date. Fees marked `financeCharge: false` stay out of
// both sides: a deducted one is part of what was financed (paid on the borrower's behalf), a recurring one is
// not a payment for the credit.
import type { DayNumber } from "../core/calendar-date.ts";
import { originationFees } from "./fees.ts";
import type { Schedule } from "./schedule.ts";

export interface ScheduleCashFlows {
  readonly disbursementDay: DayNumber;
  /** Principal, less prepaid finance charges, plus financed fees that are not finance charges. */
  readonly amountFinancedMinor: number;
  /** Each installment's payment for the credit (0 for a grace installment with nothing due). */
  readonly paymentsMinor: readonly number[];
  readonly dueDays: readonly DayNumber[];
  /** Total payments less the amount financed: the cost of the credit in money. */
  readonly financeChargeMinor: number;
}

export function scheduleCashFlows(schedule: Schedule): ScheduleCashFlows {
  const { terms, columns } = schedule;
  const origination = originationFees(terms);
  const financeCharge = new Map(terms.fees.map((fee) => [fee.name, fee.financeCharge]));
  const n = schedule.count;
  const paymentsMinor: number[] = new Array(n);
  let paidMinor = 0;
  for (let i = 0; i < n; i++) {
    let payment = (columns.principalMinor[i] as number) + (columns.interestMinor[i] as number);
    for (const fee of columns.fees?.[i] ?? [])
      if (financeCharge.get(fee.name) === true) payment += fee.amountMinor;
    paymentsMinor[i] = payment;
    paidMinor += payment;
  }
  const amountFinancedMinor =
    terms.principalMinor - origination.deductedFinanceChargeMinor + origination.financedOtherMinor;
  return {
    disbursementDay: columns.disbursementDay,
    amountFinancedMinor,
    paymentsMinor,
    dueDays: columns.dueDays,
    financeChargeMinor: paidMinor - amountFinancedMinor,
  };
}
