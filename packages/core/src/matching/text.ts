/**
 * Text helpers shared by the comparators. Everything here is total: any value in, a string out,
 * never an exception, and never more than `MAX_FIELD_LENGTH` characters processed.
 */

/**
 * The longest field we look at. Real names, addresses and identifiers are far shorter; the cap keeps
 * the quadratic edit distances cheap on hostile input (a 1 MB "name").
 */
export const MAX_FIELD_LENGTH = 200;

/** A string from anything: non-strings become `""`, long strings are cut at `MAX_FIELD_LENGTH`. */
export const toText = (value: unknown): string => {
  if (typeof value !== "string") return "";
  // Cut before normalising, then again after (NFKD can expand a character into several).
  return value.length > MAX_FIELD_LENGTH * 2 ? value.slice(0, MAX_FIELD_LENGTH * 2) : value;
};

/**
 * Letters NFKD does not decompose into a base letter plus a mark, mapped the way US issuers and
 * banks transliterate them (ICAO 9303 style): `ß`→`ss`, `æ`→`ae`, `ø`→`o`, `ł`→`l`, …
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: "ss",
  ẞ: "ss",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ø: "o",
  Ø: "o",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  ð: "d",
  Ð: "d",
  þ: "th",
  Þ: "th",
  ı: "i",
  ħ: "h",
  Ħ: "h",
  ŀ: "l",
  Ŀ: "l",
  ŋ: "n",
  Ŋ: "n",
  ĸ: "k",
  ſ: "s",
};
const SPECIAL_LETTER_PATTERN = new RegExp(`[${Object.keys(SPECIAL_LETTERS).join("")}]`, "gu");

/** Apostrophes and look-alikes: removed so that `O'Brien`, `O’Brien` and `OBrien` agree. */
const APOSTROPHES = /['’‘`´ʼʹ′ʻ]/gu;

/**
 * Lower case, accents stripped (NFKD + combining marks removed), special Latin letters
 * transliterated, apostrophes and periods removed. Other characters are kept for the caller.
 */
export const foldText = (value: unknown): string => {
  const raw = toText(value);
  // Most input is ASCII already: skip the Unicode passes for it.
  const latin = /^[\x20-\x7e]*$/.test(raw)
    ? raw
    : raw
        .replace(SPECIAL_LETTER_PATTERN, (letter) => SPECIAL_LETTERS[letter] ?? letter)
        .normalize("NFKD")
        .replace(/\p{M}/gu, "");
  const text = latin.toLowerCase().replace(APOSTROPHES, "").replace(/\./g, "");
  return text.length > MAX_FIELD_LENGTH ? text.slice(0, MAX_FIELD_LENGTH) : text;
};

/** Folded text split into words of letters and digits; everything else separates words. */
export const words = (value: unknown): string[] =>
  foldText(value)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);

/** True when the value is missing or has no letter or digit in it. */
export const isBlank = (value: unknown): boolean => !/[\p{L}\p{N}]/u.test(toText(value));

/** A finite number, or `undefined`. */
export const finiteNumber = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

/** "one", "two", … for explanations (numbers only, never the compared values). */
export const countWord = (n: number): string =>
  ["zero", "one", "two", "three", "four", "five"][n] ?? String(n);

/** `character` or `characters`. */
export const characters = (n: number): string => `${countWord(n)} character${n === 1 ? "" : "s"}`;
