import { readFileSync } from "node:fs";
import path from "node:path";
import type { DocumentRef } from "@onboarding/core";
import { packageRoot } from "./package-paths.js";

/** A fixture's bytes, from `fixtures/`. For tests and the benchmark. */
export const fixture = (...parts: string[]): Uint8Array =>
  new Uint8Array(readFileSync(path.join(packageRoot(), "fixtures", ...parts)));

/** An in-memory document source keyed by fixture path, and refs into it. */
export function fixtureDocuments(): {
  readonly documents: (ref: Pick<DocumentRef, "key">) => Promise<Uint8Array>;
  readonly ref: (...parts: string[]) => DocumentRef;
  readonly put: (key: string, bytes: Uint8Array) => DocumentRef;
} {
  const extra = new Map<string, Uint8Array>();
  const ref = (key: string): DocumentRef => ({
    key,
    contentType: key.endsWith(".png") ? "image/png" : "image/jpeg",
    size: 0,
    sha256: "",
  });
  return {
    documents: async ({ key }) => extra.get(key) ?? fixture(...key.split("/")),
    ref: (...parts) => ref(parts.join("/")),
    put: (key, bytes) => {
      extra.set(key, bytes);
      return ref(key);
    },
  };
}
