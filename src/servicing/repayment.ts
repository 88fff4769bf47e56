// A repayment (docs/reference/servicing-rules.md §5–§6, §9): the waterfall over what is past due and due,
// then the overpayment by the repayment's or the product's mode, then the credit balance; and the pay-off
// amount, computed from the same `payable` amounts so a pay-off of exactly the quote closes the loan.
import type { DayNumber } from "../core/calendar-date.ts";
import type { Schedule } from "../schedule/schedule.ts";
import { closeAhead, pay, payable, runWaterfall } from "./allocate.ts";
import {
  type Book,
  type BookInstallment,
  COMPONENT_INDEX,
  currentIndex,
  flow,
  I,
  N,
  outstanding,
  P,
  post,
  settled,
} from "./loan-book.ts";
import {
  applyTail,
  generateTail,
  paysOffEarly,
  refuseDuringCapitalization,
  tailPaymentMethod,
  unpaidPrincipal,
} from "./recalculate.ts";
import type { OverpaymentMode } from "./types.ts";

export function applyRepayment(
  book: Book,
  d: DayNumber,
  amount: number,
  event: string,
  mode: OverpaymentMode | undefined,
): void {
  book.received += amount;
  if (book.status === "written-off") {
    book.recovered += amount;
    post(book, `recovery:${event}`, d, "cash", "recoveries", amount, event, "recovery after write-off");
    return;
  }
  let remaining = runWaterfall(book, d, amount, event);
  // Even with nothing left, later installments with nothing left to pay are closed (§6).
  remaining = applyOverpayment(book, d, remaining, event, mode ?? book.rules.overpayment);
  if (remaining > 0) {
    book.creditBalance += remaining;
    post(book, `credit:${event}`, d, "cash", "overpayment", remaining, event, "held as credit balance");
  }
}

function applyOverpayment(
  book: Book,
  d: DayNumber,
  amount: number,
  event: string,
  mode: OverpaymentMode,
): number {
  if (mode === "close-forward" || mode === "close-backward") {
    return closeAhead(book, d, amount, event, mode === "close-backward");
  }
  const current = currentIndex(book, d);
  const currentInstallment = book.installments[current];
  if (currentInstallment === undefined) return amount;
  if (amount === 0 && hasPrincipalAfter(book, current)) return 0; // the usual case: nothing to do
  // By position, not date: after a reschedule a later installment can share the current one's due date.
  const targets = book.installments.slice(current + 1).filter((inst) => inst.closedDay === undefined);
  // What has already accrued on them (interest carried by a reschedule, a fee charged at the start of a
  // period beginning today) is owed as it stands; only the rest reduces the principal.
  let remaining = amount;
  for (const inst of targets) {
    for (const component of book.rules.notYetDueOrder) {
      const c = COMPONENT_INDEX[component];
      if (c === P) continue;
      const paid = Math.min(remaining, outstanding(book, inst, c, d));
      pay(book, inst, c, paid, d, event);
      remaining -= paid;
    }
  }
  const balance = unpaidPrincipal(targets);
  const reduction = Math.min(remaining, balance);
  // Nothing to reduce: unless no principal is left at all (then the rest of the schedule is closed below).
  if (targets.length === 0 || (reduction === 0 && balance > 0)) return remaining;
  const rest = balance - reduction;
  if (rest > 0) refuseDuringCapitalization(targets, event);
  if (reduction > 0) {
    // The prepaid principal is recorded on the installment it was paid in (§6).
    currentInstallment.scheduled[P] = (currentInstallment.scheduled[P] as number) + reduction;
    flow(book, d, currentInstallment, P, "recalculated", reduction, event);
    pay(book, currentInstallment, P, reduction, d, event);
  }
  const first = targets[0] as BookInstallment;
  const from = Math.max(d, first.startDay);
  const regular = (first.scheduled[P] as number) + (first.scheduled[I] as number);
  const tail = rest === 0 ? undefined : recalculatedTail(book, from, rest, targets, regular, mode, event);
  applyTail(book, tail, from, targets, event, d);
  return remaining - reduction;
}

/** Whether an open installment after `current` still has principal to pay (found in a step or two). */
function hasPrincipalAfter(book: Book, current: number): boolean {
  for (let j = current + 1; j < book.installments.length; j++) {
    const inst = book.installments[j] as BookInstallment;
    if (inst.closedDay === undefined && (inst.scheduled[P] as number) > settled(inst, P)) return true;
  }
  return false;
}

