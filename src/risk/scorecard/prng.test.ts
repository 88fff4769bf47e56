import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seededRandom, shuffled } from "./prng.ts";

/** mulberry32 written again with BigInt arithmetic modulo 2^32: an independent reference. */
function referenceMulberry32(seed: number, count: number): number[] {
  const m = 2n ** 32n;
  let state = ((BigInt(seed) % m) + m) % m;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5n) % m;
    let t = ((state ^ (state >> 15n)) * (state | 1n)) % m;
    t = ((t + (((t ^ (t >> 7n)) * (t | 61n)) % m)) % m) ^ t;
    out.push(Number(t ^ (t >> 14n)) / 2 ** 32);
  }
  return out;
}

describe("seededRandom", () => {
  it("matches an independent BigInt implementation of mulberry32", () => {
    for (const seed of [0, 1, 5, 42, 2 ** 31 - 1, 123456789]) {
      const random = seededRandom(seed);
      const draws = Array.from({ length: 50 }, () => random());
      expect(draws).toEqual(referenceMulberry32(seed, 50));
    }
  });

  it("repeats for the same seed, differs for another, and stays in [0, 1)", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const drawsA = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(drawsA);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(drawsA);
    expect(drawsA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("fills ten equal buckets evenly (χ² well under the 0.1 % critical value 27.9 for 9 df)", () => {
    const random = seededRandom(5);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const bucket = Math.floor(random() * 10);
      counts[bucket] = (counts[bucket] as number) + 1;
    }
    const chiSquare = counts.reduce((sum, count) => sum + (count - 10_000) ** 2 / 10_000, 0);
    expect(chiSquare).toBeLessThan(27.9);
  });
});

describe("shuffled", () => {
  it("returns a permutation of its input and leaves the input alone", () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (items, seed) => {
        const copy = [...items];
        const result = shuffled(items, seededRandom(seed));
        expect(items).toEqual(copy);
        expect([...result].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});
