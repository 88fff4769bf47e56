// Graduated (step-up / step-down) payments against an independent reference: plain bigint fractions, reduced
// after every operation, summing Σ g^⌊t/every⌋ · v^(t+1) forward term by term (the engine solves it backwards),
// then the textbook amortization loop of docs/reference/schedule-rules.md §5.1 on the rounded payments.
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DECIMAL_MODE } from "../../test/support/decimal-rounding.ts";
import { ratio } from "../core/ratio.ts";
import { ROUNDING_MODES, type RoundingMode } from "../core/rounding.ts";
import { generateSchedule } from "./generate-schedule.ts";
import { graduatedPayments } from "./graduated-payment.ts";
import { parseTerms } from "./parse-terms.ts";
import { makeFactor } from "./rate-factors.ts";

// ---- the reference: exact fractions the slow way -------------------------------------------------------------

interface Frac {
  readonly n: bigint;
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function frac(n: bigint, d: bigint): Frac {
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
}

const add = (a: Frac, b: Frac): Frac => frac(a.n * b.d + b.n * a.d, a.d * b.d);
const mul = (a: Frac, b: Frac): Frac => frac(a.n * b.n, a.d * b.d);
const div = (a: Frac, b: Frac): Frac => frac(a.n * b.d, a.d * b.n);

function pow(base: Frac, exponent: number): Frac {
  let result: Frac = { n: 1n, d: 1n };
  for (let k = 0; k < exponent; k++) result = mul(result, base);
  return result;
}

/** A decimal string ("-2.35") as a fraction. */
function decimal(text: string): Frac {
  const [whole = "0", fraction = ""] = text.replace("-", "").split(".");
  const value = frac(BigInt(whole + fraction), 10n ** BigInt(fraction.length));
  return text.startsWith("-") ? { n: -value.n, d: value.d } : value;
}

/** Rounds a fraction to an integer by the named mode, written out from the definitions in §1. */
function roundFrac(x: Frac, mode: RoundingMode): bigint {
  const floor = x.n >= 0n ? x.n / x.d : -((-x.n + x.d - 1n) / x.d);
  const rest = frac(x.n - floor * x.d, x.d); // 0 ≤ rest < 1
  if (rest.n === 0n) return floor;
  const ceil = floor + 1n;
  const towardZero = x.n > 0n ? floor : ceil;
  const awayFromZero = x.n > 0n ? ceil : floor;
  const half = rest.n * 2n - rest.d; // < 0: below the half, > 0: above
  switch (mode) {
    case "floor":
      return floor;
    case "ceiling":
      return ceil;
    case "down":
      return towardZero;
    case "up":
      return awayFromZero;
    case "half-up":
      return half === 0n ? awayFromZero : half > 0n ? ceil : floor;
    case "half-down":
      return half === 0n ? towardZero : half > 0n ? ceil : floor;
    case "half-even":
      return half === 0n ? (floor % 2n === 0n ? floor : ceil) : half > 0n ? ceil : floor;
  }
}

/** Rate as a fraction per year → ρ of a regular period (§3, distribution `period`): × 1/12, 3/12 or 14/Y years. */
function periodRate(loan: Loan): Frac {
  const rate = div(decimal(loan.ratePercent), { n: 100n, d: 1n });
  const daysInYear = loan.dayCount === "actual/365" ? 365n : 360n;
  const time =
    loan.period === "monthly"
      ? frac(1n, 12n)
      : loan.period === "quarterly"
        ? frac(3n, 12n)
        : frac(14n, daysInYear);
  return mul(rate, time);
}

interface Solve {
  readonly principalMinor: number;
  /** ρ of each period. */
  readonly rhos: readonly Frac[];
  readonly changePercent: string;
  readonly every: number;
  readonly mode: RoundingMode;
  readonly stepMinor: number;
}

const ONE: Frac = { n: 1n, d: 1n };

/**
 * The scheduled payment of each installment, round(A · g^⌊k/every⌋) to the step, with
 * A = B / Σ_k g^⌊k/every⌋ · Π_{j ≤ k} 1/(1 + ρ(j)), summed forward term by term.
 */
function referencePayments(solve: Solve): number[] {
  const growth = add(ONE, div(decimal(solve.changePercent), { n: 100n, d: 1n }));
  const weights = solve.rhos.map((_, k) => pow(growth, Math.floor(k / solve.every)));
  let sum: Frac = { n: 0n, d: 1n };
  let discount = ONE;
  solve.rhos.forEach((rho, k) => {
    discount = div(discount, add(ONE, rho));
    sum = add(sum, mul(weights[k] as Frac, discount));
  });
  const first = div({ n: BigInt(solve.principalMinor), d: 1n }, sum);
  const step: Frac = { n: BigInt(solve.stepMinor), d: 1n };
  return weights.map((weight) => {
    const exact = mul(first, weight);
    return Number(roundFrac(div(exact, step), solve.mode) * BigInt(solve.stepMinor));
  });
}

/** Each installment's total: interest round(B·ρ); principal min(B, max(0, payment − interest)); the last clears B. */
function referenceTotals(solve: Solve, payments: readonly number[]): number[] {
  let balance = BigInt(solve.principalMinor);
  return payments.map((payment, i) => {
    const rho = solve.rhos[i] as Frac;
    const interest = balance > 0n ? roundFrac(mul({ n: balance, d: 1n }, rho), solve.mode) : 0n;
    let principal = balance;
    if (i < payments.length - 1) {
      const wanted = BigInt(payment) - interest;
      principal = wanted < 0n ? 0n : wanted > balance ? balance : wanted;
    }
    balance -= principal;
    return Number(principal + interest);
  });
}

interface Loan {
  readonly principalMinor: number;
  readonly ratePercent: string;
  readonly period: "monthly" | "quarterly" | "biweekly";
  readonly dayCount: "actual/365" | "actual/360" | "30/360";
  readonly installments: number;
  readonly changePercent: string;
  readonly every: number;
  readonly mode: RoundingMode;
  readonly stepMinor: number;
}

function solveOf(loan: Loan): Solve {
  return { ...loan, rhos: new Array<Frac>(loan.installments).fill(periodRate(loan)) };
}

// ---- the engine --------------------------------------------------------------------------------------------------

function minorText(minor: number, digits = 2): string {
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

function engineTotals(loan: Loan): number[] {
  const schedule = generateSchedule(
    parseTerms({
      principal: minorText(loan.principalMinor),
      currency: "EUR",
      disbursementDate: "2024-03-12",
      installments: loan.installments,
      period: loan.period,
      loanType: "annuity",
      interest: { rate: loan.ratePercent, per: "year" },
      dayCount: loan.dayCount,
      rounding: { mode: loan.mode, step: minorText(loan.stepMinor) },
      paymentMethod: { type: "graduated", changePercent: loan.changePercent, every: loan.every },
    }),
  );
  const { principalMinor, interestMinor } = schedule.columns;
  return principalMinor.map((p, i) => p + (interestMinor[i] as number));
}

/** A decimal with `digits` decimals from an integer count of its last unit: (−2035, 2) → "-20.35". */
function scaled(units: number, digits: number): string {
  const sign = units < 0 ? "-" : "";
  const magnitude = Math.abs(units);
  if (digits === 0) return `${sign}${magnitude}`;
  const text = String(magnitude).padStart(digits + 1, "0");
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

const loanArbitrary = (maxInstallments: number): fc.Arbitrary<Loan> =>
  fc.record({
    principalMinor: fc.integer({ min: 100, max: 10 ** 10 }),
    // 0 … 40 % with up to 3 decimals; 0 itself is drawn often
    ratePercent: fc.oneof(
      fc.constant("0"),
      fc.integer({ min: 0, max: 40 }).map(String),
      fc.integer({ min: 1, max: 40_000 }).map((u) => scaled(u, 3)),
    ),
    period: fc.constantFrom("monthly", "quarterly", "biweekly"),
    dayCount: fc.constantFrom("actual/365", "actual/360", "30/360"),
    installments: fc.integer({ min: 2, max: maxInstallments }),
    // −20 … +20 % with up to 2 decimals (never −100 %, which the parser refuses)
    changePercent: fc.oneof(
      fc.integer({ min: -20, max: 20 }).map(String),
      fc.integer({ min: -2000, max: 2000 }).map((u) => scaled(u, 2)),
    ),
    every: fc.integer({ min: 1, max: 24 }),
    mode: fc.constantFrom(...ROUNDING_MODES),
    stepMinor: fc.constantFrom(1, 1, 1, 5, 100),
  });

/** A per-period rate: 0 (a waived grace period) or up to about 40 % a year over a day, a month or a quarter. */
const rhoArbitrary: fc.Arbitrary<Frac> = fc.oneof(
  fc.constant({ n: 0n, d: 1n }),
  fc
    .tuple(
      fc.integer({ min: 0, max: 40_000 }),
      fc.constantFrom(36_500_000n, 1_200_000n, 400_000n, 3_650_000n),
    )
    .map(([n, d]) => frac(BigInt(n), d)),
);

const solveArbitrary: fc.Arbitrary<Solve> = fc
  .record({
    loan: loanArbitrary(120),
    // constant rates (the usual case), a broken first period, or every period its own rate
    shape: fc.constantFrom("constant", "first", "each"),
    first: rhoArbitrary,
    each: fc.array(rhoArbitrary, { minLength: 120, maxLength: 120 }),
  })
  .map(({ loan, shape, first, each }) => {
    const base = solveOf(loan);
    if (shape === "constant") return base;
    if (shape === "first") return { ...base, rhos: [first, ...base.rhos.slice(1)] };
    return { ...base, rhos: each.slice(0, loan.installments) };
  });

function solveInput(solve: Solve) {
  const change = div(decimal(solve.changePercent), { n: 100n, d: 1n });
  return {
    balanceMinor: solve.principalMinor,
    factors: solve.rhos.map((rho) => makeFactor(ratio(rho.n, rho.d))),
    change: ratio(change.n, change.d),
    every: solve.every,
    stepMinor: solve.stepMinor,
    mode: solve.mode,
  };
}

// ---- long loans: a 120-digit decimal reference (the exact fractions the slow way take minutes there) -------------

const D = Decimal.clone({ precision: 120 });

/** The reference payments in 120-digit decimals; refuses when an amount is too close to its rounding boundary. */
function decimalPayments(solve: Solve): number[] {
  const fraction = (x: Frac) => new D(x.n.toString()).div(x.d.toString());
  const growth = new D(solve.changePercent).div(100).plus(1);
  let sum = new D(0);
  let discount = new D(1);
  solve.rhos.forEach((rho, k) => {
    discount = discount.div(fraction(rho).plus(1));
    sum = sum.plus(growth.pow(Math.floor(k / solve.every)).times(discount));
  });
  const first = new D(solve.principalMinor).div(sum);
  const half = solve.mode.startsWith("half");
  return solve.rhos.map((_, k) => {
    const steps = first.times(growth.pow(Math.floor(k / solve.every))).div(solve.stepMinor);
    const boundary = half ? steps.minus(0.5).round().plus(0.5) : steps.round();
    if (steps.minus(boundary).abs().lt("1e-60")) throw new Error(`installment ${k + 1} is too close to call`);
    return steps.toDecimalPlaces(0, DECIMAL_MODE[solve.mode]).times(solve.stepMinor).toNumber();
  });
}

describe("graduated payments", () => {
  const worked: Loan = {
    principalMinor: 100_000,
    ratePercent: "12",
    period: "monthly",
    dayCount: "actual/365",
    installments: 3,
    changePercent: "10",
    every: 1,
    mode: "half-even",
    stepMinor: 1,
  };

  it("the references reproduce the worked example: 1000.00 at 1 % a month, +10 % each installment", () => {
    // test/examples/payment-methods.test.ts works it by hand: 308.37, 339.21, 373.13.
    const solve = solveOf(worked);
    expect(referencePayments(solve)).toEqual([30_837, 33_921, 37_313]);
    expect(decimalPayments(solve)).toEqual([30_837, 33_921, 37_313]);
    expect(referenceTotals(solve, referencePayments(solve))).toEqual([30_837, 33_921, 37_313]);
  });

  it("the references round a tie by the mode: 0 %, 2 installments of 1.01 with no change", () => {
    // A = 101 / 2 = 50.5 minor units exactly
    const solve = { ...solveOf({ ...worked, ratePercent: "0", installments: 2 }), principalMinor: 101 };
    const at = (mode: RoundingMode) => referencePayments({ ...solve, changePercent: "0", mode })[0];
    expect([at("half-even"), at("half-up"), at("half-down"), at("floor"), at("up")]).toEqual([
      50, 51, 50, 50, 51,
    ]);
  });

  it("graduatedPayments: the first payment and every step equal the exact reference", () => {
    fc.assert(
      fc.property(solveArbitrary, (solve) => {
        expect(graduatedPayments(solveInput(solve))).toEqual(referencePayments(solve));
      }),
      { numRuns: 200 },
    );
  });

  it("every installment of a schedule equals the exact reference, to the minor unit", () => {
    fc.assert(
      fc.property(loanArbitrary(120), (loan) => {
        const solve = solveOf(loan);
        expect(engineTotals(loan)).toEqual(referenceTotals(solve, referencePayments(solve)));
      }),
      { numRuns: 200 },
    );
  });

  it("rounds exact ties by the mode, like the reference (0 %: A = B / Σ w lands on a half step)", () => {
    const tie = fc
      .record({
        mode: fc.constantFrom(...ROUNDING_MODES),
        stepMinor: fc.constantFrom(1, 5, 100),
        k: fc.integer({ min: 0, max: 1_000_000 }),
        half: fc.integer({ min: 1, max: 60 }),
        every: fc.integer({ min: 1, max: 24 }),
        tripled: fc.boolean(),
      })
      .map(({ mode, stepMinor, k, half, every, tripled }): Loan => {
        const base = { ...worked, ratePercent: "0", mode, stepMinor, every };
        // +200 % after the first of 2: Σ w = 1 + 3 = 4, B = (4k + 2)·step → A = (k + ½)·step, 3A = (3k + 1½)·step
        if (tripled)
          return {
            ...base,
            installments: 2,
            every: 1,
            changePercent: "200",
            principalMinor: (4 * k + 2) * stepMinor,
          };
        // no change over 2h installments: B = (2h·k + h)·step → A = (k + ½)·step
        const n = 2 * half;
        return { ...base, installments: n, changePercent: "0", principalMinor: (n * k + half) * stepMinor };
      });
    fc.assert(
      fc.property(tie, (loan) => {
        const solve = solveOf(loan);
        expect(engineTotals(loan)).toEqual(referenceTotals(solve, referencePayments(solve)));
      }),
      { numRuns: 200 },
    );
  });

  it.each<[string, Partial<Loan>]>([
    [
      "30 years monthly, +2.5 % a year",
      { installments: 360, ratePercent: "4.5", changePercent: "2.5", every: 12 },
    ],
    [
      "40 years biweekly, +5 % a year",
      { period: "biweekly", installments: 1040, changePercent: "5", every: 26 },
    ],
    [
      "40 years biweekly, +1.5 % a year",
      { period: "biweekly", installments: 1040, ratePercent: "3.25", changePercent: "1.5", every: 26 },
    ],
    [
      "40 years monthly, −0.5 % a month",
      { installments: 480, ratePercent: "7.99", changePercent: "-0.5", every: 1 },
    ],
  ])("a long loan — %s — equals the decimal reference", (_, change) => {
    const loan: Loan = {
      ...worked,
      principalMinor: 25_000_000,
      ratePercent: "6.5",
      installments: 240,
      changePercent: "5",
      every: 12,
      ...change,
    };
    const solve = solveOf(loan);
    expect(engineTotals(loan)).toEqual(referenceTotals(solve, decimalPayments(solve)));
  });
});
