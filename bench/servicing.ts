// The "servicing" section of `npm run bench`: what the servicing engine (src/servicing/) costs.
//
//  (a) A 360-installment monthly annuity (300,000 at 6.5 %/year) with 1,000 recorded events — repayments on time,
//      some late (past-due interest and late fees), some in two parts, manual fees (half waived), fees recorded in
//      error and reversed, returned payments (NSF) with their catch-up, a few reduce-term prepayments — then one
//      backdated repayment inserted near the start. Timed: `replayLoan` of the full list (what recording a
//      backdated event costs: the loan is replayed from scratch), and the journal delta of that insert (§10: the
//      postings of the replays before and after, compared by key with `journalBetween`).
//  (b) One day's accrual for 100,000 loans held in memory (the internal `openBook` + `accrueTo`): consumer loans of
//      12–36 monthly installments, ~95 % current (their due dates spread over the month) and ~5 % overdue with
//      past-due interest and a late fee, so penalties are computed day by day. Timed: advancing every book one day.
//
// No npm package services loans (events, waterfall, penalties, ledger) — the registry's loan packages (loanjs,
// amortizejs, amortize, fundamental-js, …) only build schedules — so the figures stand alone. bench/run.ts runs
// (a) and (b) in a child process each and prints the tables.
import { type DayNumber, formatIsoDate, parseIsoDate } from "../src/core/calendar-date.ts";
import { ratio } from "../src/core/ratio.ts";
import { generateSchedule } from "../src/schedule/generate-schedule.ts";
import { parseTerms } from "../src/schedule/parse-terms.ts";
import type { Schedule } from "../src/schedule/schedule.ts";
import type { Terms } from "../src/schedule/terms.ts";
import { accrueTo, recognizeAll } from "../src/servicing/accrue.ts";
import { payable } from "../src/servicing/allocate.ts";
import { applyEvent } from "../src/servicing/apply-event.ts";
import { DEFAULT_SERVICING_RULES } from "../src/servicing/default-rules.ts";
import { journalBetween } from "../src/servicing/journal.ts";
import {
  type Book,
  type BookInstallment,
  currentIndex,
  firstOpenIndex,
  openBook,
} from "../src/servicing/loan-book.ts";
import { openLoan, postingsOf, replayLoan, type ServicedLoan } from "../src/servicing/service-loan.ts";
import type { LoanEvent, LoanState, ServicingRules } from "../src/servicing/types.ts";

function day(iso: string): DayNumber {
  const d = parseIsoDate(iso);
  if (d === undefined) throw new Error(`bad date ${iso}`);
  return d;
}

/** A small deterministic generator, so every run replays the same events and builds the same portfolio. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The product both parts use: late charges after 5 grace days, an NSF fee; prepayments close installments ahead. */
export const BENCH_RULES: ServicingRules = {
  ...DEFAULT_SERVICING_RULES,
  overpayment: "close-forward",
  lateGraceDays: 5,
  pastDueInterest: { rate: ratio(24n, 100n), daysInYear: 365, base: "principal-interest" },
  lateFee: { amountMinor: 1_500 },
  nsfFeeMinor: 2_500,
};

// ---------------------------------------------------------------------------------------------------------------
// (a) one long loan, 1,000 events, a backdated insert

export const REPLAY_EVENTS = 1_000;

export interface ReplayScenario {
  readonly loan: ServicedLoan;
  /** The 1,000 events as recorded, in value-date order. */
  readonly base: readonly LoanEvent[];
  /** The backdated repayment recorded after them. */
  readonly inserted: LoanEvent;
  readonly withInsert: readonly LoanEvent[];
  /** The latest value date: the as-of date of the replays and the horizon of the journal booking (§10). */
  readonly asOf: DayNumber;
  readonly counts: Readonly<Record<string, number>>;
}

/** What the past-due installments ask for on `d` (the book's accruals must have reached `d`). */
function pastDueTotal(book: Book, d: DayNumber): number {
  let total = 0;
  const current = currentIndex(book, d);
  for (let j = firstOpenIndex(book); j < current; j++) {
    const inst = book.installments[j] as BookInstallment;
    if (inst.closedDay !== undefined) continue;
    for (let c = 0; c < 4; c++) total += payable(book, inst, c, "past-due", d);
  }
  return total;
}

/** What the current installment asks for on `d` (everything it schedules: the product's closing is `scheduled`). */
function currentTotal(book: Book, d: DayNumber): number {
  const inst = book.installments[currentIndex(book, d)];
  if (inst === undefined || inst.closedDay !== undefined) return 0;
  let total = 0;
  for (let c = 0; c < 4; c++) total += payable(book, inst, c, "due", d);
  return total;
}

/**
 * The 1,000 events of a borrower's life, generated the way a servicing system records them: walking the loan
 * forward in a book of its own (the engine's internal API), each repayment paying what the book says is due.
 * Returned payments and reversed fees are never applied to that book (a replay treats them as never made), but
 * the NSF fee is. The list is then checked by a full replay.
 */
