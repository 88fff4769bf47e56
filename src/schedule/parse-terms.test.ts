import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar-date.ts";
import { type Issue, TenorError } from "../core/errors.ts";
import { ratio } from "../core/ratio.ts";
import { parseTerms } from "./parse-terms.ts";
import type { Terms } from "./terms.ts";

/** A minimal valid document; tests override single fields. */
const BASE = {
  principal: "10000.00",
  currency: "EUR",
  disbursementDate: "2024-01-01",
  installments: 12,
  interest: { rate: "12" },
} as const;

function parse(overrides: Record<string, unknown> = {}): Terms {
  return parseTerms({ ...BASE, ...overrides });
}

/** The issues `document` is rejected with; fails the test when it is accepted. */
function issuesOf(document: unknown): readonly Issue[] {
  try {
    parseTerms(document);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe("INVALID_TERMS");
    return error.issues;
  }
  throw new Error("expected the terms to be rejected");
}

/** Asserts that BASE with `overrides` is rejected with exactly one issue: `field`, `value`, and `message`. */
function expectIssue(
  overrides: Record<string, unknown>,
  field: string,
  value: unknown,
  message: string | RegExp,
) {
  const issues = issuesOf({ ...BASE, ...overrides });
  expect(issues).toHaveLength(1);
  const [issue] = issues;
  expect(issue?.field).toBe(field);
  expect(issue?.value).toEqual(value);
  if (typeof message === "string") expect(issue?.message).toBe(message);
  else expect(issue?.message).toMatch(message);
}

function day(text: string): number {
  const parsed = parseIsoDate(text);
  if (parsed === undefined) throw new Error(`bad test date ${text}`);
  return parsed;
}

