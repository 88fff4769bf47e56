// Moving a loan through time (docs/reference/servicing-rules.md §2–§4): the scheduled accruals of each day
// in the product's accrual priority, then penalties on overdue installments. Days on which nothing can
// happen are skipped, so a loan with nothing overdue costs one step per due date, not one per day.
import type { DayNumber } from "../core/calendar-date.ts";
import { roundDivBig, toSafeNumber } from "../core/rounding.ts";
import {
  accruedInterest,
  type Book,
  type BookInstallment,
  COMPONENT_INDEX,
  currentIndex,
  F,
  firstOpenIndex,
  flow,
  I,
  N,
  outstanding,
  overdueAmount,
  P,
  post,
} from "./loan-book.ts";

/** Applies the accruals of every day after `book.day` up to and including `target`. */
export function accrueTo(book: Book, target: DayNumber): void {
  const penalties = book.rules.pastDueInterest !== undefined || book.rules.lateFee !== undefined;
  let t = book.day + 1;
  while (t <= target && book.status === "active") {
    // With nothing overdue, no day before the next due (or fee) date can change anything.
    const day = penalties && hasOpenPastDue(book, t) ? t : Math.min(target, nextAccrualDay(book, t));
    accrueDay(book, day, penalties);
    t = day + 1;
  }
  if (target > book.day) book.day = target;
}

/** The accruals of day `t`, in the order of the product's accrual priority. */
function accrueDay(book: Book, t: DayNumber, penalties: boolean): void {
  const k = currentIndex(book, t);
  const dueToday = book.installments[k]?.dueDay === t ? book.installments[k] : undefined;
  for (const component of book.rules.accrualPriority) {
    switch (COMPONENT_INDEX[component]) {
      case P:
        if (dueToday !== undefined) principalFallsDue(book, dueToday, t);
        break;
      case I:
        if (dueToday !== undefined) recognize(book, dueToday, t, undefined);
        break;
      case F:
        // A fee charged at the start of a period accrues on the previous due date: look at the current
        // installment and the ones starting today (truncated installments, closed, are passed over).
        for (let j = k; j < book.installments.length; j++) {
          const inst = book.installments[j] as BookInstallment;
          if (inst.truncated) continue;
          if (inst.startDay > t) break;
          if (inst.feeDay === t && inst.scheduledFee > 0) {
            post(
              book,
              `fee:${inst.uid}`,
              t,
              "fee-receivable",
              "fee-income",
              inst.scheduledFee,
              undefined,
              "scheduled fee accrued",
            );
            flow(book, t, inst, F, "accrued", inst.scheduledFee, undefined);
          }
        }
        break;
      default:
        if (penalties) chargePenalties(book, t, k);
    }
  }
}

function principalFallsDue(book: Book, inst: BookInstallment, t: DayNumber): void {
  if (inst.capitalized > 0) {
    post(
      book,
      `capitalize:${inst.uid}`,
      t,
      "loan-principal",
      "interest-income",
      inst.capitalized,
      undefined,
      "grace interest capitalized",
    );
  }
  if (inst.closedDay === undefined) flow(book, t, inst, P, "accrued", inst.scheduled[P] as number, undefined);
}

/**
 * Recognizes in the ledger and the cash flow what the installment has accrued by `t` and not yet recognized:
 * interest (pro rata) and penalties (charged day by day, recognized in one line).
 */
export function recognize(book: Book, inst: BookInstallment, t: DayNumber, event: string | undefined): void {
  const interest = accruedInterest(book, inst, t) - inst.recognizedInterest;
  if (interest !== 0) {
    post(
      book,
      `interest:${inst.uid}:${t}`,
      t,
      "interest-receivable",
      "interest-income",
      interest,
      event,
      "interest accrued",
    );
    flow(book, t, inst, I, "accrued", interest, event);
    inst.recognizedInterest += interest;
  }
  const penalty = (inst.scheduled[N] as number) - inst.recognizedPenalty;
  if (penalty !== 0) {
    post(
      book,
      `penalty:${inst.uid}:${t}`,
      t,
      "penalty-receivable",
      "penalty-income",
      penalty,
      event,
      "past-due interest charged",
    );
    flow(book, t, inst, N, "accrued", penalty, event);
    inst.recognizedPenalty += penalty;
  }
}

/**
 * Recognizes what every installment has accrued by the end of `t`: before an event (open installments only;
 * a closed one is recognized on its due date) and at the as-of date (all of them, so the ledger matches the
 * state). Installments are in due-date order, not start order, after a reschedule: none is skipped.
 */
