/**
 * fast-check arbitraries producing VALID terms documents (docs/reference/terms.md), spread over every loan
 * type, period form, day count, rounding rule, grace, fee and payment method.
 *
 * Each family is one `fc.gen()` builder: the document is assembled step by step so that every validity rule
 * (payday → 1 installment, per term → n = K, grace k < n, placements only with the types that accept them, …)
 * holds by construction. Simple choices come first in every list so that shrinking heads towards plain loans.
 */
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { bigint, chance, type G, int, pick, weighted } from "../support/draw.ts";

export type TermsDocument = Record<string, unknown>;

export const FAMILIES = ["level", "methods", "equal", "interest-only", "grace", "fees", "long"] as const;
export type Family = (typeof FAMILIES)[number];

function formatMinor(minor: bigint, digits: number): string {
  const text = minor.toString().padStart(digits + 1, "0");
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** A decimal string with `decimals` digits for the integer `scaled` / 10^decimals. */
function formatScaled(scaled: number, decimals: number): string {
  return formatMinor(BigInt(scaled), decimals);
}

const CURRENCIES = [
  ["EUR", 2],
  ["USD", 2],
  ["JPY", 0],
  ["KWD", 3],
  ["CLF", 4],
] as const;

// ------------------------------------------------------------------------------------------------------------
// periods
// ------------------------------------------------------------------------------------------------------------

interface PeriodChoice {
  /** The `period` field, or undefined to leave the default (monthly). */
  value: unknown;
  /** Approximate length in days. */
  days: number;
  /** Periods per year, approximately (for rate estimates). */
  perYear: number;
  perTerm: boolean;
  /** The regular first due date t(1) from a disbursement date D. */
  next: (d: Temporal.PlainDate) => Temporal.PlainDate;
}

const addMonthsFn = (months: number) => (d: Temporal.PlainDate) => d.add({ months });
const addDaysFn = (days: number) => (d: Temporal.PlainDate) => d.add({ days });
const timesFn = (k: number, months: number) => (d: Temporal.PlainDate) => {
  const b1 = d.add({ months });
  return d.add({ days: Math.floor(d.until(b1).days / k) });
};

function namedPeriod(name: string): PeriodChoice {
  switch (name) {
    case "weekly":
      return { value: name, days: 7, perYear: 52, perTerm: false, next: addDaysFn(7) };
    case "biweekly":
      return { value: name, days: 14, perYear: 26, perTerm: false, next: addDaysFn(14) };
    case "semi-monthly":
      return { value: name, days: 15.2, perYear: 24, perTerm: false, next: timesFn(2, 1) };
    case "quarterly":
      return { value: name, days: 91.3, perYear: 4, perTerm: false, next: addMonthsFn(3) };
    case "semi-annual":
      return { value: name, days: 182.6, perYear: 2, perTerm: false, next: addMonthsFn(6) };
    case "yearly":
      return { value: name, days: 365.25, perYear: 1, perTerm: false, next: addMonthsFn(12) };
    default:
      return { value: name, days: 30.44, perYear: 12, perTerm: false, next: addMonthsFn(1) };
  }
}

/** A period such that n installments span at most ~100 years. */
function drawPeriod(g: G, n: number, allowPerTerm: boolean): PeriodChoice {
  const maxDays = 36500 / n;
  const kind = weighted(g, [
    [10, "named"],
    [2, "default"],
    [5, "every"],
    [2, "per-month"],
    [2, "per-year"],
    [allowPerTerm ? 2 : 0, "per-term"],
  ] as const);
  switch (kind) {
    case "default":
      return { ...namedPeriod("monthly"), value: undefined };
    case "named": {
      const name = pick(g, [
        "monthly",
        "weekly",
        "biweekly",
        "semi-monthly",
        "quarterly",
        "semi-annual",
        "yearly",
      ]);
      const choice = namedPeriod(name);
      return choice.days <= maxDays ? choice : namedPeriod("monthly");
    }
    case "every": {
      const unit = pick(g, ["month", "day", "week", "year"] as const);
      const unitDays = { day: 1, week: 7, month: 30.44, year: 365.25 }[unit];
      const cap = { day: 400, week: 10, month: 24, year: 3 }[unit];
      const maxEvery = Math.min(cap, Math.floor(maxDays / unitDays));
      if (maxEvery < 1) return namedPeriod("monthly");
      const every = int(g, 1, maxEvery);
      const value = { every, unit };
      const days = every * unitDays;
      const next =
        unit === "day"
          ? addDaysFn(every)
          : unit === "week"
            ? addDaysFn(7 * every)
            : addMonthsFn(unit === "month" ? every : 12 * every);
      return { value, days, perYear: 365.25 / days, perTerm: false, next };
    }
    case "per-month": {
      // K ≤ 28 so that the K points of a February are distinct days.
      const k = weighted(g, [
        [3, int(g, 1, 4)],
        [1, int(g, 5, 28)],
      ]);
      return {
        value: { times: k, per: "month" },
        days: 30.44 / k,
        perYear: 12 * k,
        perTerm: false,
        next: timesFn(k, 1),
      };
    }
    case "per-year": {
      const minK = Math.max(1, Math.ceil(n / 100));
      const k = weighted(g, [
        [3, int(g, minK, Math.max(minK, 52))],
        [1, int(g, minK, 365)],
      ]);
      return {
        value: { times: k, per: "year" },
        days: 365.25 / k,
        perYear: k,
        perTerm: false,
        next: timesFn(k, 12),
      };
    }
    case "per-term": {
      // n = K points over one term that has at least K days.
      const unit = pick(g, ["month", "year", "week", "day"] as const);
      let every: number;
      let termDays: number;
      switch (unit) {
        case "day":
          every = int(g, Math.max(n, 7), Math.max(n, 7) + 2000);
          termDays = every;
          break;
        case "week":
          every = int(g, Math.ceil(n / 7), Math.ceil(n / 7) + 100);
          termDays = 7 * every;
          break;
        case "month":
          every = int(g, Math.ceil(n / 28), Math.ceil(n / 28) + 36);
          termDays = 30.44 * every;
          break;
        default:
          every = int(g, Math.ceil(n / 365), Math.ceil(n / 365) + 5);
          termDays = 365.25 * every;
      }
      return {
        value: { times: n, per: "term", term: { every, unit } },
        days: termDays / n,
        perYear: (365.25 * n) / termDays,
        perTerm: true,
        next: (d) => d,
      };
    }
  }
}

// ------------------------------------------------------------------------------------------------------------
// dates, money, rates
// ------------------------------------------------------------------------------------------------------------

function drawDisbursement(g: G): Temporal.PlainDate {
  const year = int(g, 1990, 2090);
  const month = int(g, 1, 12);
  const firstOfMonth = Temporal.PlainDate.from({ year, month, day: 1 });
  const kind = weighted(g, [
    [6, "any"],
    [2, "month-end"],
    [1, "29-feb"],
    [1, "29-31"],
  ] as const);
  switch (kind) {
    case "any":
      return firstOfMonth.with({ day: int(g, 1, 28) });
    case "month-end":
      return firstOfMonth.with({ day: firstOfMonth.daysInMonth });
    case "29-feb": {
      let y = year;
      while (!Temporal.PlainDate.from({ year: y, month: 1, day: 1 }).inLeapYear) y++;
      return Temporal.PlainDate.from({ year: y, month: 2, day: 29 });
    }
    case "29-31":
      return firstOfMonth.with({ day: Math.min(int(g, 29, 31), firstOfMonth.daysInMonth) });
  }
}

/** Principal in minor units: 1 major unit … 10^13 minor units, log-spread. */
function drawPrincipal(g: G, digits: number, large: boolean): bigint {
  const one = 10n ** BigInt(digits);
  const max = 10n ** 13n;
  const kind = weighted(g, [
    [large ? 0 : 1, "one-unit"],
    [large ? 2 : 8, "log"],
    [large ? 6 : 1, "large"],
  ] as const);
  if (kind === "one-unit") return one;
  if (kind === "large") return bigint(g, 10n ** 11n, max);
  const e = int(g, digits, 12);
  let p = bigint(g, 10n ** BigInt(e), 10n ** BigInt(e + 1) - 1n);
  if (chance(g, 0.5)) p = (p / one) * one; // whole major units, like most real loans
  if (p < one) p = one;
  return p > max ? max : p;
}

interface RateChoice {
  interest: Record<string, unknown>;
  /** Approximate yearly fraction of the principal charged as interest (for estimates only). */
  yearly: number;
}

const UNITS_PER_YEAR = { year: 1, month: 12, week: 52, day: 365 } as const;

function drawRate(
  g: G,
  principal: bigint,
  digits: number,
  options: { amount: boolean; maxYearly: number },
): RateChoice {
  const per = weighted(g, [
    [15, "year"],
    [2, "month"],
    [1, "week"],
    [2, "day"],
  ] as const);
  const unitsPerYear = UNITS_PER_YEAR[per];
  const interest: Record<string, unknown> = {};
  if (per !== "year" || chance(g, 0.1)) interest.per = per;
  if (options.amount && chance(g, 0.1)) {
    // Money per unit of time, up to ~30 % of the principal a year.
    interest.kind = "amount";
    const maxMinor =
      (principal * BigInt(Math.round(options.maxYearly * 3000))) / (10000n * BigInt(unitsPerYear));
    const amount = bigint(g, 0n, maxMinor);
    interest.rate = formatMinor(amount, digits);
    return { interest, yearly: (Number(amount) * unitsPerYear) / Number(principal) };
  }
  const decimals = per === "day" ? pick(g, [2, 3, 4, 6]) : pick(g, [0, 1, 2, 4]);
  const scale = 10 ** decimals;
  const maxScaled = Math.floor((options.maxYearly * 100 * scale) / unitsPerYear);
  const scaled = weighted(g, [
    [1, 0],
    [16, int(g, 0, maxScaled)],
    [3, int(g, 0, Math.floor(maxScaled / 12))],
  ]);
  const text = formatScaled(scaled, decimals);
  interest.rate = chance(g, 0.1) && text.length <= 7 ? Number(text) : text;
  return { interest, yearly: (scaled / scale / 100) * unitsPerYear };
}

/** A level installment estimate (floating point — only to make realistic plans and balloon payments). */
function approxLevel(principal: number, periodRate: number, count: number): number {
  if (count <= 0) return principal;
  if (periodRate <= 1e-12) return principal / count;
  return (principal * periodRate) / (1 - (1 + periodRate) ** -count);
}

// ------------------------------------------------------------------------------------------------------------
// grace, payment methods, fees
// ------------------------------------------------------------------------------------------------------------

interface GraceChoice {
  doc: Record<string, unknown>;
  k: number;
  deferred: boolean;
}

function drawGrace(g: G, n: number): GraceChoice {
  const k = weighted(g, [
    [4, int(g, 1, Math.min(n - 1, 3))],
    [1, int(g, 1, n - 1)],
  ]);
  if (chance(g, 0.5)) {
    return {
      doc: { installments: k, type: pick(g, ["interest-only", "no-interest", "capitalized"]) },
      k,
      deferred: true,
    };
  }
  const doc: Record<string, unknown> = { installments: k };
  const principal = pick(g, [undefined, "deferred", "due"] as const);
  if (principal !== undefined) doc.principal = principal;
  const interest =
    principal === "due"
      ? pick(g, [undefined, "paid", "waived"] as const)
      : pick(g, [undefined, "paid", "waived", "capitalized", "spread"] as const);
  if (interest !== undefined) doc.interest = interest;
  const fees = pick(g, [undefined, "charged", "waived"] as const);
  if (fees !== undefined) doc.fees = fees;
  return { doc, k, deferred: principal !== "due" };
}

type MethodName = "standard" | "optimized" | "balloon-payment" | "balloon-target" | "graduated" | "plan";

function drawMethod(
  g: G,
  name: MethodName,
  ctx: { principal: bigint; digits: number; n: number; amortizing: number; periodRate: number },
): Record<string, unknown> | undefined {
  const level = approxLevel(Number(ctx.principal), ctx.periodRate, ctx.amortizing);
  // A given payment must not fall below its period's interest (PAYMENT_BELOW_INTEREST): keep a margin.
  const interestOnly = Number(ctx.principal) * ctx.periodRate;
  const money = (x: number): string => formatMinor(BigInt(Math.max(1, Math.round(x))), ctx.digits);
  switch (name) {
    case "standard":
      return pick(g, [undefined, { type: "standard" }]);
    case "optimized":
      return { type: "optimized" };
    case "balloon-payment":
      return {
        type: "balloon",
        payment: money(Math.max((level * int(g, 60, 140)) / 100, interestOnly * 1.3 + 1)),
      };
    case "balloon-target": {
      const target = (ctx.principal * BigInt(int(g, 5, 95))) / 100n;
      if (target < 1n) return { type: "standard" };
      return { type: "balloon", balloon: formatMinor(target, ctx.digits) };
    }
    case "graduated": {
      const change = int(g, -2000, 2000);
      return {
        type: "graduated",
        changePercent: `${change < 0 ? "-" : ""}${formatScaled(Math.abs(change), 2)}`,
        every: int(g, 1, 12),
      };
    }
    case "plan": {
      const tiers: Record<string, unknown>[] = [];
      const count = int(g, 1, Math.min(4, ctx.n));
      const cuts = new Set<number>();
      while (cuts.size < count - 1) cuts.add(int(g, 2, ctx.n));
      const starts = [1, ...[...cuts].sort((a, b) => a - b)];
      for (let t = 0; t < starts.length; t++) {
        const from = starts[t] as number;
        const to = t + 1 < starts.length ? (starts[t + 1] as number) - 1 : ctx.n;
        tiers.push({
          from,
          to,
          amount: money(Math.max((level * int(g, 85, 115)) / 100, interestOnly * 1.25 + 1)),
        });
      }
      return { type: "plan", tiers };
    }
  }
}

function drawFees(g: G, count: number, ctx: { principal: bigint; digits: number; n: number }): unknown[] {
  const fees: unknown[] = [];
  const names = ["admin", "insurance", "service", "origination", "account", "handling", "frais de dossier"];
  const smallAmount = (): string => formatMinor(bigint(g, 0n, ctx.principal / 500n + 1n), ctx.digits);
  const percent = (): string => {
    const decimals = pick(g, [0, 2, 3]);
    return formatScaled(int(g, 0, 3 * 10 ** decimals), decimals);
  };
  for (let i = 0; i < count; i++) {
    const fee: Record<string, unknown> = { name: `${pick(g, names)}-${i + 1}` };
    const charge = weighted(g, [
      [7, "installment"],
      [5, "disbursement"],
      [4, "every-installments"],
      [4, "every-days"],
    ] as const);
    if (charge === "disbursement") {
      fee.charge = "disbursement";
      const origination = pick(g, [undefined, "deducted", "financed", "first-installment"] as const);
      if (origination !== undefined) fee.origination = origination;
      const deducted = origination === undefined || origination === "deducted";
      const base = pick(g, deducted ? [undefined, "principal"] : [undefined, "principal", "disbursed"]);
      if (chance(g, 0.5)) fee.amount = smallAmount();
      else {
        fee.percent = percent();
        if (base !== undefined) fee.base = base;
      }
    } else {
      if (charge === "installment") {
        if (chance(g, 0.5)) fee.charge = "installment";
      } else if (charge === "every-installments") {
        fee.charge = { everyInstallments: int(g, 1, 6) };
      } else {
        fee.charge = {
          everyDays: weighted(g, [
            [3, int(g, 7, 60)],
            [1, int(g, 1, 200)],
          ]),
        };
      }
      if (charge !== "installment") {
        const timing = pick(g, [undefined, "start", "end"] as const);
        if (timing !== undefined) fee.timing = timing;
      }
      const base = pick(g, [undefined, "principal", "disbursed", "outstanding", "installment"] as const);
      const value = weighted(g, [
        [4, "amount"],
        [4, "percent"],
        [2, "tiers"],
      ] as const);
      if (value === "amount") fee.amount = smallAmount();
      else if (value === "percent") fee.percent = percent();
      else {
        const tiers: Record<string, unknown>[] = [];
        let from = 1 + int(g, 0, 1);
        const tierCount = int(g, 1, 3);
        for (let t = 0; t < tierCount && from <= ctx.n; t++) {
          const to = Math.min(ctx.n, from + int(g, 0, Math.max(0, Math.floor(ctx.n / 2))));
          tiers.push(chance(g, 0.5) ? { from, to, amount: smallAmount() } : { from, to, percent: percent() });
          from = to + 1 + int(g, 0, 2);
        }
        if (tiers.length === 0) tiers.push({ from: 1, to: ctx.n, amount: smallAmount() });
        fee.tiers = tiers;
      }
      if (value !== "amount" && base !== undefined) fee.base = base;
    }
    fees.push(fee);
  }
  return fees;
}

// ------------------------------------------------------------------------------------------------------------
// the document
// ------------------------------------------------------------------------------------------------------------

type LoanType =
  | "annuity"
  | "annuity-daily"
  | "classic"
  | "flat"
  | "rule-of-78"
  | "bullet"
  | "interest-only"
  | "payday";

function drawInstallments(g: G, family: Family): number {
  if (family === "long")
    return weighted(g, [
      [3, 360],
      [2, 480],
      [1, 240],
      [1, int(g, 121, 480)],
    ]);
  return weighted(g, [
    [2, 1],
    [10, int(g, 2, 12)],
    [9, int(g, 13, 60)],
    [1, int(g, 61, 120)],
  ]);
}

function buildTerms(g: G, family: Family): TermsDocument {
  const doc: TermsDocument = {};
  const [currency, digits] = pick(g, CURRENCIES);
  const unit = 10n ** BigInt(digits);

  // ---- loan type, payment method, placement ----------------------------------------------------------------
  let loanType: LoanType;
  let method: MethodName = "standard";
  let placePrincipal: "first" | "last" | undefined;
  let withGrace = false;
  let feeCount = chance(g, 0.15) ? 1 : 0;
  let amountRates = true;
  switch (family) {
    case "level":
      loanType = pick(g, ["annuity", "annuity-daily"] as const);
      method = pick(g, ["standard", "optimized"] as const);
      break;
    case "methods":
      loanType = pick(g, ["annuity", "annuity-daily"] as const);
      method = pick(g, ["balloon-payment", "balloon-target", "graduated", "plan"] as const);
      amountRates = method === "balloon-payment" || method === "plan";
      break;
    case "equal":
      loanType = pick(g, ["classic", "flat", "rule-of-78"] as const);
      break;
    case "interest-only": {
      const variant = weighted(g, [
        [3, "bullet"],
        [3, "interest-only"],
        [2, "payday"],
        [3, "placement"],
      ] as const);
      if (variant === "placement") {
        loanType = pick(g, ["annuity", "annuity-daily", "classic", "bullet", "interest-only"] as const);
        placePrincipal = pick(g, ["first", "last"] as const);
      } else loanType = variant;
      break;
    }
    case "grace":
      loanType = pick(g, [
        "annuity",
        "annuity-daily",
        "classic",
        "flat",
        "rule-of-78",
        "bullet",
        "interest-only",
      ]);
      if (loanType === "annuity" || loanType === "annuity-daily") {
        method = weighted(g, [
          [6, "standard"],
          [1, "optimized"],
          [1, "balloon-target"],
          [1, "graduated"],
          [1, "plan"],
        ] as const);
      }
      amountRates = method === "standard" || method === "optimized";
      withGrace = true;
      break;
    case "fees":
      loanType = pick(g, ["annuity", "annuity-daily", "classic", "flat", "rule-of-78", "bullet", "payday"]);
      feeCount = int(g, 1, 4);
      withGrace = chance(g, 0.25);
      break;
    case "long":
      loanType = pick(g, ["annuity", "annuity-daily", "classic", "interest-only", "flat"] as const);
      method = loanType === "annuity" ? pick(g, ["standard", "optimized"] as const) : "standard";
      feeCount = chance(g, 0.3) ? 1 : 0;
      break;
  }

  // ---- installments and period ---------------------------------------------------------------------------------
  let n = loanType === "payday" ? 1 : drawInstallments(g, family);
  if (method === "plan") n = Math.min(n, 120);
  if (loanType === "payday") withGrace = false; // payday has exactly one installment
  if (withGrace && n < 2) n = int(g, 2, 24);
  const period =
    family === "long"
      ? pick(g, [
          namedPeriod("monthly"),
          namedPeriod("biweekly"),
          namedPeriod("weekly"),
          namedPeriod("semi-monthly"),
        ])
      : drawPeriod(g, n, !withGrace || chance(g, 0.5));

  // ---- principal, currency, dates ------------------------------------------------------------------------------
  let principal = drawPrincipal(g, digits, family === "long");
  // Rounding step "in proportion to the principal": a step is at most ~1 % of one installment's principal.
  const stepChoice = weighted(g, [
    [11, "default"],
    [2, "minor"],
    [4, "one"],
    [3, "hundred"],
    [1, "five-minor"],
    [loanType === "flat" || loanType === "rule-of-78" ? 0 : 1, "too-large"],
  ] as const);
  let step = 1n;
  if (stepChoice === "one" || stepChoice === "too-large") step = unit;
  if (stepChoice === "hundred") step = 100n * unit;
  if (stepChoice === "five-minor") step = digits === 0 ? 5n : 5n * 10n ** BigInt(digits - 1);
  if (stepChoice !== "too-large" && principal < 100n * BigInt(n) * step) step = 1n;
  // Flat and rule of 78: installments are step-rounded while interest parts are split in minor units, so each
  // principal part can run up to ~2 steps above P/n; the last one takes the difference and must stay ≥ 0.
  const equalMin = 2n * BigInt(n) * BigInt(n) * step + 100n * BigInt(n) * step;
  if ((loanType === "flat" || loanType === "rule-of-78") && principal < equalMin) {
    principal = equalMin + bigint(g, 0n, equalMin);
  }

  const disbursement = drawDisbursement(g);
  doc.principal = formatMinor(principal, digits);
  doc.currency = currency;
  doc.disbursementDate = disbursement.toString();

  // ---- rate --------------------------------------------------------------------------------------------------
  const years = ((n + 1) * period.days) / 365;
  // Rule of 78 rejects negative principal parts: keep the total rate factor well below 1.
  const maxYearly = loanType === "rule-of-78" ? Math.min(0.6, 0.7 / years) : 0.6;
  const rate = drawRate(g, principal, digits, { amount: amountRates && family !== "long", maxYearly });

  // ---- first due date ------------------------------------------------------------------------------------------
  let firstDue: Temporal.PlainDate | undefined;
  if (!period.perTerm && chance(g, family === "long" ? 0.2 : 0.35)) {
    const regular = period.next(disbursement);
    const length = disbursement.until(regular).days;
    const kind = weighted(g, [
      [1, "regular"],
      [4, "short"],
      [4, "long"],
    ] as const);
    if (kind === "regular" || length < 2) firstDue = regular;
    else if (kind === "short") firstDue = disbursement.add({ days: int(g, 1, length - 1) });
    else firstDue = regular.add({ days: int(g, 1, length - 1) });
    doc.firstDueDate = firstDue.toString();
  }

  // ---- the rest of the terms --------------------------------------------------------------------------------
  const grace = withGrace ? drawGrace(g, n) : undefined;
  const amortizing = n - (grace?.deferred ? grace.k : 0);
  const methodDoc = drawMethod(g, method, {
    principal,
    digits,
    n,
    amortizing,
    periodRate: rate.yearly / period.perYear,
  });
  const plan = method === "plan";
  if (!plan || chance(g, 0.5)) doc.installments = n;
  if (period.value !== undefined) doc.period = period.value;
  if (loanType !== "annuity" || chance(g, 0.7)) doc.loanType = loanType;
  if (loanType === "interest-only" && chance(g, 0.6)) {
    doc.interestOnlyInstallments = placePrincipal === undefined ? int(g, 0, amortizing - 1) : 0;
  }

  const interest = rate.interest;
  const defaultDistribution = loanType === "annuity-daily" || loanType === "payday" ? "day" : "period";
  const distribution = weighted(g, [
    [8, undefined],
    [1, "period"],
    [1, "day"],
  ] as const);
  if (distribution !== undefined) interest.distribution = distribution;
  const dayBased = (distribution ?? defaultDistribution) === "day";
  if (dayBased && n * period.days <= 1200 && chance(g, 0.25)) interest.dailyRounding = true;
  else if (chance(g, 0.03)) interest.dailyRounding = false;
  doc.interest = interest;

  const dayCount = weighted(g, [
    [2, "default"],
    [6, "named"],
    [2, "object"],
  ] as const);
  if (dayCount === "named") {
    doc.dayCount = pick(g, ["actual/365", "30/360", "30E/360", "actual/360", "actual/364", "actual/actual"]);
  } else if (dayCount === "object") {
    doc.dayCount = {
      daysInYear: pick(g, ["actual", 360, 364, 365] as const),
      daysInMonth: pick(g, ["actual", 30] as const),
    };
  }

  if (chance(g, 0.75)) {
    const rounding: Record<string, unknown> = {};
    if (chance(g, 0.6)) {
      // Rule of 78 with `up`/`ceiling` rounding can leave a negative last interest part (not specified).
      rounding.mode =
        loanType === "rule-of-78"
          ? pick(g, ["half-even", "half-up", "half-down", "down", "floor"])
          : pick(g, ["half-even", "half-up", "half-down", "up", "down", "ceiling", "floor"]);
    }
    if (stepChoice !== "default" || step !== 1n) rounding.step = formatMinor(step, digits);
    // Level payments do not accept residual `first`, and `spread` only with standard and optimized payments.
    const equalParts = loanType === "classic" || loanType === "flat" || loanType === "rule-of-78";
    const levelSpread =
      (loanType === "annuity" || loanType === "annuity-daily") &&
      placePrincipal === undefined &&
      (method === "standard" || method === "optimized");
    if (chance(g, 0.5)) {
      rounding.residual = equalParts
        ? pick(g, ["last", "first", "spread", "none"])
        : levelSpread
          ? pick(g, ["last", "spread", "none"])
          : pick(g, ["last", "none"]);
    }
    doc.rounding = rounding;
  }

  if (firstDue !== undefined) {
    const keep = weighted(g, [
      [6, undefined],
      [3, false],
      [1, true],
    ] as const);
    if (keep !== undefined) doc.firstPeriod = { keepInstallmentsEqual: keep };
  }

  const placement: Record<string, unknown> = {};
  if (placePrincipal !== undefined) placement.principal = placePrincipal;
  else if (chance(g, 0.03) && !plan && method === "standard") placement.principal = "every";
  const placeInterest = weighted(g, [
    [17, undefined],
    [1, "every"],
    [1, "first"],
    [1, "last"],
  ] as const);
  if (placeInterest !== undefined) placement.interest = placeInterest;
  if (Object.keys(placement).length > 0) doc.placement = placement;

  if (methodDoc !== undefined) doc.paymentMethod = methodDoc;
  if (grace !== undefined) doc.grace = grace.doc;
  if (feeCount > 0) doc.fees = drawFees(g, feeCount, { principal, digits, n });
  return doc;
}

/** Valid terms documents of one family. */
export function termsArbitrary(family: Family): fc.Arbitrary<TermsDocument> {
  return fc.gen().map((g) => buildTerms(g, family));
}

/** Valid terms documents of every family. */
export function anyTermsArbitrary(): fc.Arbitrary<TermsDocument> {
  return fc.oneof(...FAMILIES.map((f) => termsArbitrary(f)));
}
