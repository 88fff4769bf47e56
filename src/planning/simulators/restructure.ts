// Hardship restructuring (docs/guides/after-the-loan-starts.md; research: personalization-scoring.md §5.4): when a
// borrower can no longer pay the installment, the options a product allows — a longer term, interest-only
// months, a payment holiday, a reduced (stepped-down) installment for a while — each built by the servicing
// engine's own `reschedule` event, so the new schedule shown is exactly the one the loan would get. Each option
// says what it costs (the interest over the loan's life against the current schedule), whether its installment
// fits what the borrower can pay, and the event that accepting it records. Options the product's rules or the
// engine refuse are listed as not available, with the reason.
//
// The reschedule replaces the installments due after the day; those due on or before it (arrears, and an
// installment due that very day) stay as they are. The new installments keep the loan's payment day: the first
// is due when the first replaced one was.
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { type Issue, TenorError } from "../../core/errors.ts";
import type { PlanTier } from "../../schedule/terms.ts";
import type { InstallmentState, LoanEvent, LoanState } from "../../servicing/types.ts";
import {
  freshEventId,
  installmentsInMonths,
  installmentTotal,
  lastEventDay,
  lentPrincipal,
  lifetimeFees,
  lifetimeInterest,
  type OpenedLoan,
  openInstallmentsAfter,
  openRunningLoan,
  type RemainingInstallment,
  type RunningLoan,
  remaining,
  remainingInstallment,
  replayWith,
  totalOf,
  wholeMonthsBetween,
} from "./running-loan.ts";
import { countText, moneyText } from "./summary-text.ts";

/** What the product allows a restructuring to do. */
export interface RestructuringRules {
  /** How many months the loan's end may move out, over all options. */
  readonly maxTermExtensionMonths: number;
  readonly maxInterestOnlyMonths: number;
  readonly maxPaymentHolidayMonths: number;
  /** Whether installments may be reduced for a while and raised again (step-down tiers). */
  readonly allowStepDown: boolean;
}

export interface RestructuringRequest {
  /** The day the restructuring would be recorded. */
  readonly day: DayNumber;
  /** The installment the borrower can now pay (principal, interest and fees). */
  readonly affordableInstallmentMinor: number;
  readonly product: RestructuringRules;
  /**
   * How long a temporary relief lasts (interest-only, holiday, reduced installments), in months; each option
   * takes at most what the product allows. Default 6.
   */
  readonly reliefMonths?: number | undefined;
}

export type RestructuringKind = "extend-term" | "interest-only" | "payment-holiday" | "step-down";

export interface UnavailableOption {
  readonly kind: RestructuringKind;
  readonly available: false;
  readonly reason: string;
}

export interface AvailableOption {
  readonly kind: RestructuringKind;
  readonly available: true;
  /** What the option does, in a sentence or two, with its cost and how it compares to what is affordable. */
  readonly summary: string;
  /** The events to record on the day to accept it: one reschedule (a step-down's with its tiers). */
  readonly events: readonly LoanEvent[];
  /** The new schedule: every installment due after the day. */
  readonly installments: readonly RemainingInstallment[];
  /** How many of the new installments are the relief (0 for a longer term). */
  readonly reliefInstallments: number;
  /** The largest installment during the relief; undefined without relief. */
  readonly reliefInstallmentMinor: number | undefined;
  /** The largest installment after the relief (a last installment that absorbs rounding aside). */
  readonly newInstallmentMinor: number;
  /** Whether what the borrower must pay first — the relief, or the new installment — fits the affordable amount. */
  readonly fits: boolean;
  /** Whether the installment after the relief fits too (the same as `fits` for a longer term). */
  readonly fitsAfterRelief: boolean;
  /** Interest over the loan's life with the option (capitalized interest included). */
  readonly totalInterestMinor: number;
  /** The option's interest over the loan's life less the current schedule's: its cost. */
  readonly extraInterestMinor: number;
  /** Fees the new installments add (a recurring fee on a longer schedule), against the current schedule. */
  readonly extraFeesMinor: number;
  readonly endDay: DayNumber;
  /** Whole months the end moves out. */
  readonly extensionMonths: number;
  readonly installmentsLeft: number;
}

export type RestructuringOption = AvailableOption | UnavailableOption;

