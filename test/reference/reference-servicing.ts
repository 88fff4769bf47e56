/**
 * Independent REFERENCE model of Tenor's servicing engine.
 *
 * Written only from docs/reference/servicing-rules.md (§n below) and the engine's types
 * (src/servicing/types.ts). It shares no code with src/servicing: it walks the loan ONE DAY AT A TIME from the
 * disbursement date to the as-of date, keeps every installment as a plain object of decimal.js amounts, and
 * applies each rule as a plain loop in the order the spec states it. All arithmetic is decimal.js; rounding
 * is done here from the mode names. The only engine code it calls is the schedule generator (verified
 * separately by test/reference/reference-schedule.ts) for the original schedule and for recalculations (§8),
 * and the day numbers of src/core/calendar-date.ts are plain integers used as they are.
 *
 * Where the spec leaves a choice open, the reading taken is marked "READING:" and, when it is a real fork,
 * it can be switched through `ReferenceReadings` (to find out which reading an implementation took).
 * Where the spec says nothing at all, the model answers `{ kind: "unspecified" }` and there is nothing to
 * compare.
 */
import { Decimal } from "decimal.js";
import { TenorError } from "../../src/core/errors.ts";
import type { Ratio } from "../../src/core/ratio.ts";
import type { RoundingMode } from "../../src/core/rounding.ts";
import { generateSchedule } from "../../src/schedule/generate-schedule.ts";
import type { GraceTerms, PaymentMethod, Terms } from "../../src/schedule/terms.ts";
import type {
  Bucket,
  Component,
  DelinquencyBucket,
  LoanEvent,
  LoanStatus,
  OverpaymentMode,
  ServicingRules,
} from "../../src/servicing/types.ts";

const Dec = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -100,
  toExpPos: 100,
});
type D = Decimal;
const ZERO = new Dec(0);

// ------------------------------------------------------------------------------------------------------------
// Output
// ------------------------------------------------------------------------------------------------------------

export interface RefAmounts {
  principal: number;
  interest: number;
  fee: number;
  penalty: number;
}

export interface RefInstallment {
  number: number;
  startDay: number;
  dueDay: number;
  scheduled: RefAmounts;
  paid: RefAmounts;
  waived: RefAmounts;
  writtenOff: RefAmounts;
  outstanding: RefAmounts;
  closedDay: number | undefined;
}

export interface ReferenceState {
  kind: "state";
  installments: RefInstallment[];
  outstanding: RefAmounts;
  creditBalanceMinor: number;
  daysPastDue: number;
  delinquency: DelinquencyBucket;
  payoffMinor: number;
  status: LoanStatus;
  totals: {
    disbursedMinor: number;
    receivedMinor: number;
    paid: RefAmounts;
    waived: RefAmounts;
    writtenOff: RefAmounts;
    refundedMinor: number;
    recoveredMinor: number;
  };
}

/** §7: the events cannot be recorded; `eventId` is the event the model found at fault. */
export interface ReferenceRefusal {
  kind: "refused";
  eventId: string | undefined;
  /** The refused event's index in the events given (undefined when no single event is at fault). */
  eventIndex: number | undefined;
  reason: string;
}

/** The spec does not say what happens: nothing to compare. */
export interface ReferenceUnspecified {
  kind: "unspecified";
  reason: string;
}

export type ReferenceResult = ReferenceState | ReferenceRefusal | ReferenceUnspecified;

/**
 * The points the spec leaves open, each with the reading the model takes by default. Where servicing-rules.md
 * decides (the revision after the first comparison settled: strict waivers, reversal dates, grace and
 * interest-only installments continuing in a recalculation, what a reschedule carries, which truncated
 * installments leave the schedule, reduce-term on interest-only loans, where reduce-* recalculate from and
 * what they pay first, where a manual fee goes, the current installment, the reduce-* pay-off, NSF fees,
 * the installment k of §8.2, outstanding never below zero, corrections applying on every date) the model
 * simply follows the text: there is no reading to switch, except the few kept "only to isolate" a known
 * difference of the engine. The defaults for the points the spec is SILENT on are the engine's choices
 * (found by the comparison), each marked "spec silent".
 */
export interface ReferenceReadings {
  /**
   * §1 "a closed installment accrues nothing more" (the spec's reading, default false). true: an installment
   * closed ahead of its due date under rule `scheduled` keeps accruing its scheduled interest and fees up to
   * its due date (invisible in the compared amounts now that outstanding is never below zero).
   */
  closedKeepsAccruing: boolean;
  /** Spec silent (§7 fee-waiver): does a waiver that leaves nothing to pay close the installment (§5.2)? */
  waiverCloses: boolean;
  /** Spec silent (§9 write-off): are the installments left open by a write-off closed on its date? */
  writeOffClosesInstallments: boolean;
  /**
   * Spec silent (§8.3): the new installments of a reschedule go after the kept (truncated) ones ("append"),
   * or all are sorted by due date ("by-due", the engine's).
   */
  rescheduleOrder: "append" | "by-due";
  /**
   * Spec silent (§8.1 says a truncated installment is closed, not on which day): the day of the event
   * ("event", the engine's), or the day the recalculation starts from ("recalc-start": s = max(d, start(F₁))
   * for reduce-*, which the engine took before).
   */
  truncationClosedDay: "event" | "recalc-start";
  /**
   * §8.3 "an interest-only loan keeps its interest-only installments": a loan whose terms give a count of
   * their own keeps it, uncapped by earlier reschedules ("terms", default; without one the generator's
   * default for the new count applies), or always takes the default ("default").
   */
  rescheduleInterestOnly: "terms" | "default";
  /**
   * §8 "interest-only installments continuing where they left off" for an interest-only loan's tail whose
   * first installment is number q + 1: "continue" (the spec's, default) — the interest-only installments
   * g + 1 … g + k (after a deferred grace of g) numbered above q, and the generator's default (all but the
   * last amortizing installment) when the terms give no count of their own; "position" — k − q with the
   * count parseTerms wrote out (at most m − 1), which counts grace installments as interest-only ones passed.
   * Only to isolate that difference.
   */
  tailInterestOnly: "continue" | "position";
  /**
   * §6 "Balloon loans … keep … their regular payment": the terms' payment when they give one ("terms", the
   * spec's, default), or the scheduled principal + interest of F's first installment ("first-of-F"; 0 when
   * that is a grace installment without interest). Only to isolate that difference.
   */
  balloonPayment: "terms" | "first-of-F";
  /**
   * Spec silent (§5.2 "the installments touched are checked", §6 "what is left … is the overpayment"):
   * "none" — an installment is touched when the allocation reaches it with money left; "waterfall" — every
   * installment of the waterfall's lists is checked, even once the money has run out (the engine's before);
   * "all" (the engine's) — as "waterfall", and §6 runs even when nothing is left: close-forward /
   * close-backward check every not-yet-due installment, and reduce-* truncate F when it has no principal left.
   */
  touchedWithoutMoney: "none" | "waterfall" | "all";
  /** Spec silent: totals.receivedMinor includes recoveries after a write-off (default true). */
  receivedIncludesRecoveries: boolean;
}

