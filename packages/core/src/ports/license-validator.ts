import type { LicenseValidationResult } from "../domain/checks.js";

/**
 * The third-party license validation service (an HTTP API in production).
 *
 * A definite answer is `VALID` or `INVALID`; a service that cannot answer definitively
 * (4xx it does not understand, retries exhausted) answers `UNAVAILABLE` with a reason.
 * A transient failure worth retrying later is thrown as a retryable `DependencyFault`.
 */
export interface LicenseValidator {
  validateLicense(request: {
    readonly licenseNumber: string;
    readonly issuingState: string;
    readonly requestId: string;
  }): Promise<LicenseValidationResult>;
}
