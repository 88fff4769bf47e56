// What the health scores read from a serviced loan on its as-of date (docs/reference/health-score.md, "Facts
// taken from the loan"): how late each due date was settled, days past due, the balance against the original
// schedule, the months done and left, the prepayments and the current rate. Every figure comes from the
// servicing engine's replay; nothing here re-implements its rules.
import { civilFromDay, type DayNumber } from "../../core/calendar-date.ts";
import { mulRatio, type Ratio, ratio } from "../../core/ratio.ts";
import type { Schedule } from "../../schedule/schedule.ts";
import type { Terms, TimeUnit } from "../../schedule/terms.ts";
import { openLoan, replayLoan, type ServicedLoan } from "../../servicing/service-loan.ts";
import type {
  CashFlowEntry,
  InstallmentState,
  LoanEvent,
  LoanState,
  ServicingRules,
} from "../../servicing/types.ts";
import type { DueDateRecord } from "./health-facts.ts";

/** The mean Gregorian month in days (365.2425 / 12): turns the days since a due date into months. */
export const DAYS_PER_MONTH = 30.436875;

export interface ServicedLoanInput {
  readonly terms: Terms;
  readonly rules: ServicingRules;
  /** The loan's events in insertion order, none after the as-of date. */
  readonly events: readonly LoanEvent[];
}

export interface Prepayment {
  readonly eventId: string;
  readonly day: DayNumber;
  /** Principal paid ahead of the schedule by the event (beyond what was past due and due that day). */
  readonly amountMinor: number;
  /** Made in the first 30 % of the term (the seed article's "early tenure"). */
  readonly early: boolean;
}

export interface LoanReadings {
  readonly loan: ServicedLoan;
  readonly state: LoanState;
  /** Due dates on or before the as-of date with something scheduled, and how late each was settled. */
  readonly dueDates: readonly (DueDateRecord & { readonly dueDay: DayNumber })[];
  readonly graceDays: number;
  readonly daysPastDue: number;
  /** Principal still owed, what the original schedule planned to be owed on the as-of date, and borrowed. */
  readonly balanceMinor: number;
  readonly scheduledBalanceMinor: number;
  readonly principalMinor: number;
  /** Whole months from the disbursement to the as-of date, and to the original schedule's last due date. */
  readonly monthsCompleted: number;
  readonly totalMonths: number;
  /** Whole months from the as-of date to the last open installment's due date. */
  readonly remainingMonths: number;
  /** Late past the grace days by fewer than 30 days, and by 30 days or more, over the loan's life. */
  readonly latePayments: number;
  readonly defaults: number;
  readonly prepayments: readonly Prepayment[];
  /** The percent rate in force on the as-of date, as a fraction a year; undefined for an amount rate. */
  readonly annualRate: Ratio | undefined;
  /** Whether a rate change was recorded on the loan (its rate moves). */
  readonly rateChanged: boolean;
}

/** Replays the loan to `asOfDay` and takes the readings. */
export function readLoan(input: ServicedLoanInput, asOfDay: DayNumber): LoanReadings {
  const loan = openLoan(input.terms, input.rules);
  const state = replayLoan(loan, input.events, asOfDay);
  const { schedule } = loan;
  const dueDates = state.installments
    .filter((inst) => inst.dueDay <= asOfDay && scheduledTotal(inst) > 0)
    .map((inst) => {
      const settled = inst.closedDay ?? asOfDay;
      return {
        dueDay: inst.dueDay,
        ageMonths: (asOfDay - inst.dueDay) / DAYS_PER_MONTH,
        daysLate: Math.max(0, settled - inst.dueDay),
      };
    });
  const grace = input.rules.lateGraceDays;
  const late = dueDates.filter((record) => record.daysLate > grace);
  const lastDueDay = schedule.totals.maturityDay;
  return {
    loan,
    state,
    dueDates,
    graceDays: grace,
    daysPastDue: state.daysPastDue,
    balanceMinor: state.outstanding.principal,
    scheduledBalanceMinor: scheduledBalanceOn(schedule, asOfDay),
    principalMinor: schedule.totals.principalMinor,
    monthsCompleted: wholeMonthsBetween(input.terms.disbursementDay, asOfDay),
    totalMonths: Math.max(1, wholeMonthsBetween(input.terms.disbursementDay, lastDueDay)),
    remainingMonths: wholeMonthsBetween(asOfDay, lastOpenDueDay(state) ?? asOfDay),
    latePayments: late.filter((record) => record.daysLate < 30).length,
    defaults: late.filter((record) => record.daysLate >= 30).length,
    prepayments: prepaymentsOf(input, state, lastDueDay),
    annualRate: currentAnnualRate(input, schedule, asOfDay),
    rateChanged: input.events.some((event) => event.type === "rate-change"),
  };
}

