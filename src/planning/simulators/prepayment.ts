// The prepayment simulator (docs/guides/after-the-loan-starts.md): an extra payment on a date, applied by the
// servicing engine once to shorten the loan (reduce-term) and once to lower the installment
// (reduce-installment), side by side with the loan without it. On the day, the repayment first pays what the
// loan asks for then (arrears and the current installment, as the waterfall would) and the extra goes to
// principal (docs/reference/servicing-rules.md §5–§6); the baseline pays the same due amount on the same day
// without the extra, so the difference is the prepayment's alone. Future installments are assumed paid on
// their due dates: "total interest" is what was paid plus what is still scheduled.
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { fail, type Issue, TenorError } from "../../core/errors.ts";
import { formatMinor } from "../../core/money.ts";
import type { LoanEvent, LoanState } from "../../servicing/types.ts";
import {
  endDayOf,
  freshEventId,
  installmentTotal,
  lastEventDay,
  lentPrincipal,
  lifetimeInterest,
  type OpenedLoan,
  openRunningLoan,
  type RemainingInstallment,
  type RunningLoan,
  remaining,
  remainingInstallment,
  replayWith,
  stillToPay,
  totalOf,
  wholeMonthsBetween,
} from "./running-loan.ts";
import { countText, moneyText } from "./summary-text.ts";

export interface PrepaymentRequest {
  readonly day: DayNumber;
  /** The extra payment, on top of what is due on `day`: all of it goes to principal. */
  readonly amountMinor: number;
  /**
   * A prepayment fee the product charges, paid beside the prepayment. The servicing rules have no such fee, so
   * it is 0 unless the caller knows of one; it is reported against the interest saved.
   */
  readonly feeMinor?: number | undefined;
}

export type { RemainingInstallment } from "./running-loan.ts";

export type PrepaymentMode = "reduce-term" | "reduce-installment";

/** The loan after the day of the prepayment, if every later installment is paid on its due date. */
export interface PrepaymentOutcome {
  /** Interest over the loan's whole life: paid, and still scheduled. */
  readonly totalInterestMinor: number;
  /** Against the baseline (0 for the baseline itself). */
  readonly interestSavedMinor: number;
  /** The interest saved less the prepayment fee (0 for the baseline). */
  readonly netSavingMinor: number;
  /** The last installment's due date (the day of the prepayment when it closes the loan). */
  readonly endDay: DayNumber;
  /** Whole calendar months between the baseline's end and this one's. */
  readonly monthsEarlier: number;
  /** The next installment to pay (principal, interest and fees); undefined when nothing is left. */
  readonly regularInstallmentMinor: number | undefined;
  readonly installmentsLeft: number;
  /** Everything still to pay after the day. */
  readonly totalToPayMinor: number;
  readonly installments: readonly RemainingInstallment[];
  readonly closesLoan: boolean;
}

export interface PrepaymentComparison {
  readonly currencyDigits: number;
  readonly day: DayNumber;
  /** The extra payment. */
  readonly amountMinor: number;
  /** What the loan asks for on the day (arrears and the current installment), paid first. */
  readonly dueMinor: number;
  /** The repayment recorded: due + extra. */
  readonly paymentMinor: number;
  /** What closes the loan on the day when the rest reduces principal (servicing-rules.md §9). */
  readonly payoffMinor: number;
  /** The largest extra payment: the pay-off less what is due. */
  readonly maxAmountMinor: number;
  readonly feeMinor: number;
  readonly baseline: PrepaymentOutcome;
  readonly reduceTerm: PrepaymentOutcome;
  readonly reduceInstallment: PrepaymentOutcome;
  /** The repayment event each choice would record on the loan. */
  readonly events: { readonly reduceTerm: LoanEvent; readonly reduceInstallment: LoanEvent };
  readonly summary: string;
}

/**
 * Simulates an extra payment of `prepayment.amountMinor` on `prepayment.day`. Throws
 * `TenorError("INVALID_PREPAYMENT")` naming `prepayment.date`, `prepayment.amount` or `prepayment.fee` for a
 * date before the disbursement, before an event already recorded or after the loan's maturity, a loan that is
 * no longer active, an amount of 0 or less or above the pay-off (the message gives the pay-off), or a refusal of
 * the servicing engine (for example during a grace period that still capitalizes interest).
 */
