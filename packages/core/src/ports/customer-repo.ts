import type { ApplicationRecord, ApplicationStatus, ApplicationSummary } from "../domain/application.js";

/** A page of a listing, oldest first; `nextCursor` is absent on the last page. */
export interface ApplicationPage {
  readonly items: readonly ApplicationSummary[];
  /** Opaque: pass it back as `cursor` for the next page. */
  readonly nextCursor?: string;
}

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

  /**
   * Applications in one status, oldest `createdAt` first, a page at a time (an index, never a
   * scan). `createdBefore` (ISO time, exclusive) narrows to older ones, for retention jobs.
   * A malformed cursor is a fault, not an empty page.
   */
  listByStatus(query: {
    readonly status: ApplicationStatus;
    readonly limit: number;
    readonly cursor?: string;
    readonly createdBefore?: string;
  }): Promise<ApplicationPage>;

  /** The applications of one applicant (by `customerRef`), oldest first; none: an empty array. */
  findByCustomerRef(customerRef: string): Promise<readonly ApplicationSummary[]>;
}
