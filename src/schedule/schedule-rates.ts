// A schedule's effective rates (issue 3, docs/reference/effective-rates.md): the rate its regime requires
// lenders to disclose — US Reg Z APR, EU APRC or China's annualized rate — plus its IRR per installment period
// (and annualized nominally) and its XIRR, all from the cash flows of schedule-cash-flows.ts.
import { ratioToNumber } from "../core/ratio.ts";
import { cnAnnualizedRate } from "../rates/cn-annualized-rate.ts";
import { euAprc } from "../rates/eu-aprc.ts";
import { irr } from "../rates/irr.ts";
import { regZApr } from "../rates/reg-z-apr.ts";
import { xirr } from "../rates/xirr.ts";
import { nominalDaysInYear, regularPeriodYears } from "./rate-factors.ts";
import type { Schedule } from "./schedule.ts";
import { type ScheduleCashFlows, scheduleCashFlows } from "./schedule-cash-flows.ts";
import type { RateRegime, Terms } from "./terms.ts";

export interface ScheduleRates {
  readonly regime: RateRegime;
  /** The regime's rate in percent, unrounded, and as the regime rounds it ("12.68" Reg Z, "12.7" EU). */
  readonly disclosedPercent: number;
  readonly disclosedText: string;
  /** The rate of return per installment period, and that × periods per year (nominal). */
  readonly irrPeriodPercent: number;
  readonly irrAnnualPercent: number;
  /** The annual rate on actual days / 365 (Excel's XIRR). */
  readonly xirrPercent: number;
  readonly periodsPerYear: number;
  readonly amountFinancedMinor: number;
  readonly financeChargeMinor: number;
}

export function scheduleRates(schedule: Schedule): ScheduleRates {
  const flows = scheduleCashFlows(schedule);
  const regime = schedule.terms.rateRegime;
  const periodsPerYear = periodsPerYearOf(schedule.terms);
  const disclosed = disclosedRate(regime, flows, periodsPerYear);
  const values = [-flows.amountFinancedMinor, ...flows.paymentsMinor];
  // Start the solvers near the answer: for an annuity, the finance charge spread over the average time the
  // money is out gives the periodic rate to within a few percent (with one sign change the guess changes only
  // how fast the solver gets there, never the root: irr.ts).
  const guess = periodicRateGuess(flows);
  const periodRate = irr(values, { guess }).rate;
  const dated = [
    { day: flows.disbursementDay, amountMinor: -flows.amountFinancedMinor },
    ...flows.paymentsMinor.map((amountMinor, i) => ({ day: flows.dueDays[i] as number, amountMinor })),
  ];
  return {
    regime,
    disclosedPercent: disclosed.percent,
    disclosedText: disclosed.text,
    irrPeriodPercent: periodRate * 100, // float-ok: a solver's result, reported as a rate
    irrAnnualPercent: periodRate * periodsPerYear * 100, // float-ok: a solver's result, reported as a rate
    // float-ok: a solver's result, reported as a rate; the guess compounds the periodic one to a year
    xirrPercent: xirr(dated, { guess: (1 + guess) ** periodsPerYear - 1 }).rate * 100,
    periodsPerYear,
    amountFinancedMinor: flows.amountFinancedMinor,
    financeChargeMinor: flows.financeChargeMinor,
  };
}

function disclosedRate(
  regime: RateRegime,
  flows: ScheduleCashFlows,
  periodsPerYear: number,
): { percent: number; text: string } {
  const payments = flows.paymentsMinor.flatMap((amountMinor, i) =>
    amountMinor > 0 ? [{ day: flows.dueDays[i] as number, amountMinor }] : [],
  );
  const advance = { day: flows.disbursementDay, amountMinor: flows.amountFinancedMinor };
  switch (regime) {
    case "us-regz": {
      const result = regZApr({ advances: [advance], payments });
      return { percent: result.aprPercent, text: result.aprText };
    }
    case "eu-aprc": {
      const result = euAprc({ drawdowns: [advance], payments });
      return { percent: result.aprcPercent, text: result.aprcText };
    }
    case "cn-annualized": {
      const result = cnAnnualizedRate({
        disbursements: [{ period: 0, amountMinor: flows.amountFinancedMinor }],
        payments: flows.paymentsMinor.flatMap((amountMinor, i) =>
          amountMinor > 0 ? [{ period: i + 1, amountMinor }] : [],
        ),
        periodsPerYear,
      });
      return { percent: result.annualizedPercent, text: result.annualizedText };
    }
  }
}

/** 2·(paid / financed − 1) / (n + 1): the simple-interest rate of an even repayment, a fine starting point. */
function periodicRateGuess(flows: ScheduleCashFlows): number {
  const paid = flows.paymentsMinor.reduce((sum, payment) => sum + payment, 0);
  const n = flows.paymentsMinor.length;
  // float-ok: a solver's starting point only
  const guess = (2 * (paid / flows.amountFinancedMinor - 1)) / (n + 1);
  return Number.isFinite(guess) && guess > -0.5 ? guess : 0.1;
}

/** Installment periods per year (12 monthly, 52 weekly, 365/18 every 18 days …), from the nominal period. */
function periodsPerYearOf(terms: Terms): number {
  const years = regularPeriodYears(terms.period, nominalDaysInYear(terms.dayCount));
  return ratioToNumber({ num: years.den, den: years.num }); // float-ok: a count of periods for reporting
}
