// Weight of evidence and information value of one characteristic's bins (research §3.1.2):
//   WOE_b = ln( (g_b + 0.5)/(G + 0.5·n) ÷ (b_b + 0.5)/(B + 0.5·n) ),   IV = Σ_b (%good_b − %bad_b)·WOE_b
// where g_b, b_b are the goods and bads of bin b, G, B their totals and n the number of bins. The 0.5 added to
// every cell (as SAS PROC HPBIN does) keeps a bin with no goods or no bads finite. WOE is ln(good/bad): a
// positive WOE marks a bin safer than average.

export interface BinCounts {
  readonly goods: number;
  readonly bads: number;
}

export interface WoeTable {
  /** One WOE per bin, in the bins' order. */
  readonly woe: readonly number[];
  /** Each bin's share of the IV, (%good − %bad)·WOE, always ≥ 0. */
  readonly ivParts: readonly number[];
  readonly iv: number;
}

export function woeTable(bins: readonly BinCounts[]): WoeTable {
  const n = bins.length;
  const totalGoods = bins.reduce((sum, bin) => sum + bin.goods, 0);
  const totalBads = bins.reduce((sum, bin) => sum + bin.bads, 0);
  const woe: number[] = [];
  const ivParts: number[] = [];
  for (const bin of bins) {
    const shareGood = (bin.goods + 0.5) / (totalGoods + 0.5 * n);
    const shareBad = (bin.bads + 0.5) / (totalBads + 0.5 * n);
    const w = Math.log(shareGood / shareBad);
    woe.push(w);
    ivParts.push((shareGood - shareBad) * w);
  }
  return { woe, ivParts, iv: ivParts.reduce((sum, part) => sum + part, 0) };
}

/** The conventional reading of an IV (Siddiqi): < 0.02 useless … > 0.5 suspiciously strong (check for leakage). */
export function ivStrength(iv: number): "useless" | "weak" | "medium" | "strong" | "suspicious" {
  if (iv < 0.02) return "useless";
  if (iv < 0.1) return "weak";
  if (iv < 0.3) return "medium";
  if (iv <= 0.5) return "strong";
  return "suspicious";
}
