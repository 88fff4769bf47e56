// The servicing rules a loan gets when its product says nothing (docs/reference/servicing-events.md).
import type { ServicingRules } from "./types.ts";

/** The most events one loan may hold unless its product says otherwise. */
export const DEFAULT_MAX_EVENTS = 5000;

export const DEFAULT_SERVICING_RULES: ServicingRules = {
  accrualPriority: ["principal", "interest", "fee", "penalty"],
  waterfall: [
    {
      buckets: ["past-due", "due"],
      components: ["penalty", "fee", "interest", "principal"],
      direction: "horizontal",
    },
  ],
  notYetDueOrder: ["penalty", "fee", "interest", "principal"],
  closing: "scheduled",
  overpayment: "reduce-term",
  lateGraceDays: 0,
  pastDueInterest: undefined,
  lateFee: undefined,
  nsfFeeMinor: 0,
  writeOffToleranceMinor: 0,
  maxEvents: DEFAULT_MAX_EVENTS,
};
