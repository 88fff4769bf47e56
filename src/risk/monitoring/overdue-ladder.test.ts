import { describe, expect, it } from "vitest";
import { type DayNumber, formatIsoDate, parseIsoDate } from "../../core/calendar-date.ts";
import { type Issue, TenorError } from "../../core/errors.ts";
import { CONTACT_LIMIT_PRESETS } from "./contact-limits.ts";
import { DEFAULT_BUCKETS, parseBuckets } from "./delinquency-buckets.ts";
import { DEFAULT_LADDER, type LadderPosition, type PlannedStep, stepsDue } from "./overdue-ladder.ts";
import { parseLadder } from "./parse-ladder.ts";

function day(iso: string): DayNumber {
  const parsed = parseIsoDate(iso);
  if (parsed === undefined) throw new Error(`bad date ${iso}`);
  return parsed;
}

/** The oldest unpaid installment was due on 2024-01-31; the loan is looked at `dpd` days later. */
const OLDEST = day("2024-01-31");
const overdue = (dpd: number): LadderPosition => ({
  asOfDay: OLDEST + dpd,
  active: true,
  daysPastDue: dpd,
  nextDue: undefined,
});
const brief = (steps: readonly PlannedStep[]) =>
  steps.map((step) => `${step.id} ${step.status} ${formatIsoDate(step.dueDay)}`);

describe("the default ladder by days past due", () => {
  const at = (dpd: number) => brief(stepsDue(overdue(dpd), DEFAULT_BUCKETS, DEFAULT_LADDER));

  it("at 1 day: the 1-30 nudge and late fee, due today", () => {
    expect(at(1)).toEqual(["B1_NUDGE due-today 2024-02-01", "B1_LATE_FEE due-today 2024-02-01"]);
  });

  it("at 31 days: the 31-60 agent contact and arrangement offer today, the 1-30 steps earlier", () => {
    // 2024-01-31 + 31 days = 2024-03-02 (February 2024 has 29 days).
    expect(at(31)).toEqual([
      "B1_NUDGE due-earlier 2024-02-01",
      "B1_LATE_FEE due-earlier 2024-02-01",
      "B2_AGENT_CONTACT due-today 2024-03-02",
      "B2_ARRANGEMENT_OFFER due-today 2024-03-02",
    ]);
  });

  it("at 61 days: the formal notice and restructuring offer today", () => {
    // + 61 days = 2024-04-01.
    expect(at(61).slice(4)).toEqual([
      "B3_FORMAL_NOTICE due-today 2024-04-01",
      "B3_RESTRUCTURE_OFFER due-today 2024-04-01",
    ]);
    expect(at(61)).toHaveLength(6);
  });

  it("at 91 days: default handling today; the charge-off review not yet", () => {
    // + 91 days = 2024-05-01.
    expect(at(91).slice(6)).toEqual(["B4_DEFAULT_HANDLING due-today 2024-05-01"]);
  });

  it("at 120 days the charge-off review is due; at 121 it was due the day before", () => {
    // + 120 days = 2024-05-30 (FFIEC: closed-end loans charged off at 120 days past due).
    expect(at(120).at(-1)).toBe("B4_CHARGE_OFF_REVIEW due-today 2024-05-30");
    const at121 = stepsDue(overdue(121), DEFAULT_BUCKETS, DEFAULT_LADDER);
    expect(brief(at121)).toEqual([
      "B1_NUDGE due-earlier 2024-02-01",
      "B1_LATE_FEE due-earlier 2024-02-01",
      "B2_AGENT_CONTACT due-earlier 2024-03-02",
      "B2_ARRANGEMENT_OFFER due-earlier 2024-03-02",
      "B3_FORMAL_NOTICE due-earlier 2024-04-01",
      "B3_RESTRUCTURE_OFFER due-earlier 2024-04-01",
      "B4_DEFAULT_HANDLING due-earlier 2024-05-01",
      "B4_CHARGE_OFF_REVIEW due-earlier 2024-05-30",
    ]);
    expect(at121.map((step) => step.action)).toEqual([
      "reminder",
      "late-fee",
      "collection",
      "restructuring-offer",
      "collection",
      "restructuring-offer",
      "collection",
      "write-off-review",
    ]);
    expect(at121.at(-1)?.reason).toBe(
      "121 days past due (oldest unpaid installment due 2024-01-31); the step belongs to bucket 90+ (91 days past due or more) and is due from 120 days past due",
    );
  });

  it("has nothing for a current loan with no due date near, nor for a closed loan", () => {
    expect(at(0)).toEqual([]);
    expect(stepsDue({ ...overdue(45), active: false }, DEFAULT_BUCKETS, DEFAULT_LADDER)).toEqual([]);
  });
});

