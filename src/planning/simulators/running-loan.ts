// A running loan as the simulators see it — its terms, its product's servicing rules and the events recorded on
// it — and the readings they take from the servicing engine's state: what is still open after a day, the
// interest over the loan's life, what is left to pay, when it ends. Every figure comes from a replay; nothing
// here re-implements the engine's rules.
import { civilFromDay, type DayNumber } from "../../core/calendar-date.ts";
import { type Ratio, ratio, ratioFromInt } from "../../core/ratio.ts";
import type { Period, Terms } from "../../schedule/terms.ts";
import { openLoan, replayLoan, type ServicedLoan } from "../../servicing/service-loan.ts";
import type {
  Amounts,
  InstallmentState,
  LoanEvent,
  LoanState,
  ServicingRules,
} from "../../servicing/types.ts";

/** A loan that has started: what the servicing engine needs to replay it. */
export interface RunningLoan {
  readonly terms: Terms;
  readonly rules: ServicingRules;
  /** The events recorded on the loan, in insertion order. */
  readonly events: readonly LoanEvent[];
}

/** The loan opened once (its original schedule generated), to replay it with several sets of events. */
export interface OpenedLoan {
  readonly serviced: ServicedLoan;
  readonly events: readonly LoanEvent[];
}

export function openRunningLoan(loan: RunningLoan): OpenedLoan {
  return { serviced: openLoan(loan.terms, loan.rules), events: loan.events };
}

/** The loan's state at the end of `day`, with `added` recorded after its own events. */
export function replayWith(loan: OpenedLoan, added: readonly LoanEvent[], day: DayNumber): LoanState {
  return replayLoan(loan.serviced, [...loan.events, ...added], day);
}

/** The latest value date among the events (the disbursement day when there are none). */
export function lastEventDay(loan: RunningLoan): DayNumber {
  let last = loan.terms.disbursementDay;
  for (const event of loan.events) if (event.day > last) last = event.day;
  return last;
}

