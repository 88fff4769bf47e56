// From a serviced loan, the borrower and the market to the facts of the two health models
// (docs/reference/health-score.md, "Where the facts come from"). The loan's figures come from the servicing
// engine's replay (loan-readings.ts), the borrower's from the capacity assessment (borrower-figures.ts), the
// refinancing saving from the refinance check and the prepayment's from the prepayment simulator
// (src/planning/simulators/), so that the health score and those tools never disagree.
import type { DayNumber } from "../../core/calendar-date.ts";
import { TenorError } from "../../core/errors.ts";
import { addRatio, compareRatio, divRatio, type Ratio, ratio } from "../../core/ratio.ts";
import { roundDivBig } from "../../core/rounding.ts";
import type { BorrowerProfile } from "../../planning/borrower-profile.ts";
import type { PolicyProfile } from "../../planning/policy-profile.ts";
import { simulatePrepayment } from "../../planning/simulators/prepayment.ts";
import { checkRefinance } from "../../planning/simulators/refinance.ts";
import { periodsPerYear, remaining } from "../../planning/simulators/running-loan.ts";
import { replayLoan } from "../../servicing/service-loan.ts";
import type { InstallmentState, LoanEvent, LoanState } from "../../servicing/types.ts";
import { borrowerFigures } from "./borrower-figures.ts";
import type { ClassicHealthFacts, HealthFacts, PrepaymentFacts, RefinanceFacts } from "./health-facts.ts";
import { type LoanReadings, PER_YEAR, type ServicedLoanInput } from "./loan-readings.ts";

/** The prepayment simulator's fields, as the health document names them. */
const SIMULATOR_FIELDS: Readonly<Record<string, string>> = {
  "prepayment.amount": "prepaymentAmount",
  "prepayment.fee": "prepaymentFee",
  "prepayment.date": "asOf",
};

/** The most months of buffer reported: a borrower with no monthly outgoings has an unlimited buffer. */
export const MAX_BUFFER_MONTHS = 1200;

export interface HealthRequest {
  readonly loan: ServicedLoanInput;
  readonly asOfDay: DayNumber;
  /** The market's rate a year for a similar loan, as a fraction; undefined when not given. */
  readonly marketRate: Ratio | undefined;
  readonly borrower: BorrowerProfile | undefined;
  readonly policy: PolicyProfile;
  readonly switchingCostMinor: number;
  /** What savings earn safely, a year, as a fraction. */
  readonly safeReturn: Ratio;
  /** The prepayment to check; undefined = the savings above the policy's buffer. */
  readonly prepaymentAmountMinor: number | undefined;
  readonly prepaymentFeeMinor: number;
  /** Undefined = variable when a rate change was recorded on the loan. */
  readonly variableRate: boolean | undefined;
}

/** The classic model's facts. Needs the market rate and a percent rate on the loan (checked by the caller). */
export function classicFactsOf(
  readings: LoanReadings,
  loanRate: Ratio,
  marketRate: Ratio,
): ClassicHealthFacts {
  return {
    loanRate,
    marketRate,
    monthsCompleted: readings.monthsCompleted,
    totalMonths: readings.totalMonths,
    latePayments: readings.latePayments,
    defaults: readings.defaults,
    prepayments: readings.prepayments.length,
    earlyPrepayments: readings.prepayments.filter((prepayment) => prepayment.early).length,
  };
}

