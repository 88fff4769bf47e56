// A seeded pseudo-random generator for the scorecard's training (shuffles for cross-validation folds and the
// held-out split). Pure: the seed is an argument and the same seed always gives the same sequence, so training
// reproduces byte for byte. Not for anything secret — mulberry32 is a 32-bit statistical generator.
import { assert } from "../../core/errors.ts";

/** A draw in [0, 1); each call advances the generator's own state. */
export type Random = () => number;

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state advanced by the odd constant 0x6D2B79F5 and
 * mixed by two multiply-xorshift rounds. The seed is any safe integer; only its low 32 bits matter.
 */
export function seededRandom(seed: number): Random {
  assert(Number.isSafeInteger(seed), `seededRandom: the seed must be a safe integer, got ${seed}`);
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates shuffle of a copy of `items`: every order is equally likely for a uniform `random`. */
export function shuffled<T>(items: readonly T[], random: Random): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = result[i] as T;
    result[i] = result[j] as T;
    result[j] = a;
  }
  return result;
}
