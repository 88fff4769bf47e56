import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Issue, TenorError } from "../../core/errors.ts";
import { DEFAULT_BUCKETS, parseBuckets } from "./delinquency-buckets.ts";
import { type MonitorDocument, monitorFromDocument } from "./monitor-document.ts";
import { parseLadder } from "./parse-ladder.ts";

/**
 * 6000.00 EUR at 0 % in 6 monthly installments of 1000.00 (no interest, no late charges by default), so every
 * figure below is counted by hand: the balance is 1000.00 per unpaid installment.
 */
const terms = (disbursementDate: string) => ({
  principal: "6000.00",
  currency: "EUR",
  disbursementDate,
  installments: 6,
  interest: { rate: "0" },
});
const pay = (date: string, amount = "1000.00") => ({ type: "repayment", date, amount });

/**
 * Five loans, looked at on the 15th of February … May 2024 (29, 31 and 30 days apart: monthly snapshots).
 *   A (due 1 Feb … 1 Jul) pays on each due date:    current, current, current, current
 *   B never pays (oldest due 1 Feb):                14 → 1-30, 43 → 31-60, 74 → 61-90, 104 → 90+
 *   C misses Feb, pays 2000.00 on 10 Mar, then on time: 1-30, current, current, current
 *   D misses Feb, pays everything on 10 Mar:        1-30, closed, closed, closed
 *   E (disbursed 1 Mar, due 1 Apr …) never pays:    not yet open, current, 14 → 1-30, 44 → 31-60
 */
const PORTFOLIO = {
  asOf: "2024-05-15",
  dates: ["2024-02-15", "2024-03-15", "2024-04-15", "2024-05-15"],
  loans: [
    {
      id: "A",
      terms: terms("2024-01-01"),
      events: [pay("2024-02-01"), pay("2024-03-01"), pay("2024-04-01"), pay("2024-05-01")],
      borrower: { monthlyIncome: "2500.00", monthlyEssentialSpending: "800.00", liquidSavings: "500.00" },
    },
    {
      id: "B",
      terms: terms("2024-01-01"),
      borrower: {
        profile: {
          currency: "EUR",
          incomes: [{ name: "salary", amount: "1500.00", payDate: "2024-01-25" }],
          expenses: [{ name: "rent", amount: "600.00", essential: true }],
          debts: [{ name: "car", installment: "300.00" }],
          liquidSavings: "2000.00",
        },
        policy: "default",
      },
    },
    {
      id: "C",
      terms: terms("2024-01-01"),
      events: [pay("2024-03-10", "2000.00"), pay("2024-04-01"), pay("2024-05-01")],
      previousIncome: "3000.00",
      currentIncome: "2400.00",
    },
    { id: "D", terms: terms("2024-01-01"), events: [pay("2024-03-10", "6000.00")] },
    { id: "E", terms: terms("2024-03-01"), events: [] },
  ],
};

const byId = (result: MonitorDocument, id: string) => {
  const loan = result.loans.find((candidate) => candidate.id === id);
  if (loan === undefined) throw new Error(`no loan ${id}`);
  return loan;
};

