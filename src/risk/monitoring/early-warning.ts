// Early-warning signals (docs/reference/risk-monitoring.md, "Early-warning signals"; research §5.3): rules over a
// loan's servicing state and events, and over the borrower's reported figures, each firing a signal with a
// stable code, a severity and the figures that triggered it. The signals set the loan's tier: red if any signal
// is red, amber if any is amber, green otherwise (info signals inform and do not raise the tier).
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { formatMinor } from "../../core/money.ts";
import { compareRatio, mulRatio, type Ratio, ratio, ratioToDecimalString } from "../../core/ratio.ts";
import type { Amounts, InstallmentState, LoanEvent, LoanState } from "../../servicing/types.ts";

export type Severity = "info" | "amber" | "red";
export type Tier = "green" | "amber" | "red";

export type SignalCode =
  | "MISSED_PAYMENT"
  | "PARTIAL_PAYMENT"
  | "PAYING_LATER"
  | "PAID_LATE"
  | "RETURNED_PAYMENT"
  | "INCOME_DROP"
  | "BURDEN_OVER_COMFORT"
  | "BURDEN_OVER_MAX"
  | "SAVINGS_GONE"
  | "WRITTEN_OFF";

export const SIGNAL_CODES: readonly SignalCode[] = [
  "MISSED_PAYMENT",
  "PARTIAL_PAYMENT",
  "PAYING_LATER",
  "PAID_LATE",
  "RETURNED_PAYMENT",
  "INCOME_DROP",
  "BURDEN_OVER_COMFORT",
  "BURDEN_OVER_MAX",
  "SAVINGS_GONE",
  "WRITTEN_OFF",
];

export type Figure = string | number | null | readonly (string | number)[];

export interface Signal {
  readonly code: SignalCode;
  readonly severity: Severity;
  readonly message: string;
  /** The figures the rule looked at; amounts as decimal strings in the loan's currency, percents as "12.50". */
  readonly figures: Readonly<Record<string, Figure>>;
}

export interface SignalConfig {
  /** A missed payment is amber up to this many days past due and red beyond (IFRS 9's 30-day presumption). */
  readonly missedRedAfterDays: number;
  /** How many of the last paid installments the lateness trend looks at (2 or more). */
  readonly latenessInstallments: number;
  /** How far back (days, the as-of date included) a returned payment counts. */
  readonly returnedPaymentDays: number;
  /** A drop in income above this fraction fires INCOME_DROP (15 % → 3/20). */
  readonly incomeDrop: Ratio;
  /** Debt service / income above which BURDEN_OVER_COMFORT fires. */
  readonly comfortRatio: Ratio;
  /** Debt service / income above which BURDEN_OVER_MAX fires (instead). */
  readonly maxRatio: Ratio;
}

/** The research's defaults: a drop over 15 %, the generic policy's 35 % comfort and 50 % cap (§1, §5.3). */
export const DEFAULT_SIGNAL_CONFIG: SignalConfig = {
  missedRedAfterDays: 30,
  latenessInstallments: 3,
  returnedPaymentDays: 90,
  incomeDrop: ratio(15n, 100n),
  comfortRatio: ratio(35n, 100n),
  maxRatio: ratio(50n, 100n),
};

/** Red if any signal is red, amber if any is amber, else green. */
export function tierOf(signals: readonly Signal[]): Tier {
  if (signals.some((signal) => signal.severity === "red")) return "red";
  if (signals.some((signal) => signal.severity === "amber")) return "amber";
  return "green";
}

/**
 * The signals read from the loan itself: its state on the as-of date (from the servicing engine) and its
 * events. `digits` is the currency's number of minor-unit digits, for the amounts in the figures.
 */
export function loanSignals(
  state: LoanState,
  events: readonly LoanEvent[],
  config: SignalConfig,
  digits: number,
): Signal[] {
  if (state.status === "written-off") {
    return [
      {
        code: "WRITTEN_OFF",
        severity: "red",
        message: "The loan has been written off.",
        figures: { writtenOff: formatMinor(totalOf(state.totals.writtenOff), digits) },
      },
    ];
  }
  if (state.status === "closed") return [];
  const signals: Signal[] = [];
  const push = (signal: Signal | undefined) => {
    if (signal !== undefined) signals.push(signal);
  };
  push(missedPayment(state, config, digits));
  push(partialPayment(state, digits));
  push(latenessSignal(state, config));
  push(returnedPayments(state.asOfDay, events, config));
  return signals;
}

