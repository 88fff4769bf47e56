import type { GraceTerms } from "../terms.ts";
import { MAX_INSTALLMENTS } from "./limits.ts";
import { INVALID, type Parsed, type TermsReader } from "./terms-reader.ts";

const GRACE_TYPES = ["no-interest", "interest-only", "capitalized"] as const;
const GRACE_PRESETS: Readonly<Record<(typeof GRACE_TYPES)[number], Omit<GraceTerms, "installments">>> = {
  "no-interest": { principal: "deferred", interest: "waived", fees: "waived" },
  "interest-only": { principal: "deferred", interest: "paid", fees: "charged" },
  capitalized: { principal: "deferred", interest: "capitalized", fees: "waived" },
};

/** `grace`: a preset `type` or the advanced fields; undefined for no grace. */
export function readGrace(
  r: TermsReader,
  value: unknown,
  installmentCount: Parsed<number>,
): Parsed<GraceTerms | undefined> {
  const field = "grace";
  if (value === undefined) return undefined;
  const advanced = ["principal", "interest", "fees"] as const;
  const fields = r.object(
    value,
    field,
    ["installments", "type", ...advanced],
    '{"installments": 2, "type": "interest-only"}',
  );
  if (fields === INVALID) return INVALID;
  const installments = readGraceInstallments(r, fields.installments, installmentCount);
  const type = r.oneOf(fields.type, `${field}.type`, GRACE_TYPES, "interest-only");
  if (fields.type !== undefined) {
    for (const key of advanced) {
      if (fields[key] !== undefined) {
        r.report(
          `${field}.${key}`,
          fields[key],
          'cannot be combined with grace.type: give either "type" or the advanced fields principal, interest and fees',
        );
      }
    }
  }
  if (type === INVALID) return INVALID;
  const preset = GRACE_PRESETS[type];
  const principal = r.oneOf(
    fields.principal,
    `${field}.principal`,
    ["deferred", "due"] as const,
    preset.principal,
  );
  const interest = r.oneOf(
    fields.interest,
    `${field}.interest`,
    ["paid", "waived", "capitalized", "spread"] as const,
    preset.interest,
  );
  const fees = r.oneOf(fields.fees, `${field}.fees`, ["charged", "waived"] as const, preset.fees);
  if (principal === "due" && (interest === "capitalized" || interest === "spread")) {
    r.report(
      `${field}.interest`,
      interest,
      `"${interest}" needs grace.principal "deferred": interest can only be deferred while principal is`,
    );
  }
  if (installments === INVALID || principal === INVALID || interest === INVALID || fees === INVALID) {
    return INVALID;
  }
  // No grace installment means no grace: the generator then has a single case to handle.
  return installments === 0 ? undefined : { installments, principal, interest, fees };
}

function readGraceInstallments(
  r: TermsReader,
  value: unknown,
  installmentCount: Parsed<number>,
): Parsed<number> {
  const field = "grace.installments";
  const count = r.integer(value, field, 0, MAX_INSTALLMENTS - 1);
  if (count === INVALID || installmentCount === INVALID || count < installmentCount) return count;
  return r.report(
    field,
    value,
    `must be less than installments (${installmentCount}): at least one installment repays the loan`,
  );
}
