// Level-payment amortization (docs/reference/schedule-rules.md §5.1): annuity with the standard, optimized,
// balloon, graduated and plan payment methods. Each installment's principal is the payment less the
// period's interest; the last installment takes whatever balance remains.
import { fail } from "../core/errors.ts";
import { ratio } from "../core/ratio.ts";
import { type AmortizeContext, record, residualWarning } from "./amortize.ts";
import { graduatedPayments } from "./graduated-payment.ts";
import { levelPayment, roundToStep } from "./level-payment.ts";
import { type Factor, periodInterest, ZERO_FACTOR } from "./rate-factors.ts";
import type { ScheduleWarning } from "./schedule.ts";
import type { PlanTier, Terms } from "./terms.ts";

export function amortizeLevel(context: AmortizeContext, first: number, balance: number): void {
  const { terms } = context;
  const n = terms.installmentCount;
  if (n - first === 1) {
    const interest = periodInterest(balance, context.rateAt(first), terms.interest.kind, terms.rounding.mode);
    record(context, first, balance, balance, interest);
    return;
  }
  const payments = scheduledPayments(context, first, balance);
  let lastTotal = runLevel(context, first, balance, payments);
  const method = terms.paymentMethod.type;
  const single = method === "standard" || method === "optimized" || method === "balloon";
  if (!single) return;
  let level = payments[0] as number;
  if (terms.rounding.residual === "spread" && method !== "balloon") {
    const retry =
      level +
      roundToStep(
        ratio(BigInt(lastTotal - level), BigInt(n - first)),
        terms.rounding.stepMinor,
        terms.rounding.mode,
      );
    if (retry !== level) {
      const retryLast = runLevel(context, first, balance, payments.fill(retry));
      if (Math.abs(retryLast - retry) < Math.abs(lastTotal - level)) {
        level = retry;
        lastTotal = retryLast;
      } else {
        lastTotal = runLevel(context, first, balance, payments.fill(level));
      }
    }
  }
  finishLevel(context, level, lastTotal);
}

function finishLevel(context: AmortizeContext, level: number, lastTotal: number): void {
  const { terms, out } = context;
  const n = terms.installmentCount;
  out.levelMinor = level;
  if (terms.paymentMethod.type === "balloon") return;
  out.residual[n - 1] = lastTotal - level;
  out.warnings.push(...levelWarnings(terms, level, lastTotal));
}

/** Warnings about the last installment of a level-payment schedule. */
export function levelWarnings(terms: Terms, level: number, lastTotal: number): ScheduleWarning[] {
  const warnings: ScheduleWarning[] = [];
  if (terms.rounding.residual === "none" && lastTotal !== level)
    warnings.push(residualWarning(terms, lastTotal - level));
  if (terms.paymentMethod.type === "standard" && lastTotal * 10 > level * 11) {
    warnings.push({
      code: "LAST_INSTALLMENT_LARGER",
      message: `the last installment (${lastTotal} minor units) is more than 10 % above the level installment (${level}) because the periods are irregular`,
      fixes: [
        'set paymentMethod.type to "optimized" to level the installments',
        "align the first due date with the period",
      ],
    });
  }
  return warnings;
}

export function paidOffEarlyWarning(index: number, count: number): ScheduleWarning {
  return {
    code: "PAID_OFF_EARLY",
    message: `the balance reaches 0 at installment ${index + 1} of ${count}; the later installments carry nothing`,
    fixes: ["use a smaller rounding.step", "lower the payments or the number of installments"],
  };
}

