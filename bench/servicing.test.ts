// Smoke test for the servicing section of `npm run bench` (not a timing test): the replay scenario is 1,000 valid
// events that the engine accepts with and without the backdated insert, the insert changes the journal, and the
// portfolio has the advertised mix of current and overdue books that one day's accrual moves forward.
import { describe, expect, it } from "vitest";
import {
  ACCRUAL_DAY,
  advanceAll,
  buildPortfolio,
  describeScenario,
  REPLAY_EVENTS,
  replayScenario,
  replayTasks,
} from "./servicing.ts";

describe("servicing bench", () => {
  it("replays 1,000 generated events, then the backdated insert, and books its journal delta", () => {
    const scenario = replayScenario();
    expect(scenario.base).toHaveLength(REPLAY_EVENTS);
    expect(scenario.withInsert).toHaveLength(REPLAY_EVENTS + 1);
    expect(new Set(scenario.withInsert.map((e) => e.id)).size).toBe(REPLAY_EVENTS + 1);
    expect(scenario.inserted.day).toBeLessThan(scenario.base[10]?.day ?? 0);
    for (const kind of ["repayment", "fee", "fee-waiver", "reversal", "returned-payment", "prepayment"]) {
      expect(scenario.counts[kind], kind).toBeGreaterThan(0);
    }
    const facts = describeScenario(scenario);
    expect(facts.state.status).toBe("active");
    expect(facts.state.totals.receivedMinor).toBeGreaterThan(0);
    expect(facts.delta).toBeGreaterThan(0);
    // Every timed task runs on the scenario.
    for (const task of replayTasks(scenario)) expect(task.fn()).toBeDefined();
  });

  it("builds books ~5 % overdue, some due on the accrual day, and advances every one of them a day", () => {
    const portfolio = buildPortfolio(4_000);
    expect(portfolio.books).toHaveLength(4_000);
    expect(portfolio.overdue / 4_000).toBeGreaterThan(0.03);
    expect(portfolio.overdue / 4_000).toBeLessThan(0.07);
    expect(portfolio.dueThatDay).toBeGreaterThan(0);
    const overdue = portfolio.books.find((book) => (book.installments[0]?.dueDay ?? 0) < ACCRUAL_DAY - 10);
    const penaltiesBefore = overdue?.installments[0]?.scheduled[3] ?? 0;
    expect(penaltiesBefore).toBeGreaterThan(0);
    advanceAll(portfolio.books, ACCRUAL_DAY);
    expect(portfolio.books.every((book) => book.day === ACCRUAL_DAY)).toBe(true);
    // An overdue book was charged another day of past-due interest.
    expect(overdue?.installments[0]?.scheduled[3] ?? 0).toBeGreaterThan(penaltiesBefore);
  });
});
