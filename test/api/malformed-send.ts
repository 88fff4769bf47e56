// Sends the malformed requests over real HTTP, a few at a time, and checks each answer: a refusal (4xx, never
// 5xx), as application/problem+json with a code and, for a 422, issues naming fields. The body is sent as bytes,
// so that fetch adds no Content-Type of its own.
import type { MalformedRequest } from "./malformed-generator.ts";

export interface Outcome {
  readonly request: MalformedRequest;
  /** 0 when no answer came (connection reset, timeout). */
  readonly status: number;
  readonly problem?: string | undefined;
}

/** Long enough for any single request; a request that hangs this long is reported, not waited for. */
const HANG_MS = 60_000;

export async function sendAll(
  baseUrl: string,
  key: string,
  requests: readonly MalformedRequest[],
  concurrency: number,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(requests.length);
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const index = next++;
      outcomes[index] = await send(baseUrl, key, requests[index] as MalformedRequest, index);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcomes;
}

async function send(
  baseUrl: string,
  key: string,
  request: MalformedRequest,
  index: number,
): Promise<Outcome> {
  const headers: Record<string, string> = { Authorization: `Bearer ${key}`, ...request.headers };
  // Half the writes carry a valid Idempotency-Key: a refused request must not leave its key stored either.
  if (request.command && index % 2 === 0 && !("Idempotency-Key" in request.headers))
    headers["Idempotency-Key"] = `malformed-${index}`;
  let response: Response;
  let text: string;
  try {
    response = await fetch(`${baseUrl}${request.path}`, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: new TextEncoder().encode(request.body) }),
      signal: AbortSignal.timeout(HANG_MS),
    });
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? String(error);
    return { request, status: 0, problem: `no answer: ${cause}` };
  }
  return { request, status: response.status, problem: problemWith(response, text) };
}

/** What is wrong with the answer to a malformed request, or undefined when it is a proper refusal. */
function problemWith(response: Response, text: string): string | undefined {
  const { status } = response;
  if (status >= 500) return `server error ${status}: ${text.slice(0, 300)}`;
  if (status < 400) return `accepted with ${status}: ${text.slice(0, 300)}`;
  const type = response.headers.get("content-type") ?? "";
  if (!type.startsWith("application/problem+json"))
    return `${status} answered as "${type}": ${text.slice(0, 200)}`;
  let body: { code?: unknown; issues?: unknown };
  try {
    body = JSON.parse(text);
  } catch {
    return `${status} answer is not JSON: ${text.slice(0, 200)}`;
  }
  if (typeof body.code !== "string" || body.code === "")
    return `${status} without a code: ${text.slice(0, 200)}`;
  if (status === 422) {
    const issues = Array.isArray(body.issues) ? (body.issues as { field?: unknown }[]) : [];
    if (
      issues.length === 0 ||
      !issues.every((issue) => typeof issue.field === "string" && issue.field !== "")
    )
      return `422 without issues naming a field: ${text.slice(0, 300)}`;
  }
  return undefined;
}
