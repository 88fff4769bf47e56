// Shared helpers for the example tests: a base loan, the schedule with its row invariants checked, column
// accessors and exact fraction comparison. Nothing here computes a schedule: every expected figure lives in the
// test files, derived by hand (the arithmetic is written out beside it) or taken from a cited source.
import { Decimal } from "decimal.js";
import { expect } from "vitest";
import { type ScheduleDocument, scheduleFromDocument, TenorError } from "../../src/index.ts";

export type TermsDocument = Record<string, unknown>;
export type Row = ScheduleDocument["installments"][number];

/** 1000.00 EUR at 12 %/year, 3 monthly installments from 2024-01-01 (every other field takes its default). */
export function loan(overrides: TermsDocument = {}): TermsDocument {
  return {
    principal: "1000.00",
    currency: "EUR",
    disbursementDate: "2024-01-01",
    installments: 3,
    interest: { rate: "12", per: "year" },
    ...overrides,
  };
}

/**
 * The schedule of a terms document, after checking the invariants terms.md states for every schedule: each
 * row's total = principal + interest + feesTotal, feesTotal = the sum of its fees, and the last balance is 0.
 */
export function schedule(terms: TermsDocument): ScheduleDocument {
  const document = scheduleFromDocument(terms);
  for (const row of document.installments) {
    const sumOfParts = dec(row.principal).plus(row.interest).plus(row.feesTotal);
    expect(
      dec(row.total).equals(sumOfParts),
      `row ${row.number}: total = principal + interest + feesTotal`,
    ).toBe(true);
    const fees = row.fees.reduce((acc, fee) => acc.plus(fee.amount), dec(0));
    expect(dec(row.feesTotal).equals(fees), `row ${row.number}: feesTotal = sum of fees`).toBe(true);
  }
  const last = document.installments.at(-1);
  expect(last === undefined ? undefined : dec(last.balance).isZero(), "last balance is 0").toBe(true);
  return document;
}

function dec(value: Decimal.Value): Decimal {
  return new Decimal(value);
}

/** One field of every row, in order. */
export function column<K extends keyof Row>(document: ScheduleDocument, key: K): Row[K][] {
  return document.installments.map((row) => row[key]);
}

export function row(document: ScheduleDocument, number: number): Row {
  const found = document.installments.find((r) => r.number === number);
  if (found === undefined) throw new Error(`no installment ${number}`);
  return found;
}

/** The exact sum of decimal strings, printed with `digits` decimals. */
export function sum(values: readonly string[], digits = 2): string {
  return values.reduce((acc, v) => acc.plus(v), dec(0)).toFixed(digits);
}

/** Asserts that an exact fraction "a/b" (or an integer "a") from `explain` equals num/den. */
export function expectFraction(actual: string, num: bigint, den: bigint): void {
  const [a, b = "1"] = actual.split("/");
  const value = { num: BigInt(a ?? "NaN"), den: BigInt(b) };
  expect(value.num * den === num * value.den, `${actual} should equal ${num}/${den}`).toBe(true);
}

export function warningCodes(document: ScheduleDocument): string[] {
  return document.warnings.map((w) => w.code);
}

/** The TenorError a rejected terms document raises (fails if the terms are accepted or another error is thrown). */
export function rejection(terms: TermsDocument): TenorError {
  try {
    scheduleFromDocument(terms);
  } catch (error) {
    expect(error).toBeInstanceOf(TenorError);
    return error as TenorError;
  }
  throw new Error("the terms were accepted, expected a TenorError");
}

/** The fields named by the TenorError a rejected terms document raises. */
export function rejectedFields(terms: TermsDocument): string[] {
  return rejection(terms).issues.map((issue) => issue.field);
}
