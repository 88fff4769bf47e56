// The demo's borrowers: names and financial profiles (docs/reference/borrower-profile.md) in USD, drawn from the
// seeded generator. Each borrower has a risk tier that shapes both the profile (income, debts, savings, past
// arrears) and, later, how their loans are paid, so that the weak profiles are the ones that fall behind.
import { addDays, type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import type { Random } from "./demo-seed-random.ts";

export type RiskTier = "prime" | "near-prime" | "subprime";

export interface DemoBorrower {
  readonly borrowerId: string;
  readonly name: string;
  readonly tier: RiskTier;
  readonly profile: Record<string, unknown>;
}

const FIRST_NAMES = [
  "Ava",
  "Liam",
  "Sofia",
  "Noah",
  "Mia",
  "Ethan",
  "Isabel",
  "Lucas",
  "Chloe",
  "Mateo",
  "Grace",
  "Omar",
  "Hannah",
  "Daniel",
  "Priya",
  "James",
  "Mei",
  "Samuel",
  "Leah",
  "Diego",
  "Nora",
  "Wei",
  "Amara",
  "Jonah",
  "Elena",
  "Kofi",
  "Ruth",
  "Hiroshi",
  "Zoe",
  "Andre",
];
const LAST_NAMES = [
  "Johnson",
  "Garcia",
  "Nguyen",
  "Smith",
  "Patel",
  "Brown",
  "Kim",
  "Lopez",
  "Okafor",
  "Miller",
  "Chen",
  "Davis",
  "Rossi",
  "Wilson",
  "Haddad",
  "Moore",
  "Silva",
  "Clark",
  "Novak",
  "Lewis",
  "Tanaka",
  "Walker",
  "Mensah",
  "Young",
  "Cohen",
];
const REGIONS = ["US-NE", "US-MW", "US-S", "US-W"];

const dollars = (whole: number): string => `${whole}.00`;

/** Rounds a whole-dollar amount to a multiple of `step`. */
const roundTo = (value: number, step: number): number => Math.max(step, Math.round(value / step) * step);

export function demoBorrowers(random: Random, count: number, businessDay: DayNumber): DemoBorrower[] {
  const borrowers: DemoBorrower[] = [];
  for (let index = 0; index < count; index++) {
    const tier = random.weighted<RiskTier>({ prime: 50, "near-prime": 32, subprime: 18 });
    const name = `${FIRST_NAMES[index % FIRST_NAMES.length]} ${random.pick(LAST_NAMES)}`;
    borrowers.push({
      borrowerId: `bor-${String(index + 1).padStart(3, "0")}`,
      name,
      tier,
      profile: profileFor(random, tier, businessDay),
    });
  }
  return borrowers;
}

function profileFor(random: Random, tier: RiskTier, businessDay: DayNumber): Record<string, unknown> {
  const monthlyNet =
    tier === "prime"
      ? random.int(4200, 9500)
      : tier === "near-prime"
        ? random.int(2800, 5200)
        : random.int(1700, 3400);
  const biweekly = random.chance(40);
  // One payment of a biweekly salary is 12/26 of a month's; the last pay date lies in the past fortnight
  // (or month), as the reference asks for a running salary.
  const payment = biweekly ? roundTo((monthlyNet * 12) / 26, 5) : roundTo(monthlyNet, 5);
  const salary: Record<string, unknown> = {
    name: "salary",
    amount: dollars(payment),
    gross: dollars(roundTo((payment * 13) / 10, 5)),
    frequency: biweekly ? "biweekly" : "monthly",
    payDate: formatIsoDate(addDays(businessDay, -random.int(1, biweekly ? 13 : 27))),
  };
  if (random.chance(30)) salary.growthPercent = String(random.int(1, 4));
  const incomes: Record<string, unknown>[] = [salary];
  if (random.chance(20)) {
    incomes.push({
      name: "side work",
      amount: dollars(roundTo(random.int(200, 900), 10)),
      frequency: "monthly",
      payDate: formatIsoDate(addDays(businessDay, -random.int(1, 27))),
    });
  }
  const householdSize = random.weighted({ 1: 30, 2: 30, 3: 20, 4: 15, 5: 5 });
  const housing = random.weighted(
    tier === "prime"
      ? { owner: 55, rent: 40, parents: 5 }
      : tier === "near-prime"
        ? { owner: 25, rent: 65, parents: 10 }
        : { owner: 5, rent: 75, parents: 20 },
  );
  const housingCost =
    housing === "parents"
      ? roundTo((monthlyNet * 8) / 100, 25)
      : roundTo((monthlyNet * random.int(24, 38)) / 100, 25);
  const expenses: Record<string, unknown>[] = [
    {
      name: housing === "owner" ? "mortgage" : housing === "rent" ? "rent" : "board",
      amount: dollars(housingCost),
      frequency: "monthly",
      essential: true,
    },
    {
      name: "food and utilities",
      amount: dollars(roundTo(320 + 210 * Number(householdSize), 10)),
      frequency: "monthly",
      essential: true,
    },
    {
      name: "transport",
      amount: dollars(roundTo(random.int(90, 420), 10)),
      frequency: "monthly",
      essential: true,
    },
    {
      name: "leisure",
      amount: dollars(roundTo((monthlyNet * random.int(4, 12)) / 100, 10)),
      frequency: "monthly",
      essential: false,
    },
  ];
  if (random.chance(35))
    expenses.push({ name: "insurance", amount: dollars(random.int(120, 600)), frequency: "quarterly" });
  const debts: Record<string, unknown>[] = [];
  if (random.chance(tier === "subprime" ? 70 : 40)) {
    const installment = roundTo(random.int(180, 520), 5);
    debts.push({
      name: "car",
      installment: dollars(installment),
      frequency: "monthly",
      balance: dollars(installment * random.int(6, 48)),
      endsOn: formatIsoDate(addDays(businessDay, random.int(120, 1400))),
      ratePercent: String(random.int(4, 14)),
    });
  }
  if (random.chance(tier === "prime" ? 25 : 55)) {
    debts.push({
      name: "credit card",
      installment: dollars(roundTo(random.int(40, 260), 5)),
      frequency: "monthly",
      balance: dollars(roundTo(random.int(600, 7800), 50)),
      ratePercent: String(random.int(19, 29)),
    });
  }
  const employmentType =
    tier === "prime"
      ? random.weighted({ fixed: 85, freelance: 15 })
      : random.weighted({ fixed: 55, freelance: 15, "part-time": 25, other: 5 });
  return {
    currency: "USD",
    incomes,
    expenses,
    debts,
    liquidSavings: dollars(
      roundTo(monthlyNet * (tier === "prime" ? random.int(2, 9) : random.int(0, 2)) + random.int(0, 900), 50),
    ),
    assets: dollars(
      housing === "owner"
        ? roundTo(random.int(120, 650) * 1000, 1000)
        : roundTo(random.int(2, 40) * 500, 500),
    ),
    householdSize: Number(householdSize),
    region: random.pick(REGIONS),
    employment: { type: employmentType, years: random.int(tier === "subprime" ? 0 : 1, 22) },
    housing,
    pastArrears: tier === "subprime" ? random.chance(60) : tier === "near-prime" ? random.chance(15) : false,
  };
}
