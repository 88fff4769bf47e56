import { createRequire } from "node:module";
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsAnchored, type DayNumber, dayOfWeek, parseIsoDate } from "../core/calendar-date.ts";
import { TenorError } from "../core/errors.ts";
import type { DatedFlow } from "./cash-flows.ts";
import { xnpv } from "./npv.ts";
import { xirr } from "./xirr.ts";

// The `xirr` package 1.1.0 (Newton, relative tolerance 1e-7) is an independent oracle for random flows.
const require = createRequire(import.meta.url);
const xirrPackage = require("xirr") as (transactions: Array<{ amount: number; when: Date }>) => number;

function day(iso: string): DayNumber {
  const d = parseIsoDate(iso);
  if (d === undefined) throw new Error(`bad date ${iso}`);
  return d;
}

function flows(...pairs: Array<[number | bigint, string]>): DatedFlow[] {
  return pairs.map(([amountMinor, iso]) => ({ day: day(iso), amountMinor }));
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof TenorError) return error.code;
    throw error;
  }
  return undefined;
}

function issuesOf(action: () => unknown): readonly { field: string; value: unknown; message: string }[] {
  try {
    action();
  } catch (error) {
    if (error instanceof TenorError) return error.issues;
    throw error;
  }
  return [];
}

/** |NPV(rate)| relative to Σ|terms|: 0 at an exact root, independent of the flows' size. */
function relativeResidual(rate: number, times: readonly number[], amounts: readonly number[]): number {
  let sum = 0;
  let size = 0;
  for (let i = 0; i < times.length; i++) {
    const term = (amounts[i] as number) * Math.exp(-(times[i] as number) * Math.log1p(rate));
    sum += term;
    size += Math.abs(term);
  }
  return Math.abs(sum) / size;
}

/** The XIRR root between `low` and `high` by 200 bisections in 50-digit decimals: an oracle independent of Tenor. */
function decimalXirr(days: readonly number[], amounts: readonly number[], low: number, high: number): number {
  const D = Decimal.clone({ precision: 50 });
  const npvAt = (rate: Decimal): Decimal =>
    days.reduce(
      (sum, d, i) => sum.plus(new D(amounts[i] as number).div(rate.plus(1).pow(new D(d).div(365)))),
      new D(0),
    );
  let lo = new D(low);
  let hi = new D(high);
  const loSign = npvAt(lo).isPositive();
  for (let i = 0; i < 200; i++) {
    const mid = lo.plus(hi).div(2);
    if (npvAt(mid).isPositive() === loSign) lo = mid;
    else hi = mid;
  }
  return lo.toNumber();
}

/**
 * /work/shared/research/peer-bench.md §2: 100,000 at 6.5 %/year over 60 months, −98,500 (net of a 1,500 fee) on
 * 2024-01-15, then the 60 repayments on the 15th, moved to the next Monday on weekends. The repayments are a cent
 * ledger: payment 1,956.61 (rounded half-up), interest rounded half-up every month, the last one takes the rest.
 */
function peerBenchFlows(): DatedFlow[] {
  const start = day("2024-01-15");
  const result: DatedFlow[] = [{ day: start, amountMinor: -9_850_000 }];
  let balance = 10_000_000n;
  for (let k = 1; k <= 60; k++) {
    let due = addMonthsAnchored(start, k);
    const weekday = dayOfWeek(due);
    if (weekday === 6) due += 2;
    else if (weekday === 7) due += 1;
    const interest = (balance * 65n * 2n + 12_000n) / 24_000n; // half-up of balance × 6.5 % / 12
    const principal = k === 60 ? balance : 195_661n - interest;
    balance -= principal;
    result.push({ day: due, amountMinor: principal + interest });
  }
  return result;
}