/** Runs the amortizing installments with the given payments; returns the last installment's total. */
function runLevel(
  context: AmortizeContext,
  first: number,
  balance: number,
  payments: readonly number[],
): number {
  const { terms, rates, out } = context;
  const n = terms.installmentCount;
  const { kind } = terms.interest;
  const mode = terms.rounding.mode;
  const adjustFirst =
    first === 0 &&
    isBroken(context) &&
    !terms.keepInstallmentsEqual &&
    terms.paymentMethod.type === "standard";
  const checkCover =
    terms.paymentMethod.type === "plan" ||
    (terms.paymentMethod.type === "balloon" && terms.paymentMethod.paymentMinor !== undefined);
  let current = balance;
  let warnedEarly = false;
  for (let i = first; i < n; i++) {
    const interest = periodInterest(current, context.rateAt(i), kind, mode);
    const payment = payments[i - first] as number;
    if (checkCover && i < n - 1 && payment < interest) paymentBelowInterest(terms, i, payment, interest);
    let principal: number;
    if (i === n - 1) principal = current;
    else {
      const basis = adjustFirst && i === 0 ? periodInterest(current, rates.regular, kind, mode) : interest;
      principal = Math.min(current, Math.max(0, payment - basis));
    }
    current = record(context, i, current, principal, interest);
    if (current === 0 && i < n - 1 && !warnedEarly) {
      warnedEarly = true;
      out.warnings.push(paidOffEarlyWarning(i, n));
    }
  }
  return (out.principal[n - 1] as number) + (out.interest[n - 1] as number);
}

function isBroken(context: AmortizeContext): boolean {
  return context.periods.disbursementDay !== context.periods.regularStartDay;
}

/** The scheduled payment (principal + interest) of each amortizing installment before the last. */
function scheduledPayments(context: AmortizeContext, first: number, balance: number): number[] {
  const { terms } = context;
  const count = terms.installmentCount - first;
  const method = terms.paymentMethod;
  const { stepMinor, mode } = terms.rounding;
  if (method.type === "plan") {
    return Array.from({ length: count }, (_, k) => tierAmount(method.tiers, first + k + 1));
  }
  if (method.type === "balloon" && method.paymentMinor !== undefined)
    return new Array<number>(count).fill(method.paymentMinor);
  if (terms.interest.kind === "amount") {
    let total = balance;
    for (let i = first; i < terms.installmentCount; i++)
      total += periodInterest(balance, context.rateAt(i), "amount", mode);
    return new Array<number>(count).fill(roundToStep(ratio(BigInt(total), BigInt(count)), stepMinor, mode));
  }
  const factors = paymentFactors(context, first);
  if (method.type === "graduated") {
    const { change, every } = method;
    return graduatedPayments({ balanceMinor: balance, factors, change, every, stepMinor, mode });
  }
  const level = levelPayment({
    balanceMinor: balance,
    factors,
    weights: undefined,
    balloonMinor: method.type === "balloon" ? (method.balloonMinor ?? 0) : 0,
    stepMinor,
    mode,
  });
  return new Array<number>(count).fill(level);
}

/** ρ*: the rate factors the level payment is computed with (§5.1). */
function paymentFactors(context: AmortizeContext, first: number): Factor[] {
  const { terms, rates } = context;
  const graceCount = terms.grace?.installments ?? 0;
  const waived = terms.grace?.interest === "waived";
  const factors: Factor[] = [];
  for (let i = first; i < terms.installmentCount; i++) {
    if (waived && i < graceCount) factors.push(ZERO_FACTOR);
    else if (terms.paymentMethod.type === "optimized") factors.push(context.rateAt(i).factor);
    else if (i === 0 && isBroken(context) && terms.keepInstallmentsEqual)
      factors.push(context.rateAt(0).factor);
    else factors.push(rates.regular.factor);
  }
  return factors;
}

function tierAmount(tiers: readonly PlanTier[], installmentNumber: number): number {
  for (const tier of tiers)
    if (installmentNumber >= tier.from && installmentNumber <= tier.to) return tier.amountMinor;
  return 0;
}

function paymentBelowInterest(terms: Terms, index: number, payment: number, interest: number): never {
  const method = terms.paymentMethod;
  // A plan names the tier that pays the installment (`paymentMethod.tiers[1].amount`, 0-based as everywhere).
  const tier =
    method.type === "plan" ? method.tiers.findIndex((t) => index + 1 >= t.from && index + 1 <= t.to) : -1;
  const field = tier >= 0 ? `paymentMethod.tiers[${tier}].amount` : "paymentMethod.payment";
  return fail(
    "PAYMENT_BELOW_INTEREST",
    field,
    payment,
    `installment ${index + 1} pays ${payment} minor units but its interest is ${interest}; the payment must cover the interest`,
  );
}