describe("parseTerms: a valid document", () => {
  it("reads the example of terms.md", () => {
    const terms = parseTerms({
      principal: "10000.00",
      currency: "EUR",
      disbursementDate: "2024-01-01",
      firstDueDate: "2024-02-01",
      installments: 12,
      period: "monthly",
      loanType: "annuity",
      interest: { rate: "12", per: "year" },
      dayCount: "actual/actual",
      rounding: { mode: "half-even", step: "0.01", residual: "last" },
      paymentMethod: { type: "standard" },
      grace: { installments: 2, type: "interest-only" },
      fees: [{ name: "admin", amount: "5.00", charge: "installment" }],
    });
    expect(terms).toEqual({
      currency: { code: "EUR", digits: 2 },
      principalMinor: 1_000_000,
      disbursementDay: day("2024-01-01"),
      firstDueDay: day("2024-02-01"),
      installmentCount: 12,
      period: { kind: "every", every: 1, unit: "month" },
      loanType: "annuity",
      interestOnlyInstallments: undefined,
      interest: {
        kind: "percent",
        rate: ratio(12n, 100n),
        per: "year",
        distribution: "period",
        dailyRounding: false,
      },
      dayCount: { daysInYear: "actual", daysInMonth: "actual", thirtyRule: "us" },
      rounding: { mode: "half-even", stepMinor: 1, residual: "last" },
      keepInstallmentsEqual: true,
      placement: { principal: "every", interest: "every" },
      paymentMethod: { type: "standard" },
      grace: { installments: 2, principal: "deferred", interest: "paid", fees: "charged" },
      fees: [
        {
          name: "admin",
          tiers: [{ from: 1, to: 12, value: { amountMinor: 500 } }],
          base: "principal",
          charge: { kind: "installment" },
          timing: "end",
          origination: "deducted",
          financeCharge: true,
        },
      ],
      rateRegime: "eu-aprc",
      rateCapPercent: undefined,
    } satisfies Terms);
  });

  it("applies every default of terms.md", () => {
    const terms = parse();
    expect(terms.firstDueDay).toBeUndefined();
    expect(terms.period).toEqual({ kind: "every", every: 1, unit: "month" });
    expect(terms.loanType).toBe("annuity");
    expect(terms.interest).toEqual({
      kind: "percent",
      rate: ratio(3n, 25n),
      per: "year",
      distribution: "period",
      dailyRounding: false,
    });
    expect(terms.dayCount).toEqual({ daysInYear: 365, daysInMonth: "actual", thirtyRule: "us" });
    expect(terms.rounding).toEqual({ mode: "half-even", stepMinor: 1, residual: "last" });
    expect(terms.keepInstallmentsEqual).toBe(true);
    expect(terms.placement).toEqual({ principal: "every", interest: "every" });
    expect(terms.paymentMethod).toEqual({ type: "standard" });
    expect(terms.grace).toBeUndefined();
    expect(terms.fees).toEqual([]);
    expect(terms.interestOnlyInstallments).toBeUndefined();
  });

  it.each(["annuity-daily", "payday"])("distributes interest per day by default for %s", (loanType) => {
    const terms = parse({ loanType, installments: 1 });
    expect(terms.interest.distribution).toBe("day");
  });

  it("keeps an explicit distribution", () => {
    expect(
      parse({ loanType: "annuity-daily", interest: { rate: "12", distribution: "period" } }).interest
        .distribution,
    ).toBe("period");
  });

  it("reads JSON numbers by their decimal text", () => {
    const terms = parse({ principal: 10000.5, interest: { rate: 12.5 } });
    expect(terms.principalMinor).toBe(1_000_050);
    expect(terms.interest.rate).toEqual(ratio(1n, 8n));
  });

  it.each([
    ["JPY", "1000000", 1_000_000],
    ["KWD", "1.250", 1_250],
    ["CLF", "0.0001", 1],
  ])("uses the minor unit of %s", (currency, principal, principalMinor) => {
    expect(parse({ currency, principal }).principalMinor).toBe(principalMinor);
  });

  it("accepts the largest principal, 10^15 minor units", () => {
    expect(parse({ principal: "10000000000000.00" }).principalMinor).toBe(10 ** 15);
  });

  it.each([
    ["weekly", { kind: "every", every: 1, unit: "week" }],
    ["biweekly", { kind: "every", every: 2, unit: "week" }],
    ["semi-monthly", { kind: "times", times: 2, per: "month" }],
    ["monthly", { kind: "every", every: 1, unit: "month" }],
    ["quarterly", { kind: "every", every: 3, unit: "month" }],
    ["semi-annual", { kind: "every", every: 6, unit: "month" }],
    ["yearly", { kind: "every", every: 1, unit: "year" }],
    [
      { every: 10, unit: "day" },
      { kind: "every", every: 10, unit: "day" },
    ],
    [
      { times: 4, per: "year" },
      { kind: "times", times: 4, per: "year" },
    ],
    [
      { times: 31, per: "month" },
      { kind: "times", times: 31, per: "month" },
    ],
  ])("reads period %j", (period, expected) => {
    expect(parse({ period }).period).toEqual(expected);
  });

  it("reads a period spread over a term", () => {
    const terms = parse({
      installments: 3,
      period: { times: 3, per: "term", term: { every: 6, unit: "month" } },
    });
    expect(terms.period).toEqual({ kind: "per-term", times: 3, term: { every: 6, unit: "month" } });
  });

  it.each([
    ["30/360", { daysInYear: 360, daysInMonth: 30, thirtyRule: "us" }],
    ["30E/360", { daysInYear: 360, daysInMonth: 30, thirtyRule: "eu" }],
    ["actual/360", { daysInYear: 360, daysInMonth: "actual", thirtyRule: "us" }],
    ["actual/364", { daysInYear: 364, daysInMonth: "actual", thirtyRule: "us" }],
    [
      { daysInYear: "actual", daysInMonth: 30 },
      { daysInYear: "actual", daysInMonth: 30, thirtyRule: "us" },
    ],
  ])("reads dayCount %j", (dayCount, expected) => {
    expect(parse({ dayCount }).dayCount).toEqual(expected);
  });

  it("reads the rounding step in minor units", () => {
    expect(parse({ rounding: { step: "100" } }).rounding.stepMinor).toBe(10_000);
    expect(parse({ rounding: { step: "0.05", mode: "up", residual: "spread" } }).rounding).toEqual({
      mode: "up",
      stepMinor: 5,
      residual: "spread",
    });
    expect(
      parse({ currency: "JPY", principal: "100000", rounding: { step: "100" } }).rounding.stepMinor,
    ).toBe(100);
  });

  it("reads an amount rate in minor units", () => {
    const terms = parse({ interest: { rate: "1.50", kind: "amount", per: "day" } });
    expect(terms.interest).toMatchObject({ kind: "amount", rate: ratio(150n, 1n), per: "day" });
  });

  it("reads per-month and per-day percent rates as fractions", () => {
    expect(parse({ interest: { rate: "1.5", per: "month" } }).interest.rate).toEqual(ratio(3n, 200n));
    expect(parse({ interest: { rate: "0.05", per: "day" } }).interest.rate).toEqual(ratio(1n, 2000n));
  });

  it("accepts the annualized ceiling of 10000 % exactly", () => {
    expect(parse({ interest: { rate: "10000" } }).interest.rate).toEqual(ratio(100n, 1n));
    expect(parse({ interest: { rate: "192.30", per: "week" } }).interest.rate).toEqual(ratio(1923n, 1000n));
  });

  it("reads daily rounding with the day distribution", () => {
    const terms = parse({ interest: { rate: "12", distribution: "day", dailyRounding: true } });
    expect(terms.interest).toMatchObject({ distribution: "day", dailyRounding: true });
  });

  it.each([
    [
      { installments: 3, type: "no-interest" },
      { installments: 3, principal: "deferred", interest: "waived", fees: "waived" },
    ],
    [
      { installments: 3, type: "interest-only" },
      { installments: 3, principal: "deferred", interest: "paid", fees: "charged" },
    ],
    [
      { installments: 3, type: "capitalized" },
      { installments: 3, principal: "deferred", interest: "capitalized", fees: "waived" },
    ],
    [{ installments: 3 }, { installments: 3, principal: "deferred", interest: "paid", fees: "charged" }],
    [
      { installments: 3, interest: "spread" },
      { installments: 3, principal: "deferred", interest: "spread", fees: "charged" },
    ],
    [
      { installments: 1, principal: "due", interest: "waived", fees: "waived" },
      { installments: 1, principal: "due", interest: "waived", fees: "waived" },
    ],
  ])("reads grace %j", (grace, expected) => {
    expect(parse({ grace }).grace).toEqual(expected);
  });

  it("treats zero grace installments as no grace", () => {
    expect(parse({ grace: { installments: 0 } }).grace).toBeUndefined();
  });

  it("defaults interestOnlyInstallments to M − 1 for interest-only loans", () => {
    expect(parse({ loanType: "interest-only" }).interestOnlyInstallments).toBe(11);
    expect(parse({ loanType: "interest-only", grace: { installments: 2 } }).interestOnlyInstallments).toBe(9);
    expect(parse({ loanType: "interest-only", interestOnlyInstallments: 0 }).interestOnlyInstallments).toBe(
      0,
    );
  });

  it("reads fees of every kind", () => {
    const terms = parse({
      fees: [
        { name: "origination", percent: "1.5", charge: "disbursement", origination: "financed" },
        { name: "insurance", percent: "0.1", base: "outstanding", timing: "start", financeCharge: false },
        { name: "statement", amount: 2, charge: { everyInstallments: 3 } },
        { name: "storage", amount: "1.00", charge: { everyDays: 30 } },
        {
          name: "service",
          tiers: [
            { from: 1, to: 6, amount: "5.00" },
            { from: 9, to: 12, percent: "0.5" },
          ],
        },
      ],
    });
    expect(terms.fees).toEqual([
      {
        name: "origination",
        tiers: [{ from: 1, to: 12, value: { percent: ratio(3n, 200n) } }],
        base: "principal",
        charge: { kind: "disbursement" },
        timing: "end",
        origination: "financed",
        financeCharge: true,
      },
      {
        name: "insurance",
        tiers: [{ from: 1, to: 12, value: { percent: ratio(1n, 1000n) } }],
        base: "outstanding",
        charge: { kind: "installment" },
        timing: "start",
        origination: "deducted",
        financeCharge: false,
      },
      {
        name: "statement",
        tiers: [{ from: 1, to: 12, value: { amountMinor: 200 } }],
        base: "principal",
        charge: { kind: "every-installments", every: 3 },
        timing: "end",
        origination: "deducted",
        financeCharge: true,
      },
      {
        name: "storage",
        tiers: [{ from: 1, to: 12, value: { amountMinor: 100 } }],
        base: "principal",
        charge: { kind: "every-days", every: 30 },
        timing: "end",
        origination: "deducted",
        financeCharge: true,
      },
      {
        name: "service",
        tiers: [
          { from: 1, to: 6, value: { amountMinor: 500 } },
          { from: 9, to: 12, value: { percent: ratio(1n, 200n) } },
        ],
        base: "principal",
        charge: { kind: "installment" },
        timing: "end",
        origination: "deducted",
        financeCharge: true,
      },
    ]);
  });

  it("derives a plan's installments from its tiers and leaves its rate to derive", () => {
    const terms = parseTerms({
      principal: "2500.00",
      currency: "EUR",
      disbursementDate: "2024-01-01",
      paymentMethod: {
        type: "plan",
        tiers: [
          { from: 13, to: 15, amount: "80.00" },
          { from: 1, to: 12, amount: "200.00" },
        ],
      },
    });
    expect(terms.installmentCount).toBe(15);
    expect(terms.interest.rate).toBeUndefined();
    expect(terms.paymentMethod).toEqual({
      type: "plan",
      tiers: [
        { from: 13, to: 15, amountMinor: 8000 },
        { from: 1, to: 12, amountMinor: 20000 },
      ],
    });
  });

  it("accepts a plan's installments equal to the last tier", () => {
    const paymentMethod = { type: "plan", tiers: [{ from: 1, to: 12, amount: "900" }] };
    expect(parse({ paymentMethod }).installmentCount).toBe(12);
  });

  it("reads balloon and graduated payment methods", () => {
    expect(parse({ paymentMethod: { type: "balloon", payment: "500.00" } }).paymentMethod).toEqual({
      type: "balloon",
      paymentMinor: 50_000,
      balloonMinor: undefined,
    });
    expect(parse({ paymentMethod: { type: "balloon", balloon: "3000" } }).paymentMethod).toEqual({
      type: "balloon",
      paymentMinor: undefined,
      balloonMinor: 300_000,
    });
    expect(
      parse({ paymentMethod: { type: "graduated", changePercent: "-2.5", every: 12 } }).paymentMethod,
    ).toEqual({
      type: "graduated",
      change: ratio(-1n, 40n),
      every: 12,
    });
  });

  it("accepts principal placement first/last where the loan type allows it", () => {
    for (const loanType of ["annuity", "annuity-daily", "classic", "bullet", "interest-only"]) {
      expect(parse({ loanType, placement: { principal: "last" } }).placement.principal).toBe("last");
    }
    expect(parse({ loanType: "flat", placement: { interest: "first" } }).placement.interest).toBe("first");
  });
});

