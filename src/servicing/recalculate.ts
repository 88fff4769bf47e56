// Recalculating the rest of a running loan (docs/reference/servicing-rules.md §6, §8): the schedule generator
// is run again on the remaining balance, over the loan's existing due dates (or a reschedule's new ones),
// and its principal and interest replace what the open installments still had to pay.
import type { DayNumber } from "../core/calendar-date.ts";
import { fail, TenorError } from "../core/errors.ts";
import type { Ratio } from "../core/ratio.ts";
import { generateSchedule } from "../schedule/generate-schedule.ts";
import type { Schedule } from "../schedule/schedule.ts";
import type { GraceTerms, PaymentMethod, Terms } from "../schedule/terms.ts";
import { recognize } from "./accrue.ts";
import {
  accruedFee,
  accruedInterest,
  type Book,
  type BookInstallment,
  bookInstallments,
  F,
  flow,
  I,
  N,
  P,
  post,
  replaceInstallments,
  settled,
} from "./loan-book.ts";

/** The open installments due after `d`, in due order: what a recalculation on `d` may change. */
export function openAfter(book: Book, d: DayNumber): BookInstallment[] {
  return book.installments.filter((inst) => inst.closedDay === undefined && inst.dueDay > d);
}

export function unpaidPrincipal(installments: readonly BookInstallment[]): number {
  let sum = 0;
  for (const inst of installments) sum += (inst.scheduled[P] as number) - settled(inst, P);
  return sum;
}

/**
 * Refuses a recalculation while a grace period still has interest to capitalize: the capitalized amounts
 * are already part of the later principal parts, and splitting them is not defined (§8).
 */
export function refuseDuringCapitalization(targets: readonly BookInstallment[], event: string): void {
  const capitalizing = targets.find((inst) => inst.capitalized > 0);
  if (capitalizing !== undefined) {
    fail(
      "INVALID_EVENT",
      event,
      capitalizing.position,
      `needs a recalculation, which is not possible while grace installments still capitalize interest (installment due ${capitalizing.dueDay}); record it after the grace period`,
    );
  }
}

interface TailOptions {
  readonly from: DayNumber;
  readonly balance: number;
  readonly targets: readonly BookInstallment[];
  readonly count: number;
  readonly rate: Ratio;
  readonly paymentMethod: PaymentMethod;
  readonly event: string;
}

/** The schedule of the tail: the loan's rules on `balance` from `from` over the targets' first `count` dates. */
export function generateTail(book: Book, options: TailOptions): Schedule {
  const { targets, count } = options;
  const first = targets[0] as BookInstallment;
  const preceding = first.position - 1;
  const base = book.baseTerms;
  const terms: Terms = {
    ...base,
    principalMinor: options.balance,
    disbursementDay: options.from,
    firstDueDay: undefined,
    installmentCount: count,
    fixedPeriods: {
      dueDays: targets.slice(0, count).map((inst) => inst.dueDay),
      regularStartDay: first.startDay,
    },
    fees: [],
    grace: shiftedGrace(base.grace, preceding, count),
    interestOnlyInstallments: shiftedInterestOnly(base, preceding, count),
    paymentMethod: options.paymentMethod,
    interest: { ...base.interest, rate: options.rate },
  };
  return generateOrRefuse(terms, options.event);
}

function shiftedGrace(
  grace: GraceTerms | undefined,
  preceding: number,
  count: number,
): GraceTerms | undefined {
  if (grace === undefined) return undefined;
  const installments = Math.min(grace.installments - preceding, count - 1);
  return installments > 0 ? { ...grace, installments } : undefined;
}

/**
 * The interest-only installments left for a tail that starts after `preceding` installments: they follow the
 * deferred-principal grace (terms.md), so only installments past that grace used them up.
 */
function shiftedInterestOnly(base: Terms, preceding: number, count: number): number | undefined {
  if (base.interestOnlyInstallments === undefined) return undefined;
  const deferred = (grace: GraceTerms | undefined) =>
    grace !== undefined && grace.principal === "deferred" ? grace.installments : 0;
  const used = Math.max(0, preceding - deferred(base.grace));
  const left = Math.max(0, base.interestOnlyInstallments - used);
  return Math.min(left, count - deferred(shiftedGrace(base.grace, preceding, count)) - 1);
}

export function generateOrRefuse(terms: Terms, event: string): Schedule {
  try {
    return generateSchedule(terms);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    return fail("INVALID_EVENT", event, error.code, `cannot recalculate the loan: ${error.message}`);
  }
}

/**
 * §8.1: the tail's installment j replaces what target j still had to pay; targets beyond the tail are
 * truncated (and removed when nothing of them was settled).
 */