/** The improved model's facts; `notAssessedReasons` says why a component's facts are missing. */
export function improvedFactsOf(request: HealthRequest, readings: LoanReadings): HealthFacts {
  const { state } = readings;
  const digits = request.loan.terms.currency.digits;
  const variableRate = request.variableRate ?? readings.rateChanged;
  const reasons: Record<string, string> = {};
  let figures: ReturnType<typeof borrowerFigures> | undefined;
  if (request.borrower !== undefined) {
    const stressed = variableRate ? stressedState(request, readings) : state;
    figures = borrowerFigures(request.borrower, request.policy, request.asOfDay, state, stressed);
    if (figures.affordability === undefined) reasons.affordability = "no income given";
  }
  const refinance = refinanceFacts(request, readings, reasons);
  const prepayment =
    request.borrower !== undefined && figures !== undefined
      ? prepaymentFacts(request, readings, request.borrower, figures.buffer.monthlyOutgoingsMinor)
      : undefined;
  return {
    currencyDigits: digits,
    dueDates: readings.dueDates.slice(-24).map(({ ageMonths, daysLate }) => ({ ageMonths, daysLate })),
    graceDays: readings.graceDays,
    daysPastDue: readings.daysPastDue,
    schedule: {
      balanceMinor: readings.balanceMinor,
      scheduledBalanceMinor: readings.scheduledBalanceMinor,
      principalMinor: Math.max(1, readings.principalMinor),
    },
    remainingMonths: readings.remainingMonths,
    variableRate,
    affordability: figures?.affordability,
    buffer: figures?.buffer,
    refinance,
    prepayment,
    notAssessedReasons: reasons,
  };
}

/** Open installments due after the as-of date: what a refinancing would replace and a prepayment shorten. */
function openAfter(state: LoanState, day: DayNumber): InstallmentState[] {
  return state.installments.filter((inst) => inst.closedDay === undefined && inst.dueDay > day);
}

/**
 * The loan with the policy's rate rise from the as-of date (max(rate + shock, the policy's minimum stress rate)),
 * recalculated by the servicing engine as a rate change would be. The loan as it stands when there is nothing to
 * recalculate or the engine refuses (a grace period still capitalizing interest).
 */
function stressedState(request: HealthRequest, readings: LoanReadings): LoanState {
  const annual = readings.annualRate;
  const { state } = readings;
  if (annual === undefined || state.status !== "active" || openAfter(state, request.asOfDay).length === 0) {
    return state;
  }
  const { policy } = request;
  let stressed = addRatio(annual, ratio(policy.rateShockPoints.num, policy.rateShockPoints.den * 100n));
  const minimum = policy.minimumStressRatePercent;
  if (minimum !== undefined) {
    const floor = ratio(minimum.num, minimum.den * 100n);
    if (compareRatio(stressed, floor) < 0) stressed = floor;
  }
  const per = request.loan.terms.interest.per;
  const taken = new Set(request.loan.events.map((event) => event.id));
  let id = "health-stress";
  for (let n = 2; taken.has(id); n++) id = `health-stress-${n}`;
  const change: LoanEvent = {
    id,
    type: "rate-change",
    day: request.asOfDay,
    rate: divRatio(stressed, PER_YEAR[per]),
  };
  try {
    return replayLoan(readings.loan, [...request.loan.events, change], request.asOfDay);
  } catch (error) {
    if (error instanceof TenorError) return state;
    throw error;
  }
}

function refinanceFacts(
  request: HealthRequest,
  readings: LoanReadings,
  reasons: Record<string, string>,
): RefinanceFacts | undefined {
  const market = request.marketRate;
  const current = readings.annualRate;
  const { state } = readings;
  if (market === undefined) return undefined;
  const open = openAfter(state, request.asOfDay);
  const payments = open.map((inst) => {
    const left = remaining(inst);
    return left.principal + left.interest;
  });
  const balance = open.reduce((sum, inst) => sum + remaining(inst).principal, 0);
  const first = open[0];
  if (current === undefined) {
    reasons["cost-efficiency"] = "the loan charges an amount, not a percent rate, so no market rate compares";
    return undefined;
  }
  if (state.status !== "active" || first === undefined || balance <= 0) {
    reasons["cost-efficiency"] = "no balance is left to refinance";
    return undefined;
  }
  const terms = request.loan.terms;
  // A period of weeks or days is not a whole number of installments a year: compared with the nearest count.
  const exact = periodsPerYear(terms.period);
  // float-ok: a small count of installments a year, rounded exactly in bigint first
  const perYear = Math.min(366, Math.max(1, Number(roundDivBig(exact.num, exact.den, "half-up"))));
  try {
    const result = checkRefinance({
      currencyDigits: terms.currency.digits,
      currency: terms.currency.code,
      asOf: request.asOfDay,
      balanceMinor: balance,
      currentAnnualRate: current,
      remainingInstallments: open.length,
      currentInstallmentMinor: Math.max(1, first.scheduled.principal + first.scheduled.interest),
      currentPaymentsMinor: payments,
      periodsPerYear: perYear,
      marketAnnualRate: market,
      switchingCostMinor: request.switchingCostMinor,
      firstDueDay: first.dueDay,
    });
    return {
      marketRate: market,
      netSavingMinor: result.presentValueSavingMinor,
      breakEvenMonths: result.breakEvenMonths,
      switchingCostMinor: request.switchingCostMinor,
    };
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    reasons["cost-efficiency"] = `the refinance check could not run: ${error.message}`;
    return undefined;
  }
}

