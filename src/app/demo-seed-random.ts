// The demo seed's random numbers: mulberry32, a 32-bit seeded generator (Tommy Ettinger's public-domain
// mulberry32), so that the same seed always gives the same portfolio. Only whole numbers come out of it: every
// choice is an integer range, an index or a chance in percent, never a float amount.
export interface Random {
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** True `percent` times in a hundred. */
  chance(percent: number): boolean;
  /** One of the items. */
  pick<T>(items: readonly T[]): T;
  /** One of the keys, each as often as its weight (whole numbers). */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  // A whole number below `n` (n ≤ 2^32): the 32 random bits scaled without floating point.
  const below = (n: number): number => Number((BigInt(next()) * BigInt(n)) >> 32n);
  const random: Random = {
    int: (min, max) => min + below(max - min + 1),
    chance: (percent) => below(100) < percent,
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[below(items.length)] as (typeof items)[number];
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      let roll = below(entries.reduce((sum, [, weight]) => sum + weight, 0));
      for (const [key, weight] of entries) {
        if (roll < weight) return key;
        roll -= weight;
      }
      throw new Error("weights must be positive whole numbers");
    },
  };
  return random;
}
