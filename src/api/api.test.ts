// The HTTP API over real HTTP (a server on a free port, fetch), on PGlite and — when TEST_DATABASE_URL is set —
// on the PostgreSQL server in a schema of this file's own. One lending journey end to end, then the refusals
// every client meets (problem+json), idempotency, and the OpenAPI document and its reference page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Call, example, startTestService, type TestService } from "../../test/api/http-client.ts";
import { disposeStore, STORE_KINDS } from "../../test/support/test-store.ts";
import type { Store } from "../store/database.ts";
import { pathWith, ROUTES } from "./routes.ts";

/** Cents of a decimal text, for sums (test-side arithmetic, independent of the engine's money code). */
const cents = (text: string): number => Math.round(Number(text) * 100);
const text = (minor: number): string => (minor / 100).toFixed(2);

describe.each(STORE_KINDS)("HTTP API on $name", (kind) => {
  let store: Store;
  let service: TestService;
  let call: Call;
  let admin: string;

  beforeAll(async () => {
    store = await kind.open();
    service = await startTestService(store);
    call = service.call;
    admin = service.adminKey;
  });

  afterAll(async () => {
    await service?.server.close();
    if (store !== undefined) await disposeStore(store);
  });

  describe("a loan from product to pay-off", () => {
    let loanId: string;

    it("creates a product from the annuity template, a borrower, an application, and approves it", async () => {
      const templates = await call("GET", "/v1/product-templates", { key: admin });
      expect(templates.status).toBe(200);
      // biome-ignore lint/suspicious/noExplicitAny: a template as listed
      const annuity = templates.body.items.find((t: any) => t.templateId === "annuity");
      expect(annuity.terms.loanType).toBe("annuity");

      const product = await call("POST", "/v1/products", {
        key: admin,
        body: {
          productId: "inst",
          name: "Installment loan",
          terms: annuity.terms,
          servicing: annuity.servicing,
        },
      });
      expect(product.status).toBe(201);
      expect(product.body).toMatchObject({ productId: "inst", version: 1 });

      const borrower = await call("POST", "/v1/borrowers", {
        key: admin,
        body: { borrowerId: "lee", name: "Lee" },
      });
      expect(borrower.status).toBe(201);

      const application = await call("POST", "/v1/applications", {
        key: admin,
        body: {
          borrowerId: "lee",
          productId: "inst",
          principal: "1000.00",
          installments: 12,
          interestRate: "12",
          fees: { origination: "0.00" },
          disbursementDate: "2025-01-01",
        },
      });
      expect(application.status).toBe(201);
      expect(application.body).toMatchObject({ status: "submitted", currency: "USD", productVersion: 1 });
      const applicationId = application.body.applicationId as string;

      const approved = await call("POST", `/v1/applications/${applicationId}/approve`, { key: admin });
      expect(approved.status).toBe(201);
      loanId = approved.body.loanId;
      expect(loanId).toMatch(/^loan_/);
      const read = await call("GET", `/v1/applications/${applicationId}`, { key: admin });
      expect(read.body).toMatchObject({ status: "approved", loanId });
    });

    it("has the annuity schedule of the formula", async () => {
      // Level installment A = P·r / (1 − (1 + r)^−n), P = 1000, r = 12 % / 12 = 0.01, n = 12:
      // 10 / (1 − 1.01^−12) = 10 / 0.112551 = 88.8488 → 88.85.
      const installment = (1000 * 0.01) / (1 - 1.01 ** -12);
      expect(installment.toFixed(2)).toBe("88.85");
      const reply = await call("GET", `/v1/loans/${loanId}/schedule`, { key: admin });
      expect(reply.status).toBe(200);
      const rows = reply.body.schedule.installments as { total: string; dueDate: string }[];
      expect(rows).toHaveLength(12);
      for (const row of rows.slice(0, 11)) expect(row.total).toBe("88.85");
      expect(rows[0]?.dueDate).toBe("2025-02-01");
    });

    it("disburses the loan and records a repayment", async () => {
      const disbursed = await call("POST", `/v1/loans/${loanId}/disburse`, { key: admin });
      expect(disbursed.status).toBe(200);
      expect(disbursed.body.outstanding.principal).toBe("1000.00");

      const repaid = await call("POST", `/v1/loans/${loanId}/events`, {
        key: admin,
        body: { event: { type: "repayment", date: "2025-02-01", amount: "88.85" } },
      });
      expect(repaid.status).toBe(201);
      // Installment 1: interest 1000 × 1 % = 10.00, principal 88.85 − 10.00 = 78.85 → 921.15 left.
      expect(repaid.body.state.outstanding.principal).toBe("921.15");
    });

    it("shows the loan's state on the business date: installment 2 unpaid, 14 days late, one late fee", async () => {
      const reply = await call("GET", `/v1/loans/${loanId}`, { key: admin });
      expect(reply.status).toBe(200);
      const summary = reply.body.summary;
      expect(summary.outstanding.principal).toBe("921.15");
      // Installment 2 fell due on 2025-03-01; the business date is 2025-03-15: 14 days past due, bucket 1–30.
      expect(summary.daysPastDue).toBe(14);
      expect(summary.delinquency).toBe("1-30");
      // The template's servicing rules: a late fee of 15.00 once the 3 grace days have passed.
      expect(summary.outstanding.penalty).toBe("15.00");
      // On a date before the installment fell due, nothing is late.
      const earlier = await call("GET", `/v1/loans/${loanId}?asOf=2025-02-15`, { key: admin });
      expect(earlier.body.summary).toMatchObject({ daysPastDue: 0, delinquency: "current" });
    });

    it("quotes the pay-off by the rules of servicing-rules.md §9", async () => {
      // Principal parts by the annuity (interest 1 % of the balance, rounded to the cent):
      // 1: 10.00 → 78.85; 2: 921.15 × 1 % = 9.21 → 79.64; 3: 841.51 × 1 % = 8.42 → 80.43.
      let balance = 100_000;
      const principalParts: number[] = [];
      for (let i = 0; i < 3; i++) {
        const interest = Math.round(balance / 100);
        principalParts.push(8885 - interest);
        balance -= 8885 - interest;
      }
      expect(principalParts.map(text)).toEqual(["78.85", "79.64", "80.43"]);
      // Pay-off on 2025-03-15: installment 2 past due (88.85 + late fee 15.00), installment 3 due (the current
      // one, payable as scheduled: 88.85), installments 4–12 not yet due (their unpaid principal: 761.08).
      const payoff = 8885 + 1500 + 8885 + balance;
      expect(text(balance)).toBe("761.08");
      const reply = await call("GET", `/v1/loans/${loanId}/payoff?date=2025-03-15`, { key: admin });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ date: "2025-03-15", currency: "USD", payoff: text(payoff) });
    });

    it("gives the cash flow: the repayment paid installment 1's interest and principal", async () => {
      const reply = await call("GET", `/v1/loans/${loanId}/cash-flow`, { key: admin });
      expect(reply.status).toBe(200);
      const paid = (
        reply.body.cashFlow as { kind: string; component: string; amount: string; date: string }[]
      )
        .filter((flow) => flow.kind === "paid")
        .map((flow) => [flow.date, flow.component, flow.amount]);
      expect(paid.sort()).toEqual([
        ["2025-02-01", "interest", "10.00"],
        ["2025-02-01", "principal", "78.85"],
      ]);
    });

    it("books a ledger whose balances match the loan", async () => {
      const [ledger, loan] = await Promise.all([
        call("GET", `/v1/loans/${loanId}/ledger`, { key: admin }),
        call("GET", `/v1/loans/${loanId}`, { key: admin }),
      ]);
      expect(ledger.status).toBe(200);
      const entries = ledger.body.entries as { debit: string; credit: string; amount: string }[];
      expect(entries.length).toBeGreaterThan(0);
      // Each entry debits one account and credits another by one positive amount: debits = credits per entry,
      // so the balances (debits − credits per account) add up to zero; recomputed here from the entries.
      const balances = new Map<string, number>();
      for (const entry of entries) {
        expect(entry.debit).not.toBe(entry.credit);
        expect(cents(entry.amount)).toBeGreaterThan(0);
        balances.set(entry.debit, (balances.get(entry.debit) ?? 0) + cents(entry.amount));
        balances.set(entry.credit, (balances.get(entry.credit) ?? 0) - cents(entry.amount));
      }
      expect([...balances.values()].reduce((a, b) => a + b, 0)).toBe(0);
      for (const [account, minor] of balances) expect(ledger.body.balances[account]).toBe(text(minor));
      const outstanding = loan.body.summary.outstanding;
      expect(ledger.body.balances["loan-principal"]).toBe(outstanding.principal);
      expect(ledger.body.balances["interest-receivable"]).toBe(outstanding.interest);
      expect(ledger.body.balances["penalty-receivable"]).toBe(outstanding.penalty);
      // Cash: 1000.00 paid out, 88.85 received.
      expect(ledger.body.balances.cash).toBe(text(-100_000 + 8885));
    });

    it("lists the loan, and counts it in its delinquency bucket", async () => {
      const list = await call("GET", "/v1/loans?borrowerId=lee&status=active", { key: admin });
      expect(list.status).toBe(200);
      expect(list.body.items.map((item: { loanId: string }) => item.loanId)).toEqual([loanId]);
      const loan = await call("GET", `/v1/loans/${loanId}`, { key: admin });
      const portfolio = await call("GET", "/v1/portfolio/delinquency", { key: admin });
      expect(portfolio.status).toBe(200);
      expect(portfolio.body.buckets.USD["1-30"]).toEqual({
        loans: 1,
        outstanding: loan.body.summary.outstanding.total,
      });
    });

    it("scores the loan's health", async () => {
      const reply = await call("POST", `/v1/loans/${loanId}/health`, {
        key: admin,
        body: { model: "improved" },
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ loanId, asOf: "2025-03-15", model: "improved" });
      expect(reply.body.score).toBeGreaterThanOrEqual(0);
      expect(reply.body.score).toBeLessThanOrEqual(100);
      const refused = await call("POST", `/v1/loans/${loanId}/health`, {
        key: admin,
        body: { asOf: "2025-01-01" },
      });
      expect(refused.status).toBe(422);
      expect(refused.body.issues[0].field).toBe("body.asOf");
    });

    it("closes the loan with a pay-off of the quoted amount", async () => {
      const quote = await call("GET", `/v1/loans/${loanId}/payoff`, { key: admin });
      const paid = await call("POST", `/v1/loans/${loanId}/events`, {
        key: admin,
        body: { event: { type: "payoff", date: "2025-03-15", amount: quote.body.payoff } },
      });
      expect(paid.status).toBe(201);
      expect(paid.body.state).toMatchObject({ status: "closed", payoff: "0.00" });
      expect(paid.body.state.outstanding.total).toBe("0.00");
      const ledger = await call("GET", `/v1/loans/${loanId}/ledger`, { key: admin });
      expect(ledger.body.balances["loan-principal"] ?? "0.00").toBe("0.00");
      const events = await call("GET", `/v1/loans/${loanId}/events`, { key: admin });
      expect(events.body.items.map((item: { event: { type: string } }) => item.event.type)).toEqual([
        "repayment",
        "payoff",
      ]);
    });
  });

  describe("a borrower's plans and score", () => {
    const plan = example("planning/plan.json") as { borrower: unknown; request: Record<string, unknown> };

    it("refuses plans before the borrower has a profile, then answers them", async () => {
      await call("POST", "/v1/borrowers", { key: admin, body: { borrowerId: "ann", name: "Ann" } });
      const early = await call("POST", "/v1/borrowers/ann/plans", {
        key: admin,
        body: { request: plan.request },
      });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe("CONFLICT");

      const profile = await call("PUT", "/v1/borrowers/ann/profile", { key: admin, body: plan.borrower });
      expect(profile.status).toBe(200);
      const plans = await call("POST", "/v1/borrowers/ann/plans", {
        key: admin,
        body: { request: plan.request, policy: "default" },
      });
      expect(plans.status).toBe(200);
      // What the request asked for: 12 000.00 EUR over 12 to 60 months.
      expect(plans.body.recommended).toMatchObject({ rank: 1, amount: "12000.00" });
      expect(plans.body.recommended.termMonths).toBeGreaterThanOrEqual(12);
      expect(plans.body.recommended.termMonths).toBeLessThanOrEqual(60);
      expect(plans.body.currency).toBe("EUR");
    });

    it("scores an applicant: the example of docs/reference/credit-scorecard.md", async () => {
      const reply = await call("POST", "/v1/borrowers/ann/score", {
        key: admin,
        body: example("risk/score.json"),
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ borrowerId: "ann", score: 525, band: "E" });
    });
  });

  describe("refusals as problem+json", () => {
    it("names the terms field the engine refuses", async () => {
      const reply = await call("POST", "/v1/quotes/schedule", {
        key: admin,
        body: {
          principal: "-5",
          currency: "USD",
          disbursementDate: "2025-01-01",
          installments: 12,
          interest: { rate: "12", per: "year" },
        },
      });
      expect(reply.status).toBe(422);
      expect(reply.headers.get("content-type")).toBe("application/problem+json");
      expect(reply.body).toMatchObject({
        type: "https://tenor.dev/problems/invalid-terms",
        title: "Invalid terms",
        status: 422,
        code: "INVALID_TERMS",
      });
      expect(reply.body.detail).toContain("principal");
      expect(reply.body.issues).toEqual([
        { field: "principal", value: "-5", message: expect.stringMatching(/greater than 0/) },
      ]);
    });

    it("names an unknown body field and the fields there are", async () => {
      const reply = await call("POST", "/v1/borrowers", { key: admin, body: { name: "Zed", nickname: "z" } });
      expect(reply.status).toBe(422);
      expect(reply.body.code).toBe("INVALID_REQUEST");
      expect(reply.body.issues).toEqual([
        {
          field: "body.nickname",
          value: "z",
          message: "is not a known field; the fields are borrowerId, name, profile",
        },
      ]);
    });

    it("says what is allowed: enum values, ranges, dates, ids", async () => {
      const reply = await call("POST", "/v1/api-keys", { key: admin, body: { role: "boss", label: "" } });
      expect(reply.status).toBe(422);
      expect(reply.body.issues).toEqual([
        { field: "body.role", value: "boss", message: 'must be one of "admin", "officer", "borrower"' },
        { field: "body.label", value: "", message: "must not be empty" },
      ]);
      const loan = await call("GET", "/v1/loans/bad!id?asOf=2025-02-30", { key: admin });
      expect(loan.body.issues.map((issue: { field: string }) => issue.field)).toEqual([
        "path.loanId",
        "query.asOf",
      ]);
    });

    it("refuses a page larger than 200 rather than cutting it", async () => {
      const reply = await call("GET", "/v1/borrowers?limit=500", { key: admin });
      expect(reply.status).toBe(422);
      expect(reply.body.issues).toEqual([
        { field: "query.limit", value: "500", message: "must be a whole number from 1 to 200" },
      ]);
      const fine = await call("GET", "/v1/borrowers?limit=200", { key: admin });
      expect(fine.status).toBe(200);
    });

    it("pages a list with limit and after", async () => {
      for (const id of ["p1", "p2", "p3"])
        await call("POST", "/v1/borrowers", { key: admin, body: { borrowerId: id, name: id } });
      const first = await call("GET", "/v1/borrowers?limit=2&after=p0", { key: admin });
      expect(first.body.items.map((b: { borrowerId: string }) => b.borrowerId)).toEqual(["p1", "p2"]);
      const second = await call("GET", `/v1/borrowers?limit=2&after=${first.body.next}`, { key: admin });
      expect(second.body.items.map((b: { borrowerId: string }) => b.borrowerId)).toEqual(["p3"]);
    });

    it("answers 401 without a key and with a wrong one", async () => {
      const none = await call("GET", "/v1/tenant");
      expect(none.status).toBe(401);
      expect(none.body.code).toBe("UNAUTHENTICATED");
      expect(none.headers.get("www-authenticate")).toMatch(/^Bearer/);
      const [prefix, tenant, keyId] = admin.split(".");
      const wrong = await call("GET", "/v1/tenant", {
        key: `${prefix}.${tenant}.${keyId}.${"A".repeat(43)}`,
      });
      expect(wrong.status).toBe(401);
      const basic = await call("GET", "/v1/tenant", { headers: { Authorization: `Basic ${admin}` } });
      expect(basic.status).toBe(401);
      const ok = await call("GET", "/v1/tenant", { key: admin });
      expect(ok.body).toMatchObject({ tenantId: "acme", you: { role: "admin" } });
    });

    it("refuses a body over 1 MiB (413), a body that is not JSON (415) or not valid JSON (400)", async () => {
      const big = await call("POST", "/v1/quotes/schedule", {
        key: admin,
        body: { principal: "1".repeat(1024 * 1024) },
      });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe("PAYLOAD_TOO_LARGE");
      const form = await call("POST", "/v1/quotes/schedule", {
        key: admin,
        raw: "principal=1000",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
      expect(form.status).toBe(415);
      expect(form.body.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      const broken = await call("POST", "/v1/quotes/schedule", {
        key: admin,
        raw: '{"principal": ',
        headers: { "Content-Type": "application/json" },
      });
      expect(broken.status).toBe(400);
      expect(broken.body.issues[0].field).toBe("body");
      const deep = await call("POST", "/v1/quotes/schedule", {
        key: admin,
        raw: `${"[".repeat(5000)}${"]".repeat(5000)}`,
        headers: { "Content-Type": "application/json" },
      });
      expect(deep.status).toBe(422);
      expect(deep.body.issues[0].message).toMatch(/at most 32 levels/);
      const missing = await call("POST", "/v1/quotes/schedule", { key: admin });
      expect(missing.status).toBe(422);
      expect(missing.body.issues).toEqual([{ field: "body", value: null, message: "is required" }]);
    });

    it("holds a chunked body (no Content-Length) to the same 1 MiB limit", async () => {
      // A body streamed from a ReadableStream goes out with Transfer-Encoding: chunked, so only counting the bytes
      // as they arrive can tell it is too large.
      const chunked = (text: string) =>
        fetch(`${service.server.url}/v1/quotes/schedule`, {
          method: "POST",
          headers: { Authorization: `Bearer ${admin}`, "Content-Type": "application/json" },
          body: new Blob([text]).stream(),
          duplex: "half",
        } as RequestInit);
      const big = await chunked(JSON.stringify({ principal: "1".repeat(1024 * 1024) }));
      expect(big.status).toBe(413);
      expect(((await big.json()) as { code: string }).code).toBe("PAYLOAD_TOO_LARGE");
      const terms = {
        principal: "1200.00",
        currency: "USD",
        disbursementDate: "2025-01-01",
        installments: 12,
        interest: { rate: "0", per: "year" },
      };
      const small = await chunked(JSON.stringify(terms));
      expect(small.status).toBe(200);
      // 1,200.00 at 0 % over 12 months: 100.00 a month.
      const schedule = (await small.json()) as { installments: { total: string }[] };
      expect(schedule.installments[0]?.total).toBe("100.00");
    });

    it("answers 404 for an unknown path and 405 for a known path with another method", async () => {
      const unknown = await call("GET", "/v1/nowhere", { key: admin });
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get("content-type")).toBe("application/problem+json");
      const wrongMethod = await call("DELETE", "/v1/loans", { key: admin });
      expect(wrongMethod.status).toBe(405);
      expect(wrongMethod.body.code).toBe("METHOD_NOT_ALLOWED");
      expect(wrongMethod.headers.get("allow")).toBe("GET, HEAD");
    });

    it("answers /health without a key", async () => {
      const reply = await call("GET", "/health");
      expect(reply.body).toEqual({ status: "ok", database: kind.name });
    });

    it("logged no unexpected error", () => {
      expect([...service.internalErrors.values()]).toEqual([]);
    });
  });

  describe("idempotency", () => {
    let loanId: string;

    beforeAll(async () => {
      const application = await call("POST", "/v1/applications", {
        key: admin,
        body: {
          borrowerId: "lee",
          productId: "inst",
          principal: "2000.00",
          installments: 6,
          interestRate: "10",
          fees: { origination: "0.00" },
        },
      });
      // Disbursed on the business date; repayments are then dated on it.
      const approved = await call("POST", `/v1/applications/${application.body.applicationId}/approve`, {
        key: admin,
      });
      loanId = approved.body.loanId;
      await call("POST", `/v1/loans/${loanId}/disburse`, { key: admin });
    });

    const repayment = { event: { type: "repayment", date: "2025-03-15", amount: "10.00" } };

    it("answers a retry with the same key and body from the first answer, storing one event", async () => {
      const headers = { "Idempotency-Key": "pay-0001" };
      const first = await call("POST", `/v1/loans/${loanId}/events`, {
        key: admin,
        body: repayment,
        headers,
      });
      expect(first.status).toBe(201);
      expect(first.headers.get("idempotent-replayed")).toBeNull();
      // The same body with its keys in another order is the same request.
      const again = await call("POST", `/v1/loans/${loanId}/events`, {
        key: admin,
        raw: '{"event": {"amount": "10.00", "date": "2025-03-15", "type": "repayment"}}',
        headers: { ...headers, "Content-Type": "application/json" },
      });
      expect(again.status).toBe(201);
      expect(again.headers.get("idempotent-replayed")).toBe("true");
      expect(again.body).toEqual(first.body);
      const events = await call("GET", `/v1/loans/${loanId}/events`, { key: admin });
      expect(events.body.items).toHaveLength(1);
    });

    it("refuses the same key with another body (422 IDEMPOTENCY_KEY_REUSED), changing nothing", async () => {
      const reused = await call("POST", `/v1/loans/${loanId}/events`, {
        key: admin,
        body: { event: { ...repayment.event, amount: "20.00" } },
        headers: { "Idempotency-Key": "pay-0001" },
      });
      expect(reused.status).toBe(422);
      expect(reused.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
      const events = await call("GET", `/v1/loans/${loanId}/events`, { key: admin });
      expect(events.body.items).toHaveLength(1);
    });

    it("scopes keys to the API key: another key's same Idempotency-Key is a new request", async () => {
      const officer = await call("POST", "/v1/api-keys", { key: admin, body: { role: "officer" } });
      const reply = await call("POST", `/v1/loans/${loanId}/events`, {
        key: officer.body.key,
        body: repayment,
        headers: { "Idempotency-Key": "pay-0001" },
      });
      expect(reply.status).toBe(201);
      expect(reply.headers.get("idempotent-replayed")).toBeNull();
      expect(reply.body.seq).toBe(2);
    });

    it("refuses a malformed key, naming the header", async () => {
      const reply = await call("POST", `/v1/loans/${loanId}/events`, {
        key: admin,
        body: repayment,
        headers: { "Idempotency-Key": "two words" },
      });
      expect(reply.status).toBe(422);
      expect(reply.body.issues[0]).toMatchObject({ field: "header.Idempotency-Key", value: "two words" });
    });
  });

  describe("the OpenAPI document and the reference page", () => {
    it("is an OpenAPI 3.1 document with every route and its request schema", async () => {
      const reply = await call("GET", "/openapi.json");
      expect(reply.status).toBe(200);
      const document = reply.body;
      expect(document.openapi).toMatch(/^3\.1\.\d+$/);
      expect(document.info.title).toBe("Tenor API");
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
      const operationIds = new Set<string>();
      for (const route of ROUTES) {
        const operation = document.paths[route.path]?.[route.method.toLowerCase()];
        expect(operation, `${route.method} ${route.path}`).toBeDefined();
        expect(operation["x-tenor-operation"]).toBe(route.operation);
        operationIds.add(operation.operationId);
        expect(operation.responses[String(route.status)]).toBeDefined();
        expect(operation.responses["422"].$ref).toBe("#/components/responses/Problem");
        if (route.request.body !== undefined)
          expect(operation.requestBody.content["application/json"].schema.type, route.path).toBe("object");
        const names = (operation.parameters as { name?: string; $ref?: string }[]).map(
          (p) => p.name ?? p.$ref,
        );
        for (const name of Object.keys(route.request.params?.shape ?? {})) expect(names).toContain(name);
        for (const name of Object.keys(route.request.query?.shape ?? {})) expect(names).toContain(name);
        if (route.command) expect(names).toContain("#/components/parameters/IdempotencyKey");
      }
      expect(operationIds.size).toBe(ROUTES.length);
      // Strict bodies say so: unknown fields are refused.
      const borrowers = document.paths["/v1/borrowers"].post.requestBody.content["application/json"].schema;
      expect(borrowers.additionalProperties).toBe(false);
      const limit = document.paths["/v1/loans"].get.parameters.find(
        (p: { name: string }) => p.name === "limit",
      );
      expect(limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 200 });
      const terms =
        document.paths["/v1/products"].post.requestBody.content["application/json"].schema.properties.terms;
      expect(terms.description).toContain("docs/reference/terms.md");
    });

    it("serves the reference page and the Swagger UI files it loads", async () => {
      const page = await call("GET", "/docs");
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      const assets = [...(page.body as string).matchAll(/(?:src|href)="(\/docs\/[^"]+)"/g)].map(
        (m) => m[1] as string,
      );
      expect(assets).toEqual(expect.arrayContaining(["/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css"]));
      for (const asset of assets) {
        const reply = await fetch(`${service.server.url}${asset}`);
        expect(reply.status, asset).toBe(200);
        expect((await reply.arrayBuffer()).byteLength, asset).toBeGreaterThan(100);
      }
      const init = await call("GET", "/docs/tenor-reference.js");
      expect(init.body).toContain('"/openapi.json"');
    });

    it("fills every route's example into its path", () => {
      for (const route of ROUTES)
        expect(pathWith(route.path, route.example.params)).not.toContain("missing-");
    });
  });
});
