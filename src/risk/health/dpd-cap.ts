// The improved model's ceiling by current days past due, and its bands (research §4.2): with the caps one point
// below each band's floor, a loan in arrears can never look "Healthy", nor one 31+ days late "Watch".

export type HealthBand = "Healthy" | "Watch" | "Stressed" | "Critical";

/** The highest score a loan `daysPastDue` days past due can have: current 100, 1–30 74, 31–60 49, 61–90 24, 90+ 9. */
export function dpdCap(daysPastDue: number): number {
  if (daysPastDue <= 0) return 100;
  if (daysPastDue <= 30) return 74;
  if (daysPastDue <= 60) return 49;
  if (daysPastDue <= 90) return 24;
  return 9;
}

/** Healthy ≥ 75, Watch 50–74, Stressed 25–49, Critical < 25 (a fractional score takes the band it reaches). */
export function healthBand(score: number): HealthBand {
  if (score >= 75) return "Healthy";
  if (score >= 50) return "Watch";
  if (score >= 25) return "Stressed";
  return "Critical";
}