export const DEFAULT_READINGS: ReferenceReadings = {
  closedKeepsAccruing: false,
  waiverCloses: true,
  writeOffClosesInstallments: true,
  rescheduleOrder: "by-due",
  truncationClosedDay: "event",
  rescheduleInterestOnly: "terms",
  tailInterestOnly: "continue",
  balloonPayment: "terms",
  touchedWithoutMoney: "all",
  receivedIncludesRecoveries: true,
};

// ------------------------------------------------------------------------------------------------------------
// Arithmetic: rounding from the mode names (notation of servicing-rules.md: round(x) with the loan's mode)
// ------------------------------------------------------------------------------------------------------------

const DECIMAL_MODES: Record<RoundingMode, Decimal.Rounding> = {
  "half-even": Decimal.ROUND_HALF_EVEN,
  "half-up": Decimal.ROUND_HALF_UP,
  "half-down": Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
};

/**
 * round(num / den) to an integer. The quotient is computed to 50 digits: a tie of two integers below 10^30
 * is a terminating decimal, so it is exact, and a non-tie is never within 10^−40 of a half.
 */
function roundDiv(num: D, den: D, mode: RoundingMode): D {
  return num.div(den).toDecimalPlaces(0, DECIMAL_MODES[mode]);
}

function dec(x: number | bigint): D {
  return new Dec(typeof x === "bigint" ? x.toString() : x);
}

function ratioNum(r: Ratio): D {
  return new Dec(r.num.toString());
}

function ratioDen(r: Ratio): D {
  return new Dec(r.den.toString());
}

function minD(a: D, b: D): D {
  return a.lt(b) ? a : b;
}

function maxD(a: D, b: D): D {
  return a.gt(b) ? a : b;
}

// ------------------------------------------------------------------------------------------------------------
// The model's state: plain objects
// ------------------------------------------------------------------------------------------------------------

interface Four {
  principal: D;
  interest: D;
  fee: D;
  penalty: D;
}

const ALL: readonly Component[] = ["principal", "interest", "fee", "penalty"];

function four(): Four {
  return { principal: ZERO, interest: ZERO, fee: ZERO, penalty: ZERO };
}

interface Inst {
  /** 1-based position within the schedule that created it: the original one or a reschedule's (§8 "q"). */
  position: number;
  startDay: number;
  dueDay: number;
  scheduled: Four;
  /** Interest, fee and penalty accrued so far (principal is not tracked here: it is owed from the start). */
  accrued: Four;
  paid: Four;
  waived: Four;
  writtenOff: Four;
  closedDay: number | undefined;
  /** §3 accrual origin (from, A). */
  originDay: number;
  originAccrued: D;
  /** The schedule's fees of the installment (manual fees are added to scheduled.fee and accrued at once). */
  scheduleFee: D;
  /** §3: start(i) when every fee of the installment is charged at the start of its period, else due(i). */
  feeDay: number;
  scheduleFeeAccrued: boolean;
  /** Interest the schedule capitalizes at this installment's due date (grace "capitalized", a holiday). */
  capitalized: D;
  /** Closed by rule `accrued` (its unaccrued interest and fees were cancelled). */
  cancelled: boolean;
  /** §4: past-due interest held before the trigger day. */
  held: D;
  /** §8.1: cut short by a recalculation (never the current installment, §5.1). */
  truncated: boolean;
}

interface Loan {
  terms: Terms;
  /**
   * §8 "the loan's terms (or its last reschedule's)", with an interest-only count equal to the generator's
   * default replaced by undefined (the default then applies to every tail and reschedule).
   */
  base: Terms;
  /** The base terms' interest-only count as written (not normalized): for the reading "position". */
  baseInterestOnly: number | undefined;
  rules: ServicingRules;
  readings: ReferenceReadings;
  mode: RoundingMode;
  insts: Inst[];
  rate: Ratio;
  writtenOff: boolean;
  creditBalance: D;
  disbursed: D;
  received: D;
  recovered: D;
  refunded: D;
}

class Refused extends Error {
  eventId: string | undefined;
  eventIndex: number | undefined;
  constructor(eventId: string | undefined, reason: string, eventIndex?: number) {
    super(reason);
    this.eventId = eventId;
    this.eventIndex = eventIndex;
  }
}

class Unspecified extends Error {}

function isClosed(inst: Inst): boolean {
  return inst.closedDay !== undefined;
}

/** Settled (§8.1): paid + waived + written off. */
function settled(inst: Inst, c: Component): D {
  return inst.paid[c].plus(inst.waived[c]).plus(inst.writtenOff[c]);
}

/**
 * Outstanding (§1): max(0, accrued − paid − waived − writtenOff) — interest paid ahead of its accrual is
 * prepaid, never negative; principal: scheduled − paid − writtenOff.
 */
function outstanding(inst: Inst, c: Component): D {
  if (c === "principal")
    return inst.scheduled.principal.minus(inst.paid.principal).minus(inst.writtenOff.principal);
  return maxD(inst.accrued[c].minus(settled(inst, c)), ZERO);
}

/** P, I or F outstanding above zero (§4: overdue, days past due). */
function hasArrears(inst: Inst): boolean {
  return (
    outstanding(inst, "principal").gt(0) ||
    outstanding(inst, "interest").gt(0) ||
    outstanding(inst, "fee").gt(0)
  );
}

function loanClosed(loan: Loan): boolean {
  return loan.insts.every(isClosed);
}

function byDue(list: readonly Inst[]): Inst[] {
  return [...list].sort((a, b) => a.dueDay - b.dueDay);
}

// ------------------------------------------------------------------------------------------------------------
// §1 The installments, from a schedule
// ------------------------------------------------------------------------------------------------------------

function feeTiming(terms: Terms, name: string): "start" | "end" {
  return terms.fees.find((f) => f.name === name)?.timing ?? "end";
}

/** Installments from a generated schedule (§1): scheduled P, I, fees; penalty 0. */
function installmentsFrom(terms: Terms, schedule: ReturnType<typeof generateSchedule>): Inst[] {
  const out: Inst[] = [];
  for (const [index, row] of schedule.installments.entries()) {
    const allStart = row.fees.every((f) => feeTiming(terms, f.name) === "start");
    const inst: Inst = {
      position: index + 1,
      startDay: row.startDay,
      dueDay: row.dueDay,
      scheduled: {
        principal: dec(row.principalMinor),
        interest: dec(row.interestMinor),
        fee: dec(row.feesMinor),
        penalty: ZERO,
      },
      accrued: four(),
      paid: four(),
      waived: four(),
      writtenOff: four(),
      closedDay: undefined,
      originDay: row.startDay,
      originAccrued: ZERO,
      scheduleFee: dec(row.feesMinor),
      feeDay: allStart ? row.startDay : row.dueDay,
      scheduleFeeAccrued: false,
      capitalized: dec(row.capitalizedMinor),
      cancelled: false,
      held: ZERO,
      truncated: false,
    };
    out.push(inst);
  }
  return out;
}

// ------------------------------------------------------------------------------------------------------------
// §3 Scheduled accrual and §4 penalties: one day
// ------------------------------------------------------------------------------------------------------------

