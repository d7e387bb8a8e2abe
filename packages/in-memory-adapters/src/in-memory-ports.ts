import { type Clock, systemClock } from "@onboarding/core";
import { InMemoryCustomerRepo } from "./in-memory-customer-repo.js";
import { InMemoryDocumentStore } from "./in-memory-document-store.js";
import { InMemoryFaceMatcher } from "./in-memory-face-matcher.js";
import { InMemoryIdExtractor } from "./in-memory-id-extractor.js";
import { InMemoryLicenseValidator } from "./in-memory-license-validator.js";
import { InMemoryNotifier } from "./in-memory-notifier.js";
import { InMemoryValidationQueue } from "./in-memory-validation-queue.js";

/** Per-port latency, in milliseconds, to model real services. */
export interface InMemoryLatencies {
  readonly documentStore?: number;
  readonly customerRepo?: number;
  readonly faceMatcher?: number;
  readonly idExtractor?: number;
  readonly validationQueue?: number;
  readonly notifier?: number;
  readonly licenseValidator?: number;
}

/** Every port in memory, typed as the concrete adapters so tests can script and inspect them. */
export interface InMemoryPorts {
  readonly documentStore: InMemoryDocumentStore;
  readonly customerRepo: InMemoryCustomerRepo;
  readonly faceMatcher: InMemoryFaceMatcher;
  readonly idExtractor: InMemoryIdExtractor;
  readonly validationQueue: InMemoryValidationQueue;
  readonly notifier: InMemoryNotifier;
  readonly licenseValidator: InMemoryLicenseValidator;
  readonly clock: Clock;
}

/**
 * A whole set of in-memory ports. The engines answer `UNAVAILABLE` until scripted.
 *
 * @example
 * ```ts
 * const ports = createInMemoryPorts();
 * const upload = await ports.documentStore.putUpload("uploads/a.zip", zipBytes);
 * const view = await processSubmission(ports, { upload });
 * ```
 */
export function createInMemoryPorts(
  options: { clock?: Clock; latency?: InMemoryLatencies } = {},
): InMemoryPorts {
  const latency = options.latency ?? {};
  const delay = (ms: number | undefined) => (ms === undefined ? {} : { delayMs: ms });
  return {
    documentStore: new InMemoryDocumentStore(delay(latency.documentStore)),
    customerRepo: new InMemoryCustomerRepo(delay(latency.customerRepo)),
    faceMatcher: new InMemoryFaceMatcher(delay(latency.faceMatcher)),
    idExtractor: new InMemoryIdExtractor(delay(latency.idExtractor)),
    validationQueue: new InMemoryValidationQueue(delay(latency.validationQueue)),
    notifier: new InMemoryNotifier(delay(latency.notifier)),
    licenseValidator: new InMemoryLicenseValidator(delay(latency.licenseValidator)),
    clock: options.clock ?? systemClock,
  };
}
