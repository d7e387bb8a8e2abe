import type { ExtractedIdentity, IdentityField } from "@onboarding/core";
import type { OcrWord } from "./ocr-engine.js";

/** A run of words on one line with no wide gap between them (a column of a line). */
export interface Segment {
  readonly words: readonly OcrWord[];
  readonly text: string;
  readonly x0: number;
  readonly y0: number;
  readonly y1: number;
  readonly height: number;
}

const height = (word: OcrWord) => word.y1 - word.y0;
const centre = (word: OcrWord) => (word.y0 + word.y1) / 2;
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor(sorted.length / 2)] ?? 0);
};

/** Only letters, digits and the punctuation values use; a word of punctuation alone is noise. */
const MEANINGFUL = /[A-Za-z0-9]/;

/**
 * Groups words into segments by layout, not by tesseract's lines (which join columns): words whose
 * vertical centres are within half a word height share a line; a horizontal gap wider than 1.5 word
 * heights starts a new segment. Words much smaller than their line's largest (the printed field
 * labels, which OCR badly) and words of punctuation alone are dropped.
 */
export function segment(words: readonly OcrWord[]): Segment[] {
  const kept = words.filter((w) => MEANINGFUL.test(w.text) && height(w) > 0);
  const lines: OcrWord[][] = [];
  for (const word of [...kept].sort((a, b) => centre(a) - centre(b))) {
    const line = lines.find((l) => {
      const h = median(l.map(height));
      return Math.abs(median(l.map(centre)) - centre(word)) <= Math.max(h, height(word)) / 2;
    });
    if (line) line.push(word);
    else lines.push([word]);
  }
  const segments: Segment[] = [];
  for (const line of lines) {
    const tallest = Math.max(...line.map(height));
    const sorted = line.filter((w) => height(w) >= 0.62 * tallest).sort((a, b) => a.x0 - b.x0);
    let run: OcrWord[] = [];
    const flush = () => {
      if (run.length > 0) segments.push(toSegment(run));
      run = [];
    };
    for (const word of sorted) {
      const last = run.at(-1);
      if (last !== undefined && word.x0 - last.x1 > 1.5 * Math.max(height(last), height(word))) flush();
      run.push(word);
    }
    flush();
  }
  return segments.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

const toSegment = (words: readonly OcrWord[]): Segment => ({
  words,
  text: words.map((w) => w.text).join(" "),
  x0: Math.min(...words.map((w) => w.x0)),
  y0: Math.min(...words.map((w) => w.y0)),
  y1: Math.max(...words.map((w) => w.y1)),
  height: median(words.map(height)),
});

const US_DATE = /^(\d{2})[/.-](\d{2})[/.-](\d{4})$/;

/** `MM/DD/YYYY` (also `-` or `.`) → `YYYY-MM-DD`, or undefined when it is no calendar date. */
export function parseUsDate(text: string): string | undefined {
  const match = US_DATE.exec(text.trim());
  if (!match) return undefined;
  const [, mm, dd, yyyy] = match as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(yyyy), Number(mm) - 1, Number(dd)));
  if (date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return undefined;
  return `${yyyy}-${mm}-${dd}`;
}

