// A schedule held by column, with its rows materialized lazily (see schedule.ts for why).
import { fail } from "../core/errors.ts";
import type {
  FeeAmount,
  Installment,
  RateApplied,
  Schedule,
  ScheduleColumns,
  ScheduleTotals,
  ScheduleWarning,
} from "./schedule.ts";
import type { Terms } from "./terms.ts";

/**
 * A schedule's total must stay a safe integer (terms.md, "Limits"): each part is checked where it is computed,
 * and the sum here, so an out-of-range schedule is refused rather than summed inexactly.
 */
export function checkScheduleTotal(totalMinor: number): void {
  if (!Number.isSafeInteger(totalMinor)) {
    fail(
      "AMOUNT_OUT_OF_RANGE",
      "terms",
      totalMinor,
      "give a schedule total above 9007199254740991 minor units; lower the rate, the term or the principal",
    );
  }
}

export class ComputedSchedule implements Schedule {
  readonly terms: Terms;
  readonly count: number;
  readonly columns: ScheduleColumns;
  readonly totals: ScheduleTotals;
  readonly derived: Schedule["derived"];
  readonly warnings: readonly ScheduleWarning[];
  #rows: readonly Installment[] | undefined;

  constructor(
    terms: Terms,
    columns: ScheduleColumns,
    totals: ScheduleTotals,
    derived: Schedule["derived"],
    warnings: readonly ScheduleWarning[],
  ) {
    this.terms = terms;
    this.count = columns.dueDays.length;
    this.columns = columns;
    this.totals = totals;
    this.derived = derived;
    this.warnings = warnings;
  }

  get installments(): readonly Installment[] {
    this.#rows ??= materializeRows(this.terms, this.columns);
    return this.#rows;
  }
}

function materializeRows(terms: Terms, c: ScheduleColumns): Installment[] {
  const graceCount = terms.grace?.installments ?? 0;
  const sharedRate = Array.isArray(c.rates) ? undefined : (c.rates as RateApplied);
  const perPeriodRates = sharedRate === undefined ? (c.rates as readonly RateApplied[]) : undefined;
  const { fees, feesMinor: feeTotals, capitalizedMinor, accruedInterestMinor, roundingResiduals } = c;
  const residuals = roundingResiduals.size > 0 ? roundingResiduals : undefined;
  const n = c.dueDays.length;
  const rows: Installment[] = new Array(n);
  let start = c.disbursementDay;
  for (let i = 0; i < n; i++) {
    const due = c.dueDays[i] as number;
    const rate = sharedRate ?? perPeriodRates?.[i];
    if (rate === undefined) throw new Error(`Tenor internal error: no rate for installment ${i + 1}`);
    const principalMinor = c.principalMinor[i] as number;
    const interestMinor = c.interestMinor[i] as number;
    const feesMinor = feeTotals === undefined ? 0 : (feeTotals[i] as number);
    rows[i] = {
      number: i + 1,
      startDay: start,
      dueDay: due,
      days: due - start,
      principalMinor,
      interestMinor,
      fees: fees === undefined ? NO_FEES : (fees[i] as readonly FeeAmount[]),
      feesMinor,
      totalMinor: principalMinor + interestMinor + feesMinor,
      capitalizedMinor: capitalizedMinor === undefined ? 0 : (capitalizedMinor[i] as number),
      balanceMinor: c.balanceMinor[i] as number,
      rateFactor: rate.factor.ratio,
      time: rate.time,
      daysCounted: rate.daysCounted,
      accruedInterestMinor:
        accruedInterestMinor === undefined ? interestMinor : (accruedInterestMinor[i] as number),
      roundingResidualMinor: residuals === undefined ? 0 : (residuals.get(i) ?? 0),
      grace: i < graceCount,
    };
    start = due;
  }
  return rows;
}

const NO_FEES: readonly FeeAmount[] = Object.freeze([]);
