import { describe, expect, it } from "vitest";
import type { DocumentRef } from "../../domain/documents.js";
import type { ExtractedIdentity } from "../../domain/identity.js";
import type { IdExtractor } from "../../ports/id-extractor.js";

export interface IdExtractorHarness {
  readonly extractor: IdExtractor;
  /** A license the engine reads, and the fields it must read off it exactly. */
  readonly readable: { readonly license: DocumentRef; readonly expected: ExtractedIdentity };
  /** A document that is not a readable license (omit if the engine cannot tell). */
  readonly unreadable?: DocumentRef;
}

export interface IdExtractorContractOptions {
  readonly name: string;
  readonly make: () => IdExtractorHarness | Promise<IdExtractorHarness>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The `IdExtractor` contract: every adapter runs it. */
export function idExtractorContract({ name, make }: IdExtractorContractOptions): void {
  describe(`${name} honours the IdExtractor contract`, () => {
    it("reads the expected fields, dates as YYYY-MM-DD, confidences on 0–100", async () => {
      const { extractor, readable } = await make();

      const result = await extractor.extractIdentity({ license: readable.license });

      expect(result.engine).not.toBe("");
      expect(result.status).toBe("EXTRACTED");
      if (result.status !== "EXTRACTED") return;
      const { confidence, ...fields } = result.identity;
      const { confidence: _ignored, ...expected } = readable.expected;
      expect(fields).toMatchObject(expected);
      for (const date of [fields.dateOfBirth, fields.expirationDate]) {
        if (date !== undefined && date !== "") expect(date).toMatch(ISO_DATE);
      }
      for (const value of Object.values(confidence ?? {})) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(100);
      }
    });

    it("reports a document that is not a license as UNREADABLE with a code", async (context) => {
      const { extractor, unreadable } = await make();
      if (unreadable === undefined) {
        context.skip();
        return;
      }

      const result = await extractor.extractIdentity({ license: unreadable });

      expect(result.status).toBe("UNREADABLE");
      if (result.status !== "UNREADABLE") return;
      expect(["BAD_DOCUMENT", "UNSUPPORTED_DOCUMENT", "DOCUMENT_TOO_LARGE"]).toContain(result.code);
    });
  });
}
