// The "planning" section of `npm run bench`: what personalized repayment and the risk tools cost per request, on
// the example documents of examples/planning/ and examples/risk/ (the same ones the CLI guide shows):
//
//  - `tenor plan`: capacity, every candidate plan's schedule and effective rate, evaluation, recommendation;
//  - capacity alone: a profile's 360 months under the default policy;
//  - a step-up (graduated) schedule of 240 monthly installments, +3 % every 12 (before the exact solve was made
//    linear in size, one such schedule took seconds: docs/performance.md);
//  - the credit score of one applicant; the health score of a loan; the prepayment simulator; the monitor of a
//    small portfolio.
//
// No npm package does any of this (the registry's loan packages only build schedules), so the figures stand alone.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseIsoDate } from "../src/core/calendar-date.ts";
import {
  assessCapacity,
  healthFromDocument,
  monitorFromDocument,
  parseBorrowerProfile,
  planFromDocument,
  prepaymentFromDocument,
  resolvePolicy,
  scheduleFromDocument,
  scoreFromDocument,
} from "../src/index.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function example(file: string): unknown {
  return JSON.parse(readFileSync(path.join(ROOT, "examples", file), "utf8"));
}

/** 250,000.00 at 6.5 % over 20 years, the payment rising 3 % every 12 installments. */
const GRADUATED = {
  principal: "250000.00",
  currency: "EUR",
  disbursementDate: "2026-01-15",
  installments: 240,
  interest: { rate: "6.5", per: "year" },
  paymentMethod: { type: "graduated", changePercent: "3", every: 12 },
};

export interface PlanningTask {
  readonly id: string;
  readonly name: string;
  readonly fn: () => unknown;
}

/** The timed tasks, each on its example document (parsed once, outside the timing). */
export function planningTasks(): PlanningTask[] {
  const plan = example("planning/plan.json");
  const profile = parseBorrowerProfile((plan as { borrower: unknown }).borrower);
  const policy = resolvePolicy("default");
  const from = parseIsoDate("2026-01-15") ?? 0;
  const score = example("risk/score.json");
  const health = example("risk/health.json");
  const prepayment = example("planning/prepayment.json");
  const portfolio = example("risk/portfolio.json");
  return [
    { id: "plan", name: "tenor plan (examples/planning/plan.json)", fn: () => planFromDocument(plan) },
    {
      id: "capacity",
      name: "capacity: 360 months of that profile",
      fn: () => assessCapacity(profile, policy, from, 360),
    },
    {
      id: "graduated",
      name: "step-up schedule: 240 monthly installments, +3 % every 12",
      fn: () => scheduleFromDocument(GRADUATED),
    },
    { id: "score", name: "credit score (examples/risk/score.json)", fn: () => scoreFromDocument(score) },
    { id: "health", name: "health score (examples/risk/health.json)", fn: () => healthFromDocument(health) },
    {
      id: "prepayment",
      name: "prepayment simulator (examples/planning/prepayment.json)",
      fn: () => prepaymentFromDocument(prepayment),
    },
    {
      id: "monitor",
      name: "monitor a 2-loan portfolio (examples/risk/portfolio.json)",
      fn: () => monitorFromDocument(portfolio),
    },
  ];
}
