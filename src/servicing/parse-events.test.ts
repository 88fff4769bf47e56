import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar-date.ts";
import { type Issue, TenorError } from "../core/errors.ts";
import { ratio } from "../core/ratio.ts";
import { type EventContext, parseEvents } from "./parse-events.ts";

function day(text: string): number {
  const parsed = parseIsoDate(text);
  if (parsed === undefined) throw new Error(`bad test date ${text}`);
  return parsed;
}

/** A EUR loan disbursed on 2024-01-01 under a product allowing 10 events. */
const CONTEXT: EventContext = { currencyDigits: 2, disbursementDay: day("2024-01-01"), maxEvents: 10 };

const PAYMENT = { type: "repayment", date: "2024-02-01", amount: "100.00" };

function issuesOf(document: unknown, context: EventContext = CONTEXT): readonly Issue[] {
  try {
    parseEvents(document, context);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe("INVALID_EVENT");
    return error.issues;
  }
  throw new Error("expected the events to be rejected");
}

/** Asserts that `events` is rejected with exactly one issue. */
function expectIssue(events: unknown, field: string, value: unknown, message: string | RegExp): void {
  const issues = issuesOf(events);
  expect(issues.map((issue) => issue.field)).toEqual([field]);
  expect(issues[0]?.value).toEqual(value);
  if (typeof message === "string") expect(issues[0]?.message).toBe(message);
  else expect(issues[0]?.message).toMatch(message);
}

