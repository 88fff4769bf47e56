// Applying money to installments (docs/reference/servicing-rules.md §5–§6): what each bucket may pay, the
// product's waterfall, closing installments (with the `accrued` rule's cancellation) and closing installments
// ahead of time with an overpayment.
import type { DayNumber } from "../core/calendar-date.ts";
import {
  accruedFee,
  accruedInterest,
  type Book,
  type BookInstallment,
  COMPONENT_ACCOUNT,
  COMPONENT_INDEX,
  currentIndex,
  F,
  flow,
  I,
  N,
  outstanding,
  P,
  post,
  settled,
} from "./loan-book.ts";
import type { Bucket, Component } from "./types.ts";

/** The bucket of an open installment on payment day `d` (§5.1). */
export function bucketOf(book: Book, index: number, d: DayNumber): Bucket {
  const inst = book.installments[index] as BookInstallment;
  if (inst.dueDay < d) return "past-due";
  return index === currentIndex(book, d) ? "due" : "not-yet-due";
}

/** What a repayment on `d` may pay of one component of an installment in `bucket` (§5.1). */
export function payable(
  book: Book,
  inst: BookInstallment,
  component: number,
  bucket: Bucket,
  d: DayNumber,
): number {
  if (bucket === "past-due") return outstanding(book, inst, component, d);
  if (component === P || book.rules.closing === "scheduled") {
    return Math.max(0, (inst.scheduled[component] as number) - settled(inst, component));
  }
  return outstanding(book, inst, component, d);
}

export function pay(
  book: Book,
  inst: BookInstallment,
  component: number,
  amount: number,
  d: DayNumber,
  event: string,
): void {
  if (amount === 0) return;
  inst.paid[component] = (inst.paid[component] as number) + amount;
  const account = COMPONENT_ACCOUNT[component] as (typeof COMPONENT_ACCOUNT)[number];
  post(
    book,
    `pay:${event}:${inst.uid}:${component}`,
    d,
    "cash",
    account,
    amount,
    event,
    "repayment allocated",
  );
  flow(book, d, inst, component, "paid", amount, event);
}

/** Whether nothing of the installment is left to pay on `d` under its bucket's rule (§5.2). */
export function isComplete(book: Book, inst: BookInstallment, bucket: Bucket, d: DayNumber): boolean {
  for (let c = P; c <= N; c++) if (payable(book, inst, c, bucket, d) > 0) return false;
  return (inst.scheduled[P] as number) - settled(inst, P) === 0;
}

/** Closes the installment on `d`; cancels what has not accrued of its interest and fees (§5.2, §9). */
export function close(
  book: Book,
  inst: BookInstallment,
  d: DayNumber,
  event: string | undefined,
  cancel: boolean,
): void {
  inst.closedDay = d;
  inst.heldPenalty = 0;
  if (!cancel) return;
  const interest = accruedInterest(book, inst, d);
  const unaccruedInterest = (inst.scheduled[I] as number) - Math.max(interest, settled(inst, I));
  if (unaccruedInterest > 0) {
    inst.scheduled[I] = (inst.scheduled[I] as number) - unaccruedInterest;
    inst.accrualFrom = Math.min(d, inst.dueDay);
    inst.accrualBase = inst.scheduled[I] as number;
    flow(book, d, inst, I, "cancelled", unaccruedInterest, event);
  }
  const fee = accruedFee(inst, d);
  const unaccruedFee = (inst.scheduled[F] as number) - Math.max(fee, settled(inst, F));
  if (unaccruedFee > 0) {
    inst.scheduled[F] = (inst.scheduled[F] as number) - unaccruedFee;
    if (d < inst.feeDay) inst.scheduledFee = 0;
    flow(book, d, inst, F, "cancelled", unaccruedFee, event);
  }
}

/** Closes every open installment among `indexes` that is complete on `d`. */
export function closeComplete(book: Book, indexes: Iterable<number>, d: DayNumber, event: string): void {
  for (const index of indexes) {
    const inst = book.installments[index] as BookInstallment;
    if (inst.closedDay !== undefined) continue;
    const bucket = bucketOf(book, index, d);
    if (isComplete(book, inst, bucket, d)) close(book, inst, d, event, book.rules.closing === "accrued");
  }
}

/** Runs the waterfall over the past-due and due installments; returns what is left (§5.3). */
export function runWaterfall(book: Book, d: DayNumber, amount: number, event: string): number {
  const current = currentIndex(book, d);
  const pastDue: number[] = [];
  for (let j = 0; j < current; j++)
    if ((book.installments[j] as BookInstallment).closedDay === undefined) pastDue.push(j);
  const due =
    book.installments[current]?.closedDay === undefined && current < book.installments.length
      ? [current]
      : [];
  let remaining = amount;
  for (const step of book.rules.waterfall) {
    if (remaining === 0) break;
    const list = [
      ...(step.buckets.includes("past-due") ? pastDue : []),
      ...(step.buckets.includes("due") ? due : []),
    ];
    const payOne = (index: number, component: Component) => {
      const inst = book.installments[index] as BookInstallment;
      const c = COMPONENT_INDEX[component];
      const amountPaid = Math.min(remaining, payable(book, inst, c, index < current ? "past-due" : "due", d));
      pay(book, inst, c, amountPaid, d, event);
      remaining -= amountPaid;
    };
    if (step.direction === "horizontal") {
      for (const index of list) for (const component of step.components) payOne(index, component);
    } else {
      for (const component of step.components) for (const index of list) payOne(index, component);
    }
  }
  closeComplete(book, [...pastDue, ...due], d, event);
  return remaining;
}

/** Pays not-yet-due installments next → last (or last → next) without recalculation (§6). */
export function closeAhead(
  book: Book,
  d: DayNumber,
  amount: number,
  event: string,
  backward: boolean,
): number {
  const current = currentIndex(book, d);
  const future: number[] = [];
  for (let j = current + 1; j < book.installments.length; j++) {
    if ((book.installments[j] as BookInstallment).closedDay === undefined) future.push(j);
  }
  if (backward) future.reverse();
  let remaining = amount;
  for (const index of future) {
    const inst = book.installments[index] as BookInstallment;
    if (remaining > 0) {
      for (const component of book.rules.notYetDueOrder) {
        const c = COMPONENT_INDEX[component];
        const amountPaid = Math.min(remaining, payable(book, inst, c, "not-yet-due", d));
        pay(book, inst, c, amountPaid, d, event);
        remaining -= amountPaid;
      }
    } else if ((inst.scheduled[P] as number) > settled(inst, P)) {
      // Out of money: only an installment with nothing left to pay can still close, and principal is owed.
      continue;
    }
    if (isComplete(book, inst, "not-yet-due", d))
      close(book, inst, d, event, book.rules.closing === "accrued");
  }
  return remaining;
}
