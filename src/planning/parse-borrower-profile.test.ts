import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar-date.ts";
import { type Issue, TenorError } from "../core/errors.ts";
import { addRatio, ratio, ratioFromInt } from "../core/ratio.ts";
import { parseBorrowerProfile } from "./parse-borrower-profile.ts";

const SALARY = { name: "salary", amount: "3200.00", payDate: "2026-01-25" };
const minimal = (extra: Record<string, unknown> = {}) => ({ currency: "EUR", incomes: [SALARY], ...extra });

/** The issues `document` is rejected with; fails the test when it is accepted. */
function issuesOf(document: unknown): readonly Issue[] {
  try {
    parseBorrowerProfile(document);
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe("INVALID_PROFILE");
    return error.issues;
  }
  throw new Error("expected the profile to be rejected");
}

function expectIssue(document: unknown, field: string, message: RegExp): void {
  const issues = issuesOf(document);
  expect(issues.map((issue) => issue.field)).toEqual([field]);
  expect(issues[0]?.message).toMatch(message);
}

const day = (text: string) => parseIsoDate(text) as number;

describe("parseBorrowerProfile: valid documents", () => {
  it("reads every field of a full profile", () => {
    const profile = parseBorrowerProfile({
      currency: "EUR",
      incomes: [
        {
          name: "salary",
          amount: "3200.00",
          gross: "4300.00",
          frequency: "semi-monthly",
          payDate: "2026-01-31",
          payDaysOfMonth: [15, 31],
          seasonality: ["1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"],
          growthPercent: "3",
          endsOn: "2040-12-31",
        },
      ],
      expenses: [
        { name: "rent", amount: "1100.00", frequency: "monthly", essential: true },
        { name: "travel", amount: "600", frequency: "yearly", essential: false },
      ],
      debts: [
        {
          name: "car",
          installment: "250.00",
          frequency: "monthly",
          balance: "4000.00",
          endsOn: "2027-06-30",
          ratePercent: "7.9",
        },
      ],
      liquidSavings: "5000.00",
      assets: "12000",
      householdSize: 3,
      region: "US-NE",
      employment: { type: "fixed", years: 4 },
      housing: "rent",
      pastArrears: false,
    });
    expect(profile.currency).toEqual({ code: "EUR", digits: 2 });
    expect(profile.incomes[0]).toEqual({
      name: "salary",
      amountMinor: 320000,
      grossAmountMinor: 430000,
      frequency: "semi-monthly",
      payDay: day("2026-01-31"),
      payDaysOfMonth: [15, 31],
      seasonality: Array.from({ length: 12 }, () => ratioFromInt(1)),
      growthPerYear: ratio(3n, 100n),
      endsOn: day("2040-12-31"),
    });
    expect(profile.expenses).toEqual([
      { name: "rent", amountMinor: 110000, frequency: "monthly", essential: true },
      { name: "travel", amountMinor: 60000, frequency: "yearly", essential: false },
    ]);
    expect(profile.debts).toEqual([
      {
        name: "car",
        installmentMinor: 25000,
        frequency: "monthly",
        balanceMinor: 400000,
        endsOn: day("2027-06-30"),
        rate: ratio(79n, 1000n),
      },
    ]);
    expect(profile.liquidSavingsMinor).toBe(500000);
    expect(profile.assetsMinor).toBe(1200000);
    expect(profile.householdSize).toBe(3);
    expect(profile.region).toBe("US-NE");
    expect(profile.employment).toEqual({ type: "fixed", years: 4 });
    expect(profile.housing).toBe("rent");
    expect(profile.pastArrears).toBe(false);
  });

  it("applies the defaults of a minimal profile", () => {
    const profile = parseBorrowerProfile(minimal());
    expect(profile.incomes[0]?.frequency).toBe("monthly");
    expect(profile.incomes[0]?.grossAmountMinor).toBeUndefined();
    expect(profile.incomes[0]?.seasonality).toBeUndefined();
    expect(profile.incomes[0]?.growthPerYear).toEqual(ratioFromInt(0));
    expect(profile.incomes[0]?.endsOn).toBeUndefined();
    expect(profile.expenses).toEqual([]);
    expect(profile.debts).toEqual([]);
    expect(profile.liquidSavingsMinor).toBe(0);
    expect(profile.assetsMinor).toBeUndefined();
    expect(profile.householdSize).toBe(1);
    expect(profile.region).toBeUndefined();
    expect(profile.employment).toBeUndefined();
    expect(profile.housing).toBeUndefined();
    expect(profile.pastArrears).toBeUndefined();
  });

  it("counts spending not marked otherwise as essential", () => {
    const profile = parseBorrowerProfile(minimal({ expenses: [{ name: "food", amount: "400" }] }));
    expect(profile.expenses[0]?.essential).toBe(true);
  });

  it("accepts an empty incomes list (the capacity is then nothing)", () => {
    expect(parseBorrowerProfile({ currency: "EUR", incomes: [] }).incomes).toEqual([]);
  });

  it("normalises seasonality to a mean of exactly 1", () => {
    // [2, 2, 1 × 10] sums to 14: each weight × 12/14, so 2 → 12/7 and 1 → 6/7; 2·12/7 + 10·6/7 = 84/7 = 12.
    const profile = parseBorrowerProfile(
      minimal({
        incomes: [{ ...SALARY, seasonality: ["2", 2, "1", "1", "1", "1", "1", "1", "1", "1", "1", "1"] }],
      }),
    );
    const seasonality = profile.incomes[0]?.seasonality ?? [];
    expect(seasonality[0]).toEqual(ratio(12n, 7n));
    expect(seasonality[2]).toEqual(ratio(6n, 7n));
    expect(seasonality.reduce(addRatio, ratioFromInt(0))).toEqual(ratioFromInt(12));
  });

  it("keeps a zero month of seasonality (an off season)", () => {
    const weights = ["0", "0", "0", "3", "3", "3", "3", "0", "0", "0", "0", "0"];
    const profile = parseBorrowerProfile(minimal({ incomes: [{ ...SALARY, seasonality: weights }] }));
    // Sum 12: already mean 1, so the weights are kept as given.
    expect(profile.incomes[0]?.seasonality?.map((w) => Number(w.num))).toEqual(weights.map(Number));
  });

  it("reads amounts in the currency's minor unit: JPY has none, KWD three", () => {
    expect(
      parseBorrowerProfile({ currency: "JPY", incomes: [{ ...SALARY, amount: "300000" }] }).incomes[0]
        ?.amountMinor,
    ).toBe(300000);
    expect(
      parseBorrowerProfile({ currency: "KWD", incomes: [{ ...SALARY, amount: "900.125" }] }).incomes[0]
        ?.amountMinor,
    ).toBe(900125);
  });
});