/** accrued(i, t) of §3 with the installment's current scheduled interest and accrual origin. */
function accruedInterestAt(loan: Loan, inst: Inst, t: number): D {
  const I = inst.scheduled.interest;
  if (t >= inst.dueDay) return I;
  if (t < inst.originDay) return inst.accrued.interest; // cannot happen: origins are never in the future
  const A = inst.originAccrued;
  return A.plus(roundDiv(I.minus(A).times(t - inst.originDay), dec(inst.dueDay - inst.originDay), loan.mode));
}

function accrues(loan: Loan, inst: Inst): boolean {
  if (!isClosed(inst)) return true;
  return loan.readings.closedKeepsAccruing && !inst.cancelled;
}

/** The accruals of day t (§2 step 1): interest, schedule fees, penalties. */
function accrueDay(loan: Loan, t: number): void {
  if (loan.writtenOff) return;
  const g = loan.rules.lateGraceDays;
  const pdi = loan.rules.pastDueInterest;
  const lateFee = loan.rules.lateFee;
  for (const inst of loan.insts) {
    if (!accrues(loan, inst)) continue;
    // §4 penalties first: they look at the end of day t − 1, which the accruals below do not change for an
    // installment past due (interest and fees accrue up to due(i) only).
    if (t > inst.dueDay && !isClosed(inst)) {
      const overdue = hasArrears(inst); // state at the end of day t − 1
      const T = inst.dueDay + g + 1;
      let charge = ZERO;
      if (pdi !== undefined) {
        let base = outstanding(inst, "principal");
        if (pdi.base === "principal-interest") base = base.plus(outstanding(inst, "interest"));
        const amount = base.gt(0)
          ? roundDiv(base.times(ratioNum(pdi.rate)), ratioDen(pdi.rate).times(pdi.daysInYear), loan.mode)
          : ZERO;
        if (t < T) {
          // held; dropped when the installment stops being overdue before T
          inst.held = overdue ? inst.held.plus(amount) : ZERO;
        } else if (t === T) {
          if (overdue) charge = charge.plus(inst.held).plus(amount);
          inst.held = ZERO;
        } else if (overdue) {
          charge = charge.plus(amount);
        }
      }
      if (lateFee !== undefined && t === T && overdue) {
        if ("amountMinor" in lateFee) charge = charge.plus(lateFee.amountMinor);
        else {
          const base = outstanding(inst, "principal").plus(outstanding(inst, "interest"));
          charge = charge.plus(
            roundDiv(base.times(ratioNum(lateFee.percent)), ratioDen(lateFee.percent), loan.mode),
          );
        }
      }
      if (!charge.isZero()) {
        inst.scheduled.penalty = inst.scheduled.penalty.plus(charge);
        inst.accrued.penalty = inst.accrued.penalty.plus(charge);
      }
    }
    // §3 interest: evenly over the period
    if (t >= inst.startDay) {
      const a = accruedInterestAt(loan, inst, t);
      if (!a.eq(inst.accrued.interest)) inst.accrued.interest = a;
    }
    // §3 fees of the schedule: whole, on start(i) or due(i)
    if (!inst.scheduleFeeAccrued && t >= inst.feeDay) {
      inst.accrued.fee = inst.accrued.fee.plus(inst.scheduleFee);
      inst.scheduleFeeAccrued = true;
    }
  }
}

// ------------------------------------------------------------------------------------------------------------
// §5.1 Buckets and payable amounts
// ------------------------------------------------------------------------------------------------------------

/**
 * The current installment on d (§5.1): the first installment with due ≥ d that a recalculation has not
 * truncated and that is not a closed installment sharing its due date with the next one (after a reschedule,
 * a new installment can fall on the date of an old one closed ahead of it: the new one is current, so a
 * reduce-* overpayment adds its principal to it, §6); it may be closed (then nothing is due).
 */
function currentOn(loan: Loan, d: number): Inst | undefined {
  const insts = loan.insts;
  for (let k = 0; k < insts.length; k++) {
    const inst = insts[k] as Inst;
    if (inst.dueDay < d || inst.truncated) continue;
    // §5.1 "not a closed installment sharing its due date with the next one" (the text since a810fd1)
    const next = insts[k + 1];
    if (isClosed(inst) && next !== undefined && next.dueDay === inst.dueDay) continue;
    return inst;
  }
  return undefined;
}

function bucketOf(inst: Inst, d: number, current: Inst | undefined): Bucket {
  if (inst.dueDay < d) return "past-due";
  if (inst === current) return "due";
  return "not-yet-due";
}

function payable(loan: Loan, inst: Inst, c: Component, bucket: Bucket): D {
  if (isClosed(inst)) return ZERO;
  let v: D;
  if (c === "principal")
    v = inst.scheduled.principal.minus(inst.paid.principal).minus(inst.writtenOff.principal);
  else if (bucket === "past-due" || loan.rules.closing === "accrued") v = outstanding(inst, c);
  else v = inst.scheduled[c].minus(inst.paid[c]).minus(inst.waived[c]).minus(inst.writtenOff[c]);
  return v.gt(0) ? v : ZERO;
}

// ------------------------------------------------------------------------------------------------------------
// §5.2 Closing
// ------------------------------------------------------------------------------------------------------------

/** §5.2: its payable amounts are all zero and its principal is fully paid. */
function complete(loan: Loan, inst: Inst, bucket: Bucket): boolean {
  if (!outstanding(inst, "principal").isZero()) return false;
  return ALL.every((c) => payable(loan, inst, c, bucket).isZero());
}

function closeIfDone(loan: Loan, inst: Inst, bucket: Bucket, d: number): void {
  if (isClosed(inst) || !complete(loan, inst, bucket)) return;
  inst.closedDay = d;
  if (loan.rules.closing === "accrued") {
    // cancel what had not accrued by d
    inst.scheduled.interest = inst.accrued.interest;
    inst.scheduled.fee = inst.accrued.fee;
    inst.scheduleFeeAccrued = true;
    inst.cancelled = true;
  }
}

// ------------------------------------------------------------------------------------------------------------
// §5 Repayments, §6 overpayment
// ------------------------------------------------------------------------------------------------------------

interface Payment {
  remaining: D;
  d: number;
  buckets: Map<Inst, Bucket>;
}

/** Pays min(remaining, payable) of one component; the installment is touched and checked (§5.2). */
function pay(loan: Loan, p: Payment, inst: Inst, c: Component): void {
  const bucket = p.buckets.get(inst) ?? "not-yet-due";
  if (p.remaining.lte(0)) {
    const t = loan.readings.touchedWithoutMoney;
    if (t === "all" || (t === "waterfall" && bucket !== "not-yet-due")) closeIfDone(loan, inst, bucket, p.d);
    return;
  }
  const x = minD(p.remaining, payable(loan, inst, c, bucket));
  inst.paid[c] = inst.paid[c].plus(x);
  p.remaining = p.remaining.minus(x);
  closeIfDone(loan, inst, bucket, p.d);
}