describe("parseTerms: the errors of the issue", () => {
  it("rejects a principal of 0", () => {
    expectIssue({ principal: "0" }, "principal", "0", "must be greater than 0");
    expectIssue({ principal: 0 }, "principal", 0, "must be greater than 0");
  });

  it("rejects a negative principal", () => {
    expectIssue({ principal: "-100.00" }, "principal", "-100.00", "must be greater than 0");
  });

  it("rejects 0 installments", () => {
    expectIssue({ installments: 0 }, "installments", 0, "must be a whole number between 1 and 5000");
  });

  it("rejects 100000 installments", () => {
    expectIssue(
      { installments: 100000 },
      "installments",
      100000,
      "must be a whole number between 1 and 5000",
    );
  });

  it("rejects a first due date before the disbursement", () => {
    expectIssue(
      { firstDueDate: "2023-12-15" },
      "firstDueDate",
      "2023-12-15",
      "must be after disbursementDate 2024-01-01",
    );
    expectIssue(
      { firstDueDate: "2024-01-01" },
      "firstDueDate",
      "2024-01-01",
      "must be after disbursementDate 2024-01-01",
    );
  });

  it("rejects the unknown currency EUX", () => {
    expectIssue({ currency: "EUX" }, "currency", "EUX", 'must be an ISO 4217 currency code such as "EUR"');
  });

  it('rejects the rate "abc"', () => {
    expectIssue(
      { interest: { rate: "abc" } },
      "interest.rate",
      "abc",
      'must be a decimal number such as "12.5"',
    );
  });

  it("rejects a fee tier that overlaps another", () => {
    const tiers = [
      { from: 1, to: 6, amount: "5.00" },
      { from: 5, to: 8, amount: "4.00" },
    ];
    expectIssue(
      { fees: [{ name: "service", tiers }] },
      "fees[0].tiers[1]",
      tiers[1],
      "tier 5–8 overlaps tier 1–6",
    );
  });

  it("reports all of them at once, each with field, value and what is allowed", () => {
    const issues = issuesOf({
      principal: "0",
      currency: "EUX",
      disbursementDate: "2024-01-01",
      firstDueDate: "2023-12-01",
      installments: 100000,
      interest: { rate: "abc" },
      fees: [
        {
          name: "service",
          tiers: [
            { from: 1, to: 6, amount: "5.00" },
            { from: 5, to: 8, amount: "4.00" },
          ],
        },
      ],
    });
    expect(issues.map(({ field, value }) => ({ field, value }))).toEqual([
      { field: "currency", value: "EUX" },
      { field: "principal", value: "0" },
      { field: "installments", value: 100000 },
      { field: "interest.rate", value: "abc" },
      { field: "fees[0].tiers[1]", value: { from: 5, to: 8, amount: "4.00" } },
      { field: "firstDueDate", value: "2023-12-01" },
    ]);
    for (const issue of issues) expect(issue.message).toMatch(/^(must|tier)/);
  });

  it("prints as the documented JSON error", () => {
    try {
      parseTerms({ ...BASE, interest: { rate: "abc" } });
      expect.unreachable();
    } catch (error) {
      expect(JSON.parse(JSON.stringify((error as TenorError).toJSON()))).toEqual({
        error: {
          code: "INVALID_TERMS",
          message: 'interest.rate: must be a decimal number such as "12.5" (got "abc")',
          issues: [
            { field: "interest.rate", value: "abc", message: 'must be a decimal number such as "12.5"' },
          ],
        },
      });
    }
  });
});

