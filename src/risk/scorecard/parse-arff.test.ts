import { describe, expect, it } from "vitest";
import { parseArff } from "./parse-arff.ts";

const SAMPLE = `% a comment
@relation 'tiny credit'
@attribute checking_status { '<0', '0<=X<200', 'no checking'}
@attribute duration numeric
@attribute purpose { 'new car', radio/tv}
@attribute class { good, bad}

@data
'<0',6,radio/tv,good
'no checking',48,'new car',bad
?,12,radio/tv,good
`;

describe("parseArff", () => {
  it("reads nominal lists with quoted values, numbers, and ? as missing", () => {
    const table = parseArff(SAMPLE);
    expect(table.relation).toBe("tiny credit");
    expect(table.attributes).toEqual([
      { name: "checking_status", kind: "nominal", values: ["<0", "0<=X<200", "no checking"] },
      { name: "duration", kind: "numeric" },
      { name: "purpose", kind: "nominal", values: ["new car", "radio/tv"] },
      { name: "class", kind: "nominal", values: ["good", "bad"] },
    ]);
    expect(table.rows).toEqual([
      ["<0", 6, "radio/tv", "good"],
      ["no checking", 48, "new car", "bad"],
      [undefined, 12, "radio/tv", "good"],
    ]);
  });

  it("refuses an undeclared value, a non-number, a wrong value count and a missing @data", () => {
    const head = "@relation r\n@attribute n numeric\n@attribute c {a, b}\n@data\n";
    expect(() => parseArff(`${head}1,z\n`)).toThrow(/line 5: c has the undeclared value "z"/);
    expect(() => parseArff(`${head}x,a\n`)).toThrow(/line 5: n must be a number/);
    expect(() => parseArff(`${head}1\n`)).toThrow(/line 5: 1 values, but 2 attributes/);
    expect(() => parseArff("@relation r\n@attribute n numeric\n")).toThrow(/no @data/);
    expect(() => parseArff("@relation r\n@attribute d date\n@data\n")).toThrow(/unsupported type/);
  });
});
