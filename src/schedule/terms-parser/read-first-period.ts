import { INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

/** `firstPeriod.keepInstallmentsEqual`, true by default. */
export function readFirstPeriod(r: TermsReader, value: unknown): Parsed<boolean> {
  if (value === undefined) return true;
  const fields = r.object(
    value,
    "firstPeriod",
    ["keepInstallmentsEqual"],
    '{"keepInstallmentsEqual": false}',
  );
  if (fields === INVALID) return INVALID;
  return r.boolean(fields.keepInstallmentsEqual, "firstPeriod.keepInstallmentsEqual", true);
}