describe("parseTerms: document shape", () => {
  it.each([null, [], "terms", 42, undefined])("rejects %j as the document", (document) => {
    const issues = issuesOf(document);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe("(document)");
  });

  it("rejects unknown fields, suggesting the closest known one", () => {
    expectIssue(
      { interestRate: "12" },
      "interestRate",
      "12",
      /^is not a known field \(did you mean "interest"\?\); allowed: principal, currency, /,
    );
    expectIssue(
      { interest: { rate: "12", pre: "year" } },
      "interest.pre",
      "year",
      'is not a known field (did you mean "per"?); allowed: rate, kind, per, distribution, dailyRounding',
    );
    expectIssue(
      { fees: [{ name: "a", amount: "1", chrage: "installment" }] },
      "fees[0].chrage",
      "installment",
      /did you mean "charge"/,
    );
  });

  it("does not treat inherited properties as fields", () => {
    expectIssue({ constructor: "x" }, "constructor", "x", /^is not a known field/);
  });

  it.each([
    ["principal", 'is required: an amount greater than 0 such as "10000.00"'],
    ["currency", 'is required: an ISO 4217 currency code such as "EUR"'],
    ["disbursementDate", "is required: a date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31"],
    ["installments", "is required: a whole number between 1 and 5000"],
    ["interest", 'is required: a percent such as "12.5" (or an amount with interest.kind "amount")'],
  ])("requires %s", (key, message) => {
    const document: Record<string, unknown> = { ...BASE };
    delete document[key];
    const issues = issuesOf(document);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toBe(message);
  });
});

