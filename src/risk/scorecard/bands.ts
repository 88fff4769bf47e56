// Risk bands A–E of the credit scorecard (research §3.5), by score. With the default scaling the band edges
// stand for these probabilities of default: 620 ↔ 0.99 %, 600 ↔ 1.96 %, 570 ↔ 5.35 %, 550 ↔ 10.2 %
// (PD = 1 / (1 + e^((score − 487.123) / 28.8539))).

export interface ScoreBand {
  readonly band: string;
  /** The least score in the band; the bands are listed from the best down. */
  readonly minScore: number;
  readonly description: string;
}

export const SCORE_BANDS: readonly ScoreBand[] = [
  { band: "A", minScore: 620, description: "620 or more: PD about 1 % or less" },
  { band: "B", minScore: 600, description: "600–619: PD about 1–2 %" },
  { band: "C", minScore: 570, description: "570–599: PD about 2–5 %" },
  { band: "D", minScore: 550, description: "550–569: PD about 5–10 %" },
  { band: "E", minScore: Number.NEGATIVE_INFINITY, description: "under 550: PD above about 10 %" },
];

export function bandOf(score: number): string {
  return (SCORE_BANDS.find((band) => score >= band.minScore) ?? (SCORE_BANDS.at(-1) as ScoreBand)).band;
}
