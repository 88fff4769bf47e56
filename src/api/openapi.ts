// The OpenAPI 3.1 document, made from the route table and the very zod schemas that validate requests
// (JSON Schema 2020-12 is OpenAPI 3.1's schema dialect), so what the reference shows is what the server accepts.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { OPERATION_ROLES } from "../app/permissions.ts";
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from "./problem.ts";
import { ROUTES, type Route } from "./routes.ts";
import { IdempotencyKey, MAX_PAGE_SIZE } from "./schemas.ts";

type Json = Record<string, unknown>;

const TAGS: readonly { name: string; description: string }[] = [
  { name: "Tenant", description: "The tenant the key belongs to." },
  { name: "API keys", description: "Keys and their roles: admin, officer, borrower." },
  { name: "Products", description: "Credit products, versioned; ready-made templates." },
  { name: "Quotes", description: "Schedules and effective rates, computed and not stored." },
  {
    name: "Borrowers",
    description: "Borrowers, their financial profiles, repayment plans and credit scores.",
  },
  { name: "Applications", description: "Loan applications, approved into loans." },
  {
    name: "Loans",
    description: "Servicing: disbursement, events, state, pay-off, cash flow, ledger, health.",
  },
  { name: "Portfolio", description: "Delinquency views for staff." },
  { name: "End of day", description: "Closing the business day." },
  { name: "Audit", description: "Who did what." },
];

/** JSON Schema of what a request part accepts (the input side of coercions). */
export function jsonSchemaOf(schema: z.ZodType): Json {
  const generated = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "any",
  }) as Json;
  delete generated.$schema;
  return generated;
}

function packageVersion(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** `loans.events.record` → `loansEventsRecord`. */
export function operationId(operation: string): string {
  return operation.replace(/\.([a-z])/g, (_dot, letter: string) => letter.toUpperCase());
}

function parameters(route: Route): Json[] {
  const found: Json[] = [];
  for (const [place, schema] of [
    ["path", route.request.params],
    ["query", route.request.query],
  ] as const) {
    if (schema === undefined) continue;
    const object = jsonSchemaOf(schema) as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(object.properties ?? {})) {
      const { description, ...rest } = property;
      const example = route.example[place === "path" ? "params" : "query"]?.[name];
      found.push({
        name,
        in: place,
        required: place === "path" || (object.required ?? []).includes(name),
        ...(description === undefined ? {} : { description }),
        schema: rest,
        ...(example === undefined ? {} : { example }),
      });
    }
  }
  if (route.command) found.push({ $ref: "#/components/parameters/IdempotencyKey" });
  return found;
}

function requestBody(route: Route): Json | undefined {
  const schema = route.request.body;
  if (schema === undefined) return undefined;
  const required = !schema.safeParse(undefined).success;
  return {
    required,
    content: {
      "application/json": {
        schema: jsonSchemaOf(schema),
        ...(route.example.body === undefined ? {} : { example: route.example.body }),
      },
    },
  };
}

function responses(route: Route): Json {
  const success: Json = {
    description: route.summary,
    content: { "application/json": { schema: { type: "object" } } },
  };
  if (route.command)
    success.headers = { "Idempotent-Replayed": { $ref: "#/components/headers/IdempotentReplayed" } };
  const problem = { $ref: "#/components/responses/Problem" };
  const hasBody = route.request.body !== undefined;
  const codes = ["401", "403", "404", ...(route.command ? ["409"] : []), "422", "500"];
  if (hasBody) codes.push("400", "413", "415");
  return {
    [String(route.status)]: success,
    ...Object.fromEntries(codes.sort().map((code) => [code, problem])),
  };
}

