// Lists written into the messages of the servicing documents' issues.

/** `"a", "b" and "c"` (strings quoted, numbers bare): every item, where listAllowed says "one of". */
export function listEvery(items: readonly (string | number)[]): string {
  const quoted = items.map((item) => JSON.stringify(item));
  if (quoted.length <= 1) return quoted[0] ?? "";
  return `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}`;
}