describe("monitorFromDocument: a small portfolio counted by hand", () => {
  const result = monitorFromDocument({ ...PORTFOLIO, pd: { minObservations: 1, horizonMonths: 4 } });

  it("gives each loan its days past due, bucket, balance and amount past due", () => {
    const rows = result.loans.map((loan) => [
      loan.id,
      loan.status,
      loan.daysPastDue,
      loan.bucket,
      loan.state,
      loan.oldestUnpaidDueDate,
      loan.balance,
      loan.amountPastDue,
    ]);
    expect(rows).toEqual([
      ["A", "active", 0, "current", "current", null, "2000.00", "0.00"],
      // 1 Feb → 15 May 2024: 29 + 31 + 30 + 14 = 104 days; installments due 1 Feb, 1 Mar, 1 Apr and 1 May unpaid.
      ["B", "active", 104, "90+", "90+", "2024-02-01", "6000.00", "4000.00"],
      ["C", "active", 0, "current", "current", null, "2000.00", "0.00"],
      ["D", "closed", 0, "current", "closed", null, "0.00", "0.00"],
      // 1 Apr → 15 May: 30 + 14 = 44 days; installments due 1 Apr and 1 May unpaid.
      ["E", "active", 44, "31-60", "31-60", "2024-04-01", "6000.00", "2000.00"],
    ]);
  });

  it("fires each loan's signals and sets its tier", () => {
    const signals = (id: string) =>
      byId(result, id).signals.map((signal) => `${signal.code}:${signal.severity}`);
    // A: its May installment (1000.00) is 40 % of 2500.00 (> 35 % comfort, ≤ 50 % cap); savings 500.00 cover less
    // than 800.00 + 1000.00.
    expect(signals("A")).toEqual(["BURDEN_OVER_COMFORT:amber", "SAVINGS_GONE:amber"]);
    expect(byId(result, "A").tier).toBe("amber");
    expect(byId(result, "A").monthDebtService).toBe("1000.00");
    // B: 104 days past due; from the profile, May's debt service is the car's 300.00 + this loan's 1000.00 =
    // 1300.00 of 1500.00 income = 86.67 % (> the default policy's 50 %); savings 2000.00 ≥ 600.00 + 1300.00.
    expect(signals("B")).toEqual(["MISSED_PAYMENT:red", "BURDEN_OVER_MAX:red"]);
    expect(byId(result, "B").signals[1]?.figures).toMatchObject({
      monthlyIncome: "1500.00",
      monthlyDebtService: "1300.00",
      burdenPercent: "86.67",
      maxPercent: "50.00",
    });
    expect(byId(result, "B").tier).toBe("red");
    // C: income 3000.00 → 2400.00 is a 20 % drop (> 15 %).
    expect(signals("C")).toEqual(["INCOME_DROP:amber"]);
    expect(byId(result, "C").notEvaluated).toEqual([
      { rule: "BURDEN", reason: "no borrower given" },
      { rule: "SAVINGS_GONE", reason: "no borrower given" },
    ]);
    expect(signals("D")).toEqual([]);
    expect(byId(result, "D").tier).toBe("green");
    expect(signals("E")).toEqual(["MISSED_PAYMENT:red"]);
  });

  it("lists the overdue-handling steps due", () => {
    const steps = (id: string) =>
      byId(result, id).steps.map((step) => `${step.id} ${step.status} ${step.dueDate}`);
    expect(steps("A")).toEqual([]); // the next due date, 1 Jun, is more than 3 days away
    // B: 1 Feb + 1, + 31, + 61 and + 91 days.
    expect(steps("B")).toEqual([
      "B1_NUDGE due-earlier 2024-02-02",
      "B1_LATE_FEE due-earlier 2024-02-02",
      "B2_AGENT_CONTACT due-earlier 2024-03-03",
      "B2_ARRANGEMENT_OFFER due-earlier 2024-03-03",
      "B3_FORMAL_NOTICE due-earlier 2024-04-02",
      "B3_RESTRUCTURE_OFFER due-earlier 2024-04-02",
      "B4_DEFAULT_HANDLING due-earlier 2024-05-02",
    ]);
    expect(steps("D")).toEqual([]);
    expect(steps("E")).toHaveLength(4);
  });

  it("counts loans and balances per state on the as-of date", () => {
    expect(result.portfolio.states).toEqual([
      { state: "current", loans: 2, balance: "4000.00" },
      { state: "1-30", loans: 0, balance: "0.00" },
      { state: "31-60", loans: 1, balance: "6000.00" },
      { state: "61-90", loans: 0, balance: "0.00" },
      { state: "90+", loans: 1, balance: "6000.00" },
      { state: "closed", loans: 1, balance: "0.00" },
      { state: "written-off", loans: 0, balance: "0.00" },
    ]);
  });

  it("tallies the transitions between the snapshot dates", () => {
    const rolls = result.portfolio.rollRates;
    expect(rolls?.periods.map((period) => period.counts)).toEqual([
      // 15 Feb → 15 Mar: A stays current; B 1-30 → 31-60, C 1-30 → current, D 1-30 → closed (E not open).
      [
        [1, 0, 0, 0, 0, 0, 0],
        [1, 0, 1, 0, 0, 1, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
      ],
      // 15 Mar → 15 Apr: A, C stay current, E current → 1-30; B 31-60 → 61-90; D stays closed.
      [
        [2, 1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 1, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 1, 0],
        [0, 0, 0, 0, 0, 0, 0],
      ],
      // 15 Apr → 15 May: A, C stay current; E 1-30 → 31-60; B 61-90 → 90+; D stays closed.
      [
        [2, 0, 0, 0, 0, 0, 0],
        [0, 0, 1, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 1, 0, 0],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 1, 0],
        [0, 0, 0, 0, 0, 0, 0],
      ],
    ]);
    // Balances on the earlier date of each period, pooled. Current row: A 5000 (Feb) + A 4000 + C 4000 (Mar) +
    // A 3000 + C 3000 (Apr) stay = 19000; E 6000 (Mar) rolls. 1-30 row: C 6000 cures, B 6000 and E 6000 roll,
    // D 6000 closes.
    expect(rolls?.pooled.balances.slice(0, 2)).toEqual([
      ["19000.00", "6000.00", "0.00", "0.00", "0.00", "0.00", "0.00"],
      ["6000.00", "0.00", "12000.00", "0.00", "0.00", "6000.00", "0.00"],
    ]);
    expect(rolls?.pooled.byCount[1]).toEqual([
      "0.250000",
      "0.000000",
      "0.500000",
      "0.000000",
      "0.000000",
      "0.250000",
      "0.000000",
    ]);
  });

  it("reads roll-forward, cure and flow rates", () => {
    const rolls = result.portfolio.rollRates;
    // current: 1 of 6 rolls (6000 of 25000 = 0.24); 1-30: 2 of 4 roll (12000 of 24000), 1 of 4 cures (6000 of
    // 24000); 31-60 and 61-90: their one loan rolls.
    expect(
      rolls?.buckets.map((bucket) => [
        bucket.bucket,
        bucket.loans,
        bucket.balance,
        bucket.rollForward,
        bucket.cure,
      ]),
    ).toEqual([
      ["current", 6, "25000.00", { byCount: "0.166667", byBalance: "0.240000" }, null],
      [
        "1-30",
        4,
        "24000.00",
        { byCount: "0.500000", byBalance: "0.500000" },
        { byCount: "0.250000", byBalance: "0.250000" },
      ],
      [
        "31-60",
        1,
        "6000.00",
        { byCount: "1.000000", byBalance: "1.000000" },
        { byCount: "0.000000", byBalance: "0.000000" },
      ],
      [
        "61-90",
        1,
        "6000.00",
        { byCount: "1.000000", byBalance: "1.000000" },
        { byCount: "0.000000", byBalance: "0.000000" },
      ],
      ["90+", 0, "0.00", null, null],
    ]);
    // Flow current → 1-30: in 1-30 later (E in Apr, 6000) over current earlier (A in Feb 5000; A, C, E in Mar
    // 4000 + 4000 + 6000; A, C in Apr 3000 + 3000) = 1 of 6 loans, 6000 of 25000.
    // Flow 1-30 → 31-60: B in Mar, E in May (12000) over B, C, D in Feb and E in Apr (24000) = 2 of 4.
    expect(rolls?.flowRates).toEqual([
      { from: "current", to: "1-30", byCount: "0.166667", byBalance: "0.240000" },
      { from: "1-30", to: "31-60", byCount: "0.500000", byBalance: "0.500000" },
      { from: "31-60", to: "61-90", byCount: "1.000000", byBalance: "1.000000" },
      { from: "61-90", to: "90+", byCount: "1.000000", byBalance: "1.000000" },
    ]);
  });

  it("estimates the PD from the observed monthly matrix when each bucket has enough loans", () => {
    const pd = result.portfolio.pd;
    expect(pd.source).toBe("observed");
    // Observed matrix: current → current 5/6, → 1-30 1/6; 1-30 → current 1/4, → 31-60 1/2, → closed 1/4;
    // 31-60 → 61-90 1; 61-90 → 90+ 1. Within 4 months, 90+ is reached from:
    //   61-90 in 1 month and 31-60 in 2: PD 1; 1-30 via 31-60 in 3 months: 1/2 (cure and close lead nowhere
    //   within 4); current only via 1-30 → 31-60 → 61-90 → 90+ in exactly 4: 1/6 · 1/2 = 1/12.
    expect(pd.byState).toEqual([
      { state: "current", pd: "0.083333" },
      { state: "1-30", pd: "0.500000" },
      { state: "31-60", pd: "1.000000" },
      { state: "61-90", pd: "1.000000" },
      { state: "90+", pd: "1.000000" },
      { state: "closed", pd: "0.000000" },
      { state: "written-off", pd: "1.000000" },
    ]);
    expect(byId(result, "E").pd).toBe("1.000000");
    expect(byId(result, "A").pd).toBe("0.083333");
  });
});

