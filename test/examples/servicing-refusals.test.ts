// The refusals of docs/reference/servicing-rules.md §7: an event the engine cannot take is refused with a
// TenorError INVALID_EVENT whose issue names the event's field (`events[2].of`) and the value received, and
// nothing changes — the previous event list still replays to the same state. Events are built directly as
// `LoanEvent`s (no parser), so the engine's own checks are what is tested.
//
// Loan: 1,000.00 USD at 12 %/year, 3 monthly installments from 2024-01-01 (340.02, 340.02, 340.03 due 02-01,
// 03-01, 04-01; principal 330.02, 333.32, 336.66; interest 10.00, 6.70, 3.37 — schedule-rules.md §5.1).
import { describe, expect, it } from "vitest";
import { TenorError } from "../../src/core/errors.ts";
import { ratio } from "../../src/core/ratio.ts";
import { parseTerms } from "../../src/schedule/parse-terms.ts";
import { DEFAULT_SERVICING_RULES } from "../../src/servicing/default-rules.ts";
import { openLoan, replayLoan, type ServicedLoan } from "../../src/servicing/service-loan.ts";
import type { LoanEvent, ServicingRules } from "../../src/servicing/types.ts";
import { day, repayment } from "../support/servicing-events.ts";

function loanOf(rules: Partial<ServicingRules> = {}): ServicedLoan {
  return openLoan(
    parseTerms({
      principal: "1000.00",
      currency: "USD",
      disbursementDate: "2024-01-01",
      installments: 3,
      interest: { rate: "12", per: "year" },
    }),
    { ...DEFAULT_SERVICING_RULES, ...rules },
  );
}

function fee(id: string, iso: string, amountMinor: number): LoanEvent {
  return { id, type: "fee", day: day(iso), amountMinor, name: "manual fee" };
}

function reversal(id: string, iso: string, of: string): LoanEvent {
  return { id, type: "reversal", day: day(iso), of };
}

const FEB = repayment("feb", "2024-02-01", 34002);
const AS_OF = day("2024-03-31");

/**
 * Records `bad` after `previous` and returns the refusal's issues as [field, value]; checks the code and
 * that `previous` replays to the same state as before the attempt.
 */
function refusal(previous: readonly LoanEvent[], bad: LoanEvent, loan: ServicedLoan = loanOf()): unknown[] {
  const before = replayLoan(loan, previous, AS_OF);
  let error: unknown;
  try {
    replayLoan(loan, [...previous, bad], AS_OF);
  } catch (caught) {
    error = caught;
  }
  expect(error, "the event should be refused").toBeInstanceOf(TenorError);
  const refused = error as TenorError;
  expect(refused.code).toBe("INVALID_EVENT");
  expect(replayLoan(loan, previous, AS_OF)).toEqual(before);
  return refused.issues.map((issue) => [issue.field, issue.value]);
}

