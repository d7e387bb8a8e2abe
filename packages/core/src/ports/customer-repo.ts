import type { ApplicationRecord } from "../domain/application.js";

/**
 * Stores applications. Every write is conditional, so concurrent workers never overwrite
 * each other: the loser gets a fault and re-reads.
 */
export interface CustomerRepo {
  /**
   * Creates an application with `version: 1`. Throws `ApplicationExistsFault` when an
   * application with the same id exists (it is never overwritten).
   */
  create(record: ApplicationRecord): Promise<void>;

  /** The application with this id, or `undefined` when there is none. */
  get(applicationId: string): Promise<ApplicationRecord | undefined>;

  /**
   * Replaces an application if, and only if, the stored version is still `record.version - 1`
   * (the caller increments it). Throws `VersionConflictFault` otherwise, and
   * `ApplicationNotFoundFault` if it does not exist.
   */
  save(record: ApplicationRecord): Promise<void>;
}