describe("monitorFromDocument: which PD estimate", () => {
  it("falls back to the illustrative prior, labelled, when a bucket has too few loans", () => {
    const pd = monitorFromDocument({ ...PORTFOLIO, pd: { horizonMonths: 1 } }).portfolio.pd;
    expect(pd.source).toBe("illustrative-prior");
    expect(pd.label).toMatch(/^illustrative prior \(research §5\.2 placeholder values, not estimated/);
    expect(pd.reason).toMatch(
      /^too few loans observed in current \(6\), 1-30 \(4\), 31-60 \(1\), 61-90 \(1\): each bucket but the last needs at least 30/,
    );
    // One month of the prior: only 61-90 reaches 90+ (0.55).
    expect(pd.byState.map((row) => row.pd)).toEqual([
      "0.000000",
      "0.000000",
      "0.000000",
      "0.550000",
      "1.000000",
      "0.000000",
      "1.000000",
    ]);
  });

  it("needs monthly snapshots for the observed matrix, and snapshot dates at all", () => {
    const weekly = monitorFromDocument({
      ...PORTFOLIO,
      dates: ["2024-05-01", "2024-05-08", "2024-05-15"],
      pd: { minObservations: 1 },
    }).portfolio.pd;
    expect(weekly.reason).toMatch(
      /^the snapshot dates 2024-05-01 and 2024-05-08 are 7 days apart, not a month/,
    );
    const { dates: _dates, ...noDates } = PORTFOLIO;
    const result = monitorFromDocument(noDates);
    expect(result.portfolio.rollRates).toBeNull();
    expect(result.portfolio.pd.reason).toMatch(/^no snapshot dates given/);
  });

  it("gives no estimate for custom buckets without enough data", () => {
    const result = monitorFromDocument({
      ...PORTFOLIO,
      buckets: [
        { label: "ok", from: 0, to: 0 },
        { label: "late", from: 1, to: 60 },
        { label: "bad", from: 61 },
      ],
      ladder: { steps: [{ id: "CALL", action: "collection", bucket: "late", daysIntoBucket: 0 }] },
    });
    expect(result.portfolio.pd.source).toBe("none");
    expect(result.portfolio.pd.matrix).toBeNull();
    expect(byId(result, "B").pd).toBeNull();
    expect(byId(result, "B").bucket).toBe("bad");
    expect(byId(result, "E").steps.map((step) => step.id)).toEqual(["CALL"]);
  });
});

const PROFILE = { currency: "EUR", incomes: [{ name: "salary", amount: "2000.00", payDate: "2024-01-25" }] };

function issuesOf(document: unknown): readonly Issue[] {
  try {
    monitorFromDocument(document);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe("INVALID_MONITORING");
    return error.issues;
  }
  throw new Error("expected the document to be refused");
}

describe("monitorFromDocument: refusals", () => {
  it("refuses a document that is not an object", () => {
    expect(issuesOf([])[0]?.field).toBe("(document)");
  });

  it("reports every problem of every loan at once, with its full path", () => {
    const issues = issuesOf({
      asOf: "2024-05-15",
      dates: ["2024-04-15", "2024-03-15"],
      colour: "red",
      signals: { comfortPercent: "60" },
      loans: [
        { id: "L1", terms: { ...terms("2024-01-01"), principal: "-5" } },
        { id: "L2", terms: terms("2024-01-01"), events: [pay("2024-06-01")], previousIncome: "3000.00" },
        { id: "L3", terms: { ...terms("2024-01-01"), currency: "USD" } },
        {
          id: "L4",
          terms: terms("2024-01-01"),
          borrower: { profile: PROFILE, monthlyIncome: "100.00" },
        },
        { id: "L2", terms: terms("2024-06-01") },
      ],
    });
    expect(issues.map((issue) => issue.field)).toEqual([
      "colour",
      "signals.comfortPercent",
      "dates[1]",
      "loans[0].terms.principal",
      "loans[1].events[0].date",
      "loans[1].currentIncome",
      "loans[2].terms.currency",
      "loans[3].borrower.monthlyIncome",
      "loans[4].id",
      "loans[4].terms.disbursementDate",
    ]);
    const message = (field: string) => issues.find((issue) => issue.field === field)?.message;
    expect(message("dates[1]")).toBe("must be after 2024-04-15: the dates are in ascending order");
    expect(message("loans[1].events[0].date")).toMatch(/^must be on or before asOf \(2024-05-15\)/);
    // The portfolio's currency is the first valid terms' (loans[0]'s terms are not valid).
    expect(message("loans[2].terms.currency")).toMatch(/^must be EUR, the currency of loans\[1\]/);
    expect(message("loans[4].id")).toBe("repeats the id of loans[1]");
    expect(message("loans[3].borrower.monthlyIncome")).toMatch(/^must be absent with a profile/);
  });

  it("files the profile's and the policy's own issues under the borrower", () => {
    const issues = issuesOf({
      asOf: "2024-05-15",
      loans: [
        {
          id: "L1",
          terms: terms("2024-01-01"),
          borrower: { profile: { ...PROFILE, householdSize: 0 }, policy: "mars" },
        },
      ],
    });
    expect(issues.map((issue) => issue.field)).toEqual([
      "loans[0].borrower.profile.householdSize",
      "loans[0].borrower.policy",
    ]);
  });

  it("refuses events the servicing engine cannot replay, naming the loan", () => {
    const issues = issuesOf({
      asOf: "2024-05-15",
      loans: [
        { id: "ok", terms: terms("2024-01-01") },
        {
          id: "bad",
          terms: terms("2024-01-01"),
          events: [{ type: "refund", date: "2024-02-01", amount: "10.00" }],
        },
      ],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toMatch(/^loans\[1\]\.events\[0\]/);
  });
});

describe("docs/reference/risk-monitoring.md", () => {
  const page = readFileSync(new URL("../../../docs/reference/risk-monitoring.md", import.meta.url), "utf8");
  const blocks = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] ?? ""));

  it("shows configuration fragments the parsers accept", () => {
    const [, defaultBuckets, rbiBuckets, signals, ladder, limits] = blocks;
    expect(parseBuckets(defaultBuckets)).toEqual(DEFAULT_BUCKETS);
    expect(parseBuckets(rbiBuckets).map((bucket) => bucket.label)).toEqual([
      "standard",
      "SMA-0",
      "SMA-1",
      "SMA-2",
      "NPA",
    ]);
    expect(parseLadder(ladder, DEFAULT_BUCKETS).steps).toHaveLength(5);
    expect(parseLadder({ contactLimits: limits }, DEFAULT_BUCKETS).contactLimits.maxContactsPer7Days).toBe(3);
    // The signals fragment spells out the defaults.
    expect(monitorFromDocument({ ...blocks[0], signals }).loans).toEqual(
      monitorFromDocument(blocks[0]).loans,
    );
  });

  it("shows the example document's output for loan L1 as Tenor prints it", () => {
    expect(blocks).toHaveLength(7);
    const result = monitorFromDocument(blocks[0]);
    expect(result.loans[0]).toEqual(blocks[6]);
    expect(result.portfolio.pd.source).toBe("illustrative-prior");
  });
});
