// Contact limits of collection (docs/reference/risk-monitoring.md, "Contact limits"; research §5.5): how often and
// at what local hours a borrower may be contacted about a debt, per jurisdiction. Tenor contacts nobody: it plans
// the ladder's steps and hands these limits over with them, and flags planned contacts that would exceed the count.

export interface ContactLimits {
  /** "US", "IN", "generic", or the caller's own label. */
  readonly jurisdiction: string;
  /** The most contact attempts in any 7 consecutive days; undefined = no numeric limit in the rule. */
  readonly maxContactsPer7Days: number | undefined;
  /** The allowed window in the borrower's local time, "HH:MM" (24-hour clock), earliest < latest. */
  readonly earliest: string;
  readonly latest: string;
  readonly source: string;
}

export const CONTACT_LIMIT_PRESETS: Readonly<Record<string, ContactLimits>> = {
  US: {
    jurisdiction: "US",
    maxContactsPer7Days: 7,
    earliest: "08:00",
    latest: "21:00",
    source:
      "Regulation F, 12 CFR 1006.14(b)(2): calls presumed compliant at no more than 7 in 7 consecutive days (and none within 7 days after a telephone conversation); 12 CFR 1006.6(b)(1)(i): before 8 a.m. or after 9 p.m. local time is inconvenient",
  },
  IN: {
    jurisdiction: "IN",
    maxContactsPer7Days: undefined,
    earliest: "08:00",
    latest: "19:00",
    source:
      "Reserve Bank of India, recovery agents (August 2022): no calls before 8 a.m. or after 7 p.m.; no count is set",
  },
  generic: {
    jurisdiction: "generic",
    maxContactsPer7Days: 7,
    earliest: "08:00",
    latest: "19:00",
    source: "Tenor's default: the stricter of the US and India presets (7 in 7 days, 8 a.m. to 7 p.m.)",
  },
};

export const CONTACT_LIMIT_PRESET_NAMES: readonly string[] = Object.keys(CONTACT_LIMIT_PRESETS);

export const DEFAULT_CONTACT_LIMITS = CONTACT_LIMIT_PRESETS.generic as ContactLimits;
