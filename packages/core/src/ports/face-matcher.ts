import type { FaceComparison } from "../domain/checks.js";
import type { DocumentRef } from "../domain/documents.js";

/**
 * Compares the portrait on a license with a selfie.
 *
 * - `similarity` is on a 0–100 scale (Rekognition's), whatever the engine.
 * - No face in either image is the outcome `FACE_NOT_DETECTED`, not an error.
 * - An engine that cannot judge (none configured, model missing) answers `UNAVAILABLE`;
 *   it never makes a score up.
 * - Throttling and timeouts are thrown as retryable `DependencyFault`s.
 */
export interface FaceMatcher {
  compareFaces(request: {
    readonly license: DocumentRef;
    readonly selfie: DocumentRef;
  }): Promise<FaceComparison>;
}
