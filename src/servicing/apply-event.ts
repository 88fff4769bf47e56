// One event applied to the book on its value date, after that day's accruals (docs/reference/servicing-rules.md
// §7–§9). Refusals throw INVALID_EVENT naming the event; the replay that called this is then discarded whole.
import type { DayNumber } from "../core/calendar-date.ts";
import { fail, TenorError } from "../core/errors.ts";
import type { Ratio } from "../core/ratio.ts";
import { generateSchedule } from "../schedule/generate-schedule.ts";
import type { Schedule } from "../schedule/schedule.ts";
import type { PlanTier, Terms } from "../schedule/terms.ts";
import { earnAhead, recognizeAhead } from "./accrue.ts";
import { close, closeComplete } from "./allocate.ts";
import {
  type Book,
  type BookInstallment,
  COMPONENT_ACCOUNT,
  COMPONENT_INDEX,
  COMPONENT_NAMES,
  F,
  firstOpenIndex,
  flow,
  I,
  outstanding,
  P,
  post,
  replaceInstallments,
  settled,
} from "./loan-book.ts";
import {
  accruedUnpaid,
  applyTail,
  generateOrRefuse,
  generateTail,
  isEmptyTruncated,
  openAfter,
  refuseDuringCapitalization,
  rescheduledInstallments,
  tailPaymentMethod,
  truncate,
  unpaidPrincipal,
} from "./recalculate.ts";
import { applyRepayment, payoffAmount } from "./repayment.ts";
import type { LoanEvent } from "./types.ts";

type EventOf<T extends LoanEvent["type"]> = Extract<LoanEvent, { type: T }>;

/** Events that may still be recorded on a closed or written-off loan. */
const AFTER_CLOSING = new Set<LoanEvent["type"]>(["repayment", "returned-payment", "reversal", "refund"]);

export function applyEvent(
  book: Book,
  event: LoanEvent,
  nsfFeeOf: (event: EventOf<"returned-payment">) => number,
): void {
  if (book.status !== "active" && !AFTER_CLOSING.has(event.type)) {
    fail("INVALID_EVENT", event.id, event.type, `cannot be recorded on a ${book.status} loan`);
  }
  const wasActive = book.status === "active";
  switch (event.type) {
    case "repayment":
      applyRepayment(book, event.day, event.amountMinor, event.id, event.overpayment);
      autoWriteOff(book, event.day, event.id);
      break;
    case "payoff":
      applyPayoff(book, event);
      break;
    case "returned-payment": {
      const fee = nsfFeeOf(event);
      if (fee > 0 && book.status === "active") chargeFee(book, event.day, fee, event.id, "NSF fee");
      break;
    }
    case "fee":
      chargeFee(book, event.day, event.amountMinor, event.id, event.name);
      break;
    case "fee-waiver":
      waive(book, event);
      break;
    case "rate-change":
      changeRate(book, event);
      break;
    case "disbursement":
      disburseTranche(book, event);
      break;
    case "reschedule":
      reschedule(book, event);
      break;
    case "write-off":
      writeOff(book, event.day, event.id, event.id, "written off");
      break;
    case "refund":
      refund(book, event);
      break;
    case "reversal":
      // Its effect is the absence of the reversed event from the replay.
      break;
  }
  if (book.status === "active" && book.installments.every((inst) => inst.closedDay !== undefined)) {
    book.status = "closed";
  }
  if (book.status !== "active" && wasActive) recognizeAhead(book, event.day, event.id);
}

function applyPayoff(book: Book, event: EventOf<"payoff">): void {
  const quote = payoffAmount(book, event.day);
  if (event.amountMinor !== undefined && event.amountMinor !== quote) {
    fail(
      "INVALID_EVENT",
      `${event.id}.amount`,
      event.amountMinor,
      `must equal the pay-off amount on that date, ${quote} minor units`,
    );
  }
  applyRepayment(book, event.day, quote, event.id, undefined);
}

