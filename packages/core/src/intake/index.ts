export { classifyEntry, type EntryKind } from "./document-role.js";
export { DEFAULT_INTAKE_LIMITS, type IntakeLimits, resolveLimits } from "./intake-limits.js";
export { type ApplicationField, parseApplicationCsv } from "./parse-application-csv.js";
export { type ReadSubmissionOptions, readSubmission } from "./read-submission.js";
