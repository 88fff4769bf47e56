// End of day through the app's functions (plan, partitions, finish), on PGlite and on the PostgreSQL server:
// accrual, a late fee after the grace days, days past due and bucket, the automatic write-off below tolerance,
// early-warning signals, the ledger against the engine's own replay, exactly-once processing and the business
// date. Expected figures are worked by hand in the comments.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  balancesOf,
  businessDate,
  closeDay,
  type EodTenant,
  engineBalances,
  eodTenant,
  eventDocuments,
  ledgerBalances,
  ledgerEntries,
  loanRow,
  newLoan,
  recordEvent,
  SERVICING,
} from "../../test/jobs/eod-fixtures.ts";
import { disposeStore, SERVER, SERVER_URL, STORE_KINDS } from "../../test/support/test-store.ts";
import type { Store } from "../store/database.ts";
import { endOfDaySummary, finishEndOfDay, planEndOfDay, processPartition } from "./end-of-day.ts";
import { closeLoansInRange } from "./end-of-day-range.ts";

// The loans: 1,000.00 USD, 12 monthly annuity installments at 12 % a year (1 % a month), disbursed 2025-01-01,
// first due 2025-02-01. Installment = 1000 · 0.01 / (1 − 1.01^−12) = 10 / 0.1125508 = 88.8488 → 88.85.
// Installment 1: interest 1000 · 1 % = 10.00, principal 78.85. Installment 2 (2025-02-01 → 2025-03-01, 28 days):
// interest (1000 − 78.85) · 1 % = 9.2115 → 9.21, accrued evenly from 02-01: by the end of day 02-01 + k,
// round(921 · k / 28) minor units. Days past due on D: D − 02-01 while installment 1 is unpaid. Late grace days 3: the late fee (15.00) is charged on 02-01 + 3 + 1 = 2025-02-05, once.

async function dayRecords(store: Store, tenantId: string, date: string) {
  return store.read((db) =>
    db
      .selectFrom("eod_loan_days")
      .selectAll()
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", date)
      .orderBy("loan_id")
      .execute(),
  );
}

async function expectBooksMatchEngine(
  store: Store,
  tenantId: string,
  loanIds: readonly string[],
  date: string,
) {
  const entries = await ledgerEntries(store, tenantId);
  for (const entry of entries) {
    expect(entry.amount_minor).toBeGreaterThan(0n);
    expect(entry.debit).not.toBe(entry.credit);
  }
  // Every entry debits and credits the same amount, so the whole ledger sums to zero in every currency.
  const all = balancesOf(entries.map((e) => ({ debit: e.debit, credit: e.credit, amount: e.amount_minor })));
  expect(Object.values(all).reduce((a, b) => a + b, 0n)).toBe(0n);
  for (const loanId of loanIds)
    expect(await ledgerBalances(store, tenantId, loanId)).toEqual(
      await engineBalances(store, tenantId, loanId, date),
    );
}

