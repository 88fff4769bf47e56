import { type Ratio, ratio } from "../../core/ratio.ts";

/** A percent as written (12.5) to the fraction it stands for (12.5/100). */
export function percentToFraction(percent: Ratio): Ratio {
  return ratio(percent.num, percent.den * 100n);
}
