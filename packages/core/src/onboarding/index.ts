export { deriveApplicationId } from "./application-id.js";
export {
  type CompleteLicenseValidationDeps,
  completeLicenseValidation,
} from "./complete-license-validation.js";
export { getApplication } from "./get-application.js";
export { type OutboxDeps, type OutboxOptions, dispatchOutbox } from "./outbox.js";
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
