import type { DocumentRef, UploadRef } from "../domain/documents.js";

/** The outcome of reading an upload: its bytes, or its size when that is over the limit. */
export type UploadRead =
  | { readonly status: "READ"; readonly bytes: Uint8Array }
  | { readonly status: "TOO_LARGE"; readonly size: number };

/** What to store: a document of one application. */
export interface DocumentToStore {
  readonly applicationId: string;
  /** A name without PII, unique within the application (e.g. `license.jpg`). */
  readonly name: string;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/**
 * Where uploads are read from and unpacked documents are written to (S3 in production).
 *
 * Unpacked documents live under a prefix of their own, separate from uploads, so that writing
 * them never looks like a new upload.
 */
export interface DocumentStore {
  /**
   * Reads an uploaded archive. The size is checked before any byte is downloaded: an upload
   * larger than `maxBytes` returns `TOO_LARGE` with its size and is left where it is.
   * Throws `DocumentNotFoundFault` when there is no such upload; `DependencyFault` on failure.
   */
  readUpload(upload: UploadRef, options: { readonly maxBytes: number }): Promise<UploadRead>;

  /**
   * Stores one document of an application, encrypted at rest. Idempotent: storing the same
   * name again replaces it with the same key, so a redelivered event never creates a second copy.
   * The returned key carries the application id and the name only, never PII.
   */
  putDocument(document: DocumentToStore): Promise<DocumentRef>;

  /** Reads a stored document. Throws `DocumentNotFoundFault` when the key points at nothing. */
  getDocument(ref: Pick<DocumentRef, "key">): Promise<Uint8Array>;

  /** Lists the documents stored for an application (none: an empty array). */
  listDocuments(applicationId: string): Promise<readonly DocumentRef[]>;

  /** Deletes every document of an application. Deleting nothing is not an error. */
  deleteDocuments(applicationId: string): Promise<void>;

  /** Deletes an upload (every version, where the store keeps versions). Deleting nothing is not an error. */
  deleteUpload(upload: UploadRef): Promise<void>;
}