describe("pre-due reminders", () => {
  const position = (asOf: string): LadderPosition => ({
    asOfDay: day(asOf),
    active: true,
    daysPastDue: 0,
    nextDue: { installment: 4, dueDay: day("2024-03-01") },
  });
  const at = (asOf: string) => brief(stepsDue(position(asOf), DEFAULT_BUCKETS, DEFAULT_LADDER));

  it("fall due 3 days before the due date and on it", () => {
    expect(at("2024-02-26")).toEqual([]);
    expect(at("2024-02-27")).toEqual(["PRE_DUE_REMINDER due-today 2024-02-27"]);
    expect(at("2024-02-28")).toEqual(["PRE_DUE_REMINDER due-earlier 2024-02-27"]);
    expect(at("2024-03-01")).toEqual([
      "PRE_DUE_REMINDER due-earlier 2024-02-27",
      "DUE_DAY_REMINDER due-today 2024-03-01",
    ]);
    expect(stepsDue(position("2024-02-27"), DEFAULT_BUCKETS, DEFAULT_LADDER)[0]?.reason).toBe(
      "installment 4 is due on 2024-03-01; this reminder is due 3 days before it",
    );
  });
});

describe("contact limits", () => {
  const ladder = parseLadder(
    {
      steps: [1, 2, 3, 4].map((n) => ({
        id: `R${n}`,
        action: "reminder",
        bucket: "1-30",
        daysIntoBucket: n - 1,
      })),
      contactLimits: { jurisdiction: "test", maxContactsPer7Days: 2, earliest: "09:00", latest: "17:00" },
    },
    DEFAULT_BUCKETS,
  );

  it("holds back the contacts past the limit in the 7 days ending on the as-of date", () => {
    // Reminders at 1, 2, 3 and 4 days past due; at 7 days all four fall in the window (days 1–7): two pass.
    const at7 = stepsDue(overdue(7), DEFAULT_BUCKETS, ladder);
    expect(at7.map((step) => step.withinContactLimit)).toEqual([true, true, false, false]);
    expect(at7[2]?.reason).toMatch(
      /; held back: it would be contact 3 in the 7 days to 2024-02-07, above the limit of 2 \(test\)$/,
    );
    // At 10 days the window is days 4–10: only the last reminder is in it.
    expect(stepsDue(overdue(10), DEFAULT_BUCKETS, ladder).every((step) => step.withinContactLimit)).toBe(
      true,
    );
  });

  it("ships the US and India presets", () => {
    expect(CONTACT_LIMIT_PRESETS.US).toMatchObject({
      maxContactsPer7Days: 7,
      earliest: "08:00",
      latest: "21:00",
    });
    expect(CONTACT_LIMIT_PRESETS.IN).toMatchObject({
      maxContactsPer7Days: undefined,
      earliest: "08:00",
      latest: "19:00",
    });
    expect(parseLadder({ contactLimits: "IN" }, DEFAULT_BUCKETS).contactLimits).toBe(
      CONTACT_LIMIT_PRESETS.IN,
    );
  });
});

function issuesOf(value: unknown, buckets = DEFAULT_BUCKETS): readonly Issue[] {
  try {
    parseLadder(value, buckets);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe("INVALID_MONITORING");
    return error.issues;
  }
  throw new Error("expected the ladder to be refused");
}