describe.each(STORE_KINDS)("end of day on $name", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await kind.open();
  });
  afterAll(() => disposeStore(store));

  it("charges the late fee once after the grace days, counts days past due, and keeps the books equal to the engine's", async () => {
    const t = await eodTenant(store, "late", "2025-01-31");
    const missed = await newLoan(t);
    const paying = await newLoan(t);
    expect(await closeDay(store, t.tenantId)).toBe("2025-01-31");
    expect(await businessDate(store, t.tenantId)).toBe("2025-02-01");
    // A command between two days: the first installment paid on its due date.
    await recordEvent(t, paying, { type: "repayment", date: "2025-02-01", amount: "88.85" });
    const expected: Record<string, { dpd: number; bucket: string; outstanding: bigint }> = {
      // principal 1000.00 + interest 10.00 + installment 2's accrued interest + penalty
      "2025-02-01": { dpd: 0, bucket: "current", outstanding: 100000n + 1000n + 0n }, // k = 0
      "2025-02-02": { dpd: 1, bucket: "1-30", outstanding: 100000n + 1000n + 33n }, // 921·1/28 = 32.9
      "2025-02-03": { dpd: 2, bucket: "1-30", outstanding: 100000n + 1000n + 66n }, // 921·2/28 = 65.8
      "2025-02-04": { dpd: 3, bucket: "1-30", outstanding: 100000n + 1000n + 99n }, // 921·3/28 = 98.7
      "2025-02-05": { dpd: 4, bucket: "1-30", outstanding: 100000n + 1000n + 132n + 1500n }, // 131.6; fee
      "2025-02-06": { dpd: 5, bucket: "1-30", outstanding: 100000n + 1000n + 164n + 1500n }, // 164.5
    };
    for (const [date, want] of Object.entries(expected)) {
      expect(await closeDay(store, t.tenantId)).toBe(date);
      const row = await loanRow(store, t.tenantId, missed);
      expect({ dpd: row.days_past_due, bucket: row.delinquency, outstanding: row.outstanding_minor }).toEqual(
        want,
      );
      expect(row.eod_date).toBe(date);
      expect(row.state_date).toBe(date);
      const records = await dayRecords(store, t.tenantId, date);
      expect(records.map((r) => r.loan_id).sort()).toEqual([missed, paying].sort());
      const record = records.find((r) => r.loan_id === missed);
      expect(record).toMatchObject({ days_past_due: want.dpd, delinquency: want.bucket, status: "active" });
      expect(record?.outstanding_minor).toBe(want.outstanding);
    }
    expect(await businessDate(store, t.tenantId)).toBe("2025-02-07");
    // The late fee: one posting of 15.00, booked by the end of day of 2025-02-05.
    const lateFees = (await ledgerEntries(store, t.tenantId, missed)).filter(
      (e) => e.debit === "penalty-receivable",
    );
    expect(lateFees.map((e) => [e.booking, e.day, e.amount_minor, e.reversal])).toEqual([
      ["eod:2025-02-05", "2025-02-05", 1500n, false],
    ]);
    // The loan paid on time: principal 1000.00 − 78.85 = 921.15 and installment 2's interest accrued (164).
    const paid = await loanRow(store, t.tenantId, paying);
    expect([paid.days_past_due, paid.delinquency, paid.outstanding_minor]).toEqual([
      0,
      "current",
      92115n + 164n,
    ]);
    // Early-warning signals: the missed payment is amber (5 days ≤ 30); the loan paid on time has none.
    const signals = (await loanRow(store, t.tenantId, missed)).signals as {
      code: string;
      severity: string;
    }[];
    expect(signals.map((s) => [s.code, s.severity])).toEqual([["MISSED_PAYMENT", "amber"]]);
    expect(paid.signals).toEqual([]);
    expect((await dayRecords(store, t.tenantId, "2025-02-06")).map((r) => r.tier)).toContain("amber");
    await expectBooksMatchEngine(store, t.tenantId, [missed, paying], "2025-02-06");
    const summary = await endOfDaySummary(store, t.tenantId, "2025-02-06");
    expect(summary).toMatchObject({
      status: "done",
      loans: 2,
      writtenOff: 0,
      failed: 0,
      delinquency: { current: 1, "1-30": 1 },
      signals: { MISSED_PAYMENT: 1 },
      workers: { "test-worker": 1 },
    });
  });

  it("keeps the books right for commands before and after a day's close on the same loan", async () => {
    // A command makes this process remember the loan (its events and booked postings), replayed to the
    // business date. Closing that day books nothing new; closing the next one books that day's accrual and
    // rewrites the loan's postings without adding an event. The next command must book against the postings
    // as the close left them: against the remembered ones it would book the day's accrual a second time.
    const t = await eodTenant(store, "around-close", "2025-02-10");
    const loanId = await newLoan(t);
    await recordEvent(t, loanId, { type: "repayment", date: "2025-02-01", amount: "88.85" });
    expect(await closeDay(store, t.tenantId)).toBe("2025-02-10");
    const before = await ledgerEntries(store, t.tenantId, loanId);
    expect(await closeDay(store, t.tenantId)).toBe("2025-02-11");
    // The close booked installment 2's interest accrued for one more day.
    expect((await ledgerEntries(store, t.tenantId, loanId)).length).toBeGreaterThan(before.length);
    await recordEvent(t, loanId, { type: "repayment", date: "2025-02-12", amount: "10.00" });
    await recordEvent(t, loanId, { type: "fee", date: "2025-02-12", amount: "1.00", name: "statement" });
    await expectBooksMatchEngine(store, t.tenantId, [loanId], "2025-02-12");
  });

  it("leaves alone a loan the engine wrote off with a repayment 0.50 short of the pay-off", async () => {
    const t = await eodTenant(store, "short", "2025-03-15");
    const loanId = await newLoan(t, { disbursementDate: "2025-03-01" });
    // Pay-off on 2025-03-15: the principal 1,000.00 and installment 1's interest, 10.00, payable in advance
    // (closing rule "scheduled") = 1,010.00. 0.50 short of it: 1,009.50, below the tolerance of 1.00.
    const answer = await recordEvent(t, loanId, { type: "repayment", date: "2025-03-15", amount: "1009.50" });
    expect((answer.body as { state: { status: string } }).state.status).toBe("written-off");
    await closeDay(store, t.tenantId);
    expect(await dayRecords(store, t.tenantId, "2025-03-15")).toEqual([]);
    expect((await eventDocuments(store, t.tenantId, loanId)).map((e) => e.actor)).toEqual([
      `admin:${t.admin.keyId}`,
    ]);
    await expectBooksMatchEngine(store, t.tenantId, [loanId], "2025-03-15");
  });

  it("writes off a loan whose pay-off fell below the tolerance without a repayment, as a command would", async () => {
    // Penalties paid last, so a repayment can leave only penalty behind, which a waiver then reduces.
    const t = await eodTenant(store, "tolerance", "2025-04-07", {
      ...SERVICING,
      waterfall: [
        {
          buckets: ["past-due", "due"],
          components: ["principal", "interest", "fee", "penalty"],
          direction: "vertical",
        },
      ],
      notYetDueOrder: ["principal", "interest", "fee", "penalty"],
    });
    const loanId = await newLoan(t, { installments: 3 });
    // 3 installments of 1000 · 0.01 / (1 − 1.01^−3) = 340.0221 → 340.02, due 02-01, 03-01, 04-01.
    // Interest: 10.00; (1000 − 330.02) · 1 % = 6.6998 → 6.70; (669.98 − 333.32) · 1 % = 3.3666 → 3.37: 20.07.
    // Late fees of 15.00 on 02-05, 03-05 and 04-05: 45.00. Pay-off on 04-07: 1000 + 20.07 + 45.00 = 1,065.07.
    const quote = await t.app.perform("loans.payoffQuote", t.admin, { loanId });
    expect((quote.body as { payoff: string }).payoff).toBe("1065.07");
    // All but 15.50: principal and interest in full and 29.50 of the penalties; 15.50 ≥ 1.00 stays active.
    await recordEvent(t, loanId, { type: "repayment", date: "2025-04-07", amount: "1049.57" });
    // A waiver is not a repayment: the engine does not write off after it, though the pay-off is now 0.50.
    await recordEvent(t, loanId, {
      type: "fee-waiver",
      date: "2025-04-07",
      component: "penalty",
      amount: "15.00",
    });
    const before = await loanRow(store, t.tenantId, loanId);
    expect([before.status, before.payoff_minor, before.event_count]).toEqual(["active", 50n, 2]);
    await closeDay(store, t.tenantId);
    const events = await eventDocuments(store, t.tenantId, loanId);
    expect(events.map((e) => [e.seq, e.actor, e.event])).toEqual([
      [1, `admin:${t.admin.keyId}`, { type: "repayment", date: "2025-04-07", amount: "1049.57", id: "e1" }],
      [2, `admin:${t.admin.keyId}`, expect.objectContaining({ type: "fee-waiver", id: "e2" })],
      [3, "system:eod", { type: "write-off", date: "2025-04-07", id: "e3" }],
    ]);
    const after = await loanRow(store, t.tenantId, loanId);
    expect([after.status, after.payoff_minor, after.outstanding_minor, after.event_count]).toEqual([
      "written-off",
      0n,
      0n,
      3,
    ]);
    expect((after.signals as { code: string }[]).map((s) => s.code)).toEqual(["WRITTEN_OFF"]);
    const writeOff = (await ledgerEntries(store, t.tenantId, loanId)).filter((e) => e.booking === "event:3");
    expect(writeOff.map((e) => [e.debit, e.credit, e.amount_minor])).toEqual([
      ["write-off-expense", "penalty-receivable", 50n],
    ]);
    expect((await dayRecords(store, t.tenantId, "2025-04-07")).map((r) => [r.status, r.wrote_off])).toEqual([
      ["written-off", true],
    ]);
    expect((await endOfDaySummary(store, t.tenantId, "2025-04-07")).writtenOff).toBe(1);
    await expectBooksMatchEngine(store, t.tenantId, [loanId], "2025-04-07");
  });

  it("closes the day for every other loan when one loan's stored history cannot be replayed", async () => {
    const t = await eodTenant(store, "broken", "2025-01-31");
    const healthy = await newLoan(t);
    const broken = await newLoan(t);
    // A history the engine refuses (a negative repayment), as if written by hand: the loan cannot be replayed.
    await store.transaction((trx) =>
      trx
        .insertInto("loan_events")
        .values({
          tenant_id: t.tenantId,
          loan_id: broken,
          seq: 1,
          event: JSON.stringify({ type: "repayment", date: "2025-01-15", amount: "-5.00", id: "e1" }),
          actor: "hand",
        })
        .execute(),
    );
    const before = await loanRow(store, t.tenantId, broken);
    const entriesBefore = await ledgerEntries(store, t.tenantId, broken);
    await closeDay(store, t.tenantId);
    const records = await dayRecords(store, t.tenantId, "2025-01-31");
    expect(records.find((r) => r.loan_id === healthy)?.error).toBeNull();
    expect(records.find((r) => r.loan_id === broken)?.error).toMatch(/amount/);
    const after = await loanRow(store, t.tenantId, broken);
    expect({ ...after, eod_date: before.eod_date }).toEqual(before);
    expect(after.eod_date).toBe("2025-01-31");
    expect(await ledgerEntries(store, t.tenantId, broken)).toEqual(entriesBefore);
    expect(await endOfDaySummary(store, t.tenantId, "2025-01-31")).toMatchObject({ loans: 2, failed: 1 });
    expect(await businessDate(store, t.tenantId)).toBe("2025-02-01");
  });

  it("processes a partition once: a second run changes nothing, and a loan's day cannot be recorded twice", async () => {
    const t = await eodTenant(store, "twice", "2025-01-31");
    const loans = [await newLoan(t), await newLoan(t), await newLoan(t)];
    const plan = await planEndOfDay(store, t.tenantId, { partitionSize: 2 });
    expect(plan.partitions.map((p) => p.loans)).toEqual([2, 1]);
    expect(await planEndOfDay(store, t.tenantId, { partitionSize: 2 })).toMatchObject({ created: false });
    const work = { tenantId: t.tenantId, businessDate: "2025-01-31", partition: 0, worker: "w1" };
    expect(await processPartition(store, work)).toMatchObject({ status: "done", loans: 2 });
    const snapshot = async () => ({
      ledger: await ledgerEntries(store, t.tenantId),
      loans: await Promise.all(loans.map((id) => loanRow(store, t.tenantId, id))),
      days: await dayRecords(store, t.tenantId, "2025-01-31"),
    });
    const once = await snapshot();
    expect(once.days).toHaveLength(2);
    expect(await processPartition(store, { ...work, worker: "w2" })).toMatchObject({
      status: "already-done",
    });
    // Even outside the partition's own guard, a loan already closed for the day is skipped.
    const again = await store.transaction((trx) =>
      closeLoansInRange(
        trx,
        t.tenantId,
        "2025-01-31",
        { afterLoan: null, lastLoan: plan.partitions[0]?.lastLoan ?? null },
        "w3",
      ),
    );
    expect(again.loans).toBe(0);
    expect(await snapshot()).toEqual(once);
    // With both guards gone (the partition pending, the loans' day cleared), the day records' key refuses the
    // second processing, and the transaction takes nothing with it.
    await store.transaction(async (trx) => {
      await sql`update eod_partitions set status = 'pending' where tenant_id = ${t.tenantId} and partition = 0`.execute(
        trx,
      );
      await sql`update loans set eod_date = null where tenant_id = ${t.tenantId} and eod_date is not null`.execute(
        trx,
      );
    });
    await expect(processPartition(store, { ...work, worker: "w4" })).rejects.toThrow(/duplicate key|unique/i);
    expect((await snapshot()).ledger).toEqual(once.ledger);
    await store.transaction(async (trx) => {
      await sql`update eod_partitions set status = 'done' where tenant_id = ${t.tenantId} and partition = 0`.execute(
        trx,
      );
      await sql`update loans set eod_date = '2025-01-31' where tenant_id = ${t.tenantId} and eod_date is null
                and loan_id in (select loan_id from eod_loan_days where tenant_id = ${t.tenantId})`.execute(
        trx,
      );
    });
    // Finishing waits for the partition left; a loan made active once every partition has run is closed by
    // the finisher.
    expect(await finishEndOfDay(store, t.tenantId, "2025-01-31", "w1")).toMatchObject({
      advanced: false,
      pending: 1,
    });
    await processPartition(store, { ...work, partition: 1 });
    const late = await newLoan(t);
    expect(await finishEndOfDay(store, t.tenantId, "2025-01-31", "w1")).toEqual({
      advanced: true,
      pending: 0,
      swept: 1,
      nextBusinessDate: "2025-02-01",
    });
    expect(await finishEndOfDay(store, t.tenantId, "2025-01-31", "w2")).toMatchObject({ advanced: false });
    expect(await businessDate(store, t.tenantId)).toBe("2025-02-01");
    expect((await dayRecords(store, t.tenantId, "2025-01-31")).map((r) => r.loan_id).sort()).toEqual(
      [...loans, late].sort(),
    );
    await expectBooksMatchEngine(store, t.tenantId, [...loans, late], "2025-01-31");
  });
});

