import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar-date.ts";
import { TenorError } from "../core/errors.ts";
import { ratio } from "../core/ratio.ts";
import { assessCapacity } from "./capacity.ts";
import type { CapacityAssessment, MonthCapacity } from "./capacity-types.ts";
import { parseBorrowerProfile } from "./parse-borrower-profile.ts";
import { parsePolicyProfile } from "./parse-policy-profile.ts";
import { POLICY_IDS, resolvePolicy } from "./policy-registry.ts";

const day = (text: string) => parseIsoDate(text) as number;

/** The generic figures, written out: comfort 35 %, max 50 %, stressed 60 % on income −15 %, floor 10 %. */
const GENERIC = parsePolicyProfile({
  id: "generic-test",
  effectiveFrom: "2026-01-01",
  comfortPercent: "35",
  maxPercent: "50",
  stressedMaxPercent: "60",
  incomeShockPercent: "15",
  rateShockPoints: "2",
  residualFloor: { kind: "share-of-income", percent: "10" },
});

function profile(fields: Record<string, unknown>) {
  return parseBorrowerProfile({ currency: "EUR", ...fields });
}

const salary = (amount: string, extra: Record<string, unknown> = {}) => ({
  name: "salary",
  amount,
  payDate: "2026-01-25",
  ...extra,
});

function month(assessment: CapacityAssessment, index: number): MonthCapacity {
  const row = assessment.months[index];
  if (row === undefined) throw new Error(`no month ${index}`);
  return row;
}

