import { describe, expect, it } from "vitest";
import { TenorError } from "../core/errors.ts";
import {
  amountIssue,
  amountToNumber,
  DAY_POSITION,
  flowSideIssues,
  MAX_ABS_FLOW_MINOR,
  prepareFlows,
  validateFlows,
} from "./cash-flows.ts";
import { euAprc } from "./eu-aprc.ts";
import { regZApr } from "./reg-z-apr.ts";

function errorOf(action: () => unknown): TenorError | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof TenorError) return error;
    throw error;
  }
  return undefined;
}

describe("amountIssue", () => {
  it("accepts finite numbers and bigints up to 10^18 in size, and names the field, value and rule otherwise", () => {
    expect(amountIssue(-1e18, "x")).toBeUndefined();
    expect(amountIssue(MAX_ABS_FLOW_MINOR, "x")).toBeUndefined();
    expect(amountIssue(-MAX_ABS_FLOW_MINOR, "x")).toBeUndefined();
    expect(amountIssue(0.5, "x")).toBeUndefined();
    expect(amountIssue(MAX_ABS_FLOW_MINOR + 1n, "flows[3].amountMinor")).toEqual({
      field: "flows[3].amountMinor",
      value: MAX_ABS_FLOW_MINOR + 1n,
      message: "must be at most 10^18 in size",
    });
    expect(amountIssue(1.5e18, "x")?.message).toBe("must be at most 10^18 in size");
    expect(amountIssue(Number.NaN, "x")).toMatchObject({
      value: "NaN",
      message: "must be a finite number (or a bigint)",
    });
    expect(amountIssue("12", "x")?.value).toBe("12");
    expect(amountIssue(undefined, "x")?.value).toBe("undefined");
  });

  it("converts bigints to the nearest double", () => {
    expect(amountToNumber(123n)).toBe(123);
    expect(amountToNumber(-(2n ** 60n))).toBe(-(2 ** 60));
    expect(amountToNumber(4.5)).toBe(4.5);
  });
});

describe("validateFlows", () => {
  it("reports every bad flow at once, JSON-safe, then the count and the signs", () => {
    const error = errorOf(() =>
      validateFlows(
        [
          { day: 0, amountMinor: 5n * MAX_ABS_FLOW_MINOR },
          { day: 1.5, amountMinor: 1 },
          { day: 2, amountMinor: Number.NEGATIVE_INFINITY },
        ],
        { field: "loan.flows" },
      ),
    );
    expect(error?.code).toBe("INVALID_CASH_FLOWS");
    expect(error?.toJSON().error.issues).toEqual([
      {
        field: "loan.flows[0].amountMinor",
        value: "5000000000000000000",
        message: "must be at most 10^18 in size",
      },
      {
        field: "loan.flows[2].amountMinor",
        value: "-Infinity",
        message: "must be a finite number (or a bigint)",
      },
      { field: "loan.flows[1].day", value: 1.5, message: "must be a day number (an integer)" },
    ]);
    expect(errorOf(() => validateFlows([{ day: 0, amountMinor: 1 }]))?.code).toBe("TOO_FEW_FLOWS");
    expect(errorOf(() => validateFlows([{ day: 0, amountMinor: 1 }], { forRate: false }))).toBeUndefined();
    expect(
      errorOf(() =>
        validateFlows([
          { day: 0, amountMinor: 1 },
          { day: 1, amountMinor: 2n },
        ]),
      )?.issues[0],
    ).toEqual({
      field: "flows",
      value: "all positive or zero",
      message: "needs at least one positive and one negative amount",
    });
  });

  it("with firstIsStart, names each flow dated before the first and the start date", () => {
    const error = errorOf(() =>
      validateFlows(
        [
          { day: 19_723, amountMinor: -1 }, // 2024-01-01
          { day: 19_722, amountMinor: 2 },
        ],
        { firstIsStart: true },
      ),
    );
    expect(error?.issues).toEqual([
      {
        field: "flows[1].day",
        value: "2023-12-31",
        message:
          "must not precede the first flow's date 2024-01-01: time is measured from the first flow (Excel: #NUM!)",
      },
    ]);
  });
});

describe("prepareFlows", () => {
  it("sorts stably by time, nets equal times, drops zeros and counts sign changes", () => {
    const prepared = prepareFlows([3, 1, 1, 2, 0, 5], [10, -4, 4, 0, -100, -3]);
    expect(Array.from(prepared.times)).toEqual([0, 3, 5]);
    expect(Array.from(prepared.amounts)).toEqual([-100, 10, -3]);
    expect(prepared.signChanges).toBe(2);
    expect(prepareFlows([0, 1], [0, 0]).signChanges).toBe(0);
    expect(prepareFlows([0, 1, 2], [-1, 1, 1]).signChanges).toBe(1);
  });
});

describe("flowSideIssues (the regulatory rates' input rule)", () => {
  it("lists every problem of both sides, naming each field", () => {
    const issues = flowSideIssues(
      [
        ["drawdowns", []],
        [
          "payments",
          [
            { day: 19_000, amountMinor: 100 },
            { day: 1.5, amountMinor: 100 },
            { day: 19_001, amountMinor: 0.5 },
            { day: 19_002, amountMinor: 0 },
            { day: 19_003, amountMinor: 10n ** 19n },
          ],
        ],
      ],
      DAY_POSITION,
    );
    expect(issues.map((issue) => issue.field)).toEqual([
      "drawdowns",
      "payments[1].day",
      "payments[2].amountMinor",
      "payments[3].amountMinor",
      "payments[4].amountMinor",
    ]);
    expect(issues[2]?.message).toBe("must be a positive whole number of minor units");
  });

  it("is the same rule for the EU APRC as for Reg Z: a fraction of a minor unit is refused", () => {
    const flows = {
      drawdowns: [{ day: 19_000, amountMinor: 100_000 }],
      payments: [{ day: 19_365, amountMinor: 110_000.5 }],
    };
    expect(() => euAprc(flows)).toThrow(/payments\[0\]\.amountMinor: must be a positive whole number/);
    expect(() => regZApr({ advances: flows.drawdowns, payments: flows.payments })).toThrow(
      /payments\[0\]\.amountMinor: must be a positive whole number/,
    );
  });
});
