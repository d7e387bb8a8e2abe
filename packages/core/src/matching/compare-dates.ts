import { type Verdict, verdict } from "./options.js";
import { foldText } from "./text.js";

/** A calendar date, no time zone. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Scores of the date rules (bands: see `DEFAULT_COMPARE_IDENTITY_OPTIONS`). */
export const DATE_SCORES = {
  equal: 100,
  dayMonthSwapped: 70,
  notRead: 60,
  oneComponentDiffers: 40,
  differs: 10,
} as const;

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

/** Years a birth or expiry date can plausibly have; anything else is a misreading. */
const MIN_YEAR = 1850;
const MAX_YEAR = 2200;

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

const calendarDate = (year: number, month: number, day: number): CalendarDate | undefined =>
  year >= MIN_YEAR &&
  year <= MAX_YEAR &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month)
    ? { year, month, day }
    : undefined;

/**
 * Read a calendar date written as `YYYY-MM-DD` (also with `/` or `.`, or an ISO timestamp),
 * `MM/DD/YYYY` (US order, as licenses print it), `YYYYMMDD`, `MMDDYYYY` (the AAMVA barcode order) or
 * with a month name (`15 JAN 1990`, `Jan 15, 1990`). Two-digit years are refused (ambiguous), as are
 * impossible dates (`2023-02-29`). Returns `undefined` when the text is not one date.
 */
export const parseCalendarDate = (value: unknown): CalendarDate | undefined => {
  const text = foldText(value).trim();
  if (text.length > 40) return undefined;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:t[\d:]+(?:\d+)?(?:z|[+-][\d:]+)?)?$/.exec(text);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) return calendarDate(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^(\d{8})$/.exec(text);
  if (m) {
    const digits = m[1] ?? "";
    // Unambiguous: a year 1850–2200 read as month+day would need a month of 18–22.
    return (
      calendarDate(Number(digits.slice(0, 4)), Number(digits.slice(4, 6)), Number(digits.slice(6, 8))) ??
      calendarDate(Number(digits.slice(4, 8)), Number(digits.slice(0, 2)), Number(digits.slice(2, 4)))
    );
  }
  m = /^(\d{1,2})[\s-]*([a-z]+)[\s,-]*(\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS[m[2] ?? ""];
    return month === undefined ? undefined : calendarDate(Number(m[3]), month, Number(m[1]));
  }
  m = /^([a-z]+)[\s-]*(\d{1,2})[\s,-]+(\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS[m[1] ?? ""];
    return month === undefined ? undefined : calendarDate(Number(m[3]), month, Number(m[2]));
  }
  return undefined;
};

/** Days from `a` to `b` (positive when `b` is later). */
export const daysBetween = (a: CalendarDate, b: CalendarDate): number =>
  Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);

/**
 * Compare two calendar dates whatever their format (see `parseCalendarDate`).
 *
 * Equal → MATCH. Day and month swapped (`1990-03-04` / `1990-04-03`) → REVIEW: it is the signature of
 * a DD/MM form filled in MM/DD order, not of another person (who would also need the same name and
 * address). Any other difference → MISMATCH. Missing or unreadable → REVIEW.
 */
export const compareDates = (declared: unknown, extracted: unknown, label: string): Verdict => {
  const blank = (value: unknown): boolean => foldText(value).trim() === "";
  if (blank(extracted)) return verdict(DATE_SCORES.notRead, `${label} not read from the license`, "REVIEW");
  if (blank(declared)) return verdict(DATE_SCORES.notRead, `${label} not declared`, "REVIEW");
  const d = parseCalendarDate(declared);
  const e = parseCalendarDate(extracted);
  if (e === undefined)
    return verdict(DATE_SCORES.notRead, `${label} on the license is not a valid date`, "REVIEW");
  if (d === undefined) return verdict(DATE_SCORES.notRead, `declared ${label} is not a valid date`, "REVIEW");
  if (d.year === e.year && d.month === e.month && d.day === e.day)
    return verdict(DATE_SCORES.equal, `${label} matches`);
  if (d.year === e.year && d.month === e.day && d.day === e.month) {
    return verdict(DATE_SCORES.dayMonthSwapped, `${label} has day and month swapped`, "REVIEW");
  }
  const differing = [
    d.year !== e.year && "year",
    d.month !== e.month && "month",
    d.day !== e.day && "day",
  ].filter((x): x is string => typeof x === "string");
  return verdict(
    differing.length === 1 ? DATE_SCORES.oneComponentDiffers : DATE_SCORES.differs,
    `${label} differs (${differing.join(" and ")})`,
    "MISMATCH",
  );
};