export function applyTail(
  book: Book,
  tail: Schedule | undefined,
  from: DayNumber,
  targets: readonly BookInstallment[],
  event: string,
  day: DayNumber,
): void {
  const count = tail?.count ?? 0;
  for (let j = 0; j < targets.length; j++) {
    const inst = targets[j] as BookInstallment;
    if (tail === undefined || j >= count) {
      truncate(book, inst, day, event);
      continue;
    }
    const split = from > inst.startDay && from < inst.dueDay;
    const accruedBefore = split ? accruedInterest(book, inst, from) : 0;
    const principal = settled(inst, P) + (tail.columns.principalMinor[j] as number);
    const interest = Math.max(accruedBefore + (tail.columns.interestMinor[j] as number), settled(inst, I));
    flow(book, day, inst, P, "recalculated", principal - (inst.scheduled[P] as number), event);
    flow(book, day, inst, I, "recalculated", interest - (inst.scheduled[I] as number), event);
    inst.scheduled[P] = principal;
    inst.scheduled[I] = interest;
    inst.accrualFrom = split ? from : inst.startDay;
    inst.accrualBase = accruedBefore;
    inst.capitalized = tail.columns.capitalizedMinor?.[j] ?? 0;
  }
  replaceInstallments(
    book,
    book.installments.filter((inst) => !isEmptyTruncated(inst)),
  );
}

/** Cuts an installment down to what was settled of it and closes it (§8.1). */
export function truncate(book: Book, inst: BookInstallment, day: DayNumber, event: string): void {
  const feeAccrued = accruedFee(inst, day);
  for (let c = P; c <= N; c++) {
    const keep = settled(inst, c);
    flow(book, day, inst, c, "recalculated", keep - (inst.scheduled[c] as number), event);
    inst.scheduled[c] = keep;
  }
  inst.accrualFrom = Math.min(day, inst.dueDay);
  inst.accrualBase = inst.scheduled[I] as number;
  inst.scheduledFee = 0;
  inst.manualFee = inst.scheduled[F] as number;
  if (inst.capitalized > 0 && settled(inst, P) > 0) {
    // Principal that included grace interest still to capitalize was paid: the interest is earned now.
    post(
      book,
      `capitalize:${inst.uid}`,
      day,
      "loan-principal",
      "interest-income",
      inst.capitalized,
      event,
      "grace interest capitalized at pay-off",
    );
  }
  inst.capitalized = 0;
  // Interest and fees accrued beyond what is kept are withdrawn from the ledger.
  recognize(book, inst, day, event);
  inst.truncated = true;
  const feeWithdrawn = feeAccrued - (inst.scheduled[F] as number);
  post(
    book,
    `fee-withdrawn:${inst.uid}`,
    day,
    "fee-income",
    "fee-receivable",
    feeWithdrawn,
    event,
    "accrued fee withdrawn by a recalculation",
  );
  inst.closedDay = day;
}

/** A truncated installment of which nothing was settled: it leaves the schedule. */
export function isEmptyTruncated(inst: BookInstallment): boolean {
  return inst.truncated && inst.scheduled.every((amount) => amount === 0);
}

/** The loan's payment method for a recalculated tail: standard, or the balloon it had (§6, §8). */
export function tailPaymentMethod(book: Book, regularPaymentMinor: number | undefined): PaymentMethod {
  const method = book.baseTerms.paymentMethod;
  if (method.type !== "balloon") return { type: "standard" };
  if (regularPaymentMinor !== undefined)
    return { type: "balloon", paymentMinor: regularPaymentMinor, balloonMinor: undefined };
  return method;
}

/** Whether a tail pays the loan off before its last installment (a payment larger than needed). */
export function paysOffEarly(tail: Schedule): boolean {
  return tail.warnings.some((warning) => warning.code === "PAID_OFF_EARLY");
}

/** New installments of a reschedule, carrying the interest and fees accrued and unpaid by its day. */
export function rescheduledInstallments(
  book: Book,
  terms: Terms,
  schedule: Schedule,
  carriedInterest: number,
  carriedFee: number,
): BookInstallment[] {
  book.serial += 1;
  const serial = book.serial;
  const installments = bookInstallments(terms, schedule, (i) => `r${serial}.${i + 1}`);
  const first = installments[0];
  if (first !== undefined) {
    first.scheduled[I] = (first.scheduled[I] as number) + carriedInterest;
    first.accrualBase = carriedInterest;
    first.recognizedInterest = carriedInterest;
    first.scheduled[F] = (first.scheduled[F] as number) + carriedFee;
    first.manualFee = carriedFee;
  }
  return installments;
}

/** What of the installment's interest and fees had accrued by `d` and is unpaid: carried by a reschedule. */
export function accruedUnpaid(
  book: Book,
  inst: BookInstallment,
  d: DayNumber,
): { interest: number; fee: number } {
  return {
    interest: Math.max(0, accruedInterest(book, inst, d) - settled(inst, I)),
    fee: Math.max(0, accruedFee(inst, d) - settled(inst, F)),
  };
}
