// Commands racing on one loan (PostgreSQL server only: the embedded engine runs one unit of work at a time, so
// nothing races there). The loan row lock serializes them; idempotency keys make a retried or duplicated
// request count once.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disbursedLoan, type LoanFixture } from "../../test/support/service-fixtures.ts";
import { disposeStore, SERVER, SERVER_URL } from "../../test/support/test-store.ts";
import type { Store } from "../store/database.ts";
import { AppError } from "./app-error.ts";

describe.skipIf(SERVER_URL === undefined)("concurrent commands on one loan (needs TEST_DATABASE_URL)", () => {
  let store: Store;
  let fixture: LoanFixture;
  beforeAll(async () => {
    store = await SERVER.open({ poolSize: 20 });
    fixture = await disbursedLoan(store, { businessDate: "2025-01-20" });
  });
  afterAll(() => disposeStore(store));

  it("applies 100 concurrent repayments with distinct keys exactly once each", async () => {
    const { app, admin, loanId } = fixture;
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, k) =>
        app.perform(
          "loans.events.record",
          admin,
          { loanId, event: { type: "repayment", date: "2025-01-10", amount: "10.00" } },
          { key: `repay-${k}`, fingerprint: `repay-${k}` },
        ),
      ),
    );
    expect(answers.every((answer) => answer.status === 201 && answer.replayed === false)).toBe(true);
    const seqs = answers.map((answer) => (answer.body as { seq: number }).seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 100 }, (_, k) => k + 1));
    // 100 × 10.00 = 1,000.00 received, all of it applied. On 2025-01-10 installment 1 (due 2025-02-01) is the
    // current one, and under the product's closing rule `scheduled` its whole interest is payable in advance
    // (docs/reference/servicing-rules.md §5.1): 10,000.00 × 12 % / 12 = 100.00 of interest, the other 900.00
    // principal. Principal left: 10,000.00 − 900.00 = 9,100.00.
    const loan = await app.perform("loans.read", admin, { loanId });
    const body = loan.body as {
      summary: { outstanding: { principal: string } };
      totals: { received: string; paid: { interest: string } };
      events: unknown[];
    };
    expect(body.events).toHaveLength(100);
    expect(body.totals.received).toBe("1000.00");
    expect(body.totals.paid.interest).toBe("100.00");
    expect(body.summary.outstanding.principal).toBe("9100.00");
    // The booked ledger: the cash account received exactly 1,000.00 on top of the 10,000.00 paid out.
    const cash = await store.read((db) =>
      sql<{ net: string }>`
        select (sum(case when debit = 'cash' then amount_minor else 0 end)
              - sum(case when credit = 'cash' then amount_minor else 0 end))::text as net
        from ledger_entries where tenant_id = ${admin.tenantId} and loan_id = ${loanId}`.execute(db),
    );
    expect(cash.rows[0]?.net).toBe(String(100_000 - 1_000_000));
  });

  it("applies a repayment sent 50 times at once with one key exactly once", async () => {
    const { app, admin, loanId } = fixture;
    const before = await eventCount(loanId);
    const request = { loanId, event: { type: "repayment", date: "2025-01-11", amount: "25.00" } };
    const settled = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        app.perform("loans.events.record", admin, request, { key: "same-key", fingerprint: "same-body" }),
      ),
    );
    const fresh = settled.filter((s) => s.status === "fulfilled" && s.value.replayed === false);
    const replayed = settled.filter((s) => s.status === "fulfilled" && s.value.replayed === true);
    const inUse = settled.filter(
      (s) =>
        s.status === "rejected" && s.reason instanceof AppError && s.reason.code === "IDEMPOTENCY_KEY_IN_USE",
    );
    expect(fresh).toHaveLength(1);
    expect(fresh.length + replayed.length + inUse.length).toBe(50);
    for (const answer of replayed)
      if (answer.status === "fulfilled" && fresh[0]?.status === "fulfilled")
        expect(answer.value.body).toEqual(fresh[0].value.body);
    expect(await eventCount(loanId)).toBe(before + 1);
  });

  it("answers 409 while a request holding the key runs, changes nothing, and runs the retry once it is done", async () => {
    const { app, admin, loanId } = fixture;
    const before = await eventCount(loanId);
    const request = { loanId, event: { type: "repayment", date: "2025-01-12", amount: "5.00" } };
    const idempotency = { key: "held-key", fingerprint: "held-body" };
    // A request with the key in flight, as another process would hold it: its transaction has claimed the key.
    await store.transaction(async (trx) => {
      const claimed = await sql<{ claim: string }>`
        select claim from tenor_claim_key(${admin.tenantId}, ${admin.keyId}, ${idempotency.key})`.execute(
        trx,
      );
      expect(claimed.rows[0]?.claim).toBe("new");
      await expect(app.perform("loans.events.record", admin, request, idempotency)).rejects.toMatchObject({
        code: "IDEMPOTENCY_KEY_IN_USE",
      });
    });
    expect(await eventCount(loanId)).toBe(before);
    // The holder ended without storing an answer (as a failed request does): the retry runs.
    const retried = await app.perform("loans.events.record", admin, request, idempotency);
    expect(retried).toMatchObject({ status: 201, replayed: false });
    expect(await eventCount(loanId)).toBe(before + 1);
    const again = await app.perform("loans.events.record", admin, request, idempotency);
    expect(again).toMatchObject({ status: 201, replayed: true, body: retried.body });
  });

  async function eventCount(loanId: string): Promise<number> {
    const row = await store.read((db) =>
      db
        .selectFrom("loan_events")
        .select(sql<number>`count(*)::int4`.as("n"))
        .where("loan_id", "=", loanId)
        .executeTakeFirstOrThrow(),
    );
    return row.n;
  }
});
