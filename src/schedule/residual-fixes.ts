// Concrete fixes for RESIDUAL_NOT_ALLOWED: "the amounts do not divide" is only useful with the settings that
// would make them divide. Nearby installment counts and principals are tried by generating their schedules
// (with the residual allowed) and keeping those whose installments come out equal. Bounded: at most
// MAX_TRIES schedules, only when the warning is raised.
import { formatMinor } from "../core/money.ts";
import type { Schedule } from "./schedule.ts";
import type { Terms } from "./terms.ts";

const MAX_TRIES = 60;
const COUNT_RADIUS = 6;

export function residualFixes(terms: Terms, generate: (terms: Terms) => Schedule): string[] {
  const allowed: Terms = { ...terms, rounding: { ...terms.rounding, residual: "last" } };
  const divides = (candidate: Terms): boolean => {
    try {
      return generate(candidate).columns.roundingResiduals.size === 0;
    } catch {
      return false; // a candidate the rules reject is simply not a fix
    }
  };
  let tries = 0;
  const counts: number[] = [];
  const countable = terms.paymentMethod.type !== "plan" && terms.period.kind !== "per-term";
  for (let distance = 1; countable && distance <= COUNT_RADIUS && counts.length < 2; distance++) {
    for (const count of [terms.installmentCount - distance, terms.installmentCount + distance]) {
      const graceCount = terms.grace?.installments ?? 0;
      if (count <= graceCount || count > 5000 || tries >= MAX_TRIES) continue;
      tries++;
      if (divides({ ...allowed, installmentCount: count, interestOnlyInstallments: undefined }))
        counts.push(count);
    }
  }
  const principals: number[] = [];
  for (let delta = 1; tries < MAX_TRIES && principals.length < 2; delta++) {
    for (const principalMinor of [terms.principalMinor - delta, terms.principalMinor + delta]) {
      if (principalMinor <= 0 || tries >= MAX_TRIES) continue;
      tries++;
      if (divides({ ...allowed, principalMinor })) principals.push(principalMinor);
    }
  }
  const fixes: string[] = [];
  if (counts.length > 0)
    fixes.push(`installments ${counts.join(" or ")} (instead of ${terms.installmentCount}) divide evenly`);
  if (principals.length > 0) {
    const digits = terms.currency.digits;
    const shown = principals.map((minor) => formatMinor(minor, digits)).join(" or ");
    fixes.push(`principal ${shown} (instead of ${formatMinor(terms.principalMinor, digits)}) divides evenly`);
  }
  return fixes;
}
