// Access control in one table (ARCHITECTURE.md, "security"): which roles may perform each operation, and
// whether a borrower's key is further limited to its own objects. Every door (HTTP, CLI, jobs) goes through
// `authorize` before an operation runs; the owner check runs inside the operation once it knows the object's
// borrower (`ensureOwnBorrower`), so no route repeats either rule.
import type { Role } from "../store/schema.ts";
import type { Actor } from "./actor.ts";
import { AppError } from "./app-error.ts";

const ALL: readonly Role[] = ["admin", "officer", "borrower"];
const STAFF: readonly Role[] = ["admin", "officer"];
const ADMIN: readonly Role[] = ["admin"];

/** Every operation of the service and the roles that may perform it. */
export const OPERATION_ROLES = {
  "tenant.read": ALL,
  "apiKeys.create": ADMIN,
  "apiKeys.list": ADMIN,
  "apiKeys.revoke": ADMIN,
  "products.create": ADMIN,
  "products.version": ADMIN,
  "products.list": ALL,
  "products.read": ALL,
  "products.templates": ALL,
  "quotes.schedule": ALL,
  "quotes.rates": ALL,
  "borrowers.create": STAFF,
  "borrowers.list": STAFF,
  "borrowers.read": ALL,
  "borrowers.profile.write": ALL,
  "borrowers.plans": ALL,
  "borrowers.score": STAFF,
  "applications.submit": ALL,
  "applications.read": ALL,
  "applications.list": STAFF,
  "applications.approve": STAFF,
  "applications.decline": STAFF,
  "loans.disburse": STAFF,
  "loans.list": ALL,
  "loans.read": ALL,
  "loans.schedule": ALL,
  "loans.events.list": ALL,
  "loans.events.record": ALL,
  "loans.payoffQuote": ALL,
  "loans.cashFlow": ALL,
  "loans.ledger": STAFF,
  "loans.health": ALL,
  "portfolio.delinquency": STAFF,
  "eod.run": ADMIN,
  "audit.list": ADMIN,
} as const satisfies Record<string, readonly Role[]>;

export type Operation = keyof typeof OPERATION_ROLES;
export const OPERATIONS = Object.keys(OPERATION_ROLES) as Operation[];

/** Servicing events a borrower may record on their own loan; staff may record every event. */
export const BORROWER_EVENT_TYPES: readonly string[] = ["repayment", "payoff"];

export function mayPerform(role: Role, operation: Operation): boolean {
  return (OPERATION_ROLES[operation] as readonly Role[]).includes(role);
}

export function authorize(actor: Actor, operation: Operation): void {
  if (!mayPerform(actor.role, operation))
    throw new AppError("FORBIDDEN", `the ${actor.role} role may not perform ${operation}`);
}

/**
 * A borrower's key reaches only its own borrower's objects. The refusal is the same whether the object exists
 * or not, so that a borrower cannot probe other borrowers' ids.
 */
export function ensureOwnBorrower(actor: Actor, borrowerId: string, kind: string, id: string): void {
  if (actor.role === "borrower" && actor.borrowerId !== borrowerId)
    throw new AppError("NOT_FOUND", `no ${kind} "${id}" in this tenant`);
}