/** §7: a manual fee joins the first open installment due on or after its day (else the last open one). */
function chargeFee(book: Book, d: DayNumber, amount: number, event: string, memo: string): void {
  let target: BookInstallment | undefined;
  for (let j = firstOpenIndex(book); j < book.installments.length; j++) {
    const inst = book.installments[j] as BookInstallment;
    if (inst.closedDay !== undefined) continue;
    target = inst;
    if (inst.dueDay >= d) break;
  }
  if (target === undefined) fail("INVALID_EVENT", event, amount, "has no open installment to charge");
  target.scheduled[F] = (target.scheduled[F] as number) + amount;
  target.manualFee += amount;
  post(book, `fee:${event}`, d, "fee-receivable", "fee-income", amount, event, memo);
  flow(book, d, target, F, "accrued", amount, event);
}

function waive(book: Book, event: EventOf<"fee-waiver">): void {
  const c = COMPONENT_INDEX[event.component];
  const d = event.day;
  let available = 0;
  for (const inst of book.installments) available += outstanding(book, inst, c, d);
  if (available === 0)
    fail("INVALID_EVENT", `${event.id}.component`, event.component, "has nothing outstanding to waive");
  if (event.amountMinor !== undefined && event.amountMinor > available) {
    fail(
      "INVALID_EVENT",
      `${event.id}.amount`,
      event.amountMinor,
      `is more than the ${available} minor units of ${event.component} outstanding`,
    );
  }
  let remaining = event.amountMinor ?? available;
  const touched: number[] = [];
  book.installments.forEach((inst, index) => {
    const amount = Math.min(remaining, outstanding(book, inst, c, d));
    if (amount === 0) return;
    inst.waived[c] = (inst.waived[c] as number) + amount;
    remaining -= amount;
    touched.push(index);
    const account = COMPONENT_ACCOUNT[c] as (typeof COMPONENT_ACCOUNT)[number];
    post(
      book,
      `waive:${event.id}:${inst.uid}`,
      d,
      "waiver-expense",
      account,
      amount,
      event.id,
      `${COMPONENT_NAMES[c]} waived`,
    );
    flow(book, d, inst, c, "waived", amount, event.id);
  });
  closeComplete(book, touched, d, event.id);
}

/** §8.2: the open installments after the day, recalculated on their dates at the new rate. */
function changeRate(book: Book, event: EventOf<"rate-change">): void {
  if (book.terms.interest.kind !== "percent") {
    fail(
      "INVALID_EVENT",
      `${event.id}.rate`,
      event.rate,
      "can only change a percent interest rate (these terms charge an amount)",
    );
  }
  recalculateKeepingDates(book, event.day, 0, event.rate, event.id);
  book.rate = event.rate;
}

function disburseTranche(book: Book, event: EventOf<"disbursement">): void {
  if (openAfter(book, event.day).length === 0) {
    fail(
      "INVALID_EVENT",
      `${event.id}.date`,
      event.day,
      "is on or after the last open due date: a tranche needs installments to repay it",
    );
  }
  book.disbursed += event.amountMinor;
  post(
    book,
    `disburse:${event.id}`,
    event.day,
    "loan-principal",
    "cash",
    event.amountMinor,
    event.id,
    "tranche disbursed",
  );
  recalculateKeepingDates(book, event.day, event.amountMinor, book.rate, event.id);
}

function recalculateKeepingDates(
  book: Book,
  d: DayNumber,
  extraPrincipal: number,
  rate: Ratio,
  event: string,
): void {
  const targets = openAfter(book, d);
  if (targets.length === 0) return;
  refuseDuringCapitalization(targets, event);
  const first = targets[0] as BookInstallment;
  const from = Math.max(d, first.startDay);
  const balance = unpaidPrincipal(targets) + extraPrincipal;
  const tail =
    balance === 0
      ? undefined
      : generateTail(book, {
          from,
          balance,
          targets,
          count: targets.length,
          rate,
          paymentMethod: tailPaymentMethod(book, undefined),
          event,
        });
  applyTail(book, tail, from, targets, event, d);
}

