// Smoke test for the planning section of `npm run bench` (not a timing test): every timed task runs on its example
// document and gives an answer of the kind the table's label promises.
import { describe, expect, it } from "vitest";
import { planningTasks } from "./planning.ts";

describe("planning bench", () => {
  it("runs every task on its example document", () => {
    const tasks = planningTasks();
    expect(tasks.map((task) => task.id)).toEqual([
      "plan",
      "capacity",
      "graduated",
      "score",
      "health",
      "prepayment",
      "monitor",
    ]);
    const run = <T>(id: string): T => tasks.find((task) => task.id === id)?.fn() as T;
    expect(run<{ recommended: unknown }>("plan").recommended).not.toBeNull();
    expect(run<{ months: unknown[] }>("capacity").months).toHaveLength(360);
    expect(run<{ installments: unknown[] }>("graduated").installments).toHaveLength(240);
    expect(run<{ score: number }>("score").score).toBeGreaterThan(0);
    expect(run<{ score: number }>("health").score).toBeGreaterThanOrEqual(0);
    expect(
      run<{ reduceTerm: { monthsEarlier: number } }>("prepayment").reduceTerm.monthsEarlier,
    ).toBeGreaterThan(0);
    expect(run<{ loans: unknown[] }>("monitor").loans).toHaveLength(2);
  });
});