describe("parseBorrowerProfile: refusals name the field", () => {
  it("refuses a negative income, expense, debt or savings", () => {
    expectIssue(
      minimal({ incomes: [{ ...SALARY, amount: "-3200.00" }] }),
      "incomes[0].amount",
      /greater than 0/,
    );
    expectIssue(minimal({ expenses: [{ name: "rent", amount: "-1" }] }), "expenses[0].amount", /0 or more/);
    expectIssue(
      minimal({ debts: [{ name: "car", installment: "-250" }] }),
      "debts[0].installment",
      /0 or more/,
    );
    expectIssue(minimal({ liquidSavings: "-5" }), "liquidSavings", /0 or more/);
  });

  it("refuses amounts with more decimals than the currency has", () => {
    expectIssue(
      minimal({ incomes: [{ ...SALARY, amount: "3200.001" }] }),
      "incomes[0].amount",
      /at most 2 decimal places for EUR/,
    );
    expectIssue(
      { currency: "JPY", incomes: [{ ...SALARY, amount: "100.5" }] },
      "incomes[0].amount",
      /no decimal places for JPY/,
    );
  });

  it("refuses an unknown currency, with a hint for lower case", () => {
    expectIssue({ currency: "EURO", incomes: [] }, "currency", /ISO 4217/);
    expectIssue({ currency: "eur", incomes: [] }, "currency", /upper case: "EUR"/);
  });

  it("refuses a pay date that is not in the calendar (31 February)", () => {
    expectIssue(
      minimal({ incomes: [{ ...SALARY, payDate: "2026-02-31" }] }),
      "incomes[0].payDate",
      /exists in the calendar/,
    );
    expectIssue(
      minimal({ incomes: [{ ...SALARY, payDate: "2026-02-29" }] }),
      "incomes[0].payDate",
      /exists in the calendar/,
    );
  });

  it("refuses seasonality that is not 12 values of 0 or more, not all 0", () => {
    const field = "incomes[0].seasonality";
    expectIssue(minimal({ incomes: [{ ...SALARY, seasonality: ["1", "1"] }] }), field, /12 values/);
    expectIssue(
      minimal({ incomes: [{ ...SALARY, seasonality: Array(12).fill("0") }] }),
      field,
      /not be all 0/,
    );
    const negative = ["1", "1", "1", "-1", "1", "1", "1", "1", "1", "1", "1", "1"];
    expectIssue(minimal({ incomes: [{ ...SALARY, seasonality: negative }] }), `${field}[3]`, /0 or more/);
    const text = ["1", "1", "1", "high", "1", "1", "1", "1", "1", "1", "1", "1"];
    expectIssue(minimal({ incomes: [{ ...SALARY, seasonality: text }] }), `${field}[3]`, /decimal number/);
  });

  it("refuses a household size outside 1 … 20 or not whole", () => {
    for (const size of [0, 21, 2.5, "3"])
      expectIssue(minimal({ householdSize: size }), "householdSize", /between 1 and 20/);
  });

  it("refuses unknown fields with a suggestion", () => {
    expectIssue(minimal({ savings: "10" }), "savings", /not a known field/);
    const issues = issuesOf({ currency: "EUR", incomez: [] });
    expect(issues.map((issue) => issue.field)).toEqual(["incomez", "incomes"]);
    expect(issues[0]?.message).toMatch(/did you mean "incomes"/);
    expectIssue(
      minimal({ incomes: [{ ...SALARY, paydate: "2026-01-01" }] }),
      "incomes[0].paydate",
      /did you mean "payDate"/,
    );
  });

  it("refuses duplicate names within a list", () => {
    expectIssue(
      minimal({ incomes: [SALARY, { ...SALARY }] }),
      "incomes[1].name",
      /repeats the name of incomes\[0\]/,
    );
    expectIssue(
      minimal({
        debts: [
          { name: "card", installment: "50" },
          { name: "card", installment: "60" },
        ],
      }),
      "debts[1].name",
      /repeats/,
    );
    // The same name in different lists is fine: a "car" expense (fuel) and a "car" debt.
    const profile = parseBorrowerProfile(
      minimal({ expenses: [{ name: "car", amount: "80" }], debts: [{ name: "car", installment: "250" }] }),
    );
    expect(profile.debts).toHaveLength(1);
  });

  it("refuses a gross income below the net, and an end before the pay date", () => {
    expectIssue(
      minimal({ incomes: [{ ...SALARY, gross: "3000.00" }] }),
      "incomes[0].gross",
      /at least the net/,
    );
    expectIssue(
      minimal({ incomes: [{ ...SALARY, endsOn: "2025-12-31" }] }),
      "incomes[0].endsOn",
      /on or after payDate/,
    );
  });

  it("checks payDaysOfMonth against the frequency and the pay date", () => {
    expectIssue(
      minimal({ incomes: [{ ...SALARY, frequency: "biweekly", payDaysOfMonth: [1, 15] }] }),
      "incomes[0].payDaysOfMonth",
      /only to frequency "semi-monthly" or "monthly"/,
    );
    expectIssue(
      minimal({ incomes: [{ ...SALARY, frequency: "semi-monthly", payDaysOfMonth: [15] }] }),
      "incomes[0].payDaysOfMonth",
      /exactly 2 days/,
    );
    expectIssue(
      minimal({ incomes: [{ ...SALARY, frequency: "semi-monthly", payDaysOfMonth: [20, 5] }] }),
      "incomes[0].payDaysOfMonth",
      /increasing order/,
    );
    expectIssue(
      minimal({ incomes: [{ ...SALARY, frequency: "semi-monthly", payDaysOfMonth: [15, 32] }] }),
      "incomes[0].payDaysOfMonth[1]",
      /between 1 and 31/,
    );
    // 25 January is neither the 15th nor the 31st.
    expectIssue(
      minimal({ incomes: [{ ...SALARY, frequency: "semi-monthly", payDaysOfMonth: [15, 31] }] }),
      "incomes[0].payDate",
      /one of payDaysOfMonth \[15,31\]/,
    );
    // 28 February 2026 is the 31st clamped to the month's end.
    const profile = parseBorrowerProfile(
      minimal({ incomes: [{ ...SALARY, payDate: "2026-02-28", payDaysOfMonth: [31] }] }),
    );
    expect(profile.incomes[0]?.payDaysOfMonth).toEqual([31]);
  });

  it("refuses a growth of −100 % or less", () => {
    expectIssue(
      minimal({ incomes: [{ ...SALARY, growthPercent: "-100" }] }),
      "incomes[0].growthPercent",
      /greater than -100/,
    );
  });

  it("refuses bad scorecard facts and regions", () => {
    expectIssue(minimal({ housing: "renting" }), "housing", /did you mean "rent"/);
    expectIssue(
      minimal({ employment: { type: "fixed", years: -1 } }),
      "employment.years",
      /between 0 and 70/,
    );
    expectIssue(minimal({ employment: { type: "boss", years: 1 } }), "employment.type", /one of/);
    expectIssue(minimal({ pastArrears: "no" }), "pastArrears", /true or false/);
    expectIssue(minimal({ region: "US NE" }), "region", /letters, digits and hyphens/);
  });

  it("collects every issue of the document at once", () => {
    const issues = issuesOf({
      currency: "EUR",
      incomes: [{ ...SALARY, amount: "-1", payDate: "2026-02-31" }],
      expenses: [{ name: "", amount: "1.234" }],
      householdSize: 0,
    });
    expect(issues.map((issue) => issue.field)).toEqual([
      "incomes[0].amount",
      "incomes[0].payDate",
      "expenses[0].name",
      "expenses[0].amount",
      "householdSize",
    ]);
  });

  it("refuses a document that is not an object, and a missing currency or incomes list", () => {
    expectIssue([], "(document)", /must be an object/);
    const issues = issuesOf({});
    expect(issues.map((issue) => issue.field)).toEqual(["currency", "incomes"]);
  });
});

describe("docs/reference/borrower-profile.md", () => {
  it("shows an example the parser accepts", () => {
    const page = readFileSync(new URL("../../docs/reference/borrower-profile.md", import.meta.url), "utf8");
    const example = /```json\n([\s\S]*?)```/.exec(page)?.[1] ?? "";
    const profile = parseBorrowerProfile(JSON.parse(example));
    expect(profile.incomes.map((income) => income.name)).toEqual(["salary", "orchard"]);
    expect(profile.debts[0]?.endsOn).toBe(day("2027-06-30"));
  });
});
