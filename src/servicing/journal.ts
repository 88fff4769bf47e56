// The append-only journal (docs/reference/servicing-rules.md §10). Recording an event replays the loan; the
// postings of the new replay are compared with the previous replay's by key: a posting that disappeared or
// changed is reversed, a new or changed one is added. Nothing already booked is ever edited.
import type { JournalEntry, Posting } from "./types.ts";

export function journalBetween(
  before: readonly Posting[],
  after: readonly Posting[],
  booking: number,
): JournalEntry[] {
  const afterByKey = new Map(after.map((posting) => [posting.key, posting]));
  const beforeByKey = new Map(before.map((posting) => [posting.key, posting]));
  const entries: JournalEntry[] = [];
  for (const posting of before) {
    const now = afterByKey.get(posting.key);
    if (now !== undefined && samePosting(now, posting)) continue;
    entries.push({
      ...posting,
      debit: posting.credit,
      credit: posting.debit,
      booking,
      reversal: true,
      memo: `reversal: ${posting.memo}`,
    });
  }
  for (const posting of after) {
    const earlier = beforeByKey.get(posting.key);
    if (earlier !== undefined && samePosting(earlier, posting)) continue;
    entries.push({ ...posting, booking, reversal: false });
  }
  return entries;
}

function samePosting(a: Posting, b: Posting): boolean {
  return (
    a.day === b.day &&
    a.debit === b.debit &&
    a.credit === b.credit &&
    a.amountMinor === b.amountMinor &&
    a.event === b.event
  );
}
