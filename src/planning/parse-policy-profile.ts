// Reads an affordability policy profile document (docs/reference/policy-profiles.md) into a `PolicyProfile`.
// The presets (policies/*.json) and a caller's own policy go through this same parser. A document may start
// from a preset with `"extends": "<preset id>"`: the preset's fields are the defaults, the document's override
// them (a `residualFloor` given replaces the preset's whole).
import { assert, prefixIssue, TenorError } from "../core/errors.ts";
import { compareRatio, type Ratio, ratioFromInt } from "../core/ratio.ts";
import { didYouMean } from "../schedule/terms-parser/did-you-mean.ts";
import { percentToFraction } from "../schedule/terms-parser/percent-to-fraction.ts";
import { readCurrency } from "../schedule/terms-parser/read-currency.ts";
import {
  allValid,
  type Fields,
  INVALID,
  isPlainObject,
  type Parsed,
  TermsReader,
} from "../schedule/terms-parser/terms-reader.ts";
import { PRESET_DOCUMENTS } from "./policies/presets.ts";
import type { PolicyProfile, PolicySource } from "./policy-profile.ts";
import { readResidualFloor } from "./profile-parser/read-residual-floor.ts";

const POLICY_FIELDS = [
  "extends",
  "id",
  "name",
  "jurisdiction",
  "version",
  "effectiveFrom",
  "sources",
  "notes",
  "currency",
  "incomeBasis",
  "comfortPercent",
  "maxPercent",
  "stressedMaxPercent",
  "incomeShockPercent",
  "rateShockPoints",
  "minimumStressRatePercent",
  "residualFloor",
  "maxTermMonths",
  "allowBalloon",
  "allowInterestOnly",
  "prepaymentBufferMonths",
];
const POLICY_EXAMPLE =
  '{"extends": "default", "id": "my-bank", "effectiveFrom": "2026-01-01", "maxPercent": "45"}';
const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
const MAX_RATE_SHOCK_POINTS = 20;
export const MAX_POLICY_TERM_MONTHS = 1200;
const MAX_BUFFER_MONTHS = 36;

/**
 * Validates a policy profile document and returns the policy with every default applied. Throws
 * `TenorError("INVALID_POLICY", issues)` listing every problem, each naming the dotted field (prefixed by
 * `field` when given, e.g. "policy.maxPercent"), the value received and what is allowed.
 */
export function parsePolicyProfile(document: unknown, field?: string): PolicyProfile {
  const reader = new TermsReader();
  const policy = readPolicy(reader, document);
  if (reader.issues.length > 0) {
    const issues =
      field === undefined ? reader.issues : reader.issues.map((issue) => prefixIssue(issue, field));
    throw new TenorError("INVALID_POLICY", issues);
  }
  assert(policy !== INVALID, "parsePolicyProfile: invalid policy without an issue");
  return policy;
}

function readPolicy(r: TermsReader, document: unknown): Parsed<PolicyProfile> {
  const given = r.object(document, "(document)", POLICY_FIELDS, POLICY_EXAMPLE);
  if (given === INVALID) return INVALID;
  const doc = withPreset(r, given);
  if (doc === INVALID) return INVALID;

  // Read in the order of the fields in the documentation, so that issues come in that order too.
  const id = readId(r, doc.id);
  const name = readText(r, doc.name ?? doc.id, "name", 200, "My bank's affordability policy");
  const jurisdiction = readText(r, doc.jurisdiction ?? "custom", "jurisdiction", 64, "US");
  const version = readText(r, doc.version ?? "1", "version", 32, "2026.1");
  const effectiveFrom = readEffectiveFrom(r, doc.effectiveFrom);
  const sources = readSources(r, doc.sources);
  const notes = readText(r, doc.notes ?? "", "notes", 4000, "…", true);
  const currency = doc.currency === undefined ? undefined : readCurrency(r, doc.currency);
  const floorKind = isPlainObject(doc.residualFloor) ? doc.residualFloor.kind : undefined;
  if (currency === undefined && (floorKind === "amount" || floorKind === "table")) {
    r.missing("currency", 'the ISO 4217 code the residual-income amounts are in, such as "USD"');
  }
  const incomeBasis = r.oneOf(doc.incomeBasis, "incomeBasis", ["net", "gross"] as const, "net");
  // The comfort and stressed caps default to the cap itself.
  const max = readShare(r, doc.maxPercent, "maxPercent");
  const comfort = doc.comfortPercent === undefined ? max : readShare(r, doc.comfortPercent, "comfortPercent");
  if (comfort !== INVALID && max !== INVALID && compareRatio(comfort, max) > 0) {
    r.report("comfortPercent", doc.comfortPercent, `must be at most maxPercent (${String(doc.maxPercent)})`);
  }
  const stressedMax =
    doc.stressedMaxPercent === undefined ? max : readShare(r, doc.stressedMaxPercent, "stressedMaxPercent");
  const incomeShock = readPercentUpTo(r, doc.incomeShockPercent ?? "0", "incomeShockPercent", 100, false);
  const rateShock = readPercentUpTo(
    r,
    doc.rateShockPoints ?? "0",
    "rateShockPoints",
    MAX_RATE_SHOCK_POINTS,
    true,
  );
  const minimumStressRate =
    doc.minimumStressRatePercent === undefined
      ? undefined
      : readPercentUpTo(r, doc.minimumStressRatePercent, "minimumStressRatePercent", 100, true);
  const residualFloor = readResidualFloor(r, doc.residualFloor, currency);
  const policy = {
    id,
    name,
    jurisdiction,
    version,
    effectiveFrom,
    sources,
    notes,
    currency: currency === undefined || currency === INVALID ? currency : currency.code,
    incomeBasis,
    comfortRatio: comfort,
    maxRatio: max,
    stressedMaxRatio: stressedMax,
    incomeShock: incomeShock === INVALID ? INVALID : percentToFraction(incomeShock),
    rateShockPoints: rateShock,
    minimumStressRatePercent: minimumStressRate,
    residualFloor,
    maxTermMonths:
      doc.maxTermMonths === undefined
        ? undefined
        : r.integer(doc.maxTermMonths, "maxTermMonths", 1, MAX_POLICY_TERM_MONTHS),
    allowBalloon: r.boolean(doc.allowBalloon, "allowBalloon", true),
    allowInterestOnly: r.boolean(doc.allowInterestOnly, "allowInterestOnly", true),
    prepaymentBufferMonths: r.integer(
      doc.prepaymentBufferMonths,
      "prepaymentBufferMonths",
      0,
      MAX_BUFFER_MONTHS,
      3,
    ),
  };
  if (Object.values(policy).some((part) => part === INVALID)) return INVALID;
  return policy as PolicyProfile;
}

