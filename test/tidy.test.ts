// Architecture "tidy" test: the pure layers stay pure, import downwards only and keep floats away from money.
// The rules live in tidy-rules.ts; the fixtures below prove each rule fires, so this test cannot pass vacuously.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  existsDir,
  formatViolation,
  listLayerFiles,
  PURE_LAYERS,
  type RuleId,
  scanSource,
  type Violation,
} from "./tidy-rules.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function report(violations: readonly Violation[]): string {
  return [
    `${violations.length} tidy violation(s) in the pure layers:`,
    ...violations.map((v) => `  ${formatViolation(v)}`),
    "Rules: test/tidy-rules.ts; architecture: /work/shared/design/ARCHITECTURE.md (Layers).",
  ].join("\n");
}

describe("tidy: the pure layers in src/", () => {
  it("has at least one pure layer with sources to check", () => {
    const files = PURE_LAYERS.flatMap((layer) => listLayerFiles(REPO_ROOT, layer));
    expect(files.length).toBeGreaterThan(0);
  });

  // Layers not written yet get no test (rather than a skipped one): a new directory is picked up as it appears.
  for (const layer of PURE_LAYERS.filter((name) => existsDir(path.join(REPO_ROOT, "src", name)))) {
    it(`src/${layer}/ is pure, imports downwards only and keeps floats away from money`, () => {
      const violations = listLayerFiles(REPO_ROOT, layer).flatMap((file) =>
        scanSource(readFileSync(path.join(REPO_ROOT, file), "utf8"), file),
      );
      expect(violations, report(violations)).toHaveLength(0);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// The rules themselves, on in-memory fixtures posing as files of a given layer.

const rulesOf = (source: string, file = "src/schedule/fixture.ts"): RuleId[] =>
  scanSource(source, file).map((v) => v.rule);

describe("tidy rules", () => {
  it("passes a clean pure-layer file (comments, strings, members and types named like the forbidden things)", () => {
    const clean = [
      "// Date.now(), Math.random() and process.env only appear in this comment.",
      'import type { ZodType } from "zod";',
      'import { type Ratio, ratio } from "../core/ratio.ts";',
      'import { split } from "./split.ts";',
      'export * from "../rates/apr.ts";',
      "/* console.log(parseFloat(x).toFixed(2)) */",
      "export interface Row { readonly date: number; readonly Date?: string }",
      "export function rows(r: Ratio, schema: ZodType, process: (n: number) => number): number[] {",
      '  const label = "new Date() Math.round(x) 2 ** 3 Number(x)";',
      "  const template = `$" + "{label}: setTimeout`;",
      "  const whole = Math.trunc(Math.abs(-1.5)) + Number.MAX_SAFE_INTEGER - Number.MAX_SAFE_INTEGER;",
      "  const ok = Number.isSafeInteger(whole) && template.length > 0 && schema !== undefined;",
      "  // float-ok: payment estimate for the solver's first guess, checked exactly afterwards",
      "  const guess = Math.pow(1.01, 12);",
      "  const scaled = guess ** 2; // float-ok: same estimate",
      "  return ok ? split(ratio(1n, 2n), r).map((x) => process(x + scaled)) : [];",
      "}",
    ].join("\n");
    expect(scanSource(clean, "src/schedule/fixture.ts")).toEqual([]);
  });

  it.each<[string, string, RuleId]>([
    ["new Date", "export const d = new Date(2024, 0, 1);", "no-date"],
    ["Date.now", "export const t = Date.now();", "no-date"],
    ["Date.UTC", "export const t = Date.UTC(2024, 0, 1);", "no-date"],
    ["Date as a type", "export function f(d: Date): void { void d; }", "no-date"],
    ["Math.random", "export const r = Math.random();", "no-random"],
    ["crypto", "export const id = crypto.randomUUID();", "no-crypto"],
    ["performance.now", "export const t = performance.now();", "no-performance"],
    ["process.", "export const tz = process.env.TZ;", "no-process"],
    ["console.", 'console.log("hi");', "no-console"],
    ["setTimeout", "setTimeout(() => {}, 1);", "no-timers"],
    ["setInterval", "setInterval(() => {}, 1);", "no-timers"],
    ["globalThis", "export const g = globalThis;", "no-global-this"],
    ["node: import", 'import { readFileSync } from "node:fs";', "no-io-import"],
    ["fs import", 'import fs from "fs";', "no-io-import"],
    ["path import", 'import path from "path";', "no-io-import"],
    ["http import", 'import * as http from "http";', "no-io-import"],
    ["type-only node: import", 'import type { Stats } from "node:fs";', "no-io-import"],
    ["dynamic node: import", 'export const m = await import("node:os");', "no-io-import"],
    ["runtime npm import", 'import { z } from "zod";', "npm-allow-list"],
    ["side-effect npm import", 'import "temporal-polyfill/global";', "npm-allow-list"],
    ["import from servicing (higher)", 'import { post } from "../servicing/post.ts";', "layer-order"],
    [
      "type-only import from app (higher)",
      'import type { Command } from "../app/command.ts";',
      "layer-order",
    ],
    ["re-export from cli (higher)", 'export { main } from "../cli/main.ts";', "layer-order"],
    ["import of the package entry", 'import { generateSchedule } from "../index.ts";', "layer-order"],
    ["import of the package by name", 'import { generateSchedule } from "tenor";', "layer-order"],
    ["import outside src/", 'import { peers } from "../../bench/peers.ts";', "layer-unknown"],
    ["import from an unknown layer", 'import { x } from "../util/x.ts";', "layer-unknown"],
    ["computed dynamic import", "export const load = (m: string) => import(m);", "layer-unknown"],
    ["parseFloat", 'export const x = parseFloat("1.5");', "float-money"],
    ["Number.parseFloat", 'export const x = Number.parseFloat("1.5");', "float-money"],
    ["toFixed(", "export const s = (1.5).toFixed(2);", "float-money"],
    ["Math.round(", "export const c = Math.round(1.5 * 100);", "float-money"],
    ["Math.pow(", "export const p = Math.pow(1.01, 12);", "float-money"],
    ["** operator", "export const p = 2 ** 53;", "float-money"],
    ["**= operator", "let p = 2; p **= 3; export { p };", "float-money"],
    ["Number( conversion", 'export const n = Number("12.5");', "float-money"],
    ["float-ok without a reason", "// float-ok:\nexport const c = Math.round(1.5);", "float-money"],
    ["float-ok without the colon", "export const c = Math.round(1.5); // float-ok", "float-money"],
    [
      "float-ok two lines above",
      "// float-ok: too far away\n\nexport const c = Math.round(1.5);",
      "float-money",
    ],
  ])("flags %s", (_name, source, rule) => {
    expect(rulesOf(source)).toEqual([rule]);
  });

  it("allows imports from the same and lower layers, and planning ↔ risk (same rank)", () => {
    const source = [
      'import { a } from "../core/a.ts";',
      'import { b } from "../rates/b.ts";',
      'import { c } from "../schedule/c.ts";',
      'import { d } from "../servicing/d.ts";',
      'import { e } from "./e.ts";',
      'import { f } from "../risk/f.ts";',
    ].join("\n");
    expect(rulesOf(source, "src/planning/fixture.ts")).toEqual([]);
    expect(rulesOf('import { a } from "../rates/a.ts";', "src/core/fixture.ts")).toEqual(["layer-order"]);
    expect(rulesOf('import { a } from "../../core/a.ts";', "src/schedule/methods/fixture.ts")).toEqual([]);
  });

  it("reports file:line:column and the rule, for multi-line imports at the statement's first line", () => {
    const source = [
      "// header",
      "import {",
      "  post,",
      "  reverse,",
      '} from "../servicing/post.ts";',
      "",
    ].join("\n");
    const [violation, ...rest] = scanSource(source, "src/schedule/fixture.ts");
    expect(rest).toEqual([]);
    expect(violation && formatViolation(violation)).toMatch(
      /^src\/schedule\/fixture\.ts:2:1 \[layer-order\] imports "\.\.\/servicing\/post\.ts" from the higher layer servicing\//,
    );
    const [floatViolation] = scanSource("\n\nconst x = 1;\nexport const y = Math.round(x);", "src/core/f.ts");
    expect(floatViolation && formatViolation(floatViolation)).toMatch(
      /^src\/core\/f\.ts:4:18 \[float-money\] /,
    );
  });

  it("does not treat a local binding or a destructured property as the global of the same name", () => {
    const source = [
      "export function run(process: (x: number) => number, console: { log(x: number): void }): void {",
      "  console.log(process(1));",
      "}",
      "export function pick({ Date: when, setTimeout: later }: { Date: number; setTimeout: number }): number {",
      "  return when + later;",
      "}",
    ].join("\n");
    expect(rulesOf(source)).toEqual([]);
  });
});
