import {
  AnalyzeIDCommand,
  type AnalyzeIDCommandOutput,
  type IdentityDocument,
  type TextractClient,
} from "@aws-sdk/client-textract";
import type {
  Address,
  DocumentRef,
  ExtractedIdentity,
  IdExtraction,
  IdExtractor,
  IdentityField,
  UnreadableDocumentCode,
} from "@onboarding/core";
import { dependencyFault, errorName } from "./sdk-error.js";

export interface TextractIdExtractorOptions {
  readonly client: TextractClient;
  /** The bucket the documents are in (the `DocumentStore`'s bucket); keys come from the refs. */
  readonly bucket: string;
}

export const TEXTRACT_ENGINE = "aws-textract";
const DEPENDENCY = "textract";

const UNREADABLE: Readonly<Record<string, UnreadableDocumentCode>> = {
  BadDocumentException: "BAD_DOCUMENT",
  UnsupportedDocumentException: "UNSUPPORTED_DOCUMENT",
  DocumentTooLargeException: "DOCUMENT_TOO_LARGE",
};

type AddressPart = keyof Pick<Address, "line1" | "city" | "state" | "postalCode">;
type Target =
  | {
      readonly field: Exclude<IdentityField, "address" | "city" | "state" | "postalCode">;
      readonly date?: true;
    }
  | { readonly field: IdentityField; readonly address: AddressPart };

/** AnalyzeID's normalized driver's-license fields (`Type.Text`) and where each goes. */
const FIELDS: Readonly<Record<string, Target>> = {
  FIRST_NAME: { field: "firstName" },
  MIDDLE_NAME: { field: "middleName" },
  LAST_NAME: { field: "lastName" },
  SUFFIX: { field: "suffix" },
  DOCUMENT_NUMBER: { field: "licenseNumber" },
  DATE_OF_BIRTH: { field: "dateOfBirth", date: true },
  EXPIRATION_DATE: { field: "expirationDate", date: true },
  ADDRESS: { field: "address", address: "line1" },
  CITY_IN_ADDRESS: { field: "city", address: "city" },
  STATE_IN_ADDRESS: { field: "state", address: "state" },
  ZIP_CODE_IN_ADDRESS: { field: "postalCode", address: "postalCode" },
};

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const US_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})$/;

/** `NormalizedValue.Value` is ISO-8601 (`1986-01-18T00:00:00`); without it, a US `MM/DD/YYYY` print. */
function isoDate(text: string, normalized: string | undefined): string | undefined {
  const iso = ISO_DATE.exec(normalized ?? "");
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const us = US_DATE.exec(text.trim());
  if (us) return `${us[3]}-${(us[1] ?? "").padStart(2, "0")}-${(us[2] ?? "").padStart(2, "0")}`;
  return undefined;
}

/**
 * The `IdExtractor` on Amazon Textract `AnalyzeID`, reading the license (and its back, as a second
 * page, when given) from S3.
 *
 * - Fields come from `IdentityDocumentFields`, by their normalized `Type.Text`; the front page wins
 *   over the back for a field both carry. An empty value is left out.
 * - Dates use `ValueDetection.NormalizedValue` (ISO-8601) and are returned as `YYYY-MM-DD`; a date
 *   that cannot be normalised is left out rather than guessed.
 * - Each field keeps its `Confidence` (0–100); `AnalyzeIDModelVersion` is returned as `modelVersion`.
 * - `BadDocumentException`, `UnsupportedDocumentException`, `DocumentTooLargeException` are
 *   `UNREADABLE` with `BAD_DOCUMENT`, `UNSUPPORTED_DOCUMENT`, `DOCUMENT_TOO_LARGE`.
 * - Throttling and 5xx are retryable `DependencyFault`s.
 */
export class TextractIdExtractor implements IdExtractor {
  readonly #client: TextractClient;
  readonly #bucket: string;

  constructor(options: TextractIdExtractorOptions) {
    this.#client = options.client;
    this.#bucket = options.bucket;
  }

  async extractIdentity(request: {
    readonly license: DocumentRef;
    readonly licenseBack?: DocumentRef;
  }): Promise<IdExtraction> {
    const pages = [request.license, ...(request.licenseBack === undefined ? [] : [request.licenseBack])];
    let output: AnalyzeIDCommandOutput;
    try {
      output = await this.#client.send(
        new AnalyzeIDCommand({
          DocumentPages: pages.map((page) => ({ S3Object: { Bucket: this.#bucket, Name: page.key } })),
        }),
      );
    } catch (error) {
      const code = UNREADABLE[errorName(error)];
      if (code !== undefined) {
        return {
          status: "UNREADABLE",
          code,
          detail: `Textract: ${errorName(error)}`,
          engine: TEXTRACT_ENGINE,
        };
      }
      throw dependencyFault(DEPENDENCY, "AnalyzeID", error);
    }

    const documents = [...(output.IdentityDocuments ?? [])].sort(
      (a, b) => (a.DocumentIndex ?? 0) - (b.DocumentIndex ?? 0),
    );
    if (documents.every((document) => (document.IdentityDocumentFields ?? []).length === 0)) {
      return {
        status: "UNREADABLE",
        code: "BAD_DOCUMENT",
        detail: "Textract found no identity document fields",
        engine: TEXTRACT_ENGINE,
      };
    }
    return {
      status: "EXTRACTED",
      identity: toIdentity(documents),
      engine: TEXTRACT_ENGINE,
      ...(output.AnalyzeIDModelVersion === undefined ? {} : { modelVersion: output.AnalyzeIDModelVersion }),
    };
  }
}

function toIdentity(documents: readonly IdentityDocument[]): ExtractedIdentity {
  const values: Partial<Record<IdentityField, string>> = {};
  const address: { -readonly [K in AddressPart]?: string } = {};
  const confidence: Partial<Record<IdentityField, number>> = {};

  for (const document of documents) {
    for (const entry of document.IdentityDocumentFields ?? []) {
      const target = FIELDS[entry.Type?.Text ?? ""];
      const detection = entry.ValueDetection;
      if (target === undefined || detection === undefined) continue;
      if (values[target.field] !== undefined) continue; // the front page (DocumentIndex 1) wins
      const text = (detection.Text ?? "").trim();
      const value = "date" in target ? isoDate(text, detection.NormalizedValue?.Value) : text;
      if (value === undefined || value === "") continue;
      values[target.field] = value;
      if ("address" in target) address[target.address] = value;
      if (detection.Confidence !== undefined) confidence[target.field] = detection.Confidence;
    }
  }

  const { address: _line1, city: _city, state: _state, postalCode: _postalCode, ...scalar } = values;
  return {
    ...scalar,
    ...(Object.keys(address).length === 0 ? {} : { address }),
    ...(Object.keys(confidence).length === 0 ? {} : { confidence }),
  };
}