export function simulatePrepayment(loan: RunningLoan, prepayment: PrepaymentRequest): PrepaymentComparison {
  const digits = loan.terms.currency.digits;
  const { day, amountMinor } = prepayment;
  const feeMinor = prepayment.feeMinor ?? 0;
  checkRequest(loan, prepayment, feeMinor);
  const opened = openRunningLoan(loan);
  const before = replay(opened, [], day);
  checkDay(before, day, digits);
  const dueMinor = dueOn(before, loan.rules.closing);
  const payoffMinor = dueMinor + notYetDueBalance(before);
  const maxAmountMinor = payoffMinor - dueMinor;
  checkAmount(amountMinor, { day, dueMinor, payoffMinor, maxAmountMinor, digits });

  const id = freshEventId(loan, "prepayment");
  const repayment = (amount: number, overpayment: PrepaymentMode | undefined): LoanEvent => ({
    id,
    type: "repayment",
    day,
    amountMinor: amount,
    overpayment,
  });
  const baselineState = replay(opened, dueMinor > 0 ? [repayment(dueMinor, undefined)] : [], day);
  const events = {
    reduceTerm: repayment(dueMinor + amountMinor, "reduce-term"),
    reduceInstallment: repayment(dueMinor + amountMinor, "reduce-installment"),
  };
  const lent = lentPrincipal(opened, day);
  const baseline = outcome(baselineState, lent, undefined, 0);
  const reduceTerm = outcome(replay(opened, [events.reduceTerm], day), lent, baseline, feeMinor);
  const reduceInstallment = outcome(
    replay(opened, [events.reduceInstallment], day),
    lent,
    baseline,
    feeMinor,
  );
  const comparison = {
    currencyDigits: digits,
    day,
    amountMinor,
    dueMinor,
    paymentMinor: dueMinor + amountMinor,
    payoffMinor,
    maxAmountMinor,
    feeMinor,
    baseline,
    reduceTerm,
    reduceInstallment,
    events,
  };
  return { ...comparison, summary: summarize(comparison) };
}

function checkRequest(loan: RunningLoan, prepayment: PrepaymentRequest, feeMinor: number): void {
  const { day, amountMinor } = prepayment;
  const issues: Issue[] = [];
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    issues.push({
      field: "prepayment.amount",
      value: amountMinor,
      message: "must be an amount greater than 0: the extra payment, on top of what is due that day",
    });
  }
  if (!Number.isSafeInteger(feeMinor) || feeMinor < 0) {
    issues.push({ field: "prepayment.fee", value: feeMinor, message: "must be an amount of 0 or more" });
  }
  if (day < loan.terms.disbursementDay) {
    issues.push({
      field: "prepayment.date",
      value: formatIsoDate(day),
      message: `must be on or after the disbursement date, ${formatIsoDate(loan.terms.disbursementDay)}`,
    });
  } else if (day < lastEventDay(loan)) {
    issues.push({
      field: "prepayment.date",
      value: formatIsoDate(day),
      message: `must be on or after the last event recorded on the loan (${formatIsoDate(lastEventDay(loan))}): the simulator adds a prepayment to the loan's future, it does not rewrite its history`,
    });
  }
  if (issues.length > 0) throw new TenorError("INVALID_PREPAYMENT", issues);
}

/** The loan must be running on the day and have a maturity on or after it. */
function checkDay(state: LoanState, day: DayNumber, digits: number): void {
  const date = formatIsoDate(day);
  if (state.status !== "active") {
    fail(
      "INVALID_PREPAYMENT",
      "prepayment.date",
      date,
      `is a day the loan is ${state.status}: nothing is left to prepay`,
    );
  }
  const maturity = lastDue(state);
  if (maturity < day) {
    const owed = moneyText(totalOf(state.outstanding), digits);
    fail(
      "INVALID_PREPAYMENT",
      "prepayment.date",
      date,
      `is after the loan's maturity (its last installment was due ${formatIsoDate(maturity)}, and ${owed} is overdue): nothing is left to prepay`,
    );
  }
}

function lastDue(state: LoanState): DayNumber {
  return state.installments.reduce((last, inst) => Math.max(last, inst.dueDay), 0);
}

interface AmountContext {
  readonly day: DayNumber;
  readonly dueMinor: number;
  readonly payoffMinor: number;
  readonly maxAmountMinor: number;
  readonly digits: number;
}

function checkAmount(amountMinor: number, context: AmountContext): void {
  const { day, dueMinor, payoffMinor, maxAmountMinor, digits } = context;
  if (amountMinor <= maxAmountMinor) return;
  const money = (minor: number) => moneyText(minor, digits);
  const date = formatIsoDate(day);
  const message =
    maxAmountMinor === 0
      ? `has nothing to reduce: on ${date} the pay-off is ${money(payoffMinor)}, all of it due that day (the last installment), so no extra payment can go to principal`
      : `is more than the loan's pay-off allows: on ${date} the pay-off is ${money(payoffMinor)}, of which ${money(dueMinor)} is due anyway, so the extra payment can be at most ${money(maxAmountMinor)}`;
  fail("INVALID_PREPAYMENT", "prepayment.amount", formatMinor(amountMinor, digits), message);
}

