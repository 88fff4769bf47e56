import { describe, expect, it } from "vitest";
import { type DayNumber, parseIsoDate } from "../../core/calendar-date.ts";
import { type Issue, TenorError } from "../../core/errors.ts";
import { parseTerms } from "../../schedule/parse-terms.ts";
import { DEFAULT_SERVICING_RULES } from "../../servicing/default-rules.ts";
import { openLoan, replayLoan } from "../../servicing/service-loan.ts";
import { type BucketScheme, bucketIndexOf, DEFAULT_BUCKETS, parseBuckets } from "./delinquency-buckets.ts";

function day(iso: string): DayNumber {
  const parsed = parseIsoDate(iso);
  if (parsed === undefined) throw new Error(`bad date ${iso}`);
  return parsed;
}

const labelOf = (dpd: number, buckets: BucketScheme = DEFAULT_BUCKETS) =>
  buckets[bucketIndexOf(dpd, buckets)]?.label;

function issuesOf(value: unknown): readonly Issue[] {
  try {
    parseBuckets(value);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe("INVALID_MONITORING");
    return error.issues;
  }
  throw new Error("expected the buckets to be refused");
}

describe("bucketIndexOf: the default buckets' boundaries", () => {
  it("puts each boundary day in the bucket the issue names", () => {
    // current = 0; 1–30; 31–60; 61–90; 90+ = 91 and more.
    const expected: [number, string][] = [
      [0, "current"],
      [1, "1-30"],
      [30, "1-30"],
      [31, "31-60"],
      [60, "31-60"],
      [61, "61-90"],
      [90, "61-90"],
      [91, "90+"],
      [120, "90+"],
      [10000, "90+"],
    ];
    for (const [dpd, label] of expected) expect(labelOf(dpd), `${dpd} days`).toBe(label);
  });

  it("agrees with the servicing engine's own bucket on every day of a missed installment's first 100 days", () => {
    // 1000.00 EUR at 0 %, one installment due 2024-03-31, never paid.
    const loan = openLoan(
      parseTerms({
        principal: "1000.00",
        currency: "EUR",
        disbursementDate: "2024-03-01",
        firstDueDate: "2024-03-31",
        installments: 1,
        interest: { rate: "0" },
      }),
      DEFAULT_SERVICING_RULES,
    );
    for (let offset = 0; offset <= 100; offset++) {
      const state = replayLoan(loan, [], day("2024-03-31") + offset);
      // Days past due at the end of day due + n are n (servicing-rules.md §4).
      expect(state.daysPastDue).toBe(offset);
      expect(labelOf(state.daysPastDue)).toBe(state.delinquency);
    }
  });
});