export function recognizeAll(book: Book, t: DayNumber, openOnly: boolean): void {
  const list = book.installments;
  for (let j = openOnly ? firstOpenIndex(book) : 0; j < list.length; j++) {
    const inst = list[j] as BookInstallment;
    if (!openOnly) recognize(book, inst, t, undefined);
    else if (inst.closedDay === undefined) {
      // Open installments start in order, and one that has not started has accrued nothing.
      if (inst.startDay > t) break;
      recognize(book, inst, t, undefined);
    }
  }
}

/**
 * When the loan closes or is written off, what it was paid ahead of accrual (interest and fees of periods
 * still to come) is earned at once: nothing more will accrue, and the ledger must match the state.
 */
export function recognizeAhead(book: Book, d: DayNumber, event: string | undefined): void {
  for (const inst of book.installments) earnAhead(book, inst, d, event);
}

/** Recognizes now what the installment was paid ahead of its accrual; it will accrue nothing later. */
export function earnAhead(book: Book, inst: BookInstallment, d: DayNumber, event: string | undefined): void {
  if (inst.dueDay > d && (inst.scheduled[I] as number) > accruedInterest(book, inst, d)) {
    inst.accrualFrom = d;
    inst.accrualBase = inst.scheduled[I] as number;
  }
  recognize(book, inst, d, event);
  if (inst.feeDay > d && inst.scheduledFee > 0) {
    inst.feeDay = d;
    post(
      book,
      `fee:${inst.uid}`,
      d,
      "fee-receivable",
      "fee-income",
      inst.scheduledFee,
      event,
      "scheduled fee earned ahead",
    );
    flow(book, d, inst, F, "accrued", inst.scheduledFee, event);
  }
}

function hasOpenPastDue(book: Book, t: DayNumber): boolean {
  const first = book.installments[firstOpenIndex(book)];
  return first !== undefined && first.dueDay < t;
}

/** The next day on or after `t` on which a principal, interest or fee accrual completes. */
function nextAccrualDay(book: Book, t: DayNumber): DayNumber {
  const k = currentIndex(book, t);
  const inst = book.installments[k];
  if (inst === undefined) return Number.MAX_SAFE_INTEGER;
  return inst.feeDay >= t && inst.feeDay < inst.dueDay ? inst.feeDay : inst.dueDay;
}

/** §4: past-due interest (held through the late grace days) and the late fee, for day `t`. */
function chargePenalties(book: Book, t: DayNumber, current: number): void {
  const { pastDueInterest, lateFee, lateGraceDays } = book.rules;
  for (let j = firstOpenIndex(book); j < current && j < book.installments.length; j++) {
    const inst = book.installments[j] as BookInstallment;
    if (inst.closedDay !== undefined || inst.dueDay >= t) continue;
    // The state is still the end of day t − 1: nothing of day t has been applied to this installment.
    const overdue = overdueAmount(book, inst, t - 1);
    if (overdue === 0) {
      inst.heldPenalty = 0;
      continue;
    }
    let daily = 0;
    if (pastDueInterest !== undefined) {
      const base =
        outstanding(book, inst, P, t - 1) +
        (pastDueInterest.base === "principal-interest" ? outstanding(book, inst, I, t - 1) : 0);
      daily = toSafeNumber(
        roundDivBig(
          BigInt(base) * pastDueInterest.rate.num,
          pastDueInterest.rate.den * BigInt(pastDueInterest.daysInYear),
          book.mode,
        ),
      );
    }
    const trigger = inst.dueDay + lateGraceDays + 1;
    if (t < trigger) {
      inst.heldPenalty += daily;
      continue;
    }
    let charge = daily;
    if (t === trigger) {
      charge += inst.heldPenalty;
      inst.heldPenalty = 0;
      if (lateFee !== undefined) chargeLateFee(book, inst, t);
    }
    inst.scheduled[N] = (inst.scheduled[N] as number) + charge;
  }
}

function chargeLateFee(book: Book, inst: BookInstallment, t: DayNumber): void {
  const lateFee = book.rules.lateFee;
  if (lateFee === undefined) return;
  const amount =
    "amountMinor" in lateFee
      ? lateFee.amountMinor
      : toSafeNumber(
          roundDivBig(
            BigInt(outstanding(book, inst, P, t - 1) + outstanding(book, inst, I, t - 1)) *
              lateFee.percent.num,
            lateFee.percent.den,
            book.mode,
          ),
        );
  if (amount === 0) return;
  inst.scheduled[N] = (inst.scheduled[N] as number) + amount;
  post(
    book,
    `late-fee:${inst.uid}`,
    t,
    "penalty-receivable",
    "penalty-income",
    amount,
    undefined,
    "late fee",
  );
  flow(book, t, inst, N, "accrued", amount, undefined);
  inst.recognizedPenalty += amount;
}
