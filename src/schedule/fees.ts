// Fees of a schedule (docs/reference/schedule-rules.md §8): disbursement fees (deducted, financed or due with
// the first installment) and recurring fees (every installment, every N installments, every N days).

import type { RoundingMode } from "../core/rounding.ts";
import type { Periods } from "./due-dates.ts";
import { applyFactor, makeFactor } from "./rate-factors.ts";
import type { FeeAmount } from "./schedule.ts";
import type { FeeTerms, FeeValue, Terms } from "./terms.ts";

export interface OriginationFees {
  readonly deductedMinor: number;
  readonly financedMinor: number;
  /** Deducted fees that are finance charges: prepaid finance charges, outside the amount financed. */
  readonly deductedFinanceChargeMinor: number;
  /** Financed fees that are not finance charges: part of the amount financed. */
  readonly financedOtherMinor: number;
  readonly firstInstallment: readonly FeeAmount[];
}

export function originationFees(terms: Terms): OriginationFees {
  const mode = terms.rounding.mode;
  const amounts = new Map<FeeTerms, number>();
  // A disbursement fee on the `disbursed` base is charged on what the borrower receives: the principal less
  // the deducted fees that do not themselves depend on it (which would be circular). So those come first.
  let deductedFirstMinor = 0;
  for (const fee of terms.fees) {
    const tier = fee.tiers[0];
    if (fee.charge.kind !== "disbursement" || fee.base === "disbursed" || tier === undefined) continue;
    const amountMinor = valueOn(tier.value, terms.principalMinor, mode);
    amounts.set(fee, amountMinor);
    if (fee.origination === "deducted") deductedFirstMinor += amountMinor;
  }
  for (const fee of terms.fees) {
    const tier = fee.tiers[0];
    if (fee.charge.kind !== "disbursement" || fee.base !== "disbursed" || tier === undefined) continue;
    amounts.set(fee, valueOn(tier.value, terms.principalMinor - deductedFirstMinor, mode));
  }
  let deductedMinor = 0;
  let financedMinor = 0;
  let deductedFinanceChargeMinor = 0;
  let financedOtherMinor = 0;
  const firstInstallment: FeeAmount[] = [];
  for (const fee of terms.fees) {
    const amountMinor = amounts.get(fee);
    if (amountMinor === undefined) continue;
    if (fee.origination === "deducted") {
      deductedMinor += amountMinor;
      if (fee.financeCharge) deductedFinanceChargeMinor += amountMinor;
    } else if (fee.origination === "financed") {
      financedMinor += amountMinor;
      if (!fee.financeCharge) financedOtherMinor += amountMinor;
    } else if (amountMinor > 0) firstInstallment.push({ name: fee.name, amountMinor });
  }
  return { deductedMinor, financedMinor, deductedFinanceChargeMinor, financedOtherMinor, firstInstallment };
}

/** What recurring fees need to know about each installment. */
export interface FeeBases {
  readonly principalMinor: number;
  readonly disbursedMinor: number;
  /** Balance at the start of each period. */
  readonly openingBalances: readonly number[];
  /** Principal + interest due in each installment. */
  readonly installmentAmounts: readonly number[];
  /** Installments (0-based) before this index carry no recurring fees (grace with fees waived). */
  readonly firstChargedIndex: number;
}

const NO_FEES: readonly FeeAmount[] = Object.freeze([]);

/** Recurring fees per installment, in the order of `terms.fees`, nonzero entries only. */
export function recurringFees(terms: Terms, periods: Periods, bases: FeeBases): (readonly FeeAmount[])[] {
  const n = periods.dueDays.length;
  // Most loans have no recurring fee: share one frozen empty list instead of allocating one per installment.
  if (!terms.fees.some((fee) => fee.charge.kind !== "disbursement"))
    return new Array<readonly FeeAmount[]>(n).fill(NO_FEES);
  const perInstallment: FeeAmount[][] = Array.from({ length: n }, () => []);
  for (const fee of terms.fees) {
    if (fee.charge.kind === "disbursement") continue;
    const counts = occurrences(fee, periods);
    for (let i = bases.firstChargedIndex; i < n; i++) {
      const count = counts[i] as number;
      if (count === 0) continue;
      const value = tierValue(fee, i + 1);
      if (value === undefined) continue;
      const amountMinor = count * valueOn(value, baseOf(fee, i, bases), terms.rounding.mode);
      if (amountMinor > 0) (perInstallment[i] as FeeAmount[]).push({ name: fee.name, amountMinor });
    }
  }
  return perInstallment;
}

/** How many times the fee falls due in each installment. */
function occurrences(fee: FeeTerms, periods: Periods): number[] {
  const n = periods.dueDays.length;
  const counts = new Array<number>(n).fill(0);
  const charge = fee.charge;
  if (charge.kind === "installment") return counts.fill(1);
  if (charge.kind === "every-installments") {
    for (let i = 0; i < n; i++) {
      const hit = fee.timing === "end" ? (i + 1) % charge.every === 0 : i % charge.every === 0;
      if (hit) counts[i] = 1;
    }
    return counts;
  }
  if (charge.kind !== "every-days") return counts;
  const disbursement = periods.disbursementDay;
  const lastDue = periods.dueDays[n - 1] as number;
  let installment = 0;
  for (let j = fee.timing === "end" ? 1 : 0; ; j++) {
    const day = disbursement + j * charge.every;
    if (fee.timing === "end" ? day > lastDue : day >= lastDue) break;
    // end: the period (start, due] holds the day; start: [start, due).
    while (
      fee.timing === "end"
        ? day > (periods.dueDays[installment] as number)
        : day >= (periods.dueDays[installment] as number)
    ) {
      installment++;
    }
    counts[installment] = (counts[installment] as number) + 1;
  }
  return counts;
}

function tierValue(fee: FeeTerms, installmentNumber: number): FeeValue | undefined {
  for (const tier of fee.tiers)
    if (installmentNumber >= tier.from && installmentNumber <= tier.to) return tier.value;
  return undefined;
}

function baseOf(fee: FeeTerms, index: number, bases: FeeBases): number {
  switch (fee.base) {
    case "principal":
      return bases.principalMinor;
    case "disbursed":
      return bases.disbursedMinor;
    case "outstanding":
      return bases.openingBalances[index] as number;
    case "installment":
      return bases.installmentAmounts[index] as number;
  }
}

function valueOn(value: FeeValue, baseMinor: number, mode: RoundingMode): number {
  if ("amountMinor" in value) return value.amountMinor;
  return applyFactor(baseMinor, makeFactor(value.percent), mode);
}
