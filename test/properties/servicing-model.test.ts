/**
 * Model-based property tests of the servicing engine (docs/reference/servicing-rules.md) with fast-check
 * commands: a random loan (annuity, classic, flat, interest-only, bullet; monthly, biweekly, weekly; 2–36
 * installments; 100.00–100,000.00 EUR at 0–36 %; sometimes a recurring fee) under random servicing rules, then a
 * random sequence of commands, each recording one event — a repayment (partial, exact, one installment, a
 * prepayment, more than the pay-off), a manual fee, a waiver, a returned payment, a reversal, a refund, a
 * pay-off, a write-off, a rate change, a tranche, a reschedule — on the current day, a later one or a backdated
 * one. The model is the list of accepted events and the day reached; the system is the engine replaying it.
 *
 * An event the engine refuses (TenorError INVALID_EVENT) must change nothing: the model keeps its list and the
 * replay of that list still gives the same state. After every accepted event these hold (`checkStep`):
 *  - ledger: every account balances; no posting is dated after the as-of date; loan-principal = outstanding
 *    principal (only ≤ while a payment-holiday reschedule stands: the principal parts include grace interest not
 *    yet capitalized, which the state does not show), interest-receivable = Σ (accrued − paid − waived − written off) interest (the
 *    outstanding interest minus what was paid ahead of its accrual, §10), fee-receivable the same for fees,
 *    penalty-receivable = outstanding penalty, overpayment = −credit balance, cash = received − refunded −
 *    disbursed, waiver-expense = waived, write-off-expense = written off, recoveries = recovered;
 *  - money in = money applied: received = Σ paid + credit balance + refunded + recovered;
 *  - no amount negative; per installment and component paid + waived + written off ≤ scheduled, accrued ≤
 *    scheduled, outstanding as §1 defines it, nothing owed once closed, closed no later than the as-of date;
 *    days past due as §4 defines it;
 *  - status: `closed` exactly when every installment is closed and nothing is outstanding; `written-off` after a
 *    write-off; nothing outstanding and a pay-off of 0 once the loan is not active;
 *  - the pay-off quote, recorded as a payoff on the as-of date, closes the loan with nothing outstanding and
 *    adds no credit balance (§9); recorded as a plain repayment of that amount it does the same (a credit
 *    balance the loan already held stays: with reduce-term/-installment an active loan may hold one, §6);
 *  - the same events in another insertion order keeping each day's relative order (and every reference after
 *    its target) give the same state; the state on an earlier date exists (the accepted list replays there
 *    too), equals the replay of the events dated up to it plus every reversal and returned payment (they
 *    correct the history itself, §10), and equals the state the model had then when nothing was backdated
 *    into that past and nothing reversed or returned since;
 *  - the journal nets, per posting key, to the replay's postings, and is append-only: the journal after step k
 *    without its as-of booking is a prefix of the journal after step k + 1.
 * Some refusals are also required (§7): an event other than a repayment, returned payment, reversal or refund
 * on a closed or written-off loan, a refund above the credit balance, a pay-off amount other than the quote; and
 * a repayment on or after the last event's date under close-forward/close-backward (no recalculation) is never
 * refused.
 *
 * Runs: SERVICING_MODEL_RUNS sequences (default 1,000 in CI, ~14 s here; 400 locally) of up to 20 commands
 * (about 10 on average). Reproduce a failure with the seed and path fast-check prints: FC_SEED=… FC_PATH=… npx
 * vitest run test/properties/servicing-model.test.ts. A failure message names the check and carries the terms,
 * rules, events and as-of date. A check's name carries where it failed (`ledger-fee-closed-rescheduled`,
 * `payoff-closes-empty-open-reduce-term`, …), so that SERVICING_MODEL_SKIP=name,pattern*,… can skip a known
 * failure to look for others; SERVICING_MODEL_STATS=1 prints how many events of each kind were accepted and
 * refused (and why) and which skipped checks failed how often.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DayNumber, formatIsoDate, parseIsoDate } from "../../src/core/calendar-date.ts";
import { TenorError } from "../../src/core/errors.ts";
import { type Ratio, ratio } from "../../src/core/ratio.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { DEFAULT_MAX_EVENTS } from "../../src/servicing/default-rules.ts";
import { journalOf, openLoan, replayLoan, type ServicedLoan } from "../../src/servicing/service-loan.ts";
import type {
  Account,
  Amounts,
  Component,
  InstallmentState,
  JournalEntry,
  LoanEvent,
  LoanState,
  OverpaymentMode,
  Posting,
  ServicingRules,
  WaterfallStep,
} from "../../src/servicing/types.ts";

const CI = process.env.CI !== undefined;
const RUNS = Number(process.env.SERVICING_MODEL_RUNS ?? (CI ? 1000 : 400));
const MAX_STEPS = 20;
const SKIP = new Set((process.env.SERVICING_MODEL_SKIP ?? "").split(",").filter((name) => name !== ""));
const STATS = process.env.SERVICING_MODEL_STATS !== undefined;
const seed = process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) };
const path = process.env.FC_PATH === undefined ? {} : { path: process.env.FC_PATH };

const COMPONENTS: readonly Component[] = ["principal", "interest", "fee", "penalty"];
const OVERPAYMENT_MODES: readonly OverpaymentMode[] = [
  "close-forward",
  "close-backward",
  "reduce-term",
  "reduce-installment",
];
const START = parseIsoDate("2020-01-01") as DayNumber;

function money(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

function percent(basisPoints: number): string {
  return `${Math.floor(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, "0")}`;
}

// ------------------------------------------------------------------------------------------------------------
// random loans and servicing rules
// ------------------------------------------------------------------------------------------------------------

const termsArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    loanType: fc.constantFrom("annuity", "classic", "flat", "interest-only", "bullet"),
    period: fc.constantFrom("monthly", "biweekly", "weekly"),
    installments: fc.integer({ min: 2, max: 36 }),
    principalMinor: fc.oneof(
      fc.integer({ min: 10_000, max: 10_000_000 }),
      fc.integer({ min: 10_000, max: 500_000 }).map((x) => x - (x % 100)),
    ),
    rateBasisPoints: fc.oneof(fc.integer({ min: 0, max: 3600 }), fc.constantFrom(0, 1200, 3600)),
    disbursement: fc.integer({ min: 0, max: 3650 }),
    rounding: fc.option(fc.constantFrom("half-even", "half-up", "down", "up"), { nil: undefined }),
    fee: fc.option(
      fc.record({
        amountMinor: fc.option(fc.integer({ min: 100, max: 2000 }), { nil: undefined }),
        percentHundredths: fc.integer({ min: 1, max: 200 }),
        timing: fc.constantFrom("end", "start"),
      }),
      { nil: undefined, freq: 3 },
    ),
  })
  .map((t) => {
    const doc: Record<string, unknown> = {
      principal: money(t.principalMinor),
      currency: "EUR",
      disbursementDate: formatIsoDate(START + t.disbursement),
      installments: t.installments,
      period: t.period,
      loanType: t.loanType,
      interest: { rate: percent(t.rateBasisPoints) },
    };
    if (t.rounding !== undefined) doc.rounding = { mode: t.rounding };
    if (t.fee !== undefined) {
      doc.fees = [
        t.fee.amountMinor !== undefined
          ? { name: "service", amount: money(t.fee.amountMinor), charge: "installment", timing: t.fee.timing }
          : {
              name: "service",
              percent: percent(t.fee.percentHundredths),
              charge: "installment",
              timing: t.fee.timing,
            },
      ];
    }
    return doc;
  });

const permutation = fc.shuffledSubarray([...COMPONENTS], { minLength: 4, maxLength: 4 });
const direction = fc.constantFrom<WaterfallStep["direction"]>("horizontal", "vertical");

const waterfallArbitrary: fc.Arbitrary<WaterfallStep[]> = fc.oneof(
  // one step over both buckets
  fc
    .tuple(permutation, direction)
    .map(([components, d]): WaterfallStep[] => [{ buckets: ["past-due", "due"], components, direction: d }]),
  // past due first, then the current installment
  fc.tuple(permutation, direction, permutation, direction).map(([a, da, b, db]): WaterfallStep[] => [
    { buckets: ["past-due"], components: a, direction: da },
    { buckets: ["due"], components: b, direction: db },
  ]),
  // some components over both buckets first (e.g. interest before any principal), then the rest
  fc
    .tuple(permutation, fc.integer({ min: 1, max: 3 }), direction, direction)
    .map(([order, cut, da, db]): WaterfallStep[] => [
      { buckets: ["past-due", "due"], components: order.slice(0, cut), direction: da },
      { buckets: ["past-due", "due"], components: order.slice(cut), direction: db },
    ]),
);

const rulesArbitrary: fc.Arbitrary<ServicingRules> = fc.record({
  accrualPriority: permutation,
  waterfall: waterfallArbitrary,
  notYetDueOrder: permutation,
  closing: fc.constantFrom("scheduled", "accrued"),
  overpayment: fc.constantFrom(...OVERPAYMENT_MODES),
  lateGraceDays: fc.integer({ min: 0, max: 10 }),
  pastDueInterest: fc.option(
    fc.record({
      rate: fc.integer({ min: 0, max: 5000 }).map((bp): Ratio => ratio(BigInt(bp), 10_000n)),
      daysInYear: fc.constantFrom(360, 365),
      base: fc.constantFrom("principal", "principal-interest"),
    }),
    { nil: undefined },
  ),
  lateFee: fc.option(
    fc.oneof(
      fc.integer({ min: 100, max: 5000 }).map((amountMinor) => ({ amountMinor })),
      fc.integer({ min: 1, max: 1000 }).map((bp) => ({ percent: ratio(BigInt(bp), 10_000n) })),
    ),
    { nil: undefined },
  ),
  nsfFeeMinor: fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 5000 })),
  writeOffToleranceMinor: fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 2000 })),
  maxEvents: fc.constant(DEFAULT_MAX_EVENTS),
});

// ------------------------------------------------------------------------------------------------------------
// commands: each records one event, built from the model's state when it runs
// ------------------------------------------------------------------------------------------------------------

/** When the event falls: today, a few days later, around the next due date, further ahead, or backdated. */
interface When {
  readonly mode: "today" | "soon" | "due" | "jump" | "back";
  readonly a: number;
  readonly b: number;
}

