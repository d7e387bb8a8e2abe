import type { MatchOutcome } from "../domain/checks.js";
import { areDistinctGivenNames, areNicknames } from "./given-names.js";
import { canonicalSuffix, normalizeName } from "./normalize-name.js";
import { type Verdict, verdict, worse } from "./options.js";
import { difference, jaroWinkler } from "./string-distance.js";
import { characters } from "./text.js";

/**
 * Scores of the name rules (see `DEFAULT_COMPARE_IDENTITY_OPTIONS` for the bands they are built for).
 * Every REVIEW rule also caps the outcome at REVIEW, so a looser `bands.match` cannot turn an
 * OCR-like difference into a MATCH.
 */
export const NAME_SCORES = {
  equal: 100,
  middleInitial: 95,
  middleOnOneSide: 95,
  suffixOnOneSide: 95,
  extraMiddleNames: 92,
  ocrLike: 85,
  splitDifferently: 85,
  oneEdit: 80,
  partialSurname: 80,
  nickname: 75,
  truncated: 75,
  jrVersusII: 75,
  initial: 70,
  swapped: 70,
  twoEditsInLongName: 70,
  middleDiffers: 65,
  notRead: 60,
  suffixDiffers: 20,
} as const;

/** Name parts as given: either side of the comparison, any value (non-strings count as empty). */
export interface NameParts {
  readonly first?: unknown;
  readonly middle?: unknown;
  readonly last?: unknown;
  readonly suffix?: unknown;
}

interface PartVerdict {
  readonly score: number;
  readonly cap: MatchOutcome;
  /** Absent when the part is equal: nothing to tell the reviewer. */
  readonly note?: string;
}

const EQUAL: PartVerdict = { score: NAME_SCORES.equal, cap: "MATCH" };
const part = (score: number, note: string, cap: MatchOutcome = "MATCH"): PartVerdict => ({
  score,
  cap,
  note,
});
const review = (score: number, note: string): PartVerdict => part(score, note, "REVIEW");
const mismatch = (a: string, b: string, note: string): PartVerdict =>
  part(Math.round(jaroWinkler(a, b) * 59), note, "MISMATCH");

/** Surname particles that one document writes and another drops (`de la Cruz` / `Cruz`). */
const PARTICLES = new Set([
  "de",
  "del",
  "della",
  "dela",
  "la",
  "las",
  "los",
  "le",
  "van",
  "von",
  "der",
  "den",
  "da",
  "das",
  "di",
  "du",
  "dos",
  "ter",
  "ten",
  "y",
  "e",
  "al",
  "el",
  "bin",
  "ibn",
]);

type WordKind = "first name" | "last name" | "middle name";

/** Two folded, compacted words: equal, OCR-like, one typo, nickname, truncated, or different. */
const compareWords = (declared: string, extracted: string, label: WordKind): PartVerdict => {
  if (declared === extracted) return EQUAL;
  const isGiven = label === "first name";
  if (isGiven && areNicknames(declared, extracted)) {
    return review(NAME_SCORES.nickname, `${label} is a known nickname or spelling variant of the other`);
  }
  const diff = difference(declared, extracted);
  if (diff.ocrOnly) {
    return review(NAME_SCORES.ocrLike, `${label} differs by ${characters(diff.edits)} (OCR-like confusion)`);
  }
  if (isGiven && areDistinctGivenNames(declared, extracted)) {
    return mismatch(declared, extracted, `${label}s are two different given names`);
  }
  const [shorter, longer] =
    declared.length <= extracted.length ? [declared, extracted] : [extracted, declared];
  if (isGiven && shorter.length === 1 && longer.startsWith(shorter)) {
    return review(NAME_SCORES.initial, `${label} is an initial on one side`);
  }
  if (diff.editsBeyondOcr === 1) {
    const kind = diff.edits === 1 ? "(likely a typo)" : "(typo plus OCR-like confusion)";
    return review(NAME_SCORES.oneEdit, `${label} differs by one character ${kind}`);
  }
  if (shorter.length >= 6 && longer.startsWith(shorter)) {
    return review(NAME_SCORES.truncated, `${label} appears truncated on one side`);
  }
  if (diff.editsBeyondOcr === 2 && shorter.length >= 10) {
    return review(NAME_SCORES.twoEditsInLongName, `${label} differs by two characters in a long name`);
  }
  return mismatch(declared, extracted, `${label} differs`);
};

