// decimal.js as an independent oracle for Tenor's rounding: its own rounding modes, by Tenor's names.
import { Decimal } from "decimal.js";
import type { RoundingMode } from "../../src/core/rounding.ts";

export const DECIMAL_MODE: Record<RoundingMode, Decimal.Rounding> = {
  up: Decimal.ROUND_UP,
  down: Decimal.ROUND_DOWN,
  ceiling: Decimal.ROUND_CEIL,
  floor: Decimal.ROUND_FLOOR,
  "half-up": Decimal.ROUND_HALF_UP,
  "half-down": Decimal.ROUND_HALF_DOWN,
  "half-even": Decimal.ROUND_HALF_EVEN,
};
