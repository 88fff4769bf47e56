// Rounding of model statistics (WOE, coefficients, rates) for the committed model and its labels: fixed
// decimals keep the generated files short and identical from run to run. Statistics only — never money.

/** `value` rounded half away from zero to `decimals` decimals; −0 becomes 0. */
export function roundTo(value: number, decimals: number): number {
  const scale = 10 ** decimals; // float-ok: statistics, not money
  // float-ok: statistics, not money
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * scale)) / scale;
  return rounded === 0 ? 0 : rounded;
}

/** Decimal text with at most `decimals` decimals and no trailing zeros: 42.4, 5, 0.125. */
export function decimalText(value: number, decimals: number): string {
  // float-ok: display of a statistic, not money
  const fixed = roundTo(value, decimals).toFixed(decimals);
  return decimals === 0 ? fixed : fixed.replace(/\.?0+$/, "");
}