describe("parseLadder", () => {
  it("gives the default ladder when none is given", () => {
    expect(parseLadder(undefined, DEFAULT_BUCKETS)).toEqual(DEFAULT_LADDER);
  });

  it("reads custom steps with their default notes", () => {
    const ladder = parseLadder(
      {
        steps: [
          { id: "D7", action: "pre-due-reminder", daysBeforeDue: 7 },
          { id: "CALL", action: "collection", bucket: "31-60", daysIntoBucket: 5, note: "phone call" },
        ],
        contactLimits: "US",
      },
      DEFAULT_BUCKETS,
    );
    expect(ladder.steps).toEqual([
      { id: "D7", action: "pre-due-reminder", daysBeforeDue: 7, note: "reminder 7 days before the due date" },
      { id: "CALL", action: "collection", bucket: "31-60", daysIntoBucket: 5, note: "phone call" },
    ]);
    expect(ladder.contactLimits.jurisdiction).toBe("US");
  });

  it("refuses every bad step at once", () => {
    const issues = issuesOf({
      steps: [
        { id: "A", action: "sms", bucket: "1-30", daysIntoBucket: 0 },
        { id: "B", action: "pre-due-reminder", daysBeforeDue: 3, bucket: "1-30" },
        { id: "C", action: "reminder", bucket: "1-31", daysIntoBucket: 0 },
        { id: "D", action: "reminder", bucket: "1-30", daysIntoBucket: 30 },
        { id: "E", action: "reminder", bucket: "current", daysIntoBucket: 0 },
        { id: "A", action: "late-fee", bucket: "1-30", daysIntoBucket: 0, daysBeforeDue: 2 },
      ],
    });
    expect(issues.map((issue) => [issue.field, issue.value])).toEqual([
      ["ladder.steps[0].action", "sms"],
      ["ladder.steps[1].bucket", "1-30"],
      ["ladder.steps[2].bucket", "1-31"],
      ["ladder.steps[3].daysIntoBucket", 30],
      ["ladder.steps[4].daysIntoBucket", 0],
      ["ladder.steps[5].id", "A"],
      ["ladder.steps[5].daysBeforeDue", 2],
    ]);
    expect(issues[3]?.message).toBe('must be at most 29: bucket "1-30" ends at 30 days past due');
    expect(issues[4]?.message).toMatch(
      /^must be at least 1 in bucket "current", which starts at 0 days past due/,
    );
    expect(issues[5]?.message).toBe("repeats the id of steps[0]");
  });

  it("refuses bad contact limits", () => {
    expect(issuesOf({ contactLimits: "FR" })[0]?.message).toMatch(/^must be one of "US", "IN" or "generic"/);
    const issues = issuesOf({
      contactLimits: { jurisdiction: "X", maxContactsPer7Days: 0, earliest: "21:00", latest: "8:00" },
    });
    expect(issues.map((issue) => issue.field)).toEqual([
      "ladder.contactLimits.maxContactsPer7Days",
      "ladder.contactLimits.latest",
    ]);
    const reversed = { jurisdiction: "X", maxContactsPer7Days: null, earliest: "20:00", latest: "08:00" };
    expect(issuesOf({ contactLimits: reversed })).toEqual([
      {
        field: "ladder.contactLimits.latest",
        value: "08:00",
        message: "must be later than earliest (20:00)",
      },
    ]);
  });

  it("refuses the default ladder for buckets without its labels", () => {
    const buckets = parseBuckets([
      { label: "ok", from: 0, to: 0 },
      { label: "late", from: 1 },
    ]);
    expect(issuesOf(undefined, buckets)[0]?.message).toMatch(
      /^is required: the default ladder names the buckets "1-30", "31-60", "61-90", "90\+"/,
    );
    // With a ladder of its own, the same buckets are fine.
    expect(
      parseLadder({ steps: [{ id: "L", action: "reminder", bucket: "late", daysIntoBucket: 0 }] }, buckets)
        .steps,
    ).toHaveLength(1);
  });
});
