// The `eod.run` operation: closes the actor's tenant's open business day (runEndOfDay) and answers what the day
// did. TenorApp takes it as its end-of-day use case (`new TenorApp(store, endOfDayUseCase())`), so the adapters
// that run end of day — the API server, the CLI — wire it in, while the app layer stays below jobs/.
//
// An Idempotency-Key makes a retried request answer the first one's result instead of closing the next day: the
// key is looked up before the run (through runCommand, which also refuses a key in use or reused for another
// request), and the answer is recorded with it, and audited, once the day is closed. The run itself is many
// transactions, so it cannot sit inside the command's: two requests with the same key sent at the same moment
// may both run (each closes the day open when it starts), and the second answers the first's recorded result.
import { runCommand } from "../app/command.ts";
import type { Answer, Context } from "../app/context.ts";
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

export function endOfDayUseCase(
  options: EndOfDayUseCaseOptions = {},
): (ctx: Context, input: Record<string, never>) => Promise<Answer<unknown>> {
  return async (ctx) => {
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
}
