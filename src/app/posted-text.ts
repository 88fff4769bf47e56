// `loans.posted`: the postings a loan has booked, which the next booking diffs its replay against
// (src/servicing/journal.ts). Every command and every end of day reads the list and writes it back whole, so
// the format is chosen for the cost of that round: a JSON array of arrays (JSON.parse and JSON.stringify are the
// fastest parser and printer Node has), with the day as its day number and the amount as a JSON integer, so
// that neither needs converting. Minor units are safe integers throughout the engine (Posting.amountMinor), so
// a JSON number holds them exactly.
//
// Rows written before 2026-12-07 keep the day as `YYYY-MM-DD` and the amount as decimal text; they are read
// as well, and take the new form at the loan's next booking. No migration rewrites them: every loan row would
// be rewritten for a saving each row gets anyway the next time it is booked.
import { type DayNumber, parseIsoDate } from "../core/calendar-date.ts";
import type { Account, Posting } from "../servicing/types.ts";

/** A posting as kept in `loans.posted`: [key, day, debit, credit, amount, event, memo]. */
type StoredPosting = [string, DayNumber | string, Account, Account, number | string, string | null, string];

/** The booked postings as `loans.posted` keeps them. */
export function postedText(postings: readonly Posting[]): string {
  const stored: StoredPosting[] = new Array(postings.length);
  for (let k = 0; k < postings.length; k++) {
    const p = postings[k] as Posting;
    stored[k] = [p.key, p.day, p.debit, p.credit, p.amountMinor, p.event ?? null, p.memo];
  }
  return JSON.stringify(stored);
}

/** `loans.posted` read back (either form). */
export function postingsOf(posted: string): Posting[] {
  const stored = JSON.parse(posted) as StoredPosting[];
  const postings: Posting[] = new Array(stored.length);
  for (let k = 0; k < stored.length; k++) {
    const [key, day, debit, credit, amount, event, memo] = stored[k] as StoredPosting;
    postings[k] = {
      key,
      day: typeof day === "number" ? day : isoDay(day),
      debit,
      credit,
      amountMinor: typeof amount === "number" ? amount : Number(amount), // float-ok: a safe integer as text
      event: event ?? undefined,
      memo,
    };
  }
  return postings;
}

function isoDay(text: string): DayNumber {
  const day = parseIsoDate(text);
  // Only Tenor writes this column: a day it cannot read is a damaged row, not an input error.
  if (day === undefined)
    throw new Error(`loans.posted: a booked posting's day "${text}" is not a YYYY-MM-DD date`);
  return day;
}
