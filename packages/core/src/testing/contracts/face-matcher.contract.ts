import { describe, expect, it } from "vitest";
import type { DocumentRef } from "../../domain/documents.js";
import type { FaceMatcher } from "../../ports/face-matcher.js";

/** A pair of documents the engine under test is known to judge a certain way. */
export interface FacePair {
  readonly license: DocumentRef;
  readonly selfie: DocumentRef;
}

export interface FaceMatcherHarness {
  readonly matcher: FaceMatcher;
  /** The same person on the license and in the selfie. */
  readonly samePerson: FacePair;
  /** Two different people. */
  readonly differentPeople: FacePair;
  /** A selfie with no face in it (omit if the engine cannot be made to see none). */
  readonly noFaceInSelfie?: FacePair;
}

export interface FaceMatcherContractOptions {
  readonly name: string;
  readonly make: () => FaceMatcherHarness | Promise<FaceMatcherHarness>;
  /** The similarity (0–100) the engine must reach for the same person. Default 80. */
  readonly samePersonFloor?: number;
  /** The similarity the engine must stay under for different people. Default 80. */
  readonly differentPeopleCeiling?: number;
}

/** The `FaceMatcher` contract: every adapter runs it. */
export function faceMatcherContract(options: FaceMatcherContractOptions): void {
  const { name, make, samePersonFloor = 80, differentPeopleCeiling = 80 } = options;

  describe(`${name} honours the FaceMatcher contract`, () => {
    it("scores the same person high on the 0–100 scale, naming its engine", async () => {
      const { matcher, samePerson } = await make();

      const result = await matcher.compareFaces(samePerson);

      expect(result.engine).not.toBe("");
      expect(result.status).toBe("COMPARED");
      if (result.status !== "COMPARED") return;
      expect(result.similarity).toBeGreaterThanOrEqual(samePersonFloor);
      expect(result.similarity).toBeLessThanOrEqual(100);
      expect(result.faces.license).toBeGreaterThanOrEqual(1);
      expect(result.faces.selfie).toBeGreaterThanOrEqual(1);
    });

    it("scores different people low and below the same person", async () => {
      const { matcher, samePerson, differentPeople } = await make();

      const same = await matcher.compareFaces(samePerson);
      const different = await matcher.compareFaces(differentPeople);

      expect(different.status).toBe("COMPARED");
      if (different.status !== "COMPARED" || same.status !== "COMPARED") return;
      expect(different.similarity).toBeGreaterThanOrEqual(0);
      expect(different.similarity).toBeLessThan(differentPeopleCeiling);
      expect(different.similarity).toBeLessThan(same.similarity);
    });

    it("reports a selfie without a face as FACE_NOT_DETECTED, not as a low score", async (context) => {
      const harness = await make();
      if (harness.noFaceInSelfie === undefined) {
        context.skip();
        return;
      }

      const result = await harness.matcher.compareFaces(harness.noFaceInSelfie);

      expect(result).toMatchObject({ status: "FACE_NOT_DETECTED", document: "selfie" });
    });
  });
}
