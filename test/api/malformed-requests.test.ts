// Thousands of malformed requests, made from every route's schemas and its example (malformed-generator.ts):
// wrong types, huge numbers, bad dates, bad ids, values outside enums, unknown fields at every level (the
// engines' documents included) and in the query, missing required fields, deep nesting, long strings, bodies
// that are not JSON objects, wrong content types, bad idempotency keys and fast-check's random junk. Sent over
// real HTTP with the admin key (so that access control is not what refuses them) against a tenant with real
// objects (so that they reach the deepest check): no server error, none accepted, every refusal problem+json
// naming its fields, and not one row of any table changed. Then each route's unbroken example is sent and
// accepted: the refusals were the malformations'. On PGlite, and on the PostgreSQL server when configured.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathWith } from "../../src/api/routes.ts";
import type { Store } from "../../src/store/database.ts";
import { disposeStore, STORE_KINDS } from "../support/test-store.ts";
import { startTestService, type TestService } from "./http-client.ts";
import { fingerprint, realCases, seedObjects } from "./malformed-fixture.ts";
import { type MalformedRequest, malformedRequests, type RouteCase } from "./malformed-generator.ts";
import { type Outcome, sendAll } from "./malformed-send.ts";
import { jsonWithRaw } from "./malformed-values.ts";

const CONCURRENCY = 8;

describe.each(STORE_KINDS)("malformed requests on $name", (kind) => {
  let store: Store;
  let service: TestService;
  let cases: RouteCase[];
  let requests: MalformedRequest[];

  beforeAll(async () => {
    store = await kind.open();
    service = await startTestService(store, "malformed");
    cases = realCases(await seedObjects(service.call, service.adminKey));
    requests = malformedRequests(cases);
  });

  afterAll(async () => {
    await service?.server.close();
    if (store !== undefined) await disposeStore(store);
  });

  it("covers every route with thousands of requests of every category", () => {
    expect(requests.length).toBeGreaterThan(3000);
    const operations = new Set(requests.map((request) => request.operation));
    for (const routeCase of cases)
      expect(operations, routeCase.route.operation).toContain(routeCase.route.operation);
    const categories = new Set(requests.map((request) => request.category));
    for (const category of [
      "wrong-type",
      "huge-number",
      "bad-date",
      "bad-id",
      "bad-enum",
      "extra-field",
      "extra-query",
      "missing-required",
      "deep-nesting",
      "long-string",
      "non-json",
      "truncated-json",
      "not-an-object",
      "wrong-content-type",
      "random-junk",
    ])
      expect(categories, category).toContain(category);
  });

  it("refuses them all: no server error, none accepted, problem+json, no row changed", async () => {
    const before = await fingerprint(store);
    const started = performance.now();
    const outcomes = await sendAll(service.server.url, service.adminKey, requests, CONCURRENCY);
    const seconds = (performance.now() - started) / 1000;
    const after = await fingerprint(store);
    console.info(summary(kind.name, outcomes, seconds));

    const failures = outcomes.filter((outcome) => outcome.problem !== undefined);
    expect(failures.length, failures.slice(0, 40).map(describeFailure).join("\n")).toBe(0);
    expect([...service.internalErrors.values()]).toEqual([]);
    expect(after).toEqual(before);
    // The "__proto__" and "constructor" fields sent did not reach Object.prototype of the server's process.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("accepts each route's example unbroken: the refusals were the malformations'", async () => {
    const before = await fingerprint(store);
    const wrong: string[] = [];
    for (const routeCase of cases) {
      const { route } = routeCase;
      const query = new URLSearchParams({ ...routeCase.query }).toString();
      const path = pathWith(route.path, routeCase.params) + (query === "" ? "" : `?${query}`);
      const reply = await service.call(route.method, path, {
        key: service.adminKey,
        ...(routeCase.body === undefined
          ? {}
          : { raw: jsonWithRaw(routeCase.body), headers: { "Content-Type": "application/json" } }),
      });
      // End of day is not configured in the test's app (startTestService): a valid request is told so.
      const expected = route.operation === "eod.run" ? 409 : route.status;
      if (reply.status !== expected)
        wrong.push(`${route.method} ${path}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`);
    }
    expect(wrong).toEqual([]);
    // The fingerprint sees writes (these requests made some), so its staying the same above means something.
    expect(await fingerprint(store)).not.toEqual(before);
  });
});

function describeFailure(outcome: Outcome): string {
  const { request } = outcome;
  const body = request.body === undefined ? "" : ` body ${request.body.slice(0, 300)}`;
  return `[${request.category}] ${request.operation} ${request.what}: ${outcome.problem}\n    ${request.method} ${request.path.slice(0, 200)}${body}`;
}

/** Requests and statuses by category, and the run time: printed for the record, not asserted. */
function summary(store: string, outcomes: readonly Outcome[], seconds: number): string {
  const byCategory = new Map<string, Map<number, number>>();
  for (const { request, status } of outcomes) {
    const statuses = byCategory.get(request.category) ?? new Map<number, number>();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    byCategory.set(request.category, statuses);
  }
  const lines = [...byCategory.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([category, statuses]) => {
      const total = [...statuses.values()].reduce((sum, count) => sum + count, 0);
      const seen = [...statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([status, count]) => `${status}×${count}`)
        .join(" ");
      return `  ${category.padEnd(20)} ${String(total).padStart(5)}  ${seen}`;
    });
  return [
    `malformed requests on ${store}: ${outcomes.length} in ${seconds.toFixed(1)} s (${CONCURRENCY} at a time)`,
    ...lines,
  ].join("\n");
}
