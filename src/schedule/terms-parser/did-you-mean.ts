/**
 * ` (did you mean "x"?)` for the closest candidate within two edits, differing only in case, or that starts the
 * word ("interestRate" → "interest"); else "".
 */
export function didYouMean(word: string, candidates: readonly string[]): string {
  let best: { candidate: string; distance: number } | undefined;
  const lowerWord = word.toLowerCase();
  for (const candidate of candidates) {
    const lowerCandidate = candidate.toLowerCase();
    const isPrefix = lowerCandidate.length >= 4 && lowerWord.startsWith(lowerCandidate);
    const distance = lowerCandidate === lowerWord || isPrefix ? 0 : editDistance(word, candidate);
    if (distance <= 2 && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best === undefined ? "" : ` (did you mean "${best.candidate}"?)`;
}

/** Levenshtein distance, for suggestions only (inputs are short field and option names). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