describe("xirr: published examples", () => {
  it("Microsoft's XIRR example: 0.373362535 (37.34 %)", () => {
    // support.microsoft.com, "XIRR function", Example: values −10,000 / 2,750 / 4,250 / 3,250 / 2,750 on
    // 1/1/2008, 3/1/2008, 10/30/2008, 2/15/2009, 4/1/2009; =XIRR(A3:A7, B3:B7, 0.1) → 0.373362535.
    const example = flows(
      [-10_000, "2008-01-01"],
      [2_750, "2008-03-01"],
      [4_250, "2008-10-30"],
      [3_250, "2009-02-15"],
      [2_750, "2009-04-01"],
    );
    const result = xirr(example, { guess: 0.1 });
    // Excel iterates "until the result is accurate within 0.000001 percent" (1e-8): the published 0.373362535 is
    // within that of the exact root, which a 50-digit bisection pins down (0.37336253351883…).
    expect(Math.abs(result.rate - 0.373362535)).toBeLessThan(1e-8);
    const exact = decimalXirr(
      example.map((f) => f.day - (example[0] as DatedFlow).day),
      example.map((f) => f.amountMinor as number),
      0.3,
      0.5,
    );
    expect(Math.abs(result.rate - exact)).toBeLessThan(1e-14);
    expect(result).toMatchObject({ method: "bracketed-newton", multipleRoots: false, signChanges: 1 });
    expect(xirr(example).rate).toBe(result.rate); // guess 0.1 is the default
    // XIRR is "the rate corresponding to XNPV = 0" (same page)
    expect(Math.abs(xnpv(result.rate, example))).toBeLessThan(1e-8);
  });

  it("peer-bench §2: the 61-flow annuity gives 0.0736433478426871 (every peer agrees to ~1e-16)", () => {
    const result = xirr(peerBenchFlows());
    expect(result.rate).toBeCloseTo(0.0736433478426871, 13);
    expect(result.evaluations).toBeLessThanOrEqual(10);
  });
});

describe("xirr: Excel's error cases as TenorErrors", () => {
  // support.microsoft.com, "XIRR function", Remarks: "XIRR expects at least one positive cash flow and one
  // negative cash flow; otherwise, XIRR returns the #NUM! error value." "If any number in dates precedes the
  // starting date, XIRR returns the #NUM! error value." Arguments: "The first payment date indicates the beginning
  // of the schedule of payments. All other dates must be later than this date, but they may occur in any order."
  it("fewer than two flows → TOO_FEW_FLOWS", () => {
    expect(codeOf(() => xirr([]))).toBe("TOO_FEW_FLOWS");
    expect(codeOf(() => xirr(flows([-100, "2024-01-01"])))).toBe("TOO_FEW_FLOWS");
  });

  it("no positive or no negative amount → NO_SIGN_CHANGE (Excel #NUM!)", () => {
    expect(codeOf(() => xirr(flows([100, "2024-01-01"], [200, "2025-01-01"])))).toBe("NO_SIGN_CHANGE");
    expect(codeOf(() => xirr(flows([-100, "2024-01-01"], [0, "2025-01-01"])))).toBe("NO_SIGN_CHANGE");
    // both signs, but they cancel on the same day: what remains is one-signed
    expect(codeOf(() => xirr(flows([-100, "2024-01-01"], [100, "2024-01-01"], [-5, "2025-01-01"])))).toBe(
      "NO_SIGN_CHANGE",
    );
  });

  it("a date before the first flow's date → INVALID_CASH_FLOWS naming the flow and the start date", () => {
    const early = flows([-1_000, "2024-03-01"], [500, "2024-01-01"], [600, "2025-03-01"], [10, "2023-12-31"]);
    const issues = issuesOf(() => xirr(early));
    expect(codeOf(() => xirr(early))).toBe("INVALID_CASH_FLOWS");
    expect(issues.map((issue) => [issue.field, issue.value])).toEqual([
      ["flows[1].day", "2024-01-01"],
      ["flows[3].day", "2023-12-31"],
    ]);
    expect(issues[0]?.message).toContain("2024-03-01");
  });

  it("amounts must be finite and at most 10^18 minor units; days must be integers (all problems listed)", () => {
    const bad: DatedFlow[] = [
      { day: 0, amountMinor: -100 },
      { day: 10, amountMinor: Number.NaN },
      { day: 20, amountMinor: 1_000_000_000_000_000_001n },
      { day: 30.5, amountMinor: 10 },
      { day: 40, amountMinor: Number.POSITIVE_INFINITY },
    ];
    expect(codeOf(() => xirr(bad))).toBe("INVALID_CASH_FLOWS");
    expect(issuesOf(() => xirr(bad)).map((issue) => issue.field)).toEqual([
      "flows[1].amountMinor",
      "flows[2].amountMinor",
      "flows[4].amountMinor",
      "flows[3].day",
    ]);
    expect(issuesOf(() => xirr(bad))[1]?.value).toBe("1000000000000000001"); // JSON-safe bigint
    // 10^18 itself is allowed, as a bigint or a number
    expect(
      xirr([
        { day: 0, amountMinor: -1_000_000_000_000_000_000n },
        { day: 365, amountMinor: 1e18 },
        { day: 730, amountMinor: 1n },
      ]).rate,
    ).toBeCloseTo(1e-18, 12);
  });

  it("a guess at or below −100 % → INVALID_ARGUMENT", () => {
    const ok = flows([-100, "2024-01-01"], [110, "2025-01-01"]);
    expect(codeOf(() => xirr(ok, { guess: -1 }))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => xirr(ok, { guess: Number.NaN }))).toBe("INVALID_ARGUMENT");
  });

  it("flows changing sign twice with no rate at all → RATE_NOT_CONVERGED", () => {
    // −1000 + 3000·v − 2300·v² < 0 for every v (discriminant 9 − 9.2 < 0)
    const none: DatedFlow[] = [
      { day: 0, amountMinor: -1_000 },
      { day: 365, amountMinor: 3_000 },
      { day: 730, amountMinor: -2_300 },
    ];
    expect(codeOf(() => xirr(none))).toBe("RATE_NOT_CONVERGED");
  });
});

