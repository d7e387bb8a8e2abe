import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ApplicationExistsFault,
  ApplicationNotFoundFault,
  type ApplicationPage,
  type ApplicationRecord,
  type ApplicationStatus,
  type ApplicationSummary,
  type CustomerRepo,
  DependencyFault,
  OnboardingFault,
  VersionConflictFault,
} from "@onboarding/core";
import { type FileLockOptions, withFileLock } from "./file-lock.js";
import {
  createFileExclusive,
  ensureDir,
  errnoOf,
  fsFault,
  isSafeSegment,
  removeLeftoverTemps,
  writeFileAtomic,
} from "./files.js";

export interface FileCustomerRepoOptions {
  /** The data directory; applications are kept in `<dir>/applications/<applicationId>.json`. */
  readonly dir: string;
  /** How long a save waits for another writer's lock, and when a lock counts as abandoned. */
  readonly lock?: FileLockOptions;
}

const RECORD_FILE = /^([A-Za-z0-9][A-Za-z0-9._-]{0,127})\.json$/;

/**
 * A `CustomerRepo` in a local directory, one JSON file per application (mode 0600: it holds PII),
 * for the `onboard` command and other single-machine tools.
 *
 * Every write is atomic (a temporary file, fsync, then rename or link) and conditional across
 * processes: `create` links the complete file into place, which fails if one exists; `save` holds
 * a per-application lock file (`O_EXCL`) while it compares versions and replaces the file.
 * Listings read the whole directory, which is fine for the thousands of applications a local
 * tool sees, not for production (use `DynamoDbCustomerRepo`).
 *
 * @example
 * ```ts
 * const customerRepo = new FileCustomerRepo({ dir: ".onboard" });
 * await processSubmission({ customerRepo, documentStore: new FileDocumentStore({ dir: ".onboard" }), … }, …);
 * ```
 */
export class FileCustomerRepo implements CustomerRepo {
  readonly #dir: string;
  readonly #lock: FileLockOptions;
  #ready: Promise<void> | undefined;

  constructor(options: FileCustomerRepoOptions) {
    this.#dir = join(options.dir, "applications");
    this.#lock = options.lock ?? {};
  }

  async create(record: ApplicationRecord): Promise<void> {
    const path = this.#pathOf(record.applicationId);
    await this.#ensure();
    let created: boolean;
    try {
      created = await createFileExclusive(path, serialize(record));
    } catch (error) {
      throw fsFault(`creating application ${record.applicationId}`, error);
    }
    if (!created) throw new ApplicationExistsFault(record.applicationId);
  }

  async get(applicationId: string): Promise<ApplicationRecord | undefined> {
    // Nothing can be stored under an id the store would refuse.
    if (!isSafeSegment(applicationId)) return undefined;
    return this.#read(applicationId);
  }

  async save(record: ApplicationRecord): Promise<void> {
    const path = this.#pathOf(record.applicationId);
    await this.#ensure();
    await withFileLock(
      `${path}.lock`,
      async () => {
        const stored = await this.#read(record.applicationId);
        if (stored === undefined) throw new ApplicationNotFoundFault(record.applicationId);
        if (stored.version !== record.version - 1)
          throw new VersionConflictFault(record.applicationId, record.version - 1);
        try {
          await writeFileAtomic(path, serialize(record));
          // An erased record must leave no copy of the PII behind, a crashed write's included.
          if (record.erasedAt !== undefined) await removeLeftoverTemps(path);
        } catch (error) {
          throw fsFault(`saving application ${record.applicationId}`, error);
        }
      },
      this.#lock,
    );
  }

  async listByStatus(query: {
    readonly status: ApplicationStatus;
    readonly limit: number;
    readonly cursor?: string;
    readonly createdBefore?: string;
  }): Promise<ApplicationPage> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const matching = (await this.#summaries((r) => r.status === query.status))
      .filter((s) => query.createdBefore === undefined || s.createdAt < query.createdBefore)
      .filter((s) => after === undefined || orderKey(s) > after);
    const items = matching.slice(0, Math.max(1, query.limit));
    const last = items.at(-1);
    return matching.length > items.length && last !== undefined
      ? { items, nextCursor: Buffer.from(orderKey(last)).toString("base64url") }
      : { items };
  }

  async findByCustomerRef(customerRef: string): Promise<readonly ApplicationSummary[]> {
    return this.#summaries((r) => r.customerRef === customerRef);
  }

  #pathOf(applicationId: string): string {
    if (!isSafeSegment(applicationId))
      throw new DependencyFault(
        "file-store",
        "an application id must be 1-128 letters, digits, '.', '_', '-'",
      );
    return join(this.#dir, `${applicationId}.json`);
  }

  #ensure(): Promise<void> {
    this.#ready ??= ensureDir(this.#dir).catch((error: unknown) => {
      this.#ready = undefined;
      throw fsFault("creating the data directory", error);
    });
    return this.#ready;
  }

  async #read(applicationId: string): Promise<ApplicationRecord | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.#dir, `${applicationId}.json`), "utf8");
    } catch (error) {
      if (errnoOf(error) === "ENOENT") return undefined;
      throw fsFault(`reading application ${applicationId}`, error);
    }
    try {
      return JSON.parse(text) as ApplicationRecord;
    } catch (error) {
      throw new DependencyFault("file-store", `application ${applicationId} is not valid JSON`, {
        cause: error,
      });
    }
  }

  /** Every application's summary that matches, oldest first: reads the directory (see the class note). */
  async #summaries(predicate: (record: ApplicationRecord) => boolean): Promise<ApplicationSummary[]> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch (error) {
      if (errnoOf(error) === "ENOENT") return [];
      throw fsFault("listing applications", error);
    }
    const summaries: ApplicationSummary[] = [];
    for (const name of names) {
      const id = RECORD_FILE.exec(name)?.[1];
      if (id === undefined) continue;
      const record = await this.#read(id);
      if (record === undefined || !predicate(record)) continue;
      const { applicationId, status, version, createdAt, updatedAt } = record;
      summaries.push({ applicationId, status, version, createdAt, updatedAt });
    }
    return summaries.sort((a, b) => (orderKey(a) < orderKey(b) ? -1 : 1));
  }
}

const serialize = (record: ApplicationRecord): string => `${JSON.stringify(record, null, 2)}\n`;

const orderKey = (s: ApplicationSummary) => `${s.createdAt}|${s.applicationId}`;

function decodeCursor(cursor: string): string {
  const decoded = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const [createdAt, applicationId, ...rest] = decoded.split("|");
  if (rest.length > 0 || createdAt === undefined || createdAt === "" || !isSafeSegment(applicationId))
    throw new OnboardingFault("CURSOR_INVALID", "malformed listing cursor");
  return decoded;
}
