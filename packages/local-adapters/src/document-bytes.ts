import type { DocumentRef, DocumentStore } from "@onboarding/core";

/** Reads a stored document's bytes: a `DocumentStore`, or any function with its `getDocument` shape. */
export type DocumentSource =
  | Pick<DocumentStore, "getDocument">
  | ((ref: Pick<DocumentRef, "key">) => Promise<Uint8Array>);

export const readerOf =
  (source: DocumentSource) =>
  (ref: Pick<DocumentRef, "key">): Promise<Uint8Array> =>
    typeof source === "function" ? source(ref) : source.getDocument(ref);
