// The loan's working state during a replay: its installments with what each owes, has accrued, was paid,
// waived and written off, plus the loan's balances, cash-flow lines and postings. Mutable, and private to one
// replay: the engine folds events into it and snapshots it (snapshot.ts) into the immutable LoanState.
import type { DayNumber } from "../core/calendar-date.ts";
import type { Ratio } from "../core/ratio.ts";
import { mulDivRound, type RoundingMode } from "../core/rounding.ts";
import type { Schedule } from "../schedule/schedule.ts";
import type { Terms } from "../schedule/terms.ts";
import type { Account, CashFlowEntry, Component, LoanStatus, Posting, ServicingRules } from "./types.ts";

/** Component indexes into the per-component arrays. */
export const P = 0;
export const I = 1;
export const F = 2;
export const N = 3;
export const COMPONENT_INDEX: Readonly<Record<Component, number>> = {
  principal: P,
  interest: I,
  fee: F,
  penalty: N,
};
export const COMPONENT_NAMES: readonly Component[] = ["principal", "interest", "fee", "penalty"];
export const COMPONENT_ACCOUNT: readonly Account[] = [
  "loan-principal",
  "interest-receivable",
  "fee-receivable",
  "penalty-receivable",
];

export interface BookInstallment {
  /** Stable identity for posting keys: installments are renumbered when a recalculation removes some. */
  readonly uid: string;
  /** 1-based position within the schedule that created it (the original one or a reschedule's). */
  readonly position: number;
  startDay: DayNumber;
  dueDay: DayNumber;
  /** Scheduled principal, interest, fee (scheduled + manual), penalty (charged so far). */
  readonly scheduled: number[];
  readonly paid: number[];
  readonly waived: number[];
  readonly writtenOff: number[];
  /** Interest accrual origin (§3): accrued(t) = base + round((I − base)(t − from)/(due − from)). */
  accrualFrom: DayNumber;
  accrualBase: number;
  /** The schedule's fees (accrued whole on `feeDay`) and the manual fees (accrued when charged). */
  scheduledFee: number;
  feeDay: DayNumber;
  manualFee: number;
  /** Interest capitalized on the due day (grace with capitalization), posted to principal then. */
  capitalized: number;
  /** What the ledger has recognized so far of interest and penalties. */
  recognizedInterest: number;
  recognizedPenalty: number;
  /** Past-due interest of the late grace days, held until the trigger day (§4). */
  heldPenalty: number;
  closedDay: DayNumber | undefined;
  /** Cut short by a recalculation (§8.1): kept for what was settled, never the current installment. */
  truncated: boolean;
}

/** A cash-flow line keyed by the installment's stable id; the snapshot turns it into its number. */
export interface BookFlow extends Omit<CashFlowEntry, "installment"> {
  readonly uid: string;
}

export interface Book {
  readonly terms: Terms;
  /** The terms the current installments were generated from: the loan's, or its last reschedule's. */
  baseTerms: Terms;
  readonly rules: ServicingRules;
  readonly mode: RoundingMode;
  installments: BookInstallment[];
  /** No installment before this index is open (installments never reopen; reset when the list changes). */
  firstOpen: number;
  /** The last day whose accruals have been applied (the day before the disbursement at first). */
  day: DayNumber;
  status: LoanStatus;
  creditBalance: number;
  disbursed: number;
  received: number;
  refunded: number;
  recovered: number;
  readonly cashFlow: BookFlow[];
  readonly postings: Posting[];
  /** Installments created by recalculations, for unique ids. */
  serial: number;
  /** The loan's current interest rate (a rate change replaces it). */
  rate: Ratio;
  /** The regular payment a balloon loan keeps through recalculations (§6): given, or the level one. */
  readonly balloonPayment: number | undefined;
  /** Posting keys used so far: a second posting with the same key on one replay gets a suffix. */
  readonly keys: Map<string, number>;
}

