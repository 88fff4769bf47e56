// The HTTP API in one table: each route's method and path, the operation it performs (src/app/service.ts), its
// request schema (schemas.ts), its success status and how the operation's input is assembled from the path,
// the query and the body. The server, the OpenAPI document, the reference page's endpoint list and the
// access-control test are all made from this table. Routes decide nothing about access: the app does.
import type { z } from "zod";
import type { Operation } from "../app/permissions.ts";
import { PRODUCT_TEMPLATES } from "../app/product-templates.ts";
import type { OperationInputs } from "../app/service.ts";
import { REQUESTS, type RequestSchemas } from "./schemas.ts";

export type Method = "GET" | "POST" | "PUT";

/** A request to a route, as written in the table (used for the OpenAPI examples and in tests). */
export interface RequestExample {
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** A request after its schemas have parsed it. */
export interface ParsedRequest {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

export interface Route {
  readonly method: Method;
  /** The OpenAPI form: `/v1/loans/{loanId}/events`. */
  readonly path: string;
  readonly operation: Operation;
  readonly request: RequestSchemas;
  /** The status of a success (the app's answer carries it; this is what the reference shows). */
  readonly status: number;
  readonly summary: string;
  readonly tag: string;
  /** A write that is stored: it takes an `Idempotency-Key`. */
  readonly command: boolean;
  readonly example: RequestExample;
  readonly input: (request: ParsedRequest) => unknown;
}

type Part<R, K extends string> = R extends { readonly [P in K]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;
type Parsed<R> = { params: Part<R, "params">; query: Part<R, "query">; body: Part<R, "body"> };

interface RouteDefinition<K extends Operation> {
  readonly method: Method;
  readonly path: string;
  readonly status: number;
  readonly summary: string;
  readonly tag: string;
  readonly command?: boolean;
  readonly example?: RequestExample;
  readonly input: (request: Parsed<(typeof REQUESTS)[K]>) => OperationInputs[K];
}

function route<K extends Operation>(operation: K, definition: RouteDefinition<K>): Route {
  return {
    method: definition.method,
    path: definition.path,
    operation,
    request: REQUESTS[operation],
    status: definition.status,
    summary: definition.summary,
    tag: definition.tag,
    command: definition.command ?? false,
    example: definition.example ?? {},
    input: definition.input as (request: ParsedRequest) => unknown,
  };
}

const annuity = PRODUCT_TEMPLATES.find((template) => template.templateId === "annuity");
const LOAN = { loanId: "loan_example" };
const BORROWER = { borrowerId: "bor_example" };
const APPLICATION = { applicationId: "app_example" };
const none = () => ({});

export const ROUTES: readonly Route[] = [
  route("tenant.read", {
    method: "GET",
    path: "/v1/tenant",
    status: 200,
    summary: "The tenant, its business date and who the key is",
    tag: "Tenant",
    input: none,
  }),
  route("apiKeys.create", {
    method: "POST",
    path: "/v1/api-keys",
    status: 201,
    summary: "Issue an API key (shown once)",
    tag: "API keys",
    command: true,
    example: { body: { role: "borrower", borrowerId: BORROWER.borrowerId, label: "mobile app" } },
    input: ({ body }) => body,
  }),
  route("apiKeys.list", {
    method: "GET",
    path: "/v1/api-keys",
    status: 200,
    summary: "The tenant's API keys (without secrets)",
    tag: "API keys",
    input: none,
  }),
  route("apiKeys.revoke", {
    method: "POST",
    path: "/v1/api-keys/{keyId}/revoke",
    status: 200,
    summary: "Revoke an API key",
    tag: "API keys",
    command: true,
    example: { params: { keyId: "key0example" } },
    input: ({ params }) => ({ keyId: params.keyId }),
  }),
  route("products.templates", {
    method: "GET",
    path: "/v1/product-templates",
    status: 200,
    summary: "Ready-made products: payday, annuity, classic, flat, bullet",
    tag: "Products",
    input: none,
  }),
  route("products.create", {
    method: "POST",
    path: "/v1/products",
    status: 201,
    summary: "Create a product (version 1)",
    tag: "Products",
    command: true,
    example: {
      body: {
        productId: "personal",
        name: "Personal loan",
        terms: annuity?.terms,
        servicing: annuity?.servicing,
      },
    },
    input: ({ body }) => body,
  }),
  route("products.list", {
    method: "GET",
    path: "/v1/products",
    status: 200,
    summary: "The tenant's products",
    tag: "Products",
    example: { query: { limit: "20" } },
    input: ({ query }) => query,
  }),
  route("products.read", {
    method: "GET",
    path: "/v1/products/{productId}",
    status: 200,
    summary: "A product at its latest (or a given) version",
    tag: "Products",
    example: { params: { productId: "personal" }, query: { version: "1" } },
    input: ({ params, query }) => ({ productId: params.productId, version: query.version }),
  }),
  route("products.version", {
    method: "POST",
    path: "/v1/products/{productId}/versions",
    status: 201,
    summary: "Add a version of a product (loans keep the version they were made with)",
    tag: "Products",
    command: true,
    example: {
      params: { productId: "personal" },
      body: { terms: annuity?.terms, servicing: annuity?.servicing },
    },
    input: ({ params, body }) => ({ productId: params.productId, ...body }),
  }),
  route("quotes.schedule", {
    method: "POST",
    path: "/v1/quotes/schedule",
    status: 200,
    summary: "A repayment schedule with its effective rates for loan terms (the body is the terms)",
    tag: "Quotes",
    example: {
      body: {
        principal: "1000.00",
        currency: "USD",
        disbursementDate: "2025-01-01",
        installments: 12,
        interest: { rate: "12", per: "year" },
      },
    },
    input: ({ body }) => ({ terms: body }),
  }),
  route("quotes.rates", {
    method: "POST",
    path: "/v1/quotes/rates",
    status: 200,
    summary: "An effective rate (IRR, XIRR, APR, APRC, …) of cash flows (the body is the rate request)",
    tag: "Quotes",
    example: {
      body: {
        method: "us-regz",
        flows: [
          { date: "2026-01-10", amount: "-5000.00" },
          { date: "2026-02-10", amount: "2600.00" },
          { date: "2026-03-10", amount: "2600.00" },
        ],
      },
    },
    input: ({ body }) => ({ request: body }),
  }),
  route("borrowers.create", {
    method: "POST",
    path: "/v1/borrowers",
    status: 201,
    summary: "Create a borrower (with a financial profile, optionally)",
    tag: "Borrowers",
    command: true,
    example: { body: { borrowerId: BORROWER.borrowerId, name: "Ann Example" } },
    input: ({ body }) => body,
  }),
  route("borrowers.list", {
    method: "GET",
    path: "/v1/borrowers",
    status: 200,
    summary: "The tenant's borrowers",
    tag: "Borrowers",
    example: { query: { limit: "20" } },
    input: ({ query }) => query,
  }),
  route("borrowers.read", {
    method: "GET",
    path: "/v1/borrowers/{borrowerId}",
    status: 200,
    summary: "A borrower and their profile",
    tag: "Borrowers",
    example: { params: BORROWER },
    input: ({ params }) => params,
  }),
  route("borrowers.profile.write", {
    method: "PUT",
    path: "/v1/borrowers/{borrowerId}/profile",
    status: 200,
    summary: "Replace a borrower's financial profile (the body is the profile)",
    tag: "Borrowers",
    command: true,
    example: {
      params: BORROWER,
      body: {
        currency: "EUR",
        incomes: [{ name: "salary", amount: "2600.00", payDate: "2025-01-25" }],
        expenses: [{ name: "rent", amount: "950.00", essential: true }],
      },
    },
    input: ({ params, body }) => ({ borrowerId: params.borrowerId, profile: body }),
  }),
  route("borrowers.plans", {
    method: "POST",
    path: "/v1/borrowers/{borrowerId}/plans",
    status: 200,
    summary: "Repayment plans and a recommendation for the borrower's profile",
    tag: "Borrowers",
    example: {
      params: BORROWER,
      body: {
        request: {
          amount: "12000.00",
          currency: "EUR",
          startDate: "2025-03-01",
          product: {
            loanTypes: ["annuity"],
            periods: ["monthly"],
            term: { minMonths: 12, maxMonths: 60 },
            interest: { ratePercent: "8.9", per: "year", type: "fixed" },
          },
        },
        policy: "default",
      },
    },
    input: ({ params, body }) => ({
      borrowerId: params.borrowerId,
      request: body.request,
      policy: body.policy,
    }),
  }),
  route("borrowers.score", {
    method: "POST",
    path: "/v1/borrowers/{borrowerId}/score",
    status: 200,
    summary: "The credit scorecard on an applicant's figures (the body is the applicant)",
    tag: "Borrowers",
    example: {
      params: BORROWER,
      body: {
        employment: { type: "fixed", years: 4 },
        housing: "rent",
        pastArrears: false,
        termMonths: 36,
        monthlyIncome: "3200.00",
        monthlyExpenses: "1400.00",
        monthlyInstallment: "350.00",
        amount: "12000.00",
        price: "15000.00",
        assets: "5000.00",
        debt: "0",
      },
    },
    input: ({ params, body }) => ({ borrowerId: params.borrowerId, applicant: body }),
  }),
  route("applications.submit", {
    method: "POST",
    path: "/v1/applications",
    status: 201,
    summary: "Apply for a loan of a product (choices within its ranges)",
    tag: "Applications",
    command: true,
    example: {
      body: {
        borrowerId: BORROWER.borrowerId,
        productId: "personal",
        principal: "1000.00",
        installments: 12,
        interestRate: "12",
        fees: { origination: "0.00" },
        disbursementDate: "2025-01-01",
      },
    },
    input: ({ body }) => body,
  }),
  route("applications.list", {
    method: "GET",
    path: "/v1/applications",
    status: 200,
    summary: "The tenant's applications",
    tag: "Applications",
    example: { query: { status: "submitted" } },
    input: ({ query }) => query,
  }),
  route("applications.read", {
    method: "GET",
    path: "/v1/applications/{applicationId}",
    status: 200,
    summary: "An application",
    tag: "Applications",
    example: { params: APPLICATION },
    input: ({ params }) => params,
  }),
  route("applications.approve", {
    method: "POST",
    path: "/v1/applications/{applicationId}/approve",
    status: 201,
    summary: "Approve an application: its loan is created (status approved)",
    tag: "Applications",
    command: true,
    example: { params: APPLICATION },
    input: ({ params }) => params,
  }),
  route("applications.decline", {
    method: "POST",
    path: "/v1/applications/{applicationId}/decline",
    status: 200,
    summary: "Decline an application",
    tag: "Applications",
    command: true,
    example: { params: APPLICATION, body: { reason: "income not verified" } },
    input: ({ params, body }) => ({ applicationId: params.applicationId, reason: body?.reason }),
  }),
  route("loans.disburse", {
    method: "POST",
    path: "/v1/loans/{loanId}/disburse",
    status: 200,
    summary: "Disburse an approved loan: servicing starts",
    tag: "Loans",
    command: true,
    example: { params: LOAN },
    input: ({ params }) => params,
  }),
  route("loans.list", {
    method: "GET",
    path: "/v1/loans",
    status: 200,
    summary: "Loans (a borrower's key: their own), by status, borrower or delinquency bucket",
    tag: "Loans",
    example: { query: { status: "active", delinquency: "1-30" } },
    input: ({ query }) => query,
  }),
  route("loans.read", {
    method: "GET",
    path: "/v1/loans/{loanId}",
    status: 200,
    summary: "A loan's state on a date, by installment",
    tag: "Loans",
    example: { params: LOAN, query: { asOf: "2025-03-15" } },
    input: ({ params, query }) => ({ loanId: params.loanId, asOf: query.asOf }),
  }),
  route("loans.schedule", {
    method: "GET",
    path: "/v1/loans/{loanId}/schedule",
    status: 200,
    summary: "A loan's contractual schedule",
    tag: "Loans",
    example: { params: LOAN },
    input: ({ params }) => params,
  }),
  route("loans.events.list", {
    method: "GET",
    path: "/v1/loans/{loanId}/events",
    status: 200,
    summary: "A loan's servicing events",
    tag: "Loans",
    example: { params: LOAN },
    input: ({ params }) => params,
  }),
  route("loans.events.record", {
    method: "POST",
    path: "/v1/loans/{loanId}/events",
    status: 201,
    summary: 'Record a servicing event (repayment, fee, reversal, write-off, …) as {"event": {…}}',
    tag: "Loans",
    command: true,
    example: { params: LOAN, body: { event: { type: "repayment", date: "2025-02-01", amount: "88.85" } } },
    input: ({ params, body }) => ({ loanId: params.loanId, event: body.event }),
  }),
  route("loans.payoffQuote", {
    method: "GET",
    path: "/v1/loans/{loanId}/payoff",
    status: 200,
    summary: "What paying the loan off on a date takes",
    tag: "Loans",
    example: { params: LOAN, query: { date: "2025-03-15" } },
    input: ({ params, query }) => ({ loanId: params.loanId, date: query.date }),
  }),
  route("loans.cashFlow", {
    method: "GET",
    path: "/v1/loans/{loanId}/cash-flow",
    status: 200,
    summary: "A loan's cash flows by installment and component, as of a date",
    tag: "Loans",
    example: { params: LOAN, query: { asOf: "2025-03-15" } },
    input: ({ params, query }) => ({ loanId: params.loanId, asOf: query.asOf }),
  }),
  route("loans.ledger", {
    method: "GET",
    path: "/v1/loans/{loanId}/ledger",
    status: 200,
    summary: "A loan's ledger entries and account balances",
    tag: "Loans",
    example: { params: LOAN },
    input: ({ params }) => params,
  }),
  route("loans.health", {
    method: "POST",
    path: "/v1/loans/{loanId}/health",
    status: 200,
    summary: "The loan health score on the business date (the body holds its options)",
    tag: "Loans",
    example: { params: LOAN, body: { model: "improved", marketRatePercent: "9" } },
    input: ({ params, body }) => ({ loanId: params.loanId, options: body }),
  }),
  route("portfolio.delinquency", {
    method: "GET",
    path: "/v1/portfolio/delinquency",
    status: 200,
    summary: "Loans and balances by delinquency bucket; with from and to, how loans moved between buckets",
    tag: "Portfolio",
    example: { query: { from: "2025-03-14", to: "2025-03-15" } },
    input: ({ query }) => query,
  }),
  route("eod.run", {
    method: "POST",
    path: "/v1/eod",
    status: 200,
    summary: "Close the business day: accrual, late fees, delinquency, write-offs for every active loan",
    tag: "End of day",
    command: true,
    input: none,
  }),
  route("audit.list", {
    method: "GET",
    path: "/v1/audit",
    status: 200,
    summary: "The tenant's audit trail",
    tag: "Audit",
    example: { query: { limit: "50" } },
    input: ({ query }) => query,
  }),
];

/** `/v1/loans/{loanId}` → `/v1/loans/:loanId` (the router's form). */
export function routerPath(path: string): string {
  return path.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, ":$1");
}

/** A route's path with the example's (or given) parameters filled in. */
export function pathWith(path: string, params: Readonly<Record<string, string>> = {}): string {
  return path.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_whole, name: string) =>
    encodeURIComponent(params[name] ?? `missing-${name}`),
  );
}
