// The two limits of one month's capacity, kept apart so that the explanation can show the figures of each.
import { mulRatio, type Ratio, ratioFromInt } from "../core/ratio.ts";
import { floorAmount, type ResolvedFloor } from "./capacity-floor.ts";
import type { BindingLimit } from "./capacity-types.ts";
import { floorMinor } from "./income-projection.ts";

export interface MonthLimits {
  /** ⌊cap × basis⌋ − debt: the most new debt service the ratio cap leaves. */
  readonly ratioLimit: number;
  /** net − essential − debt − floor: the most the residual-income floor leaves. */
  readonly residualLimit: number;
  readonly floorMinor: number;
  readonly capacity: number;
  /** The lower of the two; on a tie the ratio cap is named. */
  readonly binding: BindingLimit;
}

export function limits(
  cap: Ratio,
  basisMinor: number,
  netMinor: number,
  essentialMinor: number,
  debtMinor: number,
  floor: ResolvedFloor,
): MonthLimits {
  const ratioLimit = floorMinor(mulRatio(cap, ratioFromInt(basisMinor))) - debtMinor;
  const floorValue = floorAmount(floor, netMinor);
  const residualLimit = netMinor - essentialMinor - debtMinor - floorValue;
  const binding: BindingLimit = ratioLimit <= residualLimit ? "ratio" : "residual";
  return {
    ratioLimit,
    residualLimit,
    floorMinor: floorValue,
    capacity: Math.min(ratioLimit, residualLimit),
    binding,
  };
}