describe("parseBuckets", () => {
  it("returns the default buckets when none are given", () => {
    expect(parseBuckets(undefined)).toBe(DEFAULT_BUCKETS);
  });

  it("reproduces the RBI's worked example with buckets shifted by one day", () => {
    // RBI: an installment due 31 Mar and unpaid at day-end is SMA-1 on 30 Apr, SMA-2 on 30 May and NPA on
    // 29 Jun (research §5.1). The RBI counts the due date as the first day overdue; the servicing engine counts
    // days after it (30 Apr is 30 days past due), so SMA-1 starts at 30 and NPA at 90 in Tenor's count.
    const rbi = parseBuckets([
      { label: "standard", from: 0, to: 0 },
      { label: "SMA-0", from: 1, to: 29 },
      { label: "SMA-1", from: 30, to: 59 },
      { label: "SMA-2", from: 60, to: 89 },
      { label: "NPA", from: 90 },
    ]);
    const loan = openLoan(
      parseTerms({
        principal: "1000.00",
        currency: "INR",
        disbursementDate: "2024-03-01",
        firstDueDate: "2024-03-31",
        installments: 1,
        interest: { rate: "0" },
      }),
      DEFAULT_SERVICING_RULES,
    );
    const bucketOn = (iso: string) => labelOf(replayLoan(loan, [], day(iso)).daysPastDue, rbi);
    expect(bucketOn("2024-04-29")).toBe("SMA-0");
    expect(bucketOn("2024-04-30")).toBe("SMA-1");
    expect(bucketOn("2024-05-29")).toBe("SMA-1");
    expect(bucketOn("2024-05-30")).toBe("SMA-2");
    expect(bucketOn("2024-06-28")).toBe("SMA-2");
    expect(bucketOn("2024-06-29")).toBe("NPA");
  });

  it("reads a custom scheme and places days in it", () => {
    const buckets = parseBuckets([
      { label: "ok", from: 0, to: 5 },
      { label: "late", from: 6, to: 45 },
      { label: "bad", from: 46 },
    ]);
    expect(buckets).toEqual([
      { label: "ok", fromDays: 0, toDays: 5 },
      { label: "late", fromDays: 6, toDays: 45 },
      { label: "bad", fromDays: 46, toDays: undefined },
    ]);
    expect([0, 5, 6, 45, 46].map((dpd) => labelOf(dpd, buckets))).toEqual([
      "ok",
      "ok",
      "late",
      "late",
      "bad",
    ]);
  });

  it("refuses a scheme that does not start at 0", () => {
    expect(
      issuesOf([
        { label: "a", from: 1, to: 30 },
        { label: "b", from: 31 },
      ]),
    ).toEqual([
      {
        field: "buckets[0].from",
        value: 1,
        message: "must be 0: the first bucket starts at 0 days past due",
      },
    ]);
  });

  it("refuses gaps and overlaps, naming the day expected", () => {
    const gap = issuesOf([
      { label: "a", from: 0, to: 0 },
      { label: "b", from: 2, to: 30 },
      { label: "c", from: 31 },
    ]);
    expect(gap).toEqual([
      {
        field: "buckets[1].from",
        value: 2,
        message:
          "must be 1, the day after the previous bucket's last day (buckets are contiguous and do not overlap)",
      },
    ]);
    const overlap = issuesOf([
      { label: "a", from: 0, to: 10 },
      { label: "b", from: 10, to: 30 },
      { label: "c", from: 31 },
    ]);
    expect(overlap.map((issue) => [issue.field, issue.value])).toEqual([["buckets[1].from", 10]]);
  });

  it("refuses a bucket that ends before it starts, an open bucket before the last, and a closed last bucket", () => {
    const issues = issuesOf([
      { label: "a", from: 0, to: 0 },
      { label: "b", from: 1 },
      { label: "c", from: 31, to: 20 },
      { label: "d", from: 21, to: 90 },
    ]);
    expect(issues.map((issue) => issue.field)).toEqual(["buckets[1].to", "buckets[2].to", "buckets[3].to"]);
    expect(issues[0]?.message).toMatch(/^is required: the bucket's last day past due/);
    expect(issues[1]?.message).toBe("must be at least the bucket's from (31)");
    expect(issues[2]?.message).toMatch(/^must be absent: the last bucket is open-ended/);
  });

  it("refuses repeated and reserved labels, unknown fields, and too few buckets", () => {
    const issues = issuesOf([
      { label: "a", from: 0, to: 0 },
      { label: "a", from: 1, to: 30 },
      { label: "closed", from: 31, days: 3 },
    ]);
    expect(issues.map((issue) => issue.field)).toEqual([
      "buckets[1].label",
      "buckets[2].days",
      "buckets[2].label",
    ]);
    expect(issues[0]?.message).toBe("repeats the label of buckets[0]");
    expect(issuesOf([{ label: "all", from: 0 }])[0]?.message).toMatch(
      /^must hold 2 to 12 buckets \(it holds 1\)/,
    );
    expect(issuesOf("30")[0]?.message).toMatch(/^must be an array/);
  });
});
