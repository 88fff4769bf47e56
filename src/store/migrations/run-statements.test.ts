import { describe, expect, it } from "vitest";
import { SCRIPT as initial } from "./0001-initial.ts";
import { splitStatements } from "./run-statements.ts";

describe("splitStatements", () => {
  it("splits at a semicolon that ends a line", () => {
    expect(splitStatements("create table a (x int);\n  create table b (y int);\n")).toEqual([
      "create table a (x int)",
      "  create table b (y int)",
    ]);
  });

  it("keeps a $$-quoted function body, whose statements end lines too, in one statement", () => {
    const script = [
      "create function f() returns int language plpgsql as $$",
      "begin",
      "  perform 1;",
      "  return 2;",
      "end $$;",
      "create index i on t (x);",
      "",
    ].join("\n");
    expect(splitStatements(script)).toEqual([
      "create function f() returns int language plpgsql as $$\nbegin\n  perform 1;\n  return 2;\nend $$",
      "create index i on t (x)",
    ]);
  });

  it("splits the first migration (no function bodies) into its create statements", () => {
    const statements = splitStatements(initial);
    // 0001 creates 13 tables and 3 indexes: one statement each.
    expect(statements.filter((s) => /^\s*create table/.test(s))).toHaveLength(13);
    expect(statements.filter((s) => /^\s*create index/.test(s))).toHaveLength(3);
    expect(statements).toHaveLength(16);
  });
});
