import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar-date.ts";
import { TenorError } from "../core/errors.ts";
import type { DatedFlow } from "./cash-flows.ts";
import { npv, xnpv } from "./npv.ts";

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof TenorError) return error.code;
    throw error;
  }
  return undefined;
}

const day = (iso: string): number => parseIsoDate(iso) ?? Number.NaN;

describe("npv (Excel's NPV: the first value one period from now)", () => {
  it("Microsoft's NPV example: NPV(10 %, −10,000, 3,000, 4,200, 6,800) = 1,188.44", () => {
    // support.microsoft.com, "NPV function", Example 1 (the formula also appears on maneev.com/excel/financial/npv
    // and excelformulas.sathishsundar.in). By hand: −10000/1.1 + 3000/1.21 + 4200/1.331 + 6800/1.4641
    // = −9090.909 + 2479.339 + 3155.522 + 4644.491 = 1188.443.
    expect(npv(0.1, [-10_000, 3_000, 4_200, 6_800])).toBeCloseTo(1_188.4434123352, 9);
  });

  it("Adobe FormCalc's NPV examples (help.adobe.com, LiveCycle Designer FormCalc reference, NPV)", () => {
    expect(npv(0.065, [5_000])).toBeCloseTo(4_694.83568075117, 9);
    expect(npv(0.1, [500, 1_500, 4_000, 10_000])).toBeCloseTo(11_529.60863329007, 9);
    expect(npv(0.0275 / 12, [50, 60, 40, 100, 25])).toBeCloseTo(273.14193838457, 9);
  });

  it("MESCIUS SPREAD's example: NPV(6.5 %, −10000, 3000, 3400, 7700) = 2,055.38", () => {
    expect(npv(0.065, [-10_000, 3_000, 3_400, 7_700])).toBeCloseTo(2_055.38, 2);
  });

  it("at rate 0 it is the sum; a rate at or below −100 %, no values or a bad value is an error", () => {
    expect(npv(0, [1, 2, 3])).toBe(6);
    expect(codeOf(() => npv(-1, [1]))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => npv(Number.NaN, [1]))).toBe("INVALID_ARGUMENT");
    expect(codeOf(() => npv(0.1, []))).toBe("TOO_FEW_FLOWS");
    expect(codeOf(() => npv(0.1, [1, Number.NaN]))).toBe("INVALID_CASH_FLOWS");
    expect(npv(0.1, [100, 200])).toBeGreaterThan(0); // no sign requirement for a present value
  });
});

describe("xnpv (Excel's XNPV: actual days / 365 from the first flow's date)", () => {
  const example: DatedFlow[] = [
    { day: day("2008-01-01"), amountMinor: -10_000 },
    { day: day("2008-03-01"), amountMinor: 2_750 },
    { day: day("2008-10-30"), amountMinor: 4_250 },
    { day: day("2009-02-15"), amountMinor: 3_250 },
    { day: day("2009-04-01"), amountMinor: 2_750 },
  ];

  it("Microsoft's XNPV example at 9 %: 2,086.65 (2086.6476)", () => {
    // support.microsoft.com "XNPV function" and learn.microsoft.com WorksheetFunction.Xnpv: the flows of the XIRR
    // example "discounted at 9 percent (2086.6476 or 2086.65)".
    expect(xnpv(0.09, example)).toBeCloseTo(2_086.6476, 4);
  });

  it("accepts bigint amounts; a date before the first is #NUM! unless allowed; one flow is enough", () => {
    const big = example.map((f) => ({ day: f.day, amountMinor: BigInt(f.amountMinor) }));
    expect(xnpv(0.09, big)).toBeCloseTo(2_086.6476, 4);
    const unsorted = [example[1], example[0], example[2]] as DatedFlow[];
    expect(codeOf(() => xnpv(0.09, unsorted))).toBe("INVALID_CASH_FLOWS");
    const allowed = xnpv(0.09, unsorted, { datesBeforeFirst: "allow" });
    // same flows measured from 2008-03-01: the NPV from 2008-01-01 times 1.09^(60/365)
    const fromFirst = xnpv(0.09, [example[0], example[1], example[2]] as DatedFlow[]);
    expect(allowed).toBeCloseTo(fromFirst * Math.exp((60 / 365) * Math.log(1.09)), 8);
    expect(xnpv(0.5, [{ day: 0, amountMinor: 7 }])).toBe(7);
    expect(codeOf(() => xnpv(0.5, []))).toBe("TOO_FEW_FLOWS");
    expect(codeOf(() => xnpv(-1.5, example))).toBe("INVALID_ARGUMENT");
  });

  it("property: flows 365 days apart give Excel's NPV of the later values plus the first", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -0.9, max: 10, noNaN: true }),
        fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        (rate, values) => {
          const flows = values.map((amountMinor, k) => ({ day: 20_000 + 365 * k, amountMinor }));
          const expected = (values[0] as number) + (values.length > 1 ? npv(rate, values.slice(1)) : 0);
          const size = values.reduce((sum, v, k) => sum + Math.abs(v) * (1 + rate) ** -k, 1);
          expect(Math.abs(xnpv(rate, flows) - expected)).toBeLessThan(1e-12 * size);
        },
      ),
      { numRuns: 300 },
    );
  });
});
