// One demo loan's life, played through the service's own operations as a loan officer's systems would: the
// application, its approval and disbursement, then the borrower's payments, returned payments, pay-offs and
// write-offs on their dates up to the business date. What a payment pays is what the loan owed on its date
// (the loan read as of that date, like a client looking up the amount due), so paid-up loans end current and
// the loans that missed installments are past due by the days the plan aimed at.
import { addDays, type DayNumber, formatIsoDate, parseIsoDate } from "../core/calendar-date.ts";
import { formatMinor, parseMoneyMinor } from "../core/money.ts";
import type { Actor } from "./actor.ts";
import type { LoanPlan } from "./demo-seed-loans.ts";
import type { TenorApp } from "./service.ts";

const DIGITS = 2; // the demo's products are in USD

interface DueInstallment {
  readonly dueDate: string;
  readonly bucket: string;
  readonly outstanding: { readonly total: string };
}

export interface PlayedLoan {
  readonly loanId: string;
  readonly events: number;
}

export async function playLoan(
  app: TenorApp,
  officer: Actor,
  plan: LoanPlan,
  businessDay: DayNumber,
): Promise<PlayedLoan> {
  await app.perform("applications.submit", officer, {
    applicationId: plan.applicationId,
    borrowerId: plan.borrowerId,
    productId: plan.productId,
    ...plan.choices,
    disbursementDate: plan.disbursementDate,
  });
  const approved = await app.perform("applications.approve", officer, { applicationId: plan.applicationId });
  const loanId = (approved.body as { loanId: string }).loanId;
  await app.perform("loans.disburse", officer, { loanId });
  const schedule = await app.perform("loans.schedule", officer, { loanId });
  const dueDays = (
    schedule.body as { schedule: { installments: { dueDate: string }[] } }
  ).schedule.installments.map((row) => parseIsoDate(row.dueDate) as DayNumber);
  const history = new History(app, officer, loanId, businessDay);
  await payments(history, plan, dueDays, businessDay, parseIsoDate(plan.disbursementDate) as DayNumber);
  return { loanId, events: history.count };
}

/** Records the plan's events in date order. */
async function payments(
  history: History,
  plan: LoanPlan,
  dueDays: readonly DayNumber[],
  businessDay: DayNumber,
  disbursementDay: DayNumber,
): Promise<void> {
  const due = dueDays.filter((day) => day <= businessDay);
  /** The installment (0-based, among those due) the plan's special event happens at. */
  const chosen = (lastDayAllowed: DayNumber): number | undefined => {
    const candidates = due.filter((day) => day <= lastDayAllowed).length;
    return candidates === 0 ? undefined : Math.floor((plan.atPercent * candidates) / 100);
  };
  switch (plan.behaviour) {
    case "on-time":
      for (const day of due) await history.payDue(day);
      return;
    case "late": {
      for (const [index, day] of due.entries()) await history.payDue(addDays(day, plan.lateness[index] ?? 0));
      return;
    }
    case "missed": {
      // The installment left unpaid: one that puts today in the delinquency bucket aimed at, as close to the
      // days aimed at as the due dates allow (the nearest due date when none falls in the bucket).
      const aim = addDays(businessDay, -plan.targetDays);
      const [fewest, most] = bucketOf(plan.targetDays);
      const open = due.filter((day) => day < businessDay);
      const inBucket = open.filter((day) => businessDay - day >= fewest && businessDay - day <= most);
      const candidates = inBucket.length > 0 ? inBucket : open;
      if (candidates.length === 0) return;
      const missed = candidates.reduce((best, day) =>
        Math.abs(day - aim) < Math.abs(best - aim) ? day : best,
      );
      for (const day of due) if (day < missed) await history.payDue(day);
      if (plan.extra > 0) {
        const partialDay = Math.min(addDays(missed, 2 + (plan.atPercent % 10)), addDays(businessDay, -1));
        if (partialDay >= missed) await history.payShare(partialDay, plan.extra);
      }
      return;
    }
    case "returned": {
      const at = chosen(addDays(businessDay, -8));
      for (const [index, day] of due.entries()) {
        const paymentId = await history.payDue(day);
        if (index === at && paymentId !== undefined) {
          await history.record({
            type: "returned-payment",
            date: formatIsoDate(addDays(day, 3)),
            of: paymentId,
          });
          await history.payDue(addDays(day, 7));
        }
      }
      return;
    }
    case "prepaid": {
      const at = chosen(addDays(businessDay, -5));
      for (const [index, day] of due.entries()) {
        await history.payDue(day);
        if (index === at) await history.prepay(addDays(day, 5), plan.extra);
      }
      return;
    }
    case "paid-off": {
      const at = chosen(addDays(businessDay, -1));
      const before = at === undefined ? [] : due.slice(0, at);
      for (const day of before) await history.payDue(day);
      const from = before.length === 0 ? disbursementDay : (before[before.length - 1] as DayNumber);
      const next = dueDays[before.length] ?? businessDay;
      const payoffDay = Math.min(addDays(from, 1 + (plan.atPercent % 9)), addDays(next, -1), businessDay);
      if (payoffDay > from) await history.record({ type: "payoff", date: formatIsoDate(payoffDay) });
      return;
    }
    case "written-off": {
      const missedIndex = plan.atPercent % 3;
      for (const day of due.slice(0, missedIndex)) await history.payDue(day);
      const missed = due[missedIndex];
      if (missed === undefined) return;
      const writeOffDay = Math.min(addDays(missed, plan.targetDays), businessDay);
      await history.record({ type: "write-off", date: formatIsoDate(writeOffDay) });
      return;
    }
  }
}

