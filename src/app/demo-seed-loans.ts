// The demo's loans, planned before anything is written: which borrower, which product and terms, when it was
// disbursed and how it has been paid. Every random draw happens here, so the portfolio depends only on the seed
// and the business date, whatever order (or parallelism) the loans are then booked in.
import { addDays, type DayNumber, formatIsoDate } from "../core/calendar-date.ts";
import type { DemoBorrower, RiskTier } from "./demo-seed-borrowers.ts";
import type { Random } from "./demo-seed-random.ts";

/** How a loan has been paid so far. */
export type Behaviour =
  | "on-time" // every installment on its due date
  | "late" // some installments a few days late (with the late fee when past the grace days)
  | "missed" // paid on time, then stopped: past due today
  | "returned" // one payment came back (NSF) and was paid again a week later
  | "prepaid" // an extra payment once, which shortens the loan
  | "paid-off" // paid off early in one payment
  | "written-off"; // stopped paying early; written off months later

export interface LoanPlan {
  readonly applicationId: string;
  readonly borrowerId: string;
  readonly productId: string;
  readonly choices: {
    readonly principal: string;
    readonly installments?: number | undefined;
    readonly interestRate: string;
    readonly fees?: Readonly<Record<string, string>> | undefined;
  };
  readonly disbursementDate: string;
  readonly behaviour: Behaviour;
  /** Days late of each installment's payment (0: on time); used by "late". */
  readonly lateness: readonly number[];
  /** "missed": the days past due aimed at today. "written-off": days from the missed due date to the write-off. */
  readonly targetDays: number;
  /** Which installment (a share in percent of those already due) the special event happens at. */
  readonly atPercent: number;
  /** "prepaid": the extra payment in whole dollars. "missed": a partial payment of the missed installment, in percent (0: none). */
  readonly extra: number;
}

const BEHAVIOURS: Readonly<Record<RiskTier, Readonly<Record<Exclude<Behaviour, "written-off">, number>>>> = {
  prime: { "on-time": 71, late: 10, missed: 4, returned: 4, prepaid: 6, "paid-off": 5 },
  "near-prime": { "on-time": 53, late: 18, missed: 14, returned: 6, prepaid: 4, "paid-off": 5 },
  subprime: { "on-time": 33, late: 24, missed: 30, returned: 8, prepaid: 1, "paid-off": 4 },
};

interface ProductDraw {
  readonly choices: LoanPlan["choices"];
  readonly installments: number;
  /** How long ago it may have been disbursed, in days. */
  readonly ageDays: readonly [number, number];
}

const PRODUCTS: Readonly<Record<string, (random: Random) => ProductDraw>> = {
  annuity: (random) => {
    const installments = random.pick([6, 12, 12, 18, 24, 24, 36, 48]);
    return {
      choices: {
        principal: dollars(random.int(4, 60) * 250),
        installments,
        interestRate: `${random.int(8, 28)}.${random.pick([0, 5, 9])}`,
        fees: { origination: dollars(random.pick([0, 25, 50, 75])) },
      },
      installments,
      ageDays: [10, 420],
    };
  },
  classic: (random) => {
    const installments = random.pick([12, 24, 36, 48, 60]);
    return {
      choices: {
        principal: dollars(random.int(4, 80) * 500),
        installments,
        interestRate: `${random.int(6, 23)}.${random.pick([0, 5])}`,
      },
      installments,
      ageDays: [10, 420],
    };
  },
  flat: (random) => {
    const installments = random.pick([6, 8, 10, 12, 16, 20, 26]);
    return {
      choices: {
        principal: dollars(random.int(6, 100) * 50),
        installments,
        interestRate: String(random.int(10, 30)),
      },
      installments,
      ageDays: [5, 300],
    };
  },
  payday: (random) => ({
    choices: {
      principal: dollars(random.int(4, 40) * 25),
      interestRate: random.pick(["0.15", "0.2", "0.25", "0.3", "0.35", "0.4"]),
    },
    installments: 1,
    ageDays: [3, 120],
  }),
  bullet: (random) => {
    const installments = random.pick([6, 12, 18, 24]);
    return {
      choices: {
        principal: dollars(random.int(5, 100) * 1000),
        installments,
        interestRate: `${random.int(5, 17)}.${random.pick([0, 25, 5, 75])}`,
      },
      installments,
      ageDays: [10, 500],
    };
  },
};

const PRODUCT_WEIGHTS = { annuity: 35, classic: 15, flat: 20, payday: 15, bullet: 15 };

export function planLoans(
  random: Random,
  borrowers: readonly DemoBorrower[],
  count: number,
  businessDay: DayNumber,
): LoanPlan[] {
  // One or two written-off loans in a few hundred, whatever the tiers drawn.
  const writtenOff = new Set<number>();
  const writeOffs = Math.min(count, Math.max(1, Math.round(count / 150)));
  while (writtenOff.size < writeOffs) writtenOff.add(random.int(0, count - 1));
  const plans: LoanPlan[] = [];
  for (let index = 0; index < count; index++) {
    // Every borrower gets a loan first, then loans go to borrowers at random (some have several).
    const borrower = index < borrowers.length ? (borrowers[index] as DemoBorrower) : random.pick(borrowers);
    const behaviour: Behaviour = writtenOff.has(index)
      ? "written-off"
      : random.weighted(BEHAVIOURS[borrower.tier]);
    const productId =
      behaviour === "written-off" ? random.pick(["annuity", "classic"]) : random.weighted(PRODUCT_WEIGHTS);
    const product = (PRODUCTS[productId] as (random: Random) => ProductDraw)(random);
    // A written-off loan is old enough for its arrears to have run for months before the write-off.
    const [youngest, oldest] = behaviour === "written-off" ? [300, 420] : product.ageDays;
    const age = random.int(youngest, oldest);
    const lateness: number[] = [];
    for (let k = 0; k < product.installments; k++)
      lateness.push(behaviour === "late" && random.chance(35) ? random.int(1, 24) : 0);
    plans.push({
      applicationId: `app-${String(index + 1).padStart(4, "0")}`,
      borrowerId: borrower.borrowerId,
      productId,
      choices: product.choices,
      disbursementDate: formatIsoDate(addDays(businessDay, -age)),
      behaviour,
      lateness,
      targetDays: behaviour === "written-off" ? random.int(120, 170) : missedDays(random),
      atPercent: random.int(0, 99),
      extra:
        behaviour === "prepaid"
          ? random.int(2, 12) * 100
          : behaviour === "missed" && random.chance(30)
            ? random.int(20, 70)
            : 0,
    });
  }
  return plans;
}

/** Days past due aimed at for a missed loan, spread over the delinquency buckets. */
function missedDays(random: Random): number {
  const bucket = random.weighted({ early: 40, month: 25, twoMonths: 15, long: 20 });
  if (bucket === "early") return random.int(5, 28);
  if (bucket === "month") return random.int(35, 58);
  if (bucket === "twoMonths") return random.int(65, 88);
  return random.int(95, 200);
}

function dollars(whole: number): string {
  return `${whole}.00`;
}
