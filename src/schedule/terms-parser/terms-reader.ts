// The `TermsReader`, which collects every issue of one document, and the `INVALID` marker that the `read…`
// functions return for a part of the document that failed validation.
import { type DayNumber, parseIsoDate } from "../../core/calendar-date.ts";
import type { Currency } from "../../core/currency.ts";
import type { Issue } from "../../core/errors.ts";
import { formatMinor, parseMoneyMinor } from "../../core/money.ts";
import { compareRatio, parseDecimalRatio, type Ratio, ratio } from "../../core/ratio.ts";
import { didYouMean } from "./did-you-mean.ts";
import { MAX_AMOUNT_MINOR } from "./limits.ts";
import { listAllowed } from "./message-text.ts";

/** Marks a part of the document that failed validation (its issues are already reported). */
export const INVALID = Symbol("invalid");
export type Parsed<T> = T | typeof INVALID;

/** The own fields of a JSON object, on a prototype-less record so that "constructor" & co. read as absent. */
export type Fields = Readonly<Record<string, unknown>>;

/** Collects the issues of one document; each method validates one value and returns it or `INVALID`. */
export class TermsReader {
  readonly issues: Issue[] = [];

  report(field: string, value: unknown, message: string): typeof INVALID {
    this.issues.push({ field, value, message });
    return INVALID;
  }

  missing(field: string, allowed: string): typeof INVALID {
    return this.report(field, undefined, `is required: ${allowed}`);
  }

  /** A JSON object whose keys are all in `allowedKeys`; each unknown key is reported and skipped. */
  object(value: unknown, field: string, allowedKeys: readonly string[], example: string): Parsed<Fields> {
    if (value === undefined) return this.missing(field, `an object such as ${example}`);
    if (!isPlainObject(value)) return this.report(field, value, `must be an object such as ${example}`);
    const fields: Record<string, unknown> = Object.create(null);
    for (const [key, item] of Object.entries(value)) {
      if (allowedKeys.includes(key)) fields[key] = item;
      else
        this.report(
          joinField(field, key),
          item,
          `is not a known field${didYouMean(key, allowedKeys)}; allowed: ${allowedKeys.join(", ")}`,
        );
    }
    return fields;
  }

  array(value: unknown, field: string, example: string): Parsed<readonly unknown[]> {
    if (value === undefined) return this.missing(field, `an array such as ${example}`);
    return Array.isArray(value) ? value : this.report(field, value, `must be an array such as ${example}`);
  }

  /** One of `allowed` (compared exactly: "Monthly" is not "monthly"); `fallback` when absent, else required. */
  oneOf<T extends string | number>(
    value: unknown,
    field: string,
    allowed: readonly T[],
    fallback?: T,
  ): Parsed<T> {
    const found = allowed.find((candidate) => candidate === value);
    if (found !== undefined) return found;
    if (value === undefined) return fallback ?? this.missing(field, listAllowed(allowed));
    const suggestion = typeof value === "string" ? didYouMean(value, allowed.map(String)) : "";
    return this.report(field, value, `must be ${listAllowed(allowed)}${suggestion}`);
  }

  /** A JSON integer in min … max (strings such as "12" are not integers). */
  integer(value: unknown, field: string, min: number, max: number, fallback?: number): Parsed<number> {
    const allowed = min === max ? `${min}` : `a whole number between ${min} and ${max}`;
    if (value === undefined) return fallback ?? this.missing(field, allowed);
    if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
    return this.report(field, value, `must be ${allowed}`);
  }

  boolean(value: unknown, field: string, fallback: boolean): Parsed<boolean> {
    if (value === undefined) return fallback;
    return typeof value === "boolean" ? value : this.report(field, value, "must be true or false");
  }

  date(value: unknown, field: string): Parsed<DayNumber> {
    const allowed = "a date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31";
    if (value === undefined) return this.missing(field, allowed);
    const day = typeof value === "string" ? parseIsoDate(value) : undefined;
    return day ?? this.report(field, value, `must be ${allowed}, that exists in the calendar`);
  }

