// The light-mode product templates of the calculation engine's reference (payday, annuity, classic, flat
// interest, bullet): typical settings ready to create a product from, with servicing rules a lender would
// start with (three late grace days, a late fee, an NSF fee). Amount ranges are in USD; change the currency and
// ranges as needed.
export interface ProductTemplate {
  readonly templateId: string;
  readonly name: string;
  readonly description: string;
  readonly terms: Readonly<Record<string, unknown>>;
  readonly servicing: Readonly<Record<string, unknown>>;
}

const SERVICING = {
  lateGraceDays: 3,
  lateFee: { amount: "15.00" },
  nsfFee: "25.00",
  writeOffTolerance: "1.00",
};

export const PRODUCT_TEMPLATES: readonly ProductTemplate[] = [
  {
    templateId: "payday",
    name: "Payday loan",
    description: "One installment on the next pay day; interest accrues daily.",
    terms: {
      currency: "USD",
      loanType: "payday",
      installments: 1,
      period: { every: 14, unit: "day" },
      principal: { min: "100.00", max: "1000.00" },
      interest: { rate: { min: "0.1", max: "0.5" }, per: "day" },
      rateRegime: "us-regz",
    },
    servicing: { ...SERVICING, lateFee: { amount: "10.00" } },
  },
  {
    templateId: "annuity",
    name: "Installment loan (annuity)",
    description: "Level monthly installments; interest fixed per installment.",
    terms: {
      currency: "USD",
      loanType: "annuity",
      period: "monthly",
      principal: { min: "500.00", max: "25000.00" },
      installments: { min: 3, max: 60 },
      interest: { rate: { min: "8", max: "30" }, per: "year" },
      fees: [{ name: "origination", charge: "disbursement", amount: { min: "0.00", max: "75.00" } }],
    },
    servicing: SERVICING,
  },
  {
    templateId: "classic",
    name: "Equal-principal loan (classic)",
    description:
      "The same principal every month, with interest on what remains: installments fall over time.",
    terms: {
      currency: "USD",
      loanType: "classic",
      period: "monthly",
      principal: { min: "1000.00", max: "50000.00" },
      installments: { min: 6, max: 84 },
      interest: { rate: { min: "6", max: "24" }, per: "year" },
    },
    servicing: SERVICING,
  },
  {
    templateId: "flat",
    name: "Flat-interest loan",
    description: "Interest on the original amount for every installment; weekly or bi-weekly collections.",
    terms: {
      currency: "USD",
      loanType: "flat",
      period: "biweekly",
      principal: { min: "200.00", max: "5000.00" },
      installments: { min: 4, max: 52 },
      interest: { rate: { min: "10", max: "30" }, per: "year" },
    },
    servicing: SERVICING,
  },
  {
    templateId: "bullet",
    name: "Bullet loan",
    description: "Interest each month, the whole principal with the last installment.",
    terms: {
      currency: "USD",
      loanType: "bullet",
      period: "monthly",
      principal: { min: "5000.00", max: "250000.00" },
      installments: { min: 3, max: 36 },
      interest: { rate: { min: "5", max: "18" }, per: "year" },
    },
    servicing: SERVICING,
  },
];