export function newInstallment(
  uid: string,
  position: number,
  startDay: DayNumber,
  dueDay: DayNumber,
  principal: number,
  interest: number,
  fee: number,
  feeDay: DayNumber,
  capitalized: number,
): BookInstallment {
  return {
    uid,
    position,
    startDay,
    dueDay,
    scheduled: [principal, interest, fee, 0],
    paid: [0, 0, 0, 0],
    waived: [0, 0, 0, 0],
    writtenOff: [0, 0, 0, 0],
    accrualFrom: startDay,
    accrualBase: 0,
    scheduledFee: fee,
    feeDay,
    manualFee: 0,
    capitalized,
    recognizedInterest: 0,
    recognizedPenalty: 0,
    heldPenalty: 0,
    closedDay: undefined,
    truncated: false,
  };
}

/** Book installments for the rows of a schedule; `uid` names each (0-based index in). */
export function bookInstallments(
  terms: Terms,
  schedule: Schedule,
  uid: (index: number) => string,
): BookInstallment[] {
  const { columns } = schedule;
  const startFeeNames = new Set(terms.fees.filter((fee) => fee.timing === "start").map((fee) => fee.name));
  const installments: BookInstallment[] = [];
  for (let i = 0; i < schedule.count; i++) {
    const startDay = i === 0 ? columns.disbursementDay : (columns.dueDays[i - 1] as number);
    const dueDay = columns.dueDays[i] as number;
    const fees = columns.fees?.[i] ?? [];
    // Fees accrue whole, at the start of the period only when every fee of the installment is charged then.
    const atStart = fees.length > 0 && fees.every((fee) => startFeeNames.has(fee.name));
    installments.push(
      newInstallment(
        uid(i),
        i + 1,
        startDay,
        dueDay,
        columns.principalMinor[i] as number,
        columns.interestMinor[i] as number,
        columns.feesMinor?.[i] ?? 0,
        atStart ? startDay : dueDay,
        columns.capitalizedMinor?.[i] ?? 0,
      ),
    );
  }
  return installments;
}

/**
 * The terms recalculations start from: an interest-only count equal to the default (all but the last amortizing
 * installment, which parseTerms writes out) is left undefined, so that a reschedule keeps "all but the last" of
 * its own count (§8.3).
 */
function withDefaultInterestOnly(terms: Terms): Terms {
  if (terms.loanType !== "interest-only" || terms.interestOnlyInstallments === undefined) return terms;
  const deferred = terms.grace?.principal === "deferred" ? terms.grace.installments : 0;
  const isDefault = terms.interestOnlyInstallments === terms.installmentCount - deferred - 1;
  return isDefault ? { ...terms, interestOnlyInstallments: undefined } : terms;
}

/** The book of a loan just disbursed: the original schedule's installments, nothing accrued. */
export function openBook(terms: Terms, rules: ServicingRules, schedule: Schedule): Book {
  const installments = bookInstallments(terms, schedule, (i) => `i${i + 1}`);
  return {
    terms,
    baseTerms: withDefaultInterestOnly(terms),
    rules,
    mode: terms.rounding.mode,
    installments,
    firstOpen: 0,
    // The disbursement day's own accruals (a fee charged at the start of period 1) are still to come.
    day: terms.disbursementDay - 1,
    status: "active",
    creditBalance: 0,
    disbursed: 0,
    received: 0,
    refunded: 0,
    recovered: 0,
    cashFlow: [],
    postings: [],
    serial: 0,
    rate: terms.interest.rate ?? (schedule.derived.rate as Ratio),
    balloonPayment:
      terms.paymentMethod.type === "balloon"
        ? (terms.paymentMethod.paymentMinor ?? schedule.derived.levelInstallmentMinor)
        : undefined,
    keys: new Map(),
  };
}

/** Interest of the installment accrued by the end of day `t` (§3). */
export function accruedInterest(book: Book, inst: BookInstallment, t: DayNumber): number {
  const total = inst.scheduled[I] as number;
  if (t >= inst.dueDay) return total;
  if (t <= inst.accrualFrom) return t < inst.accrualFrom ? 0 : inst.accrualBase;
  const span = inst.dueDay - inst.accrualFrom;
  return inst.accrualBase + mulDivRound(total - inst.accrualBase, t - inst.accrualFrom, span, book.mode);
}

