// The schedule generator: terms in, a reconciled schedule out (docs/reference/schedule-rules.md).
// Pure: no clock, no I/O; every amount is an exact integer number of minor units.
import { fail } from "../core/errors.ts";
import type { Ratio } from "../core/ratio.ts";
import { amortize } from "./amortize.ts";
import { ComputedSchedule, checkScheduleTotal } from "./computed-schedule.ts";
import { derivePlanRate } from "./derive-plan-rate.ts";
import { buildPeriods, type Periods } from "./due-dates.ts";
import { fastLevelSchedule, fitsFastLevel } from "./fast-level.ts";
import { originationFees, recurringFees } from "./fees.ts";
import { checkRateCap } from "./rate-cap.ts";
import { buildRates, type Rates } from "./rate-factors.ts";
import { residualFixes } from "./residual-fixes.ts";
import type { FeeAmount, Schedule, ScheduleColumns, ScheduleTotals } from "./schedule.ts";
import { scheduleRates } from "./schedule-rates.ts";
import type { Terms } from "./terms.ts";

export function generateSchedule(terms: Terms): Schedule {
  const periods = buildPeriods(terms);
  const derivedRate = terms.interest.rate === undefined ? derivePlanRate(terms, periods) : undefined;
  const rate = terms.interest.rate ?? derivedRate;
  if (rate === undefined) return fail("INVALID_TERMS", "interest.rate", undefined, "is required");
  const rates = buildRates(terms, periods, rate);
  const schedule = fitsFastLevel(terms, periods, rates)
    ? fastLevelSchedule(terms, periods, rates)
    : generalSchedule(terms, periods, rates, derivedRate);
  // A capped product's rate is checked on every schedule, so none above the cap leaves the engine.
  if (terms.rateCapPercent !== undefined) checkRateCap(schedule, scheduleRates(schedule));
  return withConcreteFixes(schedule);
}

/** Adds the nearby settings that would make the amounts divide to a RESIDUAL_NOT_ALLOWED warning. */
function withConcreteFixes(schedule: Schedule): Schedule {
  const index = schedule.warnings.findIndex((warning) => warning.code === "RESIDUAL_NOT_ALLOWED");
  const warning = schedule.warnings[index];
  if (warning === undefined) return schedule;
  const fixes = [...residualFixes(schedule.terms, generateSchedule), ...warning.fixes];
  const warnings = schedule.warnings.map((w, i) => (i === index ? { ...w, fixes } : w));
  return new ComputedSchedule(schedule.terms, schedule.columns, schedule.totals, schedule.derived, warnings);
}

/** The general path: every loan type, payment method, grace, fee and placement. */
export function generalSchedule(
  terms: Terms,
  periods: Periods,
  rates: Rates,
  derivedRate: Ratio | undefined,
): Schedule {
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
  if (origination.firstInstallment.length > 0)
    fees[0] = mergeFees(terms, origination.firstInstallment, fees[0] ?? []);
  const hasFees = fees.some((row) => row.length > 0);
  const feesMinor = hasFees
    ? fees.map((row) => row.reduce((sum, fee) => sum + fee.amountMinor, 0))
    : undefined;
  const sameRates = amortization.rateAt(0) === rates.regular && allSame(n, (i) => amortization.rateAt(i));
  const columns: ScheduleColumns = {
    disbursementDay: periods.disbursementDay,
    dueDays: periods.dueDays,
    principalMinor: amortization.principal,
    interestMinor: amortization.interest,
    balanceMinor: amortization.balance,
    fees: hasFees ? fees : undefined,
    feesMinor,
    capitalizedMinor: amortization.capitalized.some((x) => x !== 0) ? amortization.capitalized : undefined,
    accruedInterestMinor: amortization.accrued.every((x, i) => x === amortization.interest[i])
      ? undefined
      : amortization.accrued,
    roundingResiduals: new Map(amortization.residual.flatMap((x, i) => (x === 0 ? [] : [[i, x] as const]))),
    rates: sameRates ? rates.regular : Array.from({ length: n }, (_, i) => amortization.rateAt(i)),
  };
  return new ComputedSchedule(
    terms,
    columns,
    totalsOf(terms, columns, origination.deductedMinor, origination.financedMinor),
    { levelInstallmentMinor: amortization.levelMinor, rate: derivedRate },
    amortization.warnings,
  );
}

function allSame<T>(count: number, at: (index: number) => T): boolean {
  const first = at(0);
  for (let i = 1; i < count; i++) if (at(i) !== first) return false;
  return true;
}

/** Origination fees due with installment 1 join its recurring fees, keeping the order of `terms.fees`. */
function mergeFees(
  terms: Terms,
  origination: readonly FeeAmount[],
  recurring: readonly FeeAmount[],
): FeeAmount[] {
  const merged: FeeAmount[] = [];
  for (const fee of terms.fees) {
    let amountMinor = 0;
    for (const item of origination) if (item.name === fee.name) amountMinor += item.amountMinor;
    for (const item of recurring) if (item.name === fee.name) amountMinor += item.amountMinor;
    if (amountMinor > 0) merged.push({ name: fee.name, amountMinor });
  }
  return merged;
}

function totalsOf(
  terms: Terms,
  c: ScheduleColumns,
  deductedMinor: number,
  financedMinor: number,
): ScheduleTotals {
  const n = c.dueDays.length;
  const sum = (column: readonly number[] | undefined) =>
    column === undefined ? 0 : column.reduce((a, b) => a + b, 0);
  const principalMinor = sum(c.principalMinor);
  const interestMinor = sum(c.interestMinor);
  const feesMinor = sum(c.feesMinor);
  const totalMinor = principalMinor + interestMinor + feesMinor;
  checkScheduleTotal(totalMinor);
  return {
    principalMinor,
    interestMinor,
    feesMinor,
    totalMinor,
    installmentCount: n,
    netDisbursementMinor: terms.principalMinor - deductedMinor,
    financedFeesMinor: financedMinor,
    capitalizedInterestMinor: sum(c.capitalizedMinor),
    maturityDay: n === 0 ? terms.disbursementDay : (c.dueDays[n - 1] as number),
  };
}
