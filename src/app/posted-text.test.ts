// `loans.posted` must give back exactly the postings it was given — every key, day, account, amount, event and
// memo — or the next booking would reverse postings that did not change, or miss ones that did. Checked over
// random lists, with the stored text itself written out by hand for one posting, and the form rows kept before
// 2026-12-07 (ISO days, amounts as text) read from hand-written text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Account, Posting } from "../servicing/types.ts";
import { postedText, postingsOf } from "./posted-text.ts";

const ACCOUNTS: Account[] = [
  "loan-principal",
  "interest-receivable",
  "fee-receivable",
  "penalty-receivable",
  "cash",
  "interest-income",
  "fee-income",
  "penalty-income",
  "overpayment",
  "write-off-expense",
  "waiver-expense",
  "recoveries",
];

const posting: fc.Arbitrary<Posting> = fc
  .record({
    key: fc.string({ maxLength: 30 }),
    // Day numbers from 1900-01-01 (-25567) to 2999-12-31 (376199), the dates Tenor parses.
    day: fc.integer({ min: -25_567, max: 376_199 }),
    debit: fc.constantFrom(...ACCOUNTS),
    credit: fc.constantFrom(...ACCOUNTS),
    amountMinor: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.maxSafeInteger()),
    event: fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
    // Any text: quotes, backslashes, newlines, any code point.
    memo: fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constant('a "quoted"\\ memo\nwith a line')),
  })
  .map((p) => ({ ...p })); // fast-check's records have no prototype; a posting has Object's

/** Days since 1970-01-01, computed by the platform's own calendar. */
function epochDay(iso: string): number {
  return (
    Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000
  );
}

describe("loans.posted", () => {
  it("gives back every posting exactly, in order", () => {
    fc.assert(
      fc.property(fc.array(posting, { maxLength: 60 }), (postings) => {
        expect(postingsOf(postedText(postings))).toStrictEqual(postings);
      }),
      { numRuns: 2_000 },
    );
  });

  it("keeps the day as its number and the amount as a JSON integer", () => {
    const one: Posting = {
      key: "interest:i1:19964",
      day: epochDay("2024-08-29"),
      debit: "interest-receivable",
      credit: "interest-income",
      amountMinor: 949,
      event: undefined,
      memo: "interest accrued",
    };
    expect(epochDay("2024-08-29")).toBe(19_964);
    expect(postedText([one])).toBe(
      '[["interest:i1:19964",19964,"interest-receivable","interest-income",949,null,"interest accrued"]]',
    );
    expect(postedText([])).toBe("[]");
  });

  it("reads the form kept before 2026-12-07: ISO days and amounts as decimal text", () => {
    const old =
      '[["disburse:initial","2024-08-15","loan-principal","cash","165000",null,"disbursed"],' +
      '["pay:e1:i1:0","2024-08-29","cash","loan-principal","9007199254740991","e1","repayment allocated"]]';
    expect(postingsOf(old)).toStrictEqual([
      {
        key: "disburse:initial",
        day: epochDay("2024-08-15"),
        debit: "loan-principal",
        credit: "cash",
        amountMinor: 165_000,
        event: undefined,
        memo: "disbursed",
      },
      {
        key: "pay:e1:i1:0",
        day: epochDay("2024-08-29"),
        debit: "cash",
        credit: "loan-principal",
        amountMinor: 9_007_199_254_740_991,
        event: "e1",
        memo: "repayment allocated",
      },
    ]);
  });

  it("refuses a damaged day instead of booking against an undefined one", () => {
    expect(() => postingsOf('[["k","2024-02-30","cash","loan-principal","1",null,"m"]]')).toThrow(
      /loans\.posted: a booked posting's day "2024-02-30" is not a YYYY-MM-DD date/,
    );
  });
});