export interface CurrentSchedule {
  /** The unpaid principal of the installments due after the day: what a reschedule spreads again. */
  readonly balanceMinor: number;
  /** The largest installment still ahead (a last one that absorbs rounding aside). */
  readonly installmentMinor: number;
  readonly installmentsLeft: number;
  readonly endDay: DayNumber;
  /** Interest over the loan's life (paid, due and scheduled, capitalized interest included). */
  readonly totalInterestMinor: number;
  readonly totalFeesMinor: number;
  /** What is due on or before the day and unpaid: arrears a reschedule does not touch. */
  readonly arrearsMinor: number;
  readonly fits: boolean;
}

export interface RestructuringResult {
  readonly currencyDigits: number;
  readonly day: DayNumber;
  readonly affordableInstallmentMinor: number;
  readonly reliefMonths: number;
  readonly current: CurrentSchedule;
  readonly options: readonly RestructuringOption[];
  readonly summary: string;
}

export const DEFAULT_RELIEF_MONTHS = 6;
/** Most installments a reschedule may create (servicing-limits.ts). */
const MAX_INSTALLMENTS = 1200;
/** Months a product rule or a relief may span: a hundred years. */
export const MAX_RULE_MONTHS = 1200;

/**
 * The restructuring options for `loan` on `request.day`. Throws `TenorError("INVALID_RESTRUCTURE")` for a day
 * before the disbursement or before an event already recorded, a loan that is not active or has nothing left
 * after the day, and product rules or amounts out of range.
 */
export function restructuringOptions(loan: RunningLoan, request: RestructuringRequest): RestructuringResult {
  checkRequest(loan, request);
  const { day, affordableInstallmentMinor: affordable, product } = request;
  const reliefMonths = request.reliefMonths ?? DEFAULT_RELIEF_MONTHS;
  const opened = openRunningLoan(loan);
  const state = replayWith(opened, [], day);
  const lentMinor = lentPrincipal(opened, day);
  const current = currentSchedule(state, day, affordable, loan.terms.currency.digits, lentMinor);
  const context: Context = {
    loan,
    opened,
    day,
    affordable,
    current,
    digits: loan.terms.currency.digits,
    firstDueDay: (openInstallmentsAfter(state, day)[0] as InstallmentState).dueDay,
    dueDays: openInstallmentsAfter(state, day).map((inst) => inst.dueDay),
    maxExtension: Math.min(
      installmentsInMonths(loan.terms.period, product.maxTermExtensionMonths),
      MAX_INSTALLMENTS - current.installmentsLeft,
    ),
    id: freshEventId(loan, "restructure"),
    lentMinor,
  };
  const relief = (months: number) => installmentsInMonths(loan.terms.period, Math.min(reliefMonths, months));
  const options: RestructuringOption[] = [
    guarded("extend-term", () => extendTerm(context)),
    guarded("interest-only", () =>
      withGrace(
        context,
        "interest-only",
        product.maxInterestOnlyMonths,
        relief(product.maxInterestOnlyMonths),
      ),
    ),
    guarded("payment-holiday", () =>
      withGrace(
        context,
        "payment-holiday",
        product.maxPaymentHolidayMonths,
        relief(product.maxPaymentHolidayMonths),
      ),
    ),
    guarded("step-down", () =>
      product.allowStepDown
        ? stepDown(context, installmentsInMonths(loan.terms.period, reliefMonths))
        : unavailable("step-down", "the product does not allow reduced installments (step-down tiers)"),
    ),
  ];
  return {
    currencyDigits: context.digits,
    day,
    affordableInstallmentMinor: affordable,
    reliefMonths,
    current,
    options,
    summary: summarize(context, options),
  };
}

interface Context {
  readonly loan: RunningLoan;
  readonly opened: OpenedLoan;
  readonly day: DayNumber;
  readonly affordable: number;
  readonly current: CurrentSchedule;
  readonly digits: number;
  /** The due date of the first installment replaced: the new schedule's first. */
  readonly firstDueDay: DayNumber;
  /** The due dates of the installments replaced. */
  readonly dueDays: readonly DayNumber[];
  /** Most installments the product lets the schedule grow by. */
  readonly maxExtension: number;
  readonly id: string;
  readonly lentMinor: number;
}

