// The HTTP adapter: every route of the table (routes.ts) becomes a handler that authenticates the key, reads a
// JSON body within the size limit, validates path, query, body and Idempotency-Key with the route's schemas,
// and hands the assembled input to `TenorApp.perform`, which decides access and does the work. Whatever is
// refused on the way is answered as problem+json (problem.ts). Public: /health, /openapi.json and /docs.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { Actor } from "../app/actor.ts";
import type { TenorApp } from "../app/service.ts";
import { jsonDepth, jsonText, MAX_JSON_DEPTH, prototypeKeyPath, requestFingerprint } from "./json.ts";
import { openApiDocument } from "./openapi.ts";
import {
  type ErrorLogger,
  HttpProblem,
  issuesFromZod,
  logToStderr,
  type ProblemIssue,
  problem,
  problemOf,
  problemResponse,
  type RequestPart,
} from "./problem.ts";
import { mountReferencePage, REFERENCE_PATHS } from "./reference-page.ts";
import { type ParsedRequest, ROUTES, type Route, routerPath } from "./routes.ts";
import { allowedValueMessages, IdempotencyKey } from "./schemas.ts";

/** The largest request body accepted: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpAppOptions {
  readonly maxBodyBytes?: number | undefined;
  /** Where unexpected errors go, under their error id (default: standard error). */
  readonly logError?: ErrorLogger | undefined;
}

export type HttpEnv = { Variables: { actor: Actor } };
export type HttpApp = Hono<HttpEnv>;

const JSON_TYPE = "application/json; charset=utf-8";
const IDEMPOTENCY_HEADER = z.object({ "Idempotency-Key": IdempotencyKey.optional() });
const NO_QUERY = z.strictObject({}, { error: () => "is not a known field; this request takes no query" });

export function createHttpApp(app: TenorApp, options: HttpAppOptions = {}): HttpApp {
  const http = new Hono<HttpEnv>();
  const log = options.logError ?? logToStderr;
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;

  http.onError((error, c) => {
    const found = problemOf(error, log);
    return problemResponse(found.problem, found.headers, c.req.method);
  });
  http.notFound((c) =>
    problemResponse(
      problem(404, "NOT_FOUND", `there is no ${c.req.path}; the paths are listed at /openapi.json`, []),
      {},
      c.req.method,
    ),
  );

  http.get("/health", (c) => json(c, 200, { status: "ok", database: app.store.kind }));
  let openapi: string | undefined;
  http.get("/openapi.json", (c) => {
    openapi ??= jsonText(openApiDocument());
    return c.body(openapi, 200, { "Content-Type": JSON_TYPE });
  });
  mountReferencePage(http);

  const authenticate: MiddlewareHandler<HttpEnv> = async (c, next) => {
    const header = c.req.header("Authorization");
    const bearer = header === undefined ? undefined : /^Bearer +(\S+) *$/i.exec(header)?.[1];
    c.set("actor", await app.authenticator.authenticate(bearer));
    await next();
  };
  // The rest of the body may still be on its way: the connection is closed rather than reused.
  const tooLarge = () =>
    new HttpProblem(413, "PAYLOAD_TOO_LARGE", `the request body is larger than ${maxBodyBytes} bytes`, [], {
      Connection: "close",
    });
  const streamedLimit = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw tooLarge();
    },
  });

  // A body with a Content-Length is judged by the header (Node's parser holds the client to it). Only a chunked
  // body goes through Hono's streaming limit: asking for `c.req.raw.body`, as that does, builds a full web
  // Request around the Node request, which costs a quote about a tenth of its time.
  const limit: MiddlewareHandler<HttpEnv> = async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("Content-Length");
    if (length === undefined || c.req.header("Transfer-Encoding") !== undefined)
      return streamedLimit(c, next);
    if (Number(length) > maxBodyBytes) throw tooLarge();
    return next();
  };

  for (const route of ROUTES) {
    http.on(route.method, routerPath(route.path), authenticate, limit, async (c) => {
      const body = await readBody(c, route);
      const parsed = validate(c, route, body);
      const key = c.req.header("Idempotency-Key");
      const idempotency =
        route.command && key !== undefined
          ? { key, fingerprint: requestFingerprint(route.method, c.req.path, body) }
          : undefined;
      const answer = await app.perform(
        route.operation,
        c.get("actor"),
        route.input(parsed) as never,
        idempotency,
      );
      const headers: Record<string, string> = { "Content-Type": JSON_TYPE };
      if (answer.replayed === true) headers["Idempotent-Replayed"] = "true";
      return c.body(jsonText(answer.body), answer.status as 200, headers);
    });
  }

  // A known path asked with another method: 405 with the methods it has.
  const methods = new Map<string, string[]>();
  for (const route of ROUTES) methods.set(route.path, [...(methods.get(route.path) ?? []), route.method]);
  for (const path of ["/health", "/openapi.json", ...REFERENCE_PATHS]) methods.set(path, ["GET"]);
  for (const [path, allowed] of methods) {
    const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : [])].join(", ");
    http.all(routerPath(path), (c) => {
      throw new HttpProblem(
        405,
        "METHOD_NOT_ALLOWED",
        `${c.req.method} is not allowed on ${path}; allowed: ${allow}`,
        [],
        { Allow: allow },
      );
    });
  }
  return http;
}