const whenArbitrary: fc.Arbitrary<When> = fc.record({
  mode: fc.constantFrom<When["mode"]>("due", "due", "due", "soon", "today", "jump", "jump", "back"),
  a: fc.nat({ max: 1000 }),
  b: fc.nat({ max: 1000 }),
});

type Spec =
  | {
      readonly kind: "repayment";
      readonly size: "partial" | "exact" | "installment" | "prepay" | "excess" | "tiny";
      readonly fraction: number;
      readonly mode: OverpaymentMode | undefined;
    }
  | { readonly kind: "fee"; readonly amountMinor: number }
  | {
      readonly kind: "fee-waiver";
      readonly component: Exclude<Component, "principal">;
      readonly fraction: number | undefined;
    }
  | { readonly kind: "returned-payment"; readonly pick: number; readonly feeMinor: number | undefined }
  | { readonly kind: "reversal"; readonly pick: number }
  | { readonly kind: "refund"; readonly fraction: number }
  | { readonly kind: "payoff"; readonly amount: "none" | "quote" | "wrong" }
  | { readonly kind: "write-off" }
  | { readonly kind: "rate-change"; readonly basisPoints: number }
  | { readonly kind: "disbursement"; readonly amountMinor: number }
  | {
      readonly kind: "reschedule";
      readonly installments: number | undefined;
      readonly firstDueIn: number | undefined;
      readonly holiday: number;
      readonly interestOnly: number;
      readonly basisPoints: number | undefined;
    };

const fraction = fc.integer({ min: 1, max: 99 });