  /**
   * The decimal text of an amount or rate: a string as given, or a JSON number's own decimal text
   * (`String(12.5)` = "12.5"). A number JavaScript writes in exponent form (1e21, 1e-7) has no exact plain
   * decimal text, so it is refused rather than guessed.
   */
  decimalText(value: unknown, field: string, allowed: string): Parsed<string> {
    if (typeof value === "string") return value;
    if (typeof value !== "number") return this.report(field, value, `must be ${allowed}`);
    if (!Number.isFinite(value)) {
      return this.report(field, String(value), `must be a finite number: ${allowed}`);
    }
    const text = String(value);
    if (/e/i.test(text)) {
      return this.report(
        field,
        value,
        `is a JSON number written ${text}, which has no exact decimal reading: write ${allowed} as a string`,
      );
    }
    return text;
  }

  /**
   * An amount of money in minor units: a decimal with at most the currency's digits, positive or ≥ 0, at
   * most 10^15 minor units. With an invalid currency only the syntax and the sign are checked.
   */
  money(
    value: unknown,
    field: string,
    currency: Parsed<Currency>,
    sign: "positive" | "non-negative",
  ): Parsed<number> {
    const digits = currency === INVALID ? 2 : currency.digits;
    const example = `"${formatMinor(10000n * 10n ** BigInt(digits), digits)}"`;
    const allowed = `an amount ${sign === "positive" ? "greater than 0" : "of 0 or more"} such as ${example}`;
    if (value === undefined) return this.missing(field, allowed);
    const text = this.decimalText(value, field, allowed);
    if (text === INVALID) return INVALID;
    const exact = parseDecimalRatio(text);
    if (exact === undefined) return this.report(field, value, `must be ${allowed}`);
    if (sign === "positive" ? exact.num <= 0n : exact.num < 0n) {
      return this.report(field, value, sign === "positive" ? "must be greater than 0" : "must be 0 or more");
    }
    if (currency === INVALID) return INVALID;
    const minor = parseMoneyMinor(text, currency.digits);
    if (minor === undefined) {
      const places =
        currency.digits === 0 ? "no decimal places" : `at most ${currency.digits} decimal places`;
      return this.report(field, value, `must have ${places} for ${currency.code}`);
    }
    if (minor > MAX_AMOUNT_MINOR) {
      return this.report(
        field,
        value,
        `must be at most ${formatMinor(MAX_AMOUNT_MINOR, currency.digits)} (10^15 minor units of ${currency.code})`,
      );
    }
    // float-ok: checked ≤ 10^15 minor units above: converts exactly
    return Number(minor);
  }

  /** A percent as written (12.5 → 25/2): ≥ 0, or (for a payment change) greater than −100. */
  percent(value: unknown, field: string, range: "non-negative" | "above-minus-100"): Parsed<Ratio> {
    const allowed =
      range === "non-negative"
        ? 'a decimal number such as "12.5"'
        : 'a decimal number greater than -100 such as "5" or "-2.5"';
    if (value === undefined) return this.missing(field, allowed);
    const text = this.decimalText(value, field, allowed);
    if (text === INVALID) return INVALID;
    const percent = parseDecimalRatio(text);
    if (percent === undefined) return this.report(field, value, `must be ${allowed}`);
    if (range === "non-negative" && percent.num < 0n) return this.report(field, value, "must be 0 or more");
    if (range === "above-minus-100" && compareRatio(percent, ratio(-100n, 1n)) <= 0) {
      return this.report(field, value, "must be greater than -100 (a payment cannot fall to 0 or below)");
    }
    return percent;
  }
}

/** Whether every item was read; narrows the array to its valid type. */
export function allValid<T>(items: readonly Parsed<T>[]): items is readonly T[] {
  return items.every((item) => item !== INVALID);
}

/** Whether no field of `parts` is INVALID; narrows each field to its valid type. */
export function allFieldsValid<T extends object>(
  parts: T,
): parts is { readonly [K in keyof T]: Exclude<T[K], typeof INVALID> } {
  return Object.values(parts).every((part) => part !== INVALID);
}

export function isPlainObject(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function joinField(parent: string, key: string): string {
  // An empty key ({"": 1}) is still a field the user must be able to find: it is written `""`.
  const name = key === "" ? '""' : key;
  return parent === "(document)" ? name : `${parent}.${name}`;
}
