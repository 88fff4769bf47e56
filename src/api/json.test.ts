import { describe, expect, it } from "vitest";
import { canonicalJson, jsonDepth, jsonText, MAX_JSON_DEPTH, requestFingerprint } from "./json.ts";

describe("JSON at the boundary", () => {
  it("writes bigints as decimal text, beyond 2^53 exactly", () => {
    expect(jsonText({ amount: 2n ** 53n + 1n, list: [1n] })).toBe(
      '{"amount":"9007199254740993","list":["1"]}',
    );
  });

  it("writes object keys in one order at every level, arrays as they are", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(requestFingerprint("POST", "/v1/x", { a: 1, b: 2 })).toBe(
      requestFingerprint("POST", "/v1/x", { b: 2, a: 1 }),
    );
    expect(requestFingerprint("POST", "/v1/x", { a: 1 })).not.toBe(
      requestFingerprint("POST", "/v1/y", { a: 1 }),
    );
    expect(requestFingerprint("POST", "/v1/x", undefined)).not.toBe(requestFingerprint("POST", "/v1/x", {}));
  });

  it("measures nesting without recursing, stopping past the limit", () => {
    expect(jsonDepth("text")).toBe(0);
    expect(jsonDepth({ a: [1, { b: {} }] })).toBe(4);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
  });
});
