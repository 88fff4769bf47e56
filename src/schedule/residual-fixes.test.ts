import { describe, expect, it } from "vitest";
import { scheduleFromDocument } from "../index.ts";

describe("RESIDUAL_NOT_ALLOWED fixes", () => {
  it("names the nearby installment counts and principals that divide (1000.00 in 3 classic parts)", () => {
    const schedule = scheduleFromDocument({
      principal: "1000.00",
      currency: "EUR",
      disbursementDate: "2024-01-01",
      installments: 3,
      loanType: "classic",
      interest: { rate: "0" },
      rounding: { residual: "none" },
    });
    const warning = schedule.warnings.find((w) => w.code === "RESIDUAL_NOT_ALLOWED");
    // By hand: 1000.00 / 2 = 500.00 and / 4 = 250.00 divide; 5 does not matter (2 found first).
    // 999.99 / 3 = 333.33 divides; 1000.01 / 3 = 333.336… does not; 999.98 neither; 1000.02 / 3 = 333.34 does.
    expect(warning?.fixes.slice(0, 2)).toEqual([
      "installments 2 or 4 (instead of 3) divide evenly",
      "principal 999.99 or 1000.02 (instead of 1000.00) divides evenly",
    ]);
    expect(warning?.message).toContain("differs from the others by 0.01 EUR");
  });

  it("does not offer a residual rule the loan type rejects", () => {
    const schedule = scheduleFromDocument({
      principal: "1000.00",
      currency: "EUR",
      disbursementDate: "2024-01-01",
      installments: 3,
      interest: { rate: "12" },
      rounding: { residual: "none" },
    });
    const fixes = schedule.warnings.find((w) => w.code === "RESIDUAL_NOT_ALLOWED")?.fixes ?? [];
    expect(fixes).toContain('set rounding.residual to "last" or "spread"');
    expect(fixes.join(" ")).not.toContain('"first"');
  });
});