function repay(loan: Loan, amount: D, mode: OverpaymentMode, d: number): void {
  if (loan.writtenOff) {
    // §9: a recovery, allocated to no installment
    loan.recovered = loan.recovered.plus(amount);
    if (loan.readings.receivedIncludesRecoveries) loan.received = loan.received.plus(amount);
    return;
  }
  loan.received = loan.received.plus(amount);
  const current = currentOn(loan, d);
  const buckets = new Map<Inst, Bucket>();
  for (const inst of loan.insts) if (!isClosed(inst)) buckets.set(inst, bucketOf(inst, d, current));
  const pastDue = byDue(loan.insts.filter((i) => buckets.get(i) === "past-due"));
  const due = current !== undefined && !isClosed(current) ? [current] : [];
  const p: Payment = { remaining: amount, d, buckets };

  // §5.3 the waterfall
  for (const step of loan.rules.waterfall) {
    const list: Inst[] = [];
    if (step.buckets.includes("past-due")) list.push(...pastDue);
    if (step.buckets.includes("due")) list.push(...due);
    if (step.direction === "horizontal") {
      for (const inst of list) for (const c of step.components) pay(loan, p, inst, c);
    } else {
      for (const c of step.components) for (const inst of list) pay(loan, p, inst, c);
    }
  }

  // §6 overpayment (READING "all": §6 runs with nothing left too, closing what has nothing left to pay)
  if (p.remaining.gt(0) || loan.readings.touchedWithoutMoney === "all") {
    const notYetDue = loan.insts.filter((i) => !isClosed(i) && buckets.get(i) === "not-yet-due");
    if (mode === "close-forward" || mode === "close-backward") {
      const order = byDue(notYetDue);
      if (mode === "close-backward") order.reverse();
      for (const inst of order) for (const c of loan.rules.notYetDueOrder) pay(loan, p, inst, c);
    } else if (current !== undefined) {
      reduce(loan, p, mode, current);
    }
  }
  // what is left is the credit balance
  loan.creditBalance = loan.creditBalance.plus(p.remaining);
}

/**
 * §6 reduce-term / reduce-installment: F = the open installments due after the current one. What F has
 * already accrued other than principal is paid first (oldest first, in the not-yet-due order); then
 * r = min(rest, B) is paid as principal on the current installment and F is recalculated from
 * max(d, start(F₁)) with B − r.
 */
function reduce(loan: Loan, p: Payment, mode: OverpaymentMode, current: Inst): void {
  const d = p.d;
  // "due after the current one": after it in the installments' order (by due date; after a reschedule a new
  // installment can share the current one's date)
  const F = loan.insts.slice(loan.insts.indexOf(current) + 1).filter((i) => !isClosed(i));
  for (const inst of F) {
    let touched = false;
    for (const c of loan.rules.notYetDueOrder) {
      if (c === "principal" || p.remaining.lte(0)) continue;
      const x = minD(p.remaining, outstanding(inst, c));
      if (x.lte(0)) continue;
      inst.paid[c] = inst.paid[c].plus(x);
      p.remaining = p.remaining.minus(x);
      touched = true;
    }
    // §5.2 would close an installment of F that this completes (one with no principal left under rule
    // `accrued`), which §6 then recalculates: the spec does not say how the two meet.
    if (touched && complete(loan, inst, "not-yet-due"))
      throw new Unspecified("reduce-*: paying what F accrued completes an installment of F");
  }
  let B = ZERO;
  for (const inst of F) B = B.plus(outstanding(inst, "principal"));
  const r = minD(p.remaining, B);
  // F without principal left is recalculated with a balance of 0: truncated (§8.1)
  if (B.isZero() && F.length > 0) {
    applyRecalc(loan, F, [], Math.max(d, (F[0] as Inst).startDay), d);
    return;
  }
  // READING: nothing paid of the principal (the overpayment went to what F had accrued): F is not
  // recalculated with the same balance
  if (r.lte(0)) return;
  // READING: §8's refusal concerns a tail still to generate; when r pays all of F's principal, F is only
  // truncated (a pay-off must close the loan, §9)
  if (B.gt(r)) checkNoPendingCapitalization(loan, d, undefined);
  current.scheduled.principal = current.scheduled.principal.plus(r);
  current.paid.principal = current.paid.principal.plus(r);
  p.remaining = p.remaining.minus(r);
  recalculateForOverpayment(loan, mode, F, B.minus(r), d);
}

// ------------------------------------------------------------------------------------------------------------
// §8 Recalculation
// ------------------------------------------------------------------------------------------------------------

/**
 * §8: "While an open installment after d still has grace interest to capitalize, a recalculation is refused."
 * (Literally any open installment due after d — the current one included when it is due after d.)
 */
function checkNoPendingCapitalization(loan: Loan, d: number, eventId: string | undefined): void {
  for (const inst of loan.insts) {
    if (!isClosed(inst) && inst.dueDay > d && inst.capitalized.gt(0))
      throw new Refused(eventId, "recalculation while grace interest is still to capitalize");
  }
}

interface NewRow {
  principal: D;
  interest: D;
  capitalized: D;
}

type Generated = ReturnType<typeof generateSchedule>;

/** Runs the schedule generator; a rejection of the terms is a refusal of the event (§7 "the replay fails"). */
function generate(terms: Terms, eventId: string | undefined): Generated {
  try {
    return generateSchedule(terms);
  } catch (error) {
    if (error instanceof TenorError) throw new Refused(eventId, `schedule rules refuse: ${error.message}`);
    throw new Unspecified(`schedule generator failed: ${(error as Error).message}`);
  }
}

function rowsOf(schedule: Generated): NewRow[] {
  return schedule.installments.map((r) => ({
    principal: dec(r.principalMinor),
    interest: dec(r.interestMinor),
    capitalized: dec(r.capitalizedMinor),
  }));
}

function paidOffEarly(schedule: Generated): boolean {
  return schedule.warnings.some((w) => w.code === "PAID_OFF_EARLY");
}

const STANDARD: PaymentMethod = { type: "standard" };

/** Installments of deferred principal (grace with principal `deferred`); grace with principal `due` amortizes. */
function deferredGrace(grace: GraceTerms | undefined): number {
  return grace?.principal === "deferred" ? grace.installments : 0;
}

/**
 * The terms §8 starts from: the loan's (or its last reschedule's), with an interest-only count that is the
 * generator's default (M − 1, which parseTerms writes out) left undefined, so that "the generator's default
 * applies to the tail" (and to a reschedule's new count).
 */
function withDefaultInterestOnly(terms: Terms): Terms {
  if (terms.loanType !== "interest-only" || terms.interestOnlyInstallments === undefined) return terms;
  const defaultCount = terms.installmentCount - deferredGrace(terms.grace) - 1;
  return terms.interestOnlyInstallments === defaultCount
    ? { ...terms, interestOnlyInstallments: undefined }
    : terms;
}

/**
 * §8: the terms of a recalculation from s with balance B over the first `count` due dates of `targets`: the
 * loan's terms (or its last reschedule's) with principal B, disbursement s, the due dates given, the regular
 * start of period 1 at the start of the first target, no fees, the rate given, and grace and interest-only
 * installments continuing where they left off: the tail's first installment is number q + 1 (its position
 * in the schedule that created it), so a grace of g leaves min(g − q, m − 1).
 */