describe("parseTerms: amounts and rates", () => {
  it.each([
    ["abc", 'must be an amount greater than 0 such as "10000.00"'],
    ["1e3", 'must be an amount greater than 0 such as "10000.00"'],
    ["", 'must be an amount greater than 0 such as "10000.00"'],
    [" 100", 'must be an amount greater than 0 such as "10000.00"'],
    ["100.", 'must be an amount greater than 0 such as "10000.00"'],
    [true, 'must be an amount greater than 0 such as "10000.00"'],
    ["100.001", "must have at most 2 decimal places for EUR"],
    ["10000000000000.01", "must be at most 10000000000000.00 (10^15 minor units of EUR)"],
  ])("rejects principal %j", (principal, message) => {
    expectIssue({ principal }, "principal", principal, message);
  });

  it("names the minor unit of the currency", () => {
    expectIssue(
      { currency: "JPY", principal: "100.5" },
      "principal",
      "100.5",
      "must have no decimal places for JPY",
    );
    expectIssue(
      { currency: "KWD", principal: "1.0001" },
      "principal",
      "1.0001",
      "must have at most 3 decimal places for KWD",
    );
    expectIssue(
      { currency: "JPY", principal: "x" },
      "principal",
      "x",
      'must be an amount greater than 0 such as "10000"',
    );
  });

  it("hints at upper case for a lower-case currency", () => {
    expectIssue(
      { currency: "eur" },
      "currency",
      "eur",
      'must be an ISO 4217 currency code such as "EUR" (upper case: "EUR")',
    );
  });

  it("rejects JSON numbers without an exact decimal text", () => {
    expectIssue(
      { principal: 1e21 },
      "principal",
      1e21,
      'is a JSON number written 1e+21, which has no exact decimal reading: write an amount greater than 0 such as "10000.00" as a string',
    );
    expectIssue({ interest: { rate: 1e-7 } }, "interest.rate", 1e-7, /^is a JSON number written 1e-7, /);
    expectIssue({ principal: Number.NaN }, "principal", "NaN", /^must be a finite number/);
    expectIssue({ principal: Number.POSITIVE_INFINITY }, "principal", "Infinity", /^must be a finite number/);
  });

  it("rejects a negative rate", () => {
    expectIssue({ interest: { rate: "-1" } }, "interest.rate", "-1", "must be 0 or more");
  });

  it("rejects a rate above 10000 % a year once annualized", () => {
    expectIssue(
      { interest: { rate: "10000.01" } },
      "interest.rate",
      "10000.01",
      "must be at most 10000 % a year",
    );
    expectIssue(
      { interest: { rate: "900", per: "month" } },
      "interest.rate",
      "900",
      "must be at most 10000 % a year; 900 % per month is 10800 % a year",
    );
    expectIssue(
      { interest: { rate: "192.5", per: "week" } },
      "interest.rate",
      "192.5",
      "must be at most 10000 % a year; 192.5 % per week is 10010 % a year",
    );
    expectIssue(
      { interest: { rate: "30", per: "day" } },
      "interest.rate",
      "30",
      "must be at most 10000 % a year; 30 % per day is 10950 % a year",
    );
  });

  it("reads an amount rate with the currency's digits", () => {
    expectIssue(
      { interest: { rate: "0.001", kind: "amount" } },
      "interest.rate",
      "0.001",
      "must have at most 2 decimal places for EUR",
    );
  });

  it("requires a rate except for a payment plan", () => {
    expectIssue(
      { interest: { per: "year" } },
      "interest.rate",
      undefined,
      'is required: a percent such as "12.5" (or an amount with interest.kind "amount")',
    );
    const plan = { type: "plan", tiers: [{ from: 1, to: 12, amount: "900" }] };
    expectIssue(
      { paymentMethod: plan, interest: { kind: "amount" } },
      "interest.rate",
      undefined,
      "is required: an amount: only a percent rate can be derived from a payment plan",
    );
  });

  it.each([
    [{ rate: "12", kind: "fixed" }, "interest.kind", "fixed", 'must be one of "percent" or "amount"'],
    [
      { rate: "12", per: "annum" },
      "interest.per",
      "annum",
      'must be one of "day", "week", "month" or "year"',
    ],
    [
      { rate: "12", distribution: "daily" },
      "interest.distribution",
      "daily",
      'must be one of "period" or "day" (did you mean "day"?)',
    ],
    [{ rate: "12", dailyRounding: "yes" }, "interest.dailyRounding", "yes", "must be true or false"],
  ])("rejects interest %j", (interest, field, value, message) => {
    expectIssue({ interest }, field, value, message);
  });

  it("allows daily rounding only with the day distribution", () => {
    expectIssue(
      { interest: { rate: "12", dailyRounding: true } },
      "interest.dailyRounding",
      true,
      'applies only with interest.distribution "day" (interest fixed per day)',
    );
  });
});

