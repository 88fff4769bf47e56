// The peers Tenor is measured against (issue 2, "Performance"), each called the way its README shows, plus the
// floating-point floor. Every function builds (or, for the floor, computes) one complete schedule from inputs
// prepared once by `peerInputs`, so a timed call measures the library and nothing of the set-up.
// Method and what each peer lacks: docs/performance.md and /work/shared/research/peer-bench.md.
import { createRequire } from "node:module";
import { IPMT, PMT, PPMT } from "@formulajs/formulajs";
import { Loan, type LoanInstance } from "loanjs";
import type { Schedule } from "../src/index.ts";

/** The benchmark loan: 300,000 at a nominal 6.5 % a year, monthly installments. */
export const PRINCIPAL = 300_000;
export const ANNUAL_RATE_PERCENT = 6.5;
/** The loan's disbursement date; the first installment falls due one month later. */
export const DISBURSEMENT_DATE = "2024-01-15";

// ---------------------------------------------------------------------------------------------------------------
// loanjs 1.1.2 — `new Loan(amount, installmentsNumber, interestRate, 'annuity')` (README). Float, rounds the
// installment and each interest to cents with Math.round(x*100)/100, no dates; the last row is forced to
// `remain: 0` without taking the rounding residue (rows do not add up to the principal).

export interface LoanjsInput {
  readonly amount: number;
  readonly installments: number;
  /** Percent a year, e.g. 6.5. */
  readonly interestRate: number;
}

// The package types `Loan` as a plain function; the README calls it with `new`, which returns the same object.
const LoanConstructor = Loan as unknown as new (
  amount: number,
  installmentsNumber: number,
  interestRate: number,
  loanType: "annuity",
) => LoanInstance;

export function loanjsSchedule(input: LoanjsInput): LoanInstance {
  return new LoanConstructor(input.amount, input.installments, input.interestRate, "annuity");
}

// ---------------------------------------------------------------------------------------------------------------
// amortizejs 1.0.3 — `Calculator.calculate({ method: 'mortgage', apr, balance, loanTerm[, startDate] })` (README).
// Unrounded floats; with `startDate` every row gets a `Date` (built with `new Date(d.toString())` + `setMonth`).
// The package ships no type declarations, so it is loaded with `require` and typed here from its README.

export interface AmortizeConfig {
  readonly method: "mortgage";
  /** Percent a year, e.g. 6.5. */
  readonly apr: number;
  readonly balance: number;
  /** Months. */
  readonly loanTerm: number;
  readonly startDate?: Date;
}

export interface AmortizePayment {
  readonly interest: number;
  readonly principal: number;
  readonly remainingBalance: number;
  readonly date?: Date;
}

export interface AmortizeResult {
  readonly balance: number;
  readonly periods: number;
  readonly periodicInterest: number;
  readonly periodicPayment: number;
  readonly schedule: readonly AmortizePayment[];
  readonly totalPayment: number;
  readonly totalInterest: number;
  readonly startDate?: Date;
  readonly endDate?: Date;
}

interface AmortizeCalculator {
  calculate(config: AmortizeConfig): AmortizeResult;
}

const require = createRequire(import.meta.url);
const { Calculator } = require("amortizejs") as { Calculator: AmortizeCalculator };

export function amortizejsSchedule(config: AmortizeConfig): AmortizeResult {
  return Calculator.calculate(config);
}

// ---------------------------------------------------------------------------------------------------------------
// @formulajs/formulajs 4.6.1 — Excel functions only, no schedule builder. A spreadsheet user's schedule: one row
// per period with PMT, IPMT and PPMT (each re-derived from scratch) and the balance carried as `balance -= PPMT`.

export interface FormulaInput {
  /** Rate per period as a fraction (Excel convention: 6.5 % / 12). */
  readonly rate: number;
  readonly periods: number;
  /** Present value, negative for money received (Excel convention), so the outputs are positive. */
  readonly presentValue: number;
}

export interface FormulaRow {
  readonly period: number;
  readonly payment: number;
  readonly interest: number;
  readonly principal: number;
  readonly balance: number;
}

export function formulajsSchedule(input: FormulaInput): FormulaRow[] {
  const { rate, periods, presentValue } = input;
  const rows: FormulaRow[] = [];
  let balance = -presentValue;
  for (let period = 1; period <= periods; period++) {
    const payment = excelNumber(PMT(rate, periods, presentValue));
    const interest = excelNumber(IPMT(rate, period, periods, presentValue));
    const principal = excelNumber(PPMT(rate, period, periods, presentValue));
    balance -= principal;
    rows.push({ period, payment, interest, principal, balance });
  }
  return rows;
}

/** formulajs returns error values instead of throwing; a schedule must not carry them silently. */
function excelNumber(value: number | Error): number {
  if (typeof value !== "number") throw value;
  return value;
}

// ---------------------------------------------------------------------------------------------------------------
// The floor: what the numbers alone cost in plain floating point — payment, then per period interest, principal
// and balance, unrounded, nothing allocated, only the sums kept. The principal cycles over 8 values so that no call
// can be constant-folded or hoisted out of the timing loop. (peer-bench.md §4, loop F0.)

export interface FloorInput {
  /** 8 principals; the first is the benchmark loan's. */
  readonly principals: Float64Array;
  readonly periods: number;
  /** Rate per period as a fraction. */
  readonly rate: number;
  /** Which principal the next call uses (0–7); advanced by every call. */
  cursor: number;
}