/** Fees of the installment accrued by the end of day `t`. */
export function accruedFee(inst: BookInstallment, t: DayNumber): number {
  return inst.manualFee + (t >= inst.feeDay ? inst.scheduledFee : 0);
}

/** What has accrued of a component by the end of day `t`; principal counts once due. */
export function accrued(book: Book, inst: BookInstallment, component: number, t: DayNumber): number {
  switch (component) {
    case P:
      return t >= inst.dueDay ? (inst.scheduled[P] as number) : 0;
    case I:
      return accruedInterest(book, inst, t);
    case F:
      return accruedFee(inst, t);
    default:
      return inst.scheduled[N] as number;
  }
}

/** Settled so far: paid, waived and written off. */
export function settled(inst: BookInstallment, component: number): number {
  return (
    (inst.paid[component] as number) +
    (inst.waived[component] as number) +
    (inst.writtenOff[component] as number)
  );
}

/**
 * Outstanding on day `t`: accrued and unsettled, never below zero (interest paid ahead of its accrual is
 * prepaid, not negative debt). Principal: everything not yet settled.
 */
export function outstanding(book: Book, inst: BookInstallment, component: number, t: DayNumber): number {
  const owed = component === P ? (inst.scheduled[P] as number) : accrued(book, inst, component, t);
  return Math.max(0, owed - settled(inst, component));
}

/** Principal, interest and fee outstanding: what makes an installment overdue (§4). */
export function overdueAmount(book: Book, inst: BookInstallment, t: DayNumber): number {
  return outstanding(book, inst, P, t) + outstanding(book, inst, I, t) + outstanding(book, inst, F, t);
}

/** The index of the first open installment (the count when none is open). */
export function firstOpenIndex(book: Book): number {
  const list = book.installments;
  let k = book.firstOpen;
  while (k < list.length && (list[k] as BookInstallment).closedDay !== undefined) k++;
  book.firstOpen = k;
  return k;
}

/** Replaces the installment list (a recalculation removed or added some). */
export function replaceInstallments(book: Book, installments: BookInstallment[]): void {
  book.installments = installments;
  book.firstOpen = 0;
}

/**
 * The index of the current installment on `d` (§5.1): the first due on or after `d` that a recalculation did
 * not cut short; the count after maturity.
 */
export function currentIndex(book: Book, d: DayNumber): number {
  const list = book.installments;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as BookInstallment).dueDay < d) low = middle + 1;
    else high = middle;
  }
  // Truncated installments are passed over, and so is a closed one sharing its due date with the next
  // (a reschedule's new installment can fall on the date of one closed earlier).
  while (low < list.length) {
    const inst = list[low] as BookInstallment;
    const next = list[low + 1];
    const tiedAndClosed = inst.closedDay !== undefined && next !== undefined && next.dueDay === inst.dueDay;
    if (!inst.truncated && !tiedAndClosed) break;
    low++;
  }
  return low;
}

export function post(
  book: Book,
  key: string,
  day: DayNumber,
  debit: Account,
  credit: Account,
  amountMinor: number,
  event: string | undefined,
  memo: string,
): void {
  if (amountMinor === 0) return;
  const uses = book.keys.get(key) ?? 0;
  book.keys.set(key, uses + 1);
  if (uses > 0) key = `${key}#${uses + 1}`;
  if (amountMinor < 0)
    book.postings.push({ key, day, debit: credit, credit: debit, amountMinor: -amountMinor, event, memo });
  else book.postings.push({ key, day, debit, credit, amountMinor, event, memo });
}

export function flow(
  book: Book,
  day: DayNumber,
  inst: BookInstallment,
  component: number,
  kind: CashFlowEntry["kind"],
  amountMinor: number,
  event: string | undefined,
): void {
  if (amountMinor === 0) return;
  book.cashFlow.push({
    day,
    uid: inst.uid,
    component: COMPONENT_NAMES[component] as Component,
    kind,
    amountMinor,
    event,
  });
}
