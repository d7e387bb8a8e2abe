/**
 * Small, dependency-free string distances. Hand-written rather than taken from
 * `string-similarity` (Dice coefficient, deprecated on npm): an edit count is what a reviewer can
 * read ("differs by one character"), and Jaro–Winkler is only used to grade clear mismatches.
 */

/**
 * Damerau–Levenshtein distance (optimal string alignment variant): insertions, deletions,
 * substitutions and transpositions of adjacent characters each cost 1. Works on code points.
 */
export const editDistance = (a: string, b: string): number => {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0) return t.length;
  if (t.length === 0) return s.length;
  const width = t.length + 1;
  // Three rolling rows are enough for the transposition lookback.
  let before = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= s.length; i++) {
    current[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      }
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[t.length] ?? 0;
};

/** Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4). */
export const jaroWinkler = (a: string, b: string): number => {
  const s = Array.from(a);
  const t = Array.from(b);
  if (s.length === 0 && t.length === 0) return 1;
  if (s.length === 0 || t.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const sMatched = new Array<boolean>(s.length).fill(false);
  const tMatched = new Array<boolean>(t.length).fill(false);
  let matches = 0;
  for (let i = 0; i < s.length; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(t.length - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (tMatched[j] || s[i] !== t[j]) continue;
      sMatched[i] = true;
      tMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    if (!sMatched[i]) continue;
    while (!tMatched[k]) k++;
    if (s[i] !== t[k]) transpositions++;
    k++;
  }
  const jaro = (matches / s.length + matches / t.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < s.length && prefix < t.length && s[prefix] === t[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
};

/**
 * Characters OCR engines confuse on ID cards, folded to one representative: `0`/`o`/`q`→`o`,
 * `1`/`i`/`l`/`|`/`!`→`l`, `5`/`s`→`s`, `8`/`b`→`b`, `2`/`z`→`z`, `6`/`g`→`g`, `rn`→`m`,
 * `vv`→`w`, `cl`→`d`. Input is expected folded to lower case.
 */
export const foldOcrConfusions = (value: string): string =>
  value
    .replace(/rn/g, "m")
    .replace(/vv/g, "w")
    .replace(/cl/g, "d")
    .replace(/[0q]/g, "o")
    .replace(/[1i|!]/g, "l")
    .replace(/5/g, "s")
    .replace(/8/g, "b")
    .replace(/2/g, "z")
    .replace(/6/g, "g");

/** How two folded strings differ, for explanations and scoring. */
export interface Difference {
  /** Edit distance between the strings as written (after case/accent folding). */
  readonly edits: number;
  /** Edit distance once OCR-confusable characters are folded together. */
  readonly editsBeyondOcr: number;
  /** True when the strings differ only by OCR-confusable characters. */
  readonly ocrOnly: boolean;
}

/** Compare two folded strings: raw edits and edits left after OCR folding. */
export const difference = (a: string, b: string): Difference => {
  const edits = editDistance(a, b);
  // Folding only ever helps: `rn`→`m` must not turn one inserted letter into two edits.
  const editsBeyondOcr =
    edits === 0 ? 0 : Math.min(edits, editDistance(foldOcrConfusions(a), foldOcrConfusions(b)));
  return { edits, editsBeyondOcr, ocrOnly: edits > 0 && editsBeyondOcr === 0 };
};
