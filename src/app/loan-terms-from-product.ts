// A loan's terms from its product: the product's terms document with every range (`{"min", "max"}`, see
// docs/reference/products.md) replaced by the applicant's choice, checked to lie within it. Fields the product
// fixes cannot be chosen. The result is then validated as any terms (parseTerms).
import type { Issue } from "../core/errors.ts";
import { compareRatio, parseDecimalRatio } from "../core/ratio.ts";
import { AppError } from "./app-error.ts";

export interface LoanChoices {
  readonly principal: string;
  readonly installments?: number | undefined;
  readonly interestRate?: string | undefined;
  /** Fee name → amount or percent, for the product's fees given as ranges. */
  readonly fees?: Readonly<Record<string, string>> | undefined;
  readonly disbursementDate: string;
  readonly firstDueDate?: string | undefined;
}

type Json = Record<string, unknown>;

export function loanTermsFromProduct(product: Json, choices: LoanChoices): Json {
  const issues: Issue[] = [];
  const terms: Json = { ...product, disbursementDate: choices.disbursementDate };
  if (choices.firstDueDate !== undefined) terms.firstDueDate = choices.firstDueDate;
  terms.principal = choose(product.principal, choices.principal, "principal", issues);
  terms.installments = choose(product.installments, choices.installments, "installments", issues);
  const interest = isObject(product.interest) ? product.interest : {};
  terms.interest = { ...interest, rate: choose(interest.rate, choices.interestRate, "interestRate", issues) };
  if (product.interest === undefined && choices.interestRate === undefined) delete terms.interest;
  const chosenFees = { ...(choices.fees ?? {}) };
  if (Array.isArray(product.fees)) {
    terms.fees = product.fees.map((item) => {
      if (!isObject(item)) return item;
      const name = String(item.name);
      const key = item.amount !== undefined ? "amount" : item.percent !== undefined ? "percent" : undefined;
      const choice = chosenFees[name];
      delete chosenFees[name];
      if (key === undefined) {
        if (choice !== undefined) issues.push(fixed(`fees.${name}`, choice));
        return item;
      }
      return { ...item, [key]: choose(item[key], choice, `fees.${name}`, issues) };
    });
  }
  for (const [name, value] of Object.entries(chosenFees))
    issues.push({ field: `fees.${name}`, value, message: "is not a fee of the product" });
  if (issues.length > 0)
    throw new AppError("INVALID_REQUEST", issues.map((i) => `${i.field}: ${i.message}`).join("; "), issues);
  return terms;
}

/** The chosen value of a field the product gives as a range (default: the range's minimum when min = max). */
function choose(
  productValue: unknown,
  choice: string | number | undefined,
  field: string,
  issues: Issue[],
): unknown {
  if (!isRange(productValue)) {
    if (choice !== undefined && String(choice) !== String(productValue))
      issues.push(fixed(field, choice, productValue));
    return productValue;
  }
  const { min, max } = productValue;
  if (choice === undefined) {
    if (String(min) === String(max)) return min;
    issues.push({ field, value: null, message: `is required: the product allows ${min} to ${max}` });
    return undefined;
  }
  const value = parseDecimalRatio(String(choice));
  const low = parseDecimalRatio(String(min));
  const high = parseDecimalRatio(String(max));
  if (value === undefined || low === undefined || high === undefined) {
    issues.push({ field, value: choice, message: `must be a decimal number from ${min} to ${max}` });
    return undefined;
  }
  if (compareRatio(value, low) < 0 || compareRatio(value, high) > 0)
    issues.push({ field, value: choice, message: `must be from ${min} to ${max} (the product's range)` });
  return typeof min === "number" ? Number(choice) : String(choice); // float-ok: an installment count
}

function fixed(field: string, choice: unknown, productValue?: unknown): Issue {
  return {
    field,
    value: choice,
    message:
      productValue === undefined
        ? "is fixed by the product and cannot be chosen"
        : `is fixed by the product at ${String(productValue)} and cannot be chosen`,
  };
}

function isRange(value: unknown): value is { min: string | number; max: string | number } {
  return isObject(value) && "min" in value && "max" in value;
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
