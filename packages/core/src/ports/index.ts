export type { Clock } from "./clock.js";
export { systemClock } from "./clock.js";
export type { ApplicationPage, CustomerRepo } from "./customer-repo.js";
export type { DocumentStore, DocumentToStore, UploadRead } from "./document-store.js";
export type { FaceMatcher } from "./face-matcher.js";
export type { IdExtractor } from "./id-extractor.js";
export type { LicenseValidator } from "./license-validator.js";
export type { Notification, Notifier } from "./notifier.js";
export type { LicenseValidationRequest, ValidationQueue } from "./validation-queue.js";

import type { Clock } from "./clock.js";
import type { CustomerRepo } from "./customer-repo.js";
import type { DocumentStore } from "./document-store.js";
import type { FaceMatcher } from "./face-matcher.js";
import type { IdExtractor } from "./id-extractor.js";
import type { LicenseValidator } from "./license-validator.js";
import type { Notifier } from "./notifier.js";
import type { ValidationQueue } from "./validation-queue.js";

/** Every port; a use case takes `Pick<Ports, …>` of the ones it needs. */
export interface Ports {
  readonly documentStore: DocumentStore;
  readonly faceMatcher: FaceMatcher;
  readonly idExtractor: IdExtractor;
  readonly customerRepo: CustomerRepo;
  readonly validationQueue: ValidationQueue;
  readonly notifier: Notifier;
  readonly licenseValidator: LicenseValidator;
  readonly clock: Clock;
}