/**
 * The candidate prepayment — the amount asked for, or else the savings above the policy's buffer (capped at the
 * principal not yet due) — simulated by the prepayment simulator (reduce-term) on the as-of date. Undefined when
 * nothing can be prepaid; an amount asked for that the simulator refuses is the caller's error.
 */
function prepaymentFacts(
  request: HealthRequest,
  readings: LoanReadings,
  borrower: BorrowerProfile,
  outgoingsMinor: number,
): PrepaymentFacts | undefined {
  const loanRate = readings.annualRate;
  const { state } = readings;
  if (loanRate === undefined || state.status !== "active") return undefined;
  const required = request.policy.prepaymentBufferMonths;
  const savings = borrower.liquidSavingsMinor;
  // The simulator pays what is due first (arrears and the current installment): only later principal can go.
  const notYetDue = state.installments
    .filter((inst) => inst.bucket === "not-yet-due")
    .reduce((sum, inst) => sum + remaining(inst).principal, 0);
  // Savings above the buffer, in bigint: months × outgoings can pass 2^53 on its own.
  const surplus = BigInt(savings) - BigInt(required) * BigInt(outgoingsMinor);
  const amount = request.prepaymentAmountMinor ?? (surplus < BigInt(notYetDue) ? Number(surplus) : notYetDue); // float-ok: surplus < notYetDue, a safe integer
  if (amount <= 0) return undefined;
  let comparison: ReturnType<typeof simulatePrepayment>;
  try {
    comparison = simulatePrepayment(request.loan, {
      day: request.asOfDay,
      amountMinor: amount,
      feeMinor: request.prepaymentFeeMinor,
    });
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    // The candidate Tenor chose is dropped quietly; an amount the caller asked for is the caller's error.
    if (request.prepaymentAmountMinor === undefined) return undefined;
    throw new TenorError(
      "INVALID_HEALTH_INPUT",
      error.issues.map((issue) => ({ ...issue, field: SIMULATOR_FIELDS[issue.field] ?? "prepaymentAmount" })),
    );
  }
  const after = savings - amount;
  return {
    amountMinor: amount,
    interestSavedMinor: comparison.reduceTerm.interestSavedMinor,
    monthsEarlier: comparison.reduceTerm.monthsEarlier,
    feeMinor: request.prepaymentFeeMinor,
    loanRate,
    safeReturn: request.safeReturn,
    bufferMonthsAfter:
      outgoingsMinor === 0
        ? MAX_BUFFER_MONTHS
        : Math.min(MAX_BUFFER_MONTHS, Math.max(0, after) / outgoingsMinor),
    requiredBufferMonths: required,
    dearerDebt: borrower.debts.some(
      (debt) =>
        debt.rate !== undefined &&
        compareRatio(debt.rate, loanRate) > 0 &&
        (debt.endsOn === undefined || debt.endsOn >= request.asOfDay),
    ),
  };
}