function tailTerms(
  loan: Loan,
  s: number,
  balance: D,
  targets: readonly Inst[],
  count: number,
  paymentMethod: PaymentMethod,
  rate: Ratio,
): Terms {
  const base = loan.base;
  const first = targets[0] as Inst;
  const q = first.position - 1;
  const graceLeft = base.grace === undefined ? 0 : Math.min(base.grace.installments - q, count - 1);
  const grace =
    graceLeft > 0 && base.grace !== undefined ? { ...base.grace, installments: graceLeft } : undefined;
  let interestOnly: number | undefined;
  if (loan.readings.tailInterestOnly === "position") {
    const k = loan.baseInterestOnly;
    interestOnly = k === undefined ? undefined : Math.min(Math.max(0, k - q), count - 1);
  } else if (base.loanType === "interest-only" && base.interestOnlyInstallments !== undefined) {
    // READING: interest-only installments are numbers g + 1 … g + k (after a deferred grace of g); those of
    // them numbered q + 1 or later continue, at most M − 1 of the tail's M amortizing installments.
    const g = deferredGrace(base.grace);
    const left = Math.max(0, base.interestOnlyInstallments - Math.max(0, q - g));
    interestOnly = Math.min(left, count - deferredGrace(grace) - 1);
  }
  return {
    ...base,
    principalMinor: balance.toNumber(),
    disbursementDay: s,
    firstDueDay: undefined,
    installmentCount: count,
    fixedPeriods: { dueDays: targets.slice(0, count).map((i) => i.dueDay), regularStartDay: first.startDay },
    interestOnlyInstallments: interestOnly,
    interest: { ...base.interest, rate },
    grace,
    fees: [],
    paymentMethod,
  };
}

/**
 * §8.1 truncation: scheduled := settled (paid, waived, written off) for every component, closed; removed
 * (the rest renumbered) when nothing of it was settled.
 */
function truncate(loan: Loan, inst: Inst, d: number, s: number): void {
  for (const c of ALL) inst.scheduled[c] = settled(inst, c);
  for (const c of ["interest", "fee", "penalty"] as const) inst.accrued[c] = inst.scheduled[c];
  inst.scheduleFeeAccrued = true;
  inst.cancelled = true;
  inst.held = ZERO;
  inst.capitalized = ZERO;
  inst.truncated = true;
  inst.closedDay = loan.readings.truncationClosedDay === "event" ? d : s;
  if (ALL.every((c) => inst.scheduled[c].isZero())) loan.insts = loan.insts.filter((i) => i !== inst);
}

/** §8.1 applies a recalculation from s to the open installments `targets` (rows for the first m of them). */
function applyRecalc(
  loan: Loan,
  targets: readonly Inst[],
  rows: readonly NewRow[],
  s: number,
  d: number,
): void {
  for (let j = 0; j < targets.length; j++) {
    const inst = targets[j] as Inst;
    const row = rows[j];
    if (row === undefined) {
      truncate(loan, inst, d, s);
      continue;
    }
    const splits = inst.startDay < s && s < inst.dueDay;
    // A: the interest it had accrued by s (0 if its period starts at or after s)
    const A = inst.startDay < s ? inst.accrued.interest : ZERO;
    inst.scheduled.principal = inst.paid.principal.plus(row.principal);
    inst.scheduled.interest = maxD(A.plus(row.interest), inst.paid.interest);
    if (splits) {
      inst.originDay = s;
      inst.originAccrued = A;
    } else {
      inst.originDay = inst.startDay;
      inst.originAccrued = ZERO;
    }
    inst.capitalized = row.capitalized;
    // what it has accrued by d under its new scheduled interest and origin (§3)
    if (d >= inst.startDay) inst.accrued.interest = accruedInterestAt(loan, inst, d);
  }
}

/** Loan types whose installments repay principal as they go (§6: reduce-term shortens them). */
const AMORTIZING: ReadonlySet<string> = new Set([
  "annuity",
  "annuity-daily",
  "classic",
  "flat",
  "rule-of-78",
]);

/**
 * §6 reduce-term / reduce-installment: F recalculated from max(d, start(F₁)) with the balance left.
 */
function recalculateForOverpayment(
  loan: Loan,
  mode: OverpaymentMode,
  F: readonly Inst[],
  balance: D,
  d: number,
): void {
  const first = F[0];
  if (first === undefined) return;
  const s = Math.max(d, first.startDay);
  if (balance.isZero()) {
    applyRecalc(loan, F, [], s, d);
    return;
  }
  const tail = (count: number, method: PaymentMethod): Generated =>
    generate(tailTerms(loan, s, balance, F, count, method, loan.rate), undefined);
  // the current regular installment: scheduled principal + interest of F's first installment before recalculation
  const R = first.scheduled.principal.plus(first.scheduled.interest);
  const base = loan.base;
  let rows: NewRow[];
  if (base.paymentMethod.type === "balloon") {
    // keeps the due dates and the regular payment (READING: the terms' payment when they give one); the
    // final payment is recalculated
    const payment =
      loan.readings.balloonPayment === "terms"
        ? (base.paymentMethod.paymentMinor ?? R.toNumber())
        : R.toNumber();
    const schedule = tail(F.length, { type: "balloon", paymentMinor: payment, balloonMinor: undefined });
    if (paidOffEarly(schedule))
      throw new Unspecified("balloon overpayment: the regular payment repays the rest before the last date");
    rows = rowsOf(schedule);
  } else if (mode === "reduce-installment" || !AMORTIZING.has(base.loanType)) {
    // reduce-installment, and reduce-term on interest-only, bullet and payday loans: the same due dates
    rows = rowsOf(tail(F.length, STANDARD));
  } else {
    // reduce-term: the smallest m whose recalculated first installment does not exceed R (all of F's dates
    // when none does)
    let m = 0;
    let chosen: NewRow[] | undefined;
    for (let k = 1; chosen === undefined && k <= F.length; k++) {
      const candidate = rowsOf(tail(k, STANDARD));
      const head = candidate[0] as NewRow;
      if (head.principal.plus(head.interest).lte(R)) {
        m = k;
        chosen = candidate;
      }
    }
    if (chosen === undefined) {
      chosen = rowsOf(tail(F.length, STANDARD));
    } else if ((base.loanType === "annuity" || base.loanType === "annuity-daily") && m > 1) {
      // annuities pay exactly the current installment with a smaller last one (a balloon of m periods)
      const schedule = tail(m, { type: "balloon", paymentMinor: R.toNumber(), balloonMinor: undefined });
      const last = rowsOf(schedule)[m - 1] as NewRow;
      if (paidOffEarly(schedule) || last.principal.plus(last.interest).gt(R))
        throw new Unspecified("reduce-term: the balloon of m periods has no smaller last installment");
      chosen = rowsOf(schedule);
    }
    rows = chosen;
  }
  applyRecalc(loan, F, rows, s, d);
}

/**
 * §8.2: tranche and rate change recalculate from s = max(d, start(k)), k the first open installment due after
 * d, over the due dates of the open installments from k on, with B = their unpaid principal (+ the tranche).
 */
