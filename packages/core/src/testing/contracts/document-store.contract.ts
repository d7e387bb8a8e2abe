import { describe, expect, it } from "vitest";
import type { UploadRef } from "../../domain/documents.js";
import { sha256Hex } from "../../domain/hash.js";
import type { DocumentStore } from "../../ports/document-store.js";

export interface DocumentStoreHarness {
  readonly store: DocumentStore;
  /** Puts an upload where `readUpload` finds it (the port itself never writes uploads). */
  readonly seedUpload: (key: string, bytes: Uint8Array) => Promise<UploadRef>;
}

export interface DocumentStoreContractOptions {
  readonly name: string;
  readonly make: () => DocumentStoreHarness | Promise<DocumentStoreHarness>;
}

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const uniqueId = (): string => `app-${Math.random().toString(36).slice(2, 12)}`;

const codeOf = async (promise: Promise<unknown>): Promise<string | undefined> => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

/** The `DocumentStore` contract: every adapter runs it. */
export function documentStoreContract({ name, make }: DocumentStoreContractOptions): void {
  describe(`${name} honours the DocumentStore contract`, () => {
    it("reads back an upload", async () => {
      const { store, seedUpload } = await make();
      const upload = await seedUpload(`uploads/${uniqueId()}.zip`, bytesOf("zip bytes"));

      const read = await store.readUpload(upload, { maxBytes: 1024 });

      expect(read.status).toBe("READ");
      expect(read.status === "READ" && new TextDecoder().decode(read.bytes)).toBe("zip bytes");
    });

    it("refuses an upload over the limit from its size and reports the size", async () => {
      const { store, seedUpload } = await make();
      const upload = await seedUpload(`uploads/${uniqueId()}.zip`, new Uint8Array(4096));

      const read = await store.readUpload(upload, { maxBytes: 4095 });

      expect(read).toEqual({ status: "TOO_LARGE", size: 4096 });
    });

    it("reports a missing upload as DOCUMENT_NOT_FOUND", async () => {
      const { store } = await make();

      const code = await codeOf(
        store.readUpload({ bucket: "", key: `uploads/${uniqueId()}.zip` }, { maxBytes: 10 }),
      );

      expect(code).toBe("DOCUMENT_NOT_FOUND");
    });

    it("stores a document and reads it back by its key, with its size and SHA-256", async () => {
      const { store } = await make();
      const applicationId = uniqueId();
      const bytes = bytesOf("license image bytes");

      const ref = await store.putDocument({
        applicationId,
        name: "license.jpg",
        contentType: "image/jpeg",
        bytes,
      });

      expect(ref.size).toBe(bytes.byteLength);
      expect(ref.contentType).toBe("image/jpeg");
      expect(ref.sha256).toBe(await sha256Hex(bytes));
      expect(ref.key).toContain(applicationId);
      expect(new TextDecoder().decode(await store.getDocument(ref))).toBe("license image bytes");
    });

    it("is idempotent: storing the same name twice keeps one document under the same key", async () => {
      const { store } = await make();
      const applicationId = uniqueId();
      const doc = { applicationId, name: "selfie.png", contentType: "image/png", bytes: bytesOf("selfie") };

      const first = await store.putDocument(doc);
      const second = await store.putDocument(doc);

      expect(second.key).toBe(first.key);
      expect(await store.listDocuments(applicationId)).toHaveLength(1);
    });

    it("keeps each application's documents apart", async () => {
      const { store } = await make();
      const a = uniqueId();
      const b = uniqueId();
      await store.putDocument({
        applicationId: a,
        name: "license.jpg",
        contentType: "image/jpeg",
        bytes: bytesOf("A"),
      });
      await store.putDocument({
        applicationId: b,
        name: "license.jpg",
        contentType: "image/jpeg",
        bytes: bytesOf("B"),
      });

      const listA = await store.listDocuments(a);
      const readA = await store.getDocument(listA[0] ?? { key: "" });
      await store.deleteDocuments(a);

      expect(listA).toHaveLength(1);
      expect(new TextDecoder().decode(readA)).toBe("A");
      expect(await store.listDocuments(a)).toEqual([]);
      expect(await store.listDocuments(b)).toHaveLength(1);
    });

    it("reports a missing document as DOCUMENT_NOT_FOUND", async () => {
      const { store } = await make();

      const code = await codeOf(store.getDocument({ key: `applications/${uniqueId()}/nothing.jpg` }));

      expect(code).toBe("DOCUMENT_NOT_FOUND");
    });

    it("deletes nothing without complaint", async () => {
      const { store } = await make();

      await expect(store.deleteDocuments(uniqueId())).resolves.toBeUndefined();
    });

    it("deletes an upload, and deleting it again is not an error", async () => {
      const { store, seedUpload } = await make();
      const upload = await seedUpload(`uploads/${uniqueId()}.zip`, bytesOf("zip"));

      await store.deleteUpload(upload);
      await store.deleteUpload(upload);

      expect(await codeOf(store.readUpload(upload, { maxBytes: 1024 }))).toBe("DOCUMENT_NOT_FOUND");
    });
  });
}
