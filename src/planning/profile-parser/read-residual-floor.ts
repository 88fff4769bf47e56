// `residualFloor` of a policy profile: a share of income, a fixed amount, or a table by region and household
// size (the US VA residual-income table).
import type { Currency } from "../../core/currency.ts";
import { compareRatio, ratioFromInt } from "../../core/ratio.ts";
import { percentToFraction } from "../../schedule/terms-parser/percent-to-fraction.ts";
import {
  allValid,
  INVALID,
  isPlainObject,
  type Parsed,
  type TermsReader,
} from "../../schedule/terms-parser/terms-reader.ts";
import type { ResidualFloor } from "../policy-profile.ts";

const FLOOR_KINDS = ["share-of-income", "amount", "table"] as const;
const FLOOR_EXAMPLE = '{"kind": "share-of-income", "percent": "10"}';
/** Household sizes a table may list (the profile allows 1 … 20 members). */
const MAX_TABLE_SIZES = 20;
const REGION_KEY = /^[A-Za-z0-9][A-Za-z0-9-]{0,31}$/;

/**
 * Reads the floor. `currency` is the policy's currency; amounts need one, and the policy parser reports a
 * missing currency at `currency` (here amounts without one are checked for their syntax and sign only).
 */
export function readResidualFloor(
  r: TermsReader,
  value: unknown,
  currency: Parsed<Currency> | undefined,
): Parsed<ResidualFloor> {
  const field = "residualFloor";
  if (!isPlainObject(value)) {
    return value === undefined
      ? r.missing(field, `an object such as ${FLOOR_EXAMPLE}`)
      : r.report(field, value, `must be an object such as ${FLOOR_EXAMPLE}`);
  }
  const kind = r.oneOf(value.kind, `${field}.kind`, FLOOR_KINDS);
  if (kind === INVALID) return INVALID;
  // Amounts without a currency are read for their syntax only (TermsReader.money with INVALID).
  const money = currency ?? INVALID;
  switch (kind) {
    case "share-of-income": {
      const fields = r.object(value, field, ["kind", "percent"], FLOOR_EXAMPLE);
      if (fields === INVALID) return INVALID;
      const percent = r.percent(fields.percent, `${field}.percent`, "non-negative");
      if (percent === INVALID) return INVALID;
      if (compareRatio(percent, ratioFromInt(100)) >= 0) {
        return r.report(`${field}.percent`, fields.percent, "must be below 100");
      }
      return { kind, share: percentToFraction(percent) };
    }
    case "amount": {
      const example = '{"kind": "amount", "amount": "800.00", "perExtraMember": "150.00"}';
      const fields = r.object(value, field, ["kind", "amount", "perExtraMember"], example);
      if (fields === INVALID) return INVALID;
      const amountMinor = r.money(fields.amount, `${field}.amount`, money, "non-negative");
      const perExtraMemberMinor =
        fields.perExtraMember === undefined
          ? 0
          : r.money(fields.perExtraMember, `${field}.perExtraMember`, money, "non-negative");
      if (amountMinor === INVALID || perExtraMemberMinor === INVALID) return INVALID;
      return { kind, amountMinor, perExtraMemberMinor };
    }
    case "table":
      return readTable(r, value, money);
  }
}

function readTable(r: TermsReader, value: unknown, currency: Parsed<Currency>): Parsed<ResidualFloor> {
  const field = "residualFloor";
  const example =
    '{"kind": "table", "amounts": {"US-NE": ["450.00", "755.00"]}, "perExtraMember": "80.00", "fallback": "highest"}';
  const fields = r.object(value, field, ["kind", "amounts", "perExtraMember", "fallback"], example);
  if (fields === INVALID) return INVALID;
  const perExtraMemberMinor = r.money(
    fields.perExtraMember,
    `${field}.perExtraMember`,
    currency,
    "non-negative",
  );
  const fallback = r.oneOf(fields.fallback, `${field}.fallback`, ["highest", "refuse"] as const);
  const amounts = fields.amounts;
  if (!isPlainObject(amounts) || Object.keys(amounts).length === 0) {
    r.report(`${field}.amounts`, amounts, `must be an object with at least one region such as ${example}`);
    return INVALID;
  }
  const rows: Record<string, readonly number[]> = {};
  let valid = true;
  const seen = new Set<string>();
  for (const [region, row] of Object.entries(amounts)) {
    const rowField = `${field}.amounts.${region}`;
    if (!REGION_KEY.test(region) || seen.has(region.toUpperCase())) {
      r.report(
        rowField,
        row,
        seen.has(region.toUpperCase())
          ? "repeats a region (regions are matched ignoring case)"
          : "must be named by a region code of 1 to 32 letters, digits and hyphens",
      );
      valid = false;
      continue;
    }
    seen.add(region.toUpperCase());
    const items = r.array(row, rowField, '["450.00", "755.00"] (household sizes 1, 2, …)');
    if (items === INVALID) {
      valid = false;
      continue;
    }
    if (items.length === 0 || items.length > MAX_TABLE_SIZES) {
      r.report(rowField, row, `must list 1 to ${MAX_TABLE_SIZES} amounts, for household sizes 1, 2, …`);
      valid = false;
      continue;
    }
    const read: readonly Parsed<number>[] = items.map((item, index) =>
      r.money(item, `${rowField}[${index}]`, currency, "non-negative"),
    );
    if (allValid(read)) rows[region] = read;
    else valid = false;
  }
  if (!valid || perExtraMemberMinor === INVALID || fallback === INVALID) return INVALID;
  return { kind: "table", amountsMinor: rows, perExtraMemberMinor, fallback };
}
