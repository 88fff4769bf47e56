// Errors as `application/problem+json` (RFC 9457, docs/reference/api.md "Errors"). Every answer that is not a
// success is one of these, with a stable `code` (the app's AppError code, the engine's TenorError code, or
// INVALID_REQUEST for a request the schemas refuse) and `issues` naming each field, the value received and what
// is allowed. `type` is `https://tenor.dev/problems/<code in kebab case>`, an identifier of the kind of problem.
// Anything else that goes wrong is a 500 with an error id: the details go to the log, never to the caller.
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { AppError } from "../app/app-error.ts";
import { TenorError } from "../core/errors.ts";
import { jsonText } from "./json.ts";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";
export const PROBLEM_TYPE_BASE = "https://tenor.dev/problems/";

export interface ProblemIssue {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly issues: readonly ProblemIssue[];
  /** Only on a 500: quote it to the operator, who finds the details in the server's log. */
  readonly errorId?: string;
}

/** A refusal the HTTP layer makes itself (a body it cannot read, a path it does not have). */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: readonly ProblemIssue[];
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    code: string,
    detail: string,
    issues: readonly ProblemIssue[] = [],
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = "HttpProblem";
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.headers = headers;
  }
}

export type ErrorLogger = (errorId: string, error: unknown) => void;

export const logToStderr: ErrorLogger = (errorId, error) => {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`tenor api: internal error ${errorId}: ${text}\n`);
};

/** The problem for whatever a request ended with; unexpected errors are logged under a new error id. */
export function problemOf(
  error: unknown,
  log: ErrorLogger,
): { problem: Problem; headers: Readonly<Record<string, string>> } {
  if (error instanceof HttpProblem)
    return {
      problem: problem(error.status, error.code, error.message, error.issues),
      headers: error.headers,
    };
  if (error instanceof AppError) {
    const headers: Record<string, string> =
      error.code === "UNAUTHENTICATED" ? { "WWW-Authenticate": 'Bearer realm="tenor"' } : {};
    return { problem: problem(error.status, error.code, error.message, error.issues), headers };
  }
  if (error instanceof TenorError)
    return { problem: problem(422, error.code, error.message, error.issues), headers: {} };
  const errorId = `err_${randomBytes(8).toString("hex")}`;
  log(errorId, error);
  return {
    problem: {
      ...problem(
        500,
        "INTERNAL_ERROR",
        `The service failed to answer this request; quote error id ${errorId} to its operator.`,
        [],
      ),
      errorId,
    },
    headers: {},
  };
}

export function problem(
  status: number,
  code: string,
  detail: string,
  issues: readonly ProblemIssue[],
): Problem {
  return {
    type: `${PROBLEM_TYPE_BASE}${code.toLowerCase().replaceAll("_", "-")}`,
    title: titleOf(code),
    status,
    detail,
    code,
    // `value` is always present (null when there was none), so that clients need not test for it.
    issues: issues.map((issue) => ({
      field: issue.field,
      value: issue.value ?? null,
      message: issue.message,
    })),
  };
}

/** `IDEMPOTENCY_KEY_REUSED` → "Idempotency key reused": stable, because codes are. */
function titleOf(code: string): string {
  const words = code.toLowerCase().replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function problemResponse(
  found: Problem,
  headers: Readonly<Record<string, string>> = {},
  method = "GET",
): Response {
  return new Response(method === "HEAD" ? null : jsonText(found), {
    status: found.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, ...headers },
  });
}

/** Where a part of the request is, as the prefix of its issues' fields. */
export type RequestPart = "path" | "query" | "body" | "header";

/**
 * The issues of a schema failure, each field written from the request part: `body.terms`, `query.limit`,
 * `path.loanId`, `body.fees.origination`; an unknown field gets one issue of its own, with its value.
 */
export function issuesFromZod(part: RequestPart, error: z.core.$ZodError, received: unknown): ProblemIssue[] {
  const issues: ProblemIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((key): key is string | number => typeof key !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const at = [...path, key];
        issues.push({ field: fieldName(part, at), value: valueAt(received, at), message: issue.message });
      }
    } else {
      issues.push({ field: fieldName(part, path), value: valueAt(received, path), message: issue.message });
    }
  }
  return issues;
}

function fieldName(part: RequestPart, path: readonly (string | number)[]): string {
  let name: string = part;
  for (const key of path) name += typeof key === "number" ? `[${key}]` : `.${key}`;
  return name;
}

/** The value as the caller sent it (before any coercion), or undefined when it is missing. */
function valueAt(received: unknown, path: readonly (string | number)[]): unknown {
  let value = received;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}