function operationObject(route: Route): Json {
  const roles = OPERATION_ROLES[route.operation];
  const notes = [
    `${route.summary}.`,
    `Operation \`${route.operation}\`; roles: ${roles.join(", ")}.`,
    ...(route.command
      ? ["Send an `Idempotency-Key` to make a retry safe (docs/reference/api.md, Idempotency)."]
      : []),
  ];
  const body = requestBody(route);
  return {
    operationId: operationId(route.operation),
    summary: route.summary,
    description: notes.join("\n\n"),
    tags: [route.tag],
    "x-tenor-operation": route.operation,
    "x-tenor-roles": [...roles],
    parameters: parameters(route),
    ...(body === undefined ? {} : { requestBody: body }),
    responses: responses(route),
  };
}

export function openApiDocument(routes: readonly Route[] = ROUTES): Json {
  const paths: Record<string, Record<string, Json>> = {
    "/health": {
      get: {
        operationId: "health",
        summary: "Whether the service and its database answer",
        tags: ["Tenant"],
        security: [],
        responses: {
          "200": {
            description: "The service is up",
            content: {
              "application/json": {
                schema: {
                  type: "object",
                  properties: { status: { const: "ok" }, database: { enum: ["embedded", "server"] } },
                  required: ["status", "database"],
                },
              },
            },
          },
        },
      },
    },
  };
  for (const route of routes) {
    const item = paths[route.path] ?? {};
    item[route.method.toLowerCase()] = operationObject(route);
    paths[route.path] = item;
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "Tenor API",
      version: packageVersion(),
      summary: "Loan products, quotes, borrowers and plans, applications, servicing, ledger and risk.",
      description: [
        "Authenticate with `Authorization: Bearer <API key>`; a key has one role (admin, officer, borrower) and",
        "belongs to one tenant. Money is decimal text in the currency's units, dates are `YYYY-MM-DD`. Errors are",
        `\`${PROBLEM_CONTENT_TYPE}\` with a stable \`code\` and \`issues\` naming each field. Lists are paged:`,
        `\`limit\` (1 to ${MAX_PAGE_SIZE}) and \`after\` (the \`next\` of the previous page). Request bodies are`,
        "JSON objects of at most 1 MiB; unknown fields are refused. See docs/reference/api.md.",
      ].join(" "),
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }],
    tags: TAGS,
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "tenor.<tenant>.<key id>.<secret>",
          description: "An API key issued by an admin (POST /v1/api-keys) or by `tenor seed`.",
        },
      },
      parameters: {
        IdempotencyKey: {
          name: "Idempotency-Key",
          in: "header",
          required: false,
          description: IdempotencyKey.description,
          schema: jsonSchemaOf(IdempotencyKey),
        },
      },
      headers: {
        IdempotentReplayed: {
          description: "`true` when the answer is the stored answer of an earlier request with the same key.",
          schema: { type: "string", enum: ["true"] },
        },
      },
      responses: {
        Problem: {
          description: "An error, as RFC 9457 problem details with a stable code and the fields at fault.",
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
        },
      },
      schemas: {
        Problem: {
          type: "object",
          required: ["type", "title", "status", "detail", "code", "issues"],
          properties: {
            type: { type: "string", format: "uri", description: `${PROBLEM_TYPE_BASE}<code in kebab case>` },
            title: { type: "string" },
            status: { type: "integer" },
            detail: { type: "string" },
            code: {
              type: "string",
              description: "Stable: see docs/reference/api.md and errors-and-warnings.md.",
            },
            issues: {
              type: "array",
              items: {
                type: "object",
                required: ["field", "value", "message"],
                properties: {
                  field: {
                    type: "string",
                    description:
                      "Where: `body.principal`, `query.limit`, `path.loanId`, `header.Idempotency-Key` for a request the schemas refuse; the field inside the document for the engines' refusals (`principal`, `event.amount`).",
                  },
                  value: { description: "The value received (null when missing)." },
                  message: { type: "string", description: "What is allowed." },
                },
              },
            },
            errorId: {
              type: "string",
              description: "On a 500 only: the id of the error in the server's log.",
            },
          },
        },
      },
    },
  };
}
