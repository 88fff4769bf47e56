// Drawing helpers for fast-check generators written with `fc.gen()`. Every draw goes through two fixed
// arbitraries (fc.gen caches arbitraries by their arguments, and looking up thousands of distinct {min, max}
// pairs is slow); a draw of 0 gives `min`, so shrinking still heads to the simplest choice.
import fc from "fast-check";

export type G = fc.GeneratorValue;

const U31 = fc.integer({ min: 0, max: 0x7fffffff });
const U64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
const u31 = () => U31;
const u64 = () => U64;

export const int = (g: G, min: number, max: number): number =>
  max <= min ? min : min + (g(u31) % (max - min + 1));

/** True with probability p; a draw of 0 (where shrinking heads) gives false, so features shrink away. */
export const chance = (g: G, p: number): boolean => int(g, 0, 9999) >= (1 - p) * 10000;

export const bigint = (g: G, min: bigint, max: bigint): bigint =>
  max <= min ? min : min + (g(u64) % (max - min + 1n));

export function pick<T>(g: G, items: readonly T[]): T {
  return items[int(g, 0, items.length - 1)] as T;
}

export function weighted<T>(g: G, options: readonly (readonly [number, T])[]): T {
  const total = options.reduce((a, [w]) => a + w, 0);
  let x = int(g, 0, total - 1);
  for (const [w, value] of options) {
    if (x < w) return value;
    x -= w;
  }
  throw new Error("unreachable");
}
