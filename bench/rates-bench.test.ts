// Smoke test for the rates section of `npm run bench` (not a timing test): every timed task returns the reference
// XIRR of peer-bench.md §2, and the robustness table shows Tenor's documented behaviour.
import { describe, expect, it } from "vitest";
import {
  peerBenchFlows,
  REFERENCE_XIRR,
  ROBUSTNESS_CASES,
  ratesTasks,
  robustCell,
  spotResults,
  xirrInputs,
} from "./rates-bench.ts";

describe("rates bench", () => {
  it("builds the 61 flows of peer-bench.md §2 and every implementation returns the reference rate", () => {
    const flows = peerBenchFlows();
    expect(flows).toHaveLength(61);
    expect(flows.at(-1)?.amountMinor).toBe(195_696); // the last repayment takes the rest of the cent ledger
    const spot = spotResults(ratesTasks(undefined));
    for (const id of ["xirr-tenor", "xirr-package", "xirr-formulajs", "xirr-floor"]) {
      expect(Number(spot.get(id)), id).toBeCloseTo(REFERENCE_XIRR, 12);
    }
    expect(xirrInputs(flows).formulajs.values[0]).toBe(-98_500);
  });

  it("robustness cells: Tenor converges or reports the documented error", () => {
    const cells = new Map(ROBUSTNESS_CASES.map((c) => [c.id, robustCell(c, "tenor")]));
    expect(Number(cells.get("minus-90"))).toBeCloseTo(-0.8993688953, 9);
    expect(Number(cells.get("fast-monthly"))).toBeCloseTo(303.393081, 5);
    expect(Number(cells.get("late-outflow"))).toBeCloseTo(1.5364237424, 9);
    expect(Number(cells.get("slow-loss"))).toBeCloseTo(-0.3463911602, 9);
    expect(cells.get("no-rate")).toBe("RATE_NOT_CONVERGED");
    expect(cells.get("two-roots")).toContain("multipleRoots");
    expect(cells.get("unsorted")).toContain("INVALID_CASH_FLOWS");
    expect(cells.get("all-positive")).toBe("NO_SIGN_CHANGE");
  });
});
