// The German credit (Statlog) benchmark's characteristics: every attribute of credit-g.arff except the
// protected ones — personal_status (it mixes sex and marital status), foreign_worker (nationality) and age.
// This model is a benchmark reported beside the production one (docs/reference/credit-scorecard-report.md); the
// app does not collect these facts, so applicants are scored with the credit_data model.
import type { CharacteristicSpec, CharacteristicValues, TrainingSet } from "./characteristic.ts";
import type { ArffAttribute, ArffTable } from "./parse-arff.ts";

/** The protected attributes of German credit: measured for their cost only, never model inputs. */
export const GERMAN_CREDIT_PROTECTED: readonly string[] = ["personal_status", "foreign_worker", "age"];

/** Plain labels of the attributes (the data set's documentation in the ARFF header). */
const LABELS: Readonly<Record<string, string>> = {
  checking_status: "checking account balance (DM)",
  duration: "loan duration (months)",
  credit_history: "credit history",
  purpose: "purpose",
  credit_amount: "credit amount (DM)",
  savings_status: "savings (DM)",
  employment: "years employed",
  installment_commitment: "installment as % of disposable income (1–4)",
  personal_status: "sex and marital status (protected)",
  other_parties: "other debtors or guarantors",
  residence_since: "years at the present residence",
  property_magnitude: "most valuable property",
  age: "age (protected)",
  other_payment_plans: "other installment plans",
  housing: "housing",
  existing_credits: "existing credits at this bank",
  job: "job",
  num_dependents: "people liable to maintain",
  own_telephone: "telephone",
  foreign_worker: "foreign worker (protected)",
};

/** Every attribute but the class as a characteristic spec (protected ones included: the caller chooses). */
export function germanCreditCharacteristics(table: ArffTable): CharacteristicSpec[] {
  return table.attributes.filter((attribute) => attribute.name !== "class").map(specOf);
}

function specOf(attribute: ArffAttribute): CharacteristicSpec {
  const label = LABELS[attribute.name] ?? attribute.name.replaceAll("_", " ");
  const code = attribute.name.toUpperCase();
  const missing = { code: `${code}_MISSING`, message: `${capitalized(label)} was not given` };
  if (attribute.kind === "numeric") {
    return {
      name: attribute.name,
      label,
      kind: "numeric",
      format: "number",
      edgeDecimals: 0,
      reasons: {
        high: { code: `${code}_HIGH`, message: `High ${label}` },
        low: { code: `${code}_LOW`, message: `Low ${label}` },
        missing,
      },
    };
  }
  return {
    name: attribute.name,
    label,
    kind: "categorical",
    levels: attribute.values,
    format: "level",
    edgeDecimals: 0,
    reasons: { level: { code, message: `${capitalized(label)} of a kind with more defaults` }, missing },
  };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The rows as characteristic values by attribute name, with class "bad" as the label. */
export function germanCreditTrainingSet(table: ArffTable): TrainingSet {
  const classIndex = table.attributes.findIndex((attribute) => attribute.name === "class");
  if (classIndex < 0) throw new Error("German credit: the class attribute is missing");
  const rows: CharacteristicValues[] = [];
  const bad: boolean[] = [];
  table.rows.forEach((values, r) => {
    const label = values[classIndex];
    if (label !== "good" && label !== "bad") {
      throw new Error(`German credit row ${r + 1}: class must be good or bad, got "${String(label)}"`);
    }
    rows.push(
      Object.fromEntries(
        table.attributes.flatMap((attribute, i) => (i === classIndex ? [] : [[attribute.name, values[i]]])),
      ),
    );
    bad.push(label === "bad");
  });
  return { rows, bad };
}
