// Property tests of assessCapacity over random profiles and policies: the two limits hold in every month, the
// capacity is exactly the lower of them (recomputed here with bigint arithmetic written separately), the
// stress test never loosens the residual limit, and every amount is a whole, safe number of minor units.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayFromCivil, formatIsoDate } from "../core/calendar-date.ts";
import { compareRatio, mulRatio, type Ratio, ratioFromInt, subRatio } from "../core/ratio.ts";
import { assessCapacity } from "./capacity.ts";
import { parseBorrowerProfile } from "./parse-borrower-profile.ts";
import { parsePolicyProfile } from "./parse-policy-profile.ts";
import { POLICY_IDS, resolvePolicy } from "./policy-registry.ts";

const FREQUENCIES = ["weekly", "biweekly", "semi-monthly", "monthly", "quarterly", "semi-annual", "yearly"];
const money = (minor: number) => `${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
const isoDay = fc
  .record({
    year: fc.integer({ min: 2024, max: 2028 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, day }) => dayFromCivil(year, month, day));

const incomeDoc = (index: number) =>
  fc
    .record({
      amount: fc.integer({ min: 1, max: 2_000_000 }),
      grossExtra: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: undefined }),
      frequency: fc.constantFrom(...FREQUENCIES),
      payDate: isoDay,
      seasonality: fc.option(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 12, maxLength: 12 }), {
        nil: undefined,
      }),
      growthPercent: fc.integer({ min: -20, max: 20 }),
      endsAfterDays: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
    })
    .map((income) => ({
      name: `income ${index}`,
      amount: money(income.amount),
      ...(income.grossExtra === undefined ? {} : { gross: money(income.amount + income.grossExtra) }),
      frequency: income.frequency,
      payDate: formatIsoDate(income.payDate),
      ...(income.seasonality === undefined || income.seasonality.every((w) => w === 0)
        ? {}
        : { seasonality: income.seasonality.map((w) => (w / 100).toString()) }),
      growthPercent: String(income.growthPercent),
      ...(income.endsAfterDays === undefined
        ? {}
        : { endsOn: formatIsoDate(income.payDate + income.endsAfterDays) }),
    }));

const profileDoc = fc
  .record({
    incomes: fc
      .integer({ min: 0, max: 3 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => incomeDoc(i)))),
    expenses: fc.array(
      fc.record({
        amount: fc.integer({ min: 0, max: 500_000 }),
        frequency: fc.constantFrom(...FREQUENCIES),
        essential: fc.boolean(),
      }),
      { maxLength: 4 },
    ),
    debts: fc.array(
      fc.record({
        installment: fc.integer({ min: 0, max: 300_000 }),
        frequency: fc.constantFrom(...FREQUENCIES),
        endsOn: fc.option(isoDay, { nil: undefined }),
      }),
      { maxLength: 3 },
    ),
    householdSize: fc.integer({ min: 1, max: 20 }),
    region: fc.constantFrom(undefined, "US-NE", "US-MW", "US-S", "US-W", "UK"),
  })
  .map((p) => ({
    currency: "USD",
    incomes: p.incomes,
    expenses: p.expenses.map((e, i) => ({
      name: `expense ${i}`,
      amount: money(e.amount),
      frequency: e.frequency,
      essential: e.essential,
    })),
    debts: p.debts.map((d, i) => ({
      name: `debt ${i}`,
      installment: money(d.installment),
      frequency: d.frequency,
      ...(d.endsOn === undefined ? {} : { endsOn: formatIsoDate(d.endsOn) }),
    })),
    householdSize: p.householdSize,
    ...(p.region === undefined ? {} : { region: p.region }),
  }));

const customPolicy = fc
  .record({
    max: fc.integer({ min: 1, max: 100 }),
    comfortShare: fc.integer({ min: 1, max: 100 }),
    stressed: fc.integer({ min: 1, max: 100 }),
    shock: fc.integer({ min: 0, max: 99 }),
    basis: fc.constantFrom("net", "gross"),
    floor: fc.oneof(
      fc
        .integer({ min: 0, max: 99 })
        .map((percent) => ({ kind: "share-of-income", percent: String(percent) })),
      fc
        .record({ amount: fc.integer({ min: 0, max: 200_000 }), extra: fc.integer({ min: 0, max: 50_000 }) })
        .map(({ amount, extra }) => ({
          kind: "amount",
          amount: money(amount),
          perExtraMember: money(extra),
        })),
    ),
  })
  .map((p) =>
    parsePolicyProfile({
      id: "random",
      effectiveFrom: "2026-01-01",
      currency: "USD",
      incomeBasis: p.basis,
      maxPercent: String(p.max),
      comfortPercent: String(Math.max(1, Math.floor((p.max * p.comfortShare) / 100))),
      stressedMaxPercent: String(p.stressed),
      incomeShockPercent: String(p.shock),
      residualFloor: p.floor,
    }),
  );

const policy = fc.oneof(
  fc.constantFrom(...POLICY_IDS).map((id) => resolvePolicy(id)),
  customPolicy,
);

/** ⌊r × n⌋ for n ≥ 0, with bigint division (which truncates, = floor for non-negative values). */
const floorTimes = (r: Ratio, n: number) => Number((r.num * BigInt(n)) / r.den);
const ceilTimes = (r: Ratio, n: number) => Number((r.num * BigInt(n) + r.den - 1n) / r.den);

describe("assessCapacity: properties", () => {
  it("holds both limits in every month, exactly, with and without stress", () => {
    fc.assert(
      fc.property(
        profileDoc,
        policy,
        isoDay,
        fc.integer({ min: 1, max: 36 }),
        (doc, pol, fromDay, months) => {
          const profile = parseBorrowerProfile(doc);
          const assessment = assessCapacity(profile, pol, fromDay, months);
          expect(assessment.months).toHaveLength(months);
          const loosens =
            compareRatio(
              mulRatio(pol.stressedMaxRatio, subRatio(ratioFromInt(1), pol.incomeShock)),
              pol.maxRatio,
            ) > 0;
          for (const row of assessment.months) {
            for (const value of Object.values(row)) {
              if (typeof value === "number") expect(Number.isSafeInteger(value)).toBe(true);
            }
            expect(row.incomeMinor).toBeGreaterThanOrEqual(0);
            expect(row.grossIncomeMinor).toBeGreaterThanOrEqual(row.incomeMinor);
            expect(row.stressedIncomeMinor).toBeLessThanOrEqual(row.incomeMinor);
            const basis = pol.incomeBasis === "gross" ? row.grossIncomeMinor : row.incomeMinor;
            const floor =
              pol.residualFloor.kind === "share-of-income"
                ? ceilTimes(pol.residualFloor.share, row.incomeMinor)
                : row.residualFloorMinor;
            expect(row.residualFloorMinor).toBe(floor);
            const ratioLimit = floorTimes(pol.maxRatio, basis) - row.existingDebtMinor;
            const residualLimit =
              row.incomeMinor - row.essentialExpensesMinor - row.existingDebtMinor - floor;
            expect(row.capacityMinor).toBeLessThanOrEqual(ratioLimit);
            expect(row.capacityMinor).toBeLessThanOrEqual(residualLimit);
            expect(row.capacityMinor).toBe(Math.min(ratioLimit, residualLimit));
            expect(row.binding).toBe(ratioLimit <= residualLimit ? "ratio" : "residual");
            expect(row.comfortCapacityMinor).toBeLessThanOrEqual(row.capacityMinor);

            const stressedBasis =
              pol.incomeBasis === "gross" ? row.stressedGrossIncomeMinor : row.stressedIncomeMinor;
            const stressedFloor =
              pol.residualFloor.kind === "share-of-income"
                ? ceilTimes(pol.residualFloor.share, row.stressedIncomeMinor)
                : floor;
            const stressedResidual =
              row.stressedIncomeMinor - row.essentialExpensesMinor - row.existingDebtMinor - stressedFloor;
            expect(row.stressedCapacityMinor).toBe(
              Math.min(
                floorTimes(pol.stressedMaxRatio, stressedBasis) - row.existingDebtMinor,
                stressedResidual,
              ),
            );
            // Less income never leaves more after the floor, so the stressed residual limit is never looser.
            expect(stressedResidual).toBeLessThanOrEqual(residualLimit);
            // Unless the stressed cap on the reduced income is looser than the cap (HK: 60 % with no income
            // shock, the generic 60 % × 85 % = 51 % > 50 %), the stressed capacity is at most the capacity.
            if (!loosens) expect(row.stressedCapacityMinor).toBeLessThanOrEqual(row.capacityMinor);
          }
          const lowest = Math.min(...assessment.months.map((row) => row.capacityMinor));
          expect(assessment.lowestCapacityMinor).toBe(lowest);
          expect(assessment.months[assessment.lowestCapacityMonth]?.capacityMinor).toBe(lowest);
          expect(assessment.lowestStressedCapacityMinor).toBe(
            Math.min(...assessment.months.map((row) => row.stressedCapacityMinor)),
          );
          expect(assessment.explanation.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a seasonal monthly income pays exactly its yearly total over a calendar year (seasonality has mean 1)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc
          .array(fc.integer({ min: 0, max: 1000 }), { minLength: 12, maxLength: 12 })
          .filter((w) => w.some((x) => x > 0)),
        fc.integer({ min: 1, max: 28 }),
        (amount, weights, payDay) => {
          const profile = parseBorrowerProfile({
            currency: "USD",
            incomes: [
              {
                name: "harvest",
                amount: money(amount),
                payDate: formatIsoDate(dayFromCivil(2025, 12, payDay)),
                seasonality: weights.map(String),
              },
            ],
          });
          const rows = assessCapacity(profile, resolvePolicy("default"), dayFromCivil(2026, 1, 1), 12).months;
          const total = rows.reduce((sum, row) => sum + row.incomeMinor, 0);
          // Each month is rounded down by less than one minor unit; the exact total is 12 × amount.
          expect(total).toBeLessThanOrEqual(12 * amount);
          expect(total).toBeGreaterThan(12 * amount - 12);
          // Each month's income is proportional to its weight: amount × 12 × w / Σw, rounded down.
          const sum = weights.reduce((a, b) => a + b, 0);
          rows.forEach((row, index) => {
            expect(row.incomeMinor).toBe(Math.floor((amount * 12 * (weights[index] as number)) / sum));
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("weekly and biweekly income counts the pay dates a day-by-day scan finds", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(7, 14),
        isoDay,
        isoDay,
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        fc.integer({ min: 1, max: 14 }),
        (step, payDate, fromDay, endsAfter, months) => {
          const profile = parseBorrowerProfile({
            currency: "USD",
            incomes: [
              {
                name: "wage",
                amount: "100.00",
                frequency: step === 7 ? "weekly" : "biweekly",
                payDate: formatIsoDate(payDate),
                ...(endsAfter === undefined ? {} : { endsOn: formatIsoDate(payDate + endsAfter) }),
              },
            ],
          });
          const rows = assessCapacity(profile, resolvePolicy("default"), fromDay, months).months;
          for (const row of rows) {
            const first = dayFromCivil(row.year, row.month, 1);
            const last =
              dayFromCivil(
                row.month === 12 ? row.year + 1 : row.year,
                row.month === 12 ? 1 : row.month + 1,
                1,
              ) - 1;
            let count = 0;
            for (let d = first; d <= last; d++) {
              const paid =
                d >= payDate &&
                (d - payDate) % step === 0 &&
                (endsAfter === undefined || d <= payDate + endsAfter);
              if (paid) count += 1;
            }
            expect(row.incomeMinor).toBe(count * 10000);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
