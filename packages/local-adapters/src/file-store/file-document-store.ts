import { createHash } from "node:crypto";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  DependencyFault,
  DocumentNotFoundFault,
  type DocumentRef,
  type DocumentStore,
  type DocumentToStore,
  type UploadRead,
  type UploadRef,
} from "@onboarding/core";
import { ensureDir, errnoOf, fsFault, isSafeSegment, removeLeftoverTemps, writeFileAtomic } from "./files.js";

export interface FileDocumentStoreOptions {
  /**
   * The data directory: documents go to `<dir>/documents/<applicationId>/<name>`, uploads to
   * `<dir>/<key>` (keys are `uploads/…`).
   */
  readonly dir: string;
}

/** Where uploads live: an upload key is `uploads/` then 1 to 8 safe segments. */
export const UPLOADS_PREFIX = "uploads/";

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/**
 * A `DocumentStore` in a local directory, for the `onboard` command: uploads under
 * `<dir>/uploads/`, each application's documents under `<dir>/documents/<applicationId>/`, files
 * mode 0600 and directories 0700 (they hold faces and license images). Writes are atomic; deletes
 * unlink the files (the blocks are freed, not overwritten: use an encrypted disk for real data).
 *
 * Keys are relative paths in the directory, checked segment by segment, so no key or name can
 * point outside it; a key the store could never have written reads as `DOCUMENT_NOT_FOUND`.
 *
 * @example
 * ```ts
 * const store = new FileDocumentStore({ dir: ".onboard" });
 * const upload = await store.putUpload("uploads/application.zip", bytes);
 * await processSubmission({ documentStore: store, … }, { upload });
 * ```
 */
export class FileDocumentStore implements DocumentStore {
  readonly #dir: string;

  constructor(options: FileDocumentStoreOptions) {
    this.#dir = options.dir;
  }

  /**
   * Puts an upload, as a customer would, and returns its reference; `version` is derived from the
   * bytes (as `InMemoryDocumentStore` does), so the same bytes under the same key are the same upload.
   */
  async putUpload(key: string, bytes: Uint8Array): Promise<UploadRef> {
    const path = this.#uploadPath(key);
    if (path === undefined)
      throw new DependencyFault("file-store", `an upload key must be '${UPLOADS_PREFIX}' then safe names`);
    try {
      await ensureDir(dirname(path));
      await writeFileAtomic(path, bytes);
    } catch (error) {
      throw fsFault("storing an upload", error);
    }
    return { bucket: "", key, version: sha256(bytes).slice(0, 32), size: bytes.byteLength };
  }

  async readUpload(upload: UploadRef, options: { readonly maxBytes: number }): Promise<UploadRead> {
    const path = this.#uploadPath(upload.key);
    if (path === undefined) throw new DocumentNotFoundFault(upload.key);
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new DocumentNotFoundFault(upload.key);
      if (info.size > options.maxBytes) return { status: "TOO_LARGE", size: info.size };
      return { status: "READ", bytes: new Uint8Array(await readFile(path)) };
    } catch (error) {
      throw this.#translate(error, upload.key, "reading an upload");
    }
  }

  async putDocument(document: DocumentToStore): Promise<DocumentRef> {
    const { applicationId, name, contentType, bytes } = document;
    if (!isSafeSegment(applicationId) || !isSafeSegment(name))
      throw new DependencyFault(
        "file-store",
        "an application id and a document name must be 1-128 letters, digits, '.', '_', '-'",
      );
    const folder = join(this.#dir, "documents", applicationId);
    try {
      await ensureDir(folder);
      // The content type first: a document is listed once its bytes exist, and then has its type.
      await writeFileAtomic(join(folder, metaName(name)), JSON.stringify({ contentType }));
      await writeFileAtomic(join(folder, name), bytes);
    } catch (error) {
      throw fsFault(`storing document ${name} of application ${applicationId}`, error);
    }
    return {
      key: documentKey(applicationId, name),
      contentType,
      size: bytes.byteLength,
      sha256: sha256(bytes),
    };
  }

  async getDocument(ref: Pick<DocumentRef, "key">): Promise<Uint8Array> {
    const parts = parseDocumentKey(ref.key);
    if (parts === undefined) throw new DocumentNotFoundFault(ref.key);
    try {
      return new Uint8Array(await readFile(join(this.#dir, "documents", parts.applicationId, parts.name)));
    } catch (error) {
      throw this.#translate(error, ref.key, "reading a document");
    }
  }

  async listDocuments(applicationId: string): Promise<readonly DocumentRef[]> {
    if (!isSafeSegment(applicationId)) return [];
    const folder = join(this.#dir, "documents", applicationId);
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if (errnoOf(error) === "ENOENT") return [];
      throw fsFault(`listing the documents of application ${applicationId}`, error);
    }
    const refs: DocumentRef[] = [];
    for (const name of names.filter(isSafeSegment).sort()) {
      try {
        const bytes = new Uint8Array(await readFile(join(folder, name)));
        refs.push({
          key: documentKey(applicationId, name),
          contentType: await this.#contentType(folder, name),
          size: bytes.byteLength,
          sha256: sha256(bytes),
        });
      } catch (error) {
        if (errnoOf(error) !== "ENOENT") throw fsFault(`reading document ${name}`, error);
      }
    }
    return refs;
  }

  async deleteDocuments(applicationId: string): Promise<void> {
    if (!isSafeSegment(applicationId)) return;
    try {
      await rm(join(this.#dir, "documents", applicationId), { recursive: true, force: true });
    } catch (error) {
      throw fsFault(`deleting the documents of application ${applicationId}`, error);
    }
  }

  async deleteUpload(upload: UploadRef): Promise<void> {
    const path = this.#uploadPath(upload.key);
    if (path === undefined) return;
    try {
      await rm(path, { force: true });
      await removeLeftoverTemps(path);
    } catch (error) {
      throw fsFault("deleting an upload", error);
    }
  }

  /** The file of an upload key, or `undefined` if the key is not one this store can hold. */
  #uploadPath(key: string): string | undefined {
    if (typeof key !== "string" || !key.startsWith(UPLOADS_PREFIX)) return undefined;
    const segments = key.slice(UPLOADS_PREFIX.length).split("/");
    if (segments.length > 8 || !segments.every(isSafeSegment)) return undefined;
    return join(this.#dir, "uploads", ...segments);
  }

  async #contentType(folder: string, name: string): Promise<string> {
    try {
      const meta = JSON.parse(await readFile(join(folder, metaName(name)), "utf8")) as {
        contentType?: unknown;
      };
      if (typeof meta.contentType === "string") return meta.contentType;
    } catch (error) {
      if (errnoOf(error) !== "ENOENT") throw error;
    }
    return "application/octet-stream";
  }

  #translate(error: unknown, key: string, what: string): Error {
    if (error instanceof DocumentNotFoundFault) return error;
    const code = errnoOf(error);
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR")
      return new DocumentNotFoundFault(key, { cause: error });
    return fsFault(what, error);
  }
}

/** The hidden file beside a document that keeps its content type (never a valid document name). */
const metaName = (name: string): string => `.${name}.meta.json`;

const documentKey = (applicationId: string, name: string): string => `documents/${applicationId}/${name}`;

function parseDocumentKey(key: string): { applicationId: string; name: string } | undefined {
  const [root, applicationId, name, ...rest] = typeof key === "string" ? key.split("/") : [];
  if (root !== "documents" || rest.length > 0 || !isSafeSegment(applicationId) || !isSafeSegment(name))
    return undefined;
  return { applicationId, name };
}
