// The demo seed (src/app/demo-seed.ts) on the embedded database, and on the PostgreSQL server when
// TEST_DATABASE_URL is set: what it creates, that every loan's books agree with a fresh replay of its events,
// and that the same seed and date give the same portfolio.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/app/app-error.ts";
import { type DemoSeedResult, seedDemo } from "../../src/app/demo-seed.ts";
import { openName, openProfile } from "../../src/app/personal-data.ts";
import { TenorApp } from "../../src/app/service.ts";
import type { Store } from "../../src/store/database.ts";
import { disposeStore, STORE_KINDS } from "../support/test-store.ts";
import { booksProblems, type LoanBooks, loanBooks } from "./loan-books.ts";

// A fixed business date: the seed never reads the clock.
const BUSINESS_DATE = "2026-03-10";
const TEMPLATES = ["annuity", "bullet", "classic", "flat", "payday"];

describe.each(STORE_KINDS)("the demo seed on the $name database", (kind) => {
  let store: Store;
  let demo: DemoSeedResult;
  let books: LoanBooks[];

  beforeAll(async () => {
    store = await kind.open();
    demo = await seedDemo(store, { tenantId: "demo", loans: 300, businessDate: BUSINESS_DATE, seed: 7 });
    books = await loanBooks(store, "demo");
  });

  afterAll(async () => {
    if (store !== undefined) await disposeStore(store);
  });

  const count = async (table: "products" | "borrowers" | "applications" | "loans", tenantId = "demo") =>
    (
      await store.read((db) =>
        db
          .selectFrom(table)
          .select(db.fn.countAll<string>().as("n"))
          .where("tenant_id", "=", tenantId)
          .execute(),
      )
    )[0]?.n;

  it("creates the five template products, 100 borrowers with profiles and 300 disbursed loans", async () => {
    const products = await store.read((db) =>
      db
        .selectFrom("products")
        .select("product_id")
        .where("tenant_id", "=", "demo")
        .orderBy("product_id")
        .execute(),
    );
    expect(products.map((p) => p.product_id)).toEqual(TEMPLATES);
    const borrowers = await store.read((db) =>
      db.selectFrom("borrowers").select(["borrower_id", "profile"]).where("tenant_id", "=", "demo").execute(),
    );
    expect(borrowers).toHaveLength(100);
    expect(borrowers.every((b) => b.profile !== null)).toBe(true);
    expect(Number(await count("applications"))).toBe(300);
    expect(Number(await count("loans"))).toBe(300);
    expect(books).toHaveLength(300); // none left approved and not disbursed
    expect(demo.counts).toMatchObject({ products: 5, borrowers: 100, loans: 300 });
  });

  it("has histories: most loans current or closed, some past due in several buckets, written-off ones", () => {
    const byStatus = tally(books.map((b) => b.status));
    expect((byStatus.active ?? 0) + (byStatus.closed ?? 0) + (byStatus["written-off"] ?? 0)).toBe(300);
    expect(byStatus.closed).toBeGreaterThan(0);
    expect(byStatus["written-off"]).toBeGreaterThanOrEqual(1);
    expect(byStatus["written-off"]).toBeLessThanOrEqual(3);
    const active = books.filter((b) => b.status === "active");
    const buckets = tally(active.map((b) => b.snapshot.delinquency));
    expect(buckets.current).toBeGreaterThan(active.length / 2);
    const pastDue = Object.keys(buckets).filter((bucket) => bucket !== "current");
    expect(pastDue.length).toBeGreaterThanOrEqual(3);
    expect(demo.counts.byStatus).toEqual(byStatus);
    expect(demo.counts.byDelinquency).toEqual(buckets);
    // A few hundred loans with about a handful of events each.
    const events = books.reduce((sum, b) => sum + b.events.length, 0);
    expect(demo.counts.events).toBe(events);
    expect(events).toBeGreaterThan(3 * 300);
  });

  it("books each kind of event where it belongs: pay-offs close, write-offs write off, returns refer to repayments", () => {
    const typesOf = (b: LoanBooks) => b.events.map((e) => e.type);
    const withType = (type: string) => books.filter((b) => typesOf(b).includes(type));
    expect(withType("payoff").length).toBeGreaterThan(0);
    for (const loan of withType("payoff")) expect(loan.status).toBe("closed");
    expect(withType("write-off").map((b) => b.loanId)).toEqual(
      books.filter((b) => b.status === "written-off").map((b) => b.loanId),
    );
    const returned = withType("returned-payment");
    expect(returned.length).toBeGreaterThan(0);
    for (const loan of returned) {
      for (const event of loan.events.filter((e) => e.type === "returned-payment")) {
        const original = loan.events.find((e) => e.id === event.of);
        expect(original?.type).toBe("repayment");
        expect(String(original?.date) <= String(event.date)).toBe(true);
      }
    }
    // Late payments after the three grace days carried the late fee: some loan paid a penalty.
    expect(books.some((b) => b.state.installments.some((row) => row.paid.penalty > 0))).toBe(true);
    // Every event is dated on or before the business date.
    expect(books.every((b) => b.events.every((e) => String(e.date) <= BUSINESS_DATE))).toBe(true);
  });

  it("books every loan's ledger balanced and equal to a fresh replay of its events", () => {
    const problems = books.flatMap(booksProblems);
    expect(problems).toEqual([]);
    // The check is not vacuous: loans have principal outstanding, and paid loans have none.
    expect(books.some((b) => (b.ledger.get("loan-principal") ?? 0n) > 0n)).toBe(true);
    for (const loan of books.filter((b) => b.status !== "active"))
      expect(loan.ledger.get("loan-principal") ?? 0n).toBe(0n);
  });

  it("issues an admin, an officer and a borrower key; the borrower has a loan past due", async () => {
    const app = new TenorApp(store);
    const admin = await app.authenticator.authenticate(demo.keys.admin);
    const officer = await app.authenticator.authenticate(demo.keys.officer);
    const borrower = await app.authenticator.authenticate(demo.keys.borrower);
    expect([admin.role, officer.role, borrower.role]).toEqual(["admin", "officer", "borrower"]);
    expect(borrower.borrowerId).toBe(demo.keys.borrowerId);
    const own = (await app.perform("loans.list", borrower, { limit: 200 })).body as {
      items: { borrowerId: string; delinquency: string; status: string }[];
    };
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((loan) => loan.borrowerId === demo.keys.borrowerId)).toBe(true);
    expect(own.items.some((loan) => loan.status === "active" && loan.delinquency !== "current")).toBe(true);
    const ownIds = new Set(
      (
        await store.read((db) =>
          db
            .selectFrom("loans")
            .select("loan_id")
            .where("tenant_id", "=", "demo")
            .where("borrower_id", "=", demo.keys.borrowerId)
            .execute(),
        )
      ).map((row) => row.loan_id),
    );
    expect(own.items).toHaveLength(ownIds.size);
    expect(books.length).toBeGreaterThan(ownIds.size);
  });

  it("gives the same portfolio for the same seed and business date, and another for another seed", async () => {
    // Smaller portfolios than the demo's, to keep the test quick; every kind of history still occurs.
    const options = { loans: 60, businessDate: BUSINESS_DATE, seed: 11 };
    const first = await seedDemo(store, { ...options, tenantId: "first" });
    const second = await seedDemo(store, { ...options, tenantId: "second" });
    const other = await seedDemo(store, { ...options, tenantId: "other", seed: 12 });
    // Loan ids are random; applications have the seed's ids, so loans are compared by their application.
    const portfolio = async (tenantId: string) =>
      new Map(
        (await loanBooks(store, tenantId)).map((b) => [
          b.applicationId,
          { status: b.status, snapshot: b.snapshot, events: b.events, ledger: [...b.ledger].sort() },
        ]),
      );
    const firstPortfolio = await portfolio("first");
    expect(firstPortfolio.size).toBe(60);
    expect(await portfolio("second")).toEqual(firstPortfolio);
    expect(await portfolio("other")).not.toEqual(firstPortfolio);
    // Stored sealed, with a random IV each: compared as they open.
    const profiles = async (tenantId: string) =>
      (
        await store.read((db) =>
          db
            .selectFrom("borrowers")
            .select(["borrower_id", "name", "profile"])
            .where("tenant_id", "=", tenantId)
            .orderBy("borrower_id")
            .execute(),
        )
      ).map((row) => ({
        borrowerId: row.borrower_id,
        name: openName(store.dataKeys, tenantId, row.borrower_id, row.name),
        profile: openProfile(store.dataKeys, tenantId, row.borrower_id, row.profile),
      }));
    expect(await profiles("second")).toEqual(await profiles("first"));
    expect(await profiles("other")).not.toEqual(await profiles("first"));
    expect(second.counts).toEqual(first.counts);
    expect(second.keys.borrowerId).toBe(first.keys.borrowerId);
    expect(other.counts.loans).toBe(60);
    // The keys are each tenant's own, random: never the same.
    expect(second.keys.admin).not.toBe(first.keys.admin);
  });

  it("refuses an existing tenant, a bad loan count and a bad date without writing anything", async () => {
    await expect(seedDemo(store, { tenantId: "demo", businessDate: BUSINESS_DATE })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    for (const options of [
      { tenantId: "bad-1", loans: 0, businessDate: BUSINESS_DATE },
      { tenantId: "bad-2", loans: 2.5, businessDate: BUSINESS_DATE },
      { tenantId: "bad-3", businessDate: "2026-02-30" },
    ]) {
      const refusal = await seedDemo(store, options).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(AppError);
      expect((refusal as AppError).code).toBe("INVALID_REQUEST");
    }
    const tenants = await store.read((db) => db.selectFrom("tenants").select("tenant_id").execute());
    expect(tenants.map((t) => t.tenant_id).filter((id) => id.startsWith("bad-"))).toEqual([]);
  });
});

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