function json(c: Context, status: 200, body: unknown): Response {
  return c.body(jsonText(body), status, { "Content-Type": JSON_TYPE });
}

function isJsonType(contentType: string): boolean {
  const media = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  return media === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(media);
}

/** The parsed JSON body, or undefined when there is none. Bodies must be JSON and at most 32 levels deep. */
async function readBody(c: Context, route: Route): Promise<unknown> {
  if (route.method === "GET") return undefined;
  const contentType = c.req.header("Content-Type");
  const unsupported = () =>
    new HttpProblem(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      "the request body must be JSON (Content-Type: application/json)",
      [{ field: "header.Content-Type", value: contentType ?? null, message: "must be application/json" }],
    );
  if (contentType !== undefined && contentType.trim() !== "" && !isJsonType(contentType)) throw unsupported();
  const text = await c.req.text();
  if (text.trim() === "") return undefined;
  if (contentType === undefined || contentType.trim() === "") throw unsupported();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpProblem(400, "INVALID_REQUEST", "the request body is not valid JSON", [
      { field: "body", value: null, message: `must be valid JSON (${(error as Error).message})` },
    ]);
  }
  if (jsonDepth(value) > MAX_JSON_DEPTH)
    throw new HttpProblem(
      422,
      "INVALID_REQUEST",
      `the request body nests deeper than ${MAX_JSON_DEPTH} levels`,
      [
        {
          field: "body",
          value: null,
          message: `must nest at most ${MAX_JSON_DEPTH} levels of arrays and objects`,
        },
      ],
    );
  const prototypeKey = prototypeKeyPath(value);
  if (prototypeKey !== undefined)
    throw new HttpProblem(422, "INVALID_REQUEST", `${prototypeKey}: is not a field of any Tenor document`, [
      { field: prototypeKey, value: null, message: "is not a field of any Tenor document" },
    ]);
  return value;
}

/** Every part checked by its schema; all problems are reported together. */
function validate(c: Context, route: Route, body: unknown): ParsedRequest {
  const issues: ProblemIssue[] = [];
  const parse = (part: RequestPart, schema: z.ZodType | undefined, value: unknown): unknown => {
    if (schema === undefined) return undefined;
    const result = schema.safeParse(value, { error: allowedValueMessages });
    if (result.success) return result.data;
    issues.push(...issuesFromZod(part, result.error, value));
    return undefined;
  };
  const parsed = {
    params: parse("path", route.request.params, c.req.param()),
    query: parse("query", route.request.query ?? NO_QUERY, c.req.query()),
    body: parse("body", route.request.body, body),
  };
  if (route.command)
    parse("header", IDEMPOTENCY_HEADER, { "Idempotency-Key": c.req.header("Idempotency-Key") });
  if (issues.length > 0) {
    const listed = issues
      .slice(0, 3)
      .map((issue) => `${issue.field} ${issue.message}`)
      .join("; ");
    const more = issues.length > 3 ? `; and ${issues.length - 3} more` : "";
    throw new HttpProblem(422, "INVALID_REQUEST", `the request is not valid: ${listed}${more}`, issues);
  }
  return parsed;
}

export interface StartOptions {
  readonly app: TenorApp;
  /** 0 (the default) takes any free port. */
  readonly port?: number | undefined;
  /** Default 127.0.0.1. */
  readonly host?: string | undefined;
  readonly http?: HttpAppOptions | undefined;
}

export interface RunningServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  /** Stops accepting connections and resolves once the open ones have closed. */
  close(): Promise<void>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const http = createHttpApp(options.app, options.http);
  const host = options.host ?? "127.0.0.1";
  const server = createAdaptorServer({ fetch: http.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  const url = `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    server,
    close: () => {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
