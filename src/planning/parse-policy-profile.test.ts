import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIsoDate } from "../core/calendar-date.ts";
import { type Issue, TenorError } from "../core/errors.ts";
import { ratio } from "../core/ratio.ts";
import { parsePolicyProfile } from "./parse-policy-profile.ts";
import { PRESET_DOCUMENTS } from "./policies/presets.ts";
import { DEFAULT_POLICY_ID, POLICY_IDS, presetPolicy, resolvePolicy } from "./policy-registry.ts";

const BASE = {
  id: "my-bank",
  effectiveFrom: "2026-01-01",
  maxPercent: "45",
  residualFloor: { kind: "share-of-income", percent: "10" },
};

function issuesOf(run: () => unknown): readonly Issue[] {
  try {
    run();
  } catch (error) {
    if (!(error instanceof TenorError)) throw error;
    expect(error.code).toBe("INVALID_POLICY");
    return error.issues;
  }
  throw new Error("expected the policy to be rejected");
}

function expectIssue(document: unknown, field: string, message: RegExp): void {
  const issues = issuesOf(() => parsePolicyProfile(document));
  expect(issues.map((issue) => issue.field)).toEqual([field]);
  expect(issues[0]?.message).toMatch(message);
}

describe("parsePolicyProfile", () => {
  it("reads a minimal policy with its defaults: comfort and stressed caps equal the cap, no shocks", () => {
    const policy = parsePolicyProfile(BASE);
    expect(policy).toEqual({
      id: "my-bank",
      name: "my-bank",
      jurisdiction: "custom",
      version: "1",
      effectiveFrom: "2026-01-01",
      sources: [],
      notes: "",
      currency: undefined,
      incomeBasis: "net",
      comfortRatio: ratio(9n, 20n),
      maxRatio: ratio(9n, 20n),
      stressedMaxRatio: ratio(9n, 20n),
      incomeShock: ratio(0n, 1n),
      rateShockPoints: ratio(0n, 1n),
      minimumStressRatePercent: undefined,
      residualFloor: { kind: "share-of-income", share: ratio(1n, 10n) },
      maxTermMonths: undefined,
      allowBalloon: true,
      allowInterestOnly: true,
      prepaymentBufferMonths: 3,
    });
  });

  it("extends a preset: the preset's fields are the defaults", () => {
    const policy = parsePolicyProfile({ extends: "default", id: "my-bank", maxPercent: "45" });
    expect(policy.comfortRatio).toEqual(ratio(35n, 100n));
    expect(policy.maxRatio).toEqual(ratio(45n, 100n));
    expect(policy.stressedMaxRatio).toEqual(ratio(60n, 100n));
    expect(policy.incomeShock).toEqual(ratio(15n, 100n));
    expect(policy.effectiveFrom).toBe("2026-01-01");
  });

  it("refuses caps outside (0, 100] and a comfort cap above the cap", () => {
    expectIssue({ ...BASE, maxPercent: "0" }, "maxPercent", /greater than 0 and at most 100/);
    expectIssue({ ...BASE, maxPercent: "120" }, "maxPercent", /greater than 0 and at most 100/);
    expectIssue({ ...BASE, comfortPercent: "50" }, "comfortPercent", /at most maxPercent \(45\)/);
    expectIssue({ ...BASE, stressedMaxPercent: "-5" }, "stressedMaxPercent", /0 or more/);
  });

  it("refuses shocks out of range", () => {
    expectIssue({ ...BASE, incomeShockPercent: "100" }, "incomeShockPercent", /below 100/);
    expectIssue({ ...BASE, rateShockPoints: "25" }, "rateShockPoints", /at most 20/);
  });

  it("needs a currency for a floor in amounts, and checks the amounts' decimals against it", () => {
    const floor = { kind: "amount", amount: "800.00" };
    expectIssue({ ...BASE, residualFloor: floor }, "currency", /is required/);
    expectIssue(
      { ...BASE, currency: "JPY", residualFloor: floor },
      "residualFloor.amount",
      /no decimal places/,
    );
    expect(parsePolicyProfile({ ...BASE, currency: "EUR", residualFloor: floor }).residualFloor).toEqual({
      kind: "amount",
      amountMinor: 80000,
      perExtraMemberMinor: 0,
    });
  });

  it("checks table floors", () => {
    const table = (amounts: unknown) => ({
      ...BASE,
      currency: "USD",
      residualFloor: { kind: "table", amounts, perExtraMember: "80", fallback: "highest" },
    });
    expectIssue(table({}), "residualFloor.amounts", /at least one region/);
    expectIssue(table({ "US-NE": [] }), "residualFloor.amounts.US-NE", /1 to 20 amounts/);
    expectIssue(table({ "US-NE": ["450", "-1"] }), "residualFloor.amounts.US-NE[1]", /0 or more/);
    expectIssue(
      table({ "US-NE": ["450"], "us-ne": ["450"] }),
      "residualFloor.amounts.us-ne",
      /repeats a region/,
    );
    expectIssue(table({ "US NE": ["450"] }), "residualFloor.amounts.US NE", /region code/);
  });

  it("refuses an unknown kind of floor and unknown fields, with suggestions", () => {
    expectIssue({ ...BASE, residualFloor: { kind: "share" } }, "residualFloor.kind", /one of/);
    expectIssue({ ...BASE, maxPercnt: "40" }, "maxPercnt", /did you mean "maxPercent"/);
    expectIssue({ ...BASE, id: "My Bank" }, "id", /lower-case letters/);
    expectIssue({ ...BASE, effectiveFrom: "2026-02-30" }, "effectiveFrom", /exists in the calendar/);
    expectIssue(
      { ...BASE, sources: [{ title: "x", url: "ftp://x" }] },
      "sources[0].url",
      /http\(s\) address/,
    );
    expectIssue({ extends: "defualt", id: "x", maxPercent: "40" }, "extends", /did you mean "default"/);
  });

  it("prefixes the fields when told where the policy sits", () => {
    const issues = issuesOf(() => parsePolicyProfile({ ...BASE, maxPercent: "0" }, "policy"));
    expect(issues.map((issue) => issue.field)).toEqual(["policy.maxPercent"]);
  });
});

