import { describe, expect, it } from "vitest";
import { renderLiteral } from "./render-literal.ts";

describe("renderLiteral", () => {
  it("writes a value that fits on one line, Biome style", () => {
    expect(renderLiteral({ kind: "range", lower: null, upper: 0.5 }, "", "x: ", ",")).toBe(
      '{ kind: "range", lower: null, upper: 0.5 }',
    );
    expect(renderLiteral([1, -2, true, "a"], "", "", ";")).toBe('[1, -2, true, "a"]');
    expect(renderLiteral({}, "", "", "")).toBe("{}");
    expect(renderLiteral(-0, "", "", "")).toBe("0");
  });

  it("breaks a value too long for its line into one entry per line", () => {
    const long = { first: "a".repeat(50), second: "b".repeat(50) };
    expect(renderLiteral(long, "", "const v = ", ";")).toBe(
      `{\n  first: "${"a".repeat(50)}",\n  second: "${"b".repeat(50)}",\n}`,
    );
  });

  it("moves a string too long for its line to the next line", () => {
    const text = "c".repeat(110);
    expect(renderLiteral({ message: text }, "", "", ";")).toBe(`{\n  message:\n    "${text}",\n}`);
  });

  it("refuses what it cannot write exactly", () => {
    expect(() => renderLiteral(Number.POSITIVE_INFINITY, "", "", "")).toThrow(/finite/);
    expect(() => renderLiteral('say "hi"', "", "", "")).toThrow(/double quote/);
    expect(() => renderLiteral({ "not-an-identifier": 1 }, "", "", "")).toThrow(/identifier/);
  });
});