describe("parseEvents: every event type", () => {
  it("reads one event of each type, with default ids by position", () => {
    const events = parseEvents(
      [
        { type: "repayment", date: "2024-02-01", amount: "893.49" },
        { type: "repayment", date: "2024-03-01", amount: 1000, overpayment: "reduce-installment" },
        { type: "disbursement", date: "2024-01-15", amount: "2000.00" },
        { type: "returned-payment", date: "2024-02-03", of: "e1" },
        { type: "returned-payment", date: "2024-03-04", of: "e2", fee: "0" },
        { type: "fee", date: "2024-02-10", amount: "12.50" },
        { type: "fee", date: "2024-02-10", amount: "7", name: "collection call" },
        { type: "fee-waiver", date: "2024-02-11", component: "penalty" },
        { type: "fee-waiver", date: "2024-02-11", component: "interest", amount: "3.10" },
        { type: "rate-change", date: "2024-04-01", rate: "7.25" },
      ],
      CONTEXT,
    );
    expect(events).toEqual([
      { id: "e1", day: day("2024-02-01"), type: "repayment", amountMinor: 89349, overpayment: undefined },
      {
        id: "e2",
        day: day("2024-03-01"),
        type: "repayment",
        amountMinor: 100000,
        overpayment: "reduce-installment",
      },
      { id: "e3", day: day("2024-01-15"), type: "disbursement", amountMinor: 200000 },
      { id: "e4", day: day("2024-02-03"), type: "returned-payment", of: "e1", feeMinor: undefined },
      { id: "e5", day: day("2024-03-04"), type: "returned-payment", of: "e2", feeMinor: 0 },
      { id: "e6", day: day("2024-02-10"), type: "fee", amountMinor: 1250, name: "manual fee" },
      { id: "e7", day: day("2024-02-10"), type: "fee", amountMinor: 700, name: "collection call" },
      { id: "e8", day: day("2024-02-11"), type: "fee-waiver", component: "penalty", amountMinor: undefined },
      { id: "e9", day: day("2024-02-11"), type: "fee-waiver", component: "interest", amountMinor: 310 },
      { id: "e10", day: day("2024-04-01"), type: "rate-change", rate: ratio(29n, 400n) },
    ]);
  });

  it("reads reschedules, payoffs, write-offs, reversals and refunds, with given ids", () => {
    const events = parseEvents(
      [
        { id: "pay:1", type: "repayment", date: "2024-02-01", amount: "100.00" },
        { type: "reschedule", date: "2024-05-01" },
        {
          type: "reschedule",
          date: "2024-06-01",
          installments: 24,
          firstDueDate: "2024-07-15",
          holidayInstallments: 3,
          rate: "0",
        },
        { type: "reschedule", date: "2024-06-02", interestOnlyInstallments: 2 },
        { type: "payoff", date: "2024-07-01" },
        { type: "payoff", date: "2024-07-01", amount: "5012.34" },
        { id: "W", type: "write-off", date: "2024-08-01" },
        { type: "reversal", date: "2024-08-02", of: "W" },
        { type: "refund", date: "2024-08-03", amount: "0.01" },
      ],
      { ...CONTEXT, maxEvents: 9 },
    );
    expect(events).toEqual([
      { id: "pay:1", day: day("2024-02-01"), type: "repayment", amountMinor: 10000, overpayment: undefined },
      {
        id: "e2",
        day: day("2024-05-01"),
        type: "reschedule",
        installments: undefined,
        firstDueDay: undefined,
        holidayInstallments: 0,
        interestOnlyInstallments: 0,
        rate: undefined,
      },
      {
        id: "e3",
        day: day("2024-06-01"),
        type: "reschedule",
        installments: 24,
        firstDueDay: day("2024-07-15"),
        holidayInstallments: 3,
        interestOnlyInstallments: 0,
        rate: ratio(0n, 1n),
      },
      {
        id: "e4",
        day: day("2024-06-02"),
        type: "reschedule",
        installments: undefined,
        firstDueDay: undefined,
        holidayInstallments: 0,
        interestOnlyInstallments: 2,
        rate: undefined,
      },
      { id: "e5", day: day("2024-07-01"), type: "payoff", amountMinor: undefined },
      { id: "e6", day: day("2024-07-01"), type: "payoff", amountMinor: 501234 },
      { id: "W", day: day("2024-08-01"), type: "write-off" },
      { id: "e8", day: day("2024-08-02"), type: "reversal", of: "W" },
      { id: "e9", day: day("2024-08-03"), type: "refund", amountMinor: 1 },
    ]);
  });

  it("accepts an empty list, an event on the disbursement date, and a reference to a later event", () => {
    expect(parseEvents([], CONTEXT)).toEqual([]);
    const events = parseEvents(
      [
        { type: "reversal", date: "2024-01-01", of: "late-fee" },
        { id: "late-fee", type: "fee", date: "2024-01-01", amount: "5" },
      ],
      CONTEXT,
    );
    expect(events.map((event) => [event.id, event.type])).toEqual([
      ["e1", "reversal"],
      ["late-fee", "fee"],
    ]);
  });

  it("reads amounts in the currency's digits: JPY 0, KWD 3", () => {
    const [yen] = parseEvents([{ ...PAYMENT, amount: "15000" }], { ...CONTEXT, currencyDigits: 0 });
    expect(yen).toMatchObject({ amountMinor: 15000 });
    const [dinar] = parseEvents([{ ...PAYMENT, amount: "1.005" }], { ...CONTEXT, currencyDigits: 3 });
    expect(dinar).toMatchObject({ amountMinor: 1005 });
  });
});

