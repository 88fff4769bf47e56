// The principal and interest of every installment (docs/reference/schedule-rules.md §5 and §7): grace first,
// then the amortizing installments shaped by the loan type and payment method.
import { fail } from "../core/errors.ts";
import { formatMinor } from "../core/money.ts";
import { addRatio, type Ratio, ratioFromInt, ratioToDecimalString } from "../core/ratio.ts";
import { mulDivRound } from "../core/rounding.ts";
import { amortizeLevel } from "./amortize-level.ts";
import type { Periods } from "./due-dates.ts";
import {
  applyFactor,
  makeFactor,
  type PeriodRate,
  periodInterest,
  type Rates,
  rateOf,
  ZERO_FACTOR,
} from "./rate-factors.ts";
import type { ScheduleWarning } from "./schedule.ts";
import { splitAmount, splitMinor } from "./split-amount.ts";
import type { Terms } from "./terms.ts";

/** Column-wise results, indexed by installment (0-based). */
export interface Amortization {
  readonly principal: number[];
  readonly interest: number[];
  readonly accrued: number[];
  readonly capitalized: number[];
  readonly openingBalance: number[];
  readonly balance: number[];
  readonly residual: number[];
  levelMinor: number | undefined;
  readonly warnings: ScheduleWarning[];
  /** The rate each period was charged at (grace waivers applied), for the explanation. */
  rateAt: (index: number) => PeriodRate;
}

export interface AmortizeContext {
  readonly terms: Terms;
  readonly periods: Periods;
  readonly rates: Rates;
  /** The rate of each period after grace waivers. */
  readonly rateAt: (index: number) => PeriodRate;
  readonly out: Amortization;
}

const ZERO_RATE: PeriodRate = {
  factor: ZERO_FACTOR,
  time: ratioFromInt(0),
  daysCounted: 0,
  dailyGroups: undefined,
};

export function amortize(
  terms: Terms,
  periods: Periods,
  rates: Rates,
  startBalanceMinor: number,
): Amortization {
  const n = terms.installmentCount;
  const zeros = () => new Array<number>(n).fill(0);
  const out: Amortization = {
    principal: zeros(),
    interest: zeros(),
    accrued: zeros(),
    capitalized: zeros(),
    openingBalance: zeros(),
    balance: zeros(),
    residual: zeros(),
    levelMinor: undefined,
    warnings: [],
    rateAt: (i) => rateOf(rates, i),
  };
  const grace = terms.grace;
  const graceCount = grace?.installments ?? 0;
  const waived = grace !== undefined && grace.interest === "waived";
  const rateAt = (i: number): PeriodRate => (waived && i < graceCount ? ZERO_RATE : rateOf(rates, i));
  out.rateAt = rateAt;
  const context: AmortizeContext = { terms, periods, rates, rateAt, out };
  let balance = startBalanceMinor;
  let first = 0;
  if (grace !== undefined && grace.principal === "deferred") {
    balance = deferredGrace(context, balance);
    first = graceCount;
  }
  const deferredInterest = out.accrued.slice(0, first).reduce((a, b) => a + b, 0);
  amortizeFrom(context, first, balance);
  if (grace?.interest === "spread" && deferredInterest > 0) {
    const parts = splitMinor(deferredInterest, n - first);
    for (let i = first; i < n; i++)
      out.interest[i] = (out.interest[i] as number) + (parts[i - first] as number);
  }
  placeInterest(terms, out);
  return out;
}

/** Grace installments with principal deferred: interest paid, waived, capitalized or deferred (spread). */
function deferredGrace(context: AmortizeContext, startBalance: number): number {
  const { terms, out } = context;
  const grace = terms.grace;
  let balance = startBalance;
  for (let i = 0; i < (grace?.installments ?? 0); i++) {
    out.openingBalance[i] = balance;
    const accrued = periodInterest(balance, context.rateAt(i), terms.interest.kind, terms.rounding.mode);
    out.accrued[i] = accrued;
    if (grace?.interest === "paid") out.interest[i] = accrued;
    if (grace?.interest === "capitalized") {
      out.capitalized[i] = accrued;
      balance += accrued;
    }
    out.balance[i] = balance;
  }
  return balance;
}

