export { deriveApplicationId } from "./application-id.js";
export {
  type CompleteLicenseValidationDeps,
  completeLicenseValidation,
} from "./complete-license-validation.js";
export { deriveCustomerRef } from "./customer-ref.js";
export {
  ERASURE_REASONS,
  type EraseApplicationDeps,
  type ErasureInput,
  type ErasureReason,
  type ErasureRefusal,
  eraseApplication,
  eraseExpiredApplications,
} from "./erase-application.js";
export { getApplication } from "./get-application.js";
export { listApplications, MAX_PAGE_SIZE } from "./list-applications.js";
export { dispatchOutbox, type OutboxDeps, type OutboxOptions } from "./outbox.js";
export {
  type ProcessSubmissionDeps,
  type ProcessSubmissionOptions,
  processSubmission,
} from "./process-submission.js";
export {
  type RecordLicenseValidationDeps,
  type RecordLicenseValidationOptions,
  recordLicenseValidation,
} from "./record-license-validation.js";
export {
  REVIEW_REASON_CODES,
  type RecordReviewDecisionDeps,
  type ReviewDecisionInput,
  type ReviewReasonCode,
  type ReviewRefusal,
  recordReviewDecision,
} from "./record-review-decision.js";