function recalculateKeepingDueDates(loan: Loan, d: number, extra: D, eventId: string): void {
  const targets = byDue(loan.insts.filter((i) => !isClosed(i) && i.dueDay > d));
  const k = targets[0];
  if (k === undefined) {
    // a rate change with nothing left to recalculate only changes the rate; a tranche has nothing to join
    if (extra.gt(0)) throw new Unspecified("a tranche with no open installment due after its date");
    return;
  }
  checkNoPendingCapitalization(loan, d, eventId);
  const s = Math.max(d, k.startDay);
  let B = extra;
  for (const inst of targets) B = B.plus(outstanding(inst, "principal"));
  if (B.lte(0)) throw new Unspecified("recalculation of a zero balance");
  const method = loan.base.paymentMethod.type === "balloon" ? loan.base.paymentMethod : STANDARD;
  const schedule = generate(tailTerms(loan, s, B, targets, targets.length, method, loan.rate), eventId);
  applyRecalc(loan, targets, rowsOf(schedule), s, d);
}

/** §8.3 reschedule. */
function reschedule(loan: Loan, ev: Extract<LoanEvent, { type: "reschedule" }>, d: number): void {
  if (ev.holidayInstallments > 0 && ev.interestOnlyInstallments > 0)
    throw new Refused(ev.id, "holiday and interest-only installments together");
  const replaced = byDue(loan.insts.filter((i) => !isClosed(i) && i.dueDay > d));
  checkNoPendingCapitalization(loan, d, ev.id);
  let B = ZERO;
  let carried = ZERO;
  let carriedFee = ZERO;
  for (const inst of replaced) {
    B = B.plus(outstanding(inst, "principal"));
    // interest and fees accrued by d in periods that began before d, unpaid (a period beginning on d is
    // replaced whole)
    if (inst.startDay < d) {
      carried = carried.plus(outstanding(inst, "interest"));
      carriedFee = carriedFee.plus(outstanding(inst, "fee"));
    }
  }
  // the new schedule's principal and count must be valid terms (principal > 0, installments ≥ 1)
  if (B.lte(0)) throw new Refused(ev.id, "no unpaid principal to reschedule");
  const n = ev.installments ?? replaced.length;
  const k = ev.holidayInstallments > 0 ? ev.holidayInstallments : ev.interestOnlyInstallments;
  if (n < 1) throw new Refused(ev.id, "installments must be at least 1");
  if (k >= n) throw new Refused(ev.id, "grace must be shorter than the installments");
  if (ev.firstDueDay !== undefined && ev.firstDueDay <= d)
    throw new Refused(ev.id, "first due date not after d");
  // a holiday = grace {deferred, capitalized}, interest-only = grace {deferred, paid}; installment fees are
  // charged in both ("recurring fees of the product apply to the new installments")
  const grace: GraceTerms | undefined =
    ev.holidayInstallments > 0
      ? { installments: k, principal: "deferred", interest: "capitalized", fees: "charged" }
      : ev.interestOnlyInstallments > 0
        ? { installments: k, principal: "deferred", interest: "paid", fees: "charged" }
        : undefined;
  const rate = ev.rate ?? loan.rate;
  const { fixedPeriods: _unused, ...t } = loan.base;
  const terms: Terms = {
    ...t,
    principalMinor: B.toNumber(),
    disbursementDay: d,
    firstDueDay: ev.firstDueDay,
    installmentCount: n,
    interestOnlyInstallments:
      t.loanType === "interest-only" && loan.readings.rescheduleInterestOnly === "default"
        ? undefined
        : t.interestOnlyInstallments,
    interest: { ...t.interest, rate },
    grace,
    fees: t.fees.filter((f) => f.charge.kind !== "disbursement"),
    paymentMethod: STANDARD,
  };
  const fresh = installmentsFrom(terms, generate(terms, ev.id));
  for (const inst of replaced) truncate(loan, inst, d, d);
  loan.rate = rate;
  // §8.3: the interest-only count stays the loan's own (or the default), never the one capped by this term
  loan.base = terms;
  loan.baseInterestOnly = terms.interestOnlyInstallments;
  const head = fresh[0] as Inst;
  // the carried interest is the first new installment's, already accrued on d (READING: accrual origin
  // (d, carried)); the carried fees too
  head.scheduled.interest = head.scheduled.interest.plus(carried);
  head.originDay = d;
  head.originAccrued = carried;
  head.accrued.interest = carried;
  head.scheduled.fee = head.scheduled.fee.plus(carriedFee);
  head.accrued.fee = head.accrued.fee.plus(carriedFee);
  for (const inst of fresh) {
    // READING: fees due at the start of a new period beginning on d accrue at once (day d's accruals are over)
    if (inst.feeDay <= d && !inst.scheduleFeeAccrued) {
      inst.accrued.fee = inst.accrued.fee.plus(inst.scheduleFee);
      inst.scheduleFeeAccrued = true;
    }
  }
  loan.insts.push(...fresh);
  if (loan.readings.rescheduleOrder === "by-due") loan.insts = byDue(loan.insts);
}

// ------------------------------------------------------------------------------------------------------------
// §7 other events, §9 pay-off and write-off
// ------------------------------------------------------------------------------------------------------------

/** §9 pay-off amount on d with the product's overpayment mode. */
function payoffOn(loan: Loan, d: number): D {
  if (loan.writtenOff || loanClosed(loan)) return ZERO;
  const current = currentOn(loan, d);
  const closeMode = loan.rules.overpayment === "close-forward" || loan.rules.overpayment === "close-backward";
  let total = ZERO;
  for (const inst of loan.insts) {
    if (isClosed(inst)) continue;
    const bucket = bucketOf(inst, d, current);
    if (bucket === "not-yet-due" && !closeMode) {
      // reduce modes: unpaid principal plus the outstanding (already accrued) interest, fee and penalty
      for (const c of ALL) total = total.plus(outstanding(inst, c));
    } else {
      for (const c of ALL) total = total.plus(payable(loan, inst, c, bucket));
    }
  }
  return total;
}

function writeOff(loan: Loan, d: number): void {
  // grace interest that would have been capitalized after d is cancelled from the last installments' principal
  let pending = ZERO;
  for (const inst of loan.insts) {
    if (inst.dueDay > d && inst.capitalized.gt(0)) {
      pending = pending.plus(inst.capitalized);
      inst.capitalized = ZERO;
    }
  }
  for (let j = loan.insts.length - 1; j >= 0 && pending.gt(0); j--) {
    const inst = loan.insts[j] as Inst;
    const cut = minD(pending, outstanding(inst, "principal"));
    inst.scheduled.principal = inst.scheduled.principal.minus(cut);
    pending = pending.minus(cut);
  }
  if (pending.gt(0)) throw new Unspecified("write-off: more capitalization to cancel than unpaid principal");
  for (const inst of loan.insts) {
    if (isClosed(inst)) continue;
    const p = outstanding(inst, "principal");
    if (p.gt(0)) inst.writtenOff.principal = inst.writtenOff.principal.plus(p);
    for (const c of ["interest", "fee"] as const) {
      // interest and fees not accrued by d are cancelled
      inst.scheduled[c] = maxD(inst.accrued[c], settled(inst, c));
      const o = outstanding(inst, c);
      if (o.gt(0)) inst.writtenOff[c] = inst.writtenOff[c].plus(o);
    }
    const pen = outstanding(inst, "penalty");
    if (pen.gt(0)) inst.writtenOff.penalty = inst.writtenOff.penalty.plus(pen);
    inst.scheduleFeeAccrued = true;
    inst.held = ZERO;
    if (loan.readings.writeOffClosesInstallments) inst.closedDay = d;
  }
  loan.writtenOff = true;
}

