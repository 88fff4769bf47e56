// Turns a plan spec into a terms DOCUMENT (docs/reference/terms.md) and so into a schedule: building the document
// and calling parseTerms reuses every validation of the engine, and the document is what the output shows, so
// that anyone can reproduce a plan with `tenor schedule`.
import { formatIsoDate } from "../../core/calendar-date.ts";
import { fail } from "../../core/errors.ts";
import { formatMinor } from "../../core/money.ts";
import { mulRatio, type Ratio, ratio, ratioToDecimalString } from "../../core/ratio.ts";
import { roundDivBig, toSafeNumber } from "../../core/rounding.ts";
import { buildPeriods } from "../../schedule/due-dates.ts";
import { generateSchedule } from "../../schedule/generate-schedule.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import type { Schedule } from "../../schedule/schedule.ts";
import type { CapacityAssessment } from "../capacity-types.ts";
import { fundingShiftDays, installmentsPerYear } from "./plan-periods.ts";
import type { PlanRequest } from "./plan-request.ts";
import type { PlanSpec } from "./plan-spec.ts";
import { capacityWeights, graduatedWeights, weightedTiers } from "./weighted-tiers.ts";

export interface BuildOptions {
  /** The amount to lend (the request's, or another when searching for the largest affordable one). */
  readonly amountMinor: number;
  /** The nominal rate as decimal text, per the product's `interest.per` (the stressed rate for a rate shock). */
  readonly rateText: string;
  /** Seasonal plans are shaped by it. */
  readonly capacity: CapacityAssessment;
  /** Stress schedules leave the legal rate cap out: they are scenarios, not offers. */
  readonly withRateCap: boolean;
}

export interface BuiltPlan {
  readonly document: Record<string, unknown>;
  readonly schedule: Schedule;
}

/**
 * The terms document and schedule of `spec`. Throws the engine's TenorError when it refuses the terms (a payment
 * below the interest, a rate above the cap), and INVALID_PLAN_REQUEST when a seasonal plan cannot be shaped.
 */
export function buildPlan(spec: PlanSpec, request: PlanRequest, options: BuildOptions): BuiltPlan {
  const document = planDocument(spec, request, options);
  return { document, schedule: generateSchedule(parseTerms(document)) };
}

/** The terms document of `spec` alone (a seasonal plan's tiers are solved here). */
export function planDocument(
  spec: PlanSpec,
  request: PlanRequest,
  options: BuildOptions,
): Record<string, unknown> {
  const base = baseDocument(spec, request, options);
  const method = spec.method;
  let document: Record<string, unknown>;
  switch (method.kind) {
    case "standard":
      document = base;
      break;
    case "step-up":
    case "step-down": {
      // The amounts of a `graduated` payment method, solved here and written as yearly tiers (weighted-tiers.ts).
      const change = ratio(method.changePercent.num, method.changePercent.den * 100n);
      const weights = graduatedWeights(change, installmentsPerYear(spec.shape), spec.installments);
      const tiers = weightedTiers(parseTerms(base), weights);
      document = { ...base, paymentMethod: { type: "plan", tiers: tiersDocument(tiers, request) } };
      break;
    }
    case "balloon":
      document = {
        ...base,
        paymentMethod: {
          type: "balloon",
          balloon: money(balloonMinor(options.amountMinor, method.percent), request),
        },
      };
      break;
    case "grace":
      document = { ...base, grace: { installments: method.installments, type: "interest-only" } };
      break;
    case "custom":
      document = { ...base, paymentMethod: { type: "plan", tiers: tiersDocument(method.tiers, request) } };
      break;
    case "seasonal":
      document = seasonalDocument(base, request, options.capacity, fundingShiftDays(spec.shape));
      break;
  }
  return document;
}

/** The balloon of `percent` % of the amount, rounded down to the minor unit. */
export function balloonMinor(amountMinor: number, percent: Ratio): number {
  const share = mulRatio(ratio(BigInt(amountMinor), 1n), ratio(percent.num, percent.den * 100n));
  return toSafeNumber(roundDivBig(share.num, share.den, "floor"));
}

function baseDocument(spec: PlanSpec, request: PlanRequest, options: BuildOptions): Record<string, unknown> {
  const product = request.product;
  const document: Record<string, unknown> = {
    principal: money(options.amountMinor, request),
    currency: request.currency.code,
    disbursementDate: formatIsoDate(request.startDay),
    installments: spec.installments,
    period: spec.shape.termsPeriod,
    loanType: spec.loanType,
    interest: { rate: options.rateText, per: product.interest.per },
  };
  if (spec.shape.firstDueDay !== undefined) document.firstDueDate = formatIsoDate(spec.shape.firstDueDay);
  if (product.fees.length > 0) document.fees = product.fees;
  if (product.rateRegime !== undefined) document.rateRegime = product.rateRegime;
  if (options.withRateCap && product.rateCapText !== undefined) document.rateCap = product.rateCapText;
  return document;
}

function seasonalDocument(
  base: Record<string, unknown>,
  request: PlanRequest,
  capacity: CapacityAssessment,
  shiftDays: number,
): Record<string, unknown> {
  // The standard annuity with the same dates gives the periods and rate factors the tiers are solved with.
  const terms = parseTerms(base);
  const fundedDays = buildPeriods(terms).dueDays.map((day) => day - shiftDays);
  const shaped = capacityWeights(fundedDays, capacity);
  if ("reason" in shaped)
    return fail("INVALID_PLAN_REQUEST", "product.paymentMethods", "seasonal", shaped.reason);
  const tiers = weightedTiers(terms, shaped.weights);
  return { ...base, paymentMethod: { type: "plan", tiers: tiersDocument(tiers, request) } };
}

function tiersDocument(
  tiers: readonly { from: number; to: number; amountMinor: number }[],
  request: PlanRequest,
): { from: number; to: number; amount: string }[] {
  return tiers.map((tier) => ({ from: tier.from, to: tier.to, amount: money(tier.amountMinor, request) }));
}

function money(minor: number, request: PlanRequest): string {
  return formatMinor(minor, request.currency.digits);
}

/** A percent for a terms document: exact when its decimal terminates (it has only 2s and 5s below), else to 8 places. */
export function percentText(percent: Ratio): string {
  let twos = 0;
  let fives = 0;
  let den = percent.den;
  while (den % 2n === 0n) {
    den /= 2n;
    twos += 1;
  }
  while (den % 5n === 0n) {
    den /= 5n;
    fives += 1;
  }
  const text = ratioToDecimalString(percent, den === 1n ? Math.max(twos, fives) : 8);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}