/** §6: the tail after an overpayment, keeping the term, the installment, or (balloon) the payment. */
function recalculatedTail(
  book: Book,
  from: DayNumber,
  balance: number,
  targets: readonly BookInstallment[],
  regular: number,
  mode: "reduce-term" | "reduce-installment",
  event: string,
): Schedule {
  const tail = (count: number, regularPayment: number | undefined) =>
    generateTail(book, {
      from,
      balance,
      targets,
      count,
      rate: book.rate,
      paymentMethod: tailPaymentMethod(book, regularPayment),
      event,
    });
  if (book.baseTerms.paymentMethod.type === "balloon") {
    const keepPayment = tail(targets.length, book.balloonPayment ?? regular);
    if (!paysOffEarly(keepPayment)) return keepPayment;
  } else if (mode === "reduce-installment" || !AMORTIZING.has(book.baseTerms.loanType)) {
    // Interest-only and bullet loans repay principal at the end: a shorter term would not keep the installment.
    return tail(targets.length, undefined);
  }
  // reduce-term: the fewest installments whose regular installment is not above the current one. Each
  // count costs a schedule generation, so the search starts from the annuity estimate and widens from there.
  const tails = new Map<number, Schedule>();
  const tailOf = (count: number) => {
    let cached = tails.get(count);
    if (cached === undefined) {
      cached = tail(count, undefined);
      tails.set(count, cached);
    }
    return cached;
  };
  const fits = (count: number) => firstInstallment(tailOf(count)) <= regular;
  const fewest = fewestFitting(fits, estimateCount(targets, balance, regular), targets.length);
  const shortest = tailOf(fewest);
  const low = fewest;
  const level = book.baseTerms.loanType === "annuity" || book.baseTerms.loanType === "annuity-daily";
  if (!level || low === 1 || book.baseTerms.paymentMethod.type === "balloon") return shortest;
  // Annuities keep paying exactly the current installment, with a smaller last one.
  const keepInstallment = generateTail(book, {
    from,
    balance,
    targets,
    count: low,
    rate: book.rate,
    paymentMethod: { type: "balloon", paymentMinor: regular, balloonMinor: undefined },
    event,
  });
  const last = keepInstallment.count - 1;
  const lastTotal =
    (keepInstallment.columns.principalMinor[last] as number) +
    (keepInstallment.columns.interestMinor[last] as number);
  return paysOffEarly(keepInstallment) || lastTotal > regular ? shortest : keepInstallment;
}

/**
 * The smallest count in 1…max for which `fits` holds (it holds for every count above one that holds; max when
 * none does), searched outward from `guess` with doubling steps, then by bisection.
 */
export function fewestFitting(fits: (count: number) => boolean, guess: number, max: number): number {
  // When even the full term does not fit (the installment was already partly prepaid), the term is kept.
  if (!fits(max)) return max;
  let low: number;
  let high: number;
  const start = Math.min(Math.max(guess, 1), max);
  if (fits(start)) {
    high = start;
    let step = 1;
    low = Math.max(1, start - step);
    while (low > 1 && fits(low)) {
      high = low;
      step *= 2;
      low = Math.max(1, low - step);
    }
    if (low === high || fits(low)) return low;
  } else {
    low = start + 1;
    let step = 1;
    high = Math.min(max, start + step);
    while (high < max && !fits(high)) {
      low = high + 1;
      step *= 2;
      high = Math.min(max, high + step);
    }
  }
  // fits(high) holds and every count below `low` fails.
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (fits(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * The annuity count that a payment `regular` needs for `balance` at the period rate the first target was
 * charged at: n = ln(A / (A − Bρ)) / ln(1 + ρ). Only a starting guess; the search checks it exactly.
 */
function estimateCount(targets: readonly BookInstallment[], balance: number, regular: number): number {
  const first = targets[0] as BookInstallment;
  const before = unpaidPrincipal(targets);
  const rate = before === 0 ? 0 : (first.scheduled[I] as number) / before; // float-ok: estimate only
  if (rate <= 0) return Math.ceil(balance / Math.max(regular, 1)); // float-ok: estimate only
  const interest = balance * rate; // float-ok: estimate only
  if (interest >= regular) return targets.length;
  return Math.ceil(Math.log(regular / (regular - interest)) / Math.log1p(rate)); // float-ok: estimate only
}

/** Loan types whose installments repay principal as they go, so fewer of them means larger ones. */
const AMORTIZING = new Set(["annuity", "annuity-daily", "classic", "flat", "rule-of-78"]);

function firstInstallment(schedule: Schedule): number {
  return (schedule.columns.principalMinor[0] as number) + (schedule.columns.interestMinor[0] as number);
}

/** What a pay-off on `d` accepts and closes the loan with (§9); 0 once the loan is closed or written off. */
export function payoffAmount(book: Book, d: DayNumber): number {
  if (book.status !== "active") return 0;
  const current = currentIndex(book, d);
  const reduces = book.rules.overpayment === "reduce-term" || book.rules.overpayment === "reduce-installment";
  let total = 0;
  for (let j = 0; j < book.installments.length; j++) {
    const inst = book.installments[j] as BookInstallment;
    if (inst.closedDay !== undefined) continue;
    const bucket = j < current ? "past-due" : j === current ? "due" : "not-yet-due";
    if (bucket === "not-yet-due" && reduces) {
      // Principal still to pay, and whatever of the rest has already accrued (§9).
      total += (inst.scheduled[P] as number) - settled(inst, P);
      for (let c = I; c <= N; c++) total += outstanding(book, inst, c, d);
      continue;
    }
    for (let c = P; c <= N; c++) total += payable(book, inst, c, bucket, d);
  }
  return total;
}