/** MISSED_PAYMENT: an installment is past due (the servicing engine's days past due are above 0). */
function missedPayment(state: LoanState, config: SignalConfig, digits: number): Signal | undefined {
  const dpd = state.daysPastDue;
  if (dpd === 0) return undefined;
  const overdue = overdueInstallments(state);
  const amount = overdue.reduce((sum, inst) => sum + totalOf(inst.outstanding), 0n);
  const oldest = state.asOfDay - dpd;
  return {
    code: "MISSED_PAYMENT",
    severity: dpd > config.missedRedAfterDays ? "red" : "amber",
    message: `${plural(overdue.length, "installment")} past due; the oldest was due on ${formatIsoDate(oldest)}, ${plural(dpd, "day")} ago.`,
    figures: {
      daysPastDue: dpd,
      oldestDueDate: formatIsoDate(oldest),
      installmentsPastDue: overdue.length,
      amountPastDue: formatMinor(amount, digits),
      redAfterDays: config.missedRedAfterDays,
    },
  };
}

/** PARTIAL_PAYMENT: a past-due installment has been paid in part. */
function partialPayment(state: LoanState, digits: number): Signal | undefined {
  const partial = overdueInstallments(state).filter((inst) => totalOf(inst.paid) > 0n);
  if (partial.length === 0) return undefined;
  return {
    code: "PARTIAL_PAYMENT",
    severity: "amber",
    message: `${plural(partial.length, "past-due installment")} paid only in part (installment ${partial.map((inst) => inst.number).join(", ")}).`,
    figures: {
      installments: partial.map((inst) => inst.number),
      dueDates: partial.map((inst) => formatIsoDate(inst.dueDay)),
      paid: partial.map((inst) => formatMinor(totalOf(inst.paid), digits)),
      outstanding: partial.map((inst) => formatMinor(totalOf(inst.outstanding), digits)),
    },
  };
}

/**
 * PAYING_LATER (amber): over the last `latenessInstallments` paid installments, the days between the due date
 * and the day the installment was paid off rise every time, and the last is late. Otherwise PAID_LATE (info)
 * when the last paid installment was paid after its due date.
 */
function latenessSignal(state: LoanState, config: SignalConfig): Signal | undefined {
  const paid = state.installments.filter(
    (inst) =>
      inst.closedDay !== undefined &&
      inst.dueDay <= state.asOfDay &&
      totalOf(inst.scheduled) - BigInt(inst.scheduled.penalty) > 0n,
  );
  const lateness = (inst: InstallmentState) => (inst.closedDay as DayNumber) - inst.dueDay;
  const last = paid.at(-1);
  if (last === undefined || lateness(last) <= 0) return undefined;
  const window = paid.slice(-config.latenessInstallments);
  const days = window.map(lateness);
  const rising =
    window.length === config.latenessInstallments &&
    days.every((d, i) => i === 0 || d > (days[i - 1] as number));
  const figures = {
    installments: window.map((inst) => inst.number),
    dueDates: window.map((inst) => formatIsoDate(inst.dueDay)),
    paidDates: window.map((inst) => formatIsoDate(inst.closedDay as DayNumber)),
    daysLate: days,
  };
  if (rising) {
    return {
      code: "PAYING_LATER",
      severity: "amber",
      message: `Each of the last ${window.length} installments was paid later than the one before (${days.join(", ")} days after the due date).`,
      figures,
    };
  }
  return {
    code: "PAID_LATE",
    severity: "info",
    message: `The last paid installment (number ${last.number}) was paid ${plural(lateness(last), "day")} after its due date.`,
    figures,
  };
}

/** RETURNED_PAYMENT: a payment was returned (NSF, a bounced direct debit) within the look-back window. */
function returnedPayments(
  asOfDay: DayNumber,
  events: readonly LoanEvent[],
  config: SignalConfig,
): Signal | undefined {
  const reversed = new Set(events.flatMap((event) => (event.type === "reversal" ? [event.of] : [])));
  const since = asOfDay - config.returnedPaymentDays + 1;
  const returned = events.filter(
    (event) =>
      event.type === "returned-payment" &&
      !reversed.has(event.id) &&
      event.day >= since &&
      event.day <= asOfDay,
  );
  if (returned.length === 0) return undefined;
  return {
    code: "RETURNED_PAYMENT",
    severity: "amber",
    message: `${plural(returned.length, "payment")} returned in the last ${config.returnedPaymentDays} days.`,
    figures: {
      events: returned.map((event) => event.id),
      dates: returned.map((event) => formatIsoDate(event.day)),
      lookbackDays: config.returnedPaymentDays,
    },
  };
}

