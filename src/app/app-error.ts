// The errors of the service's use cases, each with an HTTP status and a stable code (docs/reference/api.md).
// Bad input to the engines stays a TenorError (422, its own code and issues); these cover what only a running
// service can say: who you are, what you may do, what exists, and what clashes.
import type { Issue } from "../core/errors.ts";

export const APP_ERROR_CODES = {
  UNAUTHENTICATED: "No valid API key was given (header `Authorization: Bearer <key>`).",
  FORBIDDEN: "The key's role may not perform this operation, or the object belongs to someone else.",
  NOT_FOUND: "No such object in this tenant.",
  INVALID_REQUEST: "The request is not valid; `issues` lists every problem.",
  CONFLICT: "The object is not in a state that allows the operation.",
  IDEMPOTENCY_KEY_IN_USE: "A request with this Idempotency-Key is still running; retry after it finishes.",
  IDEMPOTENCY_KEY_REUSED: "This Idempotency-Key was used for a different request.",
  PAYLOAD_TOO_LARGE: "The request body is larger than the service accepts.",
  UNSUPPORTED_MEDIA_TYPE: "The request body must be JSON (Content-Type: application/json).",
  METHOD_NOT_ALLOWED: "The path exists but not with this method.",
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_CODES;

const STATUS: Readonly<Record<AppErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_REQUEST: 422,
  CONFLICT: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  METHOD_NOT_ALLOWED: 405,
};

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: number;
  readonly issues: readonly Issue[];

  constructor(code: AppErrorCode, message: string, issues: readonly Issue[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = STATUS[code];
    this.issues = issues;
  }
}

export function notFound(kind: string, id: string): AppError {
  return new AppError("NOT_FOUND", `no ${kind} "${id}" in this tenant`);
}

export function invalid(field: string, value: unknown, message: string): AppError {
  return new AppError("INVALID_REQUEST", `${field}: ${message}`, [{ field, value, message }]);
}
