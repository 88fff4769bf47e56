// The route table against the app's operations and the reference page: every operation has exactly one route,
// every example in the table passes its own schemas (they are the OpenAPI examples and the access-control test's
// requests), and docs/reference/api.md lists every endpoint with its roles.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPERATION_ROLES, OPERATIONS } from "../app/permissions.ts";
import { ROUTES } from "./routes.ts";
import { allowedValueMessages } from "./schemas.ts";

const DOC = new URL("../../docs/reference/api.md", import.meta.url);
const START = "<!-- endpoints:start -->";
const END = "<!-- endpoints:end -->";

/** The endpoint list of api.md, by tag, as the tables say it. */
function endpointList(): string {
  const lines: string[] = [];
  let tag = "";
  for (const route of ROUTES) {
    if (route.tag !== tag) {
      tag = route.tag;
      lines.push("", `### ${tag}`, "", "| endpoint | operation | roles | success | Idempotency-Key | what |");
      lines.push("| --- | --- | --- | --- | --- | --- |");
    }
    const roles = OPERATION_ROLES[route.operation].join(", ");
    const summary = route.summary.replaceAll("|", "\\|");
    lines.push(
      `| \`${route.method} ${route.path}\` | \`${route.operation}\` | ${roles} | ${route.status} | ${route.command ? "yes" : ""} | ${summary} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("the route table", () => {
  it("has one route for every operation of the app", () => {
    expect(ROUTES.map((route) => route.operation).sort()).toEqual([...OPERATIONS].sort());
  });

  it("has no two routes with the same method and path", () => {
    const keys = ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("names every path parameter in the path and in the schema alike", () => {
    for (const route of ROUTES) {
      const inPath = [...route.path.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1]);
      expect(Object.keys(route.request.params?.shape ?? {}), route.path).toEqual(inPath);
    }
  });

  it("has examples its own schemas accept", () => {
    for (const route of ROUTES) {
      const { params, query, body } = route.request;
      const parts = [
        [params, route.example.params ?? {}],
        [query, route.example.query ?? {}],
        [body, route.example.body],
      ] as const;
      for (const [schema, value] of parts) {
        if (schema === undefined) continue;
        const result = schema.safeParse(value, { error: allowedValueMessages });
        expect(result.error?.issues ?? [], `${route.method} ${route.path}`).toEqual([]);
      }
    }
  });

  it("is listed in docs/reference/api.md with every endpoint's roles", () => {
    const doc = readFileSync(DOC, "utf8");
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const expected = endpointList();
    if (process.env.UPDATE_API_DOC === "1") {
      writeFileSync(DOC, `${doc.slice(0, start + START.length)}\n${expected}${doc.slice(end)}`);
      return;
    }
    expect(
      doc.slice(start + START.length, end).trim(),
      "run UPDATE_API_DOC=1 npx vitest run src/api/routes.test.ts",
    ).toBe(expected.trim());
  });
});