/** The document over its preset's fields when it says `extends`. */
function withPreset(r: TermsReader, doc: Fields): Parsed<Fields> {
  if (doc.extends === undefined) return doc;
  const ids = Object.keys(PRESET_DOCUMENTS);
  const preset = typeof doc.extends === "string" ? PRESET_DOCUMENTS[doc.extends] : undefined;
  if (!isPlainObject(preset) || !Object.hasOwn(PRESET_DOCUMENTS, doc.extends as string)) {
    const hint = typeof doc.extends === "string" ? didYouMean(doc.extends, ids) : "";
    return r.report("extends", doc.extends, `must be a preset id: ${ids.join(", ")}${hint}`);
  }
  const merged: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(preset)) merged[key] = value;
  for (const [key, value] of Object.entries(doc)) if (key !== "extends") merged[key] = value;
  return merged;
}

function readId(r: TermsReader, value: unknown): Parsed<string> {
  const allowed = 'an id of 1 to 32 lower-case letters, digits and hyphens such as "my-bank"';
  if (value === undefined) return r.missing("id", allowed);
  return typeof value === "string" && ID_PATTERN.test(value)
    ? value
    : r.report("id", value, `must be ${allowed}`);
}

function readText(
  r: TermsReader,
  value: unknown,
  field: string,
  maxLength: number,
  example: string,
  emptyAllowed = false,
): Parsed<string> {
  const allowed = `a text of ${emptyAllowed ? 0 : 1} to ${maxLength} characters such as "${example}"`;
  if (typeof value === "string" && value.length <= maxLength && (emptyAllowed || value.trim() !== "")) {
    return value;
  }
  return r.report(field, value, `must be ${allowed}`);
}

/** `effectiveFrom`: a date that exists, kept as its ISO text. */
function readEffectiveFrom(r: TermsReader, value: unknown): Parsed<string> {
  const day = r.date(value, "effectiveFrom");
  return day === INVALID ? INVALID : (value as string);
}

/** `sources`: `[{"title": …, "url": …}]`, none by default. */
function readSources(r: TermsReader, value: unknown): Parsed<readonly PolicySource[]> {
  if (value === undefined) return [];
  const example = '[{"title": "Lending policy 2026", "url": "https://example.com/policy"}]';
  const items = r.array(value, "sources", example);
  if (items === INVALID) return INVALID;
  const sources: readonly Parsed<PolicySource>[] = items.map((item, index) => {
    const field = `sources[${index}]`;
    const fields = r.object(item, field, ["title", "url"], '{"title": "…", "url": "https://…"}');
    if (fields === INVALID) return INVALID;
    const title = readText(r, fields.title, `${field}.title`, 300, "Lending policy 2026");
    const url =
      fields.url === undefined
        ? undefined
        : typeof fields.url === "string" && /^https?:\/\/\S+$/.test(fields.url)
          ? fields.url
          : r.report(
              `${field}.url`,
              fields.url,
              'must be an http(s) address such as "https://example.com/policy"',
            );
    return title === INVALID || url === INVALID ? INVALID : { title, url };
  });
  return allValid(sources) ? sources : INVALID;
}

/** A cap in percent: greater than 0 and at most 100, as a fraction. */
function readShare(r: TermsReader, value: unknown, field: string): Parsed<Ratio> {
  const percent = r.percent(value, field, "non-negative");
  if (percent === INVALID) return INVALID;
  if (percent.num === 0n || compareRatio(percent, ratioFromInt(100)) > 0) {
    return r.report(field, value, "must be greater than 0 and at most 100");
  }
  return percentToFraction(percent);
}

/** A percent ≥ 0 and at most `limit` (or below it when `inclusive` is false). */
function readPercentUpTo(
  r: TermsReader,
  value: unknown,
  field: string,
  limit: number,
  inclusive: boolean,
): Parsed<Ratio> {
  const percent = r.percent(value, field, "non-negative");
  if (percent === INVALID) return INVALID;
  const order = compareRatio(percent, ratioFromInt(limit));
  if (order > 0 || (order === 0 && !inclusive)) {
    return r.report(field, value, inclusive ? `must be at most ${limit}` : `must be below ${limit}`);
  }
  return percent;
}
