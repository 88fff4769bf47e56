import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv.ts";

describe("parseCsv", () => {
  it("reads R's write.csv output: quoted text, bare numbers, bare NA as missing", () => {
    const text = '"Status","Income","Home"\n"good",129,"rent"\n"bad",NA,"NA"\n';
    expect(parseCsv(text)).toEqual({
      header: ["Status", "Income", "Home"],
      rows: [
        ["good", "129", "rent"],
        ["bad", undefined, "NA"],
      ],
    });
  });

  it("keeps commas, doubled quotes and line breaks inside quotes; accepts CRLF and no final newline", () => {
    const text = 'a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",\r\n3,4';
    expect(parseCsv(text).rows).toEqual([
      ["x, y", 'say "hi"'],
      ["two\nlines", ""],
      ["3", "4"],
    ]);
  });

  it("refuses a ragged row, an unclosed quote and text after a closing quote, naming the line", () => {
    expect(() => parseCsv("a,b\n1,2\n3\n")).toThrow(/line 3: 1 cells, but the header has 2/);
    expect(() => parseCsv('a\n"open\n')).toThrow(/line 2: a quoted cell is not closed/);
    expect(() => parseCsv('a\n"x"y\n')).toThrow(/line 2: text after a closing quote/);
    expect(() => parseCsv("")).toThrow(/empty/);
  });
});
