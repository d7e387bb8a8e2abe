/**
 * @onboarding/core: bank customer onboarding (KYC) as a pure domain, use cases and ports.
 * @packageDocumentation
 */
export * from "./domain/application.js";
export * from "./domain/checks.js";
export * from "./domain/decision.js";
export * from "./domain/documents.js";
export * from "./domain/errors.js";
export * from "./domain/hash.js";
export * from "./domain/identity.js";
export * from "./domain/result.js";
export * from "./domain/retention.js";
export * from "./domain/submission.js";
export * from "./export/index.js";
export * from "./intake/index.js";
export * from "./matching/index.js";
export * from "./onboarding/index.js";
export * from "./ports/index.js";
