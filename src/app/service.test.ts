// The app's guarantees on both engines: a command commits all of its writes or none, the ledger booked command
// by command always equals the servicing engine's postings for the whole history, an idempotency key replays or
// refuses, a loan keeps its product version, and a borrower reaches only their own loans.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disbursedLoan, type LoanFixture } from "../../test/support/service-fixtures.ts";
import { disposeStore, STORE_KINDS } from "../../test/support/test-store.ts";
import { parseIsoDate } from "../core/calendar-date.ts";
import { TenorError } from "../core/errors.ts";
import { replayLoan } from "../servicing/service-loan.ts";
import type { Store } from "../store/database.ts";
import { AppError } from "./app-error.ts";
import { loanEvents, openedLoan } from "./loan-booking.ts";

describe.each(STORE_KINDS)("the app on $name", (kind) => {
  let store: Store;
  let fixture: LoanFixture;
  beforeAll(async () => {
    store = await kind.open();
    fixture = await disbursedLoan(store, { businessDate: "2025-03-15" });
  });
  afterAll(() => disposeStore(store));

  async function counts() {
    const row = await store.read((db) =>
      sql<{ events: number; ledger: number; audit: number; keys: number }>`
        select (select count(*)::int4 from loan_events) as events,
               (select count(*)::int4 from ledger_entries) as ledger,
               (select count(*)::int4 from audit_log) as audit,
               (select count(*)::int4 from idempotency_keys) as keys`.execute(db),
    );
    return row.rows[0];
  }

  it("changes nothing when the engine refuses an event", async () => {
    const { app, admin, loanId } = fixture;
    const before = await counts();
    // A refund needs a credit balance; the loan has none.
    await expect(
      app.perform(
        "loans.events.record",
        admin,
        { loanId, event: { type: "refund", date: "2025-02-01", amount: "5.00" } },
        { key: "refused-refund", fingerprint: "r" },
      ),
    ).rejects.toBeInstanceOf(TenorError);
    // A repayment after the business date is refused by the app, naming the field.
    const future = app.perform("loans.events.record", admin, {
      loanId,
      event: { type: "repayment", date: "2025-03-16", amount: "5.00" },
    });
    await expect(future).rejects.toMatchObject({
      code: "INVALID_REQUEST",
      issues: [{ field: "event.date" }],
    });
    expect(await counts()).toEqual(before);
  });

  it("books a ledger that always equals the engine's postings for the whole history, backdated events included", async () => {
    const { app, admin, loanId } = fixture;
    const record = (event: Record<string, unknown>) =>
      app.perform("loans.events.record", admin, { loanId, event });
    await record({ id: "feb", type: "repayment", date: "2025-02-01", amount: "888.49" });
    await record({ id: "mar", type: "repayment", date: "2025-03-01", amount: "888.49" });
    // Backdated: February's payment comes back on 2025-02-05, which changes every allocation after it.
    await record({ id: "feb-nsf", type: "returned-payment", date: "2025-02-05", of: "feb" });
    const booked = await store.read((db) =>
      db.selectFrom("ledger_entries").selectAll().where("loan_id", "=", loanId).execute(),
    );
    expect(booked.some((entry) => entry.reversal)).toBe(true);
    const bookedBalances = new Map<string, bigint>();
    for (const entry of booked) {
      bookedBalances.set(entry.debit, (bookedBalances.get(entry.debit) ?? 0n) + entry.amount_minor);
      bookedBalances.set(entry.credit, (bookedBalances.get(entry.credit) ?? 0n) - entry.amount_minor);
    }
    // The engine's own answer: replay every stored event to the business date.
    const row = await store.read((db) =>
      db.selectFrom("loans").selectAll().where("loan_id", "=", loanId).executeTakeFirstOrThrow(),
    );
    const documents = await store.read((db) =>
      db.selectFrom("loan_events").select("event").where("loan_id", "=", loanId).orderBy("seq").execute(),
    );
    const opened = openedLoan(row);
    const state = replayLoan(
      opened.loan,
      loanEvents(
        opened,
        documents.map((d) => d.event),
      ),
      parseIsoDate("2025-03-15") as number,
    );
    const replayBalances = new Map<string, bigint>();
    for (const posting of state.postings) {
      replayBalances.set(
        posting.debit,
        (replayBalances.get(posting.debit) ?? 0n) + BigInt(posting.amountMinor),
      );
      replayBalances.set(
        posting.credit,
        (replayBalances.get(posting.credit) ?? 0n) - BigInt(posting.amountMinor),
      );
    }
    const nonZero = (balances: Map<string, bigint>) =>
      Object.fromEntries([...balances].filter(([, v]) => v !== 0n).sort(([a], [b]) => a.localeCompare(b)));
    expect(nonZero(bookedBalances)).toEqual(nonZero(replayBalances));
    // And the loan-principal account is what the borrower still owes in principal.
    expect(bookedBalances.get("loan-principal")).toBe(BigInt(state.outstanding.principal));
  });

  it("sees an event another process appended since this process last booked the loan", async () => {
    const { app, admin, loanId } = fixture;
    const record = (event: Record<string, unknown>) =>
      app.perform("loans.events.record", admin, { loanId, event });
    await record({ type: "fee", date: "2025-03-02", amount: "1.00", name: "first" });
    // Another API process records a fee: the event row and the count, under the loan's lock, as a command does.
    await store.transaction(async (trx) => {
      const { event_count } = await trx
        .selectFrom("loans")
        .select("event_count")
        .where("loan_id", "=", loanId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("loan_events")
        .values({
          tenant_id: admin.tenantId,
          loan_id: loanId,
          seq: event_count + 1,
          event: JSON.stringify({
            id: "elsewhere",
            type: "fee",
            date: "2025-03-03",
            amount: "2.00",
            name: "elsewhere",
          }),
          actor: "another process",
        })
        .execute();
      await trx
        .updateTable("loans")
        .set({ event_count: event_count + 1 })
        .where("loan_id", "=", loanId)
        .execute();
    });
    // This process's next command must replay both fees, whatever it remembered.
    const answer = await record({ type: "fee-waiver", date: "2025-03-04", component: "fee", amount: "3.00" });
    const waived = (await app.perform("loans.read", admin, { loanId })).body as {
      totals: { waived: { fee: string } };
    };
    expect((answer.body as { seq: number }).seq).toBeGreaterThan(2);
    // 3.00 can be waived only if both the 1.00 and the 2.00 fee are there.
    expect(waived.totals.waived.fee).toBe("3.00");
  });

  it("replays a retried command and refuses its key for a different request", async () => {
    const { app, admin, loanId } = fixture;
    const request = { loanId, event: { type: "fee", date: "2025-03-10", amount: "3.00", name: "statement" } };
    const first = await app.perform("loans.events.record", admin, request, {
      key: "fee-1",
      fingerprint: "A",
    });
    const before = await counts();
    const again = await app.perform("loans.events.record", admin, request, {
      key: "fee-1",
      fingerprint: "A",
    });
    expect(again.replayed).toBe(true);
    expect(again.body).toEqual(first.body);
    await expect(
      app.perform("loans.events.record", admin, request, { key: "fee-1", fingerprint: "B" }),
    ).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", status: 422 });
    expect(await counts()).toEqual(before);
  });

  it("writes one audit record per command, naming the actor", async () => {
    const { app, admin, loanId } = fixture;
    const before = await counts();
    await app.perform("loans.events.record", admin, {
      loanId,
      event: { type: "fee-waiver", date: "2025-03-11", component: "fee" },
    });
    const after = await counts();
    expect(after?.audit).toBe((before?.audit ?? 0) + 1);
    const last = await store.read((db) =>
      db.selectFrom("audit_log").selectAll().orderBy("audit_id", "desc").limit(1).executeTakeFirstOrThrow(),
    );
    expect(last).toMatchObject({ action: "loans.events.record", object_id: loanId, role: "admin" });
    expect(last.actor).toBe(`admin:${admin.keyId}`);
  });

  it("keeps a loan on the product version it was made with", async () => {
    const { app, admin, loanId } = fixture;
    const product = await app.perform("products.read", admin, { productId: "annuity" });
    const v1 = product.body as { terms: Record<string, unknown>; servicing: Record<string, unknown> };
    const v2 = await app.perform("products.version", admin, {
      productId: "annuity",
      terms: v1.terms,
      servicing: { ...v1.servicing, lateFee: { amount: "30.00" } },
    });
    expect((v2.body as { version: number }).version).toBe(2);
    const loan = await app.perform("loans.read", admin, { loanId });
    expect(loan.body).toMatchObject({ productVersion: 1, servicing: { lateFee: { amount: "15.00" } } });
  });

  it("lets a borrower's key reach only that borrower's loans", async () => {
    const { app, admin, loanId } = fixture;
    await app.perform("borrowers.create", admin, { borrowerId: "b2", name: "Borrower Two" });
    const issued = await app.perform("apiKeys.create", admin, { role: "borrower", borrowerId: "b2" });
    const other = await app.authenticator.authenticate((issued.body as { key: string }).key);
    await expect(app.perform("loans.read", other, { loanId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      app.perform("loans.events.record", other, {
        loanId,
        event: { type: "repayment", date: "2025-03-12", amount: "1.00" },
      }),
    ).rejects.toBeInstanceOf(AppError);
    const list = await app.perform("loans.list", other, {});
    expect((list.body as { items: unknown[] }).items).toEqual([]);
    const own = await app.authenticator.authenticate(
      (
        (await app.perform("apiKeys.create", admin, { role: "borrower", borrowerId: "b1" })).body as {
          key: string;
        }
      ).key,
    );
    const mine = await app.perform("loans.list", own, {});
    expect((mine.body as { items: { loanId: string }[] }).items.map((item) => item.loanId)).toEqual([loanId]);
    await expect(app.perform("products.create", own, { name: "x", terms: {} })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
