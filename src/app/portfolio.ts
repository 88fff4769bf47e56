// Portfolio views for staff: loans and balances by delinquency bucket now (from the loans' snapshots), and how
// loans moved between buckets from one closed business day to another (from end of day's per-loan records).
import { sql } from "kysely";
import { currencyByCode } from "../core/currency.ts";
import { formatMinor } from "../core/money.ts";
import { invalid } from "./app-error.ts";
import { type Answer, type Context, ok } from "./context.ts";
import { checkDate } from "./tenants.ts";

export const DELINQUENCY_BUCKETS = ["current", "1-30", "31-60", "61-90", "90+"] as const;

export async function portfolioDelinquency(
  ctx: Context,
  input: { from?: string | undefined; to?: string | undefined },
): Promise<Answer<unknown>> {
  const tenantId = ctx.actor.tenantId;
  const rows = await ctx.store.read((db) =>
    db
      .selectFrom("loans")
      .select([
        "currency",
        "status",
        "delinquency",
        sql<bigint>`count(*)`.as("loans"),
        sql<string>`sum(outstanding_minor)::text`.as("outstanding"),
      ])
      .where("tenant_id", "=", tenantId)
      .where("status", "in", ["active", "written-off", "closed"])
      .groupBy(["currency", "status", "delinquency"])
      .orderBy("currency")
      .execute(),
  );
  const byCurrency = new Map<string, Map<string, { loans: number; minor: bigint }>>();
  for (const row of rows) {
    // Closed and written-off loans are counted by their status, whatever bucket they were last in.
    const key = row.status === "active" ? row.delinquency : row.status;
    const buckets = byCurrency.get(row.currency) ?? new Map<string, { loans: number; minor: bigint }>();
    const sum = buckets.get(key) ?? { loans: 0, minor: 0n };
    buckets.set(key, {
      loans: sum.loans + Number(row.loans),
      minor: sum.minor + BigInt(row.outstanding ?? "0"),
    });
    byCurrency.set(row.currency, buckets);
  }
  const formatted = [...byCurrency].map(([currency, buckets]) => {
    const digits = currencyByCode(currency)?.digits ?? 2;
    const entries = [...buckets].map(([bucket, sum]) => [
      bucket,
      { loans: sum.loans, outstanding: formatMinor(sum.minor, digits) },
    ]);
    return [currency, Object.fromEntries(entries)];
  });
  const answer: Record<string, unknown> = {
    buckets: Object.fromEntries(formatted),
  };
  if (input.from !== undefined || input.to !== undefined) {
    if (input.from === undefined || input.to === undefined)
      throw invalid(input.from === undefined ? "from" : "to", null, "from and to are given together");
    checkDate("from", input.from);
    checkDate("to", input.to);
    if (input.from >= input.to) throw invalid("to", input.to, `must be after from (${input.from})`);
    answer.rolls = await rolls(ctx, input.from, input.to);
  }
  return ok(answer);
}

/** Loans counted by (bucket on `from`, bucket on `to`), from end of day's records of both dates. */
async function rolls(ctx: Context, from: string, to: string) {
  const rows = await ctx.store.read((db) =>
    db
      .selectFrom("eod_loan_days as a")
      .innerJoin("eod_loan_days as b", (join) =>
        join.onRef("b.tenant_id", "=", "a.tenant_id").onRef("b.loan_id", "=", "a.loan_id"),
      )
      .select([
        sql<string>`case when a.status = 'active' then a.delinquency else a.status end`.as("from_state"),
        sql<string>`case when b.status = 'active' then b.delinquency else b.status end`.as("to_state"),
        sql<bigint>`count(*)`.as("loans"),
      ])
      .where("a.tenant_id", "=", ctx.actor.tenantId)
      .where("a.business_date", "=", from)
      .where("b.business_date", "=", to)
      .groupBy(["from_state", "to_state"])
      .execute(),
  );
  return {
    from,
    to,
    transitions: rows.map((row) => ({ from: row.from_state, to: row.to_state, loans: Number(row.loans) })),
  };
}
