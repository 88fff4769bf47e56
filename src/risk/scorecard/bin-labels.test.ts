import { describe, expect, it } from "vitest";
import { binLabel } from "./bin-labels.ts";

describe("binLabel", () => {
  it("labels ranges in plain words with their unit", () => {
    expect(binLabel({ kind: "range", lower: null, upper: 0.125 }, "percent")).toBe("under 12.5 %");
    expect(binLabel({ kind: "range", lower: 0.125, upper: 0.3 }, "percent")).toBe("12.5 % to under 30 %");
    expect(binLabel({ kind: "range", lower: -0.135, upper: null }, "percent")).toBe("-13.5 % or more");
    expect(binLabel({ kind: "range", lower: null, upper: 1 }, "years")).toBe("under 1 year");
    expect(binLabel({ kind: "range", lower: 2, upper: 5 }, "years")).toBe("2 to under 5 years");
    expect(binLabel({ kind: "range", lower: 60, upper: null }, "months")).toBe("60 months or more");
    expect(binLabel({ kind: "range", lower: 3590, upper: 4736 }, "number")).toBe("3590 to under 4736");
    expect(binLabel({ kind: "range", lower: null, upper: null }, "number")).toBe("any");
  });

  it("lists grouped levels and names the missing bin", () => {
    expect(binLabel({ kind: "levels", levels: ["freelance", "other"] }, "level")).toBe("freelance, other");
    expect(binLabel({ kind: "missing" }, "percent")).toBe("not given");
  });
});