function checkRequest(loan: RunningLoan, request: RestructuringRequest): void {
  const issues: Issue[] = [];
  const report = (field: string, value: unknown, message: string) => issues.push({ field, value, message });
  const { day, affordableInstallmentMinor, product } = request;
  if (!Number.isSafeInteger(affordableInstallmentMinor) || affordableInstallmentMinor < 0) {
    report(
      "affordable",
      affordableInstallmentMinor,
      "must be an amount of 0 or more: the installment the borrower can now pay",
    );
  }
  const months = (field: string, value: number | undefined) => {
    if (value === undefined) return;
    if (!Number.isSafeInteger(value) || value < 0 || value > MAX_RULE_MONTHS) {
      report(field, value, `must be a whole number of months from 0 to ${MAX_RULE_MONTHS}`);
    }
  };
  months("product.maxTermExtensionMonths", product.maxTermExtensionMonths);
  months("product.maxInterestOnlyMonths", product.maxInterestOnlyMonths);
  months("product.maxPaymentHolidayMonths", product.maxPaymentHolidayMonths);
  months("reliefMonths", request.reliefMonths);
  if (typeof product.allowStepDown !== "boolean")
    report("product.allowStepDown", product.allowStepDown, "must be true or false");
  if (day < loan.terms.disbursementDay) {
    report(
      "date",
      formatIsoDate(day),
      `must be on or after the disbursement date, ${formatIsoDate(loan.terms.disbursementDay)}`,
    );
  } else if (day < lastEventDay(loan)) {
    report(
      "date",
      formatIsoDate(day),
      `must be on or after the last event recorded on the loan (${formatIsoDate(lastEventDay(loan))}): a restructuring changes the loan from that day on`,
    );
  }
  if (issues.length > 0) throw new TenorError("INVALID_RESTRUCTURE", issues);
}

function currentSchedule(
  state: LoanState,
  day: DayNumber,
  affordable: number,
  digits: number,
  lentMinor: number,
): CurrentSchedule {
  const date = formatIsoDate(day);
  if (state.status !== "active") {
    throw new TenorError("INVALID_RESTRUCTURE", [
      {
        field: "date",
        value: date,
        message: `is a day the loan is ${state.status}: there is nothing to restructure`,
      },
    ]);
  }
  const ahead = openInstallmentsAfter(state, day);
  const balanceMinor = ahead.reduce((sum, inst) => sum + remaining(inst).principal, 0);
  if (ahead.length === 0 || balanceMinor === 0) {
    const arrears = moneyText(arrearsOf(state, day), digits);
    throw new TenorError("INVALID_RESTRUCTURE", [
      {
        field: "date",
        value: date,
        message: `leaves no principal due after it to spread again (only ${arrears} due on or before it): a restructuring reschedules the installments still ahead`,
      },
    ]);
  }
  const installmentMinor = largestRegular(ahead);
  return {
    balanceMinor,
    installmentMinor,
    installmentsLeft: ahead.length,
    endDay: (ahead[ahead.length - 1] as InstallmentState).dueDay,
    totalInterestMinor: lifetimeInterest(state, lentMinor),
    totalFeesMinor: lifetimeFees(state),
    arrearsMinor: arrearsOf(state, day),
    fits: installmentMinor <= affordable,
  };
}

function arrearsOf(state: LoanState, day: DayNumber): number {
  let total = 0;
  for (const inst of state.installments) {
    if (inst.closedDay === undefined && inst.dueDay <= day) total += totalOf(inst.outstanding);
  }
  return total;
}

/** The largest installment of a run, leaving out a last one that only absorbs rounding (unless it is alone). */
function largestRegular(installments: readonly InstallmentState[]): number {
  const regular = installments.length > 1 ? installments.slice(0, -1) : installments;
  return regular.reduce((largest, inst) => Math.max(largest, installmentTotal(inst)), 0);
}

function largest(installments: readonly InstallmentState[]): number {
  return installments.reduce((most, inst) => Math.max(most, installmentTotal(inst)), 0);
}

function unavailable(kind: RestructuringKind, reason: string): UnavailableOption {
  return { kind, available: false, reason };
}

/** An option the engine refuses is not available, with the engine's reason. */
function guarded(kind: RestructuringKind, build: () => RestructuringOption): RestructuringOption {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    return unavailable(
      kind,
      `the servicing engine refuses it: ${error.issues.map((issue) => issue.message).join("; ")}`,
    );
  }
}

interface Reschedule {
  readonly installments: number;
  readonly firstDueDay: DayNumber;
  readonly holidayInstallments?: number;
  readonly interestOnlyInstallments?: number;
  readonly tiers?: readonly PlanTier[];
}

function rescheduleEvent(id: string, day: DayNumber, plan: Reschedule): LoanEvent {
  return {
    id,
    type: "reschedule",
    day,
    installments: plan.installments,
    firstDueDay: plan.firstDueDay,
    holidayInstallments: plan.holidayInstallments ?? 0,
    interestOnlyInstallments: plan.interestOnlyInstallments ?? 0,
    rate: undefined,
    ...(plan.tiers === undefined ? {} : { tiers: plan.tiers }),
  };
}

