// Smoke test for the benchmark (not a timing test): every peer still builds a complete, sane schedule from the
// bench's inputs, so `npm run bench` cannot silently measure something broken or empty.
import { describe, expect, it } from "vitest";
import { generateSchedule, parseTerms, scheduleFromDocument } from "../src/index.ts";
import {
  amortizejsSchedule,
  floatFloor,
  formulajsSchedule,
  loanjsSchedule,
  PRINCIPAL,
  peerInputs,
  summarizeAmortizejs,
  summarizeFloor,
  summarizeFormulajs,
  summarizeLoanjs,
  summarizeTenor,
  tenorDocument,
} from "./peers.ts";

// 300,000 at 6.5 %/year over 360 months: unrounded payment 1,896.2040704789, unrounded total interest
// 382,633.4653724008; cent ledger (payment 1,896.20): total interest 382,636.71, last installment 1,900.91
// (/work/shared/research/peer-bench.md §3).
const PAYMENT = 1_896.2040704789;
const TOTAL_INTEREST = 382_633.4653724008;

describe.each([360, 12])("peers, %i installments", (periods) => {
  const inputs = peerInputs(periods);

  it("loanjs builds every row, with the payment rounded to cents", () => {
    const loan = loanjsSchedule(inputs.loanjs);
    const summary = summarizeLoanjs(loan);
    expect(summary.rows).toBe(periods);
    expect(loan.installments.every((row) => row.installment > 0 && row.interest >= 0)).toBe(true);
    if (periods === 360) {
      expect(summary.firstInstallment).toBe(1_896.2);
      expect(summary.totalInterest).toBe(382_636.71);
      // The residue loanjs leaves out of its rows (peer-bench.md §3); if this changes, update docs/performance.md.
      expect(summary.principalResidue).toBeCloseTo(-4.71, 6);
    }
  });

  it("amortizejs builds every row (and dates them when given a startDate)", () => {
    const plain = amortizejsSchedule(inputs.amortizejs);
    const dated = amortizejsSchedule(inputs.amortizejsDated);
    expect(plain.schedule).toHaveLength(periods);
    expect(dated.schedule).toHaveLength(periods);
    expect(plain.schedule.every((row) => row.date === undefined)).toBe(true);
    expect(dated.schedule.every((row) => row.date instanceof Date)).toBe(true);
    expect(dated.schedule[0]?.date?.getMonth()).toBe(1); // the first due date, February 2024
    const summary = summarizeAmortizejs(plain);
    expect(summary.lastBalance).toBe(0);
    expect(Math.abs(summary.principalResidue)).toBeLessThan(1e-6);
    if (periods === 360) {
      expect(summary.firstInstallment).toBeCloseTo(PAYMENT, 6);
      expect(summary.totalInterest).toBeCloseTo(TOTAL_INTEREST, 4);
    }
  });

  it("formulajs PMT + IPMT + PPMT builds every row and carries the balance to ~0", () => {
    const rows = formulajsSchedule(inputs.formulajs);
    expect(rows).toHaveLength(periods);
    expect(rows.map((row) => row.period)).toEqual(Array.from({ length: periods }, (_, i) => i + 1));
    for (const row of rows) expect(row.interest + row.principal).toBeCloseTo(row.payment, 6);
    const summary = summarizeFormulajs(rows, inputs.formulajs);
    expect(Math.abs(summary.lastBalance)).toBeLessThan(1e-6);
    if (periods === 360) {
      expect(summary.firstInstallment).toBeCloseTo(1_896.2, 2);
      expect(summary.totalInterest).toBeCloseTo(TOTAL_INTEREST, 4);
    }
  });

  it("the float floor computes the same loan and is not constant across calls", () => {
    const summary = summarizeFloor(inputs.floor);
    expect(summary.rows).toBe(periods);
    expect(Math.abs(summary.lastBalance)).toBeLessThan(1e-6);
    if (periods === 360) expect(summary.totalInterest).toBeCloseTo(TOTAL_INTEREST, 4);
    const floor = peerInputs(periods).floor;
    const results = Array.from({ length: 9 }, () => floatFloor(floor));
    expect(new Set(results.slice(0, 8)).size).toBe(8); // 8 different principals…
    expect(results[8]).toBe(results[0]); // …cycled
    expect(results[0]).toBeCloseTo(summary.totalInterest, 6);
  });
});

describe("Tenor, as the bench calls it", () => {
  it.each([360, 12])("accepts the bench document and returns %i full rows", (periods) => {
    const document = tenorDocument(periods);
    const summary = summarizeTenor(generateSchedule(parseTerms(document)));
    expect(summary.rows).toBe(periods);
    expect(summary.principalResidue).toBe(0);
    expect(summary.lastBalance).toBe(0);
    expect(scheduleFromDocument(document).installments).toHaveLength(periods);
  });

  it("gives the cent-ledger figures of peer-bench.md §3 (the bench's spot-check)", () => {
    const summary = summarizeTenor(generateSchedule(parseTerms(tenorDocument(360))));
    expect(summary.firstInstallment).toBe(1_896.2);
    expect(summary.lastInstallment).toBe(1_900.91);
    expect(summary.totalInterest).toBe(382_636.71);
    const short = summarizeTenor(generateSchedule(parseTerms(tenorDocument(12))));
    expect([short.firstInstallment, short.lastInstallment, short.totalInterest]).toEqual([
      25_888.93, 25_888.87, 10_667.1,
    ]);
  });
});

describe("bench inputs", () => {
  it("describe the issue's loan", () => {
    expect(PRINCIPAL).toBe(300_000);
    expect(tenorDocument(360)).toEqual({
      principal: "300000.00",
      currency: "USD",
      disbursementDate: "2024-01-15",
      installments: 360,
      period: "monthly",
      loanType: "annuity",
      interest: { rate: "6.5", per: "year" },
      rounding: { mode: "half-even" },
    });
  });
});
