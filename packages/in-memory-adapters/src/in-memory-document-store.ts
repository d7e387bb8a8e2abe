import {
  DocumentNotFoundFault,
  type DocumentRef,
  type DocumentStore,
  type DocumentToStore,
  sha256Hex,
  type UploadRead,
  type UploadRef,
} from "@onboarding/core";
import { type LatencyOptions, wait } from "./latency.js";

export interface InMemoryDocumentStoreOptions extends LatencyOptions {
  /** The prefix unpacked documents are written under. Default `applications/`. */
  readonly documentsPrefix?: string;
}

interface StoredObject {
  readonly bytes: Uint8Array;
  readonly contentType: string;
}

/** A `DocumentStore` in memory: one bucket, uploads and documents side by side. Bytes are copied in and out, so callers cannot alter what is stored. */
export class InMemoryDocumentStore implements DocumentStore {
  readonly #objects = new Map<string, StoredObject>();
  readonly #prefix: string;
  readonly #delayMs: number | undefined;

  constructor(options: InMemoryDocumentStoreOptions = {}) {
    this.#prefix = options.documentsPrefix ?? "applications/";
    this.#delayMs = options.delayMs;
  }

  /** Puts an upload, as a customer would, and returns its reference. */
  async putUpload(key: string, bytes: Uint8Array, bucket = ""): Promise<UploadRef> {
    this.#objects.set(key, { bytes: bytes.slice(), contentType: "application/zip" });
    return { bucket, key, version: (await sha256Hex(bytes)).slice(0, 32), size: bytes.byteLength };
  }

  /** Every stored key, uploads included; for tests. */
  keys(): string[] {
    return [...this.#objects.keys()];
  }

  async readUpload(upload: UploadRef, options: { readonly maxBytes: number }): Promise<UploadRead> {
    await wait(this.#delayMs);
    const object = this.#objects.get(upload.key);
    if (object === undefined) throw new DocumentNotFoundFault(upload.key);
    if (object.bytes.byteLength > options.maxBytes)
      return { status: "TOO_LARGE", size: object.bytes.byteLength };
    return { status: "READ", bytes: object.bytes.slice() };
  }

  async putDocument(document: DocumentToStore): Promise<DocumentRef> {
    await wait(this.#delayMs);
    const key = `${this.#prefix}${document.applicationId}/${document.name}`;
    this.#objects.set(key, { bytes: document.bytes.slice(), contentType: document.contentType });
    return {
      key,
      contentType: document.contentType,
      size: document.bytes.byteLength,
      sha256: await sha256Hex(document.bytes),
    };
  }

  async getDocument(ref: Pick<DocumentRef, "key">): Promise<Uint8Array> {
    await wait(this.#delayMs);
    const object = this.#objects.get(ref.key);
    if (object === undefined) throw new DocumentNotFoundFault(ref.key);
    return object.bytes.slice();
  }

  async listDocuments(applicationId: string): Promise<readonly DocumentRef[]> {
    await wait(this.#delayMs);
    const prefix = `${this.#prefix}${applicationId}/`;
    const refs: DocumentRef[] = [];
    for (const [key, object] of this.#objects) {
      if (!key.startsWith(prefix)) continue;
      refs.push({
        key,
        contentType: object.contentType,
        size: object.bytes.byteLength,
        sha256: await sha256Hex(object.bytes),
      });
    }
    return refs;
  }

  async deleteDocuments(applicationId: string): Promise<void> {
    await wait(this.#delayMs);
    const prefix = `${this.#prefix}${applicationId}/`;
    for (const key of [...this.#objects.keys()]) if (key.startsWith(prefix)) this.#objects.delete(key);
  }

  async deleteUpload(upload: UploadRef): Promise<void> {
    await wait(this.#delayMs);
    this.#objects.delete(upload.key);
  }
}
