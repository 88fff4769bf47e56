// Runs every ```ts example in docs/ and README.md, so documentation cannot drift from the code. Each example
// imports from "tenor" (the package name); here that name points at src/index.ts.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCRATCH = path.join(ROOT, "test", ".doc-examples");

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith(".md") ? [full] : [];
  });
}

function examples(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] as string);
}

const files = [path.join(ROOT, "README.md"), ...markdownFiles(path.join(ROOT, "docs"))];
const index = pathToFileURL(path.join(ROOT, "src", "index.ts")).href;

describe("documentation examples", () => {
  mkdirSync(SCRATCH, { recursive: true });
  afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

  it("finds examples to run", () => {
    expect(files.flatMap(examples).length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    examples(file).forEach((source, number) => {
      const name = `${path.relative(ROOT, file)} example ${number + 1}`;
      it(name, async () => {
        const runnable = source.replaceAll(/from "tenor"/g, `from ${JSON.stringify(index)}`);
        const target = path.join(SCRATCH, `${name.replaceAll(/[^a-z0-9]+/gi, "-")}.ts`);
        writeFileSync(target, runnable);
        await import(pathToFileURL(target).href);
      });
    });
  }
});
