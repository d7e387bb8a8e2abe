import type { ExtractedIdentity } from "./identity.js";

/** How a single check came out, on the scale the decision uses. */
export type CheckOutcome = "PASS" | "REVIEW" | "FAIL";

/** How one compared field, or a whole identity comparison, came out. */
export type MatchOutcome = "MATCH" | "REVIEW" | "MISMATCH";

/** One compared field: a score 0–100, an outcome and an explanation a reviewer can read (no PII). */
export interface FieldComparison {
  readonly field: string;
  readonly score: number;
  readonly outcome: MatchOutcome;
  readonly explanation: string;
}

/** The result of `compareIdentity`: plain JSON. */
export interface IdentityComparison {
  readonly outcome: MatchOutcome;
  readonly fields: readonly FieldComparison[];
}

/** Which document of a pair a face-matching outcome is about. */
export type FaceDocument = "license" | "selfie";

/**
 * What a `FaceMatcher` reports. Similarity is on Rekognition's 0–100 scale whatever the engine.
 * `faces` counts the faces the engine found in each image (a selfie with several goes to review).
 */
export type FaceComparison =
  | {
      readonly status: "COMPARED";
      readonly similarity: number;
      readonly faces: { readonly license: number; readonly selfie: number };
      readonly engine: string;
    }
  | {
      readonly status: "FACE_NOT_DETECTED";
      readonly document: FaceDocument;
      readonly detail?: string;
      readonly engine: string;
    }
  | { readonly status: "UNAVAILABLE"; readonly reason: string; readonly engine: string };

/** Why a license could not be read. */
export type UnreadableDocumentCode = "BAD_DOCUMENT" | "UNSUPPORTED_DOCUMENT" | "DOCUMENT_TOO_LARGE";

/** What an `IdExtractor` reports. */
export type IdExtraction =
  | {
      readonly status: "EXTRACTED";
      readonly identity: ExtractedIdentity;
      readonly engine: string;
      /** The engine's model version (Textract's `AnalyzeIDModelVersion`), kept for the audit trail. */
      readonly modelVersion?: string;
    }
  | {
      readonly status: "UNREADABLE";
      readonly code: UnreadableDocumentCode;
      readonly detail?: string;
      readonly engine: string;
    }
  | { readonly status: "UNAVAILABLE"; readonly reason: string; readonly engine: string };

/** What the third-party license validation service answered. */
export type LicenseValidationResult =
  | { readonly status: "VALID"; readonly provider: string; readonly reference?: string }
  | {
      readonly status: "INVALID";
      readonly provider: string;
      /** The provider's reason, e.g. `NOT_FOUND`, `SUSPENDED`, `REVOKED`, `EXPIRED`. */
      readonly reason: string;
      readonly reference?: string;
    }
  | { readonly status: "UNAVAILABLE"; readonly provider: string; readonly reason: string };