/** An event id not used by the loan's events (nor by the default `e<n>` ids the parser gives by position). */
export function freshEventId(loan: RunningLoan, base: string, taken: readonly string[] = []): string {
  const used = new Set([...loan.events.map((event) => event.id), ...taken]);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Installments still open at the end of the replay and due after `day`: what is left of the schedule. */
export function openInstallmentsAfter(state: LoanState, day: DayNumber): InstallmentState[] {
  return state.installments.filter((inst) => inst.closedDay === undefined && inst.dueDay > day);
}

/**
 * Interest over the loan's life as the state stands: paid, due and still scheduled, less waivers and write-offs,
 * plus the interest capitalized into principal (a grace period's, a payment holiday's) — the principal parts sum
 * to what was lent plus what was capitalized, since prepayments and reschedules only move principal between
 * installments.
 */
export function lifetimeInterest(state: LoanState, lentMinor: number): number {
  let total = 0;
  for (const inst of state.installments)
    total +=
      inst.scheduled.interest - inst.waived.interest - inst.writtenOff.interest + inst.scheduled.principal;
  return total - lentMinor;
}

/** Fees over the loan's life: charged (scheduled, manual, NSF), less waivers and write-offs. */
export function lifetimeFees(state: LoanState): number {
  let total = 0;
  for (const inst of state.installments) total += inst.scheduled.fee - inst.waived.fee - inst.writtenOff.fee;
  return total;
}

/**
 * The principal lent up to `day`: the terms' principal and financed fees (the original schedule's principal
 * parts less the grace interest they capitalize), and the tranches recorded and not reversed.
 */
export function lentPrincipal(loan: OpenedLoan, day: DayNumber): number {
  const totals = loan.serviced.schedule.totals;
  let lent = totals.principalMinor - totals.capitalizedInterestMinor;
  const reversed = new Set<string>();
  for (const event of loan.events) if (event.type === "reversal") reversed.add(event.of);
  for (const event of loan.events) {
    if (event.type === "disbursement" && event.day <= day && !reversed.has(event.id))
      lent += event.amountMinor;
  }
  return lent;
}

/** What each component of an installment still asks for: scheduled less paid, waived and written off. */
export function remaining(inst: InstallmentState): Amounts {
  const left = (c: keyof Amounts) =>
    Math.max(0, inst.scheduled[c] - inst.paid[c] - inst.waived[c] - inst.writtenOff[c]);
  return {
    principal: left("principal"),
    interest: left("interest"),
    fee: left("fee"),
    penalty: left("penalty"),
  };
}

export function totalOf(amounts: Amounts): number {
  return amounts.principal + amounts.interest + amounts.fee + amounts.penalty;
}

/** Everything the schedule still asks for, if every later installment is paid on its due date. */
export function stillToPay(state: LoanState): number {
  let total = 0;
  for (const inst of state.installments) total += totalOf(remaining(inst));
  return total;
}

/** The installment total a borrower pays: principal, interest and fees (penalties are not part of the plan). */
export function installmentTotal(inst: InstallmentState): number {
  return inst.scheduled.principal + inst.scheduled.interest + inst.scheduled.fee;
}

/**
 * The day the loan ends: the due date of its last open installment, or — once nothing is left — the day its
 * last installment closed.
 */
export function endDayOf(state: LoanState): DayNumber {
  let end: DayNumber | undefined;
  for (const inst of state.installments) {
    if (inst.closedDay === undefined) end = Math.max(end ?? inst.dueDay, inst.dueDay);
  }
  if (end !== undefined) return end;
  let closed: DayNumber | undefined;
  for (const inst of state.installments)
    if (inst.closedDay !== undefined) closed = Math.max(closed ?? inst.closedDay, inst.closedDay);
  return closed ?? state.asOfDay;
}

/** Whole calendar months from `earlier` to `later` (0 when `later` is not after it): 2024-01-31 → 2024-02-29 is 0. */
export function wholeMonthsBetween(earlier: DayNumber, later: DayNumber): number {
  if (later <= earlier) return 0;
  const a = civilFromDay(earlier);
  const b = civilFromDay(later);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  return b.day >= a.day ? months : months - 1;
}

/**
 * Installments a year for a period, exactly where the period is a fraction of a year or of a month and, for
 * periods of days and weeks, with a 365-day year (the schedule rules' nominal year: docs/reference/schedule-rules.md §3).
 */
export function periodsPerYear(period: Period): Ratio {
  const yearsOf = (every: number, unit: "day" | "week" | "month" | "year"): Ratio => {
    switch (unit) {
      case "year":
        return ratioFromInt(every);
      case "month":
        return ratio(BigInt(every), 12n);
      case "week":
        return ratio(BigInt(every) * 7n, 365n);
      case "day":
        return ratio(BigInt(every), 365n);
    }
  };
  switch (period.kind) {
    case "every": {
      const years = yearsOf(period.every, period.unit);
      return ratio(years.den, years.num);
    }
    case "times":
      return period.per === "year" ? ratioFromInt(period.times) : ratioFromInt(period.times * 12);
    case "per-term": {
      const years = yearsOf(period.term.every, period.term.unit);
      return ratio(BigInt(period.times) * years.den, years.num);
    }
  }
}

/** How many whole installments of `period` fit in `months` months. */
export function installmentsInMonths(period: Period, months: number): number {
  const perYear = periodsPerYear(period);
  // float-ok: an exact bigint quotient of safe integers, converted back to a small count
  return Number((BigInt(months) * perYear.num) / (12n * perYear.den));
}

/** An installment still to pay, with what it still asks for (principal, interest and fees). */
export interface RemainingInstallment {
  readonly number: number;
  readonly dueDay: DayNumber;
  readonly principalMinor: number;
  readonly interestMinor: number;
  readonly feeMinor: number;
  readonly totalMinor: number;
}

export function remainingInstallment(inst: InstallmentState): RemainingInstallment {
  const left = remaining(inst);
  return {
    number: inst.number,
    dueDay: inst.dueDay,
    principalMinor: left.principal,
    interestMinor: left.interest,
    feeMinor: left.fee,
    totalMinor: left.principal + left.interest + left.fee,
  };
}
