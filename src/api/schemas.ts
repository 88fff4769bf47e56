// The request of every operation as zod schemas: path parameters, query and body. The same schemas validate each
// request (server.ts) and describe it in the OpenAPI document (openapi.ts), so the reference cannot drift from
// what is accepted. Objects are strict: an unknown field is refused by name. The engines' own documents (terms,
// servicing rules, profiles, events, plan requests, …) are passed through as JSON objects, because the engines
// check them field by field with messages no schema here could match; each names its reference page instead.
import { z } from "zod";
import { ID_PATTERN } from "../app/ids.ts";
import type { Operation } from "../app/permissions.ts";
import { DELINQUENCY_BUCKETS } from "../app/portfolio.ts";
import { parseIsoDate } from "../core/calendar-date.ts";
import { type ApplicationStatus, type LoanStatus, ROLES } from "../store/schema.ts";

export const MAX_PAGE_SIZE = 200;

const APPLICATION_STATUSES = [
  "submitted",
  "approved",
  "declined",
] as const satisfies readonly ApplicationStatus[];
const LOAN_STATUSES = [
  "approved",
  "active",
  "closed",
  "written-off",
] as const satisfies readonly LoanStatus[];

/** A strict object whose refusal of an unknown field lists the fields it has. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const names = Object.keys(shape);
  const allowed = names.length === 0 ? "this request takes no fields" : `the fields are ${names.join(", ")}`;
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `is not a known field; ${allowed}` : undefined),
  });
}

/** An engine document, checked by the engine itself; `page` is its reference under docs/reference/. */
function document(what: string, page: string) {
  return z.record(z.string(), z.unknown()).describe(`${what}: a JSON object, see docs/reference/${page}.`);
}

export const Id = z
  .string()
  .regex(ID_PATTERN, "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit");

const Decimal = z
  .string()
  .max(40, "must be at most 40 characters")
  .regex(
    /^\d{1,20}(\.\d{1,18})?$/,
    'must be a decimal number as text such as "1000.00" (digits, a point, decimals; no sign or exponent)',
  );

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a calendar date YYYY-MM-DD", abort: true })
  .refine(
    (text) => parseIsoDate(text) !== undefined,
    "must be a real calendar date YYYY-MM-DD (years 1900–2999)",
  );

const Text = (max: number) =>
  z.string().min(1, "must not be empty").max(max, `must be at most ${max} characters`);

/** `limit` and `after`: every list is paged by id, at most MAX_PAGE_SIZE items a page (refused above, not cut). */
const page = {
  limit: z.coerce
    .number({ error: `must be a whole number from 1 to ${MAX_PAGE_SIZE}` })
    .int(`must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .min(1, `must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .max(MAX_PAGE_SIZE, `must be a whole number from 1 to ${MAX_PAGE_SIZE}`)
    .optional()
    .describe(`Items per page, 1 to ${MAX_PAGE_SIZE} (default 50).`),
  after: Text(200)
    .optional()
    .describe("The cursor: the `next` value of the previous page; omit it for the first page."),
};

/** The idempotency key header of writes (docs/reference/api.md, "Idempotency"). */
export const IdempotencyKey = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, "must be 1 to 255 visible ASCII characters (no spaces)")
  .describe(
    "Makes the write safe to retry: a retry with the same key and body returns the first answer (with the header `Idempotent-Replayed: true`); the same key with another body is refused (422). Scoped to the API key.",
  );

const NoBody = strict({}).optional();

export interface RequestSchemas {
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
}

const loanPath = strict({ loanId: Id });
const borrowerPath = strict({ borrowerId: Id });
const applicationPath = strict({ applicationId: Id });
const asOfQuery = strict({
  asOf: IsoDate.optional().describe("The date to show the loan on (default: the tenant's business date)."),
});

const applicationBody = strict({
  applicationId: Id.optional().describe("Chosen id; a new one is made without it."),
  borrowerId: Id,
  productId: Id,
  principal: Decimal.describe("Within the product's principal range, in its currency."),
  installments: z
    .number()
    .int("must be a whole number from 1 to 5000")
    .min(1, "must be a whole number from 1 to 5000")
    .max(5000, "must be a whole number from 1 to 5000")
    .optional()
    .describe("Within the product's range; required when the product gives a range."),
  interestRate: Decimal.optional().describe("Percent, within the product's range (when it gives one)."),
  fees: z
    .record(Id, Decimal)
    .optional()
    .describe("Fee name → amount (or percent) for the product's fees given as ranges."),
  disbursementDate: IsoDate.optional().describe("Default: the tenant's business date."),
  firstDueDate: IsoDate.optional(),
});

/** The loan health options: every field of the health document except the loan and the date, which are the stored loan's. */
const healthOptions = document(
  "Options of the loan health score (model, marketRatePercent, switchingCost, policy, borrower); `loan` and `asOf` come from the stored loan and the business date",
  "health-score.md",
).superRefine((options, context) => {
  for (const field of ["loan", "asOf"])
    if (field in options)
      context.addIssue({
        code: "custom",
        path: [field],
        message: "is the stored loan's own (its terms and events, the business date) and cannot be given",
      });
});

