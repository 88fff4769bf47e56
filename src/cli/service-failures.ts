// The service commands' expected failures — a locked data directory, an unreachable or refusing server, a port
// in use, an operation the app refused, malformed data keys or a sealed value they cannot open — become one
// line on standard error and an exit status, never a stack trace; anything else is left to the CLI's
// internal-error report.
import { AppError } from "../app/app-error.ts";
import { DataDirectoryLockedError } from "../store/data-dir-lock.ts";
import { DataKeysError } from "../store/data-keys.ts";
import { SealedTextError } from "../store/sealed-text.ts";

/** A failure the user can act on, said in one line. */
export class ServiceError extends Error {
  override name = "ServiceError";
}

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
]);

/**
 * The failure's line and exit status (2 when the input is at fault, as for the other commands; 1 otherwise);
 * undefined for a real internal error.
 */
export function serviceFailure(error: unknown): { message: string; exitCode: 1 | 2 } | undefined {
  const message = failureMessage(error);
  if (message === undefined) return undefined;
  const inputAtFault =
    (error instanceof AppError && error.code === "INVALID_REQUEST") || error instanceof DataKeysError;
  return { message, exitCode: inputAtFault ? 2 : 1 };
}

function failureMessage(error: unknown): string | undefined {
  if (
    error instanceof DataDirectoryLockedError ||
    error instanceof ServiceError ||
    error instanceof DataKeysError ||
    error instanceof SealedTextError
  )
    return error.message;
  if (error instanceof AppError) return `${error.message} (${error.code})`;
  if (!(error instanceof Error)) return undefined;
  // The store wraps a failed connection in a migration error: the code is on its cause.
  const cause =
    error.cause instanceof Error && (error as NodeJS.ErrnoException).code === undefined ? error.cause : error;
  const { code, port, address } = cause as NodeJS.ErrnoException & { port?: number; address?: string };
  if (code === "EADDRINUSE")
    return `${address ?? "the address"}:${port ?? "?"} is already in use; choose another port with --port`;
  if (code === "EACCES" && port !== undefined)
    return `not allowed to listen on port ${port}; choose a port above 1023 with --port`;
  if (code === "EADDRNOTAVAIL") return `cannot listen on ${address ?? "that address"}; check --host`;
  if (code !== undefined && NETWORK_CODES.has(code))
    return `cannot reach the PostgreSQL server (${cause.message}); check --database-url / DATABASE_URL`;
  // SQLSTATE classes 08 (connection) and 28 (authorization), and 3D000 (no such database), from the server.
  if (code !== undefined && /^(08|28)...$|^3D000$/.test(code))
    return `the PostgreSQL server refused the connection: ${cause.message}`;
  return undefined;
}

/**
 * End of day reports what stops it (no tenant, several tenants, partitions left undone) as plain errors written
 * for people: those become one-line failures; errors of any other kind stay internal errors.
 */
export async function asServiceFailure<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const plain = error instanceof Error && error.constructor === Error;
    if (plain && (error as NodeJS.ErrnoException).code === undefined)
      throw new ServiceError(error.message, { cause: error });
    throw error;
  }
}
