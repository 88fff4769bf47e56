// The `eod.run` operation: closes the actor's tenant's open business day (runEndOfDay) and answers what the day
// did. TenorApp takes it as its end-of-day use case (`new TenorApp(store, endOfDayUseCase())`), so the adapters
// that run end of day — the API server, the CLI — wire it in, while the app layer stays below jobs/.
//
// An Idempotency-Key makes a retried request answer the first one's result instead of closing the next day: the
// key is looked up before the run (through runCommand, which also refuses a key in use or reused for another
// request), and the answer is recorded with it, and audited, once the day is closed. The run itself is many
// transactions, so it cannot sit inside the command's; instead the key is held for the whole run, from before
// the lookup until after the record, and a second request with it meanwhile is answered 409. On a server the
// hold is a session advisory lock (a namespace of its own, so that the command's own claims of the key still
// work) on a connection kept for the run: it ends with the run, or with the process. The embedded engine
// belongs to one process, so there it is a set of the keys this process is running.
import { type IdempotencyRequest, keyInUse, runCommand } from "../app/command.ts";
import type { Answer, Context } from "../app/context.ts";
import { literal, type Store } from "../store/database.ts";
import type { QueueSettings } from "./eod-queue.ts";
import { type EndOfDayResult, runEndOfDay } from "./run-end-of-day.ts";

export interface EndOfDayUseCaseOptions {
  /** Workers on this machine per run (see runEndOfDay; default 1). */
  readonly workers?: number | undefined;
  readonly partitionSize?: number | undefined;
  readonly queue?: QueueSettings | undefined;
  readonly workerName?: string | undefined;
}

/** What `eod.run` answers. */
export function endOfDayAnswer(result: EndOfDayResult) {
  return {
    businessDate: result.businessDate,
    nextBusinessDate: result.nextBusinessDate,
    loans: result.loans,
    partitions: result.partitions,
    writtenOff: result.writtenOff,
    failed: result.failed,
    swept: result.swept,
    delinquency: result.delinquency,
    tiers: result.tiers,
    signals: result.signals,
    workers: result.workers,
    durationMs: result.durationMs,
  };
}

class NotRecordedYet extends Error {}

const runningHere = new WeakMap<Store, Set<string>>();

/** Runs `work` holding the key against other `eod.run` requests with it; a key already held is refused (409). */
async function holdingKey<T>(
  ctx: Context,
  idempotency: IdempotencyRequest,
  work: () => Promise<T>,
): Promise<T> {
  const scope = `eod.run/${ctx.actor.tenantId}/${ctx.actor.keyId}`;
  if (ctx.store.kind === "embedded") {
    const running = runningHere.get(ctx.store) ?? new Set<string>();
    runningHere.set(ctx.store, running);
    const held = `${scope}/${idempotency.key}`;
    if (running.has(held)) throw keyInUse(idempotency.key);
    running.add(held);
    try {
      return await work();
    } finally {
      running.delete(held);
    }
  }
  const lock = `hashtext(${literal(scope)}), hashtext(${literal(idempotency.key)})`;
  return ctx.store.session(async (session) => {
    const [rows] = await session.statements(`select pg_try_advisory_lock(${lock}) as held`);
    if (rows?.[0]?.held !== true) throw keyInUse(idempotency.key);
    try {
      return await work();
    } finally {
      await session.statements(`select pg_advisory_unlock(${lock})`);
    }
  });
}

export function endOfDayUseCase(
  options: EndOfDayUseCaseOptions = {},
): (ctx: Context, input: Record<string, never>) => Promise<Answer<unknown>> {
  const closeDay = async (ctx: Context): Promise<Answer<unknown>> => {
    if (ctx.idempotency !== undefined) {
      try {
        // Answers from the key's record when there is one; otherwise the probe rolls back and the day runs.
        return await runCommand(ctx.store, ctx.actor, ctx.idempotency, async () => {
          throw new NotRecordedYet();
        });
      } catch (error) {
        if (!(error instanceof NotRecordedYet)) throw error;
      }
    }
    const result = await runEndOfDay({
      store: ctx.store,
      tenantId: ctx.actor.tenantId,
      workers: options.workers,
      partitionSize: options.partitionSize,
      queue: options.queue,
      workerName: options.workerName,
    });
    const body = endOfDayAnswer(result);
    return runCommand(ctx.store, ctx.actor, ctx.idempotency, async () => ({
      status: 200,
      body,
      audit: {
        action: "eod.run",
        objectType: "business-date",
        objectId: result.businessDate,
        detail: {
          nextBusinessDate: result.nextBusinessDate,
          loans: result.loans,
          writtenOff: result.writtenOff,
        },
      },
    }));
  };
  return (ctx) => {
    const { idempotency } = ctx;
    return idempotency === undefined ? closeDay(ctx) : holdingKey(ctx, idempotency, () => closeDay(ctx));
  };
}
