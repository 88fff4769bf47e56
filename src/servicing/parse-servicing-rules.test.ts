import { describe, expect, it } from "vitest";
import { type Issue, TenorError } from "../core/errors.ts";
import { ratio } from "../core/ratio.ts";
import { DEFAULT_SERVICING_RULES } from "./default-rules.ts";
import { parseServicingRules } from "./parse-servicing-rules.ts";

const ALL = ["penalty", "fee", "interest", "principal"];

/** The issues `document` is rejected with (EUR: 2 digits); fails the test when it is accepted. */
function issuesOf(document: unknown, digits = 2): readonly Issue[] {
  try {
    parseServicingRules(document, digits);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe("INVALID_SERVICING_RULES");
    return error.issues;
  }
  throw new Error("expected the rules to be rejected");
}

function expectIssue(document: unknown, field: string, value: unknown, message: string | RegExp): void {
  const issues = issuesOf(document);
  expect(issues.map((issue) => issue.field)).toEqual([field]);
  expect(issues[0]?.value).toEqual(value);
  if (typeof message === "string") expect(issues[0]?.message).toBe(message);
  else expect(issues[0]?.message).toMatch(message);
}

describe("parseServicingRules: valid documents", () => {
  it("gives the defaults for an empty document and for none", () => {
    expect(parseServicingRules({}, 2)).toEqual(DEFAULT_SERVICING_RULES);
    expect(parseServicingRules(undefined, 2)).toBe(DEFAULT_SERVICING_RULES);
  });

  it("reads every field", () => {
    const rules = parseServicingRules(
      {
        accrualPriority: ["penalty", "fee", "interest", "principal"],
        waterfall: [
          {
            buckets: ["past-due"],
            components: ["penalty", "fee", "interest", "principal"],
            direction: "vertical",
          },
          { buckets: ["due"], components: ["interest", "principal", "fee", "penalty"] },
        ],
        notYetDueOrder: ["principal", "interest", "fee", "penalty"],
        closing: "accrued",
        overpayment: "close-backward",
        lateGraceDays: 5,
        pastDueInterest: { rate: "24", daysInYear: 360, base: "principal-interest" },
        lateFee: { amount: "15.50" },
        nsfFee: "25",
        writeOffTolerance: "0.99",
        maxEvents: 200,
      },
      2,
    );
    expect(rules).toEqual({
      accrualPriority: ["penalty", "fee", "interest", "principal"],
      waterfall: [
        {
          buckets: ["past-due"],
          components: ["penalty", "fee", "interest", "principal"],
          direction: "vertical",
        },
        {
          buckets: ["due"],
          components: ["interest", "principal", "fee", "penalty"],
          direction: "horizontal",
        },
      ],
      notYetDueOrder: ["principal", "interest", "fee", "penalty"],
      closing: "accrued",
      overpayment: "close-backward",
      lateGraceDays: 5,
      pastDueInterest: { rate: ratio(6n, 25n), daysInYear: 360, base: "principal-interest" },
      lateFee: { amountMinor: 1550 },
      nsfFeeMinor: 2500,
      writeOffToleranceMinor: 99,
      maxEvents: 200,
    });
  });

  it("defaults past-due interest to 365 days and the principal base; reads a late fee in percent as a fraction", () => {
    const rules = parseServicingRules({ pastDueInterest: { rate: "18.25" }, lateFee: { percent: "5" } }, 2);
    expect(rules.pastDueInterest).toEqual({ rate: ratio(73n, 400n), daysInYear: 365, base: "principal" });
    expect(rules.lateFee).toEqual({ percent: ratio(1n, 20n) });
  });

  it("reads amounts with the currency's digits: JPY has none, KWD three", () => {
    expect(parseServicingRules({ nsfFee: "500" }, 0).nsfFeeMinor).toBe(500);
    expect(parseServicingRules({ nsfFee: "1.250" }, 3).nsfFeeMinor).toBe(1250);
    expect(parseServicingRules({ lateFee: { amount: 12.5 } }, 2).lateFee).toEqual({ amountMinor: 1250 });
  });

  it("accepts the limits: 365 grace days, 1000 % past-due interest, 1 and 100000 events", () => {
    expect(parseServicingRules({ lateGraceDays: 365 }, 2).lateGraceDays).toBe(365);
    expect(parseServicingRules({ pastDueInterest: { rate: "1000" } }, 2).pastDueInterest?.rate).toEqual(
      ratio(10n, 1n),
    );
    expect(parseServicingRules({ maxEvents: 1 }, 2).maxEvents).toBe(1);
    expect(parseServicingRules({ maxEvents: 100000 }, 2).maxEvents).toBe(100000);
  });
});

