import { DAY_COUNT_NAMES, type DayCount, dayCountFromName } from "../../core/day-count.ts";
import { didYouMean } from "./did-you-mean.ts";
import { listAllowed } from "./message-text.ts";
import { INVALID, isPlainObject, type Parsed, type TermsReader } from "./terms-reader.ts";

/** `dayCount`: a name such as "actual/365" (the default) or `{"daysInYear": …, "daysInMonth": …}`. */
export function readDayCount(r: TermsReader, value: unknown): Parsed<DayCount> {
  const field = "dayCount";
  if (value === undefined) return dayCountFromName("actual/365");
  const name = DAY_COUNT_NAMES.find((candidate) => candidate === value);
  if (name !== undefined) return dayCountFromName(name);
  if (!isPlainObject(value)) {
    const suggestion = typeof value === "string" ? didYouMean(value, DAY_COUNT_NAMES) : "";
    return r.report(
      field,
      value,
      `must be ${listAllowed(DAY_COUNT_NAMES)}, or an object such as {"daysInYear": 365, "daysInMonth": "actual"}${suggestion}`,
    );
  }
  const fields = r.object(
    value,
    field,
    ["daysInYear", "daysInMonth"],
    '{"daysInYear": 365, "daysInMonth": "actual"}',
  );
  if (fields === INVALID) return INVALID;
  const daysInYear = r.oneOf(fields.daysInYear, `${field}.daysInYear`, ["actual", 360, 364, 365] as const);
  const daysInMonth = r.oneOf(fields.daysInMonth, `${field}.daysInMonth`, ["actual", 30] as const);
  if (daysInYear === INVALID || daysInMonth === INVALID) return INVALID;
  // Only the named "30E/360" selects the EU end-of-month rule; the object form uses the US (bond basis) rule.
  return { daysInYear, daysInMonth, thirtyRule: "us" };
}
