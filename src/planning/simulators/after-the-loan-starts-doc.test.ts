// The guide docs/guides/after-the-loan-starts.md shows documents and their outputs; this test runs every input
// shown and checks the outputs shown against what the code returns, so the guide cannot drift. Outputs in the
// guide are abridged: an array there lists some of the items (in order), an object some of the fields, and a
// string ending in "…" the start of the text.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { prepaymentFromDocument } from "./prepayment-document.ts";
import { refinanceFromDocument } from "./refinance-document.ts";
import { restructureFromDocument } from "./restructure-document.ts";

const GUIDE = path.resolve(import.meta.dirname, "../../../docs/guides/after-the-loan-starts.md");
const blocks = [...readFileSync(GUIDE, "utf8").matchAll(/```json\n([\s\S]*?)```/g)].map(
  (match) => JSON.parse(match[1] as string) as Record<string, unknown>,
);

/** Whether `actual` holds everything `shown` shows (see the header). */
function expectShown(actual: unknown, shown: unknown, where = "(output)"): void {
  if (typeof shown === "string" && shown.endsWith("…")) {
    expect(typeof actual, where).toBe("string");
    expect((actual as string).startsWith(shown.slice(0, -1)), `${where}: ${String(actual)}`).toBe(true);
    return;
  }
  if (Array.isArray(shown)) {
    expect(Array.isArray(actual), where).toBe(true);
    const items = actual as unknown[];
    let from = 0;
    shown.forEach((item, index) => {
      const found = items.findIndex((candidate, at) => at >= from && shows(candidate, item));
      expect(found, `${where}[${index}] not found in order: ${JSON.stringify(item)}`).toBeGreaterThanOrEqual(
        0,
      );
      from = found + 1;
    });
    return;
  }
  if (shown !== null && typeof shown === "object") {
    expect(actual !== null && typeof actual === "object", where).toBe(true);
    for (const [key, value] of Object.entries(shown)) {
      expectShown((actual as Record<string, unknown>)[key], value, `${where}.${key}`);
    }
    return;
  }
  expect(actual, where).toEqual(shown);
}

function shows(actual: unknown, shown: unknown): boolean {
  try {
    expectShown(actual, shown);
    return true;
  } catch {
    return false;
  }
}

describe("docs/guides/after-the-loan-starts.md", () => {
  it("has the nine documents this test knows", () => {
    expect(blocks).toHaveLength(9);
  });

  it("prepayment: the output shown is the simulator's", () => {
    expectShown(prepaymentFromDocument(blocks[0]), blocks[1]);
  });

  it("prepayment advice: the output shown is the advice's", () => {
    const output = prepaymentFromDocument({ ...blocks[0], ...blocks[2] });
    expectShown(output.advice, blocks[3]);
  });

  it("refinance: the ₹30 lakh output shown is the check's, and the running loan's figures are those the text gives", () => {
    expectShown(refinanceFromDocument(blocks[4]), blocks[6]);
    expectShown(refinanceFromDocument(blocks[5]), {
      balance: "9263.10",
      remainingInstallments: 18,
      newInstallment: "552.06",
      savingPerInstallment: "12.82",
      switchingCost: "142.63",
      breakEvenInstallments: 12,
    });
  });

  it("restructuring: the output shown is the options'", () => {
    expectShown(restructureFromDocument(blocks[7]), blocks[8]);
  });

  it("the matcher itself refuses what the output does not hold", () => {
    expect(shows({ a: [1, 2, 3] }, { a: [1, 3] })).toBe(true);
    expect(shows({ a: [1, 2, 3] }, { a: [3, 1] })).toBe(false);
    expect(shows({ a: "hello world" }, { a: "hello…" })).toBe(true);
    expect(shows({ a: "hello world" }, { a: "world…" })).toBe(false);
    expect(shows({ a: 1 }, { b: 1 })).toBe(false);
  });
});
