// Splitting an amount into equal parts (docs/reference/schedule-rules.md §6).
import { type RoundingMode, roundDiv, roundDivBig, toSafeNumber } from "../core/rounding.ts";

export type ResidualRule = "last" | "first" | "spread" | "none";

export interface SplitResult {
  readonly parts: number[];
  /** What the residual rule moved (the residual of `last`/`first`/`none`, or the sub-step rest of `spread`). */
  readonly residualMinor: number;
  /** True when `last`/`first`/`none` would have made a part negative and `spread` was used instead. */
  readonly stepTooLarge: boolean;
}

/** Splits `amountMinor` (≥ 0) into `count` parts rounded to the step, placing the residual by `residual`. */
export function splitAmount(
  amountMinor: number,
  count: number,
  stepMinor: number,
  mode: RoundingMode,
  residual: ResidualRule,
): SplitResult {
  if (residual !== "spread") {
    const part = divideRound(amountMinor, count, stepMinor, mode) * stepMinor;
    const rest = amountMinor - part * count;
    if (part + rest >= 0) {
      const parts = new Array<number>(count).fill(part);
      const index = residual === "first" ? 0 : count - 1;
      parts[index] = part + rest;
      return { parts, residualMinor: rest, stepTooLarge: false };
    }
  }
  const base = divideRound(amountMinor, count, stepMinor, "floor") * stepMinor;
  const extraSteps = roundDiv(amountMinor - base * count, stepMinor, "floor");
  const parts = new Array<number>(count);
  for (let i = 0; i < count; i++) parts[i] = i < extraSteps ? base + stepMinor : base;
  const rest = amountMinor - base * count - extraSteps * stepMinor;
  parts[count - 1] = (parts[count - 1] as number) + rest;
  return { parts, residualMinor: rest, stepTooLarge: residual !== "spread" };
}

/** Equal parts in minor units, the remainder in the last part. */
export function splitMinor(amountMinor: number, count: number): number[] {
  const part = roundDiv(amountMinor, count, "floor");
  const parts = new Array<number>(count).fill(part);
  parts[count - 1] = amountMinor - part * (count - 1);
  return parts;
}

/** round(amount / (count × step)) exactly, even when count × step is not a safe integer. */
function divideRound(amountMinor: number, count: number, stepMinor: number, mode: RoundingMode): number {
  const divisor = count * stepMinor;
  if (divisor <= Number.MAX_SAFE_INTEGER) return roundDiv(amountMinor, divisor, mode);
  return toSafeNumber(roundDivBig(BigInt(amountMinor), BigInt(count) * BigInt(stepMinor), mode));
}