/**
 * What a repayment on the day pays before anything is left over (§5.1): the outstanding amounts of past-due
 * installments and the payable amounts of the current one — all of it with closing rule `scheduled`, only its
 * principal and what has accrued with `accrued`.
 */
function dueOn(state: LoanState, closing: "scheduled" | "accrued"): number {
  let due = 0;
  for (const inst of state.installments) {
    if (inst.bucket === "past-due" || (inst.bucket === "due" && closing === "accrued")) {
      due += totalOf(inst.outstanding);
    } else if (inst.bucket === "due") {
      due += totalOf(remaining(inst));
    }
  }
  return due;
}

/** The not-yet-due part of the pay-off when the rest reduces principal (§9): unpaid principal and what accrued. */
function notYetDueBalance(state: LoanState): number {
  let total = 0;
  for (const inst of state.installments)
    if (inst.bucket === "not-yet-due") total += totalOf(inst.outstanding);
  return total;
}

function replay(loan: OpenedLoan, added: readonly LoanEvent[], day: DayNumber): LoanState {
  try {
    return replayWith(loan, added, day);
  } catch (error) {
    if (!(error instanceof TenorError) || added.length === 0) throw error;
    throw new TenorError(
      "INVALID_PREPAYMENT",
      error.issues.map((issue) => ({
        field: "prepayment",
        value: issue.value,
        message: `cannot be applied by the servicing engine: ${issue.message}`,
      })),
    );
  }
}

function outcome(
  state: LoanState,
  lentMinor: number,
  baseline: PrepaymentOutcome | undefined,
  feeMinor: number,
): PrepaymentOutcome {
  const open = state.installments.filter((inst) => inst.closedDay === undefined);
  const totalInterestMinor = lifetimeInterest(state, lentMinor);
  const endDay = endDayOf(state);
  const interestSavedMinor = baseline === undefined ? 0 : baseline.totalInterestMinor - totalInterestMinor;
  const first = open[0];
  return {
    totalInterestMinor,
    interestSavedMinor,
    netSavingMinor: baseline === undefined ? 0 : interestSavedMinor - feeMinor,
    endDay,
    monthsEarlier: baseline === undefined ? 0 : wholeMonthsBetween(endDay, baseline.endDay),
    regularInstallmentMinor: first === undefined ? undefined : installmentTotal(first),
    installmentsLeft: open.length,
    totalToPayMinor: stillToPay(state),
    installments: open.map(remainingInstallment),
    closesLoan: state.status !== "active",
  };
}

type Summarized = Omit<PrepaymentComparison, "summary">;

function summarize(c: Summarized): string {
  const money = (minor: number) => moneyText(minor, c.currencyDigits);
  const date = formatIsoDate(c.day);
  const paid = `Paying ${money(c.amountMinor)} on ${date}${c.dueMinor > 0 ? `, on top of the ${money(c.dueMinor)} of installments payable that day,` : ""}`;
  const term = c.reduceTerm;
  const sentences: string[] = [];
  if (term.closesLoan) {
    sentences.push(
      `${paid} pays the loan off: it saves ${money(term.interestSavedMinor)} of interest and ends the loan ${earlier(term, c.baseline)}.`,
    );
  } else {
    const lower = c.reduceInstallment;
    const from = c.baseline.regularInstallmentMinor ?? 0;
    const to = lower.regularInstallmentMinor ?? 0;
    sentences.push(
      `${paid} saves ${money(term.interestSavedMinor)} of interest and ends the loan ${earlier(term, c.baseline)}; or keeps the term and lowers the installment from ${money(from)} to ${money(to)}, saving ${money(lower.interestSavedMinor)}.`,
    );
  }
  if (c.feeMinor === 0) {
    sentences.push("No prepayment fee is charged (the product's servicing rules have none).");
  } else if (term.closesLoan) {
    sentences.push(
      `The ${money(c.feeMinor)} prepayment fee leaves a net saving of ${money(term.netSavingMinor)}.`,
    );
  } else {
    sentences.push(
      `The ${money(c.feeMinor)} prepayment fee leaves a net saving of ${money(term.netSavingMinor)} (shorter term) or ${money(c.reduceInstallment.netSavingMinor)} (lower installment).`,
    );
  }
  return sentences.join(" ");
}

function earlier(outcome: PrepaymentOutcome, baseline: PrepaymentOutcome): string {
  const end = formatIsoDate(outcome.endDay);
  if (outcome.monthsEarlier > 0) return `${countText(outcome.monthsEarlier, "month")} earlier (${end})`;
  if (outcome.endDay < baseline.endDay) return `on ${end} instead of ${formatIsoDate(baseline.endDay)}`;
  return `on the same date (${end})`;
}