/** §8.3. */
function reschedule(book: Book, event: EventOf<"reschedule">): void {
  const d = event.day;
  const replaced = openAfter(book, d);
  const balance = unpaidPrincipal(replaced);
  if (balance === 0)
    fail("INVALID_EVENT", event.id, event.type, "has no unpaid principal due after its date to reschedule");
  refuseDuringCapitalization(replaced, event.id);
  const count = event.installments ?? replaced.length;
  const graceInstallments = event.holidayInstallments + event.interestOnlyInstallments;
  if (graceInstallments >= count) {
    fail(
      "INVALID_EVENT",
      `${event.id}.installments`,
      count,
      `must be more than the ${graceInstallments} holiday or interest-only installments`,
    );
  }
  if (event.firstDueDay !== undefined && event.firstDueDay <= d) {
    fail("INVALID_EVENT", `${event.id}.firstDueDate`, event.firstDueDay, "must be after the reschedule date");
  }
  const base = book.baseTerms;
  const rate = event.rate ?? book.rate;
  if (event.tiers !== undefined) checkTiers(base, event, event.tiers, count);
  const terms: Terms = {
    ...base,
    principalMinor: balance,
    disbursementDay: d,
    firstDueDay: event.firstDueDay,
    installmentCount: count,
    fixedPeriods: undefined,
    fees: base.fees.filter((fee) => fee.charge.kind !== "disbursement"),
    grace:
      event.holidayInstallments > 0
        ? {
            installments: event.holidayInstallments,
            principal: "deferred",
            interest: "capitalized",
            fees: "charged",
          }
        : event.interestOnlyInstallments > 0
          ? {
              installments: event.interestOnlyInstallments,
              principal: "deferred",
              interest: "paid",
              fees: "charged",
            }
          : undefined,
    // An interest-only loan keeps its own count of interest-only installments, not one capped by an earlier
    // reschedule (the generator takes at most all but the last amortizing installment), or the default (§8.3).
    interestOnlyInstallments: base.interestOnlyInstallments,
    paymentMethod: event.tiers === undefined ? { type: "standard" } : { type: "plan", tiers: event.tiers },
    interest: { ...base.interest, rate },
  };
  const schedule = generateRescheduled(terms, event);
  // The interest and fees the current period has accrued move to the first new installment (§8.3).
  let carriedInterest = 0;
  let carriedFee = 0;
  for (const inst of replaced) {
    if (inst.startDay >= d) continue;
    const carried = accruedUnpaid(book, inst, d);
    carriedInterest += carried.interest;
    carriedFee += carried.fee;
    // The carried interest stays recognized: it moves with its ledger entry to the new installment. The
    // carried fee is withdrawn by the truncation and accrued again on the new installment.
    inst.recognizedInterest -= carried.interest;
    flow(book, d, inst, I, "recalculated", -carried.interest, event.id);
    inst.scheduled[I] = Math.max(settled(inst, I), (inst.scheduled[I] as number) - carried.interest);
  }
  for (const inst of replaced) truncate(book, inst, d, event.id);
  // Installments already closed ahead of their dates keep those dates among the new ones; what they were paid
  // ahead is earned now, so no accrual of theirs falls between the new installments' dates.
  for (const inst of book.installments) {
    if (inst.closedDay !== undefined && !inst.truncated && inst.dueDay > d)
      earnAhead(book, inst, d, event.id);
  }
  const added = rescheduledInstallments(book, terms, schedule, carriedInterest, carriedFee);
  for (const inst of added) {
    flow(book, d, inst, P, "recalculated", inst.scheduled[P] as number, event.id);
    // A fee of the new installments charged at the start of a period beginning today accrues now.
    const fee = (inst.feeDay <= d ? inst.scheduledFee : 0) + inst.manualFee;
    post(
      book,
      `fee:${inst.uid}`,
      d,
      "fee-receivable",
      "fee-income",
      fee,
      event.id,
      "fee accrued on reschedule",
    );
    flow(book, d, inst, F, "accrued", fee, event.id);
  }
  const kept = book.installments.filter((inst) => !isEmptyTruncated(inst));
  replaceInstallments(
    book,
    [...kept, ...added].sort((a, b) => a.dueDay - b.dueDay),
  );
  book.baseTerms = terms;
  book.rate = rate;
}

/**
 * Tiers are the terms' `plan` payment method, which fixes each payment: it needs a loan whose installments are
 * level payments (annuity) with principal in every installment, and tiers that end at the new schedule's count.
 */
