// The residual-income floor of a policy for one borrower: what must remain of a month's net income after
// essential spending, existing debts and the new installment.

import { fail } from "../core/errors.ts";
import type { Ratio } from "../core/ratio.ts";
import { mulRatio, ratioFromInt } from "../core/ratio.ts";
import type { BorrowerProfile } from "./borrower-profile.ts";
import { ceilMinor } from "./income-projection.ts";
import type { PolicyProfile, ResidualFloor } from "./policy-profile.ts";

/** How the floor is set for this borrower, resolved once: a share of each month's income, or a fixed amount. */
export type ResolvedFloor =
  | { readonly kind: "share"; readonly share: Ratio }
  | {
      readonly kind: "fixed";
      readonly amountMinor: number;
      /** The table row used ("US-NE"), when the floor comes from a table. */
      readonly tableRegion: string | undefined;
      /** Whether the region was not in the table and the highest row was used. */
      readonly fallback: boolean;
    };

/** Whether the floor holds amounts of money (and so ties the policy to a currency). */
export function floorHasAmounts(floor: ResidualFloor): boolean {
  return floor.kind !== "share-of-income";
}

/**
 * The floor for `profile`'s household size and region. A table row is found by the profile's region, exactly
 * or ignoring case; a region not in the table (or none) uses the highest amount for the household size across
 * the table's rows when the policy says `fallback: "highest"`, and is refused (INVALID_PROFILE, `region`)
 * when it says `"refuse"`. Household sizes past the table's last column add `perExtraMemberMinor` each.
 */
export function resolveFloor(policy: PolicyProfile, profile: BorrowerProfile): ResolvedFloor {
  const floor = policy.residualFloor;
  const size = profile.householdSize;
  switch (floor.kind) {
    case "share-of-income":
      return { kind: "share", share: floor.share };
    case "amount":
      return {
        kind: "fixed",
        amountMinor: floor.amountMinor + floor.perExtraMemberMinor * (size - 1),
        tableRegion: undefined,
        fallback: false,
      };
    case "table": {
      const regions = Object.keys(floor.amountsMinor);
      const wanted = profile.region?.toUpperCase();
      const region = regions.find((candidate) => candidate.toUpperCase() === wanted);
      if (region !== undefined) {
        return {
          kind: "fixed",
          amountMinor: tableAmount(floor.amountsMinor[region] ?? [], size, floor.perExtraMemberMinor),
          tableRegion: region,
          fallback: false,
        };
      }
      if (floor.fallback === "refuse") {
        fail(
          "INVALID_PROFILE",
          "region",
          profile.region,
          `must be one of the regions of policy "${policy.id}": ${regions.join(", ")}`,
        );
      }
      const highest = Math.max(
        ...regions.map((name) =>
          tableAmount(floor.amountsMinor[name] ?? [], size, floor.perExtraMemberMinor),
        ),
      );
      return { kind: "fixed", amountMinor: highest, tableRegion: undefined, fallback: true };
    }
  }
}

/** amounts[size − 1], or the last column plus perExtraMember for each member beyond it. */
export function tableAmount(row: readonly number[], size: number, perExtraMemberMinor: number): number {
  const last = row.length;
  if (size <= last) return row[size - 1] as number;
  return (row[last - 1] as number) + perExtraMemberMinor * (size - last);
}

/** The floor in a month with `netIncomeMinor` of net income (a share rounds up). */
export function floorAmount(floor: ResolvedFloor, netIncomeMinor: number): number {
  return floor.kind === "share"
    ? ceilMinor(mulRatio(floor.share, ratioFromInt(Math.max(0, netIncomeMinor))))
    : floor.amountMinor;
}