describe("parseServicingRules: refusals", () => {
  it("refuses a document that is not an object", () => {
    expectIssue([], "(document)", [], /^must be an object such as /);
  });

  it("refuses unknown fields with a suggestion", () => {
    expectIssue(
      { overpaymnet: "reduce-term" },
      "overpaymnet",
      "reduce-term",
      /^is not a known field \(did you mean "overpayment"\?\); allowed: accrualPriority, waterfall, /,
    );
  });

  it("refuses an unknown closing rule and overpayment mode, naming what is allowed", () => {
    expectIssue({ closing: "paid" }, "closing", "paid", 'must be one of "scheduled" or "accrued"');
    expectIssue(
      { overpayment: "reduce-terms" },
      "overpayment",
      "reduce-terms",
      'must be one of "close-forward", "close-backward", "reduce-term" or "reduce-installment" (did you mean "reduce-term"?)',
    );
  });

  it.each([
    [-1, "must be a whole number between 0 and 365"],
    [366, "must be a whole number between 0 and 365"],
    [2.5, "must be a whole number between 0 and 365"],
    ["5", "must be a whole number between 0 and 365"],
  ])("refuses lateGraceDays %j", (value, message) => {
    expectIssue({ lateGraceDays: value }, "lateGraceDays", value, message);
  });

  it.each([0, 100001, "10"])("refuses maxEvents %j", (value) => {
    expectIssue({ maxEvents: value }, "maxEvents", value, "must be a whole number between 1 and 100000");
  });

  describe("component orders", () => {
    it("names a repeated component by index", () => {
      expectIssue(
        { accrualPriority: ["fee", "interest", "fee", "principal"] },
        "accrualPriority[2]",
        "fee",
        'repeats accrualPriority[0]: must list each of "principal", "interest", "fee" and "penalty" exactly once, such as ["principal", "interest", "fee", "penalty"]',
      );
    });

    it("names the missing components at the array", () => {
      expectIssue(
        { notYetDueOrder: ["principal", "interest"] },
        "notYetDueOrder",
        ["principal", "interest"],
        /^misses "fee" and "penalty": must list each of /,
      );
    });

    it("names an unknown component with a suggestion, and refuses more than four items at once", () => {
      expectIssue(
        { notYetDueOrder: ["penalty", "fees", "interest", "principal"] },
        "notYetDueOrder[1]",
        "fees",
        'must be one of "principal", "interest", "fee" or "penalty" (did you mean "fee"?)',
      );
      expectIssue(
        { accrualPriority: [...ALL, "fee"] },
        "accrualPriority",
        [...ALL, "fee"],
        /^has 5 items: must list each of /,
      );
      expectIssue(
        { accrualPriority: "principal" },
        "accrualPriority",
        "principal",
        /^must be an array such as /,
      );
    });
  });

  describe("waterfall", () => {
    it("names a (bucket, component) pair paid by two steps at the step that repeats it", () => {
      expectIssue(
        {
          waterfall: [
            { buckets: ["past-due", "due"], components: ["penalty", "fee", "interest"] },
            { buckets: ["due", "past-due"], components: ["principal", "interest"] },
          ],
        },
        "waterfall[1].components[1]",
        "interest",
        'pays "interest" of "due" and "past-due" again, as waterfall[0] does: each (bucket, component) pair belongs to exactly one step',
      );
    });

    it("names the pairs no step pays", () => {
      const waterfall = [
        { buckets: ["past-due"], components: ALL },
        { buckets: ["due"], components: ["fee", "interest"] },
      ];
      expectIssue(
        { waterfall },
        "waterfall",
        waterfall,
        "misses due principal, due penalty: the steps must cover every component (principal, interest, fee, penalty) of both buckets (past-due, due) exactly once",
      );
    });

    it("collects every problem of every step", () => {
      const issues = issuesOf({
        waterfall: [
          {
            buckets: ["past-due", "late"],
            components: ["penalty", "penalty"],
            direction: "diagonal",
            order: 1,
          },
          { buckets: [], components: "fee" },
        ],
      });
      expect(issues).toEqual([
        {
          field: "waterfall[0].order",
          value: 1,
          message: "is not a known field; allowed: buckets, components, direction",
        },
        {
          field: "waterfall[0].buckets[1]",
          value: "late",
          message: 'must be one of "past-due" or "due"',
        },
        {
          field: "waterfall[0].components[1]",
          value: "penalty",
          message: 'repeats "penalty": list each once',
        },
        {
          field: "waterfall[0].direction",
          value: "diagonal",
          message: 'must be one of "horizontal" or "vertical"',
        },
        {
          field: "waterfall[1].buckets",
          value: [],
          message: 'must list 1 to 2 of "past-due" and "due", each once',
        },
        {
          field: "waterfall[1].components",
          value: "fee",
          message: 'must be an array such as ["principal", "interest", "fee", "penalty"]',
        },
      ]);
    });

    it("refuses an empty waterfall, and one of more steps than there are pairs", () => {
      expectIssue({ waterfall: [] }, "waterfall", [], /^must have 1 to 8 steps such as /);
      const nine = Array.from({ length: 9 }, () => ({ buckets: ["due"], components: ["fee"] }));
      expectIssue({ waterfall: nine }, "waterfall", nine, /^must have 1 to 8 steps /);
    });
  });

  describe("late charges and amounts", () => {
    it.each([
      ["0", "must be greater than 0 and at most 1000 (a percent)"],
      ["1000.01", "must be greater than 0 and at most 1000 (a percent)"],
      ["24%", 'must be a percent greater than 0 and at most 1000, written as a decimal such as "12.5"'],
    ])("refuses a past-due interest rate of %j", (rate, message) => {
      expectIssue({ pastDueInterest: { rate } }, "pastDueInterest.rate", rate, message);
    });

    it("requires the past-due rate and names bad days in year and bases", () => {
      const issues = issuesOf({ pastDueInterest: { daysInYear: 364, base: "interest" } });
      expect(issues.map((issue) => [issue.field, issue.message])).toEqual([
        [
          "pastDueInterest.rate",
          'is required: a percent greater than 0 and at most 1000, written as a decimal such as "12.5"',
        ],
        ["pastDueInterest.daysInYear", "must be one of 360, 365 or 366"],
        ["pastDueInterest.base", 'must be one of "principal" or "principal-interest"'],
      ]);
    });

    it("needs exactly one of a late fee's amount and percent", () => {
      const message = 'must give exactly one of "amount" (such as "10.00") or "percent" (such as "5")';
      expectIssue({ lateFee: {} }, "lateFee", {}, message);
      expectIssue(
        { lateFee: { amount: "5", percent: "1" } },
        "lateFee",
        { amount: "5", percent: "1" },
        message,
      );
      expectIssue(
        { lateFee: { percent: "101" } },
        "lateFee.percent",
        "101",
        /^must be greater than 0 and at most 100 /,
      );
      expectIssue({ lateFee: { amount: "0" } }, "lateFee.amount", "0", "must be greater than 0");
    });

    it("refuses amounts with more decimals than the currency, negative, or above 10^15 minor units", () => {
      expectIssue(
        { nsfFee: "25.005" },
        "nsfFee",
        "25.005",
        "must have at most 2 decimal places, the minor unit of the loan's currency",
      );
      expect(issuesOf({ nsfFee: "2.5" }, 0)).toEqual([
        {
          field: "nsfFee",
          value: "2.5",
          message: "must have no decimal places, the minor unit of the loan's currency",
        },
      ]);
      expectIssue({ writeOffTolerance: "-0.01" }, "writeOffTolerance", "-0.01", "must be 0 or more");
      expectIssue(
        { nsfFee: "10000000000000.01" },
        "nsfFee",
        "10000000000000.01",
        "must be at most 10000000000000.00 (10^15 minor units)",
      );
      expectIssue({ nsfFee: "ten" }, "nsfFee", "ten", 'must be an amount of 0 or more such as "10.00"');
    });
  });

  it("reports every problem of the document at once, in field order", () => {
    const issues = issuesOf({ closing: "x", lateGraceDays: -1, nsfFee: "-1", maxEvents: 0, extra: true });
    expect(issues.map((issue) => issue.field)).toEqual([
      "extra",
      "closing",
      "lateGraceDays",
      "nsfFee",
      "maxEvents",
    ]);
  });
});
