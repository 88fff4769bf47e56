// Hardship restructuring as one JSON document: a loan (`terms`, `servicing`, `events`), the date, what the
// borrower can now pay — an amount (`affordable`), or their financial profile (`borrower`, with a `policy`) from
// which the repayment capacity gives it — and the product's rules (`product`). Returns the options with their
// new schedules, costs and the event documents that accepting each would record.
import { type DayNumber, formatIsoDate } from "../../core/calendar-date.ts";
import { TenorError, withFieldPrefix } from "../../core/errors.ts";
import { formatMinor } from "../../core/money.ts";
import type { Currency, Period } from "../../schedule/terms.ts";
import { INVALID, type Parsed, TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import { assessCapacity } from "../capacity.ts";
import { parseBorrowerProfile } from "../parse-borrower-profile.ts";
import { resolvePolicy } from "../policy-registry.ts";
import {
  DEFAULT_RELIEF_MONTHS,
  MAX_RULE_MONTHS,
  type RestructuringOption,
  type RestructuringRules,
  restructuringOptions,
} from "./restructure.ts";
import { periodsPerYear } from "./running-loan.ts";
import {
  eventDocument,
  type InstallmentDocument,
  installmentDocument,
  LOAN_FIELDS,
  readEnvelope,
  readLoanParts,
} from "./simulator-documents.ts";

const FIELDS = [...LOAN_FIELDS, "date", "affordable", "borrower", "policy", "product", "reliefMonths"];
const EXAMPLE =
  '{"terms": {…}, "events": […], "date": "2024-07-01", "affordable": "400.00", "product": {"maxTermExtensionMonths": 24}}';
const PRODUCT_FIELDS = [
  "maxTermExtensionMonths",
  "maxInterestOnlyMonths",
  "maxPaymentHolidayMonths",
  "allowStepDown",
];
/** The months of capacity a profile is assessed over: the lowest month of the coming year binds. */
export const CAPACITY_MONTHS = 12;

export interface AffordableSource {
  /** `given`: the document's `affordable`; `capacity`: the borrower's repayment capacity under a policy. */
  readonly from: "given" | "capacity";
  readonly policy: string | null;
  readonly explanation: readonly string[];
}

export type RestructuringOptionDocument =
  | { readonly kind: string; readonly available: false; readonly reason: string }
  | {
      readonly kind: string;
      readonly available: true;
      readonly summary: string;
      readonly events: readonly Record<string, unknown>[];
      readonly reliefInstallments: number;
      readonly reliefInstallment: string | null;
      readonly newInstallment: string;
      readonly fits: boolean;
      readonly fitsAfterRelief: boolean;
      readonly totalInterest: string;
      readonly extraInterest: string;
      readonly extraFees: string;
      readonly endDate: string;
      readonly extensionMonths: number;
      readonly installmentsLeft: number;
      readonly installments: readonly InstallmentDocument[];
    };

export interface RestructureDocument {
  readonly currency: string;
  readonly date: string;
  readonly affordable: string;
  readonly affordableSource: AffordableSource;
  readonly reliefMonths: number;
  readonly current: {
    readonly balance: string;
    readonly installment: string;
    readonly installmentsLeft: number;
    readonly endDate: string;
    readonly totalInterest: string;
    readonly arrears: string;
    readonly fits: boolean;
  };
  readonly options: readonly RestructuringOptionDocument[];
  readonly summary: string;
}

/**
 * Validates the document and lists the options. The loan's parts are refused under their own codes, a
 * `borrower` under INVALID_PROFILE (`borrower.incomes[0].amount`), a `policy` under INVALID_POLICY, and
 * everything else under INVALID_RESTRUCTURE.
 */
export function restructureFromDocument(document: unknown): RestructureDocument {
  const fields = readEnvelope(document, "INVALID_RESTRUCTURE", FIELDS, EXAMPLE);
  const loan = readLoanParts(fields);
  const currency = loan.terms.currency;
  const r = new TermsReader();
  const day = r.date(fields.date, "date");
  if ((fields.affordable === undefined) === (fields.borrower === undefined)) {
    r.report(
      fields.affordable === undefined ? "affordable" : "borrower",
      undefined,
      "give exactly one of `affordable` (the installment the borrower can now pay) or `borrower` (their financial profile, to assess it)",
    );
  }
  if (fields.policy !== undefined && fields.borrower === undefined) {
    r.report(
      "policy",
      fields.policy,
      "applies only with `borrower`: it sets the affordability limits of the profile",
    );
  }
  const given =
    fields.affordable === undefined
      ? undefined
      : r.money(fields.affordable, "affordable", currency, "non-negative");
  const product = readProduct(r, fields.product);
  const reliefMonths = r.integer(
    fields.reliefMonths,
    "reliefMonths",
    1,
    MAX_RULE_MONTHS,
    DEFAULT_RELIEF_MONTHS,
  );
  if (
    r.issues.length > 0 ||
    day === INVALID ||
    given === INVALID ||
    product === INVALID ||
    reliefMonths === INVALID
  ) {
    throw new TenorError("INVALID_RESTRUCTURE", r.issues);
  }
  const affordable =
    given === undefined
      ? fromCapacity(fields.borrower, fields.policy, currency, loan.terms.period, day)
      : { amountMinor: given, source: { from: "given" as const, policy: null, explanation: [] } };
  const result = restructuringOptions(loan, {
    day,
    affordableInstallmentMinor: affordable.amountMinor,
    product,
    reliefMonths,
  });
  const money = (minor: number) => formatMinor(minor, currency.digits);
  return {
    currency: currency.code,
    date: formatIsoDate(day),
    affordable: money(affordable.amountMinor),
    affordableSource: affordable.source,
    reliefMonths,
    current: {
      balance: money(result.current.balanceMinor),
      installment: money(result.current.installmentMinor),
      installmentsLeft: result.current.installmentsLeft,
      endDate: formatIsoDate(result.current.endDay),
      totalInterest: money(result.current.totalInterestMinor),
      arrears: money(result.current.arrearsMinor),
      fits: result.current.fits,
    },
    options: result.options.map((option) => optionDocument(option, currency.digits)),
    summary: result.summary,
  };
}

function readProduct(r: TermsReader, value: unknown): Parsed<RestructuringRules> {
  const doc = r.object(
    value,
    "product",
    PRODUCT_FIELDS,
    '{"maxTermExtensionMonths": 24, "maxInterestOnlyMonths": 6, "maxPaymentHolidayMonths": 3, "allowStepDown": true}',
  );
  if (doc === INVALID) return INVALID;
  const months = (name: string) => r.integer(doc[name], `product.${name}`, 0, MAX_RULE_MONTHS, 0);
  const rules = {
    maxTermExtensionMonths: months("maxTermExtensionMonths"),
    maxInterestOnlyMonths: months("maxInterestOnlyMonths"),
    maxPaymentHolidayMonths: months("maxPaymentHolidayMonths"),
    allowStepDown: r.boolean(doc.allowStepDown, "product.allowStepDown", false),
  } as const; // keeps INVALID's unique symbol type
  if (
    rules.maxTermExtensionMonths === INVALID ||
    rules.maxInterestOnlyMonths === INVALID ||
    rules.maxPaymentHolidayMonths === INVALID ||
    rules.allowStepDown === INVALID
  ) {
    return INVALID;
  }
  return {
    maxTermExtensionMonths: rules.maxTermExtensionMonths,
    maxInterestOnlyMonths: rules.maxInterestOnlyMonths,
    maxPaymentHolidayMonths: rules.maxPaymentHolidayMonths,
    allowStepDown: rules.allowStepDown,
  };
}

/**
 * The affordable installment from the borrower's repayment capacity (docs/concepts/personalized-plans.md): the
 * lowest monthly capacity of the coming year under the policy, as a share of one installment of the loan's
 * period (× 12 / installments a year), never below 0. The loan being restructured must not be among the
 * profile's debts, or it would be counted twice.
 */
function fromCapacity(
  borrower: unknown,
  policyValue: unknown,
  currency: Currency,
  period: Period,
  day: DayNumber,
): { amountMinor: number; source: AffordableSource } {
  const profile = withFieldPrefix("borrower", () => parseBorrowerProfile(borrower));
  if (profile.currency.code !== currency.code) {
    throw new TenorError("INVALID_RESTRUCTURE", [
      {
        field: "borrower.currency",
        value: profile.currency.code,
        message: `must be the loan's currency, ${currency.code}: Tenor does not convert currencies`,
      },
    ]);
  }
  const policy = resolvePolicy(policyValue, "policy");
  const capacity = assessCapacity(profile, policy, day, CAPACITY_MONTHS);
  const monthly = Math.max(0, capacity.lowestCapacityMinor);
  const perYear = periodsPerYear(period);
  // float-ok: an exact bigint quotient (monthly capacity × 12 / installments a year), at most the capacity × 12
  const amountMinor = Number((BigInt(monthly) * 12n * perYear.den) / perYear.num);
  return {
    amountMinor,
    source: {
      from: "capacity",
      policy: policy.id,
      explanation: [
        ...capacity.explanation,
        `Affordable installment: the lowest monthly capacity of the next ${CAPACITY_MONTHS} months, ${formatMinor(monthly, currency.digits)}${amountMinor === monthly ? "" : `, for one installment of the loan's period ${formatMinor(amountMinor, currency.digits)}`}.`,
      ],
    },
  };
}

function optionDocument(option: RestructuringOption, digits: number): RestructuringOptionDocument {
  if (!option.available) return { kind: option.kind, available: false, reason: option.reason };
  const money = (minor: number) => formatMinor(minor, digits);
  return {
    kind: option.kind,
    available: true,
    summary: option.summary,
    events: option.events.map((event) => eventDocument(event, digits)),
    reliefInstallments: option.reliefInstallments,
    reliefInstallment:
      option.reliefInstallmentMinor === undefined ? null : money(option.reliefInstallmentMinor),
    newInstallment: money(option.newInstallmentMinor),
    fits: option.fits,
    fitsAfterRelief: option.fitsAfterRelief,
    totalInterest: money(option.totalInterestMinor),
    extraInterest: money(option.extraInterestMinor),
    extraFees: money(option.extraFeesMinor),
    endDate: formatIsoDate(option.endDay),
    extensionMonths: option.extensionMonths,
    installmentsLeft: option.installmentsLeft,
    installments: option.installments.map((inst) => installmentDocument(inst, digits)),
  };
}