/** The installments due after the day once `events` are recorded, replayed to `until`. */
function newInstallments(
  c: Context,
  events: readonly LoanEvent[],
  until: DayNumber,
): { state: LoanState; ahead: InstallmentState[] } {
  const state = replayWith(c.opened, events, until);
  return {
    state,
    ahead: state.installments.filter((inst) => inst.dueDay > c.day && inst.closedDay === undefined),
  };
}

/**
 * The smallest `n` in `low … high` for which `fits(n)` holds, when `fits` holds for every count above one that
 * does (a longer schedule has a smaller installment); `undefined` when not even `high` fits.
 */
function smallestFitting(low: number, high: number, fits: (n: number) => boolean): number | undefined {
  if (low > high || !fits(high)) return undefined;
  let lo = low;
  let hi = high;
  while (lo < hi) {
    const middle = (lo + hi) >>> 1;
    if (fits(middle)) hi = middle;
    else lo = middle + 1;
  }
  return lo;
}

function extendTerm(c: Context): RestructuringOption {
  const money = (minor: number) => moneyText(minor, c.digits);
  if (c.maxExtension <= 0) return unavailable("extend-term", "the product allows no longer term");
  if (c.current.fits) {
    return unavailable(
      "extend-term",
      `not needed: the current installment, ${money(c.current.installmentMinor)}, already fits the ${money(c.affordable)} affordable`,
    );
  }
  const n0 = c.current.installmentsLeft;
  const event = (extra: number) =>
    rescheduleEvent(c.id, c.day, { installments: n0 + extra, firstDueDay: c.firstDueDay });
  const regularWith = (extra: number) => largestRegular(newInstallments(c, [event(extra)], c.day).ahead);
  const extra = smallestFitting(1, c.maxExtension, (k) => regularWith(k) <= c.affordable) ?? c.maxExtension;
  const events = [event(extra)];
  const { state, ahead } = newInstallments(c, events, c.day);
  const newInstallment = largestRegular(ahead);
  const fits = newInstallment <= c.affordable;
  const built = optionFacts(c, state, ahead, events, 0);
  const lead = `Spread the ${money(c.current.balanceMinor)} still owed over ${countText(ahead.length, "installment")} instead of ${n0} (to ${formatIsoDate(built.endDay)}): the installment falls from ${money(c.current.installmentMinor)} to ${money(newInstallment)}`;
  const verdict = fits
    ? `, within the ${money(c.affordable)} affordable`
    : `, still above the ${money(c.affordable)} affordable even at the longest term the product allows`;
  return {
    ...built,
    kind: "extend-term",
    reliefInstallmentMinor: undefined,
    newInstallmentMinor: newInstallment,
    fits,
    fitsAfterRelief: fits,
    summary: `${lead}${verdict}. ${costText(built, money)}`,
  };
}

/** What every available option reports, from its replay. */
function optionFacts(
  c: Context,
  state: LoanState,
  ahead: readonly InstallmentState[],
  events: readonly LoanEvent[],
  reliefInstallments: number,
) {
  const totalInterestMinor = lifetimeInterest(state, c.lentMinor);
  const endDay = (ahead[ahead.length - 1] as InstallmentState).dueDay;
  return {
    available: true as const,
    events,
    installments: ahead.map(remainingInstallment),
    reliefInstallments,
    totalInterestMinor,
    extraInterestMinor: totalInterestMinor - c.current.totalInterestMinor,
    extraFeesMinor: lifetimeFees(state) - c.current.totalFeesMinor,
    endDay,
    extensionMonths: wholeMonthsBetween(c.current.endDay, endDay),
    installmentsLeft: ahead.length,
  };
}

/**
 * Interest-only months or a payment holiday: `reliefCount` installments of the new schedule pay only interest
 * (or nothing, the interest being added to the principal), appended to the term as far as the product's
 * longest extension allows — so that the installments after the relief stay near today's — else within it.
 */
