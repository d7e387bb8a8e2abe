import {
  type ApplicationView,
  type Clock,
  completeLicenseValidation,
  getApplication,
  type Notification,
  type Ports,
  processSubmission,
  systemClock,
  type UploadRef,
} from "@onboarding/core";
import {
  InMemoryCustomerRepo,
  InMemoryDocumentStore,
  InMemoryNotifier,
  InMemoryValidationQueue,
} from "@onboarding/in-memory-adapters";
import { FileCustomerRepo, FileDocumentStore } from "@onboarding/local-adapters";
import type { Engines } from "./engines.js";

/**
 * The embedded default: storage, queue and notifier in memory, with the given engines. The queue
 * and notifier are typed concretely because the command drains the one and reports the other.
 */
export interface LocalRuntime extends Ports {
  readonly documentStore: InMemoryDocumentStore;
  readonly customerRepo: InMemoryCustomerRepo;
  readonly validationQueue: InMemoryValidationQueue;
  readonly notifier: InMemoryNotifier;
}

export function createLocalRuntime<E extends Engines>(options: {
  readonly engines: E;
  readonly clock?: Clock;
}): LocalRuntime & E {
  return {
    documentStore: new InMemoryDocumentStore(),
    customerRepo: new InMemoryCustomerRepo(),
    validationQueue: new InMemoryValidationQueue(),
    notifier: new InMemoryNotifier(),
    clock: options.clock ?? systemClock,
    ...options.engines,
  };
}

/**
 * The data-directory runtime of `process` and `review`: applications, documents and uploads in
 * `dataDir` (file adapters, so they outlive the command), the queue and notifier in memory (the
 * command drains the one and reports the other before it ends).
 */
export interface FileRuntime extends Ports {
  readonly documentStore: FileDocumentStore;
  readonly customerRepo: FileCustomerRepo;
  readonly validationQueue: InMemoryValidationQueue;
  readonly notifier: InMemoryNotifier;
}

export function createFileRuntime<E extends Engines>(options: {
  readonly dataDir: string;
  readonly engines: E;
  readonly clock?: Clock;
}): FileRuntime & E {
  return {
    documentStore: new FileDocumentStore({ dir: options.dataDir }),
    customerRepo: new FileCustomerRepo({ dir: options.dataDir }),
    validationQueue: new InMemoryValidationQueue(),
    notifier: new InMemoryNotifier(),
    clock: options.clock ?? systemClock,
    ...options.engines,
  };
}

/** What `runSubmission` needs: any storage, and the in-memory queue and notifier it drains and reads. */
export type RunnableRuntime = Ports & {
  readonly validationQueue: InMemoryValidationQueue;
  readonly notifier: InMemoryNotifier;
};

/** Where one submission ended: the application without PII, and what its applicant was sent. */
export interface SubmissionRun {
  readonly view: ApplicationView;
  readonly notifications: readonly Notification[];
}

/**
 * Runs one upload as the deployed system would: `processSubmission` (the upload event), then the
 * license-validation worker on every request the queue received, until the queue is empty.
 */
export async function runSubmission(runtime: RunnableRuntime, upload: UploadRef): Promise<SubmissionRun> {
  const processed = await processSubmission(runtime, { upload });
  for (let batch = runtime.validationQueue.take(); batch.length > 0; batch = runtime.validationQueue.take()) {
    for (const request of batch) await completeLicenseValidation(runtime, request);
  }
  const view = (await getApplication(runtime, processed.applicationId)) ?? processed;
  return { view, notifications: runtime.notifier.sentTo(view.applicationId) };
}
