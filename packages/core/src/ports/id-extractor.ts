import type { IdExtraction } from "../domain/checks.js";
import type { DocumentRef } from "../domain/documents.js";

/**
 * Reads the identity fields off a driver's license image.
 *
 * - Dates come back as `YYYY-MM-DD` where the engine could normalise them.
 * - Each field carries the engine's confidence, 0–100; a field it could not read is absent.
 * - An image that is not a readable identity document is `UNREADABLE` with a code, not an error.
 * - An engine that cannot run answers `UNAVAILABLE`; throttling is a retryable `DependencyFault`.
 */
export interface IdExtractor {
  extractIdentity(request: {
    readonly license: DocumentRef;
    readonly licenseBack?: DocumentRef;
  }): Promise<IdExtraction>;
}
