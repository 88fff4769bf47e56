// The service bench's load generators against a small HTTP server that records what it receives: the figures
// they report must be what was sent, and a repayment run must send every request to a loan of the list with an
// Idempotency-Key never used before (a repeated key would be replayed, not measured).
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GeneratorName, runLoad, wrkInstalled } from "./load-generator.ts";

interface Received {
  readonly method: string;
  readonly path: string;
  readonly key: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

// wrk is a Debian package, not an npm one: `.ci/run` installs it and sets TENOR_REQUIRE_WRK=1, so there its
// absence fails; a developer's `npm test` without it runs the autocannon half and names what it left out.
const REQUIRE_WRK = process.env.TENOR_REQUIRE_WRK === "1";
const GENERATORS: GeneratorName[] = [
  "autocannon",
  ...(REQUIRE_WRK || wrkInstalled() ? ["wrk" as const] : []),
];

if (!GENERATORS.includes("wrk"))
  describe("load generator wrk — skipped: wrk is not installed", () => {
    it.skip("apt-get install wrk, or TENOR_REQUIRE_WRK=1 to fail instead", () => {});
  });

describe.each(GENERATORS)("load generator %s", (generator) => {
  let server: Server;
  let url: string;
  const received: Received[] = [];

  beforeAll(async () => {
    if (generator === "wrk" && !wrkInstalled())
      throw new Error("wrk is not installed (apt-get install wrk), and TENOR_REQUIRE_WRK=1 asks for it");
    server = createServer((request: IncomingMessage, response) => {
      let body = "";
      request.on("data", (chunk) => {
        body += String(chunk);
      });
      request.on("end", () => {
        received.push({
          method: request.method ?? "",
          path: request.url ?? "",
          key: request.headers["idempotency-key"] as string | undefined,
          authorization: request.headers.authorization,
          body,
        });
        // Every fifth answer is a 409, so that the non-2xx count is checked too.
        response.writeHead(received.length % 5 === 0 ? 409 : 201, { "content-type": "application/json" });
        response.end("{}");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("sends repayments round-robin over the loans, each with a new Idempotency-Key, and counts what it sent", async () => {
    received.length = 0;
    const loanIds = ["loan_a", "loan_b", "loan_c"];
    const body = JSON.stringify({ event: { type: "repayment", date: "2025-01-20", amount: "1.00" } });
    const figures = await runLoad(generator, {
      url,
      connections: 4,
      seconds: 1,
      headers: { authorization: "Bearer k", "content-type": "application/json" },
      request: { kind: "repayments", loanIds, keyPrefix: "run1", body },
    });
    expect(figures.generator).toBe(generator);
    // Requests still in flight when the clock stops reach the server without being counted: at most one per
    // connection.
    expect(received.length).toBeGreaterThanOrEqual(figures.total);
    expect(received.length).toBeLessThanOrEqual(figures.total + 4);
    expect(figures.total).toBeGreaterThan(50);
    expect(figures.requestsPerSecond).toBeGreaterThan(0);
    expect(figures.p99).toBeGreaterThanOrEqual(figures.p50);
    const counted = received.slice(0, figures.total);
    expect(figures.non2xx).toBe(counted.filter((_, k) => (k + 1) % 5 === 0).length);
    expect(figures.errors).toBe(0);
    const keys = received.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const request of received) {
      expect(request.method).toBe("POST");
      expect(request.key).toMatch(/^run1-\d+$/);
      expect(request.authorization).toBe("Bearer k");
      expect(request.body).toBe(body);
      expect(loanIds.map((id) => `/v1/loans/${id}/events`)).toContain(request.path);
    }
    // Round-robin: the loans are used evenly.
    for (const id of loanIds) {
      const share = received.filter((r) => r.path === `/v1/loans/${id}/events`).length / received.length;
      expect(share).toBeGreaterThan(0.3);
    }
  });

  it("sends a fixed request as given", async () => {
    received.length = 0;
    const figures = await runLoad(generator, {
      url,
      connections: 2,
      seconds: 1,
      headers: { authorization: "Bearer q" },
      request: { kind: "fixed", method: "POST", path: "/v1/quotes/schedule", body: '{"principal":"1.00"}' },
    });
    expect(figures.total).toBeGreaterThan(50);
    // autocannon's last requests of the run before can still arrive: this run's carry its own key.
    const ours = received.filter((request) => request.authorization === "Bearer q");
    expect(ours.length).toBeGreaterThanOrEqual(figures.total);
    for (const request of ours) {
      expect(request).toMatchObject({
        method: "POST",
        path: "/v1/quotes/schedule",
        body: '{"principal":"1.00"}',
      });
      expect(request.key).toBeUndefined();
    }
  });
});