function checkTiers(
  base: Terms,
  event: EventOf<"reschedule">,
  tiers: readonly PlanTier[],
  count: number,
): void {
  const field = `${event.id}.tiers`;
  if (base.loanType !== "annuity" && base.loanType !== "annuity-daily") {
    fail(
      "INVALID_EVENT",
      field,
      base.loanType,
      `apply only to loanType "annuity" and "annuity-daily" (the loan's is "${base.loanType}"): leave tiers out`,
    );
  }
  if (base.placement.principal !== "every") {
    fail(
      "INVALID_EVENT",
      field,
      base.placement.principal,
      'need placement.principal "every": tiers fix each payment; leave tiers out',
    );
  }
  const last = Math.max(...tiers.map((tier) => tier.to));
  if (last !== count) {
    fail("INVALID_EVENT", field, last, `must end at the new schedule's last installment, ${count}`);
  }
}

/**
 * The new schedule; with tiers, an amount below an installment's interest is refused at the tier that gives it
 * (the schedule generator names it `paymentMethod.tiers[k].amount`).
 */
function generateRescheduled(terms: Terms, event: EventOf<"reschedule">): Schedule {
  if (event.tiers === undefined) return generateOrRefuse(terms, event.id);
  try {
    return generateSchedule(terms);
  } catch (error) {
    if (!(error instanceof TenorError) || error.code !== "PAYMENT_BELOW_INTEREST") throw error;
    const [issue] = error.issues;
    if (issue === undefined || !issue.field.startsWith("paymentMethod.tiers[")) throw error;
    return fail(
      "INVALID_EVENT",
      `${event.id}.tiers${issue.field.slice("paymentMethod.tiers".length)}`,
      issue.value,
      `must cover the interest of every installment it pays but the last (in the new schedule, ${issue.message})`,
    );
  }
}

/** §9: everything outstanding written off, what has not accrued cancelled, accruals stopped. */
export function writeOff(book: Book, d: DayNumber, event: string, key: string, memo: string): void {
  // Capitalization of grace interest that has not happened yet is not owed: it leaves the later principal.
  let pending = 0;
  for (const inst of book.installments) {
    if (inst.dueDay > d && inst.capitalized > 0) {
      pending += inst.capitalized;
      inst.capitalized = 0;
    }
  }
  for (let j = book.installments.length - 1; j >= 0 && pending > 0; j--) {
    const inst = book.installments[j] as BookInstallment;
    const cut = Math.min(pending, (inst.scheduled[P] as number) - settled(inst, P));
    inst.scheduled[P] = (inst.scheduled[P] as number) - cut;
    pending -= cut;
    flow(book, d, inst, P, "cancelled", cut, event);
  }
  for (const inst of book.installments) {
    if (inst.closedDay !== undefined) continue;
    for (let c = P; c <= 3; c++) {
      const amount = outstanding(book, inst, c, d);
      if (amount === 0) continue;
      inst.writtenOff[c] = (inst.writtenOff[c] as number) + amount;
      const account = COMPONENT_ACCOUNT[c] as (typeof COMPONENT_ACCOUNT)[number];
      post(book, `write-off:${key}:${inst.uid}:${c}`, d, "write-off-expense", account, amount, event, memo);
      flow(book, d, inst, c, "written-off", amount, event);
    }
    close(book, inst, d, event, true);
  }
  book.status = "written-off";
}

function autoWriteOff(book: Book, d: DayNumber, event: string): void {
  const tolerance = book.rules.writeOffToleranceMinor;
  if (tolerance === 0 || book.status !== "active") return;
  const quote = payoffAmount(book, d);
  if (quote > 0 && quote < tolerance)
    writeOff(book, d, event, `${event}:auto`, "written off below tolerance");
}

function refund(book: Book, event: EventOf<"refund">): void {
  if (event.amountMinor > book.creditBalance) {
    fail(
      "INVALID_EVENT",
      `${event.id}.amount`,
      event.amountMinor,
      `is more than the credit balance of ${book.creditBalance} minor units on that date`,
    );
  }
  book.creditBalance -= event.amountMinor;
  book.refunded += event.amountMinor;
  post(
    book,
    `refund:${event.id}`,
    event.day,
    "overpayment",
    "cash",
    event.amountMinor,
    event.id,
    "credit balance refunded",
  );
}
