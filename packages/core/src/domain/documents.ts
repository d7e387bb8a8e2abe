import type { DocumentRole } from "./submission.js";

/**
 * Where a stored document lives. `key` is opaque to the core: the `DocumentStore` that returned
 * it (and the engines configured with the same store) know how to read it. Keys carry no PII.
 */
export interface DocumentRef {
  readonly key: string;
  readonly contentType: string;
  readonly size: number;
  /** Hex SHA-256 of the bytes, for the audit trail and for idempotent re-writes. */
  readonly sha256: string;
}

/** The documents an application keeps, by role. */
export type StoredDocuments = Partial<Record<DocumentRole, DocumentRef>>;

/** Where an upload came from: enough to find it again and to derive the application id. */
export interface UploadRef {
  /** The bucket (or other container) the upload landed in; `""` where the store has only one. */
  readonly bucket: string;
  readonly key: string;
  /** S3 version id or ETag: distinguishes two uploads to the same key. */
  readonly version?: string;
  /** The size the store reported, when known, so an oversized upload is refused before download. */
  readonly size?: number;
}
