export { FixedClock } from "./fixed-clock.js";
export { InMemoryCustomerRepo } from "./in-memory-customer-repo.js";
export { InMemoryDocumentStore, type InMemoryDocumentStoreOptions } from "./in-memory-document-store.js";
export { InMemoryFaceMatcher, type InMemoryFaceMatcherOptions } from "./in-memory-face-matcher.js";
export { InMemoryIdExtractor, type InMemoryIdExtractorOptions } from "./in-memory-id-extractor.js";
export {
  InMemoryLicenseValidator,
  type InMemoryLicenseValidatorOptions,
} from "./in-memory-license-validator.js";
export { InMemoryNotifier } from "./in-memory-notifier.js";
export { createInMemoryPorts, type InMemoryLatencies, type InMemoryPorts } from "./in-memory-ports.js";
export { InMemoryValidationQueue } from "./in-memory-validation-queue.js";
export type { LatencyOptions } from "./latency.js";
