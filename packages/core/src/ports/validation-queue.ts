/**
 * A request to the third-party license validation service. Carries only what the third party
 * needs: the license number and its issuing state, plus ids.
 */
export interface LicenseValidationRequest {
  readonly applicationId: string;
  /** Stable id of this request: consumers use it to drop a duplicate delivery. */
  readonly requestId: string;
  readonly licenseNumber: string;
  readonly issuingState: string;
  readonly requestedAt: string;
}

/** Sends license validation requests to the worker that calls the third party (SQS in production). */
export interface ValidationQueue {
  /**
   * Enqueues a request. At-least-once: a request may be delivered more than once, always with
   * the same `requestId`. Throws `DependencyFault` when it could not be enqueued.
   */
  requestLicenseValidation(request: LicenseValidationRequest): Promise<void>;
}
