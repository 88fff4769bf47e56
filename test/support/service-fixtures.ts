// A tenant with a product, a borrower and a disbursed loan, made through the app's operations as a client would.
import type { Actor } from "../../src/app/actor.ts";
import { TenorApp } from "../../src/app/service.ts";
import { createTenant } from "../../src/app/tenants.ts";
import type { Store } from "../../src/store/database.ts";

/** A monthly USD annuity product of the tests: principal 100.00–100,000.00, 1–`maxInstallments`, 0–30 % a year. */
export function annuityProductTerms(maxInstallments = 60): Record<string, unknown> {
  return {
    currency: "USD",
    loanType: "annuity",
    period: "monthly",
    principal: { min: "100.00", max: "100000.00" },
    installments: { min: 1, max: maxInstallments },
    interest: { rate: { min: "0", max: "30" }, per: "year" },
  };
}

export interface LoanFixture {
  readonly app: TenorApp;
  readonly admin: Actor;
  readonly loanId: string;
  readonly borrowerId: string;
}

/**
 * A 12-month annuity of `principal` USD at 12 % a year from 2025-01-01, no fees, lateGraceDays 3, late fee
 * 15.00, write-off tolerance 1.00; the tenant's business date is `businessDate`.
 */
export async function disbursedLoan(
  store: Store,
  options: { tenantId?: string; principal?: string; businessDate?: string } = {},
): Promise<LoanFixture> {
  const tenantId = options.tenantId ?? "t1";
  const app = new TenorApp(store);
  const { adminKey } = await createTenant(store, {
    tenantId,
    name: tenantId,
    businessDate: options.businessDate ?? "2025-01-15",
  });
  const admin = await app.authenticator.authenticate(adminKey);
  await app.perform("products.create", admin, {
    productId: "annuity",
    name: "Annuity",
    terms: annuityProductTerms(),
    servicing: { lateGraceDays: 3, lateFee: { amount: "15.00" }, writeOffTolerance: "1.00" },
  });
  await app.perform("borrowers.create", admin, { borrowerId: "b1", name: "Borrower One" });
  const application = await app.perform("applications.submit", admin, {
    borrowerId: "b1",
    productId: "annuity",
    principal: options.principal ?? "10000.00",
    installments: 12,
    interestRate: "12",
    disbursementDate: "2025-01-01",
  });
  const applicationId = (application.body as { applicationId: string }).applicationId;
  const approved = await app.perform("applications.approve", admin, { applicationId });
  const loanId = (approved.body as { loanId: string }).loanId;
  await app.perform("loans.disburse", admin, { loanId });
  return { app, admin, loanId, borrowerId: "b1" };
}
