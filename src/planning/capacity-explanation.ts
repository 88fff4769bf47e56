// The plain-language sentences of a capacity assessment: which limit binds in the tightest month and with
// which figures, the comfortable level, the stress test, and the changes ahead (a debt that ends).
import { formatMinor } from "../core/money.ts";
import { mulRatio, type Ratio, ratioFromInt } from "../core/ratio.ts";
import { decimalText } from "../schedule/terms-parser/message-text.ts";
import type { BorrowerProfile } from "./borrower-profile.ts";
import type { ResolvedFloor } from "./capacity-floor.ts";
import { limits, type MonthLimits } from "./capacity-limits.ts";
import type { CapacityAssessment, MonthCapacity } from "./capacity-types.ts";
import { type CalendarMonth, ceilMinor, monthlyEquivalent } from "./income-projection.ts";
import type { PolicyProfile } from "./policy-profile.ts";

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export function monthName(row: { readonly year: number; readonly month: number }): string {
  return `${MONTH_NAMES[row.month - 1]} ${row.year}`;
}

/** A fraction as a percent for sentences: 1/2 → "50 %", 43/100 → "43 %", 1/8 → "12.5 %". */
export function percentText(fraction: Ratio): string {
  return `${decimalText(mulRatio(fraction, ratioFromInt(100)))} %`;
}

