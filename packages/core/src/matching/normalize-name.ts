import { words } from "./text.js";

/** Generational suffixes, folded, to their canonical form. */
const SUFFIXES: Readonly<Record<string, string>> = {
  jr: "jr",
  junior: "jr",
  sr: "sr",
  senior: "sr",
  ii: "ii",
  "2nd": "ii",
  iii: "iii",
  "3rd": "iii",
  iv: "iv",
  "4th": "iv",
  v: "v",
  "5th": "v",
};

/** The canonical generational suffix of a folded word (`junior`→`jr`, `3rd`→`iii`), if it is one. */
export const canonicalSuffix = (word: string): string | undefined => SUFFIXES[word];

/** A person's name split into folded words. */
export interface NormalizedName {
  /** First given name word (`mary` of `Mary Ann`), or `""`. */
  readonly given: string;
  /** All words of the first-name field (`["mary", "ann"]`). */
  readonly firstWords: readonly string[];
  /** Words of the middle-name field only. */
  readonly middleFieldWords: readonly string[];
  /** Middle words: extra words of the first-name field (`ann` of `Mary Ann`), then the middle-name field. */
  readonly middleWords: readonly string[];
  /** Surname words, generational suffix removed (`García-López Jr` → `["garcia", "lopez"]`). */
  readonly lastWords: readonly string[];
  /** Canonical generational suffix (`jr`, `sr`, `ii`, …) or `""`. */
  readonly suffix: string;
}

/**
 * Normalise the parts of a name: Unicode-folded (accents, `ß`, `æ`, `ø`, `ł`…), case, apostrophes
 * and punctuation removed, hyphenated parts split into words, a generational suffix at the end of the
 * last name (`Smith Jr.`, `Smith, III`) moved to `suffix`. `V` is only a suffix in the suffix field,
 * where it cannot be a surname initial.
 */
export const normalizeName = (parts: {
  readonly first?: unknown;
  readonly middle?: unknown;
  readonly last?: unknown;
  readonly suffix?: unknown;
}): NormalizedName => {
  const firstWords = words(parts.first);
  const lastWords = words(parts.last);
  let suffix = "";
  const suffixWords = words(parts.suffix);
  const fromField =
    suffixWords.length === 1 && suffixWords[0] !== undefined ? canonicalSuffix(suffixWords[0]) : undefined;
  if (fromField !== undefined) suffix = fromField;
  while (lastWords.length > 1) {
    const tail = lastWords[lastWords.length - 1] ?? "";
    const canonical = tail === "v" ? undefined : canonicalSuffix(tail);
    if (canonical === undefined) break;
    lastWords.pop();
    if (suffix === "") suffix = canonical;
  }
  if (suffix === "" && suffixWords.length > 0) suffix = suffixWords.join("");
  const middleFieldWords = words(parts.middle);
  return {
    given: firstWords[0] ?? "",
    firstWords,
    middleFieldWords,
    middleWords: [...firstWords.slice(1), ...middleFieldWords],
    lastWords,
    suffix,
  };
};