describe("assessCapacity: one month, by hand", () => {
  it("the ratio cap binds", () => {
    // I = 3000.00, E = 1000.00, D = 300.00, floor = 10 % of I = 300.00.
    // ratio:    50 % × 3000 − 300 = 1200;  residual: 3000 − 1000 − 300 − 300 = 1400  → 1200, ratio.
    // comfort:  35 % × 3000 − 300 = 750 (< 1400).
    // stressed: I_s = 3000 × 0.85 = 2550; 60 % × 2550 − 300 = 1230; 2550 − 1000 − 300 − 255 = 995 → 995, residual.
    const assessment = assessCapacity(
      profile({
        incomes: [salary("3000.00")],
        expenses: [{ name: "rent", amount: "1000.00" }],
        debts: [{ name: "car", installment: "300.00" }],
      }),
      GENERIC,
      day("2026-03-10"),
      1,
    );
    expect(month(assessment, 0)).toEqual({
      year: 2026,
      month: 3,
      incomeMinor: 300000,
      grossIncomeMinor: 300000,
      essentialExpensesMinor: 100000,
      otherExpensesMinor: 0,
      existingDebtMinor: 30000,
      residualFloorMinor: 30000,
      capacityMinor: 120000,
      binding: "ratio",
      comfortCapacityMinor: 75000,
      stressedIncomeMinor: 255000,
      stressedGrossIncomeMinor: 255000,
      stressedCapacityMinor: 99500,
      stressedBinding: "residual",
    });
    expect(assessment.lowestCapacityMinor).toBe(120000);
    expect(assessment.lowestStressedCapacityMinor).toBe(99500);
    // 300 / 3000 = 1/10.
    expect(assessment.currentDebtRatio).toEqual(ratio(1n, 10n));
    expect(assessment.explanation[0]).toBe(
      "In March 2026 you could carry 1200.00 EUR a month in new installments: the 50 % debt-service cap binds (50 % of income 3000.00 EUR is 1500.00 EUR, less 300.00 EUR already paid on existing debts).",
    );
    expect(assessment.explanation).toContain(
      "To stay comfortable (debt service at most 35 % of income), keep new installments at or below 750.00 EUR a month.",
    );
    expect(assessment.explanation).toContain(
      "If income fell 15 %, the stress test allows new installments up to 995.00 EUR a month in March 2026: the residual-income floor binds (2550.00 EUR of reduced income, less 1000.00 EUR of essential spending, 300.00 EUR of existing debts and a reserve of 10 % of income, 255.00 EUR, leaves 995.00 EUR).",
    );
  });

  it("the residual-income floor binds", () => {
    // I = 3000, E = 1800 (+ 200 not essential, which neither limit counts), D = 300, floor 300.
    // ratio: 1500 − 300 = 1200; residual: 3000 − 1800 − 300 − 300 = 600 → 600, residual.
    // comfort: min(1050 − 300, 600) = 600.  stressed: min(1530 − 300, 2550 − 1800 − 300 − 255 = 195) = 195.
    const assessment = assessCapacity(
      profile({
        incomes: [salary("3000.00")],
        expenses: [
          { name: "rent", amount: "1800.00" },
          { name: "hobbies", amount: "200.00", essential: false },
        ],
        debts: [{ name: "car", installment: "300.00" }],
      }),
      GENERIC,
      day("2026-03-10"),
      1,
    );
    const row = month(assessment, 0);
    expect([row.capacityMinor, row.binding, row.comfortCapacityMinor]).toEqual([60000, "residual", 60000]);
    expect([row.stressedCapacityMinor, row.stressedBinding]).toEqual([19500, "residual"]);
    expect(row.otherExpensesMinor).toBe(20000);
    expect(assessment.explanation[0]).toMatch(
      /you could carry 600\.00 EUR .*the residual-income floor binds \(3000\.00 EUR of income, less 1800\.00 EUR of essential spending, 300\.00 EUR of existing debts and a reserve of 10 % of income, 300\.00 EUR, leaves 600\.00 EUR\)/,
    );
  });

  it("a negative capacity when existing commitments already exceed the cap", () => {
    // I = 1000, D = 600: ratio 500 − 600 = −100; residual 1000 − 0 − 600 − 100 = 300 → −100.
    const assessment = assessCapacity(
      profile({ incomes: [salary("1000.00")], debts: [{ name: "card", installment: "600.00" }] }),
      GENERIC,
      day("2026-03-10"),
      1,
    );
    expect(assessment.lowestCapacityMinor).toBe(-10000);
    expect(assessment.explanation[0]).toMatch(
      /already exceed what policy "generic-test" allows by 100\.00 EUR/,
    );
  });

  it("no income: nothing fits, and the answer says so", () => {
    const assessment = assessCapacity(profile({ incomes: [] }), GENERIC, day("2026-03-10"), 2);
    expect(assessment.months.map((row) => row.capacityMinor)).toEqual([0, 0]);
    expect(assessment.currentDebtRatio).toEqual(ratio(0n, 1n));
    expect(assessment.explanation[0]).toBe(
      "No income is projected from March 2026 to April 2026, so no new installment fits.",
    );
  });
});

