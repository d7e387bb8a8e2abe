import {
  ApplicationExistsFault,
  ApplicationNotFoundFault,
  type ApplicationRecord,
  type CustomerRepo,
  VersionConflictFault,
} from "@onboarding/core";
import { type LatencyOptions, wait } from "./latency.js";

/**
 * A `CustomerRepo` in memory, with the same conditional-write semantics as DynamoDB: records are
 * deep-copied in and out, and the version check and the write happen in one synchronous step.
 */
export class InMemoryCustomerRepo implements CustomerRepo {
  readonly #records = new Map<string, ApplicationRecord>();
  readonly #delayMs: number | undefined;

  constructor(options: LatencyOptions = {}) {
    this.#delayMs = options.delayMs;
  }

  /** Every stored application, for tests and local tools. */
  all(): ApplicationRecord[] {
    return [...this.#records.values()].map((r) => structuredClone(r));
  }

  async create(record: ApplicationRecord): Promise<void> {
    await wait(this.#delayMs);
    if (this.#records.has(record.applicationId)) throw new ApplicationExistsFault(record.applicationId);
    this.#records.set(record.applicationId, structuredClone(record));
  }

  async get(applicationId: string): Promise<ApplicationRecord | undefined> {
    await wait(this.#delayMs);
    const record = this.#records.get(applicationId);
    return record === undefined ? undefined : structuredClone(record);
  }

  async save(record: ApplicationRecord): Promise<void> {
    await wait(this.#delayMs);
    const stored = this.#records.get(record.applicationId);
    if (stored === undefined) throw new ApplicationNotFoundFault(record.applicationId);
    if (stored.version !== record.version - 1)
      throw new VersionConflictFault(record.applicationId, record.version - 1);
    this.#records.set(record.applicationId, structuredClone(record));
  }
}