describe("the presets", () => {
  it("are the seven jurisdictions, each parsed by the same parser, with sources and an effective date", () => {
    expect(POLICY_IDS).toEqual(["default", "us", "uk", "cn", "in", "hk", "ca"]);
    for (const id of POLICY_IDS) {
      const policy = presetPolicy(id);
      expect(policy?.id).toBe(id);
      expect(policy?.sources.length).toBeGreaterThan(0);
      expect(parseIsoDate(policy?.effectiveFrom ?? "")).toBeDefined();
      expect(policy?.notes.length).toBeGreaterThan(100);
      expect(parsePolicyProfile(PRESET_DOCUMENTS[id])).toEqual(policy);
    }
  });

  it("hold the published figures", () => {
    const figures = (id: string) => {
      const p = resolvePolicy(id);
      const percent = (r: { num: bigint; den: bigint }) => Number((r.num * 10000n) / r.den) / 100;
      return [
        p.incomeBasis,
        percent(p.comfortRatio),
        percent(p.maxRatio),
        percent(p.stressedMaxRatio),
        percent(p.incomeShock),
      ];
    };
    expect(figures("default")).toEqual(["net", 35, 50, 60, 15]);
    expect(figures("us")).toEqual(["gross", 36, 43, 50, 15]); // legacy QM 43 % back-end DTI
    expect(figures("uk")).toEqual(["net", 30, 40, 50, 15]);
    expect(figures("cn")).toEqual(["net", 50, 55, 55, 15]); // CBRC 2004: all debt ≤ 55 %, housing ≤ 50 %
    expect(figures("in")).toEqual(["net", 40, 50, 50, 15]); // FOIR / RBI MF 50 %
    expect(figures("hk")).toEqual(["gross", 40, 50, 60, 0]); // HKMA DSR 50 %, stressed 60 %
    expect(figures("ca")).toEqual(["gross", 39, 44, 44, 0]); // OSFI TDS 44 %
    expect(resolvePolicy("hk").rateShockPoints).toEqual(ratio(2n, 1n));
    expect(resolvePolicy("ca").minimumStressRatePercent).toEqual(ratio(21n, 4n));
    // VA table for loans ≥ $80,000, family of 1: NE 450 / MW 441 / S 441 / W 491; 5: 1062 / 1039 / 1039 / 1158.
    const floor = resolvePolicy("us").residualFloor;
    expect(floor.kind === "table" && floor.amountsMinor).toEqual({
      "US-NE": [45000, 75500, 90900, 102500, 106200],
      "US-MW": [44100, 73800, 88900, 100300, 103900],
      "US-S": [44100, 73800, 88900, 100300, 103900],
      "US-W": [49100, 82300, 99000, 111700, 115800],
    });
    expect(floor.kind === "table" && floor.perExtraMemberMinor).toBe(8000);
  });
});