/** The days past due of the delinquency bucket (docs/reference/servicing-rules.md §4) `days` falls in. */
function bucketOf(days: number): [number, number] {
  if (days <= 30) return [1, 30];
  if (days <= 60) return [31, 60];
  if (days <= 90) return [61, 90];
  return [91, Number.MAX_SAFE_INTEGER];
}

/** The events of one loan, recorded one by one through the app. */
class History {
  readonly #app: TenorApp;
  readonly #officer: Actor;
  readonly #loanId: string;
  readonly #businessDay: DayNumber;
  #lastDay = 0;
  count = 0;

  constructor(app: TenorApp, officer: Actor, loanId: string, businessDay: DayNumber) {
    this.#app = app;
    this.#officer = officer;
    this.#loanId = loanId;
    this.#businessDay = businessDay;
  }

  /** Pays everything due on or before `day` (nothing if the day is still to come or nothing is owed). */
  async payDue(day: DayNumber): Promise<string | undefined> {
    const date = this.#dateOf(day);
    if (date === undefined) return undefined;
    const owed = await this.#owedOn(date);
    if (owed === 0n) return undefined;
    return this.record({ type: "repayment", date, amount: formatMinor(owed, DIGITS) });
  }

  /** Pays `percent` of what is due on `day`. */
  async payShare(day: DayNumber, percent: number): Promise<void> {
    const date = this.#dateOf(day);
    if (date === undefined) return;
    const share = ((await this.#owedOn(date)) * BigInt(percent)) / 100n;
    if (share > 0n) await this.record({ type: "repayment", date, amount: formatMinor(share, DIGITS) });
  }

  /** An extra payment of `dollars` (at most what paying off takes) that shortens the loan. */
  async prepay(day: DayNumber, dollars: number): Promise<void> {
    const date = this.#dateOf(day);
    if (date === undefined) return;
    const quote = await this.#app.perform("loans.payoffQuote", this.#officer, { loanId: this.#loanId, date });
    const payoff = parseMoneyMinor((quote.body as { payoff: string }).payoff, DIGITS) ?? 0n;
    const extra = BigInt(dollars) * 100n;
    const amount = extra < payoff ? extra : payoff;
    if (amount > 0n)
      await this.record({
        type: "repayment",
        date,
        amount: formatMinor(amount, DIGITS),
        overpayment: "reduce-term",
      });
  }

  async record(event: Record<string, unknown>): Promise<string> {
    const answer = await this.#app.perform("loans.events.record", this.#officer, {
      loanId: this.#loanId,
      event,
    });
    this.#lastDay = parseIsoDate(String(event.date)) as DayNumber;
    this.count += 1;
    return String((answer.body as { event: { id: string } }).event.id);
  }

  /** The event's date: never before the previous event, never after the business date (then: not yet). */
  #dateOf(day: DayNumber): string | undefined {
    const effective = Math.max(day, this.#lastDay);
    return effective > this.#businessDay ? undefined : formatIsoDate(effective);
  }

  /** What the loan owed on `date`: everything of the installments due on or before it. */
  async #owedOn(date: string): Promise<bigint> {
    const answer = await this.#app.perform("loans.read", this.#officer, { loanId: this.#loanId, asOf: date });
    const installments = (answer.body as { installments?: DueInstallment[] }).installments ?? [];
    let owed = 0n;
    for (const row of installments)
      if (row.bucket !== "closed" && row.dueDate <= date)
        owed += parseMoneyMinor(row.outstanding.total, DIGITS) ?? 0n;
    return owed;
  }
}