/** The request of every operation (eod.run included). */
export const REQUESTS = {
  "tenant.read": {},
  "apiKeys.create": {
    body: strict({
      role: z.enum(ROLES),
      borrowerId: Id.optional().describe("Required for the borrower role (the borrower the key acts as)."),
      label: Text(200).optional(),
    }),
  },
  "apiKeys.list": {},
  "apiKeys.revoke": { params: strict({ keyId: Id }), body: NoBody },
  "products.create": {
    body: strict({
      productId: Id.optional().describe("Chosen id; a new one is made without it."),
      name: Text(200),
      terms: document("Product terms (ranges allowed)", "terms.md and docs/reference/products.md"),
      servicing: document("Servicing rules", "servicing-rules.md").optional(),
    }),
  },
  "products.version": {
    params: strict({ productId: Id }),
    body: strict({
      name: Text(200).optional(),
      terms: document("Product terms (ranges allowed)", "terms.md and docs/reference/products.md"),
      servicing: document("Servicing rules", "servicing-rules.md").optional(),
    }),
  },
  "products.list": { query: strict(page) },
  "products.read": {
    params: strict({ productId: Id }),
    query: strict({
      version: z.coerce
        .number({ error: "must be a whole number from 1" })
        .int("must be a whole number from 1")
        .min(1, "must be a whole number from 1")
        .max(1_000_000, "must be at most 1000000")
        .optional()
        .describe("A version of the product (default: the latest)."),
    }),
  },
  "products.templates": {},
  "quotes.schedule": { body: document("Loan terms", "terms.md") },
  "quotes.rates": {
    body: document("A rate request (method and cash flows or values)", "effective-rates.md"),
  },
  "borrowers.create": {
    body: strict({
      borrowerId: Id.optional().describe("Chosen id; a new one is made without it."),
      name: Text(200),
      profile: document("The borrower's financial profile", "borrower-profile.md").optional(),
    }),
  },
  "borrowers.list": { query: strict(page) },
  "borrowers.read": { params: borrowerPath },
  "borrowers.profile.write": {
    params: borrowerPath,
    body: document("The borrower's financial profile (replaces the stored one)", "borrower-profile.md"),
  },
  "borrowers.plans": {
    params: borrowerPath,
    body: strict({
      request: document(
        "The plan request (loan request, product constraints, goal, custom plan)",
        "plan-request.md",
      ),
      policy: z
        .union([z.string(), z.record(z.string(), z.unknown())])
        .optional()
        .describe(
          "An affordability policy: a profile name or a policy object, see docs/reference/policy-profiles.md.",
        ),
    }),
  },
  "borrowers.score": {
    params: borrowerPath,
    body: document("The applicant's figures for the credit scorecard", "credit-scorecard.md"),
  },
  "applications.submit": { body: applicationBody },
  "applications.read": { params: applicationPath },
  "applications.list": {
    query: strict({ ...page, status: z.enum(APPLICATION_STATUSES).optional() }),
  },
  "applications.approve": { params: applicationPath, body: NoBody },
  "applications.decline": {
    params: applicationPath,
    body: strict({ reason: Text(500).optional() }).optional(),
  },
  "loans.disburse": { params: loanPath, body: NoBody },
  "loans.list": {
    query: strict({
      ...page,
      status: z.enum(LOAN_STATUSES).optional(),
      borrowerId: Id.optional().describe("Staff only; a borrower's key always sees its own loans."),
      delinquency: z.enum(DELINQUENCY_BUCKETS).optional().describe("The bucket of days past due."),
    }),
  },
  "loans.read": { params: loanPath, query: asOfQuery },
  "loans.schedule": { params: loanPath },
  "loans.events.list": { params: loanPath },
  "loans.events.record": {
    params: loanPath,
    body: strict({
      event: document(
        'One servicing event such as {"type": "repayment", "date": "2025-02-01", "amount": "88.85"}',
        "servicing-events.md",
      ),
    }),
  },
  "loans.payoffQuote": {
    params: loanPath,
    query: strict({ date: IsoDate.optional().describe("The pay-off date (default: the business date).") }),
  },
  "loans.cashFlow": { params: loanPath, query: asOfQuery },
  "loans.ledger": { params: loanPath },
  "loans.health": { params: loanPath, body: healthOptions.optional() },
  "portfolio.delinquency": {
    query: strict({
      from: IsoDate.optional().describe("With `to`: how loans moved between buckets from this closed day."),
      to: IsoDate.optional().describe("With `from`: the later closed day."),
    }),
  },
  "eod.run": { body: NoBody },
  "audit.list": {
    query: strict({
      limit: page.limit,
      after: z
        .string()
        .regex(/^\d{1,19}$/, "must be the `next` value of the previous page (digits)")
        .refine(
          (text) => !/^\d{1,19}$/.test(text) || BigInt(text) <= 2n ** 63n - 1n,
          "must be the `next` value of the previous page (at most 2^63 - 1)",
        )
        .optional()
        .describe("The cursor: the `next` value of the previous page."),
    }),
  },
} as const satisfies Record<Operation, RequestSchemas>;

const ARTICLE_TYPES: Readonly<Record<string, string>> = {
  object: "a JSON object",
  record: "a JSON object",
  array: "an array",
  string: "text (a string)",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/**
 * Messages for the issues a schema did not phrase itself: each says what is allowed (zod's own messages say what
 * went wrong in zod's terms). Passed to every parse; a message given in a schema takes precedence.
 */
export const allowedValueMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${ARTICLE_TYPES[issue.expected] ?? issue.expected}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(", ")}`;
    case "too_big":
      return issue.origin === "string"
        ? `must be at most ${issue.maximum} characters`
        : `must be at most ${issue.maximum}`;
    case "too_small":
      return issue.origin === "string"
        ? `must be at least ${issue.minimum} characters`
        : `must be at least ${issue.minimum}`;
    case "invalid_key":
      return `is not an allowed name: the name ${issue.issues[0]?.message ?? "is not valid"}`;
    case "invalid_union":
      return "must be text (a string) or a JSON object";
    default:
      return undefined;
  }
};
