import { INVALID, type Parsed, type TermsReader } from "../../schedule/terms-parser/terms-reader.ts";
import { listEvery } from "../list-text.ts";
import { COMPONENTS, type Component } from "../types.ts";

/**
 * An order of the four components (`accrualPriority`, `notYetDueOrder`): each exactly once. `fallback` when
 * absent. Unknown and repeated items are named by index; missing components are named at the array.
 */
export function readComponentOrder(
  r: TermsReader,
  value: unknown,
  field: string,
  fallback: readonly Component[],
): Parsed<readonly Component[]> {
  if (value === undefined) return fallback;
  const example = JSON.stringify(fallback).replaceAll(",", ", ");
  const items = r.array(value, field, example);
  if (items === INVALID) return INVALID;
  const allowed = `each of ${listEvery(COMPONENTS)} exactly once, such as ${example}`;
  // More than four items must repeat one: say so once instead of walking an arbitrarily long array.
  if (items.length > COMPONENTS.length) {
    return r.report(field, value, `has ${items.length} items: must list ${allowed}`);
  }
  const indexOf = new Map<Component, number>();
  let valid = true;
  items.forEach((item, index) => {
    const component = r.oneOf(item, `${field}[${index}]`, COMPONENTS);
    const first = component === INVALID ? undefined : indexOf.get(component);
    if (component === INVALID) {
      valid = false;
    } else if (first !== undefined) {
      r.report(`${field}[${index}]`, item, `repeats ${field}[${first}]: must list ${allowed}`);
      valid = false;
    } else {
      indexOf.set(component, index);
    }
  });
  if (!valid) return INVALID;
  const missing = COMPONENTS.filter((component) => !indexOf.has(component));
  if (missing.length > 0) return r.report(field, value, `misses ${listEvery(missing)}: must list ${allowed}`);
  return [...indexOf.keys()];
}
