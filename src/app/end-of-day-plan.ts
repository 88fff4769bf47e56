// Planning a tenant's end of day: the loans to close (active, not yet closed for the open business date D) are
// split by loan id order into ranges of about `partitionSize` loans, and the run and its partitions are
// recorded (eod_runs, eod_partitions) before any work starts, so that every worker — on any machine, on any
// retry — processes exactly the same range for a partition, and the run knows when all are done. Planning
// again the same day returns the recorded plan (a run interrupted half-way resumes where it was).
import { sql } from "kysely";
import type { Store } from "../store/database.ts";
import { AppError, invalid, notFound } from "./app-error.ts";

/**
 * Loans per partition by default. Each partition costs fixed work (its queue job, three short transactions,
 * a commit); 2,500 loans spread it (bench/eod.ts: about 7 % less CPU than 1,000) while one partition's
 * transaction still holds its loans for only about a second, which a command on one of them waits at most.
 */
export const DEFAULT_PARTITION_SIZE = 2500;
export const MAX_PARTITION_SIZE = 100_000;

export interface PlannedPartition {
  readonly partition: number;
  /** Loan ids after this one (exclusive); null for the first partition. */
  readonly afterLoan: string | null;
  /** Loan ids up to this one (inclusive); null for the last partition, whose range is open-ended. */
  readonly lastLoan: string | null;
  readonly loans: number;
  readonly status: "pending" | "done";
}

export interface EodPlan {
  readonly tenantId: string;
  /** The business date being closed (the tenant's open day). */
  readonly businessDate: string;
  readonly loans: number;
  readonly partitions: readonly PlannedPartition[];
  /** False when the day's run had already been planned (this returns that plan). */
  readonly created: boolean;
}

export interface PlanOptions {
  /** Loans per partition (default DEFAULT_PARTITION_SIZE). */
  readonly partitionSize?: number | undefined;
}

export async function planEndOfDay(
  store: Store,
  tenantId: string,
  options: PlanOptions = {},
): Promise<EodPlan> {
  const size = options.partitionSize ?? DEFAULT_PARTITION_SIZE;
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PARTITION_SIZE)
    throw invalid("partitionSize", size, `must be a whole number from 1 to ${MAX_PARTITION_SIZE}`);
  return store.transaction(async (trx) => {
    // The tenant's row lock makes two planners of the same day take turns: the second finds the first's plan.
    // Commands read the business date without locking, so they are not held up.
    const tenant = await trx
      .selectFrom("tenants")
      .select("business_date")
      .where("tenant_id", "=", tenantId)
      .forUpdate()
      .executeTakeFirst();
    if (tenant === undefined) throw notFound("tenant", tenantId);
    const businessDate = tenant.business_date;
    const run = await trx
      .selectFrom("eod_runs")
      .select(["status", "loans"])
      .where("tenant_id", "=", tenantId)
      .where("business_date", "=", businessDate)
      .executeTakeFirst();
    if (run !== undefined) {
      if (run.status === "done")
        throw new AppError("CONFLICT", `the business date ${businessDate} is already closed`);
      const recorded = await trx
        .selectFrom("eod_partitions")
        .select(["partition", "after_loan", "last_loan", "loans", "status"])
        .where("tenant_id", "=", tenantId)
        .where("business_date", "=", businessDate)
        .orderBy("partition")
        .execute();
      const partitions = recorded.map((p) => ({
        partition: p.partition,
        afterLoan: p.after_loan,
        lastLoan: p.last_loan,
        loans: p.loans,
        status: p.status,
      }));
      return { tenantId, businessDate, loans: run.loans, partitions, created: false };
    }
    // Every size-th loan id (in loan id order) ends a partition; the last partition runs to the end.
    const bounds = await sql<{ loan_id: string; n: bigint; total: bigint }>`
      select loan_id, n, total from (
        select loan_id, row_number() over (order by loan_id) as n, count(*) over () as total
        from loans
        where tenant_id = ${tenantId} and status = 'active'
          and (eod_date is null or eod_date < ${businessDate}::date)
      ) ranked
      where n % ${size} = 0 or n = total
      order by n`.execute(trx);
    const total = Number(bounds.rows[0]?.total ?? 0n);
    const count = Math.ceil(total / size);
    const ends = bounds.rows.filter((r) => r.n % BigInt(size) === 0n && r.n < r.total).map((r) => r.loan_id);
    const partitions: PlannedPartition[] = [];
    for (let k = 0; k < count; k++) {
      partitions.push({
        partition: k,
        afterLoan: k === 0 ? null : (ends[k - 1] ?? null),
        lastLoan: k === count - 1 ? null : (ends[k] ?? null),
        loans: k === count - 1 ? total - size * (count - 1) : size,
        status: "pending",
      });
    }
    await trx
      .insertInto("eod_runs")
      .values({
        tenant_id: tenantId,
        business_date: businessDate,
        partitions: count,
        loans: total,
        status: "running",
        finished_at: null,
      })
      .execute();
    if (partitions.length > 0) {
      await trx
        .insertInto("eod_partitions")
        .values(
          partitions.map((p) => ({
            tenant_id: tenantId,
            business_date: businessDate,
            partition: p.partition,
            after_loan: p.afterLoan,
            last_loan: p.lastLoan,
            loans: p.loans,
            status: "pending" as const,
            worker: null,
            last_error: null,
            finished_at: null,
          })),
        )
        .execute();
    }
    return { tenantId, businessDate, loans: total, partitions, created: true };
  });
}