export function replayScenario(): ReplayScenario {
  const terms = parseTerms({
    principal: "300000.00",
    currency: "EUR",
    disbursementDate: "2024-01-15",
    installments: 360,
    interest: { rate: "6.5" },
  });
  const loan = openLoan(terms, BENCH_RULES);
  const book = openBook(terms, BENCH_RULES, loan.schedule);
  accrueTo(book, terms.disbursementDay);
  const random = mulberry32(20261122);
  const events: LoanEvent[] = [];
  const counts: Record<string, number> = {};
  let serial = 0;
  /** Records an event; `apply` false for one a later event cancels (a returned repayment, a reversed fee). */
  const record = (event: LoanEvent, apply = true): void => {
    if (events.length >= REPLAY_EVENTS) return;
    events.push(event);
    const kind = event.type === "repayment" && event.overpayment !== undefined ? "prepayment" : event.type;
    counts[kind] = (counts[kind] ?? 0) + 1;
    if (!apply) return;
    accrueTo(book, event.day);
    recognizeAll(book, event.day, true);
    applyEvent(book, event, (returned) => returned.feeMinor ?? BENCH_RULES.nsfFeeMinor);
  };
  const id = () => `e${++serial}`;
  const dues = loan.schedule.columns.dueDays;
  for (let i = 0; i < dues.length && events.length < REPLAY_EVENTS; i++) {
    if (book.status !== "active") break;
    const due = dues[i] as DayNumber;
    const returned = i % 36 === 18;
    const prepayment = i % 36 === 24 && i < 200;
    const late = !returned && !prepayment && random() < 0.15 ? 3 + Math.floor(random() * 13) : 0;
    // Part of the installment six days early, then the rest on (or after) the due date.
    if (random() < 0.75) {
      accrueTo(book, due - 6);
      const part = Math.floor(currentTotal(book, due - 6) * 0.4);
      if (part > 0)
        record({ id: id(), day: due - 6, type: "repayment", amountMinor: part, overpayment: undefined });
    }
    const payDay = due + late;
    accrueTo(book, payDay);
    const owed = pastDueTotal(book, payDay) + (late === 0 ? currentTotal(book, payDay) : 0);
    const main = id();
    if (owed > 0) {
      const repayment: LoanEvent = {
        id: main,
        day: payDay,
        type: "repayment",
        amountMinor: owed,
        overpayment: undefined,
      };
      record(repayment, !returned);
      if (returned) {
        // The payment bounces a week later (NSF fee); the borrower pays the installment and the fee three days after.
        record({ id: id(), day: due + 7, type: "returned-payment", of: main, feeMinor: undefined });
        accrueTo(book, due + 10);
        const catchUp = pastDueTotal(book, due + 10) + BENCH_RULES.nsfFeeMinor;
        record({ id: id(), day: due + 10, type: "repayment", amountMinor: catchUp, overpayment: undefined });
      }
    }
    if (prepayment) {
      record({ id: id(), day: due + 1, type: "repayment", amountMinor: 500_000, overpayment: "reduce-term" });
    }
    // A manual fee (charged to the next installment, paid with it or waived the same day).
    if (random() < 0.8) {
      const fee = id();
      record({ id: fee, day: due + 17, type: "fee", amountMinor: 1_500, name: "statement copy" });
      if (random() < 0.5) {
        record({ id: id(), day: due + 17, type: "fee-waiver", component: "fee", amountMinor: 1_500 });
      }
    }
    // A fee recorded in error and reversed the next day.
    if (random() < 0.08) {
      const wrong = id();
      record({ id: wrong, day: due + 19, type: "fee", amountMinor: 1_000, name: "recorded in error" }, false);
      record({ id: id(), day: due + 20, type: "reversal", of: wrong });
    }
  }
  if (events.length !== REPLAY_EVENTS) {
    throw new Error(`the scenario generated ${events.length} events instead of ${REPLAY_EVENTS}`);
  }
  const asOf = events.reduce((latest, event) => Math.max(latest, event.day), terms.disbursementDay);
  const inserted: LoanEvent = {
    id: "backdated",
    day: terms.disbursementDay + 45,
    type: "repayment",
    amountMinor: 25_000,
    overpayment: undefined,
  };
  return { loan, base: events, inserted, withInsert: [...events, inserted], asOf, counts };
}

/** The journal entries that recording the backdated insert books (§10): two replays compared by key. */
export function journalDelta(s: ReplayScenario): number {
  const before = postingsOf(s.loan, s.base, s.asOf);
  const after = postingsOf(s.loan, s.withInsert, s.asOf);
  return journalBetween(before, after, s.withInsert.length).length;
}

export interface ServicingTask {
  readonly id: string;
  readonly name: string;
  readonly fn: () => unknown;
}