const specArbitrary: fc.Arbitrary<Spec> = fc.oneof(
  {
    weight: 14,
    arbitrary: fc.record({
      kind: fc.constant("repayment" as const),
      size: fc.constantFrom(
        "partial",
        "partial",
        "exact",
        "exact",
        "installment",
        "installment",
        "installment",
        "prepay",
        "excess",
        "tiny",
      ) as fc.Arbitrary<"partial" | "exact" | "installment" | "prepay" | "excess" | "tiny">,
      fraction,
      mode: fc.option(fc.constantFrom(...OVERPAYMENT_MODES), { nil: undefined, freq: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("fee" as const),
      amountMinor: fc.integer({ min: 1, max: 5000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("fee-waiver" as const),
      component: fc.constantFrom<Exclude<Component, "principal">>("fee", "penalty", "interest"),
      fraction: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("returned-payment" as const),
      pick: fc.nat({ max: 1000 }),
      feeMinor: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("reversal" as const), pick: fc.nat({ max: 1000 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("refund" as const),
      fraction: fc.integer({ min: 1, max: 110 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("payoff" as const),
      amount: fc.constantFrom<"none" | "quote" | "wrong">("none", "quote", "quote", "wrong"),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("write-off" as const) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("rate-change" as const),
      basisPoints: fc.integer({ min: 0, max: 3600 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("disbursement" as const),
      amountMinor: fc.integer({ min: 10_000, max: 2_000_000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("reschedule" as const),
      installments: fc.option(fc.integer({ min: 2, max: 24 }), { nil: undefined }),
      firstDueIn: fc.option(fc.integer({ min: 1, max: 45 }), { nil: undefined }),
      holiday: fc.constantFrom(0, 0, 0, 1, 2),
      interestOnly: fc.constantFrom(0, 0, 0, 1, 2),
      basisPoints: fc.option(fc.integer({ min: 0, max: 3600 }), { nil: undefined }),
    }),
  },
);

interface Model {
  readonly loan: ServicedLoan;
  readonly termsDocument: Record<string, unknown>;
  events: LoanEvent[];
  /** The as-of date: the latest value date recorded (backdated events do not move it). */
  today: DayNumber;
  state: LoanState;
  journal: JournalEntry[];
  /** The model after each accepted step. */
  history: { readonly events: readonly LoanEvent[]; readonly asOf: DayNumber; readonly state: LoanState }[];
  serial: number;
}

type Real = Record<string, never>;

class RecordEvent implements fc.Command<Model, Real> {
  readonly when: When;
  readonly spec: Spec;
  readonly checkSeed: number;

  constructor(when: When, spec: Spec, checkSeed: number) {
    this.when = when;
    this.spec = spec;
    this.checkSeed = checkSeed;
  }

  check(): boolean {
    return true;
  }

  run(model: Model): void {
    const day = resolveDay(model, this.when);
    const event = buildEvent(model, this.spec, day);
    if (event !== undefined) recordEvent(model, event, this.checkSeed);
  }

  /** The command as drawn; the failure message lists the events it recorded, with their amounts and dates. */
  toString(): string {
    return `${this.spec.kind} ${JSON.stringify({ ...this.spec, kind: undefined, when: this.when })}`;
  }
}

const commandArbitrary = fc
  .tuple(whenArbitrary, specArbitrary, fc.nat())
  .map(([when, spec, checkSeed]) => new RecordEvent(when, spec, checkSeed));

// ------------------------------------------------------------------------------------------------------------
// building an event from the model
// ------------------------------------------------------------------------------------------------------------

/** The first installment due on or after `d` (the current one, §5.1), by index; -1 after maturity. */
function currentIndex(state: LoanState, d: DayNumber): number {
  return state.installments.findIndex((inst) => inst.dueDay >= d);
}

function resolveDay(model: Model, when: When): DayNumber {
  const { today, state } = model;
  const disbursement = model.loan.terms.disbursementDay;
  const current = currentIndex(state, today);
  switch (when.mode) {
    case "today":
      return today;
    case "soon":
      return today + 1 + (when.a % 10);
    case "back":
      return Math.max(disbursement, today - (when.a % 60));
    case "due":
    case "jump": {
      const ahead = when.mode === "due" ? 0 : 1 + (when.a % 4);
      const target = current < 0 ? undefined : state.installments[current + ahead];
      if (target === undefined) return today + 1 + (when.b % 40);
      // mostly on the due date or a few days late, sometimes a little early
      const offset = when.b % 3 === 0 ? 0 : (when.b % 15) - 3;
      return Math.max(today, target.dueDay + offset);
    }
  }
}

/** The loan's state at `d` from the accepted events (the model's own when `d` is today). */
function stateAt(model: Model, d: DayNumber): LoanState {
  if (d === model.today) return model.state;
  try {
    return replayLoan(model.loan, model.events, d);
  } catch (error) {
    // The accepted list cannot be replayed on an earlier date (see checkPastDates).
    violation(
      { model, events: model.events, asOf: d },
      "past-date-refused",
      `on ${formatIsoDate(d)}: ${String(error)}`,
    );
    return model.state;
  }
}

function settledOf(inst: InstallmentState, c: Component): number {
  return inst.paid[c] + inst.waived[c] + inst.writtenOff[c];
}

/** What the past-due and due installments ask for on `d` (§5.1), from the state at `d`. */
function dueNow(state: LoanState, rules: ServicingRules, d: DayNumber): number {
  const current = currentIndex(state, d);
  let total = 0;
  state.installments.forEach((inst, index) => {
    if (inst.closedDay !== undefined) return;
    if (inst.dueDay < d) {
      for (const c of COMPONENTS) total += inst.outstanding[c];
    } else if (index === current) {
      for (const c of COMPONENTS) {
        total +=
          c === "principal" || rules.closing === "scheduled"
            ? Math.max(0, inst.scheduled[c] - settledOf(inst, c))
            : inst.outstanding[c];
      }
    }
  });
  return total;
}

/** What is left of the first open installment due on or after `d`. */
function oneInstallment(state: LoanState, d: DayNumber): number {
  const inst = state.installments.find((x) => x.closedDay === undefined && x.dueDay >= d);
  if (inst === undefined) return 0;
  return COMPONENTS.reduce((sum, c) => sum + Math.max(0, inst.scheduled[c] - settledOf(inst, c)), 0);
}

/** Events that may be the target of a reversal or a returned payment: not already reversed or returned. */
function referenced(events: readonly LoanEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events)
    if (event.type === "reversal" || event.type === "returned-payment") ids.add(event.of);
  return ids;
}

function buildEvent(model: Model, spec: Spec, d: DayNumber): LoanEvent | undefined {
  const id = `e${model.serial + 1}`;
  const rules = model.loan.rules;
  switch (spec.kind) {
    case "repayment": {
      const state = stateAt(model, d);
      const due = dueNow(state, rules, d);
      const one = oneInstallment(state, d);
      const payoff = state.payoffMinor;
      const base = due > 0 ? due : one > 0 ? one : 10_000;
      let amount: number;
      switch (spec.size) {
        case "partial":
          amount = Math.floor((base * spec.fraction) / 100);
          break;
        case "exact":
          amount = base;
          break;
        case "installment":
          amount = one > 0 ? one : base;
          break;
        case "prepay":
          amount = due + Math.floor((Math.max(0, payoff - due) * spec.fraction) / 100);
          break;
        case "excess":
          amount = payoff + 1 + spec.fraction * 50;
          break;
        case "tiny":
          amount = spec.fraction;
          break;
      }
      return { id, day: d, type: "repayment", amountMinor: Math.max(1, amount), overpayment: spec.mode };
    }
    case "fee":
      return { id, day: d, type: "fee", amountMinor: spec.amountMinor, name: "manual" };
    case "fee-waiver": {
      if (spec.fraction === undefined) {
        return { id, day: d, type: "fee-waiver", component: spec.component, amountMinor: undefined };
      }
      const outstanding = stateAt(model, d).outstanding[spec.component];
      const amountMinor = Math.max(1, Math.floor((outstanding * spec.fraction) / 100));
      return { id, day: d, type: "fee-waiver", component: spec.component, amountMinor };
    }
    case "returned-payment":
    case "reversal": {
      const taken = referenced(model.events);
      const candidates = model.events.filter(
        (event) =>
          !taken.has(event.id) &&
          (spec.kind === "reversal"
            ? event.type !== "reversal"
            : event.type === "repayment" || event.type === "payoff"),
      );
      const target = candidates[spec.pick % Math.max(1, candidates.length)];
      if (target === undefined) return undefined;
      const day = Math.max(d, target.day);
      return spec.kind === "reversal"
        ? { id, day, type: "reversal", of: target.id }
        : { id, day, type: "returned-payment", of: target.id, feeMinor: spec.feeMinor };
    }
    case "refund": {
      const credit = stateAt(model, d).creditBalanceMinor;
      const amountMinor = Math.max(1, Math.floor(((credit > 0 ? credit : 1000) * spec.fraction) / 100));
      return { id, day: d, type: "refund", amountMinor };
    }
    case "payoff": {
      if (spec.amount === "none") return { id, day: d, type: "payoff", amountMinor: undefined };
      const quote = stateAt(model, d).payoffMinor;
      const amountMinor = spec.amount === "quote" ? quote : quote + 1;
      return { id, day: d, type: "payoff", amountMinor: amountMinor > 0 ? amountMinor : undefined };
    }
    case "write-off":
      return { id, day: d, type: "write-off" };
    case "rate-change":
      return { id, day: d, type: "rate-change", rate: ratio(BigInt(spec.basisPoints), 10_000n) };
    case "disbursement":
      return { id, day: d, type: "disbursement", amountMinor: spec.amountMinor };
    case "reschedule":
      return {
        id,
        day: d,
        type: "reschedule",
        installments: spec.installments,
        firstDueDay: spec.firstDueIn === undefined ? undefined : d + spec.firstDueIn,
        holidayInstallments: spec.holiday,
        interestOnlyInstallments: spec.holiday > 0 ? 0 : spec.interestOnly,
        rate: spec.basisPoints === undefined ? undefined : ratio(BigInt(spec.basisPoints), 10_000n),
      };
  }
}

// ------------------------------------------------------------------------------------------------------------
// recording an event and checking every invariant
// ------------------------------------------------------------------------------------------------------------

const stats = new Map<string, number>();
function count(key: string, n = 1): void {
  stats.set(key, (stats.get(key) ?? 0) + n);
}

/** Events that stay possible on a closed or written-off loan (§7). */
const AFTER_CLOSING = new Set<LoanEvent["type"]>(["repayment", "returned-payment", "reversal", "refund"]);

function recordEvent(model: Model, event: LoanEvent, checkSeed: number): void {
  const events = [...model.events, event];
  const asOf = Math.max(model.today, event.day);
  const latest = model.events.reduce((max, e) => Math.max(max, e.day), model.loan.terms.disbursementDay);
  const backdated = event.day < latest;
  const context = (): Repro => ({ model, events, asOf });
  let state: LoanState | undefined;
  try {
    state = replayLoan(model.loan, events, asOf);
  } catch (error) {
    if (!(error instanceof TenorError && error.code === "INVALID_EVENT")) {
      const name = String(error).includes("fixed due dates")
        ? "engine-error-fixed-due-dates"
        : "engine-error";
      violation(context(), name, `the engine threw instead of refusing: ${String(error)}`, error);
      return;
    }
    count(`refused ${event.type}: ${normalizeMessage(error.message)}`);
    // §7: nothing changes — the previous list replays to the previous state.
    const again = replayLoan(model.loan, model.events, model.today);
    check(context(), "refusal-changes-nothing", sameState(again, model.state), "the previous state changed");
    const shouldAccept =
      event.type === "repayment" &&
      !backdated &&
      model.state.status !== "written-off" &&
      ["close-forward", "close-backward"].includes(event.overpayment ?? model.loan.rules.overpayment);
    check(context(), "repayment-refused", !shouldAccept, `a repayment was refused: ${error.message}`);
    return;
  }
  count(`accepted ${event.type}`);
  if (!backdated) checkRequiredRefusal(model, event, context());
  checkStep(model, events, asOf, state, checkSeed);
  model.events = events;
  model.today = asOf;
  model.state = state;
  model.serial += 1;
  model.history.push({ events, asOf, state });
}

/** Events §7 refuses, recorded on or after the latest date (so the state before them is known). */
function checkRequiredRefusal(model: Model, event: LoanEvent, repro: Repro): void {
  const before = stateAt(model, event.day);
  if (before.status !== "active" && !AFTER_CLOSING.has(event.type)) {
    violation(repro, "closed-loan-accepts", `a ${event.type} was accepted on a ${before.status} loan`);
  }
  if (event.type === "refund" && event.amountMinor > before.creditBalanceMinor) {
    violation(
      repro,
      "refund-above-credit",
      `refund ${event.amountMinor} > credit ${before.creditBalanceMinor}`,
    );
  }
  if (
    event.type === "payoff" &&
    event.amountMinor !== undefined &&
    event.amountMinor !== before.payoffMinor
  ) {
    violation(repro, "payoff-wrong-amount", `payoff ${event.amountMinor} ≠ quote ${before.payoffMinor}`);
  }
}

function checkStep(
  model: Model,
  events: LoanEvent[],
  asOf: DayNumber,
  state: LoanState,
  checkSeed: number,
): void {
  const repro: Repro = { model, events, asOf };
  const random = mulberry32(checkSeed);
  checkAmounts(repro, state);
  checkLedger(repro, state, events);
  checkStatus(repro, state, events);
  checkPayoff(repro, state);
  checkInsertionOrder(repro, state, random);
  checkPastDates(repro, random);
  checkJournal(repro, state);
}

const sum = (amounts: Amounts): number =>
  amounts.principal + amounts.interest + amounts.fee + amounts.penalty;

function checkAmounts(repro: Repro, state: LoanState): void {
  const nonNegative = (what: string, value: number) =>
    check(repro, "negative-amount", Number.isSafeInteger(value) && value >= 0, `${what} = ${value}`);
  for (const inst of state.installments) {
    for (const c of COMPONENTS) {
      const at = `installment ${inst.number} ${c}`;
      for (const field of ["scheduled", "accrued", "paid", "waived", "writtenOff", "outstanding"] as const) {
        nonNegative(`${at} ${field}`, inst[field][c]);
      }
      const settled = settledOf(inst, c);
      check(
        repro,
        "settled-above-scheduled",
        settled <= inst.scheduled[c],
        `${at}: paid ${inst.paid[c]} + waived ${inst.waived[c]} + written off ${inst.writtenOff[c]} > scheduled ${inst.scheduled[c]}`,
      );
      check(
        repro,
        "accrued-above-scheduled",
        inst.accrued[c] <= inst.scheduled[c],
        `${at}: accrued ${inst.accrued[c]} > scheduled ${inst.scheduled[c]}`,
      );
      const expected =
        c === "principal" ? inst.scheduled[c] - settled : Math.max(0, inst.accrued[c] - settled);
      check(
        repro,
        "outstanding-definition",
        inst.outstanding[c] === expected,
        `${at}: outstanding ${inst.outstanding[c]}, §1 gives ${expected}`,
      );
    }
    check(
      repro,
      "closed-in-future",
      inst.closedDay === undefined || inst.closedDay <= state.asOfDay,
      `installment ${inst.number} is closed on ${formatIsoDate(inst.closedDay ?? 0)}, after the as-of date`,
    );
    if (inst.closedDay !== undefined) {
      check(
        repro,
        "closed-installment-owes",
        sum(inst.outstanding) === 0,
        `installment ${inst.number} is closed on ${formatIsoDate(inst.closedDay)} but owes ${JSON.stringify(inst.outstanding)}`,
      );
    }
  }
  for (const c of COMPONENTS) {
    nonNegative(`outstanding ${c}`, state.outstanding[c]);
    const total = state.installments.reduce((s, inst) => s + inst.outstanding[c], 0);
    check(
      repro,
      "outstanding-total",
      total === state.outstanding[c],
      `outstanding ${c} ${state.outstanding[c]} ≠ Σ ${total}`,
    );
  }
  nonNegative("credit balance", state.creditBalanceMinor);
  nonNegative("pay-off", state.payoffMinor);
  const t = state.totals;
  for (const [what, value] of Object.entries({
    disbursed: t.disbursedMinor,
    received: t.receivedMinor,
    refunded: t.refundedMinor,
    recovered: t.recoveredMinor,
    ...Object.fromEntries(COMPONENTS.map((c) => [`paid ${c}`, t.paid[c]])),
    ...Object.fromEntries(COMPONENTS.map((c) => [`waived ${c}`, t.waived[c]])),
    ...Object.fromEntries(COMPONENTS.map((c) => [`written off ${c}`, t.writtenOff[c]])),
  })) {
    nonNegative(`totals ${what}`, value);
  }
  // money in = money applied
  const applied = sum(t.paid) + state.creditBalanceMinor + t.refundedMinor + t.recoveredMinor;
  check(
    repro,
    "money-in-applied",
    t.receivedMinor === applied,
    `received ${t.receivedMinor} ≠ paid ${sum(t.paid)} + credit ${state.creditBalanceMinor} + refunded ${t.refundedMinor} + recovered ${t.recoveredMinor} = ${applied}`,
  );
  // §4: days past due from the oldest installment with principal, interest or fee outstanding
  const oldest = state.installments.find(
    (inst) =>
      inst.dueDay < state.asOfDay &&
      inst.outstanding.principal + inst.outstanding.interest + inst.outstanding.fee > 0,
  );
  const dpd = oldest === undefined ? 0 : state.asOfDay - oldest.dueDay;
  check(
    repro,
    "days-past-due",
    state.daysPastDue === dpd,
    `days past due ${state.daysPastDue}, §4 gives ${dpd}`,
  );
}

/** Net balance of each account (debits positive) over the postings. */
function balances(postings: readonly Posting[]): Map<Account, number> {
  const out = new Map<Account, number>();
  for (const p of postings) {
    out.set(p.debit, (out.get(p.debit) ?? 0) + p.amountMinor);
    out.set(p.credit, (out.get(p.credit) ?? 0) - p.amountMinor);
  }
  return out;
}

function excludedIds(events: readonly LoanEvent[], asOf: DayNumber): Set<string> {
  const included = events.filter((e) => e.day <= asOf);
  const excluded = new Set<string>();
  for (const e of included) if (e.type === "reversal") excluded.add(e.of);
  for (const e of included) if (e.type === "returned-payment" && !excluded.has(e.id)) excluded.add(e.of);
  return excluded;
}

/** The events that stand in the replay up to `asOf`: dated up to it and neither reversed nor returned. */
function standing(events: readonly LoanEvent[], asOf: DayNumber): LoanEvent[] {
  const excluded = excludedIds(events, asOf);
  return events.filter((e) => e.day <= asOf && !excluded.has(e.id));
}

function checkLedger(repro: Repro, state: LoanState, events: readonly LoanEvent[]): void {
  let debits = 0;
  let credits = 0;
  for (const p of state.postings) {
    check(
      repro,
      "posting-shape",
      Number.isSafeInteger(p.amountMinor) && p.amountMinor > 0 && p.debit !== p.credit,
      `posting ${p.key}: ${p.amountMinor} ${p.debit} / ${p.credit}`,
    );
    debits += p.amountMinor;
    credits += p.amountMinor;
  }
  check(repro, "ledger-balanced", debits === credits, `Σ debits ${debits} ≠ Σ credits ${credits}`);
  const late = state.postings.find((p) => p.day > state.asOfDay);
  check(
    repro,
    "posting-in-future",
    late === undefined,
    `posting ${late?.key} (${late?.debit} / ${late?.credit} ${late?.amountMinor}) is dated ${formatIsoDate(late?.day ?? 0)}, after the as-of date`,
  );
  const keys = new Set(state.postings.map((p) => p.key));
  check(repro, "posting-keys-unique", keys.size === state.postings.length, "two postings share a key");
  const b = balances(state.postings);
  const account = (name: Account) => b.get(name) ?? 0;
  const total = (pick: (inst: InstallmentState) => number) =>
    state.installments.reduce((s, inst) => s + pick(inst), 0);
  const receivable = (c: Component) => total((inst) => inst.accrued[c] - settledOf(inst, c));
  const holiday = standing(events, state.asOfDay).some(
    (e) => e.type === "reschedule" && e.holidayInstallments > 0,
  );
  const principal = account("loan-principal");
  // Where a failure happens, in its name, so that different causes group apart.
  const context = [
    state.status === "active" ? "" : `-${state.status}`,
    standing(events, state.asOfDay).some((e) => e.type === "reschedule") ? "-rescheduled" : "",
    JSON.stringify(repro.model.termsDocument).includes('"start"') ? "-start-fee" : "",
  ].join("");
  const expectations: [string, boolean, string][] = [
    [
      "ledger-principal",
      holiday ? principal <= state.outstanding.principal : principal === state.outstanding.principal,
      `loan-principal ${principal} ${holiday ? ">" : "≠"} outstanding principal ${state.outstanding.principal}`,
    ],
    [
      `ledger-interest${context}`,
      account("interest-receivable") === receivable("interest"),
      `interest-receivable ${account("interest-receivable")} ≠ Σ (accrued − settled) interest ${receivable("interest")} (outstanding ${state.outstanding.interest})`,
    ],
    [
      `ledger-fee${context}`,
      account("fee-receivable") === receivable("fee"),
      `fee-receivable ${account("fee-receivable")} ≠ Σ (accrued − settled) fee ${receivable("fee")} (outstanding ${state.outstanding.fee})`,
    ],
    [
      "ledger-penalty",
      account("penalty-receivable") === state.outstanding.penalty,
      `penalty-receivable ${account("penalty-receivable")} ≠ outstanding penalty ${state.outstanding.penalty}`,
    ],
    [
      "ledger-overpayment",
      account("overpayment") === -state.creditBalanceMinor,
      `overpayment ${account("overpayment")} ≠ −credit balance ${-state.creditBalanceMinor}`,
    ],
    [
      "ledger-cash",
      account("cash") ===
        state.totals.receivedMinor - state.totals.refundedMinor - state.totals.disbursedMinor,
      `cash ${account("cash")} ≠ received ${state.totals.receivedMinor} − refunded ${state.totals.refundedMinor} − disbursed ${state.totals.disbursedMinor}`,
    ],
    [
      "ledger-waivers",
      account("waiver-expense") === sum(state.totals.waived),
      `waiver-expense ${account("waiver-expense")} ≠ waived ${sum(state.totals.waived)}`,
    ],
    [
      "ledger-write-offs",
      account("write-off-expense") === sum(state.totals.writtenOff),
      `write-off-expense ${account("write-off-expense")} ≠ written off ${sum(state.totals.writtenOff)}`,
    ],
    [
      "ledger-recoveries",
      account("recoveries") === -state.totals.recoveredMinor,
      `recoveries ${account("recoveries")} ≠ −recovered ${-state.totals.recoveredMinor}`,
    ],
  ];
  const suffix = late === undefined ? "" : "-with-future-posting";
  for (const [name, ok, message] of expectations) check(repro, name + suffix, ok, message);
  let net = 0;
  for (const value of b.values()) net += value;
  check(repro, "ledger-balanced", net === 0, `the accounts net to ${net}`);
}

function checkStatus(repro: Repro, state: LoanState, events: readonly LoanEvent[]): void {
  const allClosed = state.installments.every((inst) => inst.closedDay !== undefined);
  const owes = sum(state.outstanding);
  const wroteOff = standing(events, state.asOfDay).some((e) => e.type === "write-off");
  if (wroteOff) {
    check(
      repro,
      "written-off-status",
      state.status === "written-off",
      `status ${state.status} after a write-off`,
    );
  }
  if (state.status === "written-off") {
    check(
      repro,
      "written-off-owes",
      owes === 0 && state.payoffMinor === 0,
      `written off, yet outstanding ${JSON.stringify(state.outstanding)} and pay-off ${state.payoffMinor}`,
    );
    return;
  }
  check(
    repro,
    "closed-status",
    (state.status === "closed") === (allClosed && owes === 0),
    `status ${state.status} while ${allClosed ? "every" : "not every"} installment is closed and ${owes} is outstanding`,
  );
  if (state.status === "closed") {
    check(repro, "closed-payoff", state.payoffMinor === 0, `closed with a pay-off of ${state.payoffMinor}`);
  }
}

/** A name suffix when two installments share a due date (after a reschedule): the failures it causes group apart. */
function sharedDueDates(state: LoanState): string {
  const days = state.installments.map((inst) => inst.dueDay);
  return new Set(days).size < days.length ? "-shared-due-date" : "";
}

/** §9: the quote, paid by a payoff or by a plain repayment on the as-of date, closes the loan. */
function checkPayoff(repro: Repro, state: LoanState): void {
  if (state.status !== "active") return;
  const { model, events, asOf } = repro;
  const quote = state.payoffMinor;
  const variants: [string, LoanEvent][] = [
    ["payoff", { id: "payoff-check", day: asOf, type: "payoff", amountMinor: undefined }],
  ];
  if (quote > 0) {
    variants.push([
      "repayment",
      { id: "payoff-check", day: asOf, type: "repayment", amountMinor: quote, overpayment: undefined },
    ]);
  }
  for (const [how, extra] of variants) {
    const name = how === "payoff" ? "payoff-closes" : "payoff-repayment-closes";
    let after: LoanState;
    try {
      after = replayLoan(model.loan, [...events, extra], asOf);
    } catch (error) {
      violation(
        { ...repro, events: [...events, extra] },
        String(error).includes("capitalize") ? `${name}-capitalizing` : name,
        `the pay-off quote ${quote} as a ${how} was refused: ${String(error)}`,
      );
      continue;
    }
    const open = after.installments.filter((inst) => inst.closedDay === undefined).map((inst) => inst.number);
    const emptyOpen = after.status === "active" && sum(after.outstanding) === 0;
    check(
      { ...repro, events: [...events, extra] },
      (emptyOpen
        ? `${name}-empty-open-${model.loan.rules.overpayment}`
        : quote === 0
          ? `${name}-zero-quote`
          : name) + sharedDueDates(state),
      after.status === "closed" &&
        sum(after.outstanding) === 0 &&
        after.creditBalanceMinor === state.creditBalanceMinor,
      `the quote ${quote} as a ${how} leaves status ${after.status}, outstanding ${JSON.stringify(after.outstanding)}, credit ${after.creditBalanceMinor}, open installments [${open.join(", ")}]`,
    );
  }
}

/** Another insertion order with each day's relative order and every reference after its target. */
function checkInsertionOrder(repro: Repro, state: LoanState, random: () => number): void {
  const { model, events, asOf } = repro;
  const remaining = [...events];
  const placed = new Set<string>();
  const order: LoanEvent[] = [];
  while (remaining.length > 0) {
    const ready = remaining.filter((event, index) => {
      const earlierSameDay = remaining.slice(0, index).some((other) => other.day === event.day);
      const waits = (event.type === "reversal" || event.type === "returned-payment") && !placed.has(event.of);
      return !earlierSameDay && !waits;
    });
    const next = ready[Math.floor(random() * ready.length)] as LoanEvent;
    order.push(next);
    placed.add(next.id);
    remaining.splice(remaining.indexOf(next), 1);
  }
  let other: LoanState;
  try {
    other = replayLoan(model.loan, order, asOf);
  } catch (error) {
    violation({ ...repro, events: order }, "insertion-order", `reordered events refused: ${String(error)}`);
    return;
  }
  check(
    { ...repro, events: order },
    "insertion-order",
    sameState(other, state),
    `reordered [${order.map((e) => e.id).join(", ")}]: ${firstDifference(other, state)}`,
  );
}

/** The state on an earlier date: the replay of the events dated up to it, and the model's state back then. */
function checkPastDates(repro: Repro, random: () => number): void {
  const { model, events, asOf } = repro;
  const disbursement = model.loan.terms.disbursementDay;
  const earlier = disbursement + Math.floor(random() * (asOf - disbursement + 1));
  let full: LoanState;
  let upTo: LoanState;
  try {
    full = replayLoan(model.loan, events, earlier);
    // Reversals and returned payments correct the history itself, so they count on every date (§10).
    // (their targets stay in the list so the references hold; dated later, they are not applied).
    const corrected = new Set(
      events.flatMap((e) => (e.type === "reversal" || e.type === "returned-payment" ? [e.id, e.of] : [])),
    );
    upTo = replayLoan(
      model.loan,
      events.filter((e) => e.day <= earlier || corrected.has(e.id)),
      earlier,
    );
  } catch (error) {
    // The list was accepted on the as-of date, but its replay on an earlier date is refused.
    violation(repro, "past-date-refused", `on ${formatIsoDate(earlier)}: ${String(error)}`);
    return;
  }
  check(
    repro,
    "past-date",
    sameState(full, upTo),
    `on ${formatIsoDate(earlier)}: ${firstDifference(full, upTo)}`,
  );
  if (model.history.length === 0) return;
  const then = model.history[Math.floor(random() * model.history.length)];
  if (then === undefined) return;
  const since = events.slice(then.events.length);
  // Something was backdated into that past since, or a reversal or returned payment corrected it.
  if (since.some((e) => e.day <= then.asOf || e.type === "reversal" || e.type === "returned-payment")) return;
  const replayed = replayLoan(model.loan, events, then.asOf);
  check(
    repro,
    "past-state",
    sameState(replayed, then.state),
    `on ${formatIsoDate(then.asOf)} (after ${then.events.length} events): ${firstDifference(replayed, then.state)}`,
  );
}

/** Signed amounts per account of a posting or journal entry (debit +, credit −). */
function addSigned(into: Map<string, Map<Account, number>>, key: string, p: Posting): void {
  let byAccount = into.get(key);
  if (byAccount === undefined) {
    byAccount = new Map();
    into.set(key, byAccount);
  }
  byAccount.set(p.debit, (byAccount.get(p.debit) ?? 0) + p.amountMinor);
  byAccount.set(p.credit, (byAccount.get(p.credit) ?? 0) - p.amountMinor);
}

function checkJournal(repro: Repro, state: LoanState): void {
  const { model, events, asOf } = repro;
  const journal = journalOf(model.loan, events, asOf);
  const net = new Map<string, Map<Account, number>>();
  for (const entry of journal) {
    check(
      repro,
      "journal-shape",
      entry.amountMinor > 0 && entry.booking >= 1 && entry.booking <= events.length + 1,
      `journal entry ${entry.key}: ${entry.amountMinor}, booking ${entry.booking}`,
    );
    addSigned(net, entry.key, entry);
  }
  const expected = new Map<string, Map<Account, number>>();
  for (const posting of state.postings) addSigned(expected, posting.key, posting);
  for (const key of new Set([...net.keys(), ...expected.keys()])) {
    const a = [...(net.get(key) ?? new Map<Account, number>())].filter(([, v]) => v !== 0).sort();
    const b = [...(expected.get(key) ?? new Map<Account, number>())].filter(([, v]) => v !== 0).sort();
    check(
      repro,
      "journal-nets",
      JSON.stringify(a) === JSON.stringify(b),
      `key ${key}: the journal nets to ${JSON.stringify(a)}, the replay posts ${JSON.stringify(b)}`,
    );
  }
  const previous = model.journal.filter((entry) => entry.booking <= model.events.length);
  const prefix = journal.slice(0, previous.length);
  check(
    repro,
    "journal-append-only",
    JSON.stringify(prefix) === JSON.stringify(previous),
    `the journal before this event (${previous.length} entries) is not a prefix of the journal after it`,
  );
  for (let i = 1; i < journal.length; i++) {
    if ((journal[i] as JournalEntry).booking < (journal[i - 1] as JournalEntry).booking) {
      violation(
        repro,
        "journal-append-only",
        `booking ${(journal[i] as JournalEntry).booking} after a later one`,
      );
    }
  }
  model.journal = journal;
}

// ------------------------------------------------------------------------------------------------------------
// reporting
// ------------------------------------------------------------------------------------------------------------

interface Repro {
  readonly model: Model;
  readonly events: readonly LoanEvent[];
  readonly asOf: DayNumber;
}

function check(repro: Repro, name: string, ok: boolean, message: string): void {
  if (!ok) violation(repro, name, message);
}

function violation(repro: Repro, name: string, message: string, cause?: unknown): void {
  if ([...SKIP].some((skip) => skipMatches(skip, name))) {
    count(`skipped violation ${name}`);
    return;
  }
  const error = new Error(`${name}: ${message}\n${reproduction(repro)}`);
  if (cause instanceof Error && cause.stack !== undefined)
    error.stack = `${error.message}\ncaused by ${cause.stack}`;
  throw error;
}

/** A check name, or a pattern with `*` wildcards. */
function skipMatches(skip: string, name: string): boolean {
  const pattern = skip.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*");
  return new RegExp(`^${pattern}$`).test(name);
}

function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  return value;
}

function describeEvent(event: LoanEvent): string {
  const copy: Record<string, unknown> = { ...event, day: formatIsoDate(event.day) };
  if (event.type === "reschedule" && event.firstDueDay !== undefined)
    copy.firstDueDay = formatIsoDate(event.firstDueDay);
  for (const [k, v] of Object.entries(copy)) if (v === undefined) delete copy[k];
  if ("rate" in event && event.rate !== undefined) copy.rate = `${event.rate.num}/${event.rate.den}`;
  return JSON.stringify(copy, jsonValue);
}

function reproduction({ model, events, asOf }: Repro): string {
  const rules = { ...model.loan.rules } as Record<string, unknown>;
  return [
    `terms: ${JSON.stringify(model.termsDocument)}`,
    `rules: ${JSON.stringify(rules, (key, value) =>
      value !== null && typeof value === "object" && "num" in value && "den" in value
        ? `${value.num}/${value.den}`
        : jsonValue(key, value),
    )}`,
    "events:",
    ...events.map((event) => `  ${describeEvent(event)}`),
    `asOf: ${formatIsoDate(asOf)}`,
  ].join("\n");
}

function normalizeMessage(message: string): string {
  return message
    .replace(/events\[\d+\]/g, "events[n]")
    .replace(/\(event [^)]*\)/g, "")
    .replace(/\d+/g, "#")
    .slice(0, 160);
}

function sameState(a: LoanState, b: LoanState): boolean {
  return JSON.stringify(a, jsonValue) === JSON.stringify(b, jsonValue);
}

function firstDifference(a: LoanState, b: LoanState): string {
  for (const field of Object.keys(a) as (keyof LoanState)[]) {
    const x = JSON.stringify(a[field], jsonValue);
    const y = JSON.stringify(b[field], jsonValue);
    if (x === y) continue;
    let i = 0;
    while (i < x.length && x[i] === y[i]) i++;
    return `${field} differs at …${x.slice(Math.max(0, i - 80), i + 80)} vs …${y.slice(Math.max(0, i - 80), i + 80)}`;
  }
  return "no difference";
}

/** A small deterministic generator for the checks' own choices (reorderings, earlier dates). */
function mulberry32(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ------------------------------------------------------------------------------------------------------------
// the property
// ------------------------------------------------------------------------------------------------------------

function setup(termsDocument: Record<string, unknown>, rules: ServicingRules): { model: Model; real: Real } {
  const loan = openLoan(parseTerms(termsDocument), rules);
  const today = loan.terms.disbursementDay;
  const state = replayLoan(loan, [], today);
  return {
    model: {
      loan,
      termsDocument,
      events: [],
      today,
      state,
      journal: journalOf(loan, [], today),
      history: [],
      serial: 0,
    },
    real: {},
  };
}

describe("servicing engine: model-based properties (fast-check commands)", () => {
  it(`keeps its invariants over ${RUNS} random event sequences of up to ${MAX_STEPS} steps`, () => {
    fc.assert(
      fc.property(
        termsArbitrary,
        rulesArbitrary,
        fc.commands([commandArbitrary], { maxCommands: MAX_STEPS, size: "max" }),
        (termsDocument, rules, commands) => {
          fc.modelRun(() => setup(termsDocument, rules), commands);
          count(`sequences`);
          count(`commands`, [...commands].length);
        },
      ),
      { numRuns: RUNS, ...seed, ...path },
    );
    if (STATS) {
      const lines = [...stats]
        .sort((a, b) => b[1] - a[1])
        .map(([key, n]) => `${String(n).padStart(6)}  ${key}`);
      console.log(lines.join("\n"));
    }
    expect(stats.size).toBeGreaterThan(0);
  });
});
