// Sealing personal fields: what is stored does not show the plaintext, opens back to exactly it with the key
// that sealed it, and refuses to open when altered, moved to another field, or given the wrong key. The
// ciphertext's correctness is checked against node:crypto's AES-256-GCM used directly (the layout written out
// here: IV, ciphertext, tag), and the key formats by hand-written text.
import { createDecipheriv } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DataKeysError, dataKeysFor, formatDataKeys, newDataKeys, parseDataKeys } from "./data-keys.ts";
import { isSealed, openText, SealedTextError, sealedVersion, sealText } from "./sealed-text.ts";

const KEY_1 = Buffer.alloc(32, 1).toString("base64");
const KEY_2 = Buffer.alloc(32, 2).toString("base64");

describe("sealText / openText", () => {
  const keys = parseDataKeys(`1:${KEY_1},2:${KEY_2}`, "test keys");

  it("opens to exactly the plaintext, never shows it, and never seals twice alike", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ maxLength: 40 }), (plain, place) => {
        const sealed = sealText(keys, plain, place);
        expect(openText(keys, sealed, place)).toBe(plain);
        // Eight characters or more: a shorter text could turn up in the base64 by chance.
        if (plain.length >= 8) expect(sealed).not.toContain(plain);
        expect(sealText(keys, plain, place)).not.toBe(sealed);
        expect(sealedVersion(sealed)).toBe(2);
      }),
      { numRuns: 500 },
    );
  });

  it("is AES-256-GCM with the place as additional data: node:crypto opens the layout directly", () => {
    const sealed = sealText(keys, "Ana María Pérez", "borrowers/t1/bor_1/name");
    const [scheme, format, version, body] = sealed.split(":");
    expect([scheme, format, version]).toEqual(["sealed", "1", "2"]);
    const bytes = Buffer.from(body as string, "base64url");
    const decipher = createDecipheriv("aes-256-gcm", Buffer.alloc(32, 2), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from("borrowers/t1/bor_1/name"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const plain = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    expect(plain.toString("utf8")).toBe("Ana María Pérez");
    // 12 bytes of IV + 16 of UTF-8 text + 16 of tag.
    expect(bytes.length).toBe(12 + Buffer.byteLength("Ana María Pérez") + 16);
  });

  it("refuses a value moved to another field, altered, or opened with another key of its version", () => {
    const sealed = sealText(keys, "Li Wei", "borrowers/t1/bor_1/name");
    expect(() => openText(keys, sealed, "borrowers/t1/bor_2/name")).toThrow(SealedTextError);
    expect(() => openText(keys, sealed, "borrowers/t1/bor_2/name")).toThrow(/borrowers\/t1\/bor_2\/name/);
    const body = sealed.slice("sealed:1:2:".length);
    const flipped = `sealed:1:2:${body.slice(0, 20)}${body[20] === "A" ? "B" : "A"}${body.slice(21)}`;
    expect(() => openText(keys, flipped, "borrowers/t1/bor_1/name")).toThrow(/cannot be opened/);
    const other = parseDataKeys(`2:${KEY_1}`, "other keys");
    expect(() => openText(other, sealed, "borrowers/t1/bor_1/name")).toThrow(/key version 2 \(other keys\)/);
    expect(() => openText(keys, "sealed:1:2:AAAA", "p")).toThrow(/too short/);
  });

  it("names a key version it does not hold, and opens an old version's value after a rotation", () => {
    const before = parseDataKeys(`1:${KEY_1}`, "old keys");
    const sealed = sealText(before, "Zhang San", "p");
    expect(sealedVersion(sealed)).toBe(1);
    const rotated = parseDataKeys(`2:${KEY_2},1:${KEY_1}`, "rotated keys");
    expect(rotated.current).toBe(2);
    expect(openText(rotated, sealed, "p")).toBe("Zhang San");
    const dropped = parseDataKeys(`2:${KEY_2}`, "new keys");
    expect(() => openText(dropped, sealed, "p")).toThrow(
      "p: sealed with key version 1, which new keys does not hold (it holds 2); add that key to open it",
    );
  });

  it("reads a value written before sealing as it is", () => {
    expect(isSealed("Jane Doe")).toBe(false);
    expect(openText(keys, "Jane Doe", "p")).toBe("Jane Doe");
    expect(sealedVersion("Jane Doe")).toBeUndefined();
  });
});

