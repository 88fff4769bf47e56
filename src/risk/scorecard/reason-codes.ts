// Reason codes (adverse-action style, research §3.1.6): for each characteristic, the points the applicant's
// bin is below the best bin of that characteristic; the largest shortfalls, at most four, are the reasons. A
// characteristic at its best bin gives no reason; equal shortfalls keep the model's order.
import type { ModelCharacteristic } from "./fitted-model-types.ts";
import type { ReasonCode } from "./scorecard-types.ts";

export const MAX_REASONS = 4;

export function reasonCodes(
  characteristics: readonly ModelCharacteristic[],
  binIndexes: readonly number[],
  limit = MAX_REASONS,
): ReasonCode[] {
  const shortfalls = characteristics.flatMap((characteristic, i) => {
    const bin = characteristic.bins[binIndexes[i] as number];
    if (bin === undefined) return [];
    const best = Math.max(...characteristic.bins.map((b) => b.points));
    const pointsLost = best - bin.points;
    if (pointsLost <= 0) return [];
    const missing = bin.rule.kind === "missing";
    const reason = missing ? characteristic.missingReason : characteristic.reason;
    const message = missing
      ? `${reason.message}.`
      : `${reason.message} (${characteristic.label}: ${bin.label}).`;
    return [
      {
        order: i,
        reason: {
          code: reason.code,
          characteristic: characteristic.label,
          bin: bin.label,
          pointsLost,
          message,
        },
      },
    ];
  });
  return shortfalls
    .sort((a, b) => b.reason.pointsLost - a.reason.pointsLost || a.order - b.order)
    .slice(0, limit)
    .map((entry) => entry.reason);
}