const compareSurnames = (declared: readonly string[], extracted: readonly string[]): PartVerdict => {
  if (declared.join("") === extracted.join("")) return EQUAL;
  const [fewer, more] = declared.length <= extracted.length ? [declared, extracted] : [extracted, declared];
  if (fewer.length > 0 && fewer.length < more.length && fewer.every((word) => more.includes(word))) {
    const particlesOnly = more.filter((word) => !fewer.includes(word)).every((word) => PARTICLES.has(word));
    return particlesOnly
      ? review(NAME_SCORES.partialSurname, "last name has a particle (de, van, …) on one side only")
      : review(NAME_SCORES.partialSurname, "only part of a double last name matches");
  }
  const withoutParticles = (words: readonly string[]): string =>
    words.filter((word) => !PARTICLES.has(word)).join("");
  const d = withoutParticles(declared);
  if (d !== "" && d === withoutParticles(extracted)) {
    return review(NAME_SCORES.partialSurname, "last name has a particle (de, van, …) on one side only");
  }
  return compareWords(declared.join(""), extracted.join(""), "last name");
};

const compareMiddles = (declared: readonly string[], extracted: readonly string[]): PartVerdict => {
  if (declared.join("") === extracted.join("")) return EQUAL;
  if (declared.length === 0 || extracted.length === 0) {
    return part(NAME_SCORES.middleOnOneSide, "middle name on one side only");
  }
  // Each word of the shorter side must match, in order, a word (or its initial) of the longer side.
  const [fewer, more] = declared.length <= extracted.length ? [declared, extracted] : [extracted, declared];
  let position = 0;
  const allFound = fewer.every((word) => {
    while (position < more.length) {
      const candidate = more[position++] ?? "";
      if (candidate === word) return true;
      if (
        (word.length === 1 && candidate.startsWith(word)) ||
        (candidate.length === 1 && word.startsWith(candidate))
      ) {
        return true;
      }
    }
    return false;
  });
  if (allFound) {
    // Same number of words and not equal: at least one is an initial of the other.
    return fewer.length === more.length
      ? part(NAME_SCORES.middleInitial, "middle initial matches the middle name")
      : part(NAME_SCORES.extraMiddleNames, "one side has additional middle names");
  }
  const words = compareWords(declared.join(""), extracted.join(""), "middle name");
  // A differing middle name alone never rejects: it is the part applicants and issuers vary most.
  return words.cap === "MISMATCH" ? review(NAME_SCORES.middleDiffers, "middle names differ") : words;
};

const compareSuffixes = (declared: string, extracted: string): PartVerdict => {
  if (declared === extracted) return EQUAL;
  if (declared === "" || extracted === "") {
    return part(NAME_SCORES.suffixOnOneSide, "generational suffix (Jr, Sr, II…) on one side only");
  }
  const pair = new Set([declared, extracted]);
  if (pair.has("jr") && pair.has("ii")) {
    return review(NAME_SCORES.jrVersusII, "generational suffix is Jr on one side and II on the other");
  }
  return part(NAME_SCORES.suffixDiffers, "generational suffixes differ (a parent and a child?)", "MISMATCH");
};

const combine = (parts: readonly PartVerdict[]): Verdict => {
  const notes = parts.flatMap((p) => (p.note === undefined ? [] : [p.note]));
  return verdict(
    Math.min(...parts.map((p) => p.score)),
    notes.length === 0 ? "name matches (case, accents, spacing and punctuation ignored)" : notes.join("; "),
    parts.reduce<MatchOutcome>((cap, p) => worse(cap, p.cap), "MATCH"),
  );
};

