// The schedule generator: terms in, a reconciled schedule out (docs/reference/schedule-rules.md).
// Pure: no clock, no I/O; every amount is an exact integer number of minor units.
import { fail } from "../core/errors.ts";
import { amortize } from "./amortize.ts";
import { derivePlanRate } from "./derive-plan-rate.ts";
import { buildPeriods } from "./due-dates.ts";
import { originationFees, recurringFees } from "./fees.ts";
import { buildRates, type PeriodRate } from "./rate-factors.ts";
import type { FeeAmount, Installment, Schedule, ScheduleTotals } from "./schedule.ts";
import type { Terms } from "./terms.ts";

export function generateSchedule(terms: Terms): Schedule {
  const periods = buildPeriods(terms);
  const derivedRate = terms.interest.rate === undefined ? derivePlanRate(terms, periods) : undefined;
  const rate = terms.interest.rate ?? derivedRate;
  if (rate === undefined) return fail("INVALID_TERMS", "interest.rate", undefined, "is required");
  const rates = buildRates(terms, periods, rate);
  const origination = originationFees(terms);
  const amortization = amortize(terms, periods, rates, terms.principalMinor + origination.financedMinor);
  const n = terms.installmentCount;
  const installmentAmounts = amortization.principal.map((p, i) => p + (amortization.interest[i] as number));
  const fees = recurringFees(terms, periods, {
    principalMinor: terms.principalMinor,
    disbursedMinor: terms.principalMinor - origination.deductedMinor,
    openingBalances: amortization.openingBalance,
    installmentAmounts,
    firstChargedIndex: terms.grace?.fees === "waived" ? terms.grace.installments : 0,
  });
  if (origination.firstInstallment.length > 0) fees[0] = mergeFees(terms, origination.firstInstallment, fees[0] ?? []);
  const installments: Installment[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const rowFees = fees[i] as FeeAmount[];
    let feesMinor = 0;
    for (const fee of rowFees) feesMinor += fee.amountMinor;
    const principalMinor = amortization.principal[i] as number;
    const interestMinor = amortization.interest[i] as number;
    const rate = rates.periods[i] as PeriodRate;
    const start = periods.startDays[i] as number;
    const due = periods.dueDays[i] as number;
    installments[i] = {
      number: i + 1,
      startDay: start,
      dueDay: due,
      days: due - start,
      principalMinor,
      interestMinor,
      fees: rowFees,
      feesMinor,
      totalMinor: principalMinor + interestMinor + feesMinor,
      capitalizedMinor: amortization.capitalized[i] as number,
      balanceMinor: amortization.balance[i] as number,
      explain: {
        rateFactor: rate.factor.ratio,
        time: rate.time,
        daysCounted: rate.daysCounted,
        basis: terms.interest.distribution,
        accruedInterestMinor: amortization.accrued[i] as number,
        roundingResidualMinor: amortization.residual[i] as number,
        grace: i < (terms.grace?.installments ?? 0),
      },
    };
  }
  return {
    terms,
    installments,
    totals: totalsOf(terms, installments, origination.deductedMinor, origination.financedMinor),
    derived: { levelInstallmentMinor: amortization.levelMinor, rate: derivedRate },
    warnings: amortization.warnings,
  };
}

/** Origination fees due with installment 1 join its recurring fees, keeping the order of `terms.fees`. */
function mergeFees(terms: Terms, origination: readonly FeeAmount[], recurring: readonly FeeAmount[]): FeeAmount[] {
  const merged: FeeAmount[] = [];
  for (const fee of terms.fees) {
    let amountMinor = 0;
    for (const item of origination) if (item.name === fee.name) amountMinor += item.amountMinor;
    for (const item of recurring) if (item.name === fee.name) amountMinor += item.amountMinor;
    if (amountMinor > 0) merged.push({ name: fee.name, amountMinor });
  }
  return merged;
}

function totalsOf(terms: Terms, rows: readonly Installment[], deductedMinor: number, financedMinor: number): ScheduleTotals {
  let principalMinor = 0;
  let interestMinor = 0;
  let feesMinor = 0;
  let capitalizedInterestMinor = 0;
  for (const row of rows) {
    principalMinor += row.principalMinor;
    interestMinor += row.interestMinor;
    feesMinor += row.feesMinor;
    capitalizedInterestMinor += row.capitalizedMinor;
  }
  const totalMinor = principalMinor + interestMinor + feesMinor;
  if (!Number.isSafeInteger(totalMinor)) {
    fail("AMOUNT_OUT_OF_RANGE", "terms", totalMinor, "give a schedule total above 9007199254740991 minor units; lower the rate, the term or the principal");
  }
  const last = rows[rows.length - 1];
  return {
    principalMinor,
    interestMinor,
    feesMinor,
    totalMinor,
    installmentCount: rows.length,
    netDisbursementMinor: terms.principalMinor - deductedMinor,
    financedFeesMinor: financedMinor,
    capitalizedInterestMinor,
    maturityDay: last === undefined ? terms.disbursementDay : last.dueDay,
  };
}
