import type { FaceCheck, IdentityCheck, LicenseValidationCheck, Reason, ScoreBands } from "./application.js";
import type {
  CheckOutcome,
  FaceComparison,
  IdExtraction,
  IdentityComparison,
  LicenseValidationResult,
} from "./checks.js";

/**
 * How checks are judged. Scores are on Rekognition's 0–100 scale for every engine.
 *
 * Face bands: Rekognition's own default `SimilarityThreshold` is 80, which AWS recommends only
 * for low-stakes uses; for identity verification AWS suggests 99. A bank wants a human to look
 * at anything between, so: >= 95 passes, 80–95 goes to review, < 80 fails.
 */
export interface DecisionPolicy {
  readonly face: ScoreBands;
  /** More faces than this in the selfie sends the case to review. */
  readonly maxSelfieFaces: number;
}

export const DEFAULT_DECISION_POLICY: DecisionPolicy = {
  face: { pass: 95, review: 80 },
  maxSelfieFaces: 1,
};

const RANK: Record<CheckOutcome, number> = { PASS: 0, REVIEW: 1, FAIL: 2 };

/** The worse of several outcomes: any FAIL fails, else any REVIEW reviews, else PASS. */
export const worstOf = (outcomes: readonly CheckOutcome[]): CheckOutcome =>
  outcomes.reduce<CheckOutcome>((worst, o) => (RANK[o] > RANK[worst] ? o : worst), "PASS");

export const band = (score: number, bands: ScoreBands): CheckOutcome =>
  score >= bands.pass ? "PASS" : score >= bands.review ? "REVIEW" : "FAIL";

/** Judges what a `FaceMatcher` reported. */
export function judgeFace(result: FaceComparison, policy: DecisionPolicy, at: Date): FaceCheck {
  const base = { bands: policy.face, engine: result.engine, checkedAt: at.toISOString() };
  switch (result.status) {
    case "FACE_NOT_DETECTED":
      return { ...base, outcome: "FAIL", reason: "FACE_NOT_DETECTED" };
    case "UNAVAILABLE":
      return { ...base, outcome: "REVIEW", reason: "FACE_CHECK_UNAVAILABLE" };
    case "COMPARED": {
      const scored = { ...base, similarity: result.similarity, faces: result.faces };
      const outcome = band(result.similarity, policy.face);
      if (outcome === "FAIL") return { ...scored, outcome, reason: "FACE_MISMATCH" };
      if (result.faces.selfie > policy.maxSelfieFaces)
        return { ...scored, outcome: "REVIEW", reason: "MULTIPLE_FACES" };
      return { ...scored, outcome, reason: outcome === "PASS" ? "FACE_MATCH" : "FACE_SIMILARITY_LOW" };
    }
  }
}

const MATCH_TO_CHECK = { MATCH: "PASS", REVIEW: "REVIEW", MISMATCH: "FAIL" } as const;

/** Judges what an `IdExtractor` read, given its comparison with the application (if it read anything). */
export function judgeIdentity(
  extraction: IdExtraction,
  comparison: IdentityComparison | undefined,
  at: Date,
  bands?: ScoreBands,
): IdentityCheck {
  const base = { engine: extraction.engine, checkedAt: at.toISOString() };
  if (extraction.status === "UNREADABLE") return { ...base, outcome: "FAIL", reason: "LICENSE_UNREADABLE" };
  if (extraction.status === "UNAVAILABLE" || comparison === undefined)
    return { ...base, outcome: "REVIEW", reason: "ID_EXTRACTION_UNAVAILABLE" };
  const outcome = MATCH_TO_CHECK[comparison.outcome];
  return {
    ...base,
    ...(extraction.modelVersion === undefined ? {} : { modelVersion: extraction.modelVersion }),
    outcome,
    reason:
      outcome === "PASS" ? "IDENTITY_MATCH" : outcome === "REVIEW" ? "IDENTITY_REVIEW" : "IDENTITY_MISMATCH",
    comparison: { outcome: comparison.outcome, fields: comparison.fields },
    ...(bands === undefined ? {} : { bands }),
  };
}

/** Judges the third party's answer. */
export function judgeLicenseValidation(result: LicenseValidationResult, at: Date): LicenseValidationCheck {
  const base = { provider: result.provider, checkedAt: at.toISOString() };
  switch (result.status) {
    case "VALID":
      return { ...base, ...ref(result.reference), outcome: "PASS", reason: "LICENSE_VALID" };
    case "INVALID":
      return {
        ...base,
        ...ref(result.reference),
        outcome: "FAIL",
        reason: "LICENSE_INVALID",
        providerReason: result.reason,
      };
    case "UNAVAILABLE":
      return {
        ...base,
        outcome: "REVIEW",
        reason: "LICENSE_VALIDATION_UNAVAILABLE",
        providerReason: result.reason,
      };
  }
}

const ref = (reference: string | undefined) => (reference === undefined ? {} : { reference });

const MESSAGES: Record<string, string> = {
  FACE_MATCH: "The selfie matches the license portrait.",
  FACE_SIMILARITY_LOW:
    "The selfie resembles the license portrait, but not closely enough to decide automatically.",
  FACE_MISMATCH: "The selfie does not match the license portrait.",
  FACE_NOT_DETECTED: "No face could be found in one of the photos.",
  MULTIPLE_FACES: "The selfie shows more than one face.",
  FACE_CHECK_UNAVAILABLE: "The face check could not be run; a person will compare the photos.",
  IDENTITY_MATCH: "The license matches the application.",
  IDENTITY_REVIEW: "Some license details need a person to compare them with the application.",
  IDENTITY_MISMATCH: "The license details do not match the application.",
  LICENSE_UNREADABLE: "The license photo could not be read as an identity document.",
  ID_EXTRACTION_UNAVAILABLE: "The license could not be read automatically; a person will read it.",
  LICENSE_EXPIRED: "The license has expired.",
  LICENSE_EXPIRING_SOON: "The license expires soon.",
  LICENSE_VALID: "The license issuer confirmed the license.",
  LICENSE_INVALID: "The license issuer did not confirm the license.",
  LICENSE_VALIDATION_UNAVAILABLE: "The license issuer could not be asked; a person will check the license.",
};

/** The reasons a set of checks gives, worst first. Messages carry no PII. */
export function reasonsOf(checks: {
  readonly faceMatch?: FaceCheck;
  readonly identity?: IdentityCheck;
  readonly licenseValidation?: LicenseValidationCheck;
}): Reason[] {
  const reasons: Reason[] = [];
  const add = (code: Reason["code"], field?: string) =>
    reasons.push({ code, message: MESSAGES[code] ?? code, ...(field === undefined ? {} : { field }) });
  if (checks.faceMatch) add(checks.faceMatch.reason);
  if (checks.identity) {
    add(checks.identity.reason);
    for (const field of checks.identity.comparison?.fields ?? []) {
      if (field.field === "expirationDate") {
        if (field.outcome === "MISMATCH") add("LICENSE_EXPIRED", field.field);
        else if (field.outcome === "REVIEW") add("LICENSE_EXPIRING_SOON", field.field);
      }
    }
  }
  if (checks.licenseValidation) add(checks.licenseValidation.reason);
  return reasons;
}
