// The policy presets by id, and `resolvePolicy`, which turns what a caller passes as "policy" (a preset id, a
// policy document, or nothing) into a validated `PolicyProfile`.
import { TenorError } from "../core/errors.ts";
import { didYouMean } from "../schedule/terms-parser/did-you-mean.ts";
import { parsePolicyProfile } from "./parse-policy-profile.ts";
import { PRESET_DOCUMENTS } from "./policies/presets.ts";
import type { PolicyProfile } from "./policy-profile.ts";

/** The preset ids: "default", "us", "uk", "cn", "in", "hk", "ca". */
export const POLICY_IDS: readonly string[] = Object.freeze(Object.keys(PRESET_DOCUMENTS));

export const DEFAULT_POLICY_ID = "default";

const parsed = new Map<string, PolicyProfile>();

/** The preset `id`, parsed (once) by the same parser as a caller's policy; undefined for an unknown id. */
export function presetPolicy(id: string): PolicyProfile | undefined {
  if (!Object.hasOwn(PRESET_DOCUMENTS, id)) return undefined;
  let policy = parsed.get(id);
  if (policy === undefined) {
    policy = parsePolicyProfile(PRESET_DOCUMENTS[id]);
    parsed.set(id, policy);
  }
  return policy;
}

/**
 * A policy from what a caller passed: undefined → the "default" preset; a string → the preset of that id
 * (an unknown id is refused with the list of known ids); an object → a policy document, validated by
 * `parsePolicyProfile` (it may `extend` a preset). Issues name `field` ("policy" unless told otherwise) and
 * its sub-fields ("policy.maxPercent"). Throws `TenorError("INVALID_POLICY", issues)`.
 */
export function resolvePolicy(value: unknown, field = "policy"): PolicyProfile {
  if (value === undefined) return presetPolicy(DEFAULT_POLICY_ID) as PolicyProfile;
  if (typeof value === "string") {
    const preset = presetPolicy(value);
    if (preset !== undefined) return preset;
    throw new TenorError("INVALID_POLICY", [
      {
        field,
        value,
        message: `is not a known policy${didYouMean(value, POLICY_IDS)}; known: ${POLICY_IDS.join(", ")} (or pass a policy object)`,
      },
    ]);
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return parsePolicyProfile(value, field);
  }
  throw new TenorError("INVALID_POLICY", [
    {
      field,
      value,
      message: `must be a preset id (${POLICY_IDS.join(", ")}) or a policy object such as {"extends": "default", "id": "my-bank", "maxPercent": "45"}`,
    },
  ]);
}
