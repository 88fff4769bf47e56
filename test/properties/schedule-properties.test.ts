/**
 * Property tests of the schedule engine over ≥ 10,000 random valid loans per run:
 *  (a) invariants every schedule must satisfy (terms.md, "The schedule document"), checked on the engine's output;
 *  (b) the engine's installments and totals equal those of the independent reference implementation
 *      (test/reference/), written from the spec by someone else with different techniques.
 *
 * Reproduce a failure with the seed and path fast-check prints, e.g. FC_SEED=123 FC_PATH="4:2:0" npx vitest run
 * test/properties/schedule-properties.test.ts -t grace
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scheduleFromDocument, TenorError } from "../../src/index.ts";
import {
  ReferenceRejection,
  type ReferenceSchedule,
  referenceSchedule,
} from "../reference/reference-schedule.ts";
import { firstDifference } from "../support/first-difference.ts";
import { FAMILIES, type Family, type TermsDocument, termsArbitrary } from "./arbitrary-terms.ts";

/** Random loans per family: 10,000 in total. */
const RUNS: Record<Family, number> = {
  level: 2200,
  methods: 1500,
  equal: 1500,
  "interest-only": 1300,
  grace: 1500,
  fees: 1600,
  long: 400,
};

const DESCRIPTIONS: Record<Family, string> = {
  level: "annuity and annuity-daily, standard and optimized, every period form and day count",
  methods: "balloon (payment and target), graduated and plan payment methods",
  equal: "classic, flat and rule of 78",
  "interest-only": "bullet, interest-only, payday and principal placement first/last",
  grace: "grace presets and advanced grace",
  fees: "every charge, base, timing, origination and tiers",
  long: "long loans (240–480 installments) and large principals",
};

const DIGITS: Record<string, number> = { EUR: 2, USD: 2, JPY: 0, KWD: 3, CLF: 4 };

// ------------------------------------------------------------------------------------------------------------
// the schedule document, as far as these tests read it
// ------------------------------------------------------------------------------------------------------------

interface Row {
  number: number;
  startDate: string;
  dueDate: string;
  days: number;
  principal: string;
  interest: string;
  capitalized?: string;
  fees: { name: string; amount: string }[];
  feesTotal: string;
  total: string;
  balance: string;
}

interface Schedule {
  currency: string;
  installments: Row[];
  totals: {
    principal: string;
    interest: string;
    fees: string;
    total: string;
    installments: number;
    netDisbursement: string;
    financedFees: string;
    capitalizedInterest: string;
    maturityDate: string;
  };
}

function fail(message: string): never {
  throw new Error(message);
}