describe.skipIf(SERVER_URL === undefined)(
  "end of day beside commands (server only: needs real concurrency)",
  () => {
    let store: Store;
    let t: EodTenant;
    beforeAll(async () => {
      store = await SERVER.open();
      t = await eodTenant(store, "beside", "2025-01-31");
    });
    afterAll(() => disposeStore(store));

    it("a command on a loan the partition holds waits for it, then books on top of the day", async () => {
      const loanId = await newLoan(t);
      const plan = await planEndOfDay(store, t.tenantId);
      let command: Promise<unknown> | undefined;
      let settledEarly = false;
      await processPartition(
        store,
        { tenantId: t.tenantId, businessDate: plan.businessDate, partition: 0, worker: "w" },
        {
          afterLock: async () => {
            command = recordEvent(t, loanId, {
              type: "fee",
              date: "2025-01-31",
              amount: "5.00",
              name: "card",
            });
            command.then(() => {
              settledEarly = true;
            });
            await new Promise((resolve) => setTimeout(resolve, 300));
          },
        },
      );
      expect(settledEarly).toBe(false);
      await command;
      await finishEndOfDay(store, t.tenantId, plan.businessDate, "w");
      const row = await loanRow(store, t.tenantId, loanId);
      expect([row.event_count, row.eod_date]).toEqual([1, "2025-01-31"]);
      await expectBooksMatchEngine(store, t.tenantId, [loanId], "2025-01-31");
    });
  },
);
