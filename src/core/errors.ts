// Every operating error Tenor reports, with its stable code. Operating errors (bad input, an impossible
// request) are `TenorError`s that name the field, the value and what is allowed; programmer errors are
// assertions (`assert`) that throw a plain Error and stay on in production.

export const ERROR_CODES = {
  INVALID_TERMS: "The terms document is not valid; `issues` lists every problem.",
  AMOUNT_OUT_OF_RANGE: "A computed amount exceeds the largest amount Tenor represents exactly.",
  NEGATIVE_PRINCIPAL_PART:
    "The terms would give an installment a negative principal part (rule of 78 or flat at a very high rate, or a rounding step too large).",
  PAYMENT_BELOW_INTEREST:
    "A given periodic payment (balloon or payment plan) does not cover the interest of its period.",
  RATE_NOT_FOUND: "No interest rate makes the payment plan repay the loan.",
  TOO_FEW_FLOWS: "A rate of return needs at least two cash flows.",
  NO_SIGN_CHANGE:
    "The cash flows are all of one sign (after netting flows on the same date): no rate makes their net present value zero.",
  INVALID_CASH_FLOWS: "The cash flows are not valid; `issues` lists every problem.",
  RATE_NOT_CONVERGED:
    "No rate above −100 % makes the net present value zero (none in the range searched), or the solver did not converge.",
  INVALID_ARGUMENT: "An argument of a rate function is outside its allowed range; `issues` names it.",
  RATE_CAP_EXCEEDED: "The effective rate of the terms is above the legal cap configured for them.",
  INVALID_SIMULATION:
    "The simulate document is not an object with the fields terms, servicing, events and asOf; `issues` names the problem.",
  INVALID_SERVICING_RULES: "The servicing rules are not valid; `issues` lists every problem.",
  INVALID_EVENT:
    "A loan event cannot be recorded (bad field, impossible on that date, or it would make a later event impossible); nothing was changed.",
  INVALID_PROFILE: "The borrower's financial profile is not valid; `issues` lists every problem.",
  INVALID_POLICY: "The affordability policy profile is unknown or not valid; `issues` names the problem.",
  INVALID_PLAN_REQUEST:
    "The plan request (loan request, product constraints, goal or custom plan) is not valid; `issues` lists every problem.",
  INVALID_PREPAYMENT: "The prepayment simulation document is not valid; `issues` lists every problem.",
  INVALID_REFINANCE: "The refinance check document is not valid; `issues` lists every problem.",
  INVALID_RESTRUCTURE: "The hardship restructuring document is not valid; `issues` lists every problem.",
  INVALID_HEALTH_INPUT: "The loan health score document is not valid; `issues` lists every problem.",
  INVALID_SCORE_INPUT: "The credit score document is not valid; `issues` lists every problem.",
  INVALID_MONITORING:
    "The risk monitoring document or overdue-handling configuration is not valid; `issues` lists every problem.",
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** One problem with one field of the input. `field` is a dotted path such as `fees[1].percent`. */
export interface Issue {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

export class TenorError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly Issue[];

  constructor(code: ErrorCode, reported: readonly Issue[]) {
    // Values must survive JSON (the CLI and the API print them): bigints become their decimal text.
    const issues = reported.map((issue) => ({ ...issue, value: jsonSafe(issue.value) }));
    super(
      issues
        .map((issue) => `${issue.field}: ${issue.message} (got ${describeValue(issue.value)})`)
        .join("; "),
    );
    this.name = "TenorError";
    this.code = code;
    this.issues = issues;
  }

  toJSON(): { error: { code: ErrorCode; message: string; issues: readonly Issue[] } } {
    return { error: { code: this.code, message: this.message, issues: this.issues } };
  }
}

/** Throws a TenorError about a single field. */
export function fail(code: ErrorCode, field: string, value: unknown, message: string): never {
  throw new TenorError(code, [{ field, value, message }]);
}

/** `issue` with its field put under `prefix` (`principal` → `terms.principal`; the document itself → `terms`). */
export function prefixIssue(issue: Issue, prefix: string): Issue {
  if (prefix === "") return issue;
  return { ...issue, field: issue.field === "(document)" ? prefix : `${prefix}.${issue.field}` };
}

/** Runs `parse`, rethrowing its TenorError with every field under `prefix` (see prefixIssue). */
export function withFieldPrefix<T>(prefix: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    throw new TenorError(
      error.code,
      error.issues.map((issue) => prefixIssue(issue, prefix)),
    );
  }
}

/** A programmer error: a broken invariant inside Tenor, never the caller's input. */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(`Tenor internal error: ${message}`);
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonSafe(item)]));
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "bigint") return value.toString();
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
