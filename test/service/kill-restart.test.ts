// A crash in the middle of a stream of writes (issue 6): `tenor serve` on the PostgreSQL server receives
// repayments with Idempotency-Keys from a client on several loans at once; the server is killed with SIGKILL
// part-way; it is restarted; the client retries every request it got no answer to, with the same key and body.
// Afterwards every intended repayment is stored exactly once — nothing lost, nothing doubled — and every loan's
// ledger is balanced and equal to a fresh replay of its events. Server only: an embedded database belongs to
// the killed process, and the point is a database that outlives it. Besides the requests the kill cuts off
// (never committed), the client also loses a few answers of requests that did commit, as a dropped connection
// on the way back would: their retries must be answered from the idempotency record.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../src/app/demo-seed.ts";
import type { Store } from "../../src/store/database.ts";
import { disposeStore, SERVER, SERVER_URL } from "../support/test-store.ts";
import { type CliProcess, runCli } from "./cli-process.ts";
import { booksProblems, loanBooks } from "./loan-books.ts";

const BUSINESS_DATE = "2026-03-10";
const LOANS = 4;
const PER_LOAN = 15;
const KILL_AFTER = 20; // answers received before the server is killed
const LOSE_EVERY = 6; // the client loses every sixth answer (it was committed: the retry must be a replay)

interface Repayment {
  readonly key: string;
  readonly loanId: string;
  readonly amount: string;
  answered: boolean;
  /** The answer came (201) but the client "lost" it, as if the network had dropped it on the way back. */
  lost: boolean;
  replayed: boolean;
}