describe("parseEvents: refusals", () => {
  it("refuses a list that is not an array, and an event that is not an object", () => {
    expectIssue(
      { events: [] },
      "events",
      { events: [] },
      /^must be an array such as \[\{"type": "repayment"/,
    );
    expectIssue([PAYMENT, "e1"], "events[1]", "e1", /^must be an object such as /);
  });

  it("refuses more events than the product allows, without reading them", () => {
    const eleven = Array.from({ length: 11 }, () => ({ type: "nonsense" }));
    expectIssue(
      eleven,
      "events",
      11,
      "holds 11 events: a loan may hold at most 10 (the product's maxEvents)",
    );
  });

  it.each([
    ["0", "must be greater than 0"],
    ["-5.00", "must be greater than 0"],
    ["10.001", "must have at most 2 decimal places, the minor unit of the loan's currency"],
    ["10,00", 'must be an amount greater than 0 such as "10.00"'],
    ["10000000000000.01", "must be at most 10000000000000.00 (10^15 minor units)"],
    [1e21, /^is a JSON number written 1e\+21, which has no exact decimal reading/],
  ])("refuses the amount %j, naming events[3].amount", (amount, message) => {
    expectIssue([PAYMENT, PAYMENT, PAYMENT, { ...PAYMENT, amount }], "events[3].amount", amount, message);
  });

  it("requires type and date, and the fields of the type", () => {
    const issues = issuesOf([
      { amount: "5" },
      { type: "fee", date: "2024-02-30" },
      { type: "refund", date: "2024-02-01" },
    ]);
    expect(issues.map((issue) => [issue.field, issue.message])).toEqual([
      [
        "events[0].type",
        'is required: one of "repayment", "disbursement", "returned-payment", "fee", "fee-waiver", "rate-change", "reschedule", "payoff", "write-off", "reversal" or "refund"',
      ],
      ["events[0].date", "is required: a date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31"],
      [
        "events[1].date",
        "must be a date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31, that exists in the calendar",
      ],
      ["events[1].amount", 'is required: an amount greater than 0 such as "10.00"'],
      ["events[2].amount", 'is required: an amount greater than 0 such as "10.00"'],
    ]);
  });

  it("refuses unknown types and fields with a suggestion; fields of another type are unknown too", () => {
    expect(
      issuesOf([
        { ...PAYMENT, type: "repayement" },
        { ...PAYMENT, amont: "5" },
        { ...PAYMENT, of: "e1" },
      ]),
    ).toEqual([
      {
        field: "events[0].type",
        value: "repayement",
        message:
          'must be one of "repayment", "disbursement", "returned-payment", "fee", "fee-waiver", "rate-change", "reschedule", "payoff", "write-off", "reversal" or "refund" (did you mean "repayment"?)',
      },
      {
        field: "events[1].amont",
        value: "5",
        message:
          'is not a known field (did you mean "amount"?); allowed: id, type, date, amount, overpayment',
      },
      {
        field: "events[2].of",
        value: "e1",
        message:
          'belongs to "returned-payment" and "reversal" events, not to a "repayment"; allowed: id, type, date, amount, overpayment',
      },
    ]);
    expectIssue(
      [{ type: "write-off", date: "2024-03-01", amount: "1" }],
      "events[0].amount",
      "1",
      'belongs to "repayment", "disbursement", "fee", "fee-waiver", "payoff" and "refund" events, not to a "write-off"; allowed: id, type, date',
    );
  });

  it("refuses a date before the disbursement", () => {
    expectIssue(
      [{ ...PAYMENT, date: "2023-12-31" }],
      "events[0].date",
      "2023-12-31",
      "must be on or after the disbursement date, 2024-01-01",
    );
  });

  describe("ids", () => {
    it("refuses malformed ids", () => {
      for (const id of ["", "a b", "x".repeat(65), 7, "é"]) {
        expectIssue(
          [{ ...PAYMENT, id }],
          "events[0].id",
          id,
          'must be 1 to 64 letters, digits or "_", ".", ":", "-" such as "pay-2024-02" (or left out: e1, e2, … by position)',
        );
      }
    });

    it("refuses a repeated id on the later event, and a given id equal to another event's default id", () => {
      expectIssue(
        [
          { ...PAYMENT, id: "a" },
          { ...PAYMENT, id: "a" },
        ],
        "events[1].id",
        "a",
        'must be unique: "a" is also the id of events[0]',
      );
      expectIssue(
        [{ ...PAYMENT, id: "e2" }, PAYMENT],
        "events[0].id",
        "e2",
        'must be unique: "e2" is also the default id of events[1]',
      );
    });
  });

  describe("references", () => {
    it("refuses a reference to an event that does not exist, with a suggestion", () => {
      expectIssue(
        [
          { ...PAYMENT, id: "pay-1" },
          { type: "reversal", date: "2024-02-02", of: "pay1" },
        ],
        "events[1].of",
        "pay1",
        'must be the id of another event of the list, such as "e1": no event has this id (did you mean "pay-1"?)',
      );
      expectIssue(
        [{ type: "reversal", date: "2024-02-02" }],
        "events[0].of",
        undefined,
        'is required: the id of another event of the list, such as "e1"',
      );
      expectIssue(
        [{ type: "reversal", date: "2024-02-02", of: 1 }],
        "events[0].of",
        1,
        'must be the id of another event of the list, such as "e1"',
      );
    });

    it("refuses an event that names itself", () => {
      expectIssue(
        [{ type: "reversal", date: "2024-02-02", of: "e1" }],
        "events[0].of",
        "e1",
        'must name another event, not this one: the id of another event of the list, such as "e1"',
      );
    });

    it("refuses a returned payment of anything but a repayment, and a reversal of a reversal", () => {
      expectIssue(
        [
          { type: "fee", date: "2024-02-01", amount: "5" },
          { type: "returned-payment", date: "2024-02-02", of: "e1" },
        ],
        "events[1].of",
        "e1",
        'must name a repayment or a payoff: events[0] ("e1") is a fee, and only a payment can be returned',
      );
      expectIssue(
        [
          PAYMENT,
          { type: "reversal", date: "2024-02-02", of: "e1" },
          { type: "reversal", date: "2024-02-03", of: "e2" },
        ],
        "events[2].of",
        "e2",
        'must not name a reversal: events[1] ("e2") is one, and a reversal cannot be reversed',
      );
    });

    it("refuses a reversal or a returned payment dated before the event it names", () => {
      expectIssue(
        [PAYMENT, { type: "reversal", date: "2024-01-31", of: "e1" }],
        "events[1].date",
        "2024-01-31",
        'must be on or after 2024-02-01, the date of events[0] ("e1"), which it reverses',
      );
      expectIssue(
        [PAYMENT, { type: "returned-payment", date: "2024-01-20", of: "e1" }],
        "events[1].date",
        "2024-01-20",
        'must be on or after 2024-02-01, the date of events[0] ("e1"), which it returns',
      );
    });
  });

  describe("per type", () => {
    it("refuses a bad overpayment mode, fee name, waived component and rate", () => {
      expect(
        issuesOf([
          { ...PAYMENT, overpayment: "reduce" },
          { type: "fee", date: "2024-02-01", amount: "5", name: "" },
          { type: "fee-waiver", date: "2024-02-01", component: "principal" },
          { type: "rate-change", date: "2024-02-01", rate: "-1" },
          { type: "rate-change", date: "2024-02-01", rate: "1000.5" },
          { type: "returned-payment", date: "2024-02-01", of: "e1", fee: "-1" },
        ]).map((issue) => [issue.field, issue.message]),
      ).toEqual([
        [
          "events[0].overpayment",
          'must be one of "close-forward", "close-backward", "reduce-term" or "reduce-installment"',
        ],
        ["events[1].name", 'must be a name of 1 to 64 characters such as "collection fee"'],
        ["events[2].component", 'must be one of "interest", "fee" or "penalty"'],
        ["events[3].rate", "must be from 0 to 1000 (a percent)"],
        ["events[4].rate", "must be from 0 to 1000 (a percent)"],
        ["events[5].fee", "must be 0 or more"],
      ]);
    });

    it("refuses a reschedule with both graces, a grace as long as the schedule, or a first due date not after it", () => {
      expect(
        issuesOf([
          { type: "reschedule", date: "2024-03-01", holidayInstallments: 1, interestOnlyInstallments: 0 },
          { type: "reschedule", date: "2024-03-01", installments: 3, holidayInstallments: 3 },
          { type: "reschedule", date: "2024-03-01", firstDueDate: "2024-03-01" },
          { type: "reschedule", date: "2024-03-01", installments: 1201 },
        ]).map((issue) => [issue.field, issue.value, issue.message]),
      ).toEqual([
        [
          "events[0].interestOnlyInstallments",
          0,
          "cannot be combined with holidayInstallments: give one or the other",
        ],
        [
          "events[1].holidayInstallments",
          3,
          "must be less than installments (3): at least one installment repays the principal",
        ],
        [
          "events[2].firstDueDate",
          "2024-03-01",
          "must be after the reschedule's date, 2024-03-01: the new installments start on that date",
        ],
        ["events[3].installments", 1201, "must be a whole number between 1 and 1200"],
      ]);
    });
  });

  it("reports every problem of every event at once, in list order", () => {
    const issues = issuesOf([
      { ...PAYMENT, amount: "0" },
      PAYMENT,
      { type: "refund", date: "2023-01-01", amount: "1.234" },
      { type: "reversal", date: "2024-03-01", of: "e9" },
    ]);
    expect(issues.map((issue) => issue.field)).toEqual([
      "events[0].amount",
      "events[2].date",
      "events[2].amount",
      "events[3].of",
    ]);
  });
});