function amortizeFrom(context: AmortizeContext, first: number, balance: number): void {
  const { terms } = context;
  const count = terms.installmentCount - first;
  const placement = terms.placement.principal;
  if (placement === "last") interestOnlyThen(context, first, balance, count - 1);
  else if (placement === "first") principalFirst(context, first, balance);
  else if (terms.loanType === "classic") amortizeClassic(context, first, balance);
  else if (terms.loanType === "flat" || terms.loanType === "rule-of-78")
    amortizeFlat(context, first, balance);
  else if (terms.loanType === "bullet") interestOnlyThen(context, first, balance, count - 1);
  else if (terms.loanType === "interest-only") {
    interestOnlyThen(context, first, balance, terms.interestOnlyInstallments ?? count - 1);
  } else amortizeLevel(context, first, balance); // annuity, annuity-daily, payday
}

/** Records one installment's principal and interest and returns the new balance. */
export function record(
  context: AmortizeContext,
  i: number,
  balance: number,
  principal: number,
  interest: number,
): number {
  const { out } = context;
  out.openingBalance[i] = balance;
  out.principal[i] = principal;
  out.interest[i] = interest;
  out.accrued[i] = interest;
  out.balance[i] = balance - principal;
  return balance - principal;
}

function interestOnlyThen(
  context: AmortizeContext,
  first: number,
  balance: number,
  interestOnly: number,
): void {
  const { terms } = context;
  const n = terms.installmentCount;
  const lastInterestOnly = Math.min(first + interestOnly, n - 1);
  for (let i = first; i < lastInterestOnly; i++) {
    record(
      context,
      i,
      balance,
      0,
      periodInterest(balance, context.rateAt(i), terms.interest.kind, terms.rounding.mode),
    );
  }
  amortizeLevel(context, lastInterestOnly, balance);
}

function principalFirst(context: AmortizeContext, first: number, balance: number): void {
  const { terms } = context;
  let current = balance;
  for (let i = first; i < terms.installmentCount; i++) {
    const interest = periodInterest(current, context.rateAt(i), terms.interest.kind, terms.rounding.mode);
    current = record(context, i, current, i === first ? current : 0, interest);
  }
}

function amortizeClassic(context: AmortizeContext, first: number, balance: number): void {
  const { terms } = context;
  const n = terms.installmentCount;
  const { mode, stepMinor, residual } = terms.rounding;
  const split = splitAmount(balance, n - first, stepMinor, mode, residual);
  noteSplit(context, split, first, residual === "first" ? first : n - 1);
  let current = balance;
  for (let i = first; i < n; i++) {
    const interest = periodInterest(current, context.rateAt(i), terms.interest.kind, mode);
    current = record(context, i, current, split.parts[i - first] as number, interest);
  }
}

function amortizeFlat(context: AmortizeContext, first: number, balance: number): void {
  const { terms } = context;
  const n = terms.installmentCount;
  const count = n - first;
  const { mode, stepMinor, residual } = terms.rounding;
  const totalInterest = flatInterest(context, first, balance);
  const installments = splitAmount(balance + totalInterest, count, stepMinor, mode, residual);
  noteSplit(context, installments, first, residual === "first" ? first : n - 1);
  const interestParts =
    terms.loanType === "flat" ? splitMinor(totalInterest, count) : ruleOf78(totalInterest, count, mode);
  let current = balance;
  for (let i = first; i < n; i++) {
    const interest = interestParts[i - first] as number;
    const principal = (installments.parts[i - first] as number) - interest;
    if (principal < 0 || principal > current) {
      const rate = terms.interest.rate;
      const shown =
        rate === undefined ? undefined : ratioToDecimalString({ num: rate.num * 100n, den: rate.den }, 10);
      fail(
        "NEGATIVE_PRINCIPAL_PART",
        "interest.rate",
        shown,
        `gives installment ${i + 1} a principal part of ${principal} minor units with ${terms.loanType}; lower the rate or the rounding step`,
      );
    }
    current = record(context, i, current, principal, interest);
  }
}