/** Returns the total interest plus the final balance (≈ 0), so the work has a consumer. */
export function floatFloor(input: FloorInput): number {
  const principal = input.principals[input.cursor] ?? 0;
  input.cursor = (input.cursor + 1) & 7;
  const rate = input.rate;
  const periods = input.periods;
  const payment = (principal * rate) / (1 - (1 + rate) ** -periods);
  let balance = principal;
  let interestSum = 0;
  for (let i = 0; i < periods; i++) {
    const interest = balance * rate;
    interestSum += interest;
    balance -= payment - interest;
  }
  return interestSum + balance;
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs, built once per loan size outside the timed calls.

export interface PeerInputs {
  readonly periods: number;
  readonly loanjs: LoanjsInput;
  readonly amortizejs: AmortizeConfig;
  readonly amortizejsDated: AmortizeConfig;
  readonly formulajs: FormulaInput;
  readonly floor: FloorInput;
}

export function peerInputs(periods: number): PeerInputs {
  const monthlyRate = ANNUAL_RATE_PERCENT / 100 / 12;
  const principals = new Float64Array(8);
  for (let i = 0; i < principals.length; i++) principals[i] = PRINCIPAL + i * 1_250.5;
  const amortizejs: AmortizeConfig = {
    method: "mortgage",
    apr: ANNUAL_RATE_PERCENT,
    balance: PRINCIPAL,
    loanTerm: periods,
  };
  return {
    periods,
    loanjs: { amount: PRINCIPAL, installments: periods, interestRate: ANNUAL_RATE_PERCENT },
    amortizejs,
    // amortizejs dates the first payment at `startDate`: the first due date, one month after disbursement.
    amortizejsDated: { ...amortizejs, startDate: new Date(2024, 1, 15) },
    formulajs: { rate: monthlyRate, periods, presentValue: -PRINCIPAL },
    floor: { principals, periods, rate: monthlyRate, cursor: 0 },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Correctness spot-check: the same figures read from every result, as the peer reports them.

export interface ScheduleSummary {
  readonly rows: number;
  readonly firstInstallment: number;
  readonly lastInstallment: number;
  /** The total interest the peer reports (or the sum of its rows' interest when it reports none). */
  readonly totalInterest: number;
  /** Σ rows' principal − principal: 0 when the rows repay exactly what was lent. */
  readonly principalResidue: number;
  /** The balance the last row shows. */
  readonly lastBalance: number;
}

export function summarizeLoanjs(loan: LoanInstance): ScheduleSummary {
  const rows = loan.installments;
  let principalSum = 0;
  for (const row of rows) principalSum += row.capital;
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows: rows.length,
    firstInstallment: first?.installment ?? Number.NaN,
    lastInstallment: last?.installment ?? Number.NaN,
    totalInterest: loan.interestSum,
    principalResidue: principalSum - loan.amount,
    lastBalance: last?.remain ?? Number.NaN,
  };
}

export function summarizeAmortizejs(result: AmortizeResult): ScheduleSummary {
  const rows = result.schedule;
  let principalSum = 0;
  for (const row of rows) principalSum += row.principal;
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows: rows.length,
    firstInstallment: first ? first.interest + first.principal : Number.NaN,
    lastInstallment: last ? last.interest + last.principal : Number.NaN,
    totalInterest: result.totalInterest,
    principalResidue: principalSum - result.balance,
    lastBalance: last?.remainingBalance ?? Number.NaN,
  };
}

export function summarizeFormulajs(rows: readonly FormulaRow[], input: FormulaInput): ScheduleSummary {
  let principalSum = 0;
  let interestSum = 0;
  for (const row of rows) {
    principalSum += row.principal;
    interestSum += row.interest;
  }
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows: rows.length,
    firstInstallment: first?.payment ?? Number.NaN,
    lastInstallment: last?.payment ?? Number.NaN,
    totalInterest: interestSum,
    principalResidue: principalSum + input.presentValue,
    lastBalance: last?.balance ?? Number.NaN,
  };
}

/** The floor keeps no rows; this re-runs its arithmetic for the benchmark loan to report the same figures. */
export function summarizeFloor(input: FloorInput): ScheduleSummary {
  const principal = input.principals[0] ?? Number.NaN;
  const { rate, periods } = input;
  const payment = (principal * rate) / (1 - (1 + rate) ** -periods);
  let balance = principal;
  let interestSum = 0;
  let principalSum = 0;
  for (let i = 0; i < periods; i++) {
    const interest = balance * rate;
    interestSum += interest;
    principalSum += payment - interest;
    balance -= payment - interest;
  }
  return {
    rows: periods,
    firstInstallment: payment,
    lastInstallment: payment,
    totalInterest: interestSum,
    principalResidue: principalSum - principal,
    lastBalance: balance,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Tenor's input and the same figures read from its schedule (run.ts calls Tenor through src/index.ts).

/** The terms document of the benchmark loan (docs/reference/terms.md). */
export function tenorDocument(periods: number): Record<string, unknown> {
  return {
    principal: "300000.00",
    currency: "USD",
    disbursementDate: DISBURSEMENT_DATE,
    installments: periods,
    period: "monthly",
    loanType: "annuity",
    interest: { rate: "6.5", per: "year" },
    rounding: { mode: "half-even" },
  };
}

/** Tenor's schedule in currency units, from its integer minor units (exact for these amounts). */
export function summarizeTenor(schedule: Schedule): ScheduleSummary {
  const scale = 10 ** schedule.terms.currency.digits;
  const rows = schedule.installments;
  let principalSum = 0;
  for (const row of rows) principalSum += row.principalMinor;
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows: rows.length,
    firstInstallment: first ? first.totalMinor / scale : Number.NaN,
    lastInstallment: last ? last.totalMinor / scale : Number.NaN,
    totalInterest: schedule.totals.interestMinor / scale,
    principalResidue: (principalSum - schedule.terms.principalMinor) / scale,
    lastBalance: last ? last.balanceMinor / scale : Number.NaN,
  };
}
