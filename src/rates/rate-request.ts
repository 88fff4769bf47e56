// `tenor rate`: a rate request document in, a rate document out (docs/guides/cli.md, docs/reference/effective-rates.md).
//   {"method": "us-regz" | "eu-aprc" | "cn-annualized" | "xirr" | "irr",
//    "flows": [{"date": "2026-01-10", "amount": "-5000.00"}, …]    (negative = money to the borrower)
//    "values": ["-5000", "230", …]                                 (irr and cn-annualized: one per period)
//    "periodsPerYear": 12}                                          (cn-annualized; irr's annualized figure)
// Amounts are decimal strings (or JSON numbers read by their decimal text); all are scaled to integers by the
// same power of ten, which changes no rate. Every problem is reported with its field, value and what is allowed.
import { type DayNumber, formatIsoDate, parseIsoDate } from "../core/calendar-date.ts";
import { fail, type Issue, TenorError } from "../core/errors.ts";
import { cnAnnualizedRate } from "./cn-annualized-rate.ts";
import { euAprc } from "./eu-aprc.ts";
import { irr } from "./irr.ts";
import { percentText } from "./percent-text.ts";
import { regZApr } from "./reg-z-apr.ts";
import { xirr } from "./xirr.ts";

export const RATE_METHODS = ["us-regz", "eu-aprc", "cn-annualized", "xirr", "irr"] as const;
export type RateMethodName = (typeof RATE_METHODS)[number];

/** The answer: `rate` in percent as the method reports it, plus the method's details. */
export interface RateDocument {
  readonly method: RateMethodName;
  readonly rate: string;
  readonly details: Record<string, unknown>;
}

const AMOUNT_PATTERN = /^-?\d+(\.\d+)?$/;
const MAX_DECIMALS = 12;
// Rates are solved in floating point; beyond 10^15 in size an amount's last units are no longer exact there.
const MAX_WHOLE_DIGITS = 15;
const MAX_SCALED = 10n ** 18n;

export function rateFromDocument(document: unknown): RateDocument {
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return fail(
      "INVALID_CASH_FLOWS",
      "(document)",
      document,
      'must be an object such as {"method": "xirr", "flows": […]}',
    );
  }
  const doc = document as Record<string, unknown>;
  const unknown = Object.keys(doc).filter(
    (key) => !["method", "flows", "values", "periodsPerYear"].includes(key),
  );
  if (unknown.length > 0)
    fail(
      "INVALID_CASH_FLOWS",
      // An empty key ({"": 1}) is written `""`, as the terms parser does, so that the field can be found.
      unknown[0] === "" ? '""' : (unknown[0] as string),
      doc[unknown[0] as string],
      "is not a field of a rate request (method, flows, values, periodsPerYear)",
    );
  const method = doc.method;
  if (typeof method !== "string" || !(RATE_METHODS as readonly string[]).includes(method)) {
    return fail(
      "INVALID_CASH_FLOWS",
      "method",
      method,
      `must be one of ${RATE_METHODS.map((m) => `"${m}"`).join(", ")}`,
    );
  }
  const name = method as RateMethodName;
  if (name === "irr" || name === "cn-annualized") return periodicRate(name, doc);
  return datedRate(name, doc);
}

