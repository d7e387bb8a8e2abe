import {
  AnalyzeIDCommand,
  type AnalyzeIDResponse,
  BadDocumentException,
  DocumentTooLargeException,
  InternalServerError,
  ProvisionedThroughputExceededException,
  TextractClient,
  ThrottlingException,
  UnsupportedDocumentException,
} from "@aws-sdk/client-textract";
import {
  aDocumentRef,
  anApplicationForm,
  anExtractedIdentity,
  idExtractorContract,
} from "@onboarding/core/testing";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import license from "./__fixtures__/analyze-id-license.json" with { type: "json" };
import twoPages from "./__fixtures__/analyze-id-license-two-pages.json" with { type: "json" };
import unnormalized from "./__fixtures__/analyze-id-license-unnormalized-dates.json" with { type: "json" };
import noFields from "./__fixtures__/analyze-id-no-fields.json" with { type: "json" };
import { TextractIdExtractor } from "./textract-id-extractor.js";

const BUCKET = "onboarding-documents";
const front = aDocumentRef({ key: "applications/app-1/license.jpg" });
const back = aDocumentRef({ key: "applications/app-1/license_back.jpg" });

const setup = () => {
  const client = new TextractClient({ region: "us-east-1" });
  return { client, textract: mockClient(client) };
};

idExtractorContract({
  name: "TextractIdExtractor (mocked Textract, documented responses)",
  make: () => {
    const { client, textract } = setup();
    const unreadable = aDocumentRef({ key: "applications/c/not-a-license.jpg" });
    textract.on(AnalyzeIDCommand).resolves(license as AnalyzeIDResponse);
    textract
      .on(AnalyzeIDCommand, { DocumentPages: [{ S3Object: { Bucket: BUCKET, Name: unreadable.key } }] })
      .rejects(
        new UnsupportedDocumentException({
          message: "The format of the input document isn't supported.",
          $metadata: {},
        }),
      );
    const {
      confidence: _confidence,
      address,
      ...identity
    } = anExtractedIdentity(anApplicationForm({ middleName: "Elena" }));
    return {
      extractor: new TextractIdExtractor({ client, bucket: BUCKET }),
      // The license in the fixture prints the street without "Apt 4B" (line2 is not on licenses).
      readable: {
        license: front,
        expected: { ...identity, address: { ...address, line1: "1200 MARKET STREET" } },
      },
      unreadable,
    };
  },
});