function withGrace(
  c: Context,
  kind: "interest-only" | "payment-holiday",
  productMonths: number,
  reliefCount: number,
): RestructuringOption {
  const money = (minor: number) => moneyText(minor, c.digits);
  const what = kind === "interest-only" ? "interest-only months" : "payment holiday";
  if (productMonths <= 0) return unavailable(kind, `the product allows no ${what}`);
  if (reliefCount <= 0) return unavailable(kind, `the relief is shorter than one installment of this loan`);
  const n0 = c.current.installmentsLeft;
  const count = n0 + Math.min(reliefCount, c.maxExtension);
  const relief = Math.min(reliefCount, count - 1);
  if (relief <= 0) return unavailable(kind, `only one installment is left: no ${what} can come before it`);
  const grace =
    kind === "interest-only" ? { interestOnlyInstallments: relief } : { holidayInstallments: relief };
  const events = [
    rescheduleEvent(c.id, c.day, { installments: count, firstDueDay: c.firstDueDay, ...grace }),
  ];
  const { state, ahead } = newInstallments(c, events, c.day);
  const reliefInstallment = largest(ahead.slice(0, relief));
  const after = ahead.slice(relief);
  const newInstallment = largestRegular(after);
  const fits = reliefInstallment <= c.affordable;
  const fitsAfter = newInstallment <= c.affordable;
  const built = optionFacts(c, state, ahead, events, relief);
  const during =
    kind === "interest-only"
      ? `Pay only the interest for ${countText(relief, "installment")} (${money(reliefInstallment)} at most)`
      : `Pay nothing but fees for ${countText(relief, "installment")} (${money(reliefInstallment)}), the interest being added to what is owed`;
  const term =
    count > n0
      ? `, with the term ${countText(count - n0, "installment")} longer (to ${formatIsoDate(built.endDay)})`
      : `, keeping the end date`;
  const afterText = `then ${money(newInstallment)} an installment${fitsAfter ? "" : `, above the ${money(c.affordable)} affordable`}`;
  return {
    ...built,
    kind,
    reliefInstallmentMinor: reliefInstallment,
    newInstallmentMinor: newInstallment,
    fits,
    fitsAfterRelief: fitsAfter,
    summary: `${during}${term}; ${afterText}. ${costText(built, money)}`,
  };
}

/**
 * Reduced installments for `reliefCount` installments, then back up, as one reschedule with two tiers: the
 * first pays the most that keeps each relief installment (fees included) within the affordable amount; the
 * second is the level installment that repays what is then left by today's end date — or later, as far as the
 * product allows, until it is back to at most today's installment. The last installment repays what remains.
 */
function stepDown(c: Context, reliefCount: number): RestructuringOption {
  const money = (minor: number) => moneyText(minor, c.digits);
  if (c.current.fits) {
    return unavailable(
      "step-down",
      `not needed: the current installment, ${money(c.current.installmentMinor)}, already fits the ${money(c.affordable)} affordable`,
    );
  }
  const n0 = c.current.installmentsLeft;
  const relief = Math.min(reliefCount, n0 - 1);
  if (relief <= 0) {
    return unavailable(
      "step-down",
      reliefCount <= 0
        ? "the relief is shorter than one installment of this loan"
        : "only one installment is left: nothing to step down",
    );
  }
  const reliefAmount = reliefTierAmount(c, relief);
  if (typeof reliefAmount === "string") return unavailable("step-down", reliefAmount);
  // What is left after the relief, spread in level installments from the last relief due date: the second
  // tier's amount (the same arithmetic the tiers then repeat, over the same dates).
  const probe = reliefProbe(c, relief, reliefAmount);
  const returnDay = (newInstallments(c, [probe], c.day).ahead[relief - 1] as InstallmentState).dueDay;
  const spread = (extra: number) =>
    newInstallments(
      c,
      [
        probe,
        rescheduleEvent(`${c.id}-probe`, returnDay, {
          installments: n0 - relief + extra,
          firstDueDay: c.dueDays[relief] as DayNumber,
        }),
      ],
      returnDay,
    ).ahead.slice(relief);
  const extra =
    smallestFitting(0, c.maxExtension, (k) => largestRegular(spread(k)) <= c.current.installmentMinor) ??
    c.maxExtension;
  const level = spread(extra)[0] as InstallmentState;
  const count = n0 + extra;
  const events = [
    rescheduleEvent(c.id, c.day, {
      installments: count,
      firstDueDay: c.firstDueDay,
      tiers: [
        { from: 1, to: relief, amountMinor: reliefAmount },
        { from: relief + 1, to: count, amountMinor: level.scheduled.principal + level.scheduled.interest },
      ],
    }),
  ];
  const { state, ahead } = newInstallments(c, events, c.day);
  const reliefInstallment = largest(ahead.slice(0, relief));
  const newInstallment = largestRegular(ahead.slice(relief));
  const fitsAfter = newInstallment <= c.affordable;
  const built = optionFacts(c, state, ahead, events, relief);
  const term =
    extra > 0
      ? `, the term ${countText(extra, "installment")} longer (to ${formatIsoDate(built.endDay)})`
      : ", keeping the end date";
  return {
    ...built,
    kind: "step-down",
    reliefInstallmentMinor: reliefInstallment,
    newInstallmentMinor: newInstallment,
    fits: reliefInstallment <= c.affordable,
    fitsAfterRelief: fitsAfter,
    summary: `Pay ${money(reliefInstallment)} an installment for ${countText(relief, "installment")}, then ${money(newInstallment)}${fitsAfter ? "" : ` (above the ${money(c.affordable)} affordable)`}${term}. ${costText(built, money)}`,
  };
}