export function explainCapacity(
  profile: BorrowerProfile,
  policy: PolicyProfile,
  floor: ResolvedFloor,
  calendar: readonly CalendarMonth[],
  assessment: Omit<CapacityAssessment, "explanation">,
  lowestStressed: number,
): string[] {
  const money = (minor: number): string =>
    `${formatMinor(minor, profile.currency.digits)} ${profile.currency.code}`;
  const rows = assessment.months;
  const tightest = rows[assessment.lowestCapacityMonth] as MonthCapacity;
  const sentences: string[] = [];
  const basisWord = policy.incomeBasis === "gross" ? "gross income" : "income";

  if (rows.every((row) => row.incomeMinor === 0)) {
    sentences.push(
      `No income is projected from ${monthName(rows[0] as MonthCapacity)} to ${monthName(rows.at(-1) as MonthCapacity)}, so no new installment fits.`,
    );
  }
  const reason = (row: MonthCapacity, cap: Ratio, capName: string, stressed: boolean): string => {
    const net = stressed ? row.stressedIncomeMinor : row.incomeMinor;
    const gross = stressed ? row.stressedGrossIncomeMinor : row.grossIncomeMinor;
    const basis = policy.incomeBasis === "gross" ? gross : net;
    const l: MonthLimits = limits(cap, basis, net, row.essentialExpensesMinor, row.existingDebtMinor, floor);
    const reduced = stressed && policy.incomeShock.num > 0n ? "reduced " : "";
    if (l.binding === "ratio") {
      return `the ${percentText(cap)} ${capName} binds (${percentText(cap)} of ${reduced}${basisWord} ${money(basis)} is ${money(l.ratioLimit + row.existingDebtMinor)}, less ${money(row.existingDebtMinor)} already paid on existing debts)`;
    }
    return `the residual-income floor binds (${money(net)} of ${reduced}income, less ${money(row.essentialExpensesMinor)} of essential spending, ${money(row.existingDebtMinor)} of existing debts and ${floorText(l.floorMinor)}, leaves ${money(l.residualLimit)})`;
  };
  const floorText = (amount: number): string => {
    if (floor.kind === "share") return `a reserve of ${percentText(floor.share)} of income, ${money(amount)}`;
    const where =
      floor.tableRegion !== undefined
        ? `, the ${floor.tableRegion} amount for a household of ${profile.householdSize}`
        : "";
    return `the minimum residual income of ${money(amount)}${where}`;
  };

  const when =
    rows.length > 1 ? `In the tightest month (${monthName(tightest)})` : `In ${monthName(tightest)}`;
  if (tightest.capacityMinor >= 0) {
    sentences.push(
      `${when} you could carry ${money(tightest.capacityMinor)} a month in new installments: ${reason(tightest, policy.maxRatio, "debt-service cap", false)}.`,
    );
  } else {
    sentences.push(
      `${when} your existing commitments already exceed what policy "${policy.id}" allows by ${money(-tightest.capacityMinor)}, so no new installment fits: ${reason(tightest, policy.maxRatio, "debt-service cap", false)}.`,
    );
  }

  const highest = rows.reduce((best, row) => (row.capacityMinor > best.capacityMinor ? row : best), tightest);
  if (highest.capacityMinor !== tightest.capacityMinor) {
    sentences.push(
      `Capacity changes from month to month with pay dates, seasons, growth and debts that end: from ${money(tightest.capacityMinor)} (${monthName(tightest)}) to ${money(highest.capacityMinor)} (${monthName(highest)}).`,
    );
  }

  const comfortLow = rows.reduce((low, row) =>
    row.comfortCapacityMinor < low.comfortCapacityMinor ? row : low,
  );
  sentences.push(
    comfortLow.comfortCapacityMinor > 0
      ? `To stay comfortable (debt service at most ${percentText(policy.comfortRatio)} of ${basisWord}), keep new installments at or below ${money(comfortLow.comfortCapacityMinor)} a month${rows.length > 1 ? ` (tightest in ${monthName(comfortLow)})` : ""}.`
      : `No new installment keeps debt service within the comfortable ${percentText(policy.comfortRatio)} of ${basisWord} in ${monthName(comfortLow)}.`,
  );

  const stressedRow = rows[lowestStressed] as MonthCapacity;
  const shock =
    policy.incomeShock.num === 0n
      ? "With income as projected"
      : `If income fell ${percentText(policy.incomeShock)}`;
  sentences.push(
    stressedRow.stressedCapacityMinor >= 0
      ? `${shock}, the stress test allows new installments up to ${money(stressedRow.stressedCapacityMinor)} a month in ${monthName(stressedRow)}: ${reason(stressedRow, policy.stressedMaxRatio, "stressed debt-service cap", true)}.${stressedRow.stressedCapacityMinor >= tightest.capacityMinor ? " That is no lower than the limit without stress, so for a fixed-rate loan the stress test adds no further limit." : ""}`
      : `${shock}, nothing new would fit in ${monthName(stressedRow)} (short by ${money(-stressedRow.stressedCapacityMinor)}): ${reason(stressedRow, policy.stressedMaxRatio, "stressed debt-service cap", true)}.`,
  );
  if (policy.rateShockPoints.num > 0n) {
    const minimum =
      policy.minimumStressRatePercent === undefined
        ? ""
        : `, and at least ${decimalText(policy.minimumStressRatePercent)} %`;
    sentences.push(
      `A variable-rate installment is tested at its rate plus ${decimalText(policy.rateShockPoints)} percentage points${minimum}, against that stressed figure.`,
    );
  }

  if (floor.kind === "fixed" && floor.fallback) {
    const region =
      profile.region === undefined ? "No region is given" : `Region ${profile.region} is not in the table`;
    sentences.push(
      `${region}: the residual-income floor uses the table's highest amount for a household of ${profile.householdSize}, ${money(floor.amountMinor)}.`,
    );
  }

  const horizonEnd = (calendar.at(-1) as CalendarMonth).firstDay;
  const start = (calendar[0] as CalendarMonth).firstDay;
  for (const debt of profile.debts) {
    if (debt.endsOn !== undefined && debt.endsOn >= start && debt.endsOn < horizonEnd) {
      const index = calendar.findIndex((month) => month.lastDay >= (debt.endsOn as number));
      const freed = ceilMinor(monthlyEquivalent(debt.installmentMinor, debt.frequency));
      const next = rows[index + 1] as MonthCapacity;
      sentences.push(
        `${debt.name} ends in ${monthName(rows[index] as MonthCapacity)}: from ${monthName(next)} about ${money(freed)} a month is freed.`,
      );
    }
  }
  return sentences;
}