describe("resolvePolicy", () => {
  it("gives the default for nothing, a preset for its id, and parses an object", () => {
    expect(resolvePolicy(undefined).id).toBe(DEFAULT_POLICY_ID);
    expect(resolvePolicy("hk").jurisdiction).toBe("HK");
    expect(resolvePolicy({ extends: "uk", id: "uk-lender", comfortPercent: "25" }).comfortRatio).toEqual(
      ratio(1n, 4n),
    );
  });

  it("refuses an unknown id with the known ones, and a value of the wrong type", () => {
    const issues = issuesOf(() => resolvePolicy("usa"));
    expect(issues[0]?.field).toBe("policy");
    expect(issues[0]?.message).toMatch(/did you mean "us"\?\); known: default, us, uk, cn, in, hk, ca/);
    expect(issuesOf(() => resolvePolicy(42))[0]?.message).toMatch(/preset id/);
    expect(issuesOf(() => resolvePolicy({ id: "x" }, "body.policy")).map((issue) => issue.field)).toEqual([
      "body.policy.effectiveFrom",
      "body.policy.maxPercent",
      "body.policy.residualFloor",
    ]);
  });
});

describe("docs/reference/policy-profiles.md", () => {
  const page = readFileSync(new URL("../../docs/reference/policy-profiles.md", import.meta.url), "utf8");
  const blocks = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => JSON.parse(match[1] as string));

  it("shows a custom policy and floors the parser accepts", () => {
    const custom = blocks.find((block) => block.extends !== undefined);
    expect(parsePolicyProfile(custom).maxRatio).toEqual(ratio(45n, 100n));
    for (const floor of blocks.filter((block) => block.kind !== undefined)) {
      expect(() => parsePolicyProfile({ ...BASE, currency: "USD", residualFloor: floor })).not.toThrow();
    }
  });

  it("lists each preset with its own figures and effective date", () => {
    const percent = (r: { num: bigint; den: bigint }) => `${Number((r.num * 10000n) / r.den) / 100} %`;
    for (const id of POLICY_IDS) {
      const row = page.split("\n").find((line) => line.startsWith(`| \`${id}\``));
      const cells = (row ?? "").split("|").map((cell) => cell.trim());
      const policy = resolvePolicy(id);
      expect(cells.slice(2, 7)).toEqual([
        policy.incomeBasis,
        percent(policy.comfortRatio),
        percent(policy.maxRatio),
        percent(policy.stressedMaxRatio),
        percent(policy.incomeShock),
      ]);
      expect(cells[9]).toBe(policy.effectiveFrom);
    }
  });
});
