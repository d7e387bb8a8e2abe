import {
  ApplicationExistsFault,
  ApplicationNotFoundFault,
  type ApplicationPage,
  type ApplicationRecord,
  type ApplicationStatus,
  type ApplicationSummary,
  type CustomerRepo,
  OnboardingFault,
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

  async listByStatus(query: {
    readonly status: ApplicationStatus;
    readonly limit: number;
    readonly cursor?: string;
    readonly createdBefore?: string;
  }): Promise<ApplicationPage> {
    await wait(this.#delayMs);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const matching = this.#summaries((r) => r.status === query.status)
      .filter((s) => query.createdBefore === undefined || s.createdAt < query.createdBefore)
      .filter((s) => after === undefined || orderKey(s) > after);
    const items = matching.slice(0, Math.max(1, query.limit));
    const last = items.at(-1);
    return matching.length > items.length && last !== undefined
      ? { items, nextCursor: Buffer.from(orderKey(last)).toString("base64url") }
      : { items };
  }

  async findByCustomerRef(customerRef: string): Promise<readonly ApplicationSummary[]> {
    await wait(this.#delayMs);
    return this.#summaries((r) => r.customerRef === customerRef);
  }

  #summaries(predicate: (record: ApplicationRecord) => boolean): ApplicationSummary[] {
    return [...this.#records.values()]
      .filter(predicate)
      .map(({ applicationId, status, version, createdAt, updatedAt }) => ({
        applicationId,
        status,
        version,
        createdAt,
        updatedAt,
      }))
      .sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : 1));
  }
}

const orderKey = (s: ApplicationSummary) => `${s.createdAt}|${s.applicationId}`;

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, "base64url").toString("utf8");
  if (!decoded.includes("|")) throw new OnboardingFault("CURSOR_INVALID", "malformed listing cursor");
  return decoded;
}
