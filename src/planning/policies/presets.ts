// The policy presets Tenor ships, as the JSON documents a caller could write: each goes through
// `parsePolicyProfile` like any caller-supplied policy (policy-registry.ts), so a preset cannot hold a value
// the parser would refuse.
import ca from "./ca.json" with { type: "json" };
import cn from "./cn.json" with { type: "json" };
import defaultPolicy from "./default.json" with { type: "json" };
import hk from "./hk.json" with { type: "json" };
import india from "./in.json" with { type: "json" };
import uk from "./uk.json" with { type: "json" };
import us from "./us.json" with { type: "json" };

/** Preset documents by id, in the order they are listed to users. */
export const PRESET_DOCUMENTS: Readonly<Record<string, unknown>> = {
  default: defaultPolicy,
  us,
  uk,
  cn,
  in: india,
  hk,
  ca,
};