describe("refused events (§7): INVALID_EVENT naming the field and the value, nothing changed", () => {
  it("a repayment dated before the disbursement date", () => {
    expect(refusal([FEB], repayment("early", "2023-12-31", 10000))).toEqual([
      ["events[1].date", "2023-12-31"],
    ]);
  });

  it("an amount of zero, a negative amount, an amount with more decimals than the currency", () => {
    expect(refusal([FEB], repayment("zero", "2024-03-01", 0))).toEqual([["events[1].amount", 0]]);
    expect(refusal([FEB], repayment("negative", "2024-03-01", -100))).toEqual([["events[1].amount", -100]]);
    // 340.025 USD is 34002.5 cents: not a whole number of minor units.
    expect(refusal([FEB], repayment("fraction", "2024-03-01", 34002.5))).toEqual([
      ["events[1].amount", 34002.5],
    ]);
    expect(refusal([FEB], fee("free", "2024-03-01", 0))).toEqual([["events[1].amount", 0]]);
  });

  it("a reversal of an event that does not exist", () => {
    expect(refusal([FEB], reversal("undo", "2024-03-01", "nope"))).toEqual([["events[1].of", "nope"]]);
  });

  it("a reversal of a reversal", () => {
    const previous = [fee("call", "2024-02-15", 2500), reversal("undo", "2024-02-20", "call")];
    expect(refusal(previous, reversal("redo", "2024-02-25", "undo"))).toEqual([["events[2].of", "undo"]]);
  });

  it("a returned payment of a fee (only a repayment can be returned)", () => {
    const bad: LoanEvent = {
      id: "nsf",
      type: "returned-payment",
      day: day("2024-02-20"),
      of: "call",
      feeMinor: undefined,
    };
    expect(refusal([fee("call", "2024-02-15", 2500)], bad)).toEqual([["events[1].of", "call"]]);
  });

  it("a second reversal or return of the same event", () => {
    const nsf: LoanEvent = {
      id: "nsf",
      type: "returned-payment",
      day: day("2024-02-06"),
      of: "feb",
      feeMinor: undefined,
    };
    expect(refusal([FEB, nsf], reversal("undo", "2024-02-10", "feb"))).toEqual([["events[2].of", "feb"]]);
  });

  it("a reversal dated before the event it reverses", () => {
    expect(refusal([fee("call", "2024-02-15", 2500)], reversal("undo", "2024-02-10", "call"))).toEqual([
      ["events[1].date", "2024-02-10"],
    ]);
  });

  it("an id that repeats an earlier event's", () => {
    expect(refusal([FEB], repayment("feb", "2024-03-01", 34002))).toEqual([["events[1].id", "feb"]]);
  });

  it("more events than the product's maxEvents (3 with maxEvents 2): the list is refused at events", () => {
    const loan = loanOf({ maxEvents: 2 });
    const previous = [FEB, repayment("mar", "2024-03-01", 34002)];
    expect(refusal(previous, repayment("apr", "2024-04-01", 34003), loan)).toEqual([["events", 3]]);
  });

  it("a fee on a closed loan (a repayment on it is still accepted, as credit)", () => {
    // The payoff closes the loan on 02-15; a fee on 02-20 is refused at the event itself.
    const previous: LoanEvent[] = [
      { id: "off", type: "payoff", day: day("2024-02-15"), amountMinor: undefined },
    ];
    expect(refusal(previous, fee("late-call", "2024-02-20", 2500))).toEqual([["events[1]", "fee"]]);
    const paidAgain = replayLoan(loanOf(), [...previous, repayment("again", "2024-02-20", 1000)], AS_OF);
    expect([paidAgain.status, paidAgain.creditBalanceMinor]).toEqual(["closed", 1000]);
  });

  it("a rate change on a written-off loan", () => {
    const previous: LoanEvent[] = [{ id: "wo", type: "write-off", day: day("2024-02-15") }];
    const bad: LoanEvent = { id: "rate", type: "rate-change", day: day("2024-03-01"), rate: ratio(6n, 100n) };
    expect(refusal(previous, bad)).toEqual([["events[1]", "rate-change"]]);
  });

  it("a reschedule whose payment holiday is as long as its new schedule (2 holiday of 2)", () => {
    const bad: LoanEvent = {
      id: "rs",
      type: "reschedule",
      day: day("2024-02-15"),
      installments: 2,
      firstDueDay: undefined,
      holidayInstallments: 2,
      interestOnlyInstallments: 0,
      rate: undefined,
    };
    expect(refusal([FEB], bad)).toEqual([["events[1].installments", 2]]);
  });

  it("a payoff whose amount differs from the quote", () => {
    // Quote on 02-01 after nothing paid (scheduled, reduce-term): 340.02 + 333.32 + 336.66 = 1,010.00.
    const bad: LoanEvent = { id: "off", type: "payoff", day: day("2024-02-01"), amountMinor: 100999 };
    expect(refusal([], bad)).toEqual([["events[0].amount", 100999]]);
  });

  it("a refund with no credit balance", () => {
    const bad: LoanEvent = { id: "back", type: "refund", day: day("2024-02-10"), amountMinor: 1 };
    expect(refusal([FEB], bad)).toEqual([["events[1].amount", 1]]);
  });

  it("a backdated reversal that leaves a later refund above the credit balance: the refund is named", () => {
    // 1,100.00 on 02-01 (reduce-term) repays 1,010.00 and leaves 90.00 of credit, refunded on 02-10. Reversing
    // the repayment on 02-05 (recorded last, dated before the refund) leaves no credit: the replay refuses the
    // refund, events[1], for its 90.00.
    const previous: LoanEvent[] = [
      repayment("over", "2024-02-01", 110000),
      { id: "back", type: "refund", day: day("2024-02-10"), amountMinor: 9000 },
    ];
    expect(refusal(previous, reversal("undo", "2024-02-05", "over"))).toEqual([["events[1].amount", 9000]]);
  });
});