/** Whole calendar months from `earlier` to `later` (0 when not after): 31 Jan → 29 Feb is 0, → 31 Mar is 2. */
export function wholeMonthsBetween(earlier: DayNumber, later: DayNumber): number {
  if (later <= earlier) return 0;
  const a = civilFromDay(earlier);
  const b = civilFromDay(later);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  // A month ending on the last day of a shorter month counts as whole (31 Jan → 28 Feb is a month).
  const endOfMonth = civilFromDay(later + 1).day === 1;
  return b.day >= a.day || endOfMonth ? months : months - 1;
}

/** The principal + interest + fee an installment asks for. */
export function scheduledTotal(inst: InstallmentState): number {
  return inst.scheduled.principal + inst.scheduled.interest + inst.scheduled.fee;
}

/** The original schedule's balance after its last installment due on or before `day`. */
function scheduledBalanceOn(schedule: Schedule, day: DayNumber): number {
  const { dueDays, principalMinor } = schedule.columns;
  let repaid = 0;
  for (let k = 0; k < dueDays.length && (dueDays[k] as number) <= day; k++)
    repaid += principalMinor[k] as number;
  return schedule.totals.principalMinor - repaid;
}

function lastOpenDueDay(state: LoanState): DayNumber | undefined {
  let last: DayNumber | undefined;
  for (const inst of state.installments)
    if (inst.closedDay === undefined) last = Math.max(last ?? 0, inst.dueDay);
  return last;
}

/**
 * The repayments and pay-offs that paid principal ahead of the schedule: on its day, the event either reduced
 * the principal of the rest of the schedule (modes reduce-term and reduce-installment: a "recalculated"
 * principal line on the current installment, servicing-rules.md §6) or paid principal of an installment due
 * after the current one (close-forward and close-backward, a pay-off). Reversed and returned payments left no
 * cash-flow lines in the replay, so they do not count.
 */
function prepaymentsOf(input: ServicedLoanInput, state: LoanState, lastDueDay: DayNumber): Prepayment[] {
  const disbursed = input.terms.disbursementDay;
  const result: Prepayment[] = [];
  const principalLines = new Map<string, CashFlowEntry[]>();
  for (const line of state.cashFlow) {
    if (line.event === undefined || line.component !== "principal") continue;
    const lines = principalLines.get(line.event);
    if (lines === undefined) principalLines.set(line.event, [line]);
    else lines.push(line);
  }
  for (const event of input.events) {
    if (event.type !== "repayment" && event.type !== "payoff") continue;
    const currentDue = firstDueOnOrAfter(state, event.day);
    let ahead = 0;
    for (const line of principalLines.get(event.id) ?? []) {
      if (line.day !== event.day) continue;
      const dueDay = state.installments[line.installment - 1]?.dueDay;
      // The reduction is recorded on the current installment (servicing-rules.md §6); the tail's own
      // recalculation lines on later installments are not money paid.
      if (line.kind === "recalculated" && line.amountMinor > 0 && dueDay === currentDue)
        ahead += line.amountMinor;
      if (line.kind === "paid" && (dueDay === undefined || currentDue === undefined || dueDay > currentDue)) {
        ahead += line.amountMinor;
      }
    }
    if (ahead === 0) continue;
    // Early: within the first 30 % of the term, compared exactly: 10 · (day − start) ≤ 3 · (end − start).
    const early = 10 * (event.day - disbursed) <= 3 * (lastDueDay - disbursed);
    result.push({ eventId: event.id, day: event.day, amountMinor: ahead, early });
  }
  return result;
}

function firstDueOnOrAfter(state: LoanState, day: DayNumber): DayNumber | undefined {
  let found: DayNumber | undefined;
  for (const inst of state.installments) {
    if (inst.dueDay >= day && (found === undefined || inst.dueDay < found)) found = inst.dueDay;
  }
  return found;
}

/**
 * The rate in force on `asOfDay`: the last rate change or rescheduling rate not reversed, else the terms' rate
 * (or the rate derived for a payment plan), turned into a rate a year: × 12 a month, × 365/7 a week, × 365 a day
 * (the schedule rules' nominal year). Undefined when the terms charge an amount rather than a percent.
 */
function currentAnnualRate(
  input: ServicedLoanInput,
  schedule: Schedule,
  asOfDay: DayNumber,
): Ratio | undefined {
  const { interest } = input.terms;
  if (interest.kind !== "percent") return undefined;
  const reversed = new Set(input.events.flatMap((event) => (event.type === "reversal" ? [event.of] : [])));
  let rate = interest.rate ?? schedule.derived.rate;
  let rateDay = -Infinity;
  for (const event of input.events) {
    if (reversed.has(event.id) || event.day > asOfDay || event.day < rateDay) continue;
    if (event.type === "rate-change" || (event.type === "reschedule" && event.rate !== undefined)) {
      rate = event.rate;
      rateDay = event.day;
    }
  }
  return rate === undefined ? undefined : mulRatio(rate, PER_YEAR[interest.per]);
}

/** A rate per unit of `interest.per` times this is a rate a year. */
export const PER_YEAR: Readonly<Record<TimeUnit, Ratio>> = {
  year: ratio(1n, 1n),
  month: ratio(12n, 1n),
  week: ratio(365n, 7n),
  day: ratio(365n, 1n),
};