describe.skipIf(SERVER_URL === undefined)(
  "a server killed during a stream of repayments (PostgreSQL server only; set TEST_DATABASE_URL to run it)",
  () => {
    let store: Store;
    let officerKey: string;
    let schema: string;
    let server: CliProcess | undefined;
    const repayments: Repayment[] = [];
    const eventsBefore = new Map<string, number>();

    const serve = async (): Promise<string> => {
      server = runCli(["serve", "--port", "0", "--database-url", SERVER_URL as string, "--schema", schema]);
      return (await server.waitFor(/API reference +(http:\/\/\S+)\/docs/))[1] as string;
    };

    beforeAll(async () => {
      store = await SERVER.open();
      schema = store.schema as string;
      const demo = await seedDemo(store, { loans: 12, businessDate: BUSINESS_DATE, seed: 5 });
      officerKey = demo.keys.officer;
      // Active loans with far more outstanding than the stream pays, so none of them closes on the way.
      const loans = await store.read((db) =>
        db
          .selectFrom("loans")
          .select(["loan_id", "event_count"])
          .where("status", "=", "active")
          .where("outstanding_minor", ">", 100_00n)
          .orderBy("loan_id")
          .limit(LOANS)
          .execute(),
      );
      expect(loans).toHaveLength(LOANS);
      for (const loan of loans) eventsBefore.set(loan.loan_id, loan.event_count);
      // Each repayment has its own amount (1.00, 1.01, …), so a doubled one would show in the events.
      for (let i = 0; i < LOANS * PER_LOAN; i++) {
        const loanId = (loans[i % LOANS] as { loan_id: string }).loan_id;
        const cents = 100 + i;
        const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
        repayments.push({
          key: `stream-${i}`,
          loanId,
          amount,
          answered: false,
          lost: false,
          replayed: false,
        });
      }
    });

    afterAll(async () => {
      if (server !== undefined && server.child.exitCode === null) server.child.kill("SIGKILL");
      if (store !== undefined) await disposeStore(store);
    });

    const send = async (url: string, repayment: Repayment): Promise<Response> =>
      fetch(`${url}/v1/loans/${repayment.loanId}/events`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${officerKey}`,
          "Content-Type": "application/json",
          "Idempotency-Key": repayment.key,
        },
        body: JSON.stringify({ event: { type: "repayment", date: BUSINESS_DATE, amount: repayment.amount } }),
      });

    it("stores every repayment exactly once after a SIGKILL, a restart and the client's retries", async () => {
      const firstUrl = await serve();
      const killed = server as CliProcess;
      let answers = 0;
      // One stream per loan, each sending its repayments one after another; the server dies part-way.
      await Promise.all(
        Array.from({ length: LOANS }, async (_, stream) => {
          for (const [i, repayment] of repayments.entries()) {
            if (i % LOANS !== stream) continue;
            try {
              const response = await send(firstUrl, repayment);
              expect(response.status, await response.clone().text()).toBe(201);
              await response.arrayBuffer();
              if (i % LOSE_EVERY === LOSE_EVERY - 1) {
                repayment.lost = true;
                continue;
              }
              repayment.answered = true;
              answers += 1;
              if (answers === KILL_AFTER) killed.child.kill("SIGKILL");
            } catch (error) {
              if ((error as Error).name === "AssertionError") throw error;
              // No answer (the connection was reset or refused): the client will retry it.
            }
          }
        }),
      );
      expect(await killed.exited).toMatchObject({ signal: "SIGKILL" });
      const unanswered = repayments.filter((r) => !r.answered);
      expect(unanswered.length).toBeGreaterThan(0);
      expect(unanswered.length).toBeLessThan(repayments.length);

      const url = await serve();
      for (const repayment of unanswered) {
        for (;;) {
          const response = await send(url, repayment);
          const body = (await response.json()) as { code?: string };
          // A request whose first attempt the killed server was still running may hold its key a moment longer.
          if (response.status === 409 && body.code === "IDEMPOTENCY_KEY_IN_USE") {
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
          expect(response.status, JSON.stringify(body)).toBe(201);
          repayment.answered = true;
          repayment.replayed = response.headers.get("Idempotent-Replayed") === "true";
          break;
        }
      }
      expect(repayments.every((r) => r.answered)).toBe(true);
      // The answers the client lost were of committed requests: their retries are replays, not new repayments.
      const lost = repayments.filter((r) => r.lost);
      expect(lost.length).toBeGreaterThan(0);
      expect(lost.every((r) => r.replayed)).toBe(true);

      // Sending every request again now changes nothing: each is answered from its idempotency record.
      for (const repayment of repayments) {
        const response = await send(url, repayment);
        expect(response.status).toBe(201);
        expect(response.headers.get("Idempotent-Replayed")).toBe("true");
        await response.arrayBuffer();
      }
    });

    it("has each intended repayment once per loan, and no other new event", async () => {
      const rows = await store.read((db) =>
        db
          .selectFrom("loan_events")
          .select(["loan_id", "seq", "event"])
          .orderBy("loan_id")
          .orderBy("seq")
          .execute(),
      );
      for (const [loanId, before] of eventsBefore) {
        const added = rows.filter((row) => row.loan_id === loanId && row.seq > before);
        const intended = repayments.filter((r) => r.loanId === loanId).map((r) => r.amount);
        expect(added).toHaveLength(PER_LOAN);
        expect(added.map((row) => (row.event as { amount: string }).amount).sort()).toEqual(
          [...intended].sort(),
        );
        expect(added.every((row) => (row.event as { type: string }).type === "repayment")).toBe(true);
        // The sequence has no gap: no half-written event.
        expect(added.map((row) => row.seq)).toEqual(
          Array.from({ length: PER_LOAN }, (_, i) => before + 1 + i),
        );
      }
      const keys = await store.read((db) =>
        db
          .selectFrom("idempotency_keys")
          .select("idempotency_key")
          .where("idempotency_key", "like", "stream-%")
          .execute(),
      );
      expect(keys).toHaveLength(repayments.length);
    });

    it("leaves every loan's ledger balanced and equal to a fresh replay", async () => {
      const books = await loanBooks(store, "demo");
      expect(books.flatMap(booksProblems)).toEqual([]);
      for (const loanId of eventsBefore.keys()) expect(books.some((b) => b.loanId === loanId)).toBe(true);
    });

    it("stops the restarted server cleanly", async () => {
      const running = server as CliProcess;
      running.child.kill("SIGTERM");
      expect(await running.exited).toEqual({ code: 0, signal: null });
    });
  },
);
