import { type Verdict, verdict } from "./options.js";
import { difference } from "./string-distance.js";
import { characters, foldText } from "./text.js";

/** Letters and digits only, upper case: `d123-456 789` → `D123456789`. */
export const normalizeLicenseNumber = (value: unknown): string =>
  foldText(value)
    .replace(/[^a-z0-9]/g, "")
    .toUpperCase();

/**
 * Compare license numbers on letters and digits only (`D123-456-789` = `d123456789`). Any other
 * difference is a MISMATCH, OCR-like or not: the number is the identifier sent to the third-party
 * validation service, so a near miss would validate somebody else's license. The explanation still
 * says when the difference looks like an OCR confusion, to guide the reviewer's re-read.
 */
export const compareLicenseNumbers = (declared: unknown, extracted: unknown): Verdict => {
  const d = normalizeLicenseNumber(declared);
  const e = normalizeLicenseNumber(extracted);
  if (e === "") return verdict(60, "license number not read from the license", "REVIEW");
  if (d === "") return verdict(60, "license number not declared", "REVIEW");
  if (d === e) return verdict(100, "license number matches (letters and digits compared)");
  const diff = difference(d.toLowerCase(), e.toLowerCase());
  const longest = Math.max(d.length, e.length);
  const score = Math.round(100 * (1 - diff.edits / longest));
  const length = d.length === e.length ? "" : ", different length";
  const ocr = diff.ocrOnly ? " (OCR-like confusion; identifiers must match exactly)" : "";
  return verdict(score, `license number differs by ${characters(diff.edits)}${length}${ocr}`, "MISMATCH");
};