describe("parseTerms: dates, periods, day counts, rounding", () => {
  it.each(["2024-02-30", "2024/01/01", "2024-1-1", "1899-12-31", "3000-01-01", 20240101])(
    "rejects disbursementDate %j",
    (disbursementDate) => {
      expectIssue(
        { disbursementDate },
        "disbursementDate",
        disbursementDate,
        "must be a date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31, that exists in the calendar",
      );
    },
  );

  it.each([
    [
      "fortnightly",
      "period",
      /^must be one of "weekly", .* or an object such as \{"every": 2, "unit": "week"\}/,
    ],
    ["Monthly", "period", /\(did you mean "monthly"\?\)$/],
    [{ every: 0, unit: "week" }, "period.every", "must be a whole number between 1 and 3660"],
    [{ every: 1, unit: "fortnight" }, "period.unit", 'must be one of "day", "week", "month" or "year"'],
    [{ times: 32, per: "month" }, "period.times", "must be a whole number between 1 and 31"],
    [{ times: 367, per: "year" }, "period.times", "must be a whole number between 1 and 366"],
    [{ times: 2, per: "week" }, "period.per", 'must be one of "month", "year" or "term"'],
    [{ times: 12, per: "term" }, "period.term", /^is required: the term to spread over/],
    [
      { times: 2, per: "month", term: { every: 1, unit: "year" } },
      "period.term",
      'is allowed only with "per": "term"',
    ],
  ])("rejects period %j", (period, field, message) => {
    const issues = issuesOf({ ...BASE, period });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe(field);
    expect(issues[0]?.message).toMatch(message);
  });

  it("needs installments = times and no first due date for a per-term period", () => {
    const period = { times: 6, per: "term", term: { every: 1, unit: "year" } };
    expectIssue(
      { period },
      "installments",
      12,
      'must equal period.times (6) for a period {"times": K, "per": "term"}',
    );
    expectIssue(
      { period, installments: 6, firstDueDate: "2024-02-01" },
      "firstDueDate",
      "2024-02-01",
      /^is not allowed with a period \{"times": K, "per": "term"\}/,
    );
  });

  it("rejects an unknown loan type", () => {
    expectIssue(
      { loanType: "mortgage" },
      "loanType",
      "mortgage",
      /^must be one of "annuity", "annuity-daily", /,
    );
  });

  it("rejects unknown day counts", () => {
    expectIssue(
      { dayCount: "30/365" },
      "dayCount",
      "30/365",
      /^must be one of "30\/360", .*"actual\/actual", or an object/,
    );
    expectIssue(
      { dayCount: { daysInYear: 366, daysInMonth: 30 } },
      "dayCount.daysInYear",
      366,
      'must be one of "actual", 360, 364 or 365',
    );
    expectIssue(
      { dayCount: { daysInYear: 360 } },
      "dayCount.daysInMonth",
      undefined,
      'is required: one of "actual" or 30',
    );
  });

  it.each([
    ["0.001", 'must be a positive multiple of the minor unit 0.01 of EUR, such as "0.01", "1.00", "100.00"'],
    ["0", 'must be a positive multiple of the minor unit 0.01 of EUR, such as "0.01", "1.00", "100.00"'],
    ["-1", 'must be a positive multiple of the minor unit 0.01 of EUR, such as "0.01", "1.00", "100.00"'],
  ])("rejects rounding.step %j", (step, message) => {
    expectIssue({ rounding: { step } }, "rounding.step", step, message);
  });

  it("rejects unknown rounding modes and residuals", () => {
    expectIssue(
      { rounding: { mode: "bankers" } },
      "rounding.mode",
      "bankers",
      /^must be one of "half-even", /,
    );
    expectIssue(
      { rounding: { residual: "lasts" } },
      "rounding.residual",
      "lasts",
      /\(did you mean "last"\?\)$/,
    );
  });

  it("rejects a non-boolean keepInstallmentsEqual and unknown placements", () => {
    expectIssue(
      { firstPeriod: { keepInstallmentsEqual: "no" } },
      "firstPeriod.keepInstallmentsEqual",
      "no",
      "must be true or false",
    );
    expectIssue(
      { placement: { principal: "middle" } },
      "placement.principal",
      "middle",
      'must be one of "every", "first" or "last"',
    );
  });
});