/** An amount with exactly the currency's digits, as an integer number of minor units. */
function minor(value: unknown, digits: number, what: string): bigint {
  const pattern = digits === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${digits}}$`);
  if (typeof value !== "string" || !pattern.test(value)) {
    fail(`${what} = ${JSON.stringify(value)} is not a non-negative amount with ${digits} digits`);
  }
  return BigInt(value.replace(".", ""));
}

function installmentCount(doc: TermsDocument): number {
  if (typeof doc.installments === "number") return doc.installments;
  const tiers = (doc.paymentMethod as { tiers: { to: number }[] }).tiers;
  return Math.max(...tiers.map((t) => t.to));
}

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

// ------------------------------------------------------------------------------------------------------------
// (a) invariants
// ------------------------------------------------------------------------------------------------------------

function checkInvariants(doc: TermsDocument, schedule: Schedule, who: string): void {
  const digits = DIGITS[String(doc.currency)] ?? fail(`unknown currency ${String(doc.currency)}`);
  const m = (value: unknown, what: string): bigint => minor(value, digits, `${who}: ${what}`);
  const n = installmentCount(doc);
  const rows = schedule.installments;
  if (schedule.currency !== doc.currency) fail(`${who}: currency ${schedule.currency}`);
  if (rows.length !== n) fail(`${who}: ${rows.length} installments instead of ${n}`);

  const principal = m(doc.principal, "terms principal");
  const financed = m(schedule.totals.financedFees, "totals.financedFees");
  const capitalizedTotal = m(schedule.totals.capitalizedInterest, "totals.capitalizedInterest");
  let balance = principal + financed;
  let previousDue = String(doc.disbursementDate);
  const sums = { principal: 0n, interest: 0n, fees: 0n, total: 0n, capitalized: 0n };
  for (const [index, row] of rows.entries()) {
    const at = `${who}: installment ${index + 1}`;
    if (row.number !== index + 1) fail(`${at}: number ${row.number}`);
    if (row.startDate !== previousDue) fail(`${at}: starts ${row.startDate}, previous due ${previousDue}`);
    if (!(row.dueDate > row.startDate))
      fail(`${at}: due ${row.dueDate} not after its start ${row.startDate}`);
    if (row.days !== daysBetween(row.startDate, row.dueDate)) fail(`${at}: days ${row.days}`);
    previousDue = row.dueDate;

    const p = m(row.principal, `${at} principal`);
    const i = m(row.interest, `${at} interest`);
    const f = m(row.feesTotal, `${at} feesTotal`);
    const t = m(row.total, `${at} total`);
    const b = m(row.balance, `${at} balance`);
    const c = row.capitalized === undefined ? 0n : m(row.capitalized, `${at} capitalized`);
    let feeSum = 0n;
    for (const fee of row.fees) {
      const amount = m(fee.amount, `${at} fee ${fee.name}`);
      if (amount === 0n) fail(`${at}: fee ${fee.name} listed with a zero amount`);
      feeSum += amount;
    }
    if (feeSum !== f) fail(`${at}: feesTotal ${row.feesTotal} ≠ sum of its fees`);
    if (t !== p + i + f) fail(`${at}: total ${row.total} ≠ principal + interest + feesTotal`);
    balance = balance - p + c;
    if (b !== balance) fail(`${at}: balance ${row.balance} ≠ previous balance − principal + capitalized`);
    sums.principal += p;
    sums.interest += i;
    sums.fees += f;
    sums.total += t;
    sums.capitalized += c;
  }
  if (balance !== 0n) fail(`${who}: the last balance is not 0`);
  if (sums.principal !== principal + financed + capitalizedTotal) {
    fail(`${who}: principal parts do not sum to principal + financed fees + capitalized interest`);
  }
  const totals = schedule.totals;
  if (m(totals.principal, "totals.principal") !== sums.principal) fail(`${who}: totals.principal`);
  if (m(totals.interest, "totals.interest") !== sums.interest) fail(`${who}: totals.interest`);
  if (m(totals.fees, "totals.fees") !== sums.fees) fail(`${who}: totals.fees`);
  if (m(totals.total, "totals.total") !== sums.total) fail(`${who}: totals.total`);
  if (capitalizedTotal !== sums.capitalized) fail(`${who}: totals.capitalizedInterest`);
  if (totals.installments !== n) fail(`${who}: totals.installments ${totals.installments}`);
  if (totals.maturityDate !== previousDue) fail(`${who}: maturityDate ${totals.maturityDate}`);
  m(totals.netDisbursement, "totals.netDisbursement");
}

// ------------------------------------------------------------------------------------------------------------
// (b) agreement with the reference
// ------------------------------------------------------------------------------------------------------------

/** The compared part of a schedule: installments and totals; a zero or missing `capitalized` is left out. */
function comparable(schedule: Schedule | ReferenceSchedule): unknown {
  return {
    currency: schedule.currency,
    installments: schedule.installments.map((r) => ({
      number: r.number,
      startDate: r.startDate,
      dueDate: r.dueDate,
      days: r.days,
      principal: r.principal,
      interest: r.interest,
      ...(r.capitalized !== undefined && /[1-9]/.test(r.capitalized) ? { capitalized: r.capitalized } : {}),
      fees: r.fees.map((f) => ({ name: f.name, amount: f.amount })),
      feesTotal: r.feesTotal,
      total: r.total,
      balance: r.balance,
    })),
    totals: {
      principal: schedule.totals.principal,
      interest: schedule.totals.interest,
      fees: schedule.totals.fees,
      total: schedule.totals.total,
      installments: schedule.totals.installments,
      netDisbursement: schedule.totals.netDisbursement,
      financedFees: schedule.totals.financedFees,
      capitalizedInterest: schedule.totals.capitalizedInterest,
      maturityDate: schedule.totals.maturityDate,
    },
  };
}

function checkLoan(doc: TermsDocument): void {
  let expected: ReferenceSchedule;
  try {
    expected = referenceSchedule(doc);
  } catch (error) {
    if (!(error instanceof ReferenceRejection)) throw error;
    // Rejected by the spec: the engine must reject too. Not covered by the spec: nothing to compare.
    if (error.specified) expect(() => scheduleFromDocument(doc), error.message).toThrow();
    return;
  }
  let actual: Schedule;
  try {
    actual = scheduleFromDocument(doc) as unknown as Schedule;
  } catch (error) {
    // The engine's documented limit: every amount and total within 2^53 − 1 minor units (terms.md).
    // Then the reference's own total must be beyond it.
    if (!(error instanceof TenorError) || error.code !== "AMOUNT_OUT_OF_RANGE") throw error;
    const totalMinor = BigInt(expected.totals.total.replace(".", ""));
    expect(
      totalMinor > BigInt(Number.MAX_SAFE_INTEGER),
      `limit error at a total of ${expected.totals.total}`,
    ).toBe(true);
    return;
  }
  checkInvariants(doc, actual, "engine");
  const difference = firstDifference(comparable(actual), comparable(expected));
  if (difference !== undefined) fail(`engine ≠ reference at ${difference.text}`);
}

const seed = process.env.FC_SEED === undefined ? {} : { seed: Number(process.env.FC_SEED) };
const path = process.env.FC_PATH === undefined ? {} : { path: process.env.FC_PATH };

describe("schedule properties", () => {
  for (const family of FAMILIES) {
    it(`${family}: ${DESCRIPTIONS[family]}`, () => {
      fc.assert(
        // Shrinking replays whole schedules; a bounded number of steps keeps a failing run short.
        fc.property(fc.limitShrink(termsArbitrary(family), 60), (doc) => checkLoan(doc)),
        { numRuns: RUNS[family], ...seed, ...path },
      );
    });
  }

  it("the reference itself meets the invariants", () => {
    fc.assert(
      fc.property(fc.oneof(...FAMILIES.map((f) => termsArbitrary(f))), (doc) => {
        try {
          checkInvariants(doc, referenceSchedule(doc), "reference");
        } catch (error) {
          if (!(error instanceof ReferenceRejection)) throw error;
        }
      }),
      { numRuns: 300, ...seed },
    );
  });
});
