import type { FieldComparison, IdentityComparison, MatchOutcome } from "../domain/checks.js";
import type { DeclaredIdentity, ExtractedIdentity, IdentityField } from "../domain/identity.js";
import { checkExpiry } from "./check-expiry.js";
import { compareAddresses } from "./compare-addresses.js";
import { compareDates } from "./compare-dates.js";
import { compareLicenseNumbers } from "./compare-license-numbers.js";
import { compareNames } from "./compare-names.js";
import {
  type CompareIdentityOptions,
  type ResolvedOptions,
  resolveOptions,
  toFieldComparison,
  type Verdict,
  verdict,
  worse,
} from "./options.js";
import { finiteNumber, isBlank } from "./text.js";

/** The field entries of an `IdentityComparison`, in the order they appear. */
export const COMPARED_FIELDS = ["name", "dateOfBirth", "address", "licenseNumber", "expirationDate"] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** Which OCR confidences stand behind each compared field (the lowest one of those read counts). */
const CONFIDENCE_SOURCES: Readonly<Record<ComparedField, readonly IdentityField[]>> = {
  name: ["firstName", "middleName", "lastName", "suffix"],
  dateOfBirth: ["dateOfBirth"],
  address: ["address", "city", "state", "postalCode"],
  licenseNumber: ["licenseNumber"],
  expirationDate: ["expirationDate"],
};

const record = (value: unknown): Readonly<Record<string, unknown>> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

/** The value an extracted field was read as, to skip confidences of fields that were not read. */
const extractedValue = (extracted: Readonly<Record<string, unknown>>, field: IdentityField): unknown =>
  ["city", "state", "postalCode"].includes(field)
    ? record(extracted.address)[field]
    : field === "address"
      ? record(extracted.address).line1
      : extracted[field];

const lowestConfidence = (
  extracted: Readonly<Record<string, unknown>>,
  field: ComparedField,
): number | undefined => {
  const confidence = record(extracted.confidence);
  const values = CONFIDENCE_SOURCES[field]
    .filter((source) => !isBlank(extractedValue(extracted, source)))
    .map((source) => finiteNumber(confidence[source]))
    .filter((value): value is number => value !== undefined);
  return values.length === 0 ? undefined : Math.min(...values);
};

const safely = (compare: () => Verdict): Verdict => {
  try {
    return compare();
  } catch {
    // Unreachable by design (every comparator is total); if a bug slips through, a person decides.
    return verdict(0, "could not be compared automatically", "REVIEW");
  }
};

const compareField = (
  field: ComparedField,
  compare: () => Verdict,
  extracted: Readonly<Record<string, unknown>>,
  options: ResolvedOptions,
): FieldComparison => {
  const confidence = lowestConfidence(extracted, field);
  const low =
    confidence !== undefined && confidence < options.minConfidence
      ? { confidence, threshold: options.minConfidence }
      : undefined;
  return toFieldComparison(field, safely(compare), options.bands, low);
};

/**
 * Compare what an applicant declared with what was read off their driver's license.
 *
 * Returns one entry per field — `name`, `dateOfBirth`, `address`, `licenseNumber`,
 * `expirationDate` — each with a score 0–100, an outcome from the score bands, and an explanation
 * that names the kind of difference but never the applicant's data (safe for reason codes and logs).
 * The overall outcome is the worst field outcome: any MISMATCH → MISMATCH, else any REVIEW → REVIEW,
 * else MATCH. A field that was not read, or read with an OCR confidence under `minConfidence`, is
 * REVIEW at best. Pure, synchronous and total: plain JSON in and out, never throws.
 *
 * @example
 * ```ts
 * const result = compareIdentity(application, extraction.identity, { now: clock.now() });
 * if (result.outcome === "MISMATCH") {
 *   const reasons = result.fields.filter((f) => f.outcome === "MISMATCH").map((f) => f.field);
 * }
 * ```
 */
export const compareIdentity = (
  declared: DeclaredIdentity,
  extracted: ExtractedIdentity,
  options?: CompareIdentityOptions,
): IdentityComparison => {
  const resolved = resolveOptions(options);
  // Callers are typed, but JSON from a queue is not: treat anything that is not an object as empty.
  const d = record(declared);
  const e = record(extracted);
  const fields: FieldComparison[] = [
    compareField(
      "name",
      () =>
        compareNames(
          { first: d.firstName, middle: d.middleName, last: d.lastName, suffix: d.suffix },
          { first: e.firstName, middle: e.middleName, last: e.lastName, suffix: e.suffix },
        ),
      e,
      resolved,
    ),
    compareField(
      "dateOfBirth",
      () => compareDates(d.dateOfBirth, e.dateOfBirth, "date of birth"),
      e,
      resolved,
    ),
    compareField("address", () => compareAddresses(record(d.address), record(e.address)), e, resolved),
    compareField("licenseNumber", () => compareLicenseNumbers(d.licenseNumber, e.licenseNumber), e, resolved),
    compareField(
      "expirationDate",
      () => checkExpiry(e.expirationDate, resolved.now, resolved.expiryReviewWithinDays),
      e,
      resolved,
    ),
  ];
  const outcome = fields.reduce<MatchOutcome>((worst, field) => worse(worst, field.outcome), "MATCH");
  return { outcome, fields };
};