describe("xirr: peer-bench robustness cases (peer-bench.md §2, 'Robustness spot-check')", () => {
  it("IRR −90 % (−1000 → +100 after 366 days): −0.8993688953, where formulajs returns NaN", () => {
    const result = xirr([
      { day: 0, amountMinor: -1_000 },
      { day: 366, amountMinor: 100 },
    ]);
    expect(result.rate).toBeCloseTo(-0.8993688953, 10);
    // also with a third, tiny flow, so that the iterative path (not the closed form) is exercised
    const iterative = xirr([
      { day: 0, amountMinor: -1_000_000 },
      { day: 183, amountMinor: 1 },
      { day: 366, amountMinor: 100_000 },
    ]);
    expect(iterative.method).toBe("bracketed-newton");
    expect(iterative.rate).toBeCloseTo(-0.8993688953, 4);
    expect(
      relativeResidual(iterative.rate, [0, 183 / 365, 366 / 365], [-1_000_000, 1, 100_000]),
    ).toBeLessThan(1e-12);
  });

  it("IRR ≈ 1.47 × 10^12 (×10 in 30 days): 1467799268000 as every peer", () => {
    const result = xirr([
      { day: 0, amountMinor: -1_000 },
      { day: 30, amountMinor: 10_000 },
    ]);
    expect(result.rate / 1467799268000).toBeCloseTo(1, 9);
    const iterative = xirr([
      { day: 0, amountMinor: -1_000 },
      { day: 15, amountMinor: 1 },
      { day: 30, amountMinor: 10_000 },
    ]);
    expect(iterative.method).toBe("bracketed-newton");
    expect(relativeResidual(iterative.rate, [0, 15 / 365, 30 / 365], [-1_000, 1, 10_000])).toBeLessThan(
      1e-12,
    );
  });

  it("two roots (11.27 % and 88.73 %): the root closest to the guess, flagged, with both listed", () => {
    // −1000 + 3000·v − 2100·v² = 0 with v = 1/(1 + r): 1 + r = (3 ± √0.6)/2
    const twoRoots: DatedFlow[] = [
      { day: 0, amountMinor: -1_000 },
      { day: 365, amountMinor: 3_000 },
      { day: 730, amountMinor: -2_100 },
    ];
    const low = (1 - Math.sqrt(0.6)) / 2;
    const high = (1 + Math.sqrt(0.6)) / 2;
    const byDefault = xirr(twoRoots);
    expect(byDefault.rate).toBeCloseTo(low, 12); // 0.1127, as every peer (which do not say there is another)
    expect(byDefault).toMatchObject({ multipleRoots: true, signChanges: 2, method: "scan-bracketed-newton" });
    expect(byDefault.roots[0]).toBeCloseTo(low, 12);
    expect(byDefault.roots[1]).toBeCloseTo(high, 12);
    expect(xirr(twoRoots, { guess: 0.8 }).rate).toBeCloseTo(high, 12);
    expect(xirr(twoRoots, { guess: 0.5 }).rate).toBeCloseTo(low, 12); // 0.5 is closer to 0.1127 than to 0.8873
  });

  it("first flow not the earliest: Excel's documented #NUM!, or with datesBeforeFirst 'allow' the same rate as the sorted list", () => {
    const unsorted = flows(
      [3_000, "2024-07-01"],
      [-10_000, "2024-01-01"],
      [4_000, "2025-01-01"],
      [4_000, "2025-07-01"],
    );
    expect(codeOf(() => xirr(unsorted))).toBe("INVALID_CASH_FLOWS");
    const allowed = xirr(unsorted, { datesBeforeFirst: "allow" });
    const sorted = xirr([unsorted[1], unsorted[0], unsorted[2], unsorted[3]] as DatedFlow[]);
    expect(allowed.rate).toBeCloseTo(sorted.rate, 12);
    const exact = decimalXirr([182, 0, 366, 547], [3_000, -10_000, 4_000, 4_000], 0, 1);
    expect(Math.abs(allowed.rate - exact)).toBeLessThan(1e-13);
  });
});

