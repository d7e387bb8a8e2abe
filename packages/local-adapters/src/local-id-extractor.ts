import type {
  DocumentRef,
  ExtractedIdentity,
  IdExtraction,
  IdExtractor,
  IdentityField,
} from "@onboarding/core";
import { identityFromAamva } from "./barcode/aamva.js";
import { readPdf417 } from "./barcode/pdf417.js";
import { type DocumentSource, readerOf } from "./document-bytes.js";
import { OcrEngine, OcrImageError } from "./ocr/ocr-engine.js";
import { parseLicenseFront } from "./ocr/parse-license-text.js";

export const LOCAL_ID_ENGINE = "local-tesseract";

export interface LocalIdExtractorOptions {
  /** Where the license bytes are read from. */
  readonly documents: DocumentSource;
  /** Fewer fields than this read off the front (and no barcode) is `UNREADABLE`. Default 3. */
  readonly minFields?: number;
  /** The OCR worker ends itself after this long without work (ms). Default 5000. */
  readonly idleMs?: number;
}

/** A front field that disagrees with the barcode keeps the barcode's value at this confidence: a person looks. */
export const DISAGREEMENT_CONFIDENCE = 50;

const FIELD_VALUE: Readonly<Record<IdentityField, (i: ExtractedIdentity) => string | undefined>> = {
  firstName: (i) => i.firstName,
  middleName: (i) => i.middleName,
  lastName: (i) => i.lastName,
  suffix: (i) => i.suffix,
  dateOfBirth: (i) => i.dateOfBirth,
  address: (i) => i.address?.line1,
  city: (i) => i.address?.city,
  state: (i) => i.address?.state,
  postalCode: (i) => i.address?.postalCode,
  licenseNumber: (i) => i.licenseNumber,
  expirationDate: (i) => i.expirationDate,
};

const comparable = (value: string | undefined) => (value ?? "").toUpperCase().replace(/[^A-Z0-9]/g, "");

/**
 * Barcode fields win (they are exact); each field the front also read is cross-checked, and a
 * disagreement lowers that field's confidence so the core sends it to a person. Fields only the
 * front read are kept with their OCR confidence.
 */
export function mergeFrontAndBack(front: ExtractedIdentity, back: ExtractedIdentity): ExtractedIdentity {
  const confidence: Partial<Record<IdentityField, number>> = { ...front.confidence, ...back.confidence };
  for (const [field, value] of Object.entries(FIELD_VALUE) as [
    IdentityField,
    (i: ExtractedIdentity) => string | undefined,
  ][]) {
    const f = value(front);
    const b = value(back);
    if (f !== undefined && b !== undefined && comparable(f) !== comparable(b))
      confidence[field] = Math.min(
        DISAGREEMENT_CONFIDENCE,
        front.confidence?.[field] ?? DISAGREEMENT_CONFIDENCE,
      );
  }
  const { confidence: _f, address: frontAddress, ...frontFields } = front;
  const { confidence: _b, address: backAddress, ...backFields } = back;
  const address = { ...frontAddress, ...backAddress };
  return {
    ...frontFields,
    ...backFields,
    ...(Object.keys(address).length === 0 ? {} : { address }),
    confidence,
  };
}

/**
 * The `IdExtractor` that runs on this machine: tesseract.js (English LSTM model shipped by
 * `@tesseract.js-data/eng`) reads the front, parsed by value patterns and layout
 * (`parseLicenseFront`); when the back is given, its AAMVA PDF417 barcode (zxing-wasm) is decoded,
 * trusted only with its `ANSI ` header, and its exact fields win over the OCR, cross-checked with it.
 *
 * - Confidence per field is the lowest tesseract word confidence (the core reviews < 80); barcode fields are 100.
 * - Bytes that are no image: `UNREADABLE` `BAD_DOCUMENT`. Fewer than `minFields` fields found and no
 *   barcode: `UNREADABLE` `UNSUPPORTED_DOCUMENT` (a photo, a page of text).
 * - Offline: the language data, the worker and the wasm cores are read from installed packages and
 *   nothing is written to the working directory. Call `close()` when done (the OCR worker is a thread).
 *
 * @example
 * ```ts
 * const extractor = new LocalIdExtractor({ documents: documentStore });
 * const result = await extractor.extractIdentity({ license, licenseBack });
 * await extractor.close();
 * ```
 */
export class LocalIdExtractor implements IdExtractor {
  readonly #read: (ref: Pick<DocumentRef, "key">) => Promise<Uint8Array>;
  readonly #ocr: OcrEngine;
  readonly #minFields: number;

  constructor(options: LocalIdExtractorOptions) {
    this.#read = readerOf(options.documents);
    this.#ocr = new OcrEngine(options.idleMs === undefined ? {} : { idleMs: options.idleMs });
    this.#minFields = options.minFields ?? 3;
  }

  async extractIdentity(request: {
    readonly license: DocumentRef;
    readonly licenseBack?: DocumentRef;
  }): Promise<IdExtraction> {
    const back = request.licenseBack === undefined ? undefined : await this.#readBack(request.licenseBack);
    let front: ReturnType<typeof parseLicenseFront>;
    try {
      front = parseLicenseFront(await this.#ocr.recognize(await this.#read(request.license)));
    } catch (error) {
      if (!(error instanceof OcrImageError)) throw error;
      if (back !== undefined) return this.#extracted(back);
      return {
        status: "UNREADABLE",
        code: "BAD_DOCUMENT",
        detail: "the license is not a readable image",
        engine: LOCAL_ID_ENGINE,
      };
    }
    if (back !== undefined) return this.#extracted(mergeFrontAndBack(front.identity, back));
    if (front.found < this.#minFields)
      return {
        status: "UNREADABLE",
        code: "UNSUPPORTED_DOCUMENT",
        detail: `only ${front.found} license field(s) found on the front`,
        engine: LOCAL_ID_ENGINE,
      };
    return this.#extracted(front.identity);
  }

  /** Ends the OCR worker thread. The extractor starts a new one if used again. */
  close(): Promise<void> {
    return this.#ocr.close();
  }

  #extracted(identity: ExtractedIdentity): IdExtraction {
    return { status: "EXTRACTED", identity, engine: LOCAL_ID_ENGINE };
  }

  async #readBack(ref: DocumentRef): Promise<ExtractedIdentity | undefined> {
    let texts: string[];
    try {
      texts = await readPdf417(await this.#read(ref));
    } catch {
      return undefined; // an undecodable back is no barcode: the front alone decides
    }
    for (const text of texts) {
      const identity = identityFromAamva(text);
      if (identity !== undefined) return identity;
    }
    return undefined;
  }
}