describe("parseTerms: loan types and payment methods", () => {
  it("requires one installment for payday loans", () => {
    expectIssue(
      { loanType: "payday", installments: 2 },
      "installments",
      2,
      'must be 1 for loanType "payday"',
    );
  });

  it.each(["optimized", "balloon", "graduated", "plan"])(
    "allows paymentMethod %s only for annuities",
    (type) => {
      const details: Record<string, unknown> = {
        optimized: {},
        balloon: { payment: "100" },
        graduated: { changePercent: "2", every: 12 },
        plan: { tiers: [{ from: 1, to: 12, amount: "900" }] },
      }[type] as Record<string, unknown>;
      expectIssue(
        { loanType: "classic", paymentMethod: { type, ...details } },
        "paymentMethod.type",
        type,
        `"${type}" applies only to loanType "annuity" and "annuity-daily" (got loanType "classic")`,
      );
    },
  );

  it("rejects fields of another payment method type", () => {
    expectIssue(
      { paymentMethod: { type: "standard", payment: "100" } },
      "paymentMethod.payment",
      "100",
      'is not a field of paymentMethod.type "standard"',
    );
  });

  it("needs exactly one of payment and balloon", () => {
    const message =
      'must have exactly one of "payment" (the periodic payment) or "balloon" (the final amount) for type "balloon"';
    expectIssue({ paymentMethod: { type: "balloon" } }, "paymentMethod", { type: "balloon" }, message);
    const both = { type: "balloon", payment: "100", balloon: "500" };
    expectIssue({ paymentMethod: both }, "paymentMethod", both, message);
  });

  it("rejects a graduated change of -100 % or less", () => {
    expectIssue(
      { paymentMethod: { type: "graduated", changePercent: "-100", every: 12 } },
      "paymentMethod.changePercent",
      "-100",
      "must be greater than -100 (a payment cannot fall to 0 or below)",
    );
    expectIssue(
      { paymentMethod: { type: "graduated", changePercent: "5" } },
      "paymentMethod.every",
      undefined,
      "is required: a whole number between 1 and 5000",
    );
  });

  it("needs plan tiers contiguous from 1", () => {
    const gap = [
      { from: 1, to: 6, amount: "100" },
      { from: 9, to: 12, amount: "100" },
    ];
    expectIssue(
      { installments: undefined, paymentMethod: { type: "plan", tiers: gap } },
      "paymentMethod.tiers[1]",
      gap[1],
      "leaves installments 7–8 without a tier: tiers must follow each other from 1 with no gap",
    );
    const late = [{ from: 3, to: 12, amount: "100" }];
    expectIssue(
      { paymentMethod: { type: "plan", tiers: late } },
      "paymentMethod.tiers[0]",
      late[0],
      "must start at installment 1: the first tier is 3–12",
    );
    const overlap = [
      { from: 1, to: 8, amount: "100" },
      { from: 5, to: 12, amount: "100" },
    ];
    expectIssue(
      { paymentMethod: { type: "plan", tiers: overlap } },
      "paymentMethod.tiers[1]",
      overlap[1],
      "tier 5–12 overlaps tier 1–8",
    );
  });

  it("rejects an empty plan and a tier that ends before it starts", () => {
    expectIssue(
      { paymentMethod: { type: "plan", tiers: [] } },
      "paymentMethod.tiers",
      [],
      /^must have at least one tier/,
    );
    expectIssue(
      { paymentMethod: { type: "plan", tiers: [{ from: 5, to: 2, amount: "1" }] } },
      "paymentMethod.tiers[0].to",
      2,
      "must be at least from (5)",
    );
  });

  it("needs installments equal to the last tier of a plan", () => {
    expectIssue(
      { installments: 10, paymentMethod: { type: "plan", tiers: [{ from: 1, to: 12, amount: "900" }] } },
      "installments",
      10,
      "must equal the last installment of paymentMethod.tiers (12), or be omitted to take it from the tiers",
    );
  });

  it.each(["flat", "rule-of-78"])("rejects principal placement first/last for %s", (loanType) => {
    expectIssue(
      { loanType, placement: { principal: "first" } },
      "placement.principal",
      "first",
      `must be "every" for loanType "${loanType}", whose shape fixes each principal part`,
    );
  });

  it("rejects principal placement first/last with a non-standard payment method", () => {
    expectIssue(
      { paymentMethod: { type: "optimized" }, placement: { principal: "last" } },
      "placement.principal",
      "last",
      'must be "every" with paymentMethod.type "optimized", which fixes each payment',
    );
  });

  it("allows interestOnlyInstallments only for interest-only loans, 0 … M − 1", () => {
    expectIssue(
      { interestOnlyInstallments: 3 },
      "interestOnlyInstallments",
      3,
      'applies only to loanType "interest-only" (got loanType "annuity")',
    );
    expectIssue(
      { loanType: "interest-only", interestOnlyInstallments: 12 },
      "interestOnlyInstallments",
      12,
      "must be a whole number between 0 and 11",
    );
    expectIssue(
      { loanType: "interest-only", grace: { installments: 4 }, interestOnlyInstallments: 8 },
      "interestOnlyInstallments",
      8,
      "must be a whole number between 0 and 7",
    );
  });
});

describe("parseTerms: grace", () => {
  it("needs fewer grace installments than installments", () => {
    expectIssue(
      { grace: { installments: 12 } },
      "grace.installments",
      12,
      "must be less than installments (12): at least one installment repays the loan",
    );
    expectIssue(
      { grace: { installments: -1 } },
      "grace.installments",
      -1,
      "must be a whole number between 0 and 4999",
    );
  });

  it("needs principal deferred to capitalize or spread interest", () => {
    for (const interest of ["capitalized", "spread"]) {
      expectIssue(
        { grace: { installments: 2, principal: "due", interest } },
        "grace.interest",
        interest,
        `"${interest}" needs grace.principal "deferred": interest can only be deferred while principal is`,
      );
    }
  });

  it("does not mix a preset with advanced fields", () => {
    expectIssue(
      { grace: { installments: 2, type: "capitalized", fees: "charged" } },
      "grace.fees",
      "charged",
      'cannot be combined with grace.type: give either "type" or the advanced fields principal, interest and fees',
    );
  });

  it("rejects an unknown preset", () => {
    expectIssue(
      { grace: { installments: 2, type: "holiday" } },
      "grace.type",
      "holiday",
      'must be one of "no-interest", "interest-only" or "capitalized"',
    );
  });
});

