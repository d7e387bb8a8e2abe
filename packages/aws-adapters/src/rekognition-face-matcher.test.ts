import {
  CompareFacesCommand,
  type CompareFacesResponse,
  DetectFacesCommand,
  type DetectFacesResponse,
  ImageTooLargeException,
  InvalidParameterException,
  InvalidS3ObjectException,
  ProvisionedThroughputExceededException,
  RekognitionClient,
  ThrottlingException,
} from "@aws-sdk/client-rekognition";
import { aDocumentRef, faceMatcherContract } from "@onboarding/core/testing";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { beforeEach, describe, expect, it } from "vitest";
import match from "./__fixtures__/compare-faces-match.json" with { type: "json" };
import noFaceInTarget from "./__fixtures__/compare-faces-no-face-in-target.json" with { type: "json" };
import noMatch from "./__fixtures__/compare-faces-no-match.json" with { type: "json" };
import severalFaces from "./__fixtures__/compare-faces-several-faces.json" with { type: "json" };
import detectNone from "./__fixtures__/detect-faces-none.json" with { type: "json" };
import detectOne from "./__fixtures__/detect-faces-one.json" with { type: "json" };
import { RekognitionFaceMatcher } from "./rekognition-face-matcher.js";

const BUCKET = "onboarding-documents";
const NO_FACE_MESSAGE = "There are no faces in the image. Should be at least 1.";
const license = aDocumentRef({ key: "applications/app-1/license.jpg" });
const selfie = aDocumentRef({ key: "applications/app-1/selfie.jpg" });
const target = (key: string) => ({ TargetImage: { S3Object: { Bucket: BUCKET, Name: key } } });

const setup = () => {
  const client = new RekognitionClient({ region: "us-east-1" });
  return { client, rekognition: mockClient(client) };
};

faceMatcherContract({
  name: "RekognitionFaceMatcher (mocked Rekognition, documented responses)",
  make: () => {
    const { client, rekognition } = setup();
    const same = aDocumentRef({ key: "applications/c/selfie-same.jpg" });
    const other = aDocumentRef({ key: "applications/c/selfie-other.jpg" });
    const empty = aDocumentRef({ key: "applications/c/selfie-empty.jpg" });
    rekognition.on(CompareFacesCommand, target(same.key), false).resolves(match as CompareFacesResponse);
    rekognition.on(CompareFacesCommand, target(other.key), false).resolves(noMatch as CompareFacesResponse);
    rekognition
      .on(CompareFacesCommand, target(empty.key), false)
      .rejects(new InvalidParameterException({ message: NO_FACE_MESSAGE, $metadata: {} }));
    rekognition.on(DetectFacesCommand).resolves(detectNone as DetectFacesResponse);
    const matcher = new RekognitionFaceMatcher({ client, bucket: BUCKET });
    return {
      matcher,
      samePerson: { license, selfie: same },
      differentPeople: { license, selfie: other },
      noFaceInSelfie: { license, selfie: empty },
    };
  },
});