/** The total interest of a flat or rule-of-78 loan: the balance times the sum of the rate factors. */
function flatInterest(context: AmortizeContext, first: number, balance: number): number {
  const { terms } = context;
  const n = terms.installmentCount;
  if (terms.interest.kind === "amount" || terms.interest.dailyRounding) {
    // Amounts rounded per period or per day are summed as charged.
    let total = 0;
    for (let i = first; i < n; i++) {
      total += periodInterest(balance, context.rateAt(i), terms.interest.kind, terms.rounding.mode);
    }
    return total;
  }
  let sum: Ratio = ratioFromInt(0);
  for (let i = first; i < n; i++) sum = addRatio(sum, context.rateAt(i).factor.ratio);
  return applyFactor(balance, makeFactor(sum), terms.rounding.mode);
}

function ruleOf78(totalInterest: number, count: number, mode: Terms["rounding"]["mode"]): number[] {
  // Rounding the cumulative shares (not each share) keeps every part ≥ 0 whatever the rounding mode, and the
  // parts add up to the total exactly: part i = round(I·S_i) − round(I·S_{i−1}).
  const digitsSum = (count * (count + 1)) / 2;
  const parts = new Array<number>(count);
  let weightsSoFar = 0;
  let previous = 0;
  for (let i = 1; i <= count; i++) {
    weightsSoFar += count - i + 1;
    const cumulative =
      i === count ? totalInterest : mulDivRound(totalInterest, weightsSoFar, digitsSum, mode);
    parts[i - 1] = cumulative - previous;
    previous = cumulative;
  }
  return parts;
}

function noteSplit(
  context: AmortizeContext,
  split: ReturnType<typeof splitAmount>,
  first: number,
  residualIndex: number,
): void {
  const { terms, out } = context;
  out.residual[residualIndex] = split.residualMinor;
  if (split.stepTooLarge) {
    out.warnings.push({
      code: "ROUNDING_STEP_TOO_LARGE",
      message: `rounding.step ${terms.rounding.stepMinor} minor units is too large to split ${terms.installmentCount - first} installments without a negative one; the amounts were spread instead`,
      fixes: ["use a smaller rounding.step", 'set rounding.residual to "spread"'],
    });
  } else if (terms.rounding.residual === "none" && split.residualMinor !== 0) {
    out.warnings.push(residualWarning(terms, split.residualMinor));
  }
}

export function residualWarning(terms: Terms, residualMinor: number): ScheduleWarning {
  const level =
    terms.loanType === "annuity" || terms.loanType === "annuity-daily" || terms.loanType === "interest-only";
  const difference = formatMinor(residualMinor, terms.currency.digits);
  return {
    code: "RESIDUAL_NOT_ALLOWED",
    message: `the installments cannot all be equal: the last one differs from the others by ${difference} ${terms.currency.code}, and rounding.residual is "none"`,
    // generate-schedule.ts puts the concrete nearby installment counts and principals first.
    fixes: [
      level
        ? 'set rounding.residual to "last" or "spread"'
        : 'set rounding.residual to "last", "first" or "spread"',
      "choose a rounding.step that divides the amount",
    ],
  };
}

function placeInterest(terms: Terms, out: Amortization): void {
  const where = terms.placement.interest;
  if (where === "every") return;
  const total = out.interest.reduce((a, b) => a + b, 0);
  out.interest.fill(0);
  out.interest[where === "first" ? 0 : terms.installmentCount - 1] = total;
}
