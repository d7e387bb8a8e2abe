import { faceMatcherContract } from "@onboarding/core/testing";
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureDocuments } from "../test-fixtures.js";
import { LOCAL_FACE_ENGINE, LocalFaceMatcher } from "./local-face-matcher.js";

// One matcher (and one model load) for the whole file.
const { documents, ref, put } = fixtureDocuments();
const matcher = new LocalFaceMatcher({ documents });
beforeAll(() => matcher.warmUp());

faceMatcherContract({
  name: "LocalFaceMatcher",
  make: () => ({
    matcher,
    samePerson: {
      license: ref("faces", "collins.png"),
      selfie: ref("faces", "derived", "collins-rotated.jpg"),
    },
    differentPeople: { license: ref("faces", "collins.png"), selfie: ref("faces", "hopper.jpg") },
    noFaceInSelfie: { license: ref("faces", "collins.png"), selfie: ref("faces", "derived", "no-face.jpg") },
  }),
  // Same bands the decision uses: the same person passes, different people fail.
  samePersonFloor: 95,
});

describe("LocalFaceMatcher", () => {
  it("passes the portrait on a rendered license against a derived selfie", async () => {
    // Arrange
    const request = {
      license: ref("cards", "license-hopper.jpg"),
      selfie: ref("faces", "derived", "hopper-grey.jpg"),
    };

    // Act
    const result = await matcher.compareFaces(request);

    // Assert
    expect(result).toMatchObject({
      status: "COMPARED",
      faces: { license: 1, selfie: 1 },
      engine: LOCAL_FACE_ENGINE,
    });
    if (result.status === "COMPARED") expect(result.similarity).toBeGreaterThanOrEqual(95);
  });

  it("fails a license of one person against the selfie of another", async () => {
    const result = await matcher.compareFaces({
      license: ref("cards", "license-collins.jpg"),
      selfie: ref("faces", "derived", "hopper-crop.jpg"),
    });

    expect(result.status).toBe("COMPARED");
    if (result.status === "COMPARED") expect(result.similarity).toBeLessThan(80);
  });

  it("counts every face in the selfie and keeps the best match", async () => {
    const result = await matcher.compareFaces({
      license: ref("cards", "license-collins.jpg"),
      selfie: ref("faces", "derived", "two-faces.jpg"),
    });

    expect(result).toMatchObject({ status: "COMPARED", faces: { selfie: 2 } });
    if (result.status === "COMPARED") expect(result.similarity).toBeGreaterThanOrEqual(95);
  });

  it("reports a face under the minimum size as not detected, saying so", async () => {
    const result = await matcher.compareFaces({
      license: ref("faces", "collins.png"),
      selfie: ref("faces", "derived", "tiny-face.jpg"),
    });

    expect(result).toMatchObject({ status: "FACE_NOT_DETECTED", document: "selfie" });
    if (result.status === "FACE_NOT_DETECTED") expect(result.detail).toMatch(/too small/);
  });

  it("names the license when the license has no face", async () => {
    const result = await matcher.compareFaces({
      license: ref("faces", "derived", "no-face.jpg"),
      selfie: ref("faces", "hopper.jpg"),
    });

    expect(result).toMatchObject({ status: "FACE_NOT_DETECTED", document: "license" });
  });

  it("answers UNAVAILABLE with a code for bytes that are no image", async () => {
    const garbage = put("garbage.jpg", new TextEncoder().encode("not an image"));

    const result = await matcher.compareFaces({ license: ref("faces", "collins.png"), selfie: garbage });

    expect(result).toEqual({
      status: "UNAVAILABLE",
      reason: "INVALID_IMAGE_FORMAT",
      engine: LOCAL_FACE_ENGINE,
    });
  });

  it("refuses a calibration whose cuts are out of order", () => {
    expect(
      () => new LocalFaceMatcher({ documents, calibration: { samePerson: 0.6, differentPeople: 0.5 } }),
    ).toThrow(RangeError);
  });
});