describe("assessCapacity: month by month", () => {
  it("follows seasonal income, the tightest month first", () => {
    // A farmer: 2000.00 a month on average, 0.5 from January to August and 2 from September to December
    // (8 × 0.5 + 4 × 2 = 12: mean 1). January: I = 1000; ratio 500; residual 1000 − 100 = 900 → 500.
    // September: I = 4000; ratio 2000; residual 4000 − 400 = 3600 → 2000.
    const weights = ["0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "0.5", "2", "2", "2", "2"];
    const assessment = assessCapacity(
      profile({ incomes: [salary("2000.00", { payDate: "2026-01-20", seasonality: weights })] }),
      GENERIC,
      day("2026-01-01"),
      12,
    );
    expect(assessment.months.map((row) => row.incomeMinor)).toEqual([
      ...Array(8).fill(100000),
      ...Array(4).fill(400000),
    ]);
    expect(month(assessment, 0).capacityMinor).toBe(50000);
    expect(month(assessment, 8).capacityMinor).toBe(200000);
    expect([assessment.lowestCapacityMinor, assessment.lowestCapacityMonth]).toEqual([50000, 0]);
    expect(assessment.explanation[1]).toBe(
      "Capacity changes from month to month with pay dates, seasons, growth and debts that end: from 500.00 EUR (January 2026) to 2000.00 EUR (September 2026).",
    );
  });

  it("biweekly pay: a three-payday month has more room, the tightest is a two-payday month", () => {
    // 1200.00 every 14 days from Friday 2 Jan 2026: January has 2, 16 and 30 Jan (3600.00), February
    // 13 and 27 Feb (2400.00), March 13 and 27 Mar (2400.00). Essential spending 500.00.
    // January: ratio 1800; residual 3600 − 500 − 360 = 2740 → 1800.
    // February: ratio 1200; residual 2400 − 500 − 240 = 1660 → 1200 (the first tightest month).
    const assessment = assessCapacity(
      profile({
        incomes: [salary("1200.00", { frequency: "biweekly", payDate: "2026-01-02" })],
        expenses: [{ name: "rent", amount: "500.00" }],
      }),
      GENERIC,
      day("2026-01-01"),
      3,
    );
    expect(assessment.months.map((row) => row.incomeMinor)).toEqual([360000, 240000, 240000]);
    expect(assessment.months.map((row) => row.capacityMinor)).toEqual([180000, 120000, 120000]);
    expect(assessment.lowestCapacityMonth).toBe(1);
  });

  it("a debt ending mid-horizon frees its installment from the next month", () => {
    // I = 3000, E = 1000, car 400.00 a month until 15 March 2026.
    // January–March: ratio 1500 − 400 = 1100; residual 3000 − 1000 − 400 − 300 = 1300 → 1100.
    // April–May:     ratio 1500;            residual 1700                          → 1500.
    const assessment = assessCapacity(
      profile({
        incomes: [salary("3000.00")],
        expenses: [{ name: "rent", amount: "1000.00" }],
        debts: [{ name: "car", installment: "400.00", endsOn: "2026-03-15" }],
      }),
      GENERIC,
      day("2026-01-10"),
      5,
    );
    expect(assessment.months.map((row) => row.existingDebtMinor)).toEqual([40000, 40000, 40000, 0, 0]);
    expect(assessment.months.map((row) => row.capacityMinor)).toEqual([
      110000, 110000, 110000, 150000, 150000,
    ]);
    expect(assessment.explanation).toContain(
      "car ends in March 2026: from April 2026 about 400.00 EUR a month is freed.",
    );
  });

  it("grows income by whole years from the assessment day", () => {
    // 1000.00 on the 15th, +10 % a year, assessed from 10 Jan 2026 for 13 months: 15 Jan 2027 is past the
    // first anniversary, so January 2027 pays 1100.00; ratio 550 vs residual 1100 − 110 = 990 → 550.
    const assessment = assessCapacity(
      profile({ incomes: [salary("1000.00", { payDate: "2026-01-15", growthPercent: "10" })] }),
      GENERIC,
      day("2026-01-10"),
      13,
    );
    expect(month(assessment, 11).incomeMinor).toBe(100000);
    expect(month(assessment, 12).incomeMinor).toBe(110000);
    expect(month(assessment, 12).capacityMinor).toBe(55000);
  });

  it("rounds income down and the ratio cap down: no fraction of a minor unit", () => {
    // I = 1000.01 × 1.03 = 1030.0103 → 1030.01; 50 % of it = 515.005 → 515.00; floor 10 % = 103.001 → 103.01.
    // residual 1030.01 − 103.01 = 927.00; capacity 515.00.
    const assessment = assessCapacity(
      profile({ incomes: [salary("1000.01", { payDate: "2026-01-15", growthPercent: "3" })] }),
      GENERIC,
      day("2026-01-01"),
      13,
    );
    const row = month(assessment, 12);
    expect([row.incomeMinor, row.residualFloorMinor, row.capacityMinor]).toEqual([103001, 10301, 51500]);
  });
});

describe("assessCapacity: the US preset and the VA residual-income table", () => {
  const us = resolvePolicy("us");
  const usProfile = (fields: Record<string, unknown>) =>
    parseBorrowerProfile({
      currency: "USD",
      incomes: [{ name: "salary", amount: "4500.00", gross: "6000.00", payDate: "2026-01-31" }],
      expenses: [{ name: "housing", amount: "1500.00" }],
      debts: [{ name: "car", installment: "500.00" }],
      ...fields,
    });

  it("caps on gross income and floors at the table amount", () => {
    // Household of 3 in US-NE: the table gives 909.00.
    // ratio: 43 % × 6000 − 500 = 2580 − 500 = 2080; residual: 4500 − 1500 − 500 − 909 = 1591 → 1591, residual.
    // comfort 36 %: 2160 − 500 = 1660 → 1591.
    // stressed (−15 %): net 3825, gross 5100; 50 % × 5100 − 500 = 2050; 3825 − 1500 − 500 − 909 = 916 → 916.
    const assessment = assessCapacity(
      usProfile({ householdSize: 3, region: "US-NE" }),
      us,
      day("2026-01-01"),
      1,
    );
    const row = month(assessment, 0);
    expect([row.residualFloorMinor, row.capacityMinor, row.binding]).toEqual([90900, 159100, "residual"]);
    expect(row.comfortCapacityMinor).toBe(159100);
    expect([row.stressedIncomeMinor, row.stressedGrossIncomeMinor]).toEqual([382500, 510000]);
    expect([row.stressedCapacityMinor, row.stressedBinding]).toEqual([91600, "residual"]);
    // Existing debt / gross income: 500 / 6000 = 1/12.
    expect(assessment.currentDebtRatio).toEqual(ratio(1n, 12n));
    expect(assessment.explanation[0]).toMatch(
      /the minimum residual income of 909\.00 USD, the US-NE amount for a household of 3/,
    );
  });

  it("looks the region up ignoring case, adds $80 per member past five, and falls back to the highest row", () => {
    const floorOf = (fields: Record<string, unknown>) =>
      month(assessCapacity(usProfile(fields), us, day("2026-01-01"), 1), 0).residualFloorMinor;
    expect(floorOf({ householdSize: 3, region: "us-ne" })).toBe(90900);
    expect(floorOf({ householdSize: 1, region: "US-MW" })).toBe(44100);
    expect(floorOf({ householdSize: 5, region: "US-S" })).toBe(103900);
    // West, 7 members: 1158 (five) + 2 × 80 = 1318.
    expect(floorOf({ householdSize: 7, region: "US-W" })).toBe(131800);
    // Unknown or missing region, 3 members: the highest of 909 / 889 / 889 / 990 = 990 (West).
    expect(floorOf({ householdSize: 3, region: "US-XX" })).toBe(99000);
    expect(floorOf({ householdSize: 3 })).toBe(99000);
    const assessment = assessCapacity(usProfile({ householdSize: 3 }), us, day("2026-01-01"), 1);
    expect(assessment.explanation).toContain(
      "No region is given: the residual-income floor uses the table's highest amount for a household of 3, 990.00 USD.",
    );
  });

  it("refuses a profile in another currency than the policy's amounts", () => {
    const euro = parseBorrowerProfile({ currency: "EUR", incomes: [salary("3000.00")] });
    try {
      assessCapacity(euro, us, day("2026-01-01"), 1);
      throw new Error("expected a refusal");
    } catch (error) {
      expect(error).toBeInstanceOf(TenorError);
      expect((error as TenorError).code).toBe("INVALID_POLICY");
      expect((error as TenorError).issues[0]?.field).toBe("currency");
      expect((error as TenorError).issues[0]?.message).toMatch(/in USD but the borrower's profile is in EUR/);
    }
  });

  it("refuses a region not in a table that does not fall back", () => {
    const strict = parsePolicyProfile({
      extends: "us",
      id: "us-strict",
      residualFloor: {
        kind: "table",
        amounts: { "US-NE": ["450.00"] },
        perExtraMember: "80.00",
        fallback: "refuse",
      },
    });
    expect(() => assessCapacity(usProfile({ region: "US-W" }), strict, day("2026-01-01"), 1)).toThrow(
      /region: must be one of the regions of policy "us-strict": US-NE/,
    );
    // 2 members, one column: 450 + 80 = 530.
    const row = month(
      assessCapacity(usProfile({ region: "US-NE", householdSize: 2 }), strict, day("2026-01-01"), 1),
      0,
    );
    expect(row.residualFloorMinor).toBe(53000);
  });

  it("a fixed-amount floor grows with the household", () => {
    const fixed = parsePolicyProfile({
      id: "fixed-floor",
      effectiveFrom: "2026-01-01",
      currency: "EUR",
      maxPercent: "50",
      residualFloor: { kind: "amount", amount: "800.00", perExtraMember: "150.00" },
    });
    // 4 members: 800 + 3 × 150 = 1250. I = 3000: ratio 1500; residual 3000 − 1250 = 1750 → 1500.
    const row = month(
      assessCapacity(
        profile({ incomes: [salary("3000.00")], householdSize: 4 }),
        fixed,
        day("2026-01-01"),
        1,
      ),
      0,
    );
    expect([row.residualFloorMinor, row.capacityMinor, row.binding]).toEqual([125000, 150000, "ratio"]);
  });
});

describe("assessCapacity: every preset on one profile", () => {
  // Net 4000.00, gross 5000.00, essential spending 1000.00, existing debt 200.00, one person in US-NE, in USD so
  // that the US preset's amounts apply. Capacity = min(cap × basis − 200, 4000 − 1000 − 200 − floor).
  const shared = parseBorrowerProfile({
    currency: "USD",
    incomes: [{ name: "salary", amount: "4000.00", gross: "5000.00", payDate: "2026-01-31" }],
    expenses: [{ name: "rent", amount: "1000.00" }],
    debts: [{ name: "card", installment: "200.00" }],
    region: "US-NE",
  });
  // [capacity, stressed capacity] by hand:
  const expected: Record<string, [number, number]> = {
    // 50 % net: 2000 − 200 = 1800 (residual 2800 − 400 = 2400). Stressed: net 3400, 60 %: 2040 − 200 = 1840,
    // residual 3400 − 1200 − 340 = 1860 → 1840.
    default: [1800, 1840],
    // 43 % gross: 2150 − 200 = 1950 (residual 2800 − 450 = 2350). Stressed: gross 4250 × 50 % = 2125 − 200 = 1925,
    // residual 3400 − 1200 − 450 = 1750 → 1750.
    us: [1950, 1750],
    // 40 % net: 1600 − 200 = 1400. Stressed: 50 % × 3400 − 200 = 1500 (residual 1860).
    uk: [1400, 1500],
    // 55 % net: 2200 − 200 = 2000. Stressed: 55 % × 3400 − 200 = 1670 (residual 1860).
    cn: [2000, 1670],
    // 50 % net: 1800. Stressed: 50 % × 3400 − 200 = 1500.
    in: [1800, 1500],
    // 50 % gross: 2500 − 200 = 2300 (residual 2400). No income shock: 60 % × 5000 − 200 = 2800, residual 2400 → 2400.
    hk: [2300, 2400],
    // 44 % gross: 2200 − 200 = 2000. No income shock: 44 % again → 2000.
    ca: [2000, 2000],
  };

  it("covers every preset", () => {
    expect(Object.keys(expected)).toEqual([...POLICY_IDS]);
  });

  for (const id of POLICY_IDS) {
    it(`${id}: capacity and stressed capacity match the hand figures`, () => {
      const row = month(assessCapacity(shared, resolvePolicy(id), day("2026-01-01"), 1), 0);
      expect([row.capacityMinor / 100, row.stressedCapacityMinor / 100]).toEqual(expected[id]);
    });
  }

  it("names the rate stress and its minimum (Canada)", () => {
    const assessment = assessCapacity(shared, resolvePolicy("ca"), day("2026-01-01"), 1);
    expect(assessment.explanation).toContain(
      "A variable-rate installment is tested at its rate plus 2 percentage points, and at least 5.25 %, against that stressed figure.",
    );
  });
});
