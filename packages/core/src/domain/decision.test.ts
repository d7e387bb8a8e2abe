import { describe, expect, it } from "vitest";
import {
  band,
  DEFAULT_DECISION_POLICY,
  judgeFace,
  judgeIdentity,
  judgeLicenseValidation,
  reasonsOf,
  worstOf,
} from "./decision.js";

const at = new Date("2026-01-15T10:00:00.000Z");
const compared = (similarity: number, selfie = 1) =>
  ({ status: "COMPARED", similarity, faces: { license: 1, selfie }, engine: "e" }) as const;

describe("judging a face comparison on the 0–100 scale", () => {
  it.each([
    [99.9, "PASS", "FACE_MATCH"],
    [95, "PASS", "FACE_MATCH"],
    [94.99, "REVIEW", "FACE_SIMILARITY_LOW"],
    [80, "REVIEW", "FACE_SIMILARITY_LOW"],
    [79.99, "FAIL", "FACE_MISMATCH"],
    [0, "FAIL", "FACE_MISMATCH"],
  ])("similarity %d is %s (%s)", (similarity, outcome, reason) => {
    const check = judgeFace(compared(similarity), DEFAULT_DECISION_POLICY, at);

    expect(check).toMatchObject({ outcome, reason, similarity, bands: { pass: 95, review: 80 } });
  });

  it("does not read 0.99 as a pass: a fraction is far below the 0–100 bands", () => {
    expect(judgeFace(compared(0.99), DEFAULT_DECISION_POLICY, at).outcome).toBe("FAIL");
  });

  it("sends a confident match with a second face in the selfie to review", () => {
    expect(judgeFace(compared(99.5, 2), DEFAULT_DECISION_POLICY, at)).toMatchObject({
      outcome: "REVIEW",
      reason: "MULTIPLE_FACES",
    });
  });

  it("fails a missing face, and reviews an engine that could not run", () => {
    expect(
      judgeFace(
        { status: "FACE_NOT_DETECTED", document: "license", engine: "e" },
        DEFAULT_DECISION_POLICY,
        at,
      ).outcome,
    ).toBe("FAIL");
    expect(
      judgeFace({ status: "UNAVAILABLE", reason: "x", engine: "e" }, DEFAULT_DECISION_POLICY, at).outcome,
    ).toBe("REVIEW");
  });

  it("uses the bands it is given", () => {
    const policy = { ...DEFAULT_DECISION_POLICY, face: { pass: 99, review: 90 } };

    expect(judgeFace(compared(98), policy, at).outcome).toBe("REVIEW");
    expect(band(89, policy.face)).toBe("FAIL");
  });
});

describe("judging the identity and the license validation", () => {
  it("maps the comparison's outcome and keeps the model version", () => {
    const check = judgeIdentity(
      { status: "EXTRACTED", identity: {}, engine: "textract", modelVersion: "1.0" },
      { outcome: "REVIEW", fields: [{ field: "address", score: 85, outcome: "REVIEW", explanation: "x" }] },
      at,
    );

    expect(check).toMatchObject({ outcome: "REVIEW", reason: "IDENTITY_REVIEW", modelVersion: "1.0" });
  });

  it("fails an unreadable license and reviews an unavailable reader", () => {
    expect(
      judgeIdentity({ status: "UNREADABLE", code: "BAD_DOCUMENT", engine: "e" }, undefined, at).outcome,
    ).toBe("FAIL");
    expect(judgeIdentity({ status: "UNAVAILABLE", reason: "r", engine: "e" }, undefined, at).outcome).toBe(
      "REVIEW",
    );
  });

  it.each([
    [{ status: "VALID", provider: "p" }, "PASS"],
    [{ status: "INVALID", provider: "p", reason: "SUSPENDED" }, "FAIL"],
    [{ status: "UNAVAILABLE", provider: "p", reason: "TIMEOUT" }, "REVIEW"],
  ] as const)("%o is %s", (result, outcome) => {
    expect(judgeLicenseValidation(result, at).outcome).toBe(outcome);
  });

  it("takes the worst outcome", () => {
    expect(worstOf([])).toBe("PASS");
    expect(worstOf(["PASS", "REVIEW"])).toBe("REVIEW");
    expect(worstOf(["REVIEW", "FAIL", "PASS"])).toBe("FAIL");
  });

  it("names an expired license among the reasons", () => {
    const identity = judgeIdentity(
      { status: "EXTRACTED", identity: {}, engine: "e" },
      {
        outcome: "MISMATCH",
        fields: [{ field: "expirationDate", score: 0, outcome: "MISMATCH", explanation: "x" }],
      },
      at,
    );

    expect(reasonsOf({ identity }).map((r) => r.code)).toEqual(["IDENTITY_MISMATCH", "LICENSE_EXPIRED"]);
  });
});