describe("data keys", () => {
  it("reads version:key pairs; the highest version seals", () => {
    const keys = parseDataKeys(` 3:${KEY_1} ,\n1:${KEY_2}\n`, "TENOR_DATA_KEYS");
    expect(keys.current).toBe(3);
    expect([...keys.keys.keys()].sort()).toEqual([1, 3]);
    expect(formatDataKeys(keys)).toBe(`1:${KEY_2},3:${KEY_1}`);
  });

  it("refuses malformed keys, naming where they came from and what is allowed, without echoing a key", () => {
    const refusals: [string, RegExp][] = [
      ["", /TENOR_DATA_KEYS: no key; expected version:key pairs/],
      [KEY_1, /key version "" must be a whole number from 1 to 65535/],
      [`0:${KEY_1}`, /key version "0" must be a whole number from 1 to 65535/],
      [`65536:${KEY_1}`, /key version "65536"/],
      ["1:c2hvcnQ=", /key version 1 must be 32 bytes in base64 \(44 characters; got 8 characters\)/],
      [`1:${KEY_1.slice(0, -2)}!!`, /key version 1 must be 32 bytes in base64/],
      [`1:${KEY_1},1:${KEY_2}`, /key version 1 is listed twice/],
    ];
    for (const [text, message] of refusals) {
      expect(() => parseDataKeys(text, "TENOR_DATA_KEYS")).toThrow(DataKeysError);
      expect(() => parseDataKeys(text, "TENOR_DATA_KEYS")).toThrow(message);
      try {
        parseDataKeys(text, "TENOR_DATA_KEYS");
      } catch (error) {
        expect(String(error)).not.toContain(KEY_1.slice(0, 20));
      }
    }
  });

  it("reads a key file, or creates it once (owner-only) and reads the same key back after", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "tenor-keys-"));
    try {
      const given = path.join(dir, "given.keys");
      writeFileSync(given, `4:${KEY_2}\n`);
      const read = dataKeysFor({ kind: "server", env: { TENOR_DATA_KEYS_FILE: given } });
      expect(read.current).toBe(4);
      expect(read.source).toBe(`key file ${given}`);
      const dataDir = path.join(dir, "db");
      const created = dataKeysFor({ kind: "embedded", dataDir, env: {} });
      expect(statSync(`${dataDir}.keys`).mode & 0o777).toBe(0o600);
      expect(readFileSync(`${dataDir}.keys`, "utf8")).toBe(`${formatDataKeys(created)}\n`);
      const again = dataKeysFor({ kind: "embedded", dataDir, env: {} });
      expect(again.keys.get(1)).toEqual(created.keys.get(1));
      expect(readdirSync(dir).sort()).toEqual(["db.keys", "given.keys"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes TENOR_DATA_KEYS first, and a new key for an in-memory database", () => {
    const fromEnv = dataKeysFor({ kind: "server", env: { TENOR_DATA_KEYS: `7:${KEY_1}` } });
    expect(fromEnv.current).toBe(7);
    expect(fromEnv.source).toBe("TENOR_DATA_KEYS");
    const memory = dataKeysFor({ kind: "embedded", env: {} });
    expect(memory.keys.get(1)?.length).toBe(32);
    expect(dataKeysFor({ kind: "embedded", env: {} }).keys.get(1)).not.toEqual(memory.keys.get(1));
    const explicit = newDataKeys("explicit");
    expect(dataKeysFor({ kind: "server", dataKeys: explicit, env: { TENOR_DATA_KEYS: `7:${KEY_1}` } })).toBe(
      explicit,
    );
  });
});
