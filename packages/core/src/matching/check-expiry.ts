import { type CalendarDate, daysBetween, parseCalendarDate } from "./compare-dates.js";
import { type Verdict, verdict } from "./options.js";
import { foldText } from "./text.js";

/** Scores of the expiry rules (bands: see `DEFAULT_COMPARE_IDENTITY_OPTIONS`). */
export const EXPIRY_SCORES = { valid: 100, expiresSoon: 70, notRead: 60, expired: 0 } as const;

/** "Today" as a calendar date: a `Date` in UTC, or a string as `parseCalendarDate` reads it. */
export const today = (now: Date | string | undefined): CalendarDate | undefined => {
  if (typeof now === "string") {
    const time = Date.parse(now);
    return parseCalendarDate(now) ?? (Number.isNaN(time) ? undefined : today(new Date(time)));
  }
  const date = now instanceof Date ? now : new Date();
  const time = date.getTime();
  if (!Number.isFinite(time)) return undefined;
  const year = date.getUTCFullYear();
  return { year, month: date.getUTCMonth() + 1, day: date.getUTCDate() };
};

/**
 * Check the license's expiration date against "today". A license is valid through its expiration
 * date. Expired → MISMATCH; expiring within `reviewWithinDays` (today included) → REVIEW; missing or
 * unreadable → REVIEW; otherwise MATCH.
 */
export const checkExpiry = (
  expirationDate: unknown,
  now: Date | string | undefined,
  reviewWithinDays: number,
): Verdict => {
  if (foldText(expirationDate).trim() === "") {
    return verdict(EXPIRY_SCORES.notRead, "expiration date not read from the license", "REVIEW");
  }
  const expires = parseCalendarDate(expirationDate);
  if (expires === undefined) {
    return verdict(EXPIRY_SCORES.notRead, "expiration date on the license is not a valid date", "REVIEW");
  }
  const reference = today(now);
  if (reference === undefined) {
    return verdict(EXPIRY_SCORES.notRead, "no valid reference date to check expiry against", "REVIEW");
  }
  const daysLeft = daysBetween(reference, expires);
  if (daysLeft < 0)
    return verdict(EXPIRY_SCORES.expired, `license expired ${-daysLeft} day(s) ago`, "MISMATCH");
  if (daysLeft <= reviewWithinDays) {
    return verdict(
      EXPIRY_SCORES.expiresSoon,
      `license expires in ${daysLeft} day(s), inside the review window`,
      "REVIEW",
    );
  }
  return verdict(EXPIRY_SCORES.valid, "license is not expired");
};
