import type { LicenseValidationResult } from "../domain/checks.js";

/**
 * The third-party license validation service (an HTTP API in production).
 *
 * A definite answer is `VALID` or `INVALID`; a service that refuses the request for good (a 4xx
 * it will answer the same way every time, an answer that does not parse) is `UNAVAILABLE` with a
 * reason, and the application goes to manual review. A transient failure (timeouts, 5xx,
 * throttling), once the adapter's own retries are spent, is thrown as a retryable
 * `DependencyFault`: the queue delivers the request again, and after its last attempt keeps it in
 * the dead-letter queue.
 */
export interface LicenseValidator {
  validateLicense(request: {
    readonly licenseNumber: string;
    readonly issuingState: string;
    readonly requestId: string;
  }): Promise<LicenseValidationResult>;
}