function datedRate(method: "us-regz" | "eu-aprc" | "xirr", doc: Record<string, unknown>): RateDocument {
  const flows = readFlows(doc.flows);
  if (method === "xirr") {
    const result = xirr(flows.map((f) => ({ day: f.day, amountMinor: f.amount })));
    return { method, rate: percentText(result.rate * 100, 6), details: solverDetails(result) }; // float-ok: report
  }
  // The regulations take advances and payments as positive amounts on each side of the equation.
  const advances = flows.filter((f) => f.amount < 0n).map((f) => ({ day: f.day, amountMinor: -f.amount }));
  const payments = flows.filter((f) => f.amount > 0n).map((f) => ({ day: f.day, amountMinor: f.amount }));
  if (advances.length === 0 || payments.length === 0) {
    fail(
      "NO_SIGN_CHANGE",
      "flows",
      flows.length,
      "need at least one negative amount (to the borrower) and one positive (from the borrower)",
    );
  }
  if (method === "us-regz") {
    const result = regZApr({ advances, payments });
    return {
      method,
      rate: result.aprText,
      details: {
        ratePercent: percentText(result.aprPercent, 8),
        unitPeriod: result.unitPeriod,
        unitPeriodRule: result.unitPeriodRule,
        unitPeriodsPerYear: `${result.unitPeriodsPerYear.num}/${result.unitPeriodsPerYear.den}`.replace(
          /\/1$/,
          "",
        ),
        termStart: formatIsoDate(result.termStartDay),
        payments: result.payments.map((p) => ({
          date: formatIsoDate(p.day),
          t: p.t,
          f: `${p.f.num}/${p.f.den}`,
        })),
        regular: result.regular,
        irregularities: result.irregularities,
        iterations: result.iterations,
      },
    };
  }
  const result = euAprc({ drawdowns: advances, payments });
  return {
    method,
    rate: result.aprcText,
    details: {
      ratePercent: percentText(result.aprcPercent, 8),
      timeBasis: result.timeBasis,
      payments: result.payments.map((p) => ({
        date: formatIsoDate(p.day),
        years: `${p.years.num}/${p.years.den}`,
      })),
      iterations: result.iterations,
      multipleRoots: result.multipleRoots,
    },
  };
}

function periodicRate(method: "irr" | "cn-annualized", doc: Record<string, unknown>): RateDocument {
  if (doc.flows !== undefined)
    fail(
      "INVALID_CASH_FLOWS",
      "flows",
      "(given)",
      `is not used by "${method}": give "values", one per period`,
    );
  const values = readAmounts(doc.values, "values");
  const periodsPerYear = readPeriodsPerYear(doc.periodsPerYear);
  if (method === "irr") {
    const result = irr(values.map((v) => Number(v))); // float-ok: scaled integers, rates are float solves
    return {
      method,
      rate: percentText(result.rate * 100, 6), // float-ok: report
      details: {
        ...solverDetails(result),
        annualPercent: percentText(result.rate * periodsPerYear * 100, 6),
        periodsPerYear,
      }, // float-ok: report
    };
  }
  const disbursements = values.flatMap((v, period) => (v < 0n ? [{ period, amountMinor: -v }] : []));
  const payments = values.flatMap((v, period) => (v > 0n ? [{ period, amountMinor: v }] : []));
  if (disbursements.length === 0 || payments.length === 0) {
    fail(
      "NO_SIGN_CHANGE",
      "values",
      values.length,
      "need at least one negative amount (to the borrower) and one positive",
    );
  }
  const result = cnAnnualizedRate({ disbursements, payments, periodsPerYear });
  return {
    method,
    rate: result.annualizedText,
    details: {
      ratePercent: percentText(result.annualizedPercent, 8),
      periodRatePercent: percentText(result.periodRate * 100, 8), // float-ok: report
      effectiveAnnualPercent: percentText(result.effectiveAnnualPercent, 6),
      periodsPerYear,
      iterations: result.iterations,
    },
  };
}

function solverDetails(result: {
  iterations: number;
  method: string;
  multipleRoots: boolean;
  roots: readonly number[];
}) {
  return {
    iterations: result.iterations,
    solver: result.method,
    multipleRoots: result.multipleRoots,
    roots: result.roots.map((r) => percentText(r * 100, 6)), // float-ok: report
  };
}

function readPeriodsPerYear(value: unknown): number {
  if (value === undefined) return 12;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 366) {
    return fail(
      "INVALID_CASH_FLOWS",
      "periodsPerYear",
      value,
      "must be a whole number from 1 to 366 (12 for monthly periods)",
    );
  }
  return value;
}

