export { deriveApplicationId } from "./application-id.js";
export {
  type CompleteLicenseValidationDeps,
  completeLicenseValidation,
} from "./complete-license-validation.js";
export { getApplication } from "./get-application.js";
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