/** §7 manual fee: to the first open installment due on or after d, else the last open one; accrued on d. */
function chargeFee(loan: Loan, amount: D, d: number): void {
  let target = loan.insts.find((i) => !isClosed(i) && i.dueDay >= d);
  if (target === undefined) target = [...loan.insts].reverse().find((i) => !isClosed(i));
  if (target === undefined) throw new Unspecified("a fee on a loan without an open installment");
  target.scheduled.fee = target.scheduled.fee.plus(amount);
  target.accrued.fee = target.accrued.fee.plus(amount);
}

/**
 * §7 fee-waiver: outstanding amounts of the component, oldest first, up to the amount; refused when nothing of
 * the component is outstanding or the amount is more than is.
 */
function waive(
  loan: Loan,
  component: "interest" | "fee" | "penalty",
  amount: D | undefined,
  d: number,
  eventId: string,
): void {
  let total = ZERO;
  for (const inst of loan.insts) total = total.plus(outstanding(inst, component));
  if (total.isZero()) throw new Refused(eventId, `nothing of ${component} outstanding to waive`);
  if (amount?.gt(total)) throw new Refused(eventId, `waiver of more ${component} than is outstanding`);
  let left = amount;
  const current = currentOn(loan, d);
  for (const inst of byDue(loan.insts)) {
    if (left?.lte(0)) break;
    const o = outstanding(inst, component);
    if (o.lte(0)) continue;
    const x = left === undefined ? o : minD(left, o);
    inst.waived[component] = inst.waived[component].plus(x);
    if (left !== undefined) left = left.minus(x);
    if (loan.readings.waiverCloses) closeIfDone(loan, inst, bucketOf(inst, d, current), d);
  }
}

// ------------------------------------------------------------------------------------------------------------
// Event validation (§7) and the replay
// ------------------------------------------------------------------------------------------------------------

function amountOf(ev: LoanEvent): number | undefined {
  switch (ev.type) {
    case "disbursement":
    case "repayment":
    case "fee":
    case "refund":
      return ev.amountMinor;
    case "fee-waiver":
    case "payoff":
      return ev.amountMinor;
    case "returned-payment":
      return ev.feeMinor;
    default:
      return undefined;
  }
}

function validAmount(ev: LoanEvent, x: number): boolean {
  // a returned payment's own fee may be 0 (no fee)
  return Number.isSafeInteger(x) && (x > 0 || (x === 0 && ev.type === "returned-payment"));
}

/** Checks that need no replay: dates, amounts, ids, references, the number of events. */
function checkRecords(terms: Terms, rules: ServicingRules, events: readonly LoanEvent[]): void {
  if (events.length > rules.maxEvents) {
    throw new Refused(
      events[rules.maxEvents]?.id,
      `more than maxEvents (${rules.maxEvents}) events`,
      rules.maxEvents,
    );
  }
  const seen = new Map<string, LoanEvent>();
  const referenced = new Set<string>();
  for (const [index, ev] of events.entries()) {
    try {
      checkRecord(terms, ev, seen, referenced);
    } catch (error) {
      if (error instanceof Refused) error.eventIndex = index;
      throw error;
    }
    seen.set(ev.id, ev);
  }
}

function checkRecord(
  terms: Terms,
  ev: LoanEvent,
  seen: ReadonlyMap<string, LoanEvent>,
  referenced: Set<string>,
): void {
  if (seen.has(ev.id)) throw new Refused(ev.id, "id repeats an earlier one");
  if (ev.day < terms.disbursementDay) throw new Refused(ev.id, "date before the disbursement date");
  const amount = amountOf(ev);
  if (amount !== undefined && !validAmount(ev, amount)) throw new Refused(ev.id, `bad amount ${amount}`);
  if (ev.type === "reversal" || ev.type === "returned-payment") {
    // the target: recorded before (seen), dated on or before, reversed or returned once
    const target = seen.get(ev.of);
    if (target === undefined) throw new Refused(ev.id, `references ${ev.of}, which does not exist`);
    if (referenced.has(ev.of)) throw new Refused(ev.id, `${ev.of} was already reversed or returned`);
    referenced.add(ev.of);
    if (target.day > ev.day) throw new Refused(ev.id, `dated before its target ${ev.of}`);
    if (ev.type === "reversal" && target.type === "reversal")
      throw new Refused(ev.id, "reversal of a reversal");
    if (ev.type === "returned-payment" && target.type !== "repayment" && target.type !== "payoff")
      throw new Refused(ev.id, `returned payment of a ${target.type}`);
  }
  if (ev.type === "rate-change" && ev.rate.num < 0n) throw new Refused(ev.id, "negative rate");
  if (ev.type === "rate-change" && terms.interest.kind !== "percent")
    throw new Refused(ev.id, "only percent rates change");
}

type Replayed = { ev: LoanEvent; seq: number; nsf: boolean };

function applyEvent(loan: Loan, item: Replayed, d: number): void {
  const ev = item.ev;
  const closed = !loan.writtenOff && loanClosed(loan);
  const inactive = loan.writtenOff || closed;
  if (item.nsf) {
    if (ev.type !== "returned-payment") throw new Error("unreachable");
    // the event's fee (0: none), else the product's, charged as a manual fee while the loan is active
    const fee = ev.feeMinor ?? loan.rules.nsfFeeMinor;
    if (fee > 0 && !inactive) chargeFee(loan, dec(fee), d);
    return;
  }
  const allowedInactive = ev.type === "repayment" || ev.type === "refund";
  if (inactive && !allowedInactive)
    throw new Refused(ev.id, `${ev.type} on a ${loan.writtenOff ? "written-off" : "closed"} loan`);
  switch (ev.type) {
    case "repayment":
      repay(loan, dec(ev.amountMinor), ev.overpayment ?? loan.rules.overpayment, d);
      autoWriteOff(loan, d);
      return;
    case "payoff": {
      const quote = payoffOn(loan, d);
      if (ev.amountMinor !== undefined && !quote.eq(ev.amountMinor))
        throw new Refused(
          ev.id,
          `payoff amount ${ev.amountMinor} differs from the quote ${quote.toString()}`,
        );
      if (quote.isZero()) throw new Unspecified("payoff of an active loan quoting 0");
      repay(loan, quote, loan.rules.overpayment, d);
      autoWriteOff(loan, d);
      return;
    }
    case "refund":
      if (dec(ev.amountMinor).gt(loan.creditBalance))
        throw new Refused(ev.id, "refund above the credit balance");
      loan.creditBalance = loan.creditBalance.minus(ev.amountMinor);
      loan.refunded = loan.refunded.plus(ev.amountMinor);
      return;
    case "fee":
      chargeFee(loan, dec(ev.amountMinor), d);
      return;
    case "fee-waiver":
      waive(loan, ev.component, ev.amountMinor === undefined ? undefined : dec(ev.amountMinor), d, ev.id);
      return;
    case "disbursement":
      loan.disbursed = loan.disbursed.plus(ev.amountMinor);
      recalculateKeepingDueDates(loan, d, dec(ev.amountMinor), ev.id);
      return;
    case "rate-change":
      loan.rate = ev.rate;
      recalculateKeepingDueDates(loan, d, ZERO, ev.id);
      return;
    case "reschedule":
      reschedule(loan, ev, d);
      return;
    case "write-off":
      writeOff(loan, d);
      return;
    case "returned-payment":
    case "reversal":
      throw new Error("unreachable: removed before the replay");
  }
}

