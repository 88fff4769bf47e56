// The schedule as a JSON document (docs/reference/terms.md, "The schedule document"): decimal strings for
// amounts, ISO dates, and each installment's explanation in words and exact fractions.
import { formatIsoDate } from "../core/calendar-date.ts";
import { TenorError } from "../core/errors.ts";
import { formatMinor } from "../core/money.ts";
import { type Ratio, ratioToDecimalString } from "../core/ratio.ts";
import { percentText } from "../rates/percent-text.ts";
import { REGIME_NAMES } from "./rate-cap.ts";
import type { Installment, Schedule } from "./schedule.ts";
import { type ScheduleRates, scheduleRates } from "./schedule-rates.ts";
import type { RateRegime } from "./terms.ts";

export interface InstallmentDocument {
  number: number;
  startDate: string;
  dueDate: string;
  days: number;
  principal: string;
  interest: string;
  fees: { name: string; amount: string }[];
  feesTotal: string;
  total: string;
  balance: string;
  capitalized?: string;
  explain: {
    rateFactor: string;
    rateFactorExact: string;
    time: string;
    daysCounted: number;
    basis: "period" | "day";
    accruedInterest: string;
    roundingResidual: string;
    grace: boolean;
  };
}

export interface ScheduleDocument {
  currency: string;
  installments: InstallmentDocument[];
  totals: {
    principal: string;
    interest: string;
    fees: string;
    total: string;
    installments: number;
    netDisbursement: string;
    financedFees: string;
    capitalizedInterest: string;
    maturityDate: string;
  };
  derived: { levelInstallment: string | null; rate: string | null };
  /** Effective rates (docs/reference/effective-rates.md); null when they cannot be computed (a warning says why). */
  rates: RatesDocument | null;
  warnings: { code: string; message: string; fixes: string[] }[];
}

export interface RatesDocument {
  regime: RateRegime;
  /** What the regime calls its rate: "APR (Regulation Z)" … */
  name: string;
  /** The rate as the regime discloses it, in percent: "6.50" (Reg Z, 2 decimals), "6.7" (EU, 1 decimal). */
  disclosed: string;
  /** Rates of return in percent, to 6 decimals: per installment period, that × periods per year, XIRR. */
  irrPerPeriod: string;
  irrAnnual: string;
  xirr: string;
  periodsPerYear: number;
  amountFinanced: string;
  financeCharge: string;
}

export function scheduleToDocument(schedule: Schedule): ScheduleDocument {
  const digits = schedule.terms.currency.digits;
  const money = (minor: number) => formatMinor(minor, digits);
  const { totals, derived } = schedule;
  const rates = ratesDocument(schedule, money);
  // Periods share rate objects; their decimal and fraction texts are computed once per distinct rate.
  const rateTexts = new Map<Ratio, { decimal: string; exact: string }>();
  // Each due date is also the next period's start date: format it once.
  const dateTexts = new Map<number, string>();
  return {
    currency: schedule.terms.currency.code,
    installments: schedule.installments.map((row) =>
      installmentDocument(row, schedule.terms.interest.distribution, money, rateTexts, dateTexts),
    ),
    totals: {
      principal: money(totals.principalMinor),
      interest: money(totals.interestMinor),
      fees: money(totals.feesMinor),
      total: money(totals.totalMinor),
      installments: totals.installmentCount,
      netDisbursement: money(totals.netDisbursementMinor),
      financedFees: money(totals.financedFeesMinor),
      capitalizedInterest: money(totals.capitalizedInterestMinor),
      maturityDate: formatIsoDate(totals.maturityDay),
    },
    derived: {
      levelInstallment:
        derived.levelInstallmentMinor === undefined ? null : money(derived.levelInstallmentMinor),
      // The derived rate is a fraction per `interest.per`; shown as a percent.
      rate:
        derived.rate === undefined
          ? null
          : ratioToDecimalString({ num: derived.rate.num * 100n, den: derived.rate.den }, 10),
    },
    rates: rates.document,
    warnings: [
      ...schedule.warnings.map((w) => ({ code: w.code, message: w.message, fixes: [...w.fixes] })),
      ...rates.warnings,
    ],
  };
}

function installmentDocument(
  row: Installment,
  basis: "period" | "day",
  money: (minor: number) => string,
  rateTexts: Map<Ratio, { decimal: string; exact: string }>,
  dateTexts: Map<number, string>,
): InstallmentDocument {
  let rateText = rateTexts.get(row.rateFactor);
  if (rateText === undefined) {
    rateText = { decimal: ratioToDecimalString(row.rateFactor, 12), exact: fraction(row.rateFactor) };
    rateTexts.set(row.rateFactor, rateText);
  }
  let timeText = rateTexts.get(row.time);
  if (timeText === undefined) {
    timeText = { decimal: "", exact: fraction(row.time) };
    rateTexts.set(row.time, timeText);
  }
  const date = (day: number): string => {
    let text = dateTexts.get(day);
    if (text === undefined) {
      text = formatIsoDate(day);
      dateTexts.set(day, text);
    }
    return text;
  };
  const document: InstallmentDocument = {
    number: row.number,
    startDate: date(row.startDay),
    dueDate: date(row.dueDay),
    days: row.days,
    principal: money(row.principalMinor),
    interest: money(row.interestMinor),
    fees: row.fees.map((fee) => ({ name: fee.name, amount: money(fee.amountMinor) })),
    feesTotal: money(row.feesMinor),
    total: money(row.totalMinor),
    balance: money(row.balanceMinor),
    explain: {
      rateFactor: rateText.decimal,
      rateFactorExact: rateText.exact,
      time: timeText.exact,
      daysCounted: row.daysCounted,
      basis,
      accruedInterest: money(row.accruedInterestMinor),
      roundingResidual: money(row.roundingResidualMinor),
      grace: row.grace,
    },
  };
  if (row.capitalizedMinor !== 0) document.capitalized = money(row.capitalizedMinor);
  return document;
}

function fraction(value: Ratio): string {
  return value.den === 1n ? value.num.toString() : `${value.num}/${value.den}`;
}

/** The schedule's effective rates, or null and a warning when they cannot be computed (e.g. nothing is paid). */
function ratesDocument(
  schedule: Schedule,
  money: (minor: number) => string,
): { document: RatesDocument | null; warnings: ScheduleDocument["warnings"] } {
  let rates: ScheduleRates;
  try {
    rates = scheduleRates(schedule);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    const message = `effective rates could not be computed: ${error.message}`;
    return { document: null, warnings: [{ code: "RATES_NOT_COMPUTED", message, fixes: [] }] };
  }
  return {
    document: {
      regime: rates.regime,
      name: REGIME_NAMES[rates.regime],
      disclosed: rates.disclosedText,
      irrPerPeriod: percentText(rates.irrPeriodPercent, 6),
      irrAnnual: percentText(rates.irrAnnualPercent, 6),
      xirr: percentText(rates.xirrPercent, 6),
      periodsPerYear: rates.periodsPerYear,
      amountFinanced: money(rates.amountFinancedMinor),
      financeCharge: money(rates.financeChargeMinor),
    },
    warnings: [],
  };
}
