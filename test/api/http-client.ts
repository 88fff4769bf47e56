// A small client for the API tests: real HTTP with fetch against a started server, answers parsed as JSON.
import { readFileSync } from "node:fs";
import { type RunningServer, startServer } from "../../src/api/server.ts";
import { TenorApp } from "../../src/app/service.ts";
import { createTenant } from "../../src/app/tenants.ts";
import type { Store } from "../../src/store/database.ts";

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: answers are inspected field by field in the tests
  readonly body: any;
}

export interface CallOptions {
  /** The API key (`Authorization: Bearer …`). */
  readonly key?: string | undefined;
  /** A JSON body (sent as application/json). */
  readonly body?: unknown;
  /** A body sent as it is (with the headers given). */
  readonly raw?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

export type Call = (method: string, path: string, options?: CallOptions) => Promise<Reply>;

export function httpClient(baseUrl: string): Call {
  return async (method, path, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.key !== undefined) headers.Authorization = `Bearer ${options.key}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    if (options.raw !== undefined) body = options.raw;
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...options.headers },
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === "" ? undefined : JSON.parse(text);
    } catch {
      // not JSON (the reference page, its assets): the text itself
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };
}

export interface TestService {
  readonly app: TenorApp;
  readonly server: RunningServer;
  readonly call: Call;
  readonly adminKey: string;
  /** Unexpected errors the server logged, by error id. */
  readonly internalErrors: Map<string, unknown>;
}

/** A tenant (business date 2025-03-15) and a server on a free port, over the given store. */
export async function startTestService(store: Store, tenantId = "acme"): Promise<TestService> {
  const app = new TenorApp(store);
  const { adminKey } = await createTenant(store, {
    tenantId,
    name: "Acme Lending",
    businessDate: "2025-03-15",
  });
  const internalErrors = new Map<string, unknown>();
  const server = await startServer({
    app,
    port: 0,
    http: { logError: (errorId, error) => internalErrors.set(errorId, error) },
  });
  return { app, server, call: httpClient(server.url), adminKey, internalErrors };
}

export function example(path: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../examples/${path}`, import.meta.url), "utf8"));
}