function autoWriteOff(loan: Loan, d: number): void {
  if (loan.writtenOff) return;
  const tolerance = loan.rules.writeOffToleranceMinor;
  if (tolerance <= 0) return;
  const p = payoffOn(loan, d);
  if (p.gt(0) && p.lt(tolerance)) writeOff(loan, d);
}

// ------------------------------------------------------------------------------------------------------------
// The entry point
// ------------------------------------------------------------------------------------------------------------

export function referenceServicing(
  terms: Terms,
  rules: ServicingRules,
  events: readonly LoanEvent[],
  asOfDay: number,
  readings: Partial<ReferenceReadings> = {},
): ReferenceResult {
  try {
    return run(terms, rules, events, asOfDay, { ...DEFAULT_READINGS, ...readings });
  } catch (error) {
    if (error instanceof Refused) {
      const index =
        error.eventIndex ??
        (error.eventId === undefined ? -1 : events.findIndex((e) => e.id === error.eventId));
      return {
        kind: "refused",
        eventId: error.eventId,
        eventIndex: index < 0 ? undefined : index,
        reason: error.message,
      };
    }
    if (error instanceof Unspecified) return { kind: "unspecified", reason: error.message };
    throw error;
  }
}

function run(
  terms: Terms,
  rules: ServicingRules,
  events: readonly LoanEvent[],
  asOfDay: number,
  readings: ReferenceReadings,
): ReferenceState {
  if (terms.interest.rate === undefined) throw new Unspecified("terms without a rate");
  checkRecords(terms, rules, events);
  const loan: Loan = {
    terms,
    rules,
    readings,
    mode: terms.rounding.mode,
    base: withDefaultInterestOnly(terms),
    baseInterestOnly: terms.interestOnlyInstallments,
    insts: installmentsFrom(terms, generateSchedule(terms)),
    rate: terms.interest.rate,
    writtenOff: false,
    creditBalance: ZERO,
    disbursed: dec(terms.principalMinor),
    received: ZERO,
    recovered: ZERO,
    refunded: ZERO,
  };

  // the events of the replay: those dated on or before the as-of date (§10), without the targets of every
  // reversal and returned payment whatever its own date ("on every date", §7, §10: they correct the history
  // itself); a returned payment's fee is charged on its date
  const upTo = events.map((ev, seq) => ({ ev, seq })).filter((x) => x.ev.day <= asOfDay);
  const indexOf = new Map<LoanEvent, number>(events.map((ev, i) => [ev, i]));
  const reversed = new Set<string>();
  for (const ev of events) if (ev.type === "reversal") reversed.add(ev.of);
  const returned = new Set<string>();
  for (const ev of events) if (ev.type === "returned-payment" && !reversed.has(ev.id)) returned.add(ev.of);
  const replay: Replayed[] = [];
  for (const { ev, seq } of upTo) {
    if (ev.type === "reversal" || reversed.has(ev.id)) continue;
    if (ev.type === "returned-payment") {
      replay.push({ ev, seq, nsf: true });
      continue;
    }
    if (returned.has(ev.id)) continue;
    replay.push({ ev, seq, nsf: false });
  }
  replay.sort((a, b) => a.ev.day - b.ev.day || a.seq - b.seq);

  // one day at a time
  let next = 0;
  for (let t = terms.disbursementDay; t <= asOfDay; t++) {
    accrueDay(loan, t);
    while (next < replay.length && (replay[next] as Replayed).ev.day === t) {
      const item = replay[next] as Replayed;
      try {
        applyEvent(loan, item, t);
      } catch (error) {
        if (error instanceof Refused) {
          error.eventId = item.ev.id;
          error.eventIndex = indexOf.get(item.ev);
        }
        throw error;
      }
      next++;
    }
  }
  return stateOf(loan, asOfDay);
}

// ------------------------------------------------------------------------------------------------------------
// The state at the end of the as-of day
// ------------------------------------------------------------------------------------------------------------

function amounts(f: (c: Component) => D): RefAmounts {
  return {
    principal: f("principal").toNumber(),
    interest: f("interest").toNumber(),
    fee: f("fee").toNumber(),
    penalty: f("penalty").toNumber(),
  };
}

function sumOver(insts: readonly Inst[], f: (i: Inst, c: Component) => D): RefAmounts {
  return amounts((c) => {
    let total = ZERO;
    for (const inst of insts) total = total.plus(f(inst, c));
    return total;
  });
}

function delinquencyOf(dpd: number): DelinquencyBucket {
  if (dpd <= 0) return "current";
  if (dpd <= 30) return "1-30";
  if (dpd <= 60) return "31-60";
  if (dpd <= 90) return "61-90";
  return "90+";
}

function stateOf(loan: Loan, t: number): ReferenceState {
  let dpd = 0;
  for (const inst of loan.insts) {
    if (inst.dueDay < t && hasArrears(inst)) dpd = Math.max(dpd, t - inst.dueDay);
  }
  const status: LoanStatus = loan.writtenOff ? "written-off" : loanClosed(loan) ? "closed" : "active";
  return {
    kind: "state",
    installments: loan.insts.map((inst, index) => ({
      number: index + 1,
      startDay: inst.startDay,
      dueDay: inst.dueDay,
      scheduled: amounts((c) => inst.scheduled[c]),
      paid: amounts((c) => inst.paid[c]),
      waived: amounts((c) => inst.waived[c]),
      writtenOff: amounts((c) => inst.writtenOff[c]),
      outstanding: amounts((c) => outstanding(inst, c)),
      closedDay: inst.closedDay,
    })),
    outstanding: sumOver(loan.insts, (inst, c) => outstanding(inst, c)),
    creditBalanceMinor: loan.creditBalance.toNumber(),
    daysPastDue: dpd,
    delinquency: delinquencyOf(dpd),
    payoffMinor: payoffOn(loan, t).toNumber(),
    status,
    totals: {
      disbursedMinor: loan.disbursed.toNumber(),
      receivedMinor: loan.received.toNumber(),
      paid: sumOver(loan.insts, (i, c) => i.paid[c]),
      waived: sumOver(loan.insts, (i, c) => i.waived[c]),
      writtenOff: sumOver(loan.insts, (i, c) => i.writtenOff[c]),
      refundedMinor: loan.refunded.toNumber(),
      recoveredMinor: loan.recovered.toNumber(),
    },
  };
}