const CITY_LINE = /^(.*?[A-Za-z].*?),?\s+([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$/;

/** `CITY, ST 12345[-6789]` → its parts, or undefined. */
export function parseCityLine(
  text: string,
): { readonly city: string; readonly state: string; readonly postalCode: string } | undefined {
  const match = CITY_LINE.exec(text.trim());
  if (!match) return undefined;
  const [, city, state, postalCode] = match as unknown as [string, string, string, string];
  return { city: city.replace(/[,.]$/, "").trim(), state, postalCode };
}

const STREET_LINE = /^\d+[A-Z]?\s+\S/;
const LICENSE_NUMBER = /^(?=.*\d)[A-Z0-9]{5,15}$/;
const NAME_WORD = /^[A-Z][A-Z'-]*,?$/;

/** What a license's front printed, read by value patterns and layout. */
export interface ParsedFront {
  readonly identity: ExtractedIdentity;
  /** How many fields were found: 0 means the image is no license this parser can read. */
  readonly found: number;
}

const confidenceOf = (words: readonly OcrWord[]): number =>
  Math.round(Math.min(...words.map((w) => Math.max(0, Math.min(100, w.confidence)))));

/**
 * Reads a license front from OCR words, by what values look like and where they are, never by the
 * small printed labels:
 * - dates `MM/DD/YYYY`: the earliest is the date of birth, the latest the expiration date;
 * - `CITY, ST 12345` is the city line; the segment just above it that starts with a number is the street;
 * - the two lines of capital letters just above the street are the family name, then the given names
 *   (first, then middle); one line `LAST, FIRST MIDDLE` is read the same way;
 * - the license number is the first word above the name block with digits in it, 5–15 letters
 *   and digits, that is not a date.
 * Each field's confidence is the lowest tesseract confidence of its words.
 */
export function parseLicenseFront(words: readonly OcrWord[]): ParsedFront {
  const segments = segment(words);
  const values: Record<string, string> = {};
  const confidence: Partial<Record<IdentityField, number>> = {};
  const address: Record<string, string> = {};
  const set = (field: IdentityField, value: string, from: readonly OcrWord[]) => {
    if (["address", "city", "state", "postalCode"].includes(field))
      address[field === "address" ? "line1" : field] = value;
    else values[field] = value;
    confidence[field] = confidenceOf(from);
  };

  const dates = segments
    .flatMap((s) => s.words)
    .map((word) => ({ word, iso: parseUsDate(word.text) }))
    .filter((d): d is { word: OcrWord; iso: string } => d.iso !== undefined)
    .sort((a, b) => a.iso.localeCompare(b.iso));
  const birth = dates[0];
  const expiry = dates.length > 1 ? dates.at(-1) : undefined;
  if (birth) set("dateOfBirth", birth.iso, [birth.word]);
  if (expiry) set("expirationDate", expiry.iso, [expiry.word]);

  const cityIndex = segments.findIndex((s) => parseCityLine(s.text) !== undefined);
  const citySegment = segments[cityIndex];
  let top = Number.POSITIVE_INFINITY;
  if (citySegment) {
    const parts = parseCityLine(citySegment.text);
    if (parts) {
      const n = citySegment.words.length;
      set("city", parts.city, citySegment.words.slice(0, Math.max(1, n - 2)));
      set("state", parts.state, citySegment.words.slice(n - 2, n - 1));
      set("postalCode", parts.postalCode, citySegment.words.slice(n - 1));
    }
    top = citySegment.y0;
    const above = (s: Segment) =>
      s.y1 <= top + s.height / 2 && Math.abs(s.x0 - citySegment.x0) <= 2 * s.height;
    const street = segments.filter(above).at(-1);
    if (street && STREET_LINE.test(street.text)) {
      set("address", street.text, street.words);
      top = street.y0;
      const names = segments
        .filter((s) => s.y1 <= top + s.height / 2 && Math.abs(s.x0 - street.x0) <= 2 * s.height)
        .slice(-2)
        .filter((s) => s.words.every((w) => NAME_WORD.test(w.text)));
      const name = (from: readonly OcrWord[]) => from.map((w) => w.text.replace(/,$/, "")).join(" ");
      if (names.length === 2) {
        const [family, given] = names as [Segment, Segment];
        set("lastName", name(family.words), family.words);
        const [first, ...middle] = given.words;
        if (first) set("firstName", name([first]), [first]);
        if (middle.length > 0) set("middleName", name(middle), middle);
        top = family.y0;
      } else if (names.length >= 1) {
        const line = names.at(-1) as Segment;
        const comma = line.words.findIndex((w) => w.text.endsWith(","));
        if (comma >= 0) {
          const family = line.words.slice(0, comma + 1);
          const [first, ...middle] = line.words.slice(comma + 1);
          set("lastName", name(family), family);
          if (first) set("firstName", name([first]), [first]);
          if (middle.length > 0) set("middleName", name(middle), middle);
          top = line.y0;
        }
      }
    }
  }

  const number = segments
    .filter((s) => s.y1 <= top)
    .flatMap((s) => s.words)
    .find((w) => LICENSE_NUMBER.test(w.text) && parseUsDate(w.text) === undefined);
  if (number) set("licenseNumber", number.text, [number]);

  const found = Object.keys(confidence).length;
  const identity: ExtractedIdentity = {
    ...values,
    ...(Object.keys(address).length === 0 ? {} : { address }),
    ...(found === 0 ? {} : { confidence }),
  };
  return { identity, found };
}