describe("TextractIdExtractor", () => {
  let client: TextractClient;
  let textract: ReturnType<typeof mockClient>;
  beforeEach(() => {
    ({ client, textract } = setup());
  });

  it("sends the license (and its back as a second page) as S3 references", async () => {
    textract.on(AnalyzeIDCommand).resolves(twoPages as AnalyzeIDResponse);
    const extractor = new TextractIdExtractor({ client, bucket: BUCKET });

    await extractor.extractIdentity({ license: front, licenseBack: back });

    expect(textract).toHaveReceivedCommandWith(AnalyzeIDCommand, {
      DocumentPages: [
        { S3Object: { Bucket: BUCKET, Name: front.key } },
        { S3Object: { Bucket: BUCKET, Name: back.key } },
      ],
    });
  });

  it("maps the normalized fields, dates from NormalizedValue, each with its confidence, and the model version", async () => {
    textract.on(AnalyzeIDCommand).resolves(license as AnalyzeIDResponse);
    const extractor = new TextractIdExtractor({ client, bucket: BUCKET });

    const result = await extractor.extractIdentity({ license: front });

    expect(result).toEqual({
      status: "EXTRACTED",
      engine: "aws-textract",
      modelVersion: "1.0",
      identity: {
        firstName: "MARIA",
        middleName: "ELENA",
        lastName: "GARCIA",
        dateOfBirth: "1988-04-12",
        expirationDate: "2030-04-12",
        licenseNumber: "D1234567",
        address: { line1: "1200 MARKET STREET", city: "SAN FRANCISCO", state: "CA", postalCode: "94102" },
        confidence: {
          firstName: 98.97,
          middleName: 97.61,
          lastName: 98.99,
          dateOfBirth: 98.51,
          expirationDate: 98.84,
          licenseNumber: 98.72,
          address: 99.12,
          city: 99.37,
          state: 99.63,
          postalCode: 99.46,
        },
      },
    });
  });

  it("prefers the front page and fills a field only the back carries", async () => {
    textract.on(AnalyzeIDCommand).resolves(twoPages as AnalyzeIDResponse);
    const extractor = new TextractIdExtractor({ client, bucket: BUCKET });

    const result = await extractor.extractIdentity({ license: front, licenseBack: back });

    expect(result.status === "EXTRACTED" && result.identity).toMatchObject({
      address: { line1: "1200 MARKET STREET", postalCode: "94102-1234" },
      confidence: { address: 99.12, postalCode: 94.8 },
    });
  });

  it("normalises a printed MM/DD/YYYY date and leaves out one it cannot read", async () => {
    textract.on(AnalyzeIDCommand).resolves(unnormalized as AnalyzeIDResponse);
    const extractor = new TextractIdExtractor({ client, bucket: BUCKET });

    const result = await extractor.extractIdentity({ license: front });

    expect(result.status === "EXTRACTED" && result.identity.dateOfBirth).toBe("1988-04-12");
    expect(result.status === "EXTRACTED" && "expirationDate" in result.identity).toBe(false);
    expect(result.status === "EXTRACTED" && result.identity.confidence?.expirationDate).toBeUndefined();
  });

  it("reports a document without any field as UNREADABLE BAD_DOCUMENT", async () => {
    textract.on(AnalyzeIDCommand).resolves(noFields as AnalyzeIDResponse);
    const extractor = new TextractIdExtractor({ client, bucket: BUCKET });

    const result = await extractor.extractIdentity({ license: front });

    expect(result).toMatchObject({ status: "UNREADABLE", code: "BAD_DOCUMENT" });
  });

  it.each([
    [
      "BAD_DOCUMENT",
      new BadDocumentException({
        message: "Amazon Textract isn't able to read the document.",
        $metadata: {},
      }),
    ],
    [
      "UNSUPPORTED_DOCUMENT",
      new UnsupportedDocumentException({
        message: "The format of the input document isn't supported.",
        $metadata: {},
      }),
    ],
    [
      "DOCUMENT_TOO_LARGE",
      new DocumentTooLargeException({
        message: "The document can't be processed because it's too large.",
        $metadata: {},
      }),
    ],
  ])("reports %s as UNREADABLE with that code", async (code, exception) => {
    textract.on(AnalyzeIDCommand).rejects(exception);
    const extractor = new TextractIdExtractor({ client, bucket: BUCKET });

    const result = await extractor.extractIdentity({ license: front });

    expect(result).toMatchObject({ status: "UNREADABLE", code, engine: "aws-textract" });
  });

  it.each([
    [
      "ThrottlingException",
      new ThrottlingException({ message: "Slow down", $metadata: {} }),
      "DEPENDENCY_THROTTLED",
    ],
    [
      "ProvisionedThroughputExceededException",
      new ProvisionedThroughputExceededException({ message: "Over", $metadata: {} }),
      "DEPENDENCY_THROTTLED",
    ],
    [
      "InternalServerError",
      new InternalServerError({ message: "Internal", $metadata: {} }),
      "DEPENDENCY_UNAVAILABLE",
    ],
  ])("throws %s as a retryable fault", async (_name, exception, code) => {
    textract.on(AnalyzeIDCommand).rejects(exception);
    const extractor = new TextractIdExtractor({ client, bucket: BUCKET });

    const fault = await extractor.extractIdentity({ license: front }).catch((error: unknown) => error);

    expect(fault).toMatchObject({ code, retryable: true, dependency: "textract" });
  });
});