describe("xirr: properties", () => {
  const datedFlows = fc
    .tuple(
      fc.integer({ min: 1_000, max: 10_000_000 }),
      // payments at least 30 days after the outlay, so that no rate exceeds what a double can hold
      fc.array(fc.tuple(fc.integer({ min: 30, max: 3_650 }), fc.integer({ min: 0, max: 5_000_000 })), {
        minLength: 1,
        maxLength: 40,
      }),
    )
    // what comes back is at least a tenth of the outlay: a loss of 90 % in 30 days is −100 % + 10⁻¹² a year, while
    // a total loss in 30 days would be a rate a double cannot tell apart from −100 %
    .filter(([outlay, rest]) => rest.reduce((sum, [, amount]) => sum + amount, 0) >= outlay / 10)
    .map(([outlay, rest]) => [
      { day: 19_000, amountMinor: -outlay },
      ...rest.map(([offset, amount]) => ({ day: 19_000 + offset, amountMinor: amount })),
    ]);

  it("one sign change: the rate exists, XNPV there is ≈ 0 relative to the flows, and agrees with the xirr package", () => {
    fc.assert(
      fc.property(datedFlows, (list) => {
        const result = xirr(list);
        expect(result.multipleRoots).toBe(false);
        const times = list.map((f) => (f.day - 19_000) / 365);
        const amounts = list.map((f) => f.amountMinor as number);
        // near −100 %, 1 + rate keeps only 2⁻⁵²/(1 + rate) of relative precision, and so does the residual
        expect(relativeResidual(result.rate, times, amounts)).toBeLessThan(1e-9 + 1e-15 / (1 + result.rate));
        if (result.rate > -0.9 && result.rate < 10) {
          let theirs: number | undefined;
          try {
            theirs = xirrPackage(
              list.map((f) => ({ amount: f.amountMinor as number, when: new Date(f.day * 86_400_000) })),
            );
          } catch {
            theirs = undefined; // the package's Newton gives up sometimes; that is its robustness, not ours
          }
          // the package's Newton can also end below −100 % (its own extension of the NPV there): not a rate
          if (theirs !== undefined && theirs > -0.9 && theirs < 10)
            expect(result.rate).toBeCloseTo(theirs, 5);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is invariant when every amount is scaled by a positive factor", () => {
    fc.assert(
      fc.property(datedFlows, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (list, factor) => {
        const scaled = list.map((f) => ({ day: f.day, amountMinor: (f.amountMinor as number) * factor }));
        const a = xirr(list).rate;
        const b = xirr(scaled).rate;
        expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(a)));
      }),
      { numRuns: 200 },
    );
  });

  it("returns the rate a schedule was built from: yearly flows of an annuity at rate r give r", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.5, max: 3, noNaN: true }),
        fc.integer({ min: 2, max: 30 }),
        (rate, years) => {
          // level payment A = P·r / (1 − (1 + r)^−n), dated every 365 days
          const principal = 1_000_000;
          const payment =
            rate === 0 ? principal / years : (principal * rate) / -Math.expm1(-years * Math.log1p(rate));
          const list: DatedFlow[] = [{ day: 0, amountMinor: -principal }];
          for (let k = 1; k <= years; k++) list.push({ day: 365 * k, amountMinor: payment });
          expect(Math.abs(xirr(list).rate - rate)).toBeLessThan(1e-10 * Math.max(1, Math.abs(rate)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("all-positive (or all-negative) flows are an error, never a number", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3_650 }), fc.integer({ min: 0, max: 1_000_000 })), {
          minLength: 2,
          maxLength: 20,
        }),
        fc.boolean(),
        (pairs, negative) => {
          const list = pairs.map(([offset, amount]) => ({
            day: offset,
            amountMinor: negative ? -amount : amount,
          }));
          expect(codeOf(() => xirr(list, { datesBeforeFirst: "allow" }))).toBe("NO_SIGN_CHANGE");
        },
      ),
      { numRuns: 200 },
    );
  });
});