export function replayTasks(s: ReplayScenario): ServicingTask[] {
  const before = postingsOf(s.loan, s.base, s.asOf);
  const after = postingsOf(s.loan, s.withInsert, s.asOf);
  const booking = s.withInsert.length;
  return [
    {
      id: "replay-insert",
      name: "**`replayLoan` of the 1,001 events** (after the backdated insert)",
      fn: () => replayLoan(s.loan, s.withInsert, s.asOf),
    },
    {
      id: "postings-insert",
      name: "`postingsOf` of the 1,001 events (the replay without the state snapshot)",
      fn: () => postingsOf(s.loan, s.withInsert, s.asOf),
    },
    {
      id: "journal-delta",
      name: "**journal delta of the insert**: 2 × `postingsOf` + `journalBetween`",
      fn: () => journalDelta(s),
    },
    {
      id: "journal-between",
      name: "`journalBetween` alone (both postings lists given)",
      fn: () => journalBetween(before, after, booking),
    },
  ];
}

/** Figures of the scenario, printed with the table and checked by the smoke test. */
export function describeScenario(s: ReplayScenario): {
  readonly state: LoanState;
  readonly postings: number;
  readonly delta: number;
} {
  const state = replayLoan(s.loan, s.withInsert, s.asOf);
  return { state, postings: state.postings.length, delta: journalDelta(s) };
}

// ---------------------------------------------------------------------------------------------------------------
// (b) 100,000 books, one day's accrual

export const PORTFOLIO_BOOKS = 100_000;
/** The day the portfolio is advanced to (the books stand at the end of the day before). */
export const ACCRUAL_DAY = day("2026-06-15");

export interface Portfolio {
  readonly books: Book[];
  /** Books with an installment past due on the accrual day (penalties computed day by day). */
  readonly overdue: number;
  /** Books with a due date on the accrual day. */
  readonly dueThatDay: number;
  readonly installments: number;
}

const VARIANTS = [
  { principal: "1500.00", installments: 12, rate: "29.9" },
  { principal: "3000.00", installments: 12, rate: "19.5" },
  { principal: "5000.00", installments: 24, rate: "12.9" },
  { principal: "8000.00", installments: 24, rate: "9.9" },
  { principal: "12000.00", installments: 36, rate: "7.5" },
  { principal: "20000.00", installments: 36, rate: "6.2" },
  { principal: "25000.00", installments: 36, rate: "5.4" },
  { principal: "40000.00", installments: 36, rate: "4.9" },
] as const;

/**
 * `count` books standing at the end of the day before `target`: ~95 % current (disbursed in the month before, so
 * each has its first due date in the month ahead) and ~5 % overdue (disbursed 35–120 days before, nothing
 * paid). Terms and schedules are shared between books of the same variant and disbursement date.
 */
export function buildPortfolio(count: number, target: DayNumber = ACCRUAL_DAY): Portfolio {
  const random = mulberry32(7);
  const cache = new Map<string, { terms: Terms; schedule: Schedule }>();
  const books: Book[] = [];
  let overdue = 0;
  let dueThatDay = 0;
  let installments = 0;
  for (let k = 0; k < count; k++) {
    const late = random() < 0.05;
    const age = late ? 35 + Math.floor(random() * 86) : 1 + Math.floor(random() * 31);
    const variant = Math.floor(random() * VARIANTS.length);
    const key = `${variant}:${age}`;
    let entry = cache.get(key);
    if (entry === undefined) {
      const v = VARIANTS[variant] as (typeof VARIANTS)[number];
      const terms = parseTerms({
        principal: v.principal,
        currency: "EUR",
        disbursementDate: formatIsoDate(target - age),
        installments: v.installments,
        interest: { rate: v.rate },
        fees: [{ name: "account", amount: "2.50", charge: "installment" }],
      });
      entry = { terms, schedule: generateSchedule(terms) };
      cache.set(key, entry);
    }
    const book = openBook(entry.terms, BENCH_RULES, entry.schedule);
    accrueTo(book, target - 1);
    books.push(book);
    installments += book.installments.length;
    if (book.installments.some((inst) => inst.dueDay < target && inst.closedDay === undefined)) overdue++;
    if (book.installments.some((inst) => inst.dueDay === target)) dueThatDay++;
  }
  return { books, overdue, dueThatDay, installments };
}

/** The timed step: every book one day forward. */
export function advanceAll(books: readonly Book[], to: DayNumber): void {
  for (const book of books) accrueTo(book, to);
}

export interface AccrualRound {
  readonly buildMs: number;
  /** ms for the first day (the accrual day), then the next days of the same portfolio. */
  readonly dayMs: readonly number[];
  readonly heapMiB: number;
  readonly overdue: number;
  readonly dueThatDay: number;
  readonly installments: number;
}

/** Builds a fresh portfolio (untimed) and times `days` consecutive one-day advances of it. */
export function accrualRound(count: number, days: number): AccrualRound {
  const started = process.hrtime.bigint();
  const portfolio = buildPortfolio(count);
  const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
  // No forced collection before a timed day: a full mark-compact moves the books, and the loop after it ran ~1.7×
  // slower in trials — not what a long-running process sees. Scavenges the loop causes are part of its cost.
  const dayMs: number[] = [];
  for (let k = 0; k < days; k++) {
    const t0 = process.hrtime.bigint();
    advanceAll(portfolio.books, ACCRUAL_DAY + k);
    dayMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return {
    buildMs,
    dayMs,
    heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
    overdue: portfolio.overdue,
    dueThatDay: portfolio.dueThatDay,
    installments: portfolio.installments,
  };
}