/**
 * A reschedule whose first `relief` installments pay `amount` (principal and interest) and whose next, last one
 * repays the rest: the relief installments of the step-down, whatever follows them.
 */
function reliefProbe(c: Context, relief: number, amount: number): LoanEvent {
  return rescheduleEvent(c.id, c.day, {
    installments: relief + 1,
    firstDueDay: c.firstDueDay,
    tiers: [
      { from: 1, to: relief, amountMinor: amount },
      { from: relief + 1, to: relief + 1, amountMinor: amount },
    ],
  });
}

/**
 * The relief tier's amount: the affordable amount less what the relief installments add to it (fees, and
 * interest carried from the current period onto the first), lowered until every relief installment fits; or
 * why there is none (the engine refuses an amount below an installment's interest).
 */
function reliefTierAmount(c: Context, relief: number): number | string {
  const money = (minor: number) => moneyText(minor, c.digits);
  const interestOnly = `the ${money(c.affordable)} affordable does not cover even the interest of an installment — see the interest-only and payment-holiday options`;
  let amount = c.affordable;
  for (let attempt = 0; attempt < 8 && amount >= 0; attempt++) {
    let ahead: InstallmentState[];
    try {
      ahead = newInstallments(c, [reliefProbe(c, relief, amount)], c.day).ahead;
    } catch (error) {
      if (
        error instanceof TenorError &&
        error.issues.some((issue) => /\.tiers\[\d+\]\.amount$/.test(issue.field))
      )
        return interestOnly;
      throw error;
    }
    const over = largest(ahead.slice(0, relief)) - c.affordable;
    if (over <= 0) return amount;
    amount -= over;
  }
  return interestOnly;
}

function costText(
  option: { extraInterestMinor: number; extraFeesMinor: number },
  money: (minor: number) => string,
): string {
  const fees = option.extraFeesMinor > 0 ? ` and ${money(option.extraFeesMinor)} more in fees` : "";
  return `It costs ${money(option.extraInterestMinor)} more interest${fees}.`;
}

function summarize(c: Context, options: readonly RestructuringOption[]): string {
  const money = (minor: number) => moneyText(minor, c.digits);
  const head = c.current.fits
    ? `The current installment, ${money(c.current.installmentMinor)}, fits the ${money(c.affordable)} affordable.`
    : `The current installment, ${money(c.current.installmentMinor)}, is above the ${money(c.affordable)} affordable.`;
  const available = options.filter((option): option is AvailableOption => option.available && option.fits);
  const cost = (option: AvailableOption) => option.extraInterestMinor + option.extraFeesMinor;
  const cheapest = (list: readonly AvailableOption[]) =>
    list.reduce((best, option) => (cost(option) < cost(best) ? option : best));
  const lasting = available.filter((option) => option.fitsAfterRelief);
  const temporary = available.filter((option) => !option.fitsAfterRelief);
  const parts = [head];
  if (lasting.length > 0) {
    const best = cheapest(lasting);
    parts.push(
      `Fits for good: ${lasting.map((option) => option.kind).join(", ")}; the cheapest is ${best.kind} (${money(cost(best))} more).`,
    );
  }
  if (temporary.length > 0) {
    const best = cheapest(temporary);
    parts.push(
      `Fits only while the relief lasts: ${temporary.map((option) => option.kind).join(", ")}; the cheapest is ${best.kind} (${money(cost(best))} more).`,
    );
  }
  if (available.length === 0) parts.push("No option the product allows brings the installment within it.");
  if (c.current.arrearsMinor > 0) {
    parts.push(
      `${money(c.current.arrearsMinor)} due on or before ${formatIsoDate(c.day)} stays due: a reschedule does not touch it.`,
    );
  }
  return parts.join(" ");
}
