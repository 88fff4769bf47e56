// `tenor reseal`: every borrower's name and profile, and every sealed stored answer, brought to the current key
// (docs/guides/personal-data.md). A value sealed with an older key version is opened with it and sealed again;
// a value written before personal data was sealed (a database from before migration 0004) is sealed for the
// first time. Values already on the current version are left alone, so running it again changes nothing.
// Rows go in batches, each in a transaction of its own: a stop half-way loses nothing, and the next run
// continues. Rotating a key: add the new version (the highest seals), reseal, then drop the old one.
import { sql } from "kysely";
import type { Store } from "../store/database.ts";
import { sealedVersion } from "../store/sealed-text.ts";
import { openAnswer, openName, openProfile, sealAnswer, sealName, sealProfile } from "./personal-data.ts";

export interface ResealOutcome {
  /** Borrowers whose name or profile was sealed again. */
  readonly borrowers: number;
  /** Stored answers (idempotency records) sealed again. */
  readonly answers: number;
  /** The key version everything now carries. */
  readonly version: number;
}

const BATCH = 500;

export async function resealPersonalData(store: Store): Promise<ResealOutcome> {
  const keys = store.dataKeys;
  const stale = (stored: string | null) => stored !== null && sealedVersion(stored) !== keys.current;
  let borrowers = 0;
  let after: { tenant: string; borrower: string } | undefined;
  for (;;) {
    const last = after;
    const rows = await store.transaction(async (trx) => {
      let query = trx
        .selectFrom("borrowers")
        .select(["tenant_id", "borrower_id", "name", "profile"])
        .orderBy("tenant_id")
        .orderBy("borrower_id")
        .limit(BATCH)
        .forUpdate();
      if (last !== undefined)
        query = query.where((eb) =>
          eb.or([
            eb("tenant_id", ">", last.tenant),
            eb.and([eb("tenant_id", "=", last.tenant), eb("borrower_id", ">", last.borrower)]),
          ]),
        );
      const batch = await query.execute();
      for (const row of batch) {
        if (!stale(row.name) && !stale(row.profile)) continue;
        const { tenant_id: tenant, borrower_id: borrower } = row;
        const profile = openProfile(keys, tenant, borrower, row.profile);
        await trx
          .updateTable("borrowers")
          .set({
            name: sealName(keys, tenant, borrower, openName(keys, tenant, borrower, row.name)),
            profile: profile === null ? null : sealProfile(keys, tenant, borrower, profile),
          })
          .where("tenant_id", "=", tenant)
          .where("borrower_id", "=", borrower)
          .execute();
        borrowers++;
      }
      return batch;
    });
    const end = rows.at(-1);
    if (end === undefined || rows.length < BATCH) break;
    after = { tenant: end.tenant_id, borrower: end.borrower_id };
  }
  return { borrowers, answers: await resealAnswers(store), version: keys.current };
}

/**
 * Stored answers sealed with an older key version, and the sensitive answers stored before sealing, known by
 * their shape: a new API key's (`key`, `keyId`, `role`, `borrowerId`, `note`), a new borrower's (`borrowerId`,
 * `name`, `profile`) and a profile write's (`borrowerId`, `profile`). Any other answer holds neither.
 */
async function resealAnswers(store: Store): Promise<number> {
  const keys = store.dataKeys;
  const current = `sealed:1:${keys.current}:%`;
  let count = 0;
  for (;;) {
    const done = await store.transaction(async (trx) => {
      const rows = await sql<{ tenant_id: string; key_id: string; idempotency_key: string; body: unknown }>`
        select tenant_id, key_id, idempotency_key, response_body as body from idempotency_keys
        where (response_body ? 'sealed' and jsonb_typeof(response_body->'sealed') = 'string'
               and response_body->>'sealed' like 'sealed:1:%' and response_body->>'sealed' not like ${current})
           or (jsonb_typeof(response_body) = 'object' and not response_body ? 'sealed' and (
                 (response_body ?& array['key', 'keyId', 'role', 'note'] and response_body->>'key' like 'tenor.%')
              or (response_body ?& array['borrowerId', 'name', 'profile'])
              or (response_body ?& array['borrowerId', 'profile']
                  and (select count(*) from jsonb_object_keys(response_body)) = 2)))
        limit ${BATCH} for update`.execute(trx);
      for (const row of rows.rows) {
        const place = { tenantId: row.tenant_id, keyId: row.key_id, key: row.idempotency_key };
        await trx
          .updateTable("idempotency_keys")
          .set({ response_body: JSON.stringify(sealAnswer(keys, place, openAnswer(keys, place, row.body))) })
          .where("tenant_id", "=", row.tenant_id)
          .where("key_id", "=", row.key_id)
          .where("idempotency_key", "=", row.idempotency_key)
          .execute();
      }
      count += rows.rows.length;
      return rows.rows.length < BATCH;
    });
    if (done) return count;
  }
}
