// Access control over HTTP: every route of the table × every role against the role table of the app
// (OPERATION_ROLES), then hand-written checks that do not lean on either table — a borrower reaching for another
// borrower's objects, and a key of one tenant reaching for another tenant's loan — each refused with nothing
// changed. Run on PGlite, and on the PostgreSQL server when TEST_DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pathWith, ROUTES } from "../../src/api/routes.ts";
import { mayPerform } from "../../src/app/permissions.ts";
import type { Store } from "../../src/store/database.ts";
import { ROLES, type Role } from "../../src/store/schema.ts";
import { disposeStore, STORE_KINDS } from "../support/test-store.ts";
import { type Call, httpClient, startTestService, type TestService } from "./http-client.ts";

const ANNUITY_TERMS = {
  currency: "USD",
  loanType: "annuity",
  period: "monthly",
  principal: { min: "500.00", max: "25000.00" },
  installments: { min: 3, max: 60 },
  interest: { rate: { min: "8", max: "30" }, per: "year" },
};

describe.each(STORE_KINDS)("access control on $name", (kind) => {
  let store: Store;
  let service: TestService;
  let other: TestService;
  let call: Call;
  const keys = {} as Record<Role, string>;
  let bobKey: string;
  let otherAdmin: string;
  let annLoan: string;
  let bobLoan: string;
  let bobApplication: string;
  let otherLoan: string;

  /** A disbursed loan of the borrower (with the given admin key): its application and loan ids. */
  async function openLoan(client: Call, admin: string, borrowerId: string) {
    const application = await client("POST", "/v1/applications", {
      key: admin,
      body: {
        borrowerId,
        productId: "inst",
        principal: "1000.00",
        installments: 12,
        interestRate: "12",
        disbursementDate: "2025-01-01",
      },
    });
    expect(application.status).toBe(201);
    const approved = await client("POST", `/v1/applications/${application.body.applicationId}/approve`, {
      key: admin,
    });
    expect(approved.status).toBe(201);
    const disbursed = await client("POST", `/v1/loans/${approved.body.loanId}/disburse`, { key: admin });
    expect(disbursed.status).toBe(200);
    return {
      applicationId: application.body.applicationId as string,
      loanId: approved.body.loanId as string,
    };
  }

  async function seedTenant(client: Call, admin: string, borrowers: readonly string[]) {
    expect(
      (
        await client("POST", "/v1/products", {
          key: admin,
          body: { productId: "inst", name: "Installments", terms: ANNUITY_TERMS },
        })
      ).status,
    ).toBe(201);
    for (const borrowerId of borrowers)
      expect(
        (
          await client("POST", "/v1/borrowers", {
            key: admin,
            body: {
              borrowerId,
              name: borrowerId,
              profile: {
                currency: "USD",
                incomes: [{ name: "salary", amount: "3000.00", payDate: "2025-01-25" }],
              },
            },
          })
        ).status,
      ).toBe(201);
  }

  async function issueKey(client: Call, admin: string, role: Role, borrowerId?: string): Promise<string> {
    const reply = await client("POST", "/v1/api-keys", { key: admin, body: { role, borrowerId } });
    expect(reply.status).toBe(201);
    return reply.body.key;
  }

  beforeAll(async () => {
    store = await kind.open();
    service = await startTestService(store, "alpha");
    other = await startTestService(store, "beta");
    call = service.call;
    keys.admin = service.adminKey;
    await seedTenant(call, keys.admin, ["ann", "bob"]);
    keys.officer = await issueKey(call, keys.admin, "officer");
    keys.borrower = await issueKey(call, keys.admin, "borrower", "ann");
    bobKey = await issueKey(call, keys.admin, "borrower", "bob");
    annLoan = (await openLoan(call, keys.admin, "ann")).loanId;
    const bob = await openLoan(call, keys.admin, "bob");
    bobLoan = bob.loanId;
    bobApplication = bob.applicationId;
    otherAdmin = other.adminKey;
    await seedTenant(other.call, otherAdmin, ["cat"]);
    otherLoan = (await openLoan(other.call, otherAdmin, "cat")).loanId;
  });

  afterAll(async () => {
    await service?.server.close();
    await other?.server.close();
    if (store !== undefined) await disposeStore(store);
  });

  describe("every route × every role follows the role table", () => {
    for (const route of ROUTES) {
      it.each(ROLES)(`${route.method} ${route.path} (${route.operation}) as %s`, async (role) => {
        const query = new URLSearchParams(route.example.query ?? {}).toString();
        const path = pathWith(route.path, route.example.params) + (query === "" ? "" : `?${query}`);
        const reply = await call(route.method, path, { key: keys[role], body: route.example.body });
        if (mayPerform(role, route.operation)) {
          expect(reply.status, JSON.stringify(reply.body)).not.toBe(403);
        } else {
          expect(reply.status, JSON.stringify(reply.body)).toBe(403);
          expect(reply.body.code).toBe("FORBIDDEN");
        }
      });
    }
  });

  describe("spot checks, by hand", () => {
    it("a borrower cannot create a product", async () => {
      const before = await call("GET", "/v1/products", { key: keys.admin });
      const reply = await call("POST", "/v1/products", {
        key: keys.borrower,
        body: { name: "Mine", terms: ANNUITY_TERMS },
      });
      expect(reply.status).toBe(403);
      const after = await call("GET", "/v1/products", { key: keys.admin });
      expect(after.body).toEqual(before.body);
    });

    it("an officer cannot create API keys", async () => {
      const reply = await call("POST", "/v1/api-keys", { key: keys.officer, body: { role: "admin" } });
      expect(reply.status).toBe(403);
    });

    it("a borrower cannot record a fee on their own loan, but can record a repayment", async () => {
      const fee = await call("POST", `/v1/loans/${annLoan}/events`, {
        key: keys.borrower,
        body: { event: { type: "fee", date: "2025-03-01", amount: "10.00" } },
      });
      expect(fee.status).toBe(403);
      const repayment = await call("POST", `/v1/loans/${annLoan}/events`, {
        key: keys.borrower,
        body: { event: { type: "repayment", date: "2025-02-01", amount: "88.85" } },
      });
      expect(repayment.status).toBe(201);
      const events = await call("GET", `/v1/loans/${annLoan}/events`, { key: keys.admin });
      expect(events.body.items.map((item: { event: { type: string } }) => item.event.type)).toEqual([
        "repayment",
      ]);
    });

    it("a borrower sees only their own loans", async () => {
      const mine = await call("GET", "/v1/loans", { key: keys.borrower });
      expect(mine.body.items.map((loan: { loanId: string }) => loan.loanId)).toEqual([annLoan]);
      const theirs = await call("GET", "/v1/loans?borrowerId=bob", { key: keys.borrower });
      expect(theirs.status).toBe(404);
    });

    it("a borrower cannot reach another borrower's loan, pay-off, cash flow, events or ledger", async () => {
      for (const path of [
        `/v1/loans/${bobLoan}`,
        `/v1/loans/${bobLoan}/payoff`,
        `/v1/loans/${bobLoan}/cash-flow`,
        `/v1/loans/${bobLoan}/schedule`,
        `/v1/loans/${bobLoan}/events`,
      ]) {
        const reply = await call("GET", path, { key: keys.borrower });
        expect(reply.status, path).toBe(404);
        expect(reply.body.detail).not.toContain("bob");
      }
      // The ledger is staff's alone: refused by role before ownership is even asked.
      expect((await call("GET", `/v1/loans/${bobLoan}/ledger`, { key: keys.borrower })).status).toBe(403);
      // Bob's own key reaches it all (but the ledger).
      expect((await call("GET", `/v1/loans/${bobLoan}/payoff`, { key: bobKey })).status).toBe(200);
    });

    it("a borrower cannot act on another borrower's loan: nothing changes", async () => {
      const before = await call("GET", `/v1/loans/${bobLoan}`, { key: keys.admin });
      const repayment = await call("POST", `/v1/loans/${bobLoan}/events`, {
        key: keys.borrower,
        body: { event: { type: "repayment", date: "2025-02-01", amount: "88.85" } },
      });
      expect(repayment.status).toBe(404);
      const health = await call("POST", `/v1/loans/${bobLoan}/health`, { key: keys.borrower });
      expect(health.status).toBe(404);
      const after = await call("GET", `/v1/loans/${bobLoan}`, { key: keys.admin });
      expect(after.body).toEqual(before.body);
      expect(after.body.events).toEqual([]);
    });

    it("a borrower cannot read or replace another borrower's profile, nor plan on it", async () => {
      const before = await call("GET", "/v1/borrowers/bob", { key: keys.admin });
      expect((await call("GET", "/v1/borrowers/bob", { key: keys.borrower })).status).toBe(404);
      const write = await call("PUT", "/v1/borrowers/bob/profile", {
        key: keys.borrower,
        body: { currency: "USD", incomes: [{ name: "salary", amount: "1.00", payDate: "2025-01-25" }] },
      });
      expect(write.status).toBe(404);
      const plans = await call("POST", "/v1/borrowers/bob/plans", {
        key: keys.borrower,
        body: { request: { amount: "1000.00", currency: "USD", startDate: "2025-03-15" } },
      });
      expect(plans.status).toBe(404);
      const after = await call("GET", "/v1/borrowers/bob", { key: keys.admin });
      expect(after.body).toEqual(before.body);
      // Their own profile they may read and replace.
      expect((await call("GET", "/v1/borrowers/ann", { key: keys.borrower })).status).toBe(200);
    });

    it("a borrower cannot read another borrower's application, nor apply in their name", async () => {
      expect((await call("GET", `/v1/applications/${bobApplication}`, { key: keys.borrower })).status).toBe(
        404,
      );
      expect((await call("GET", `/v1/applications/${bobApplication}`, { key: bobKey })).status).toBe(200);
      const before = await call("GET", "/v1/applications", { key: keys.admin });
      const apply = await call("POST", "/v1/applications", {
        key: keys.borrower,
        body: {
          borrowerId: "bob",
          productId: "inst",
          principal: "1000.00",
          installments: 12,
          interestRate: "12",
        },
      });
      expect(apply.status).toBe(404);
      const after = await call("GET", "/v1/applications", { key: keys.admin });
      expect(after.body).toEqual(before.body);
    });

    it("a key of one tenant cannot reach another tenant's loan", async () => {
      const before = await other.call("GET", `/v1/loans/${otherLoan}`, { key: otherAdmin });
      expect(before.status).toBe(200);
      for (const path of [
        `/v1/loans/${otherLoan}`,
        `/v1/loans/${otherLoan}/ledger`,
        `/v1/loans/${otherLoan}/payoff`,
      ]) {
        expect((await call("GET", path, { key: keys.admin })).status, path).toBe(404);
      }
      const repayment = await call("POST", `/v1/loans/${otherLoan}/events`, {
        key: keys.admin,
        body: { event: { type: "repayment", date: "2025-02-01", amount: "88.85" } },
      });
      expect(repayment.status).toBe(404);
      const disburse = await call("POST", `/v1/loans/${otherLoan}/disburse`, { key: keys.officer });
      expect(disburse.status).toBe(404);
      // Whichever server answers, a key belongs to its tenant: beta's key on alpha's server still sees beta only.
      const crossServer = await httpClient(service.server.url)("GET", `/v1/loans/${otherLoan}`, {
        key: otherAdmin,
      });
      expect(crossServer.status).toBe(200);
      expect(
        (await httpClient(service.server.url)("GET", `/v1/loans/${annLoan}`, { key: otherAdmin })).status,
      ).toBe(404);
      const after = await other.call("GET", `/v1/loans/${otherLoan}`, { key: otherAdmin });
      expect(after.body).toEqual(before.body);
    });
  });
});
