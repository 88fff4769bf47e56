import { describe, expect, it } from "vitest";
import { CURRENCY_CODES, currencyByCode } from "./currency.ts";

describe("currencyByCode", () => {
  it.each([
    ["EUR", 2],
    ["USD", 2],
    ["GBP", 2],
    ["CHF", 2],
    ["XCG", 2],
    ["ANG", 2],
    ["JPY", 0],
    ["KRW", 0],
    ["ISK", 0],
    ["CLP", 0],
    ["UYI", 0],
    ["XOF", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["TND", 3],
    ["CLF", 4],
    ["UYW", 4],
    ["CHE", 2],
    ["USN", 2],
  ])("%s has %i minor-unit digits", (code, digits) => {
    expect(currencyByCode(code)).toEqual({ code, digits });
  });

  it("gives every zero-digit currency of the standard 0 digits", () => {
    const zeroDigit = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF".split(" ");
    const found = CURRENCY_CODES.filter((code) => currencyByCode(code)?.digits === 0);
    expect(found).toEqual(zeroDigit);
  });

  it("gives every three-digit currency of the standard 3 digits", () => {
    const found = CURRENCY_CODES.filter((code) => currencyByCode(code)?.digits === 3);
    expect(found).toEqual(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);
  });

  it.each(["EUX", "eur", "Eur", "", "EURO", " EUR", "XAU", "XXX", "XTS", "XDR", "DEM", "HRK"])(
    "rejects %j",
    (code) => {
      expect(currencyByCode(code)).toBeUndefined();
    },
  );
});

describe("CURRENCY_CODES", () => {
  it("lists unique upper-case three-letter codes in alphabetical order", () => {
    for (const code of CURRENCY_CODES) expect(code).toMatch(/^[A-Z]{3}$/);
    expect([...CURRENCY_CODES].sort()).toEqual(CURRENCY_CODES);
    expect(new Set(CURRENCY_CODES).size).toBe(CURRENCY_CODES.length);
  });

  it("is the complete active list: every code of list one that has a minor unit", () => {
    // List one has about 180 entries; 13 of them (metals, bond units, XDR, XSU, XUA, XTS, XXX) have none.
    expect(CURRENCY_CODES.length).toBe(168);
    for (const code of CURRENCY_CODES) expect(currencyByCode(code)?.code).toBe(code);
  });

  it("cannot be modified", () => {
    expect(Object.isFrozen(CURRENCY_CODES)).toBe(true);
    expect(Object.isFrozen(currencyByCode("EUR"))).toBe(true);
  });
});