describe("RekognitionFaceMatcher", () => {
  let client: RekognitionClient;
  let rekognition: ReturnType<typeof mockClient>;
  beforeEach(() => {
    ({ client, rekognition } = setup());
  });

  it("passes both images as S3 references (license as source, selfie as target) with the floor and quality filter", async () => {
    rekognition.on(CompareFacesCommand).resolves(match as CompareFacesResponse);
    const matcher = new RekognitionFaceMatcher({
      client,
      bucket: BUCKET,
      similarityFloor: 70,
      qualityFilter: "HIGH",
    });

    await matcher.compareFaces({ license, selfie });

    expect(rekognition).toHaveReceivedCommandWith(CompareFacesCommand, {
      SourceImage: { S3Object: { Bucket: BUCKET, Name: license.key } },
      TargetImage: { S3Object: { Bucket: BUCKET, Name: selfie.key } },
      SimilarityThreshold: 70,
      QualityFilter: "HIGH",
    });
  });

  it("reports a match with the best similarity and one face on each side", async () => {
    rekognition.on(CompareFacesCommand).resolves(match as CompareFacesResponse);
    const matcher = new RekognitionFaceMatcher({ client, bucket: BUCKET });

    const result = await matcher.compareFaces({ license, selfie });

    expect(result).toEqual({
      status: "COMPARED",
      similarity: 99.5435791015625,
      faces: { license: 1, selfie: 1 },
      engine: "aws-rekognition",
    });
  });

  it("counts every face in the selfie, matched or not, so the core can send it to review", async () => {
    rekognition.on(CompareFacesCommand).resolves(severalFaces as CompareFacesResponse);
    const matcher = new RekognitionFaceMatcher({ client, bucket: BUCKET });

    const result = await matcher.compareFaces({ license, selfie });

    expect(result).toMatchObject({
      status: "COMPARED",
      similarity: 97.2109375,
      faces: { license: 1, selfie: 2 },
    });
  });

  it("reports no match above the floor as COMPARED with similarity 0", async () => {
    rekognition.on(CompareFacesCommand).resolves(noMatch as CompareFacesResponse);
    const matcher = new RekognitionFaceMatcher({ client, bucket: BUCKET, similarityFloor: 80 });

    const result = await matcher.compareFaces({ license, selfie });

    expect(result).toMatchObject({ status: "COMPARED", similarity: 0, faces: { license: 1, selfie: 1 } });
  });

  it("reports a selfie whose faces were all filtered out as FACE_NOT_DETECTED in the selfie", async () => {
    rekognition.on(CompareFacesCommand).resolves(noFaceInTarget as CompareFacesResponse);
    const matcher = new RekognitionFaceMatcher({ client, bucket: BUCKET });

    const result = await matcher.compareFaces({ license, selfie });

    expect(result).toMatchObject({ status: "FACE_NOT_DETECTED", document: "selfie" });
  });

  it("names the license when CompareFaces finds no face and DetectFaces sees one in the selfie", async () => {
    rekognition
      .on(CompareFacesCommand)
      .rejects(new InvalidParameterException({ message: NO_FACE_MESSAGE, $metadata: {} }));
    rekognition.on(DetectFacesCommand).resolves(detectOne as DetectFacesResponse);
    const matcher = new RekognitionFaceMatcher({ client, bucket: BUCKET });

    const result = await matcher.compareFaces({ license, selfie });

    expect(result).toMatchObject({
      status: "FACE_NOT_DETECTED",
      document: "license",
      engine: "aws-rekognition",
    });
    expect(rekognition).toHaveReceivedCommandWith(DetectFacesCommand, {
      Image: { S3Object: { Bucket: BUCKET, Name: selfie.key } },
    });
  });

  it("answers UNAVAILABLE for an image Rekognition cannot take", async () => {
    rekognition
      .on(CompareFacesCommand)
      .rejects(new ImageTooLargeException({ message: "Image size is too large.", $metadata: {} }));
    const matcher = new RekognitionFaceMatcher({ client, bucket: BUCKET });

    const result = await matcher.compareFaces({ license, selfie });

    expect(result).toEqual({ status: "UNAVAILABLE", reason: "IMAGE_TOO_LARGE", engine: "aws-rekognition" });
  });

  it.each([
    ["ThrottlingException", new ThrottlingException({ message: "Slow down", $metadata: {} })],
    [
      "ProvisionedThroughputExceededException",
      new ProvisionedThroughputExceededException({ message: "Over", $metadata: {} }),
    ],
  ])("throws %s as a retryable DEPENDENCY_THROTTLED fault", async (_name, exception) => {
    rekognition.on(CompareFacesCommand).rejects(exception);
    const matcher = new RekognitionFaceMatcher({ client, bucket: BUCKET });

    const fault = await matcher.compareFaces({ license, selfie }).catch((error: unknown) => error);

    expect(fault).toMatchObject({ code: "DEPENDENCY_THROTTLED", retryable: true, dependency: "rekognition" });
  });

  it("throws an unreadable S3 object (permissions, wrong bucket) as a non-retryable fault", async () => {
    rekognition
      .on(CompareFacesCommand)
      .rejects(
        new InvalidS3ObjectException({ message: "Unable to get object metadata from S3.", $metadata: {} }),
      );
    const matcher = new RekognitionFaceMatcher({ client, bucket: BUCKET });

    const fault = await matcher.compareFaces({ license, selfie }).catch((error: unknown) => error);

    expect(fault).toMatchObject({ code: "DEPENDENCY_FAILED", retryable: false });
  });
});
