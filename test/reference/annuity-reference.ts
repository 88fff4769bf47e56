// Test support, not a test: an independent amortization model for the simulators' tests
// (src/planning/simulators/*.test.ts), written from the textbook formulas with decimal.js rather than from
// Tenor's code.
//
// Conventions, as in a bank's amortization table: the level installment is B·i / (1 − (1 + i)^−n) rounded
// half-even to the cent; each period's interest is the balance × i rounded half-even; the principal part is the
// installment less the interest; the last installment pays whatever balance is left.
import { Decimal as DecimalBase } from "decimal.js";

/** 40 significant digits: rounding to the cent is then decided by the digits, never by the precision. */
export const Decimal = DecimalBase.clone({ precision: 40 });
export type Decimal = InstanceType<typeof Decimal>;

export interface Row {
  readonly interest: Decimal;
  readonly principal: Decimal;
  readonly payment: Decimal;
  /** The balance after the row. */
  readonly balance: Decimal;
}

const cents = (value: Decimal) => value.toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);

export function dec(value: string | number): Decimal {
  return new Decimal(value);
}

/** Minor units (cents) of an amount in currency units. */
export function minor(value: Decimal): number {
  return value.times(100).toNumber();
}

/** The level installment of `balance` over `n` periods at periodic rate `i`, rounded to the cent. */
export function levelInstallment(balance: Decimal, i: Decimal, n: number): Decimal {
  if (i.isZero()) return cents(balance.div(n));
  return cents(balance.times(i).div(dec(1).minus(i.plus(1).pow(-n))));
}

/** The classic amortization table: `n` level installments, the last one absorbing what rounding left. */
export function amortizeLevel(balance: Decimal, i: Decimal, n: number): Row[] {
  return amortizeWith(balance, i, levelInstallment(balance, i, n), n);
}

/** Pays `payment` every period (the interest first) until the balance is gone, or for `limit` periods. */
export function amortizeWith(balance: Decimal, i: Decimal, payment: Decimal, limit = 10_000): Row[] {
  const rows: Row[] = [];
  let left = balance;
  while (left.greaterThan(0) && rows.length < limit) {
    const interest = cents(left.times(i));
    const last = rows.length === limit - 1 || left.plus(interest).lessThanOrEqualTo(payment);
    const principal = last ? left : payment.minus(interest);
    left = left.minus(principal);
    rows.push({ interest, principal, payment: principal.plus(interest), balance: left });
  }
  return rows;
}

/** The balance after `k` periods in which the interest is added to it (a payment holiday). */
export function capitalize(balance: Decimal, i: Decimal, k: number): Decimal {
  let left = balance;
  for (let period = 0; period < k; period++) left = left.plus(cents(left.times(i)));
  return left;
}

export function totalInterest(rows: readonly Row[]): Decimal {
  return rows.reduce((sum, row) => sum.plus(row.interest), dec(0));
}