describe("parseTerms: fees", () => {
  it("needs exactly one of amount, percent and tiers", () => {
    const none = { name: "admin" };
    expectIssue({ fees: [none] }, "fees[0]", none, 'must have exactly one of "amount", "percent" or "tiers"');
    const both = { name: "admin", amount: "1", percent: "1" };
    expectIssue(
      { fees: [both] },
      "fees[0]",
      both,
      'must have exactly one of "amount", "percent" or "tiers" (got amount, percent)',
    );
  });

  it("checks fee percents and amounts", () => {
    expectIssue(
      { fees: [{ name: "a", percent: "x" }] },
      "fees[0].percent",
      "x",
      'must be a decimal number such as "12.5"',
    );
    expectIssue({ fees: [{ name: "a", percent: "-1" }] }, "fees[0].percent", "-1", "must be 0 or more");
    expectIssue({ fees: [{ name: "a", amount: "-1" }] }, "fees[0].amount", "-1", "must be 0 or more");
  });

  it("needs unique names of 1 to 64 characters", () => {
    expectIssue(
      {
        fees: [
          { name: "admin", amount: "1" },
          { name: "admin", amount: "2" },
        ],
      },
      "fees[1].name",
      "admin",
      'must be unique: fees[0] is also named "admin"',
    );
    expectIssue(
      { fees: [{ name: "", amount: "1" }] },
      "fees[0].name",
      "",
      'must be a name of 1 to 64 characters such as "admin"',
    );
    const long = "x".repeat(65);
    expectIssue(
      { fees: [{ name: long, amount: "1" }] },
      "fees[0].name",
      long,
      /^must be a name of 1 to 64 characters/,
    );
  });

  it("keeps fee tiers within the installments", () => {
    const tiers = [{ from: 1, to: 13, amount: "1" }];
    expectIssue(
      { fees: [{ name: "a", tiers }] },
      "fees[0].tiers[0].to",
      13,
      "must be at most installments (12)",
    );
    const zero = [{ from: 0, to: 3, amount: "1" }];
    expectIssue(
      { fees: [{ name: "a", tiers: zero }] },
      "fees[0].tiers[0].from",
      0,
      "must be a whole number between 1 and 12",
    );
  });

  it("needs exactly one of amount and percent per fee tier", () => {
    const tier = { from: 1, to: 3, amount: "1", percent: "1" };
    expectIssue(
      { fees: [{ name: "a", tiers: [tier] }] },
      "fees[0].tiers[0]",
      tier,
      'must have exactly one of "amount" or "percent"',
    );
  });

  it("reports the fee tier overlap of the issue with paymentMethod-style indexes", () => {
    const tiers = [
      { from: 9, to: 12, percent: "1" },
      { from: 1, to: 6, amount: "1" },
      { from: 5, to: 8, amount: "1" },
    ];
    expectIssue({ fees: [{ name: "a", tiers }] }, "fees[0].tiers[2]", tiers[2], "tier 5–8 overlaps tier 1–6");
  });

  it("limits disbursement fees to bases principal and disbursed, without tiers", () => {
    expectIssue(
      { fees: [{ name: "a", percent: "1", charge: "disbursement", base: "outstanding" }] },
      "fees[0].base",
      "outstanding",
      'must be "principal" or "disbursed" for a fee charged at disbursement',
    );
    const tiers = [{ from: 1, to: 12, amount: "1" }];
    expectIssue(
      { fees: [{ name: "a", tiers, charge: "disbursement" }] },
      "fees[0].tiers",
      tiers,
      'apply only to fees charged with installments: a "disbursement" fee has one amount or percent',
    );
  });

  it("allows origination only for disbursement fees", () => {
    expectIssue(
      { fees: [{ name: "a", amount: "1", origination: "financed" }] },
      "fees[0].origination",
      "financed",
      'applies only to fees with charge "disbursement"',
    );
  });

  it.each([
    [
      "monthly",
      "fees[0].charge",
      'must be "disbursement", "installment", {"everyInstallments": N} or {"everyDays": N}',
    ],
    [{ everyDays: 0 }, "fees[0].charge.everyDays", "must be a whole number between 1 and 3660"],
    [
      { everyInstallments: 1.5 },
      "fees[0].charge.everyInstallments",
      "must be a whole number between 1 and 5000",
    ],
    [{ everyDays: 30, everyInstallments: 2 }, "fees[0].charge", /^must be "disbursement"/],
  ])("rejects charge %j", (charge, field, message) => {
    const issues = issuesOf({ ...BASE, fees: [{ name: "a", amount: "1", charge }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe(field);
    expect(issues[0]?.message).toMatch(message);
  });

  it("rejects fees that are not an array of objects", () => {
    expectIssue({ fees: { name: "a" } }, "fees", { name: "a" }, /^must be an array such as/);
    expectIssue({ fees: ["admin"] }, "fees[0]", "admin", /^must be an object such as/);
  });
});

describe("parseTerms: the examples", () => {
  const examplesDirectory = path.resolve(import.meta.dirname, "../../examples");
  const names = readdirSync(examplesDirectory).filter((name) => name.endsWith(".json"));

  it("has examples", () => {
    expect(names).toContain("annuity-monthly.json");
  });

  it.each(names)("parses examples/%s", (name) => {
    const document = JSON.parse(readFileSync(path.join(examplesDirectory, name), "utf8"));
    expect(() => parseTerms(document)).not.toThrow();
  });

  it("reads examples/annuity-monthly.json as documented", () => {
    const document = JSON.parse(readFileSync(path.join(examplesDirectory, "annuity-monthly.json"), "utf8"));
    expect(parseTerms(document)).toMatchObject({
      principalMinor: 1_000_000,
      currency: { code: "EUR", digits: 2 },
      installmentCount: 12,
      loanType: "annuity",
      interest: { rate: ratio(12n, 100n), per: "year" },
      dayCount: { daysInYear: 365, daysInMonth: "actual" },
      fees: [{ name: "admin", tiers: [{ from: 1, to: 12, value: { amountMinor: 500 } }] }],
    });
  });
});

describe("parseTerms: an empty key", () => {
  it('names an unknown field "" so that it can be found (found by test/properties/documents-fuzz.test.ts)', () => {
    expectIssue({ "": 1 }, '""', 1, /^is not a known field; allowed: principal, /);
    const issues = issuesOf({ ...BASE, interest: { rate: "12", "": true } });
    expect(issues.map((issue) => issue.field)).toEqual(['interest.""']);
  });
});
