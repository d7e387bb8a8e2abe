import type { DocumentRef } from "@onboarding/core";

/**
 * Results scripted per document (by key or by SHA-256 of its bytes) with a default, for the
 * in-memory engines. Scripting by SHA-256 lets a test script a result before it knows the key.
 */
export class Script<T> {
  readonly #byDocument = new Map<string, T>();
  #fallback: T;

  constructor(fallback: T) {
    this.#fallback = fallback;
  }

  /** The result for a document, by its key or the hex SHA-256 of its bytes. */
  set(keyOrSha256: string, result: T): void {
    this.#byDocument.set(keyOrSha256, result);
  }

  setDefault(result: T): void {
    this.#fallback = result;
  }

  resultFor(...documents: readonly (DocumentRef | undefined)[]): T {
    for (const doc of documents) {
      if (doc === undefined) continue;
      const hit = this.#byDocument.get(doc.key) ?? this.#byDocument.get(doc.sha256);
      if (hit !== undefined) return hit;
    }
    return this.#fallback;
  }
}