interface Flow {
  readonly day: DayNumber;
  readonly amount: bigint;
}

function readFlows(value: unknown): Flow[] {
  if (!Array.isArray(value)) {
    return fail(
      "INVALID_CASH_FLOWS",
      "flows",
      value,
      'must be a list such as [{"date": "2026-01-10", "amount": "-5000.00"}, …]',
    );
  }
  const issues: Issue[] = [];
  const days: DayNumber[] = [];
  const texts: unknown[] = [];
  value.forEach((item, i) => {
    const field = `flows[${i}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      issues.push({ field, value: item, message: 'must be an object {"date": "YYYY-MM-DD", "amount": "…"}' });
      return;
    }
    const { date, amount, ...rest } = item as Record<string, unknown>;
    for (const key of Object.keys(rest))
      issues.push({
        field: `${field}.${key}`,
        value: rest[key],
        message: "is not a field of a flow (date, amount)",
      });
    const day = typeof date === "string" ? parseIsoDate(date) : undefined;
    if (day === undefined)
      issues.push({
        field: `${field}.date`,
        value: date,
        message: "must be a calendar date YYYY-MM-DD between 1900 and 2999",
      });
    days.push(day ?? 0);
    texts.push(amount);
  });
  if (issues.length > 0) throw new TenorError("INVALID_CASH_FLOWS", issues);
  const amounts = scaledAmounts(texts, (i) => `flows[${i}].amount`);
  return amounts.map((amount, i) => ({ day: days[i] as DayNumber, amount }));
}

function readAmounts(value: unknown, field: string): bigint[] {
  if (!Array.isArray(value))
    return fail(
      "INVALID_CASH_FLOWS",
      field,
      value,
      'must be a list of amounts such as ["-5000", "230", "230"]',
    );
  return scaledAmounts(value, (i) => `${field}[${i}]`);
}

/** Reads decimal amounts and scales them all by the same power of ten to integers. */
function scaledAmounts(values: readonly unknown[], fieldOf: (index: number) => string): bigint[] {
  const issues: Issue[] = [];
  const texts = values.map((value, i) => {
    const text = typeof value === "number" && Number.isFinite(value) ? String(value) : value;
    if (
      typeof text !== "string" ||
      !AMOUNT_PATTERN.test(text) ||
      (text.split(".")[1]?.length ?? 0) > MAX_DECIMALS
    ) {
      issues.push({
        field: fieldOf(i),
        value,
        message: `must be a decimal amount such as "-5000.00" (at most ${MAX_DECIMALS} decimals)`,
      });
      return "0";
    }
    const wholeDigits = (text.split(".")[0] ?? "").replace("-", "").replace(/^0+(?=\d)/, "").length;
    if (wholeDigits > MAX_WHOLE_DIGITS) {
      issues.push({ field: fieldOf(i), value, message: `must be below 10^${MAX_WHOLE_DIGITS} in size` });
      return "0";
    }
    return text;
  });
  if (issues.length > 0) throw new TenorError("INVALID_CASH_FLOWS", issues);
  const decimals = Math.max(0, ...texts.map((t) => t.split(".")[1]?.length ?? 0));
  const scaled = texts.map((text) => {
    const [whole = "0", fraction = ""] = text.split(".");
    return BigInt(whole + fraction.padEnd(decimals, "0"));
  });
  // Scaled to a common number of decimals, every amount must stay within the solvers' 10^18.
  scaled.forEach((amount, i) => {
    if (amount > MAX_SCALED || -amount > MAX_SCALED) {
      issues.push({
        field: fieldOf(i),
        value: values[i],
        message: `has too many digits with ${decimals} decimals in the request: at most 18 digits in all`,
      });
    }
  });
  if (issues.length > 0) throw new TenorError("INVALID_CASH_FLOWS", issues);
  return scaled;
}
