// Rules across fields: they run after every part is read, on whichever parts were valid.
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import type { LoanType, Period, Terms } from "../terms.ts";
import type { PaymentMethodResult, PaymentType } from "./read-payment-method.ts";
import { INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

export function checkFirstDueDay(
  r: TermsReader,
  firstDueDay: Parsed<DayNumber | undefined>,
  disbursementDay: Parsed<DayNumber>,
  period: Parsed<Period>,
): void {
  if (firstDueDay === undefined || firstDueDay === INVALID) return;
  const text = formatIsoDate(firstDueDay);
  if (period !== INVALID && period.kind === "per-term") {
    r.report(
      "firstDueDate",
      text,
      'is not allowed with a period {"times": K, "per": "term"}: its due dates are spread over the term',
    );
  } else if (disbursementDay !== INVALID && firstDueDay <= disbursementDay) {
    r.report("firstDueDate", text, `must be after disbursementDate ${formatIsoDate(disbursementDay)}`);
  }
}

export function checkPerTermCount(
  r: TermsReader,
  period: Parsed<Period>,
  installmentCount: Parsed<number>,
): void {
  if (period === INVALID || period.kind !== "per-term" || installmentCount === INVALID) return;
  if (installmentCount !== period.times) {
    r.report(
      "installments",
      installmentCount,
      `must equal period.times (${period.times}) for a period {"times": K, "per": "term"}`,
    );
  }
}

interface LoanTypeContext {
  readonly loanType: Parsed<LoanType>;
  readonly paymentType: Parsed<PaymentType>;
  readonly installmentCount: Parsed<number>;
  readonly placement: Parsed<Terms["placement"]>;
}

export function checkLoanTypeRules(
  r: TermsReader,
  { loanType, paymentType, installmentCount, placement }: LoanTypeContext,
): void {
  if (loanType === INVALID) return;
  if (loanType === "payday" && installmentCount !== INVALID && installmentCount !== 1) {
    r.report("installments", installmentCount, 'must be 1 for loanType "payday"');
  }
  const isAnnuity = loanType === "annuity" || loanType === "annuity-daily";
  if (paymentType !== INVALID && paymentType !== "standard" && !isAnnuity) {
    r.report(
      "paymentMethod.type",
      paymentType,
      `"${paymentType}" applies only to loanType "annuity" and "annuity-daily" (got loanType "${loanType}")`,
    );
  }
  if (placement === INVALID || placement.principal === "every") return;
  if (loanType === "flat" || loanType === "rule-of-78") {
    r.report(
      "placement.principal",
      placement.principal,
      `must be "every" for loanType "${loanType}", whose shape fixes each principal part`,
    );
  } else if (paymentType !== INVALID && paymentType !== "standard") {
    r.report(
      "placement.principal",
      placement.principal,
      `must be "every" with paymentMethod.type "${paymentType}", which fixes each payment`,
    );
  }
}

/**
 * With an amount rate the interest does not depend on the balance, so a level payment is (principal + interest)
 * divided evenly; a target balloon or a graduated payment has no meaning there.
 */
export function checkAmountRateMethod(
  r: TermsReader,
  interest: Parsed<Terms["interest"]>,
  payment: PaymentMethodResult,
): void {
  if (interest === INVALID || interest.kind !== "amount" || payment.method === INVALID) return;
  const method = payment.method;
  const target = method.type === "balloon" && method.balloonMinor !== undefined;
  if (method.type === "graduated" || target) {
    r.report(
      "paymentMethod.type",
      method.type,
      `"${method.type}"${target ? " with a target balloon" : ""} needs interest.kind "percent": with an amount rate the interest does not depend on the balance`,
    );
  }
}

/** Level installments absorb their residual in the last installment; "first" would need another solver. */
export function checkResidualRule(
  r: TermsReader,
  loanType: Parsed<LoanType>,
  rounding: Parsed<Terms["rounding"]>,
): void {
  if (loanType === INVALID || rounding === INVALID || rounding.residual !== "first") return;
  if (loanType === "annuity" || loanType === "annuity-daily" || loanType === "interest-only") {
    r.report(
      "rounding.residual",
      "first",
      `must be "last", "spread" or "none" for loanType "${loanType}": level installments absorb their residual in the last one ("first" applies to classic, flat and rule-of-78)`,
    );
  }
}