/**
 * Compare a declared name with the name read off a license.
 *
 * Rules, in order: case, accents, apostrophes, hyphens and spacing never matter (`O'Brien` =
 * `OBRIEN` = `O Brien`, `García-López` = `GARCIA LOPEZ`); a generational suffix may sit in the last
 * name or its own field; a middle name or initial may be missing on either side (`John Q` =
 * `John Quincy` = `John`). Everything else needs a person: OCR-like confusions (`0/O`, `1/I/l`,
 * `5/S`, `8/B`, `rn/m`), one typo, a nickname (`Bob`/`Robert`), an initial, a partial double
 * surname (`García` / `García López`), first and last names swapped, name parts split differently.
 * Two different known given names one letter apart (`John`/`Joan`) and differing suffixes (`Jr`/`Sr`)
 * are a MISMATCH: that is how twins and parents differ on paper.
 *
 * The explanation names the part and the kind of difference, never the names.
 */
export const compareNames = (declared: NameParts, extracted: NameParts): Verdict => {
  const d = normalizeName(declared);
  const e = normalizeName(extracted);
  const notRead = (what: string): PartVerdict => review(NAME_SCORES.notRead, what);
  if (d.firstWords.length === 0 && d.lastWords.length === 0) return combine([notRead("name not declared")]);
  if (e.firstWords.length === 0 && e.lastWords.length === 0) {
    return combine([notRead("name not read from the license")]);
  }

  const sameFirstWords = d.firstWords.join("") === e.firstWords.join("");
  // A compound first name on both sides (`Jean-Luc`) is one name: compare it whole before word by word,
  // so that a typo in it is not mistaken for two different given names (`Jen` / `Jean`).
  const compound =
    !sameFirstWords && d.firstWords.length > 1 && e.firstWords.length > 1
      ? compareWords(d.firstWords.join(""), e.firstWords.join(""), "first name")
      : undefined;
  const wholeFirst = sameFirstWords || (compound !== undefined && compound.cap !== "MISMATCH");
  const first =
    e.firstWords.length === 0
      ? notRead("first name not read from the license")
      : d.firstWords.length === 0
        ? notRead("first name not declared")
        : sameFirstWords
          ? EQUAL
          : compound !== undefined && compound.cap !== "MISMATCH"
            ? compound
            : compareWords(d.given, e.given, "first name");
  const last =
    e.lastWords.length === 0
      ? notRead("last name not read from the license")
      : d.lastWords.length === 0
        ? notRead("last name not declared")
        : compareSurnames(d.lastWords, e.lastWords);
  const middle = wholeFirst
    ? compareMiddles(d.middleFieldWords, e.middleFieldWords)
    : compareMiddles(d.middleWords, e.middleWords);
  const suffix = compareSuffixes(d.suffix, e.suffix);
  const result = combine([first, middle, last, suffix]);
  if (result.cap === "MATCH" && result.score >= NAME_SCORES.extraMiddleNames) return result;

  const compact = (words: readonly string[]): string => words.join("");
  // A suffix typed after the surname moves with it when the fields are swapped (`Smith Jr` / `John`).
  const withoutSuffix = (words: readonly string[]): readonly string[] =>
    words.length > 1 && canonicalSuffix(words[words.length - 1] ?? "") !== undefined
      ? words.slice(0, -1)
      : words;
  const dFirst = compact(withoutSuffix(d.firstWords));
  const dLast = compact(d.lastWords);
  if (
    dFirst !== "" &&
    dLast !== "" &&
    dFirst === compact(e.lastWords) &&
    dLast === compact(withoutSuffix(e.firstWords))
  ) {
    return combine([review(NAME_SCORES.swapped, "first and last names appear swapped"), suffix]);
  }
  const full = (n: typeof d): string => compact([...n.firstWords, ...n.middleFieldWords, ...n.lastWords]);
  if (first.cap !== "MATCH" || last.cap !== "MATCH") {
    if (full(d) === full(e)) {
      return combine([
        review(
          NAME_SCORES.splitDifferently,
          "name parts are split differently between first, middle and last",
        ),
        suffix,
      ]);
    }
  }
  return result;
};