/** INCOME_DROP (amber): the borrower reports an income lower than before by more than the threshold. */
export function incomeDropSignal(
  previousIncomeMinor: number,
  currentIncomeMinor: number,
  config: SignalConfig,
  digits: number,
): Signal | undefined {
  if (previousIncomeMinor <= 0 || currentIncomeMinor >= previousIncomeMinor) return undefined;
  const drop = ratio(BigInt(previousIncomeMinor - currentIncomeMinor), BigInt(previousIncomeMinor));
  if (compareRatio(drop, config.incomeDrop) <= 0) return undefined;
  return {
    code: "INCOME_DROP",
    severity: "amber",
    message: `Income fell by ${percentText(drop)} % (from ${formatMinor(previousIncomeMinor, digits)} to ${formatMinor(currentIncomeMinor, digits)}), more than ${percentText(config.incomeDrop)} %.`,
    figures: {
      previousIncome: formatMinor(previousIncomeMinor, digits),
      currentIncome: formatMinor(currentIncomeMinor, digits),
      dropPercent: percentText(drop),
      thresholdPercent: percentText(config.incomeDrop),
    },
  };
}

/**
 * BURDEN_OVER_MAX (red) when debt service / income is above the cap, else BURDEN_OVER_COMFORT (amber) when it is
 * above the comfort ratio. With no income, any debt service is over the cap.
 */
export function burdenSignal(
  monthlyIncomeMinor: number,
  monthlyDebtServiceMinor: number,
  config: SignalConfig,
  digits: number,
): Signal | undefined {
  const figures = {
    monthlyIncome: formatMinor(monthlyIncomeMinor, digits),
    monthlyDebtService: formatMinor(monthlyDebtServiceMinor, digits),
    comfortPercent: percentText(config.comfortRatio),
    maxPercent: percentText(config.maxRatio),
  };
  if (monthlyIncomeMinor <= 0) {
    if (monthlyDebtServiceMinor <= 0) return undefined;
    return {
      code: "BURDEN_OVER_MAX",
      severity: "red",
      message: `Debt service of ${figures.monthlyDebtService} a month against no income.`,
      figures: { ...figures, burdenPercent: null },
    };
  }
  const burden = ratio(BigInt(monthlyDebtServiceMinor), BigInt(monthlyIncomeMinor));
  const text = percentText(burden);
  if (compareRatio(burden, config.maxRatio) > 0) {
    return {
      code: "BURDEN_OVER_MAX",
      severity: "red",
      message: `Debt service takes ${text} % of income, above the ${figures.maxPercent} % cap.`,
      figures: { ...figures, burdenPercent: text },
    };
  }
  if (compareRatio(burden, config.comfortRatio) > 0) {
    return {
      code: "BURDEN_OVER_COMFORT",
      severity: "amber",
      message: `Debt service takes ${text} % of income, above the ${figures.comfortPercent} % comfort level.`,
      figures: { ...figures, burdenPercent: text },
    };
  }
  return undefined;
}

/** SAVINGS_GONE (amber): liquid savings below one month of essential spending plus debt service. */
export function savingsSignal(
  liquidSavingsMinor: number,
  monthlyEssentialSpendingMinor: number,
  monthlyDebtServiceMinor: number,
  digits: number,
): Signal | undefined {
  const month = monthlyEssentialSpendingMinor + monthlyDebtServiceMinor;
  if (liquidSavingsMinor >= month) return undefined;
  return {
    code: "SAVINGS_GONE",
    severity: "amber",
    message: `Liquid savings of ${formatMinor(liquidSavingsMinor, digits)} cover less than one month of essential spending and debt service (${formatMinor(month, digits)}).`,
    figures: {
      liquidSavings: formatMinor(liquidSavingsMinor, digits),
      monthlyEssentialSpending: formatMinor(monthlyEssentialSpendingMinor, digits),
      monthlyDebtService: formatMinor(monthlyDebtServiceMinor, digits),
      monthsCovered: ratioToDecimalString(ratio(BigInt(liquidSavingsMinor), BigInt(month)), 2),
    },
  };
}

/**
 * The installments that make the loan past due: due before the as-of date, not closed, with principal, interest
 * or fees outstanding (the servicing engine's rule for days past due; penalties alone do not count).
 */
export function overdueInstallments(state: LoanState): InstallmentState[] {
  return state.installments.filter(
    (inst) =>
      inst.closedDay === undefined &&
      inst.dueDay < state.asOfDay &&
      inst.outstanding.principal + inst.outstanding.interest + inst.outstanding.fee > 0,
  );
}

/** The four components summed (as a bigint: four amounts of up to 2^53 each). */
export function totalOf(amounts: Amounts): bigint {
  return BigInt(amounts.principal) + BigInt(amounts.interest) + BigInt(amounts.fee) + BigInt(amounts.penalty);
}

/** A fraction as a percent with two decimals: 3/20 → "15.00". */
export function percentText(fraction: Ratio): string {
  return ratioToDecimalString(mulRatio(fraction, ratio(100n, 1n)), 2);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
