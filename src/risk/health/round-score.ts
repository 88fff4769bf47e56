// Scores are shown with two decimals (the seed article prints 67.85); every score and point figure the health
// models return goes through here, so the rounding is the same everywhere.

/** `score` rounded to 2 decimals (halves up). Scores are not money: a float is fine here. */
export function roundScore(score: number): number {
  return Math.round(score * 100) / 100; // float-ok: a score, not money
}
