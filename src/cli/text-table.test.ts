import { describe, expect, it } from "vitest";
import { layOutTable } from "./text-table.ts";

describe("layOutTable", () => {
  it("fits each column to its widest cell, footer included, aligns and trims trailing spaces", () => {
    const table = layOutTable(
      [
        { header: "No", align: "right" },
        { header: "Name", align: "left" },
        { header: "Amount", align: "right" },
      ],
      [
        ["1", "a", "5.00"],
        ["10", "bb", ""],
      ],
      [["", "Total", "1005.00"]],
    );
    // Widths: No 2, Name 5 ("Total"), Amount 7 ("1005.00"); two spaces between columns: 2 + 2 + 5 + 2 + 7 = 18.
    expect(table.header).toBe("No  Name    Amount");
    expect(table.rule).toBe("-".repeat(18));
    expect(table.body).toEqual([" 1  a         5.00", "10  bb"]);
    expect(table.footer).toEqual(["    Total  1005.00"]);
  });
});
