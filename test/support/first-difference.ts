// Where two JSON-like values first differ: what the property tests print when an engine and its reference
// implementation disagree.

/** The first path at which `engine` and `reference` differ, with both values in words. */
export function firstDifference(
  engine: unknown,
  reference: unknown,
  path = "",
): { path: string; text: string } | undefined {
  if (Array.isArray(engine) && Array.isArray(reference)) {
    for (let i = 0; i < Math.max(engine.length, reference.length); i++) {
      const d = firstDifference(engine[i], reference[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (typeof engine === "object" && engine !== null && typeof reference === "object" && reference !== null) {
    const keys = new Set([...Object.keys(engine), ...Object.keys(reference)]);
    for (const key of keys) {
      const d = firstDifference(
        (engine as Record<string, unknown>)[key],
        (reference as Record<string, unknown>)[key],
        path === "" ? key : `${path}.${key}`,
      );
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return Object.is(engine, reference)
    ? undefined
    : { path, text: `${path}: engine ${JSON.stringify(engine)}, reference ${JSON.stringify(reference)}` };
}
